// The education (学籍) roster: the county's export of enrolled students aged 6 and over, one
// .xlsx sheet as the student-record system writes it (学生姓名, 全国学籍号 = G + ID number …).
// Birth dates are real Excel date cells in some rows and text in others, as in merged exports.

import {writeFileAtomic} from '../io/atomic-write.js'
import {excelJs} from '../io/exceljs-load.js'
import type {FaultDraft, SheetRow} from './faults.js'
import {type Child, type Population, nameOf} from './population.js'
import type {Random} from './random.js'
import {type Plan, excelMangled} from './scenarios.js'

export const EDUCATION_FILE = 'education.xlsx'

export const EDU_COLUMNS = [
  ['name', '学生姓名'],
  ['gender', '性别'],
  ['birthDate', '出生日期'],
  ['idType', '身份证件类型'],
  ['idNumber', '身份证件号'],
  ['studentId', '全国学籍号'],
  ['school', '学校名称'],
  ['schoolCode', '学校标识码'],
  ['grade', '年级'],
  ['className', '班级'],
  ['boarding', '就读方式'],
  ['leftBehind', '是否留守儿童'],
  ['hukouType', '户口性质'],
  ['guardianName', '监护人姓名'],
  ['guardianPhone', '监护人联系电话'],
] as const

type EduField = (typeof EDU_COLUMNS)[number][0]
const COL = new Map<string, number>(EDU_COLUMNS.map(([f], i) => [f, i]))
const HEADER_OF = new Map<string, string>(EDU_COLUMNS)

