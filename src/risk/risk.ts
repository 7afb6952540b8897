import path from 'node:path'

import {BIRTH, C_BIRTH, C_HOUSEHOLD, C_NAME, C_SEX, HOUSEHOLD, NAME, SEX, levelOf} from '../link/comparisons.js'
import type {ScoredEdge} from '../link/edges.js'
import {type LinkOptions, type LinkPhase, type LinkResult, linkStore} from '../link/link.js'
import {RecordStore} from '../link/records.js'
import type {CommonOptions} from '../options.js'
import {assembleReport} from '../findings/assemble.js'
import {BreakdownBuilder, type RowUnits} from '../findings/breakdown.js'
import {FindingCollector} from '../findings/collector.js'
import type {Finding, InputInfo, Lang, RecordRef, Report, Risk} from '../findings/model.js'
import {fillTemplate} from '../findings/codes.js'
import {type LoadedRow, type RosterInput, RosterLoader} from '../link/load.js'
import {datasetNameOf} from '../schema/dataset-lists.js'
import {type Subject, subjectOf} from '../findings/subject.js'
import type {Roster} from '../schema/roster.js'
import {rowReader} from '../care/columns.js'
import {type CareFacts, mergeCare} from '../care/care.js'
import {BASIS_LABELS, FACTOR_LABELS, LEVEL_CODE} from './factor-labels.js'
import {DEFAULT_RISK_CONFIG, RISK_FACTORS, type RiskConfig, type RiskFactor} from './config.js'
import {type RowFacts, basisOf, childAge, childHealth, parentFactors, rowFacts} from './factors.js'
import {unitsOf} from '../findings/units.js'

// `liushou risk FILE [DEPT=FILE...]`: each child's risk level and the factors behind it, for the
// village child director's visits (儿童主任). The roster and any department lists go through one
// linkage run, so that a child listed twice is rated once and the lists can speak for the child:
// public security (dead or moved out: not rated), education (6–15 and on no student roster:
// RISK_NOT_ENROLLED), the disabled persons' federation (on its list: RISK_CHILD_DISABLED), and
// any list's health and parent columns. `risks` comes in the order of the visits: county, town,
// village, then the highest score first.

export interface RiskOptions extends CommonOptions {
  config?: RiskConfig
  match?: number
  possible?: number
  onProgress?: (phase: 'reading' | LinkPhase | 'rating', done: number, total?: number, subject?: string) => void
}

interface RosterRow {
  index: number
  ref: RecordRef
  facts?: RowFacts
  units: RowUnits
  /** Who the child is (findings/subject.ts); none for a tokenized or unreadable row. */
  subject?: Subject
}

interface ListRow {
  department?: string
  care: CareFacts
  registration?: 'deceased' | 'moved-out'
  factors: Set<RiskFactor>
  birth?: string
}

const T = {
  zh: {
    none: '无',
    sep: '；',
    duplicate: '与第 {row} 行为同一儿童（重复登记），已在该行评估',
    duplicateAdvice: '核实后删除重复行',
    deceased: '户籍记载已死亡',
    deceasedAdvice: '核实后从名册中移除',
    movedOut: '户籍已迁出或注销',
    movedOutAdvice: '核实儿童是否仍在本地，必要时转介迁入地',
    aged: '已满 {age} 周岁',
    agedAdvice: '不再属于本名册范围，核实后移出',
    unread: '该行单元格错位，无法读取',
    unreadAdvice: '修正该行（见 validate 的 ROW_RAGGED）后重新评估',
  },
  en: {
    none: 'none',
    sep: '; ',
    duplicate: 'the same child as row {row} (listed twice), rated there',
    duplicateAdvice: 'Check and remove the duplicate row',
    deceased: 'public security records the child as deceased',
    deceasedAdvice: 'Verify, then take the child off the roster',
    movedOut: 'the registration is moved out or cancelled',
    movedOutAdvice: 'Check whether the child still lives here; refer the case to the new area if not',
    aged: '{age} years old',
    agedAdvice: 'Beyond the roster’s age range: verify and take the child off',
    unread: 'the cells of the row are shifted and cannot be read',
    unreadAdvice: 'Fix the row (see ROW_RAGGED from validate), then rate again',
  },
} as const

export function factorLabel(factor: RiskFactor, lang: Lang, config: RiskConfig = DEFAULT_RISK_CONFIG): string {
  return fillTemplate(FACTOR_LABELS[factor][lang], {elderly: config.ages.elderlyGuardian, young: config.ages.youngChild, old: config.ages.youngChildGuardian})
}

