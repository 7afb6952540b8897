import {ageAt, parseDate} from '../cn/dates.js'
import {analyzeId} from '../cn/id-number.js'
import type {ScoredEdge} from '../link/edges.js'
import {correctedNumber} from '../link/identity.js'
import {type LinkOptions, type LinkPhase, linkStore} from '../link/link.js'
import {RecordStore} from '../link/records.js'
import type {CommonOptions} from '../options.js'
import {assembleReport} from '../findings/assemble.js'
import {BreakdownBuilder, type RowUnits} from '../findings/breakdown.js'
import {type FindingInput, FindingCollector} from '../findings/collector.js'
import type {InputInfo, Lang, RecordRef, RelatedRef, Report} from '../findings/model.js'
import type {Roster} from '../schema/roster.js'
import {detach} from '../strings.js'
import {type CareFacts, type LeftBehindState, leftBehindState, notLeftBehind, readCare, registrationVerdict} from '../care/care.js'
import {headerOf, rowReader} from '../care/columns.js'
import {unitsOf} from '../findings/units.js'
import {canonicalValue, isComparedField, sameValue} from './canonical.js'
import {type LoadedDataset, type RosterInput, RosterLoader, cellAt} from '../link/load.js'
import {datasetNameOf} from '../schema/dataset-lists.js'
import {type Subject, subjectOf} from '../findings/subject.js'

// `liushou diff OLD NEW [DEPT=FILE...]` (docs/diff.md, dynamic management 动态管理): the two snapshots and
// any department lists go through one linkage run, so that a child is followed by who the child
// is, never by row position, and a snapshot's own duplicate rows are one child. Then, child by
// child: on the new snapshot only → DIFF_ENTERED; on both → DIFF_CHANGED per field whose canonical
// value changed (and an exit when the new row shows a parent home again, or the child turned 16);
// on the old snapshot only → an exit whose reason the data gives (public security: dead or moved
// out; the birth date: 16 at the new as-of date; any list: a parent at home), else
// DIFF_EXIT_UNEXPLAINED.

export interface DiffOptions extends CommonOptions {
  /** The old snapshot's reference date (default: the date of its title, 截至…, or its latest 填报日期). */
  oldAsOf?: string
  /**
   * Take the new snapshot's date from the data (its title's 截至… date, else its latest 填报日期)
   * rather than `asOf`, which is then only the fallback (the CLI does this when --as-of is not given).
   */
  inferAsOf?: boolean
  /** 16 for left-behind children, 18 for children in difficulty. */
  ageLimit?: 16 | 18
  match?: number
  possible?: number
  onProgress?: (phase: 'reading' | LinkPhase | 'comparing', done: number, total?: number, subject?: string) => void
  /** The child each row is, when already known (the registry's child numbers): no linkage then. */
  knownChildren?: (ref: RecordRef) => string | undefined
}

type Role = 'old' | 'new' | 'list'

interface SnapRow {
  role: 'old' | 'new'
  index: number
  ref: RecordRef
  /** Canonical values of the compared fields this row reaches. */
  values: Map<string, string>
  /** The parents and the list's own answer, read once (src/care): shared, frozen readings. */
  care: CareFacts
  /** ISO birth date (the valid ID's, else the birth date cell's). */
  birth?: string
  units: RowUnits
  reportDate?: string
}

interface ListRow {
  index: number
  ref: RecordRef
  department?: string
  /** From a household register (public security, or a list with a 人员状态 column). */
  register: boolean
  registration?: {verdict: 'deceased' | 'moved-out'; text: string}
  care: CareFacts
  state: LeftBehindState
  birth?: string
}

interface Child {
  old: SnapRow[]
  next: SnapRow[]
  lists: ListRow[]
}

const T = {
  zh: {
    newChild: '新名册中新增的儿童',
    leftAgain: '父母再次外出，重新成为留守儿童',
    fatherHome: '父亲在家',
    motherHome: '母亲在家',
    parentGuardian: '父母一方监护',
    flaggedNo: '名单标记为非留守儿童',
    remarked: '备注注明父母返乡',
    psNormal: '公安户籍状态正常',
    psMissing: '公安户籍中未找到',
    noPs: '未提供公安户籍名单',
    movedOut: '迁出',
    ragged: '，该行未参与比对',
  },
  en: {
    newChild: 'a child new on the roster',
    leftAgain: 'the parents are away again: left-behind again',
    fatherHome: 'the father is at home',
    motherHome: 'the mother is at home',
    parentGuardian: 'one parent is the guardian',
    flaggedNo: 'a list flags the child as not left-behind',
    remarked: 'the remarks say a parent came home',
    psNormal: 'public security records a normal registration',
    psMissing: 'not found on the public-security list',
    noPs: 'no public-security list given',
    movedOut: 'moved out',
    ragged: '; the row is not compared',
  },
} as const

