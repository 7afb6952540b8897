// The civil-affairs (民政) roster of left-behind children: one row per child under 16 whose
// parents are both away (or one away and the other unable to care), compiled from the villages'
// submissions, with a title row above the header, saved by Excel as GB18030 CSV. Faults are
// injected at known rows (see FAULTS.md of a generated sample).

import {namesLookAlike} from '../cn/confusables.js'
import {checkDigit} from '../cn/id-number.js'
import {solarToLunar, explainLunarMismatch} from '../cn/lunar.js'
import {pinyinKey} from '../cn/pinyin.js'
import {checkIdRegion, lookupRegion} from '../cn/region.js'
import {sameUpToVariants} from '../cn/variants.js'
import {daysInMonth} from '../cn/text.js'
import {addDays, compact, excelSerial, minusYears, parts} from './calendar.js'
import type {FaultDraft, SheetRow} from './faults.js'
import {type CareForm, careForms, parentHomeEligible, plantParentHome, writeParentConditions} from './parent-forms.js'
import {formerCodeBefore, type Place} from './places.js'
import {type Child, type Population, isListedLeftBehind, nameOf} from './population.js'
import type {Random} from './random.js'
import {type Plan, otherVillageOf} from './scenarios.js'

export const CIVIL_AFFAIRS_FILE = 'civil-affairs.csv'
export const SUPPLEMENT_FILE = 'civil-affairs-supplement.csv'

export const CA_COLUMNS = [
  ['seq', '序号'],
  ['name', '姓名'],
  ['gender', '性别'],
  ['ethnicity', '民族'],
  ['idNumber', '身份证号'],
  ['birthDate', '出生日期'],
  ['regionCode', '行政区划代码'],
  ['town', '乡镇'],
  ['village', '村（居）'],
  ['address', '现住址'],
  ['schoolStatus', '就学状况'],
  ['school', '学校名称'],
  ['health', '健康状况'],
  ['guardianshipType', '监护类型'],
  ['guardianName', '监护人姓名'],
  ['guardianIdNumber', '监护人身份证号'],
  ['guardianRelation', '与儿童关系'],
  ['guardianPhone', '监护人联系电话'],
  ['fatherName', '父亲姓名'],
  ['fatherIdNumber', '父亲身份证号'],
  ['fatherStatus', '父亲状况'],
  ['fatherWorkplace', '父亲务工地'],
  ['motherName', '母亲姓名'],
  ['motherIdNumber', '母亲身份证号'],
  ['motherStatus', '母亲状况'],
  ['motherWorkplace', '母亲务工地'],
  ['reportingUnit', '填报单位'],
  ['reportDate', '填报日期'],
  ['remarks', '备注'],
] as const

export type CaField = (typeof CA_COLUMNS)[number][0]
const HEADER_OF = new Map<string, string>(CA_COLUMNS)

interface CaRow {
  child: Child
  place: Place
  v: Record<CaField, string>
  sheet: SheetRow
  copy: boolean
  /** Faults already on the row (rows carry at most a small, independent set). */
  used: boolean
}

export interface CivilAffairsRoster {
  title: string
  header: string[]
  rows: SheetRow[]
  faults: FaultDraft[]
  /** The roster rows of each child (two for a duplicated child). */
  rowsOf: Map<Child, SheetRow[]>
  /** How many rows carry at least one injected fault. */
  faultyRows: number
  duplicates: {child: Child; kind: DuplicateKind; description: string; rows: SheetRow[]}[]
  /** Rows whose parent at home is ill or disabled, written as clerks write it (parent-forms.ts). */
  careForms: CareForm[]
  /** Rows holding another child's ID number (the carrier's row; the owner's when it is on the roster too). */
  wrongNumbers: WrongNumber[]
}

/**
 * A roster row holding another child's ID number (src/link/identity.ts): a sibling's copied from
 * the row above, one twin's typed for both, or a neighbour's child's copied from the household
 * register (the owner is on the register, not on this roster).
 */
export interface WrongNumber {
  kind: 'sibling' | 'twin' | 'register'
  carrier: Child
  owner: Child
  description: string
}

export type DuplicateKind = 'other-village' | 'homophone' | 'look-alike' | 'id-typo'

const pad2 = (n: number): string => String(n).padStart(2, '0')

function toFullWidth(s: string): string {
  return s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
}

function wrongCheck(id: string): string {
  const right = checkDigit(id.slice(0, 17))
  const digits = '0123456789'.split('').filter((d) => d !== right)
  return id.slice(0, 17) + (digits[(Number(id[16]) * 7 + 3) % digits.length] ?? '0')
}

function withCheck(first17: string): string {
  return first17 + checkDigit(first17)
}

