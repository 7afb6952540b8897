import type {XcValues} from './values.js'

// A row's cross-check values held between the pass that reads them and the child's reconciling
// (crosscheck.ts keeps the rows of children on the primary list until the primary list is read):
// one string per row instead of an object and twenty strings, a third of the memory.

const FIELDS = ['name', 'gender', 'birthDate', 'idNumber', 'regionCode', 'school', 'grade', 'guardianName', 'status', 'statusReason', 'leftBehind', 'fatherStatus', 'motherStatus', 'reportingUnit', 'county', 'town', 'village'] as const satisfies readonly (keyof XcValues)[]

const SEPARATOR = '\u001f'
// A unit separator inside a cell is no text anyone typed: read as a space, it cannot shift the fields.
const STRAY_SEPARATOR = /\u001f/g

export function packValues(v: XcValues): string {
  // One join, not `+=`: concatenation keeps a tree of every piece alive, many times the text.
  const parts: string[] = [v.idValid ? '1' : '', v.birthYear === undefined ? '' : String(v.birthYear)]
  for (const f of FIELDS) {
    const value = v[f]
    parts.push(value.includes(SEPARATOR) ? value.replace(STRAY_SEPARATOR, ' ') : value)
  }
  return parts.join(SEPARATOR)
}

export function unpackValues(packed: string): XcValues {
  const parts = packed.split(SEPARATOR)
  const v = {idValid: parts[0] === '1'} as XcValues
  if (parts[1] !== '') v.birthYear = Number(parts[1])
  FIELDS.forEach((f, i) => (v[f] = parts[i + 2]!))
  return v
}