/** Score and level of a set of factors under a configuration. */
export function rate(factors: Iterable<RiskFactor>, config: RiskConfig): {score: number; level: Risk['level']; factors: RiskFactor[]} {
  const set = new Set(factors)
  const listed = RISK_FACTORS.filter((f) => set.has(f) && config.weights[f] > 0)
  const score = Math.round(listed.reduce((s, f) => s + config.weights[f], 0) * 100) / 100
  const level = score >= config.levels.high ? 'high' : score >= config.levels.medium ? 'medium' : 'low'
  return {score, level, factors: listed}
}

/**
 * The factors settled per child over all its roster rows: unreachable only when no row gives a
 * valid number to call; not enrolled when a student roster was given (`onStudentRoster` defined),
 * the child is of school age and not on it.
 */
export function settleChildFactors(factors: Set<RiskFactor>, rows: readonly RowFacts[], age: number | undefined, onStudentRoster: boolean | undefined, config: RiskConfig): void {
  const judged = rows.filter((r) => r.reachable !== undefined)
  if (judged.length > 0 && judged.every((r) => r.reachable === false)) factors.add('RISK_UNREACHABLE')
  if (onStudentRoster === false && age !== undefined && age >= config.ages.schoolFrom && age <= config.ages.schoolTo) factors.add('RISK_NOT_ENROLLED')
}

/**
 * Children of the roster that an education row names with another ID number: the same name,
 * birth date and household (guardian, parents or phone), sexes not in conflict — the ID corrected
 * or mistyped on one list (diff pairs snapshots the same way). The linkage engine never joins two
 * different valid numbers, and a damaged one seldom reaches a match; such a child is on the
 * student roster all the same, so RISK_NOT_ENROLLED would be a false alarm.
 */
function enrolledByCorrectedId<C extends {rows: RosterRow[]}>(link: LinkResult, rosterRows: RosterRow[], listRows: Map<number, ListRow>, children: C[]): Set<C> {
  const childOf = new Map<number, C>()
  for (const c of children) for (const r of c.rows) childOf.set(r.index, c)
  const out = new Set<C>()
  const consider = (e: ScoredEdge): void => {
    if (e.match) return
    const name = levelOf(e.pattern, C_NAME)
    if ((name !== NAME.EXACT && name !== NAME.VARIANT) || levelOf(e.pattern, C_BIRTH) !== BIRTH.EXACT) return
    if (levelOf(e.pattern, C_HOUSEHOLD) !== HOUSEHOLD.STRONG || levelOf(e.pattern, C_SEX) === SEX.DIFFERENT) return
    const [r, l] = childOf.has(e.a) ? [e.a, e.b] : [e.b, e.a]
    const child = childOf.get(r)
    if (child !== undefined && listRows.get(l)?.department === 'education') out.add(child)
  }
  if (rosterRows.length === 0) return out
  for (const e of link.guarded) consider(e)
  for (const e of link.edges) consider(e)
  return out
}

function compareText(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0
  if (!a) return 1
  if (!b) return -1
  return a.localeCompare(b, 'zh')
}

/**
 * `liushou risk`: the roster's children rated, with what the other lists know of them. The roster
 * and each list may be given as several files (a folder, `民政=a.xlsx 民政=b.xlsx`): one dataset
 * each, every risk and finding naming its own file and row.
 */
