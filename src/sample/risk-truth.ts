// What `liushou risk civil-affairs.csv education=education.xlsx public-security=public-security.csv`
// should find on the samples (risks.json): for every child of the civil-affairs roster, the risk
// factors and the basis its data shows, or why it is not rated. Derived from the hidden truth of
// the population (the parents' situation, the child's health, who is on which list) and, for what
// an injected fault changes in the data itself, from the cells as written (an invalid phone is
// unreachable; a 16-year-old cousin's ID makes a minor guardian; 辍学 written by mistake is a
// dropout as far as the roster shows). Read by the tests and bench/eval-care.js to score risk.

import {ageAt} from '../cn/dates.js'
import {CA_COLUMNS, CIVIL_AFFAIRS_FILE, type CivilAffairsRoster} from './civil-affairs.js'
import type {EducationRoster} from './education.js'
import type {SheetRow} from './faults.js'
import type {Child, Population} from './population.js'
import {RISK_FACTORS} from '../findings/codes/risk.js'

export const RISKS_FILE = 'risks.json'

export type ExpectedBasis = 'both-away' | 'one-away-other-incapable' | 'other'

export interface ExpectedRisk {
  row: number
  childId: string
  factors: string[]
  basis: ExpectedBasis
}

export interface ExpectedNotRated {
  row: number
  childId: string
  reason: 'deceased' | 'moved-out' | 'aged-out' | 'duplicate'
}

export interface RisksManifest {
  tool: 'liushou'
  kind: 'risks'
  version: 1
  asOf: string
  file: string
  /** The department lists risk is run with (`DEPT=FILE`). */
  lists: Record<string, string>
  /** One entry per child rated, on its first row. */
  risks: ExpectedRisk[]
  notRated: ExpectedNotRated[]
  /** Children per factor (the denominators of recall). */
  byFactor: Record<string, number>
}

const COL = new Map<string, number>(CA_COLUMNS.map(([f], i) => [f, i]))
const cell = (row: SheetRow, field: string): string => row.cells[COL.get(field) ?? -1] ?? ''

// Independent of the tool's readers on purpose: plain patterns for what the generator writes.
const MOBILE = /^1[3-9]\d{9}$/
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/

/** A person's age from an 18- or 15-digit ID cell as written (the generator's formats only). */
function ageFromId(raw: string, asOf: string): number | undefined {
  const s = raw.trim().replace(/^'/, '').replace(/\s+/g, '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
  let birth: string | undefined
  if (/^\d{17}[\dXx]$/.test(s)) birth = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`
  else if (/^\d{15}$/.test(s)) birth = `19${s.slice(6, 8)}-${s.slice(8, 10)}-${s.slice(10, 12)}`
  if (!birth) return undefined
  const age = ageAt(birth, asOf)
  return Number.isNaN(age) || age < 0 || age > 120 ? undefined : age
}


/** The expected risks of the civil-affairs roster, run with the education and public-security lists. */
export function expectedRisks(pop: Population, ca: CivilAffairsRoster, edu: EducationRoster, files: {education: string; publicSecurity: string}): RisksManifest {
  const {asOf} = pop
  const byKey = new Map(pop.children.map((c) => [c.key, c]))
  const risks: ExpectedRisk[] = []
  const notRated: ExpectedNotRated[] = []
  const seen = new Set<Child>()
  // Rows where the roster writes a parent back home (NOT_LEFT_BEHIND): the data, not the population, says so.
  const parentHome = new Set(ca.faults.filter((d) => d.code === 'NOT_LEFT_BEHIND' && d.at !== 'header').map((d) => d.at))
  for (const row of ca.rows) {
    const child = byKey.get(row.childId)
    if (!child) continue
    const rows = ca.rowsOf.get(child) ?? [row]
    if (seen.has(child)) {
      notRated.push({row: row.row, childId: child.key, reason: 'duplicate'})
      continue
    }
    seen.add(child)
    if (child.ps.status === '死亡') {
      notRated.push({row: row.row, childId: child.key, reason: 'deceased'})
      continue
    }
    if (child.ps.status === '迁出' || child.ps.status === '注销') {
      notRated.push({row: row.row, childId: child.key, reason: 'moved-out'})
      continue
    }
    if (child.age >= 16) {
      notRated.push({row: row.row, childId: child.key, reason: 'aged-out'})
      continue
    }
    const factors = new Set<string>()
    const f = child.family
    const states = [f.father.status, f.mother.status]
    const home = rows.some((r) => parentHome.has(r))
    const away = home ? 0 : states.filter((s) => s === '外出务工').length
    if (away === 2) factors.add('RISK_BOTH_PARENTS_AWAY')
    if (states.some((s) => s === '重病' || s === '残疾')) factors.add('RISK_GUARDIAN_INCAPABLE')
    if (states.includes('死亡')) factors.add('RISK_PARENT_DECEASED')
    if (states.includes('服刑')) factors.add('RISK_PARENT_IMPRISONED')
    if (child.health === '患病') factors.add('RISK_CHILD_ILL')
    if (child.health === '残疾') factors.add('RISK_CHILD_DISABLED')
    // A row cut short (ROW_RAGGED: its last cells missing) is read on the cells it has.
    const readable = rows
    // The guardian's age as the child's rows write the guardian's ID (the child's own ID entered there says nothing).
    const guardianAge = readable
      .map((r) => (cell(r, 'guardianIdNumber').replace(/\D/g, '') === child.id.replace(/\D/g, '') ? undefined : ageFromId(cell(r, 'guardianIdNumber'), asOf)))
      .find((a) => a !== undefined)
    if (guardianAge !== undefined) {
      if (guardianAge < 18) factors.add('RISK_GUARDIAN_MINOR')
      if (guardianAge >= 70) factors.add('RISK_GUARDIAN_ELDERLY')
      if (child.age < 3 && guardianAge >= 65) factors.add('RISK_YOUNG_CHILD_ELDERLY_GUARDIAN')
    }
    const school = readable.map((r) => cell(r, 'schoolStatus'))
    const schoolAge = child.age >= 6 && child.age <= 15
    if (schoolAge && school.some((s) => s === '辍学' || s === '未入学' || s === '未在校')) factors.add('RISK_DROPOUT')
    if (schoolAge && !edu.rowOf.has(child)) factors.add('RISK_NOT_ENROLLED')
    const phoneOk = (raw: string): boolean => MOBILE.test(raw.trim()) || LANDLINE.test(raw.trim())
    if (readable.length > 0 && readable.every((r) => !phoneOk(cell(r, 'guardianPhone')))) factors.add('RISK_UNREACHABLE')
    const incapable = (s: string): boolean => s === '重病' || s === '残疾' || s === '服刑' || s === '死亡'
    const basis: ExpectedBasis = home
      ? 'other'
      : away === 2 ? 'both-away' : (f.father.status === '外出务工' && incapable(f.mother.status)) || (f.mother.status === '外出务工' && incapable(f.father.status)) ? 'one-away-other-incapable' : 'other'
    risks.push({row: row.row, childId: child.key, factors: RISK_FACTORS.filter((x) => factors.has(x)), basis})
  }
  const byFactor: Record<string, number> = {}
  for (const r of risks) for (const x of r.factors) byFactor[x] = (byFactor[x] ?? 0) + 1
  return {tool: 'liushou', kind: 'risks', version: 1, asOf, file: CIVIL_AFFAIRS_FILE, lists: {education: files.education, 'public-security': files.publicSecurity}, risks, notRated, byFactor}
}
