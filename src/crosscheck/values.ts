import {ageAt, parseDate} from '../cn/dates.js'
import {analyzeId} from '../cn/id-number.js'
import {checkName} from '../cn/names.js'
import {lookupCode} from '../schema/code-lists.js'
import type {Roster, RosterRow} from '../schema/roster.js'
import type {SubjectCells} from '../findings/subject.js'
import {detach} from '../strings.js'

// The values a cross-check compares, in canonical form so that a format difference (2011年5月6日
// against 20110506, 1 against 男) is never reported as a disagreement.

export interface XcValues {
  name: string
  gender: string
  birthDate: string
  idNumber: string
  /** The ID is a valid number (its canonical form is in idNumber). */
  idValid: boolean
  /** A tokenized row's birth year in clear: its only date for ages (see tokenized.ts). */
  birthYear?: number
  regionCode: string
  school: string
  grade: string
  guardianName: string
  status: string
  statusReason: string
  leftBehind: string
  fatherStatus: string
  motherStatus: string
  reportingUnit: string
  county: string
  town: string
  village: string
  /** 就学状况 as written: the value XC_NOT_ENROLLED shows. */
  schoolStatus: string
}

/** The cells of a row's subject (findings/subject.ts): who the child is and where. */
export function xcSubjectCells(v: XcValues): SubjectCells {
  return {
    idNumber: v.idValid ? v.idNumber : undefined,
    name: v.name,
    birthDate: v.birthDate,
    regionCode: v.regionCode,
    reportingUnit: v.reportingUnit,
    county: v.county,
    town: v.town,
    village: v.village,
  }
}

/** Education's 全国学籍号 is G (or L) followed by the ID number. */
const STUDENT_ID = /^[GLgl]?(\d{17}[\dXx])$/

const XC_FIELDS = ['idNumber', 'studentId', 'birthDate', 'name', 'gender', 'regionCode', 'school', 'grade', 'guardianName', 'status', 'statusReason', 'leftBehind', 'fatherStatus', 'motherStatus', 'reportingUnit', 'county', 'town', 'village', 'schoolStatus'] as const
type XcField = (typeof XC_FIELDS)[number]

// The column of each field, looked up once per roster rather than once per cell.
const columnsOf = new WeakMap<Map<string, number>, Record<XcField, number>>()

function columns(roster: Pick<Roster, 'fieldIndex'>): Record<XcField, number> {
  let c = columnsOf.get(roster.fieldIndex)
  if (c === undefined) {
    c = Object.fromEntries(XC_FIELDS.map((f) => [f, roster.fieldIndex.get(f) ?? -1])) as Record<XcField, number>
    columnsOf.set(roster.fieldIndex, c)
  }
  return c
}

function cell(roster: Pick<Roster, 'fieldIndex'>, row: RosterRow, field: XcField): string {
  const i = columns(roster)[field]
  return i < 0 ? '' : (row.cells[i] ?? '').trim()
}

export function xcValues(roster: Pick<Roster, 'fieldIndex'>, row: RosterRow): XcValues {
  const get = (field: XcField) => cell(roster, row, field)
  let rawId = get('idNumber')
  if (!rawId) rawId = STUDENT_ID.exec(get('studentId').normalize('NFKC'))?.[1] ?? ''
  const id = rawId ? analyzeId(rawId) : undefined
  const idValid = Boolean(id && !id.problem && id.canonical)
  const birth = parseDate(get('birthDate'))
  const name = get('name')
  const canonical = (list: Parameters<typeof lookupCode>[0], raw: string) => (raw ? (lookupCode(list, raw) ?? raw) : '')
  return {
    name: detach(name ? checkName(name).cleaned : ''),
    gender: canonical('gender', get('gender')),
    // An unreadable or ambiguous date is validate's finding, not a disagreement between lists.
    birthDate: birth.kind === 'date' || birth.kind === 'month' ? birth.iso : '',
    idNumber: detach(idValid ? id!.canonical! : (id?.cleaned ?? '')),
    idValid,
    regionCode: detach(get('regionCode').normalize('NFKC').replace(/\s+/g, '')),
    school: detach(get('school')),
    grade: detach(get('grade')),
    guardianName: detach(get('guardianName') ? checkName(get('guardianName')).cleaned : ''),
    status: canonical('personStatus', get('status')),
    statusReason: detach(get('statusReason')),
    leftBehind: canonical('yesNo', get('leftBehind')),
    fatherStatus: canonical('parentStatus', get('fatherStatus')),
    motherStatus: canonical('parentStatus', get('motherStatus')),
    reportingUnit: detach(get('reportingUnit')),
    county: detach(get('county')),
    town: detach(get('town')),
    village: detach(get('village')),
    schoolStatus: detach(get('schoolStatus')),
  }
}

/** The cells registrationStatus and leftBehindReason read. */
export type XcStatusValues = Pick<XcValues, 'status' | 'statusReason' | 'leftBehind' | 'fatherStatus' | 'motherStatus'>

/**
 * Those cells alone, as xcValues reads them: most rows of the other lists are needed only for a
 * death record or a left-behind flag, and the whole row's values (ID, dates, names) cost more.
 */
export function xcStatusValues(roster: Pick<Roster, 'fieldIndex'>, row: RosterRow): XcStatusValues {
  const get = (field: XcField) => cell(roster, row, field)
  const canonical = (list: Parameters<typeof lookupCode>[0], raw: string) => (raw ? (lookupCode(list, raw) ?? raw) : '')
  return {
    status: canonical('personStatus', get('status')),
    statusReason: get('statusReason'),
    leftBehind: canonical('yesNo', get('leftBehind')),
    fatherStatus: canonical('parentStatus', get('fatherStatus')),
    motherStatus: canonical('parentStatus', get('motherStatus')),
  }
}

/** The child's birth date for ages: the valid ID's, else the birth date column's. */
export function birthOf(v: XcValues): string | undefined {
  if (v.idValid) {
    const a = analyzeId(v.idNumber)
    if (a.birth) return a.birth.iso
  }
  if (/^\d{4}-\d{2}(-\d{2})?$/.test(v.birthDate)) return v.birthDate
  // A year alone counts from its middle: the age is then off by at most half a year either way.
  return v.birthYear === undefined ? undefined : `${v.birthYear}-07-01`
}

export function ageOf(v: XcValues, asOf: string): number | undefined {
  const birth = birthOf(v)
  if (!birth) return undefined
  const age = ageAt(birth, asOf)
  return Number.isNaN(age) ? undefined : age
}

const AWAY = new Set(['外出务工'])

/** What another department's row says about left-behind status, if anything. */
export function leftBehindReason(v: XcStatusValues, lang: 'zh' | 'en'): string | undefined {
  if (v.leftBehind === '是') return lang === 'zh' ? '该名单标记为留守儿童' : 'that list flags the child as left-behind'
  if (AWAY.has(v.fatherStatus) && AWAY.has(v.motherStatus)) return lang === 'zh' ? '父母均外出务工' : 'both parents are away for work'
  return undefined
}

/** Public security's verdict on a registration: deceased, moved out, or neither. */
export function registrationStatus(v: XcStatusValues): 'deceased' | 'moved-out' | undefined {
  const text = `${v.status} ${v.statusReason}`
  if (v.status === '死亡' || /死亡|身故|病故|亡/.test(v.statusReason)) return 'deceased'
  if (v.status === '迁出' || /迁出|迁往|迁移/.test(text)) return 'moved-out'
  return undefined
}