function baseValues(child: Child, place: Place, reportDate: string): Record<CaField, string> {
  const f = child.family
  const g = f.guardian
  return {
    seq: '',
    name: nameOf(child),
    gender: child.male ? '男' : '女',
    ethnicity: child.ethnicity,
    idNumber: child.id,
    birthDate: child.birth,
    regionCode: place.village.code,
    town: place.townName,
    village: place.villageName,
    address: `${place.townName}${place.villageName}${f.group}组`,
    schoolStatus: child.schoolStatus,
    school: child.school?.name ?? '',
    health: child.health,
    guardianshipType: g.type,
    guardianName: nameOf(g.person),
    guardianIdNumber: g.person.id,
    guardianRelation: g.relation,
    guardianPhone: g.person.phone,
    fatherName: nameOf(f.father),
    fatherIdNumber: f.father.id,
    fatherStatus: f.father.status,
    fatherWorkplace: f.father.workplace,
    motherName: nameOf(f.mother),
    motherIdNumber: f.mother.id,
    motherStatus: f.mother.status,
    motherWorkplace: f.mother.workplace,
    reportingUnit: place.reportingUnit,
    reportDate,
    remarks: '',
  }
}

export function renderCivilAffairs(pop: Population, plan: Plan, rng: Random): CivilAffairsRoster {
  const file = CIVIL_AFFAIRS_FILE
  const {area, asOf} = pop
  const reportDates = new Map<string, string>()
  for (const p of area.places) reportDates.set(p.village.code, addDays(asOf, -rng.int(3, 25)))
  const dateOf = (p: Place): string => reportDates.get(p.village.code) ?? asOf

  const listed = pop.children.filter((c) => isListedLeftBehind(c) || c === plan.agedOut)
  const rows: CaRow[] = listed.map((child) => {
    const place = child.family.place
    return {child, place, v: baseValues(child, place, dateOf(place)), sheet: {childId: child.key, cells: [], row: 0}, copy: false, used: false}
  })
  const rowOf = new Map<Child, CaRow>(rows.map((r) => [r.child, r]))
  const faults: FaultDraft[] = []

  const fault = (r: CaRow, code: string, field: CaField | undefined, description: string, value?: string, kind: FaultDraft['kind'] = 'validate'): FaultDraft => {
    const d: FaultDraft = {file, at: r.sheet, kind, code, description}
    if (field !== undefined) {
      d.field = field
      d.column = HEADER_OF.get(field)
      const before = r.v[field]
      if (value !== undefined) r.v[field] = value
      d.value = r.v[field]
      if (value !== undefined && before !== value) d.expected = before
    }
    faults.push(d)
    r.used = true
    return d
  }

  // ---- scenario rows: the values the story needs (the truth is already in the population)
  for (const c of plan.conflicts) {
    const r = rowOf.get(c.child)
    if (r && c.oddIn === 'civil-affairs') r.v[c.field as CaField] = c.value
  }
  const [dropout] = plan.dropouts
  if (dropout) {
    const r = rowOf.get(dropout)
    if (r) fault(r, 'SCHOOL_AGE_MISMATCH', 'schoolStatus', `dropped out at ${dropout.age} (辍学): a real dropout alert, not a typo; also absent from the student roster`, '辍学')
    if (r) r.v.school = ''
  }
  if (plan.agedOut) {
    const r = rowOf.get(plan.agedOut)
    if (r) fault(r, 'AGE_OUT_OF_RANGE', 'birthDate', `${plan.agedOut.age} years old at ${asOf}: turned 16 and was not taken off the roster`)
  }
  if (plan.uyghur) {
    const r = rowOf.get(plan.uyghur)
    if (r) fault(r, 'NAME_FORMAT', 'name', 'minority name written with a bullet • instead of the middle dot · (U+00B7)', r.v.name.replace('·', '•'))
  }

  // ---- a parent at home who cannot care, written where clerks write it (no fault lands on those rows)
  const conditions = writeParentConditions(rows, rng.fork('parent-forms'))

  // ---- random validate faults, on rows of their own (never on a scenario child's row)
  // Rows are tried in one shuffled order; rows already used drift to the front and are skipped
  // once, so picking stays cheap on a roster of hundreds of thousands of rows.
  const order = rng.shuffle(rows.filter((r) => !plan.reserved.has(r.child) && r.child.fullName === undefined))
  let start = 0
  const pickRow = (label: string, pred: (r: CaRow) => boolean = () => true): CaRow | undefined => {
    while (start < order.length && order[start]?.used) start++
    for (let i = start; i < order.length; i++) {
      const r = order[i] as CaRow
      if (r.used || !pred(r)) continue
      r.used = true
      return r
    }
    plan.skipped.push(label)
    return undefined
  }
  const birthParts = (r: CaRow): [number, number, number] => parts(r.child.birth)
  const y = (r: CaRow): number => birthParts(r)[0]
  const m = (r: CaRow): number => birthParts(r)[1]
  const d = (r: CaRow): number => birthParts(r)[2]
  const grandparentGuardian = (r: CaRow): boolean => r.child.family.guardian.type === '祖辈监护'

  const slots: [string, (r: CaRow) => boolean, (r: CaRow) => void][] = [
    ['ID_CHECKSUM', () => true, (r) => {
      fault(r, 'ID_CHECKSUM', 'idNumber', 'check digit wrong (last character mistyped)', wrongCheck(r.v.idNumber))
      fault(r, 'PHONE_INVALID', 'guardianPhone', 'mobile number with a digit missing (10 digits)', r.v.guardianPhone.slice(0, 10))
    }],
    ['ID_EXCEL_MANGLED scientific', () => true, (r) => {
      const sci = `${r.v.idNumber[0]}.${r.v.idNumber.slice(1, 6)}E+17`
      fault(r, 'ID_EXCEL_MANGLED', 'idNumber', `Excel showed the ID in scientific notation (${sci}) and the CSV kept it`, sci)
      fault(r, 'ENUM_UNKNOWN', 'guardianRelation', 'relation outside the code list (干爹, a godfather)', '干爹')
    }],
    ['ID_EXCEL_MANGLED zeros', (r) => checkDigit((r.v.idNumber.slice(0, 15) + '00').slice(0, 17)) !== '0', (r) => {
      fault(r, 'ID_EXCEL_MANGLED', 'idNumber', 'last three digits zeroed by a spreadsheet (15 significant digits)', r.v.idNumber.slice(0, 15) + '000')
      fault(r, 'PHONE_INVALID', 'guardianPhone', 'landline with a local number too short', `0${rng.int(730, 746)}-${rng.int(10000, 99999)}`)
    }],
    ['ID_FORMAT', (r) => !r.v.idNumber.endsWith('00'), (r) => {
      const id = r.v.idNumber
      fault(r, 'ID_FORMAT', 'idNumber', '17 characters: one digit of the date left out', id.slice(0, 9) + id.slice(10))
    }],
    ['REQUIRED_MISSING', () => true, (r) => {
      fault(r, 'REQUIRED_MISSING', 'idNumber', 'ID number left empty', '')
      fault(r, 'NOT_CANONICAL', 'birthDate', 'date written 2011.5.6', `${y(r)}.${m(r)}.${d(r)}`)
    }],
    ['NOT_CANONICAL lowercase x + DATE_INVALID', (r) => [2, 4, 6, 9, 11].includes(m(r)), (r) => {
      // Re-issue this child's ID so that it ends in X (every file then carries that number).
      const c = r.child
      c.id = pop.ids.make(c.id.slice(0, 6), c.birth, c.male, (id) => id.endsWith('X'))
      r.v.idNumber = c.id
      fault(r, 'NOT_CANONICAL', 'idNumber', 'lowercase x as the check character', c.id.slice(0, 17) + 'x')
      fault(r, 'DATE_INVALID', 'birthDate', 'a day the month does not have', `${y(r)}-${pad2(m(r))}-${pad2(daysInMonth(y(r), m(r)) + 1)}`)
    }],
    ['NOT_CANONICAL full-width + SCHOOL_AGE_MISMATCH', (r) => r.child.age >= 8 && r.child.age <= 10 && r.child.schoolStatus === '小学', (r) => {
      fault(r, 'NOT_CANONICAL', 'idNumber', 'full-width digits (typed with the input method in 全角 mode)', toFullWidth(r.v.idNumber))
      fault(r, 'NOT_CANONICAL', 'birthDate', 'date written 20110506', compact(r.child.birth))
      fault(r, 'SCHOOL_AGE_MISMATCH', 'schoolStatus', `${r.child.age} years old and 辍学 (wrong option picked: the child is at school)`, '辍学')
    }],
    ['NOT_CANONICAL apostrophe', () => true, (r) => {
      fault(r, 'NOT_CANONICAL', 'idNumber', "leading apostrophe (Excel's text marker typed into the cell)", `'${r.v.idNumber}`)
      fault(r, 'NOT_CANONICAL', 'birthDate', 'date as an Excel serial number', String(excelSerial(r.child.birth)))
    }],
    ['NOT_CANONICAL spaces', (r) => grandparentGuardian(r) && r.child.family.guardian.person.birth < '1999-12-31', (r) => {
      const id = r.v.idNumber
      fault(r, 'NOT_CANONICAL', 'idNumber', 'ID typed in groups with spaces', `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`)
      const gid = r.v.guardianIdNumber
      fault(r, 'ID_LEGACY_15', 'guardianIdNumber', "the grandparent's old 15-digit ID number", gid.slice(0, 6) + gid.slice(8, 17))
    }],
    ['NAME_FORMAT + GENDER_MISMATCH', (r) => r.child.given.length >= 1, (r) => {
      fault(r, 'NAME_FORMAT', 'name', 'a space between surname and given name', `${r.child.surname} ${r.child.given}`)
      fault(r, 'GENDER_MISMATCH', 'gender', "gender disagrees with the ID's 17th digit", r.child.male ? '女' : '男')
      fault(r, 'NOT_CANONICAL', 'birthDate', 'date written 2011/5/6', `${y(r)}/${m(r)}/${d(r)}`)
    }],
    ['NAME_INVALID + REGION_NAME_MISMATCH + ID_BIRTH_INVALID', (r) => [2, 4, 6, 9, 11].includes(m(r)) && area.places.some((p) => p.town.code === r.place.town.code && p !== r.place), (r) => {
      const id = r.v.idNumber
      const bad = `${y(r)}${pad2(m(r))}${pad2(daysInMonth(y(r), m(r)) + 1)}`
      fault(r, 'ID_BIRTH_INVALID', 'idNumber', 'the birth date inside the ID does not exist (its check digit is right)', withCheck(id.slice(0, 6) + bad + id.slice(14, 17)))
      fault(r, 'NAME_INVALID', 'fatherName', "junk word instead of the father's name (不详)", '不详')
      fault(r, 'NAME_INVALID', 'motherName', "无 (none) written for the mother, who left after a divorce", '无')
      const other = area.places.find((p) => p.town.code === r.place.town.code && p !== r.place)
      if (other) fault(r, 'REGION_NAME_MISMATCH', 'village', `village name of another village of the town (${other.villageName}) under this village's code`, other.villageName)
    }],
    ['BIRTH_MISMATCH lunar', (r) => lunarAsSolar(r.child.birth) !== undefined, (r) => {
      const lunar = lunarAsSolar(r.child.birth) ?? r.child.birth
      fault(r, 'BIRTH_MISMATCH', 'birthDate', 'the lunar (农历) birthday written as if Gregorian', lunar)
    }],
    ['BIRTH_MISMATCH typo', (r) => d(r) <= 18, (r) => {
      const typo = `${y(r)}-${pad2(m(r))}-${pad2(d(r) + 10)}`
      fault(r, 'BIRTH_MISMATCH', 'birthDate', 'day of birth mistyped (10 days off the ID)', typo)
      fault(r, 'PHONE_INVALID', 'guardianPhone', 'mobile number with an extra digit (12 digits)', r.v.guardianPhone + String(rng.int(0, 9)))
    }],
    ['DATE_AMBIGUOUS + ENUM_UNKNOWN', (r) => d(r) <= 12 && d(r) !== m(r), (r) => {
      fault(r, 'DATE_AMBIGUOUS', 'birthDate', 'DD/MM/YYYY: reads as two different dates', `${pad2(d(r))}/${pad2(m(r))}/${y(r)}`)
      if (r.v.ethnicity === '汉族') fault(r, 'ENUM_UNKNOWN', 'ethnicity', 'ethnic group mistyped through pinyin (汗族 for 汉族)', '汗族')
      else fault(r, 'ENUM_UNKNOWN', 'ethnicity', `ethnic group written ${r.v.ethnicity}人 (not a value of the list)`, `${r.v.ethnicity}人`)
      fault(r, 'ENUM_UNKNOWN', 'guardianshipType', 'guardianship type outside the code list (爷爷带)', '爷爷带')
    }],
    ['GUARDIAN_INVALID minor', () => true, (r) => {
      const c = r.child
      const birth = addDays(minusYears(asOf, rng.int(16, 17)), -rng.int(10, 300))
      const id = pop.ids.make(c.id.slice(0, 6), birth, false)
      fault(r, 'GUARDIAN_INVALID', 'guardianIdNumber', 'guardian is a 16–17-year-old cousin (younger than 18)', id)
      fault(r, 'NOT_CANONICAL', 'birthDate', 'date written 2011年5月6日', `${y(r)}年${m(r)}月${d(r)}日`)
      r.v.guardianName = c.surname + (c.given === '思雨' ? '思琪' : '思雨')
      r.v.guardianRelation = '兄姐'
      r.v.guardianshipType = '亲属监护'
    }],
    ['GUARDIAN_INVALID self + REGION_CODE_INVALID', () => true, (r) => {
      r.v.guardianName = r.v.name
      fault(r, 'GUARDIAN_INVALID', 'guardianIdNumber', "the child's own name and ID entered as the guardian's", r.v.idNumber)
      fault(r, 'REGION_CODE_INVALID', 'regionCode', 'a village code that does not exist (digits mistyped)', nonexistentVillage(r.place, rng))
    }],
    ['PARENT_AGE_IMPLAUSIBLE', () => true, (r) => {
      const c = r.child
      const fatherBirth = addDays(minusYears(c.birth, 12), -rng.int(10, 200))
      const id = pop.ids.make(c.family.father.id.slice(0, 6), fatherBirth, true)
      fault(r, 'PARENT_AGE_IMPLAUSIBLE', 'fatherIdNumber', "the father's ID says he was 12 at the birth (his own child's number was pasted and edited)", id)
    }],
    ['NOT_LEFT_BEHIND', (r) => parentHomeEligible(r.child), (r) => plantParentHome(r, (code, field, description, value) => fault(r, code, field, description, value))],
    ['ROW_RAGGED', () => true, (r) => {
      const cut = CA_COLUMNS.slice(-2).map(([, h]) => h).join(', ')
      fault(r, 'ROW_RAGGED', undefined, `the last two cells (${cut}) are missing: ${CA_COLUMNS.length - 2} cells under a ${CA_COLUMNS.length}-column header`)
      r.sheet.ragged = true
    }],
    ['ID_REGION_UNKNOWN', (r) => unknownRegion(r.v.idNumber.slice(0, 6), y(r)) !== undefined, (r) => {
      const id = r.v.idNumber
      const region = unknownRegion(id.slice(0, 6), y(r)) ?? '439999'
      fault(r, 'ID_REGION_UNKNOWN', 'idNumber', `region digits mistyped (${region}: no such county code)`, withCheck(region + id.slice(6, 17)))
    }],
    ['ID_REGION_ANACHRONISM', (r) => formerCodeBefore(area, y(r)) !== undefined, (r) => {
      const id = r.v.idNumber
      const code = formerCodeBefore(area, y(r)) ?? ''
      const info = lookupRegion(code)
      fault(r, 'ID_REGION_ANACHRONISM', 'idNumber', `region ${code} (${info?.name ?? ''}) was abolished before the child was born`, withCheck(code + id.slice(6, 17)))
    }],
  ]
  for (const [label, pred, apply] of slots) {
    const r = pickRow(label, pred)
    if (r) apply(r)
  }
  // Larger rosters get more of the everyday faults, to keep their share roughly constant.
  const extraRounds = Math.max(0, Math.floor((rows.length - 150) / 60))
  for (let i = 0; i < extraRounds; i++) {
    for (const [label, pred, apply] of EVERYDAY) {
      const r = pickRow(label, pred)
      if (r) apply(r, fault, rng)
    }
  }

  // ---- numbers on the wrong child, chosen in roster order without a random draw (the rest of the
  // roster stays as it was): the carrier keeps its own name, birth date and sex
  const wrongNumbers: WrongNumber[] = []
  const usable = (r: CaRow | undefined): r is CaRow =>
    r !== undefined && !r.used && !plan.reserved.has(r.child) && r.child.fullName === undefined && r.child.registered && r.child.ps.status === '正常'
  // Their faults are written once the rows have their numbers (related rows are copied then).
  const numbered: (() => void)[] = []
  const carry = (kind: WrongNumber['kind'], carrier: CaRow, owner: Child, ownerRow: CaRow | undefined, description: string): void => {
    carrier.v.idNumber = owner.id
    carrier.used = true
    if (ownerRow) ownerRow.used = true
    numbered.push(() => carried(carrier, owner, ownerRow, description))
    // The lists of the other departments hold the carrier under its own number.
    plan.conflicts.push({child: carrier.child, field: 'idNumber', oddIn: 'civil-affairs', value: owner.id, expected: carrier.child.id, description})
    wrongNumbers.push({kind, carrier: carrier.child, owner, description})
  }
  const carried = (carrier: CaRow, owner: Child, ownerRow: CaRow | undefined, description: string): void => {
    const c = carrier.child
    const related = ownerRow ? [{...ownerRow.sheet, file}] : []
    const draft = (code: string, field: CaField, kindOf: FaultDraft['kind'] = 'validate'): FaultDraft => ({file, at: carrier.sheet, kind: kindOf, code, field, column: HEADER_OF.get(field), value: carrier.v[field], description, related})
    if (ownerRow) {
      faults.push(draft('ID_DUPLICATE', 'idNumber'))
      faults.push({file, at: ownerRow.sheet, kind: 'validate', code: 'ID_DUPLICATE', field: 'idNumber', column: HEADER_OF.get('idNumber'), value: owner.id, description, related: [{...carrier.sheet, file}]})
    }
    if (c.birth !== owner.birth) faults.push({...draft('BIRTH_MISMATCH', 'birthDate'), expected: owner.birth})
    if (c.male !== owner.male) faults.push({...draft('GENDER_MISMATCH', 'gender'), expected: owner.male ? '男' : '女'})
    if (c.birth !== owner.birth || c.male !== owner.male) {
      // The owner on the household register only: dedupe sees the shared number when given that list too.
      const notOwn: FaultDraft = {...draft('DUP_ID_NOT_OWN', 'idNumber', 'dedupe'), expected: c.id}
      if (!ownerRow) notOwn.optional = true
      faults.push(notOwn)
    }
  }
  // The number's age must not make the carrier 16+ or its school stage impossible (SCHOOL_AGE_MISMATCH).
  // Nor move the child in or out of compulsory school age, which crosscheck reads from the number.
  const compulsory = (age: number): boolean => age >= 6 && age <= 15
  const numberFits = (c: Child, owner: Child): boolean => owner.age < 16 && stagePlausible(c.schoolStatus, owner.age) && compulsory(owner.age) === compulsory(c.age)
  const siblingRow = rows.find((r) => {
    if (!usable(r) || r.child.twin) return false
    const elder = r.child.family.children.find((o) => o.birth < r.child.birth && !o.twin && usable(rowOf.get(o)) && numberFits(r.child, o))
    return elder !== undefined
  })
  if (siblingRow) {
    const elder = siblingRow.child.family.children.find((o) => o.birth < siblingRow.child.birth && !o.twin && usable(rowOf.get(o)) && numberFits(siblingRow.child, o))!
    carry('sibling', siblingRow, elder, rowOf.get(elder), `the elder sibling's ID number copied from the row above (${nameOf(elder)}'s): not this child's own`)
  } else plan.skipped.push("a sibling's copied ID number")
  // Twins of one sex whose given names differ by a character that neither sounds nor looks alike
  // if there are (the number then fits both: the twin rule), else such twins of either sex, else
  // a boy and a girl named alike. Twins of one sex named alike (刘宇远 / 刘宇源) under one number
  // are not planted: nothing on their rows tells them from one child typed twice.
  const twinPair = (c: Child): boolean => c.twin !== undefined && c.key < c.twin.key && !plan.twins?.includes(c) && usable(rowOf.get(c)) && usable(rowOf.get(c.twin))
  const namesApart = (c: Child): boolean => c.twin !== undefined && twinNamesApart(nameOf(c), nameOf(c.twin))
  const twin =
    pop.children.find((c) => twinPair(c) && c.male === c.twin?.male && namesApart(c)) ??
    pop.children.find((c) => twinPair(c) && namesApart(c)) ??
    pop.children.find((c) => twinPair(c) && c.male !== c.twin?.male)
  if (twin?.twin) {
    carry('twin', rowOf.get(twin.twin)!, twin, rowOf.get(twin), `one twin's ID number (${nameOf(twin)}'s) typed for both twins: not this twin's own`)
  } else plan.skipped.push("twins under one ID number")
  const registerRow = rows.find((r) => usable(r) && !r.child.twin && neighbourOf(r) !== undefined)
  const neighbour = registerRow && neighbourOf(registerRow)
  if (registerRow && neighbour) {
    carry('register', registerRow, neighbour, undefined, `the ID number of a neighbour's child (${nameOf(neighbour)}, on the household register, not on this roster) copied onto this row: not this child's own`)
  } else plan.skipped.push("a copied ID number whose owner is only on the household register")
  function neighbourOf(r: CaRow): Child | undefined {
    const c = r.child
    return pop.children.find(
      (o) =>
        o.family !== c.family && o.family.place.village.code === c.family.place.village.code && !isListedLeftBehind(o) && o.registered && o.ps.status === '正常' &&
        o.fullName === undefined && !o.twin && !plan.reserved.has(o) && o.male === c.male && o.birth.slice(0, 4) !== c.birth.slice(0, 4) && numberFits(c, o),
    )
  }

  // ---- duplicates: the same child entered twice
  const copies: CaRow[] = []
  const copyOf = (r: CaRow, place: Place): CaRow => {
    const c: CaRow = {child: r.child, place, v: {...r.v}, sheet: {childId: r.child.key, cells: [], row: 0}, copy: true, used: true}
    if (place !== r.place) {
      Object.assign(c.v, {regionCode: place.village.code, town: place.townName, village: place.villageName,
        address: `${place.townName}${place.villageName}${rng.int(1, 12)}组`, reportingUnit: place.reportingUnit, reportDate: dateOf(place)})
    }
    copies.push(c)
    return c
  }
  const dupFaults: [CaRow, CaRow, string, DuplicateKind][] = []
  const {otherVillage, homophone, lookalike, idTypo} = plan.duplicates
  if (otherVillage) {
    const r = rowOf.get(otherVillage)
    const other = otherVillageOf(pop, otherVillage)
    if (r && other) dupFaults.push([r, copyOf(r, other), 'listed again by the village where the grandparents live (same ID)', 'other-village'])
  }
  if (homophone) {
    const r = rowOf.get(homophone.child)
    if (r) {
      const c = copyOf(r, r.place)
      c.v.name = homophone.name
      dupFaults.push([r, c, `entered twice, the second time as ${homophone.name} (a homophone, 同音字)`, 'homophone'])
    }
  }
  if (lookalike) {
    const r = rowOf.get(lookalike.child)
    if (r) {
      const c = copyOf(r, r.place)
      c.v.name = lookalike.name
      dupFaults.push([r, c, `entered twice, the second time as ${lookalike.name} (a look-alike character, 形近字)`, 'look-alike'])
    }
  }
  if (idTypo) {
    const r = rowOf.get(idTypo)
    if (r) {
      const c = copyOf(r, r.place)
      const id = r.v.idNumber
      c.v.idNumber = id.slice(0, 15) + String((Number(id[15]) + 1) % 10) + id.slice(16)
      dupFaults.push([r, c, 'entered twice, the second time with one digit of the ID mistyped', 'id-typo'])
    }
  }

  // ---- final order: by village, copies after the village's own rows, then family and birth
  const placeIndex = new Map(area.places.map((p, i) => [p.village.code, i]))
  const all = [...rows, ...copies].sort(
    (a, b) =>
      (placeIndex.get(a.place.village.code) ?? 0) - (placeIndex.get(b.place.village.code) ?? 0) ||
      Number(a.copy) - Number(b.copy) ||
      a.child.family.key.localeCompare(b.child.family.key) ||
      a.child.birth.localeCompare(b.child.birth) ||
      a.child.key.localeCompare(b.child.key),
  )
  const FIRST_DATA_ROW = 3 // title row 1, header row 2
  all.forEach((r, i) => {
    r.v.seq = String(i + 1)
    r.sheet.row = FIRST_DATA_ROW + i
    const cells = CA_COLUMNS.map(([field]) => r.v[field])
    r.sheet.cells = r.sheet.ragged ? cells.slice(0, -2) : cells
  })

  for (const write of numbered) write()
  for (const [a, b, description] of dupFaults) {
    const [first, second] = a.sheet.row < b.sheet.row ? [a, b] : [b, a]
    const related = (x: CaRow): (SheetRow & {file: string})[] => [{...x.sheet, file}]
    const sameId = a.v.idNumber === b.v.idNumber
    if (sameId) {
      for (const [x, y2] of [[a, b], [b, a]] as const) {
        faults.push({file, at: x.sheet, kind: 'validate', code: 'ID_DUPLICATE', field: 'idNumber', column: '身份证号', value: x.v.idNumber, description, related: related(y2)})
      }
    } else {
      faults.push({file, at: b.sheet, kind: 'validate', code: 'ID_CHECKSUM', field: 'idNumber', column: '身份证号', value: b.v.idNumber, expected: a.v.idNumber, description, related: related(a)})
    }
    if (a.place !== b.place) {
      for (const [x, y2] of [[a, b], [b, a]] as const) {
        faults.push({file, at: x.sheet, kind: 'crosscheck', code: 'XC_DUPLICATE_REGISTRATION', description: `${description}: ${x.v.reportingUnit}`, related: related(y2)})
      }
    }
    faults.push({file, at: second.sheet, kind: 'dedupe', code: 'DUP_MATCH', description, related: related(first)})
  }

  const rowsOf = new Map<Child, SheetRow[]>()
  for (const r of all) rowsOf.set(r.child, [...(rowsOf.get(r.child) ?? []), r.sheet])
  const faultyRows = new Set(faults.filter((f) => f.kind === 'validate' && f.at !== 'header').map((f) => f.at)).size

  const counties = area.counties.map((c) => c.name).join('、')
  const title = `${area.city.name}${counties}农村留守儿童花名册（截至${asOf.slice(0, 4)}年${Number(asOf.slice(5, 7))}月${Number(asOf.slice(8, 10))}日）`
  const duplicates = dupFaults.map(([a, b, description, kind]) => ({child: a.child, kind, description, rows: [a.sheet, b.sheet].sort((x, z) => x.row - z.row)}))
  return {title, header: CA_COLUMNS.map(([, h]) => h), rows: all.map((r) => r.sheet), faults, rowsOf, faultyRows, duplicates, careForms: careForms(file, conditions), wrongNumbers}
}

