// Reading a plain roster row into what linkage compares: the cells of the mapped fields, as
// written (the columns normalise them), and education's 全国学籍号 standing in for an empty ID.

import type {Roster, RosterRow} from '../../schema/roster.js'
import type {RecordValues} from './columns.js'

const STUDENT_ID = /^[GLgl](\d{17}[\dXx])$/

/**
 * The function that reads one row of `roster` (`readable`: its cells at their columns, 0 for a
 * shifted row) into the values `add` takes.
 */
export function rowReader(roster: Roster): (row: RosterRow, readable: number) => RecordValues {
  const studentAt = roster.fieldIndex.get('studentId')
  return (row, readable) => {
    const values = rowValues(roster, readable > 0 && row.ragged !== undefined ? {ref: row.ref, cells: row.cells} : row)
    if (readable > 0 && values.idNumber === undefined && studentAt !== undefined && studentAt < readable) {
      // Education's 全国学籍号 is G (or L) and the ID number: the child's ID when its own cell is empty.
      const id = STUDENT_ID.exec((row.cells[studentAt] ?? '').normalize('NFKC').trim())?.[1]
      if (id) values.idNumber = id
    }
    return values
  }
}

/** Reads the linkage values of one roster row. */
export function rowValues(roster: Pick<Roster, 'fieldIndex'>, row: RosterRow): RecordValues {
  if (row.ragged !== undefined) return {row: row.ref.row, unread: true}
  const f = fieldsOf(roster)
  const cells = row.cells
  const cell = (i: number): string | undefined => (i < 0 ? undefined : cells[i] || undefined)
  let filled = 0
  for (const i of f.all) if ((cells[i] ?? '').trim() !== '') filled++
  const phones: string[] = []
  for (const i of f.phones) {
    const p = cells[i]
    if (p) phones.push(p)
  }
  // One literal with every property: the same hidden class for every row.
  return {
    row: row.ref.row,
    unread: false,
    name: cell(f.name),
    idNumber: cell(f.idNumber),
    birthDate: cell(f.birthDate),
    gender: cell(f.gender),
    regionCode: cell(f.regionCode),
    county: cell(f.county),
    town: cell(f.town),
    village: cell(f.village),
    guardianName: cell(f.guardianName),
    guardianIdNumber: cell(f.guardianIdNumber),
    fatherName: cell(f.fatherName),
    motherName: cell(f.motherName),
    phones,
    reportDate: cell(f.reportDate),
    filled,
  }
}

interface FieldColumns {
  name: number
  idNumber: number
  birthDate: number
  gender: number
  regionCode: number
  county: number
  town: number
  village: number
  guardianName: number
  guardianIdNumber: number
  fatherName: number
  motherName: number
  reportDate: number
  phones: number[]
  all: number[]
}

const fieldColumns = new WeakMap<object, FieldColumns>()
function fieldsOf(roster: Pick<Roster, 'fieldIndex'>): FieldColumns {
  let f = fieldColumns.get(roster.fieldIndex)
  if (f === undefined) {
    const at = (field: string): number => roster.fieldIndex.get(field) ?? -1
    f = {
      name: at('name'),
      idNumber: at('idNumber'),
      birthDate: at('birthDate'),
      gender: at('gender'),
      regionCode: at('regionCode'),
      county: at('county'),
      town: at('town'),
      village: at('village'),
      guardianName: at('guardianName'),
      guardianIdNumber: at('guardianIdNumber'),
      fatherName: at('fatherName'),
      motherName: at('motherName'),
      reportDate: at('reportDate'),
      phones: ['guardianPhone', 'phone', 'fatherPhone', 'motherPhone'].map(at).filter((i) => i >= 0),
      all: [...roster.fieldIndex.values()],
    }
    fieldColumns.set(roster.fieldIndex, f)
  }
  return f
}
