import {FIELD_SEPARATOR, withoutSeparator} from '../strings.js'
import type {XcValues} from './values.js'

// A row's cross-check values held between the pass that reads them and the child's reconciling
// (crosscheck.ts keeps the rows of children on the primary list until the primary list is read):
// one string per row instead of an object and twenty strings, a third of the memory.

export function packValues(v: XcValues): string {
  // One join, not `+=`: concatenation keeps a tree of every piece alive, many times the text.
  const parts = [
    v.idValid ? '1' : '', v.birthYear === undefined ? '' : String(v.birthYear),
    v.name, v.gender, v.birthDate, v.idNumber, v.regionCode, v.school, v.grade, v.guardianName, v.status, v.statusReason,
    v.leftBehind, v.fatherStatus, v.motherStatus, v.reportingUnit, v.county, v.town, v.village, v.schoolStatus,
  ]
  for (let i = 2; i < parts.length; i++) parts[i] = withoutSeparator(parts[i]!)
  return parts.join(FIELD_SEPARATOR)
}

export function unpackValues(packed: string): XcValues {
  const p = packed.split(FIELD_SEPARATOR)
  // One literal in xcValues' key order: every row gets the same shape (fast property reads).
  const v: XcValues = {
    name: p[2]!, gender: p[3]!, birthDate: p[4]!, idNumber: p[5]!, idValid: p[0] === '1', regionCode: p[6]!, school: p[7]!, grade: p[8]!,
    guardianName: p[9]!, status: p[10]!, statusReason: p[11]!, leftBehind: p[12]!, fatherStatus: p[13]!, motherStatus: p[14]!,
    reportingUnit: p[15]!, county: p[16]!, town: p[17]!, village: p[18]!, schoolStatus: p[19]!,
  }
  if (p[1] !== '') v.birthYear = Number(p[1])
  return v
}