function birthOf(idCanonical: string | undefined, birthDate: string | undefined): string | undefined {
  if (idCanonical && /^\d{17}[\dX]$/.test(idCanonical)) {
    const a = analyzeId(idCanonical)
    if (!a.problem && a.birth) return a.birth.iso
  }
  return birthDate && /^\d{4}-\d{2}(-\d{2})?$/.test(birthDate) ? birthDate : undefined
}

function ageOf(birth: string | undefined, asOf: string): number | undefined {
  if (!birth) return undefined
  const age = ageAt(birth, asOf)
  return Number.isNaN(age) ? undefined : age
}

/** Names unique across the inputs: a second `civil-affairs` becomes `civil-affairs-2`. */
function uniqueNames(inputs: RosterInput[]): RosterInput[] {
  const taken = new Set<string>()
  return inputs.map((input) => {
    const base = datasetNameOf(input)
    let name = base
    for (let k = 2; taken.has(name); k++) name = `${base}-${k}`
    taken.add(name)
    return {...input, dataset: name}
  })
}

/**
 * The cell that shows a child is not left behind, for the finding's field (or, for a column no
 * canonical field covers, its header) and value: the list's 否, the cell that puts a parent at
 * home and able (the 在家 of a status or 务工地, a remark, 父母一方监护 with that parent as the
 * guardian), or a remark that the child is no longer left behind.
 */
function returnEvidence(care: CareFacts, roster: Roster | undefined, lang: Lang): {field?: string; column?: string; value: string; reason: string} | undefined {
  if (leftBehindState(care) !== 'no') return undefined
  const ev = notLeftBehind(care)
  if (!ev) return undefined
  const t = T[lang]
  // 与儿童关系 only says whose 父母一方监护 it is: the guardianship cell is the one to name.
  const cell = ev.cells.find((c) => c.field !== 'guardianRelation') ?? ev.cells[0]
  const reason =
    ev.reason === 'flag' ? t.flaggedNo : ev.reason === 'remark' ? t.remarked : cell?.field === 'guardianshipType' ? t.parentGuardian : ev.reason === 'father-home' ? t.fatherHome : t.motherHome
  if (!cell) return {value: '', reason}
  if (!cell.field.startsWith('x:')) return {field: cell.field, value: cell.text, reason}
  const column = roster ? headerOf(roster, cell.field) : undefined
  return {...(column ? {column} : {}), value: cell.text, reason}
}

/** The field (or column) and value of a finding from the cell that says a child is not left behind. */
function cellOf(ev: {field?: string; column?: string; value: string}): {field?: string; column?: string; value?: string} {
  return {...(ev.field ? {field: ev.field} : {}), ...(ev.column ? {column: ev.column} : {}), ...(ev.value ? {value: ev.value} : {})}
}

function relatedOf(ref: RecordRef, field?: string, value?: string): RelatedRef {
  const out: RelatedRef = {...ref}
  if (field) out.field = field
  if (value) out.value = value
  return out
}

const TITLE_DATE = /截[至止](?:日期)?[:：]?\s*(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})/

