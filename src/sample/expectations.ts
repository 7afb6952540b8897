// What `liushou crosscheck` should find across the three department files, derived from the
// rendered rows and the hidden truth rather than from the plan alone: a value that one file holds
// differently for whatever reason (a planned conflict, or a validate fault on that row) is a
// disagreement all the same.

import {analyzeId} from '../cn/id-number.js'
import {checkName} from '../cn/names.js'
import {parseDate} from '../cn/dates.js'
import {CA_COLUMNS, CIVIL_AFFAIRS_FILE, type CivilAffairsRoster} from './civil-affairs.js'
import {EDUCATION_FILE, EDU_COLUMNS, type EducationRoster} from './education.js'
import type {FaultDraft, Severity, SheetRow} from './faults.js'
import type {Child, Population} from './population.js'
import {PUBLIC_SECURITY_FILE, type PublicSecurityRoster} from './public-security.js'
import type {Plan} from './scenarios.js'

type Located = SheetRow & {file: string}

const caIndex = new Map<string, number>(CA_COLUMNS.map(([f], i) => [f, i]))
const eduIndex = new Map<string, number>(EDU_COLUMNS.map(([f], i) => [f, i]))
const PS_INDEX = {name: 0, gender: 1, birthDate: 3, idNumber: 4, status: 8}

const cell = (row: SheetRow | undefined, i: number | undefined): string => (row && i !== undefined ? (row.cells[i] ?? '') : '')

interface Normalized {
  value: string
  /** The raw cell could not be read with certainty (an invalid ID, an unreadable date). */
  unreadable: boolean
}

function normName(raw: string): Normalized {
  const c = checkName(raw)
  return {value: c.invalid ? '' : c.cleaned, unreadable: c.invalid !== undefined}
}

function normDate(raw: string): Normalized {
  const p = parseDate(raw)
  return p.kind === 'date' ? {value: p.iso, unreadable: false} : {value: '', unreadable: raw.trim() !== ''}
}

function normId(raw: string): Normalized {
  const a = analyzeId(raw)
  if (a.canonical && !a.problem && !a.birthInvalid) return {value: a.canonical, unreadable: false}
  return {value: a.cleaned, unreadable: raw.trim() !== ''}
}

const plain = (raw: string): Normalized => ({value: raw.trim(), unreadable: false})

const FIELDS: {field: string; authority: 'public-security' | 'education'; severity: Severity; norm: (raw: string) => Normalized; ps?: number}[] = [
  {field: 'name', authority: 'public-security', severity: 'error', norm: normName, ps: PS_INDEX.name},
  {field: 'gender', authority: 'public-security', severity: 'error', norm: plain, ps: PS_INDEX.gender},
  {field: 'birthDate', authority: 'public-security', severity: 'error', norm: normDate, ps: PS_INDEX.birthDate},
  {field: 'idNumber', authority: 'public-security', severity: 'error', norm: normId, ps: PS_INDEX.idNumber},
  {field: 'school', authority: 'education', severity: 'warning', norm: plain},
  {field: 'guardianName', authority: 'education', severity: 'warning', norm: normName},
]