const GRADE_ORDER = ['大班', '一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '七年级', '八年级', '九年级', '高一', '高二', '高三']

export interface EducationRoster {
  header: string[]
  rows: SheetRow[]
  /** Rows whose birth date is a real date cell (the others hold text). */
  dateRows: Set<SheetRow>
  /** Rows whose ID cell is a number (what Excel keeps of an 18-digit number). */
  numericIdRows: Map<SheetRow, number>
  faults: FaultDraft[]
  rowOf: Map<Child, SheetRow>
}

/** Enrolled, alive and still registered here: who the student roster lists. */
export function onEducationRoster(c: Child): boolean {
  return c.age >= 6 && c.school !== undefined && !c.droppedOut && c.ps.status === '正常'
}

export function renderEducation(pop: Population, plan: Plan, rng: Random): EducationRoster {
  const file = EDUCATION_FILE
  const students = pop.children.filter(onEducationRoster)
  const faults: FaultDraft[] = []
  const dateRows = new Set<SheetRow>()
  const numericIdRows = new Map<SheetRow, number>()
  const rowOf = new Map<Child, SheetRow>()
  const conflicts = new Map(plan.conflicts.filter((c) => c.oddIn === 'education').map((c) => [`${c.child.key}:${c.field}`, c]))

  const built = students.map((c) => {
    const f = c.family
    const guardian = f.guardian
    const v: Record<EduField, string> = {
      name: nameOf(c),
      gender: c.male ? '男' : '女',
      birthDate: c.birth,
      idType: '居民身份证',
      idNumber: c.id,
      studentId: `G${c.id}`,
      school: c.school?.name ?? '',
      schoolCode: c.school?.code ?? '',
      grade: c.grade,
      className: c.className,
      boarding: c.boarding ? '住校' : '走读',
      leftBehind: f.leftBehind && c.age < 16 ? '是' : '否',
      hukouType: '农业户口',
      guardianName: nameOf(guardian.person),
      guardianPhone: guardian.person.phone,
    }
    const sheet: SheetRow = {childId: c.key, cells: [], row: 0}
    const pending: Omit<FaultDraft, 'file' | 'at'>[] = []
    for (const field of ['name', 'gender', 'birthDate', 'idNumber', 'guardianName'] as const) {
      const k = conflicts.get(`${c.key}:${field}`)
      if (!k) continue
      v[field] = k.value
      if (field === 'idNumber') v.studentId = `G${k.value}`
      if (field === 'birthDate') {
        pending.push({kind: 'validate', code: 'BIRTH_MISMATCH', field, column: HEADER_OF.get(field), value: k.value, expected: k.expected, description: k.description})
      }
      if (field === 'gender') {
        pending.push({kind: 'validate', code: 'GENDER_MISMATCH', field, column: HEADER_OF.get(field), value: k.value, expected: k.expected, description: k.description})
      }
    }
    if (plan.eduMangledId === c) {
      const mangled = excelMangled(c.id)
      numericIdRows.set(sheet, Number(mangled))
      v.idNumber = mangled
      pending.push({kind: 'validate', code: 'ID_EXCEL_MANGLED', field: 'idNumber', column: HEADER_OF.get('idNumber'), value: mangled, expected: c.id,
        description: 'ID typed into a number-formatted cell: Excel kept 15 significant digits (4.30524201105061E+17)'})
    }
    if (rng.chance(0.45)) dateRows.add(sheet)
    for (const p of pending) faults.push({...p, file, at: sheet})
    rowOf.set(c, sheet)
    return {c, v, sheet}
  })

  built.sort(
    (a, b) =>
      a.v.school.localeCompare(b.v.school) ||
      GRADE_ORDER.indexOf(a.v.grade) - GRADE_ORDER.indexOf(b.v.grade) ||
      a.v.grade.localeCompare(b.v.grade) ||
      a.v.className.localeCompare(b.v.className) ||
      a.c.key.localeCompare(b.c.key),
  )
  built.forEach(({v, sheet}, i) => {
    sheet.row = i + 2
    sheet.cells = EDU_COLUMNS.map(([field]) => v[field])
  })
  return {header: EDU_COLUMNS.map(([, h]) => h), rows: built.map((b) => b.sheet), dateRows, numericIdRows, faults, rowOf}
}

/** Writes the student roster: text cells, except the date cells and the number-typed ID. */
export async function writeEducationXlsx(target: string, roster: EducationRoster, asOf: string): Promise<void> {
  const workbook = new (excelJs().Workbook)()
  const stamp = new Date(`${asOf}T08:00:00Z`)
  workbook.creator = '学籍管理系统'
  workbook.lastModifiedBy = '学籍管理系统'
  workbook.created = stamp
  workbook.modified = stamp
  const sheet = workbook.addWorksheet('学生信息')
  const widths = [10, 6, 12, 14, 22, 22, 30, 14, 8, 8, 10, 12, 10, 10, 14]
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w))
  const header = sheet.getRow(1)
  roster.header.forEach((h, i) => {
    const cell = header.getCell(i + 1)
    cell.value = h
    cell.font = {bold: true}
  })
  const birthCol = (COL.get('birthDate') ?? 2) + 1
  const idCol = (COL.get('idNumber') ?? 4) + 1
  for (const r of roster.rows) {
    const row = sheet.getRow(r.row)
    r.cells.forEach((value, i) => {
      const cell = row.getCell(i + 1)
      cell.value = value
      cell.numFmt = '@'
    })
    if (roster.dateRows.has(r)) {
      const cell = row.getCell(birthCol)
      const iso = r.cells[birthCol - 1] ?? ''
      cell.value = new Date(`${iso}T00:00:00Z`)
      cell.numFmt = 'yyyy-mm-dd'
    }
    const n = roster.numericIdRows.get(r)
    if (n !== undefined) {
      const cell = row.getCell(idCol)
      cell.value = n
      cell.numFmt = 'General'
    }
  }
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
  await writeFileAtomic(target, pinZipTimestamps(buffer, asOf))
}

/**
 * Sets every modification time in a zip (local headers and central directory) to `iso` at noon,
 * so that the same workbook is the same bytes whenever it is written.
 */
export function pinZipTimestamps(zip: Buffer, iso: string): Buffer {
  const out = Buffer.from(zip)
  const [year, month, day] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))]
  const dosDate = ((Math.max(1980, year) - 1980) << 9) | (month << 5) | day
  const dosTime = 12 << 11
  // End of central directory: the last 0x06054b50 signature.
  let eocd = -1
  for (let i = out.length - 22; i >= 0; i--) {
    if (out.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return out
  const entries = out.readUInt16LE(eocd + 10)
  let p = out.readUInt32LE(eocd + 16)
  for (let e = 0; e < entries && p + 46 <= out.length && out.readUInt32LE(p) === 0x02014b50; e++) {
    out.writeUInt16LE(dosTime, p + 12)
    out.writeUInt16LE(dosDate, p + 14)
    const local = out.readUInt32LE(p + 42)
    if (local + 30 <= out.length && out.readUInt32LE(local) === 0x04034b50) {
      out.writeUInt16LE(dosTime, local + 10)
      out.writeUInt16LE(dosDate, local + 12)
    }
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32)
  }
  return out
}