/** A snapshot's own date: its title's 截至 date, else its latest 填报日期 not after `notAfter`. */
export function snapshotDate(roster: Pick<Roster, 'preamble' | 'headerRow'>, reportDates: Iterable<string | undefined>, notAfter: string): string | undefined {
  for (const r of roster.preamble) {
    if (r.row >= roster.headerRow) break
    const m = TITLE_DATE.exec(r.cells.join(' '))
    if (!m) continue
    const d = parseDate(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`)
    if (d.kind === 'date') return d.iso
  }
  let best: string | undefined
  for (const d of reportDates) if (d && d <= notAfter && (!best || d > best)) best = d
  return best
}

/**
 * `liushou diff OLD NEW [DEPT=FILE...]`. A snapshot or a list may be several files (a folder, a
 * glob, `公安=a.csv 公安=b.csv`): one dataset each, every finding naming its own file and row; a
 * snapshot's date and column names are its first file's.
 */
export async function diffSnapshots(oldInput: RosterInput, newInput: RosterInput, listInputs: RosterInput[], options: DiffOptions): Promise<Report> {
  let asOf = options.asOf
  const lang = options.lang
  const t = T[lang]
  const ageLimit = options.ageLimit ?? 16
  const [oldNamed, newNamed, ...listNamed] = uniqueNames([oldInput, newInput, ...listInputs]) as [RosterInput, RosterInput, ...RosterInput[]]
  const store = new RecordStore()
  const snapRows: (SnapRow | undefined)[] = []
  const listRows = new Map<number, ListRow>()
  const unread: {ref: RecordRef; cells: number; headers: number}[] = []
  const rolesByDataset: Role[] = []
  const loaded: LoadedDataset[] = []
  const progress = (name: string) => (n: number) => options.onProgress?.('reading', n, undefined, name)

  const loader = new RosterLoader(store, options)
  const readSnapshot = async (input: RosterInput, role: 'old' | 'new') => {
    // The compared fields of each file (a snapshot of several files may map different columns).
    let compared: string[] | undefined
    let comparedOf: Roster | undefined
    const ds = await loader.loadList(
      input,
      (l, roster) => {
        if (comparedOf !== roster) {
          compared = [...roster.fieldIndex.keys()].filter(isComparedField)
          comparedOf = roster
        }
        if (l.readable === 0) {
          unread.push({ref: l.row.ref, cells: l.row.cells.length, headers: roster.columns.length})
          return
        }
        const values = new Map<string, string>()
        for (const field of compared!) {
          const raw = cellAt(roster, l, field)
          if (raw !== undefined) values.set(field, detach(canonicalValue(field, raw)))
        }
        const care = readCare(rowReader(roster, l.row.cells, l.readable))
        const rd = cellAt(roster, l, 'reportDate')
        const parsed = rd ? parseDate(rd) : undefined
        const row: SnapRow = {
          role,
          index: l.index,
          ref: l.row.ref,
          values,
          care,
          units: unitsOf({
            reportingUnit: cellAt(roster, l, 'reportingUnit'),
            regionCode: cellAt(roster, l, 'regionCode'),
            county: cellAt(roster, l, 'county'),
            town: cellAt(roster, l, 'town'),
            village: cellAt(roster, l, 'village'),
            idNumber: values.get('idNumber'),
          }),
        }
        const birth = birthOf(values.get('idNumber'), values.get('birthDate'))
        if (birth) row.birth = birth
        if (parsed?.kind === 'date') row.reportDate = parsed.iso
        snapRows[l.index] = row
      },
      progress(datasetNameOf(input)),
    )
    rolesByDataset[ds.position] = role
    loaded.push(...ds.files)
    return ds
  }

  const oldSet = await readSnapshot(oldNamed, 'old')
  const newSet = await readSnapshot(newNamed, 'new')
  for (const input of listNamed) {
    const ds = await loader.loadList(
      input,
      (l, roster) => {
        if (l.readable === 0) return
        const get = (f: string) => cellAt(roster, l, f) ?? ''
        const care = readCare(rowReader(roster, l.row.cells, l.readable))
        const registration = roster.fieldIndex.has('status') || roster.fieldIndex.has('statusReason') ? registrationVerdict(get('status'), get('statusReason')) : undefined
        const state = leftBehindState(care)
        const id = canonicalValue('idNumber', get('idNumber'))
        const birth = birthOf(id, canonicalValue('birthDate', get('birthDate')))
        if (!registration && state !== 'no' && !birth) return
        const row: ListRow = {index: l.index, ref: l.row.ref, care, state, register: roster.department === 'public-security' || roster.fieldIndex.has('status')}
        if (roster.department) row.department = roster.department
        if (registration) row.registration = {verdict: registration.verdict, text: detach(registration.text)}
        if (birth) row.birth = birth
        listRows.set(l.index, row)
      },
      progress(datasetNameOf(input)),
    )
    rolesByDataset[ds.position] = 'list'
    loaded.push(...ds.files)
  }
  const infos: InputInfo[] = loaded.map((d) => d.info)
  const snapshotFiles = oldSet.files.length + newSet.files.length
  const hasPublicSecurity = loaded.slice(snapshotFiles).some((d) => d.roster.department === 'public-security' || d.roster.fieldIndex.has('status'))

  const breakdown = new BreakdownBuilder()
  const collector = new FindingCollector({lang, includeInfo: true, listSettled: options.includeInfo, states: options.states, onFinding: (ref, code) => breakdown.addFinding(ref, code)})
  for (const d of store.datasets) collector.registerDataset(d.dataset, d.department, d.files)
  // Tokenized snapshots hold no identity in clear: their findings are keyed by row.
  const inClear = store.representation.inClear
  const subjectFor = (r: SnapRow) => (inClear ? () => snapSubject(r) : undefined)
  const emit = (f: FindingInput) => collector.add(f)

  for (const u of unread) emit({code: 'ROW_RAGGED', ref: u.ref, params: {cells: u.cells, headers: u.headers, detail: t.ragged}})

  // A snapshot without a name or ID column cannot be followed child by child.
  const identifiable = (r: Roster) => r.fieldIndex.has('name') || r.fieldIndex.has('idNumber')
  const blind = [...oldSet.files, ...newSet.files].filter((d) => !identifiable(d.roster))
  for (const d of blind) {
    emit({code: 'HEADER_MISSING', ref: {dataset: d.info.dataset, file: d.info.file, row: d.roster.headerRow || 1}, field: 'name'})
  }
  const total = infos.reduce((n, i) => n + i.rows, 0)
  if (blind.length > 0) return assembleReport({command: 'diff', asOf, inputs: infos, collector, rows: total})

  // Who is who: the registry knows already (its child numbers); otherwise the linkage engine decides.
  let matchOf: Int32Array
  let edges: Iterable<ScoredEdge> = []
  let guarded: Iterable<ScoredEdge> = []
  if (options.knownChildren) {
    matchOf = new Int32Array(store.size).fill(-1)
    const ids = new Map<string, number>()
    for (let i = 0; i < store.size; i++) {
      const key = options.knownChildren(store.ref(i))
      if (key === undefined) continue
      let k = ids.get(key)
      if (k === undefined) ids.set(key, (k = ids.size))
      matchOf[i] = k
    }
  } else {
    const linkOptions: LinkOptions = {onProgress: (phase, done, n) => options.onProgress?.(phase, done, n)}
    if (options.match !== undefined) linkOptions.match = options.match
    if (options.possible !== undefined) linkOptions.possible = options.possible
    const link = linkStore(store, linkOptions)
    matchOf = link.clustering.matchOf
    edges = link.edges
    guarded = link.guarded
  }

  // Children: match clusters, and every other row on its own.
  const childOf = new Int32Array(store.size).fill(-1)
  const children: Child[] = []
  const byCluster = new Map<number, number>()
  for (let i = 0; i < store.size; i++) {
    const snap = snapRows[i]
    const list = listRows.get(i)
    if (!snap && !list) continue
    const c = matchOf[i]!
    let k = c >= 0 ? byCluster.get(c) : undefined
    if (k === undefined) {
      k = children.length
      children.push({old: [], next: [], lists: []})
      if (c >= 0) byCluster.set(c, k)
    }
    childOf[i] = k
    const child = children[k]!
    if (snap?.role === 'old') child.old.push(snap)
    else if (snap?.role === 'new') child.next.push(snap)
    else if (list) child.lists.push(list)
  }

  // A child whose rows changed too much for a match (a corrected ID and name) is still the same
  // child when the only candidates on each side are each other: exits and entries linked by a
  // possible pair, most probable first, are paired.
  const exits = new Set(children.flatMap((c, k) => (c.old.length > 0 && c.next.length === 0 ? [k] : [])))
  const entries = new Set(children.flatMap((c, k) => (c.next.length > 0 && c.old.length === 0 ? [k] : [])))
  const exitAndEntry = (e: ScoredEdge): boolean => {
    const roles = `${snapRows[e.a]?.role}|${snapRows[e.b]?.role}`
    if (roles !== 'old|new' && roles !== 'new|old') return false
    const a = childOf[e.a]!
    const b = childOf[e.b]!
    return (exits.has(a) && entries.has(b)) || (exits.has(b) && entries.has(a))
  }
  const pairUp = (edges: Iterable<ScoredEdge>, only: (e: ScoredEdge) => boolean = () => true) => {
    const candidates: ScoredEdge[] = []
    for (const e of edges) if (only(e) && exitAndEntry(e)) candidates.push(e)
    candidates.sort((x, y) => y.probability - x.probability)
    for (const e of candidates) {
      let a = childOf[e.a]!
      let b = childOf[e.b]!
      if (entries.has(a)) [a, b] = [b, a]
      if (!exits.has(a) || !entries.has(b)) continue
      const from = children[a]!
      const into = children[b]!
      from.next.push(...into.next)
      from.lists.push(...into.lists)
      into.next = []
      into.lists = []
      exits.delete(a)
      entries.delete(b)
    }
  }
  pairUp(edges)
  // Two valid ID numbers that differ are never one child to the linkage engine; between two
  // snapshots they are when all else is the same (identity.ts correctedNumber): the ID was corrected.
  pairUp(guarded, (e) => correctedNumber(e.pattern))

  const newRows = children.flatMap((c) => c.next)
  const oldRows = children.flatMap((c) => c.old)
  if (options.inferAsOf) asOf = snapshotDate(newSet.files[0]!.roster, newRows.map((r) => r.reportDate), '9999-12-31') ?? asOf
  const oldAsOf = options.oldAsOf ?? snapshotDate(oldSet.files[0]!.roster, oldRows.map((r) => r.reportDate), asOf)
  for (const r of newRows) breakdown.addRow(r.ref, r.units)

  let done = 0
  for (const child of children) {
    if (options.onProgress && (++done & 0x3fff) === 0) options.onProgress('comparing', done, children.length)
    if (child.old.length === 0 && child.next.length === 0) continue
    // Reading order: by file, then row (a snapshot may be several files).
    child.old.sort((x, y) => x.index - y.index)
    child.next.sort((x, y) => x.index - y.index)
    if (child.old.length === 0) {
      emit({code: 'DIFF_ENTERED', ref: child.next[0]!.ref, subject: subjectFor(child.next[0]!), params: {reason: t.newChild}})
      continue
    }
    if (child.next.length === 0) {
      const first = child.old[0]!
      breakdown.addRow(first.ref, first.units)
      classifyExit(child, first)
      continue
    }
    // On both snapshots: the closest pair of rows stands for the child.
    let best: {o: SnapRow; n: SnapRow; changed: string[]} | undefined
    for (const o of child.old) {
      for (const n of child.next) {
        const changed = changedFields(o, n)
        if (!best || changed.length < best.changed.length) best = {o, n, changed}
      }
    }
    const {o, n, changed} = best!
    const before = leftBehindState(o.care)
    const after = leftBehindState(n.care)
    const age = ageOf(n.birth ?? o.birth, asOf)
    const agedBefore = oldAsOf === undefined ? undefined : ageOf(n.birth ?? o.birth, oldAsOf)
    if (after === 'no' && before !== 'no') {
      const ev = returnEvidence(n.care, rosterOf(n.ref), lang)!
      breakdown.addRow(o.ref, o.units)
      emit({code: 'DIFF_EXIT_PARENTS_RETURNED', ref: o.ref, subject: subjectFor(o), ...cellOf(ev), params: {reason: ev.reason}, related: [relatedOf(n.ref, ev.field, ev.value)]})
    } else if (age !== undefined && age >= ageLimit && (agedBefore === undefined || agedBefore < ageLimit)) {
      breakdown.addRow(o.ref, o.units)
      emit({code: 'DIFF_EXIT_AGED_OUT', ref: o.ref, subject: subjectFor(o), field: 'birthDate', value: n.birth ?? o.birth, params: {age}, related: [relatedOf(n.ref)]})
    } else if (before === 'no' && after === 'yes') {
      emit({code: 'DIFF_ENTERED', ref: n.ref, subject: subjectFor(n), params: {reason: t.leftAgain}, related: [relatedOf(o.ref)]})
    }
    for (const field of changed) {
      const value = n.values.get(field) ?? ''
      const expected = o.values.get(field) ?? ''
      const finding: FindingInput = {code: 'DIFF_CHANGED', ref: n.ref, subject: subjectFor(n), field, related: [relatedOf(o.ref, field, expected)]}
      const column = columnOf(rosterOf(n.ref) ?? newSet.files[0]!.roster, field)
      if (column) finding.column = column
      if (value !== '') finding.value = value.startsWith('?') ? value.slice(1) : value
      if (expected !== '') finding.expected = expected.startsWith('?') ? expected.slice(1) : expected
      emit(finding)
    }
  }

  /** The roster a row was read from (its file's: a dataset may be several files). */
  function rosterOf(ref: RecordRef): Roster | undefined {
    return loaded.find((d) => d.info.dataset === ref.dataset && d.info.file === ref.file)?.roster
  }

  function classifyExit(child: Child, first: SnapRow): void {
    const ps = child.lists.filter((l) => l.registration)
    const dead = ps.find((l) => l.registration!.verdict === 'deceased')
    if (dead) {
      emit({code: 'DIFF_EXIT_DECEASED', ref: first.ref, subject: subjectFor(first), field: 'status', value: dead.registration!.text, related: [relatedOf(dead.ref, 'status', dead.registration!.text)]})
      return
    }
    const moved = ps.find((l) => l.registration!.verdict === 'moved-out')
    if (moved) {
      emit({code: 'DIFF_EXIT_MOVED_OUT', ref: first.ref, subject: subjectFor(first), field: 'status', value: moved.registration!.text, params: {reason: t.movedOut}, related: [relatedOf(moved.ref, 'status', moved.registration!.text)]})
      return
    }
    const birth = child.old.map((r) => r.birth).find((b) => b) ?? child.lists.map((l) => l.birth).find((b) => b)
    const age = ageOf(birth, asOf)
    if (age !== undefined && age >= ageLimit) {
      emit({code: 'DIFF_EXIT_AGED_OUT', ref: first.ref, subject: subjectFor(first), field: 'birthDate', value: birth, params: {age}})
      return
    }
    const home = child.lists.find((l) => l.state === 'no')
    if (home) {
      const ev = returnEvidence(home.care, rosterOf(home.ref), lang)!
      emit({code: 'DIFF_EXIT_PARENTS_RETURNED', ref: first.ref, subject: subjectFor(first), ...cellOf(ev), params: {reason: ev.reason}, related: [relatedOf(home.ref, ev.field, ev.value)]})
      return
    }
    const own = child.old.find((r) => leftBehindState(r.care) === 'no')
    if (own) {
      const ev = returnEvidence(own.care, rosterOf(own.ref), lang)!
      emit({code: 'DIFF_EXIT_PARENTS_RETURNED', ref: first.ref, subject: subjectFor(first), ...cellOf(ev), params: {reason: ev.reason}})
      return
    }
    const reason = !hasPublicSecurity ? t.noPs : child.lists.some((l) => l.register) ? t.psNormal : t.psMissing
    emit({code: 'DIFF_EXIT_UNEXPLAINED', ref: first.ref, subject: subjectFor(first), params: {reason}, related: child.lists.map((l) => relatedOf(l.ref))})
  }

  const report = assembleReport({command: 'diff', asOf, inputs: infos, collector, rows: total})
  const units = breakdown.build()
  if (units.length > 0) report.breakdown = units
  return report
}

/** Who a snapshot row is, from its canonical values and place (findings/subject.ts). */
function snapSubject(r: SnapRow): Subject {
  const v = r.values
  return subjectOf({
    idNumber: v.get('idNumber'),
    name: v.get('name'),
    birthDate: v.get('birthDate') ?? r.birth,
    regionCode: v.get('regionCode'),
    reportingUnit: r.units.reportingUnit,
    county: r.units.county,
    town: r.units.town,
    village: r.units.village,
  })
}

/** Fields whose canonical values differ between two rows (both must reach the column). */
function changedFields(o: SnapRow, n: SnapRow): string[] {
  const out: string[] = []
  for (const [field, value] of n.values) {
    const before = o.values.get(field)
    if (before === undefined || sameValue(field, before, value)) continue
    out.push(field)
  }
  return out
}

function columnOf(roster: Roster, field: string): string | undefined {
  const i = roster.fieldIndex.get(field)
  return i === undefined ? undefined : roster.columns[i]?.header
}