/** Two names that are two children's: not the same up to traditional forms, not read alike, not looking alike. */
function twinNamesApart(a: string, b: string): boolean {
  return !sameUpToVariants(a, b) && pinyinKey(a) !== pinyinKey(b) && !namesLookAlike(a, b).lookalike
}

// The school stages and the ages at which each is plausible, as validate's SCHOOL_AGE_MISMATCH
// reads them (src/rules/consistency.ts): a copied number must not make a stage impossible.
const STAGE_AGES: Record<string, [number, number]> = {幼儿园: [2, 7], 小学: [5, 15], 初中: [10, 18], 高中: [13, 20], 中职: [13, 20]}
const NOT_AT_SCHOOL = new Set(['辍学', '未入学', '未在校', '未入园'])

function stagePlausible(status: string, age: number): boolean {
  if (NOT_AT_SCHOOL.has(status)) return age < 6 || age > 15
  const range = STAGE_AGES[status]
  return range === undefined || (age >= range[0] && age <= range[1])
}

type FaultFn = (r: CaRow, code: string, field: CaField | undefined, description: string, value?: string) => FaultDraft

/** The faults every large roster has plenty of: added in rounds as the roster grows. */
const EVERYDAY: [string, (r: CaRow) => boolean, (r: CaRow, fault: FaultFn, rng: Random) => void][] = [
  ['ID_CHECKSUM (extra)', () => true, (r, fault) => {
    fault(r, 'ID_CHECKSUM', 'idNumber', 'check digit wrong (last character mistyped)', wrongCheck(r.v.idNumber))
  }],
  ['PHONE_INVALID (extra)', () => true, (r, fault) => {
    fault(r, 'PHONE_INVALID', 'guardianPhone', 'mobile number with a digit missing (10 digits)', r.v.guardianPhone.slice(0, 10))
  }],
  ['NAME_FORMAT (extra)', () => true, (r, fault) => {
    fault(r, 'NAME_FORMAT', 'name', 'a space between surname and given name', `${r.child.surname} ${r.child.given}`)
  }],
  ['NOT_CANONICAL date (extra)', () => true, (r, fault) => {
    const [yy, mm, dd] = parts(r.child.birth)
    fault(r, 'NOT_CANONICAL', 'birthDate', 'date written 2011年5月6日', `${yy}年${mm}月${dd}日`)
  }],
  ['BIRTH_MISMATCH (extra)', (r) => parts(r.child.birth)[2] <= 18, (r, fault) => {
    const [yy, mm, dd] = parts(r.child.birth)
    fault(r, 'BIRTH_MISMATCH', 'birthDate', 'day of birth mistyped (10 days off the ID)', `${yy}-${pad2(mm)}-${pad2(dd + 10)}`)
  }],
]