export async function assessRisk(rosterInput: RosterInput, listInputs: RosterInput[], options: RiskOptions): Promise<Report> {
  const config = options.config ?? DEFAULT_RISK_CONFIG
  const asOf = options.asOf
  const lang = options.lang
  const t = T[lang]
  const store = new RecordStore()
  const rosterRows: RosterRow[] = []
  const listRows = new Map<number, ListRow>()
  const progress = (name: string) => (n: number) => options.onProgress?.('reading', n, undefined, name)

  const readerOf = (roster: Roster, l: LoadedRow) => rowReader(roster, l.row.cells, l.readable)
  const headerOf = (roster: Roster) => (field: string) => {
    const i = roster.fieldIndex.get(field)
    return i === undefined ? undefined : roster.columns[i]?.header
  }

  const loader = new RosterLoader(store, options)
  const main = await loader.loadList(
    rosterInput,
    (l, roster) => {
      const get = readerOf(roster, l)
      const cells = {reportingUnit: get('reportingUnit'), regionCode: get('regionCode'), county: get('county'), town: get('town'), village: get('village'), idNumber: get('idNumber')}
      const row: RosterRow = {index: l.index, ref: l.row.ref, units: unitsOf(cells)}
      if (l.readable > 0) {
        row.facts = rowFacts(get, headerOf(roster), asOf, config)
        if (store.representation.inClear) row.subject = subjectOf({...cells, name: get('name'), birthDate: get('birthDate')})
      }
      rosterRows.push(row)
    },
    progress(datasetNameOf(rosterInput)),
  )
  const infos: InputInfo[] = main.files.map((f) => f.info)
  const departments = new Set<string>()
  const educationSets = new Set<string>()
  for (const input of listInputs) {
    const ds = await loader.loadList(
      input,
      (l, roster) => {
        if (l.readable === 0) return
        const get = readerOf(roster, l)
        const facts = rowFacts(get, headerOf(roster), asOf, config)
        // What another list may say about the child: its health, its parents, its registration.
        const factors = new Set<RiskFactor>()
        const h = childHealth(get)
        if (h.ill) factors.add('RISK_CHILD_ILL')
        if (h.disabled || roster.department === 'disabled-persons-federation') factors.add('RISK_CHILD_DISABLED')
        // Whether the child is left behind is the roster's to say: a list adds what it knows of the parents.
        parentFactors(facts.care, factors, false)
        if (facts.factors.has('RISK_DROPOUT')) factors.add('RISK_DROPOUT')
        const row: ListRow = {factors, care: facts.care}
        if (roster.department) row.department = roster.department
        else if (roster.fieldIndex.has('studentId')) row.department = 'education'
        if (facts.registration && (roster.department === 'public-security' || roster.fieldIndex.has('status'))) row.registration = facts.registration
        if (facts.birth) row.birth = facts.birth
        listRows.set(l.index, row)
      },
      progress(datasetNameOf(input)),
    )
    for (const f of ds.files) {
      infos.push(f.info)
      if (f.roster.department) departments.add(f.roster.department)
      // A student roster given without its department: it has student numbers.
      else if (f.roster.fieldIndex.has('studentId')) educationSets.add(f.info.dataset)
    }
  }
  const total = infos.reduce((n, i) => n + i.rows, 0)

  const breakdown = new BreakdownBuilder()
  const collector = new FindingCollector({lang, includeInfo: true, listSettled: options.includeInfo, states: options.states, onFinding: (ref, code) => breakdown.addFinding(ref, code)})
  for (const d of store.datasets) collector.registerDataset(d.dataset, d.department, d.files)
  for (const r of rosterRows) breakdown.addRow(r.ref, r.units)

  const linkOptions: LinkOptions = {onProgress: (phase, done, n) => options.onProgress?.(phase, done, n)}
  if (options.match !== undefined) linkOptions.match = options.match
  if (options.possible !== undefined) linkOptions.possible = options.possible
  const link = linkStore(store, linkOptions)
  const {matchOf} = link.clustering

  // Children of the roster: its rows by match cluster, with the other lists' rows of the child.
  const byCluster = new Map<number, {rows: RosterRow[]; lists: ListRow[]}>()
  const children: {rows: RosterRow[]; lists: ListRow[]}[] = []
  for (const r of rosterRows) {
    const c = matchOf[r.index]!
    let child = c >= 0 ? byCluster.get(c) : undefined
    if (!child) {
      child = {rows: [], lists: []}
      children.push(child)
      if (c >= 0) byCluster.set(c, child)
    }
    child.rows.push(r)
  }
  for (const [index, row] of listRows) {
    const c = matchOf[index]!
    if (c >= 0) byCluster.get(c)?.lists.push(row)
  }
  const enrolled = enrolledByCorrectedId(link, rosterRows, listRows, children)

  const risks: (Risk & {units: RowUnits; subject?: Subject})[] = []
  const notRated = (row: RosterRow, reason: string, advice: string, related?: RecordRef[]) =>
    collector.add({code: 'RISK_NOT_RATED', ref: row.ref, subject: row.subject, params: {reason, advice}, ...(related ? {related} : {})})
  let done = 0
  for (const child of children) {
    if (options.onProgress && (++done & 0x3fff) === 0) options.onProgress('rating', done, children.length)
    const readable = child.rows.filter((r) => r.facts)
    for (const r of child.rows) if (!r.facts) notRated(r, t.unread, t.unreadAdvice)
    const rep = readable[0]
    if (!rep) continue
    // The rated row by its number, or `file:row` in another file of a roster given as several.
    const repRow = (r: RosterRow) => (r.ref.file === rep.ref.file ? rep.ref.row : `${path.basename(rep.ref.file)}:${rep.ref.row}`)
    for (const r of readable.slice(1)) notRated(r, fillTemplate(t.duplicate, {row: repRow(r)}), t.duplicateAdvice, [rep.ref])
    const registration = child.lists.find((l) => l.registration === 'deceased')?.registration ?? readable.find((r) => r.facts!.registration === 'deceased')?.facts!.registration
      ?? child.lists.find((l) => l.registration)?.registration ?? readable.find((r) => r.facts!.registration)?.facts!.registration
    if (registration === 'deceased') {
      notRated(rep, t.deceased, t.deceasedAdvice)
      continue
    }
    if (registration === 'moved-out') {
      notRated(rep, t.movedOut, t.movedOutAdvice)
      continue
    }
    const birth = readable.map((r) => r.facts!.birth).find((b) => b) ?? child.lists.map((l) => l.birth).find((b) => b)
    const age = childAge(birth, asOf) ?? readable.map((r) => r.facts!.age).find((a) => a !== undefined)
    if (age !== undefined && age >= config.ageLimit) {
      notRated(rep, fillTemplate(t.aged, {age}), t.agedAdvice)
      continue
    }
    const factors = new Set<RiskFactor>()
    for (const r of readable) for (const f of r.facts!.factors) factors.add(f)
    for (const l of child.lists) for (const f of l.factors) factors.add(f)
    const studentRosterGiven = departments.has('education') || educationSets.size > 0
    settleChildFactors(factors, readable.map((r) => r.facts!), age, studentRosterGiven ? child.lists.some((l) => l.department === 'education') || enrolled.has(child) : undefined, config)
    const rated = rate(factors, config)
    // Why the child counts as left behind: its rows' parents, and the lists' for a parent the rows leave unrecorded.
    let care = rep.facts!.care
    for (const r of readable.slice(1)) care = mergeCare(care, r.facts!.care)
    for (const l of child.lists) care = mergeCare(care, l.care, true)
    const basis = basisOf(care)
    risks.push({...rep.ref, level: rated.level, score: rated.score, factors: rated.factors, basis, units: rep.units, ...(rep.subject ? {subject: rep.subject} : {})})
  }

  // The order of the visits: county, town, village, then the highest score first.
  risks.sort(
    (a, b) =>
      compareText(a.units.county, b.units.county) ||
      compareText(a.units.town, b.units.town) ||
      compareText(a.units.village, b.units.village) ||
      b.score - a.score ||
      compareText(a.file, b.file) ||
      a.row - b.row,
  )
  for (const r of risks) {
    const labels = r.factors.map((f) => factorLabel(f as RiskFactor, lang, config))
    collector.add({
      code: LEVEL_CODE[r.level],
      ref: {dataset: r.dataset, file: r.file, row: r.row},
      subject: r.subject,
      ...(r.factors.length > 0 ? {value: r.factors.join(' ')} : {}),
      params: {score: r.score, factors: labels.length > 0 ? labels.join(t.sep) : t.none, basis: BASIS_LABELS[r.basis ?? 'other'][lang]},
    })
  }

  const report = assembleReport({command: 'risk', asOf, inputs: infos, collector, rows: total})
  // Findings in the order of the visits too (rows not rated after the rated ones, by row).
  // By file and row: a roster of several files has a row 2 in each.
  const rank = new Map(risks.map((r, i) => [`${r.file}\u0000${r.row}`, i]))
  const dataset = main.files[0]!.info.dataset
  const position = (f: Finding) => (f.dataset === dataset && f.code !== 'RISK_NOT_RATED' ? (rank.get(`${f.file}\u0000${f.row}`) ?? risks.length) : risks.length)
  report.findings = report.findings
    .map((f, i) => ({f, i}))
    .sort((x, y) => position(x.f) - position(y.f) || x.i - y.i)
    .map(({f}) => f)
  const units = breakdown.build()
  if (units.length > 0) report.breakdown = units
  report.risks = risks.map(({units: _units, subject: _subject, ...r}) => r)
  return report
}