export function deriveCrosscheck(pop: Population, plan: Plan, ca: CivilAffairsRoster, edu: EducationRoster, ps: PublicSecurityRoster): FaultDraft[] {
  const out: FaultDraft[] = []
  const byKey = new Map(pop.children.map((c) => [c.key, c]))
  const onCa = new Set<Child>()
  const planned = new Map(plan.conflicts.map((c) => [`${c.child.key}:${c.field}`, c]))

  for (const row of ca.rows) {
    const child = byKey.get(row.childId)
    if (!child) continue
    onCa.add(child)
    const rows = ca.rowsOf.get(child) ?? [row]
    // The second row of a duplicated child: whether findings repeat on it is the tool's choice.
    const optional = rows.length > 1 && rows[0] !== row
    const psRow = ps.rowOf.get(child)
    const eduRow = edu.rowOf.get(child)
    const related: Located[] = []
    if (psRow) related.push({...psRow, file: PUBLIC_SECURITY_FILE})
    if (eduRow) related.push({...eduRow, file: EDUCATION_FILE})
    const add = (code: string, description: string, extra: Partial<FaultDraft> = {}): void => {
      const d: FaultDraft = {file: CIVIL_AFFAIRS_FILE, at: row, kind: 'crosscheck', code, description, related, ...extra}
      if (optional) d.optional = true
      out.push(d)
    }

    if (!psRow) add('XC_NOT_REGISTERED', `registered in another county (ID region ${child.id.slice(0, 6)}): not on this area's household register`)
    else if (child.ps.status === '死亡') add('XC_DECEASED', `the household register records the death on ${child.ps.date}; the roster still lists the child`)
    else if (child.ps.status === '迁出') add('XC_MOVED_OUT', `household registration moved out on ${child.ps.date} (${child.ps.reason})`)
    if (child.age >= 6 && child.age <= 15 && !eduRow && child.ps.status !== '死亡') {
      add('XC_NOT_ENROLLED', child.droppedOut ? `dropped out at ${child.age}: no record on the student roster` : `aged ${child.age} and not on the student roster`)
    }

    // XC_FIELD_CONFLICT on each row whose value differs from the authority's (public security
    // for identity, education for school and guardian); where the authority does not hold the
    // child, on the other list's row that differs from the roster's.
    for (const spec of FIELDS) {
      const caRaw = cell(row, caIndex.get(spec.field))
      const eduRaw = cell(eduRow, eduIndex.get(spec.field))
      const psRaw = spec.ps !== undefined && psRow ? cell(psRow, spec.ps) : ''
      const c = spec.norm(caRaw)
      const e = eduRow ? spec.norm(eduRaw) : undefined
      const p = psRow && spec.ps !== undefined ? spec.norm(spec.field === 'birthDate' ? `${psRaw.slice(0, 4)}-${psRaw.slice(4, 6)}-${psRaw.slice(6, 8)}` : psRaw) : undefined
      const authority = spec.authority === 'public-security' ? p : e
      const byAuthority = authority !== undefined && authority.value !== ''
      const reference = byAuthority ? authority : c
      if (reference.value === '') continue
      const referenceRow: Located | undefined = byAuthority ? (spec.authority === 'public-security' ? psRow && {...psRow, file: PUBLIC_SECURITY_FILE} : eduRow && {...eduRow, file: EDUCATION_FILE}) : {...row, file: CIVIL_AFFAIRS_FILE}
      const plannedConflict = planned.get(`${child.key}:${spec.field}`)
      type Judged = [Normalized | undefined, string, SheetRow | undefined, string]
      const onSchoolRow: Judged = [e, eduRaw, eduRow, EDUCATION_FILE]
      const judged: Judged[] = !byAuthority ? [onSchoolRow] : spec.authority === 'public-security' ? [[c, caRaw, row, CIVIL_AFFAIRS_FILE], onSchoolRow] : [[c, caRaw, row, CIVIL_AFFAIRS_FILE]]
      for (const [odd, oddRaw, at, oddFile] of judged) {
        if (!odd || !at || odd.value === '' || odd.value === reference.value) continue
        // The school's row of a child listed twice on the roster is judged once.
        if (oddFile === EDUCATION_FILE && rows[0] !== row) continue
        const source = byAuthority ? spec.authority : 'civil-affairs'
        const description = plannedConflict?.description ?? (oddFile === CIVIL_AFFAIRS_FILE ? `the roster's ${spec.field} disagrees with ${source} (follows from the fault on this row)` : `education's ${spec.field} disagrees with ${source}`)
        const d: FaultDraft = {file: oddFile, at, kind: 'crosscheck', code: 'XC_FIELD_CONFLICT', description, related: referenceRow ? [referenceRow] : [], field: spec.field, value: oddRaw, expected: reference.value, severity: spec.severity}
        if (odd.unreadable || reference.unreadable || (oddFile === CIVIL_AFFAIRS_FILE && optional)) d.optional = true
        out.push(d)
      }
    }
  }

  // Left-behind children the student roster flags but the civil-affairs roster lacks.
  const leftBehindCol = eduIndex.get('leftBehind') ?? 11
  for (const row of edu.rows) {
    const child = byKey.get(row.childId)
    if (!child || onCa.has(child) || row.cells[leftBehindCol] !== '是') continue
    const psRow = ps.rowOf.get(child)
    const related: Located[] = psRow ? [{...psRow, file: PUBLIC_SECURITY_FILE}] : []
    out.push({file: EDUCATION_FILE, at: row, kind: 'crosscheck', code: 'XC_UNLISTED', description: 'flagged left-behind by the school (both parents away) and missing from the civil-affairs roster', related})
  }
  return out
}