/** The lunar date of a Gregorian birthday written as a Gregorian date, when that is a real date. */
export function lunarAsSolar(birth: string): string | undefined {
  const lunar = solarToLunar(birth)
  if (!lunar) return undefined
  if (lunar.day > daysInMonth(lunar.year, lunar.month)) return undefined
  const iso = `${lunar.year}-${pad2(lunar.month)}-${pad2(lunar.day)}`
  if (iso === birth || explainLunarMismatch(iso, birth) === undefined) return undefined
  return iso
}

/** A 12-digit code under the village's town that no village has. */
function nonexistentVillage(place: Place, rng: Random): string {
  for (let i = 0; i < 200; i++) {
    const code = place.town.code + String(rng.int(500, 999))
    if (lookupRegion(code) === undefined) return code
  }
  return place.town.code + '999'
}

/** A county code one typo away from `region6` that never existed (ID_REGION_UNKNOWN). */
function unknownRegion(region6: string, birthYear: number): string | undefined {
  const candidates = [
    region6.slice(0, 4) + region6[5] + region6[4],
    region6.slice(0, 4) + '9' + region6[5],
    region6.slice(0, 2) + region6[3] + region6[2] + region6.slice(4),
  ]
  return candidates.find((c) => c !== region6 && checkIdRegion(c, birthYear).verdict === 'unknown')
}

// ------------------------------------------------------------------------------------------ supplement

/**
 * A town's late supplement (补报): a hand-made sheet without ID or birth-date columns and with two
 * remarks columns. It is what HEADER_MISSING and HEADER_DUPLICATE look like in real submissions.
 */
export function renderSupplement(pop: Population, plan: Plan, ca: CivilAffairsRoster, rng: Random): {header: string[]; rows: SheetRow[]; faults: FaultDraft[]} {
  const file = SUPPLEMENT_FILE
  const header = ['序号', '姓名', '性别', '村（居）', '监护人姓名', '与儿童关系', '监护人联系电话', '备注', '其他情况']
  const listed = [...ca.rowsOf.keys()].filter((c) => !plan.reserved.has(c) && c.fullName === undefined)
  const picked = [...rng.sample(listed, 3), ...plan.unlisted.slice(0, 1)]
  const rows: SheetRow[] = picked.map((c, i) => {
    const g = c.family.guardian
    const remark = c.unlisted ? '补报：父母均外出务工' : '补报'
    const other = c.family.mother.status === '外出务工' ? `母亲在${c.family.mother.workplace}务工` : ''
    return {childId: c.key, row: i + 2, cells: [String(i + 1), nameOf(c), c.male ? '男' : '女', c.family.place.villageName, nameOf(g.person), g.relation, g.person.phone, remark, other]}
  })
  const faults: FaultDraft[] = [
    {file, at: 'header', kind: 'validate', code: 'HEADER_MISSING', field: 'idNumber', description: 'no ID-number column and no birth-date column (a hand-made supplement)'},
    {file, at: 'header', kind: 'validate', code: 'HEADER_DUPLICATE', field: 'remarks', column: '备注, 其他情况', description: 'two columns (备注 and 其他情况) map to the remarks field'},
  ]
  return {header, rows, faults}
}
