import {RosterLoader, cutShort} from '../link/load.js'
import {type Ambiguity, DEFAULT_AMBIGUOUS_SHARE} from '../link/ambiguity.js'
import {RecordStore} from '../link/records.js'
import {UserError, changedWhileReading} from '../errors.js'
import {type Explanation, explainPair, findRecord} from '../link/explain.js'
import {type LinkOptions, type LinkPhase, linkStore} from '../link/link.js'
import {collectBetweenPhases} from '../memory.js'
import type {CommonOptions} from '../options.js'
import {assembleReport} from '../findings/assemble.js'
import {BreakdownBuilder} from '../findings/breakdown.js'
import {type FindingInput, FindingCollector} from '../findings/collector.js'
import {defineListed} from '../findings/listed.js'
import type {BreakdownEntry, InputInfo, Lang, Report, Severity} from '../findings/model.js'
import {columnOverrides} from '../schema/headers.js'
import {openRoster} from '../schema/roster.js'
import {isWorkbookFile} from '../io/open.js'
import type {CrosscheckConfig} from './config.js'
import {KeptRows} from './kept-rows.js'
import {LinkListBuilder} from './link-list.js'
import {packValues, unpackValues} from './packed-values.js'
import {type ReconcileContext, type XcChild, type XcRow, departmentName, reconcilePrimaryChild, reconcileUnlisted} from './reconcile.js'
import {type OtherFile} from './other-lists-protocol.js'
import {type OtherListsReader, ROW, readOtherLists} from './other-lists.js'
import {otherRowFlags} from './other-rows.js'
import {type RegionScheme, regionScheme, xcTokenValues} from './tokenized.js'
import {type XcValues, ageOf, xcSubjectCells, xcValues} from './values.js'
import {type Subject, subjectOf} from '../findings/subject.js'

export interface CrosscheckOptions extends CommonOptions {
  match?: number
  possible?: number
  /** Runner-up share from which two candidates are equally good (XC_AMBIGUOUS; link/ambiguity.ts). */
  ambiguous?: number
  onProgress?: (phase: 'reading' | LinkPhase | 'checking', done: number, total?: number, subject?: string) => void
  /** Tokenized lists that kept different things in clear (one line each): they link on less. */
  onWarning?: (message: string) => void
}

/**
 * `liushou crosscheck`: links every list into children (one linkage run over all rows, so that
 * a list's own duplicates are members too), then reports every disagreement of the XC codes (docs/crosscheck.md)
 * and, per reporting unit and area, the share of the primary list each department confirms.
 */
export async function crosscheck(config: CrosscheckConfig, options: CrosscheckOptions): Promise<Report> {
  // The lists other than the primary one are read for the second pass in a worker, on the other
  // core, while this thread reads all of them into the store and links them (other-lists.ts).
  const primaryIndex = primaryIndexOf(config)
  const others = [...config.datasets.keys()].filter((di) => di !== primaryIndex)
  const reader = readOtherLists(others.map((di) => {
    const d = config.datasets[di]!
    return {files: d.files.map((_, fi) => rosterFile(d, fi, options)), department: d.department}
  }))
  try {
    return await crosscheckWith(config, options, primaryIndex, reader)
  } finally {
    await reader?.close()
  }
}

async function crosscheckWith(config: CrosscheckConfig, options: CrosscheckOptions, primaryIndex: number, reader: OtherListsReader | undefined): Promise<Report> {
  const asOf = config.asOf ?? options.asOf
  const {store, infos, scheme, openDataset, linkOptions} = await readLists(config, options, primaryIndex, (scheme) => reader?.start(scheme))
  // Only the clusters, the ambiguities and the identity decisions are read from here on: the
  // scored pairs (millions of them for millions of rows) are let go before the second pass. (The
  // whole LinkResult never sits in a temporary of this async function: a suspended frame keeps
  // its temporaries, and with them every scored edge, alive through the second pass.)
  const {clustering, ambiguities, identity} = linkStore(store, linkOptions)
  const valuesOf: typeof xcValues = scheme === undefined ? xcValues : (roster, row) => xcTokenValues(roster, row, scheme)
  // The second pass reads the rows again: of the store, only each record's dataset and row are read.
  store.releaseValues()
  collectBetweenPhases(store.size)
  const {clusters, matchOf} = clustering
  const ambiguity = ambiguityIndex(ambiguities, config)

  // Second pass: the values the checks compare. The other lists are read first: their rows of
  // children on the primary list are kept (packed, as UTF-8 outside the heap: kept-rows.ts) until the primary list is
  // read; a child is reconciled at its last primary row and its rows let go. Every other row is
  // judged as it streams by, so that memory holds the primary list's linked children at most.
  const primaryInfo = store.datasets[primaryIndex]!
  const clusterHasPrimary = new Uint8Array(clusters.length)
  for (let i = primaryInfo.first; i < primaryInfo.first + primaryInfo.count; i++) {
    const c = matchOf[i]!
    if (c >= 0) clusterHasPrimary[c] = 1
  }
  const severityOverrides = config.severity as Record<string, Severity>
  const breakdown = new BreakdownBuilder()
  const collector = new FindingCollector({lang: options.lang, includeInfo: options.includeInfo, severityOverrides, states: options.states, onFinding: (ref, code) => breakdown.addFinding(ref, code)})
  for (const d of config.datasets) collector.registerDataset(d.name, d.department, d.files)
  const ctx: ReconcileContext = {
    primary: config.primary,
    asOf,
    ageLimit: config.ageLimit ?? 16,
    lang: options.lang,
    authority: config.authority,
    departments: new Set(config.datasets.map((d) => d.department)),
    emit: (f) => collector.add(f),
  }
  const departmentOf = config.datasets.map((d) => d.department)
  const rowOf = (index: number, values: XcValues): XcRow => {
    const di = store.ds[index]!
    const row: XcRow = {ref: store.ref(index), dataset: config.datasets[di]!.name, department: departmentOf[di]!, values}
    if (scheme === undefined) row.subject = () => subjectOf(xcSubjectCells(values))
    // Other children's rows holding this row's number (a sibling's or twin's copied number).
    const sharers = identity.sharers(index)
    if (sharers.length > 0) row.numberSharers = sharers.map((m) => store.ref(m))
    return row
  }
  const kept = new KeptRows(store.size)
  const unlistedCandidates: {index: number; packed: string}[] = []
  const ambiguousSubjects = new Map<number, Subject>()
  const deceasedCluster = new Uint8Array(clusters.length)
  const links = new LinkListBuilder()
  // Links of children on the primary list, by cluster index: listed in cluster order at the end.
  const primaryLinks: number[] = []
  const confirmed = new ConfirmedShares(config.datasets.filter((d) => d.name !== config.primary).map((d) => d.department))

  const reconcileCluster = (ci: number): void => {
    const cluster = clusters[ci]!
    // The primary list's rows first, then the others in record order.
    const rows: XcRow[] = []
    const read: number[] = []
    let otherLists = false
    for (const primaryFirst of [true, false]) {
      for (const m of cluster.members) {
        if ((store.ds[m] === primaryIndex) !== primaryFirst) continue
        const packed = kept.take(m)
        if (packed === undefined) continue
        rows.push(rowOf(m, unpackValues(packed)))
        read.push(m)
        if (!primaryFirst) otherLists = true
      }
    }
    let ambiguous: Set<string> | undefined
    if (ambiguity.departments.size > 0) {
      for (const m of cluster.members) for (const d of ambiguity.departments.get(m) ?? []) (ambiguous ??= new Set()).add(d)
    }
    reconcilePrimaryChild(withAmbiguity({rows, score: cluster.score}, ambiguous), ctx)
    if (otherLists) {
      primaryLinks.push(ci)
      links.add(cluster.id, cluster.score, read)
    }
  }

  // A row of another list: its values kept while its child is on the primary list; else its
  // death record and left-behind flag read (otherRowFlags), its values only if it is flagged.
  const otherRow = (index: number, flagsOf: () => number, packed: () => string, keep = (): void => kept.keepString(index, packed())): void => {
    const c = matchOf[index]!
    if (c >= 0 && clusterHasPrimary[c]) keep()
    else {
      const flags = flagsOf()
      if (c >= 0 && flags & ROW.DECEASED) deceasedCluster[c] = 1
      if (flags & ROW.LEFT_BEHIND) unlistedCandidates.push({index, packed: packed()})
    }
  }

  const ordered = [...config.datasets.keys()].sort((a, b) => (a === primaryIndex ? 1 : b === primaryIndex ? -1 : a - b))
  for (const di of ordered) {
    const d = config.datasets[di]!
    const info = store.datasets[di]!
    if (reader !== undefined && di !== primaryIndex) {
      // Read by the worker while this thread linked: the rows come packed, in batches, the
      // list's files one after another as the first pass read them.
      let k = 0
      for await (const batch of reader.batches(ordered.indexOf(di))) {
        if (k + batch.length > info.count) throw changedWhileReading(d.files[d.files.length - 1]!, 'crosscheck')
        for (let i = 0; i < batch.length; i++) {
          const index = info.first + k++
          const flags = batch.flags(i)
          if (!(flags & ROW.SKIP)) otherRow(index, () => flags, () => batch.packed(i), () => batch.keep(i, kept, index))
        }
        options.onProgress?.('checking', k, info.count, d.name)
      }
      if (k !== info.count) throw changedWhileReading(d.files[d.files.length - 1]!, 'crosscheck')
      continue
    }
    let k = 0
    // The list's files in the order the first pass read them: record indexes run on from file to file.
    for (let fi = 0; fi < d.files.length; fi++) {
      const roster = await openDataset(d, fi)
      for await (const row of roster.rows) {
        const index = info.first + k++
        if (options.onProgress && (k & 0x3fff) === 0) options.onProgress('checking', k, info.count, d.name)
        if (index >= info.first + info.count || store.row[index] !== row.ref.row || store.file[index] !== fi) throw changedWhileReading(roster.source.file, 'crosscheck')
        if (row.ragged !== undefined && !cutShort(roster, row)) continue
        const c = matchOf[index]!
        if (di === primaryIndex) {
          const values = valuesOf(roster, row)
          // XC_AMBIGUOUS is added after this pass, when the row's values are gone: its subject is kept now.
          if (scheme === undefined && ambiguity.departments.has(index)) ambiguousSubjects.set(index, subjectOf(xcSubjectCells(values)))
          // The row's units first: its findings count against them as they are added.
          breakdown.addRow(row.ref, unitsOf(values))
          confirmed.add(values, c >= 0 ? departmentsLinked(clusters[c]!.members, store, departmentOf, primaryIndex) : undefined, ageOf(values, asOf))
          if (c < 0) {
            reconcilePrimaryChild(withAmbiguity({rows: [rowOf(index, values)], score: 1}, ambiguity.departments.get(index)), ctx)
          } else {
            kept.keepString(index, packValues(values))
            if (lastPrimaryMember(clusters[c]!.members, index, store, primaryIndex)) reconcileCluster(c)
          }
        } else {
          // A child off the primary list matters only by a death record or a left-behind flag:
          // the row's other values are read for the few that carry a flag.
          otherRow(index, () => otherRowFlags(roster, row, d.department), () => packValues(valuesOf(roster, row)))
        }
      }
    }
    if (k !== info.count) throw changedWhileReading(d.files[d.files.length - 1]!, 'crosscheck')
  }

  // Children only on other lists: the left-behind among them are missing from the primary list.
  // Their findings count against their own village (the row is placed there, not counted as a row).
  for (const {index, packed} of unlistedCandidates) {
    const c = matchOf[index]!
    if ((c >= 0 && deceasedCluster[c]) || ambiguity.candidates.has(index)) continue
    const row = rowOf(index, unpackValues(packed))
    const others = c >= 0 ? clusters[c]!.members.filter((m) => m !== index).map((m) => store.ref(m)) : []
    const placed = {...ctx, emit: (f: FindingInput) => (breakdown.addRow(row.ref, areaOf(row.values), false), collector.add(f))}
    reconcileUnlisted({rows: [row], score: 1}, placed, others)
  }
  // Links between other lists (a child on education and public security but not on the primary
  // list) are links too: one entry per child found on two or more lists.
  const firstOther = links.length
  clusters.forEach((cluster, ci) => {
    if (cluster.decision !== 'match' || clusterHasPrimary[ci]) return
    const datasets = new Set(cluster.members.map((m) => store.ds[m]))
    if (datasets.size >= 2) links.add(cluster.id, cluster.score, cluster.members)
  })
  addAmbiguity(ambiguities, store, clustering, config, options.lang, collector, ambiguousSubjects)

  // Children on the primary list were reconciled in the order their last primary row came:
  // their links are listed in cluster order, as the others are.
  const order = new Int32Array(links.length)
  const byCluster = [...primaryLinks.keys()].sort((x, y) => primaryLinks[x]! - primaryLinks[y]!)
  byCluster.forEach((x, j) => (order[j] = x))
  for (let j = firstOther; j < links.length; j++) order[j] = j

  const report = assembleReport({command: 'crosscheck', asOf, inputs: infos, collector, rows: infos.reduce((n, i) => n + i.rows, 0)})
  const entries = breakdown.build()
  confirmed.fill(entries)
  if (entries.length > 0) report.breakdown = entries
  defineListed(report, 'links', links.build(store, departmentOf, order))
  return report
}

/** A dataset's `fi`-th file and how crosscheck opens it (the same in both passes and on both threads). */
function rosterFile(d: CrosscheckConfig['datasets'][number], fi: number, options: CrosscheckOptions): OtherFile {
  return {
    file: d.files[fi]!,
    options: {
      dataset: d.name,
      department: d.department,
      encoding: d.encoding ?? options.encoding,
      sheet: d.sheet ?? options.sheet,
      columns: d.columns ? columnOverrides(d.columns, d.files[fi]!) : options.columns,
    },
  }
}

/**
 * The lists read into one store, and the options crosscheck links them with. `onScheme` hears
 * the run's region scheme as soon as it is known: after the first list when it is plain (the
 * others are then plain too, or the run stops), after the last when they are tokenized.
 */
function primaryIndexOf(config: CrosscheckConfig): number {
  return config.datasets.findIndex((d) => d.name === config.primary)
}

async function readLists(config: CrosscheckConfig, options: CrosscheckOptions, primaryIndex: number, onScheme?: (scheme: RegionScheme | undefined) => void) {
  const store = new RecordStore()
  const infos: InputInfo[] = []
  // A list's `fi`-th file, as both passes open it.
  const openDataset = (d: CrosscheckConfig['datasets'][number], fi: number) => {
    const {file, options: open} = rosterFile(d, fi, options)
    return openRoster(file, open)
  }

  const loader = new RosterLoader(store, options)
  // Plain lists: the second pass's reader starts once the first pass has no workbook left to read.
  // A workbook is parsed by a thread of its own (io/xlsx-reader.ts); the reader started beside it
  // made three threads take turns on two cores, and this thread waited for the workbook's rows
  // (6 of 35 s on 1M / 1.5M in two workbooks / 2M rows). Linking, which comes next, leaves the
  // other core free for it.
  const startAfter = otherListsStartAfter(config)
  for (const [di, d] of config.datasets.entries()) {
    // A department given as several files is one dataset: its files one after another (`inputs`: one entry a file).
    let before = 0
    for (let fi = 0; fi < d.files.length; fi++) {
      const {info} = await loader.load(await openDataset(d, fi), undefined, (n) => options.onProgress?.('reading', before + n, undefined, d.name), fi > 0)
      before += info.rows
      infos.push(info)
    }
    if (di === startAfter && loader.markers[0] === undefined) onScheme?.(undefined)
  }
  for (const w of loader.warnings) options.onWarning?.(w)
  // Tokenized lists (all of them, or none): identities compare as tokens, regions in the form every list holds.
  const markers = loader.markers.filter((m) => m !== undefined)
  const scheme = markers.length > 0 ? regionScheme(markers) : undefined
  if (scheme !== undefined) onScheme?.(scheme)

  // A child can hold two valid numbers across departments (re-issued, region re-coded; or a
  // sibling's number copied onto the child's row): linked when the name and birth date agree (a
  // copied number is not counted at all: link/identity.ts), and reported as XC_FIELD_CONFLICT on
  // idNumber.
  const linkOptions: LinkOptions = {idChanges: true, spans: false, onProgress: (phase, done, total) => options.onProgress?.(phase, done, total)}
  const match = options.match ?? config.thresholds.match
  const possible = options.possible ?? config.thresholds.possible
  if (match !== undefined) linkOptions.match = match
  if (possible !== undefined) linkOptions.possible = possible
  linkOptions.ambiguity = {datasets: [primaryIndex], share: options.ambiguous ?? config.thresholds.ambiguous ?? DEFAULT_AMBIGUOUS_SHARE}
  return {store, infos, scheme, openDataset, linkOptions}
}

/** The list after whose first-pass reading the other lists' reader starts: the last with a workbook, else the first. */
export function otherListsStartAfter(config: Pick<CrosscheckConfig, 'datasets'>): number {
  return Math.max(0, config.datasets.findLastIndex((d) => d.files.some(isWorkbookFile)))
}

/**
 * --explain: how crosscheck weighs two rows (`DATASET:ROW` each), step by step, with the rule that
 * decided (link/explain.ts).
 */
export async function explainCrosscheck(config: CrosscheckConfig, options: CrosscheckOptions, rows: [string, string]): Promise<Explanation> {
  const {store, linkOptions} = await readLists(config, options, primaryIndexOf(config))
  const link = linkStore(store, linkOptions)
  const [a, b] = rows.map((spec) => {
    const i = findRecord(store, spec)
    if (i === undefined) throw new UserError({en: `--explain: no row "${spec}" in the lists (write DATASET:ROW, e.g. civil-affairs:12)`, zh: `--explain：名单中没有“${spec}”这一行（写作 数据集:行号，如 civil-affairs:12）`})
    return i
  }) as [number, number]
  if (a === b) throw new UserError({en: '--explain needs two different rows', zh: '--explain 需要两个不同的行'})
  return explainPair(store, link, a, b, options.mask, options.lang)
}

/** Whether `index` is the last of the cluster's rows on the primary list (members run in record order). */
function lastPrimaryMember(members: readonly number[], index: number, store: RecordStore, primaryIndex: number): boolean {
  for (let k = members.length - 1; k >= 0; k--) {
    const m = members[k]!
    if (m === index) return true
    if (store.ds[m] === primaryIndex && m > index) return false
  }
  return true
}

/** The departments other than the primary list's that hold the child. */
function departmentsLinked(members: readonly number[], store: RecordStore, departmentOf: readonly string[], primaryIndex: number): Set<string> {
  const out = new Set<string>()
  for (const m of members) if (store.ds[m] !== primaryIndex) out.add(departmentOf[store.ds[m]!]!)
  return out
}

/** Ages education confirms: compulsory education (6–15). A child under 6 is on no school list. */
const SCHOOL_AGES: [number, number] = [6, 15]

interface UnitShares {
  total: number
  /** Children of school age: education's denominator. */
  school: number
  confirmed: Record<string, number>
}

/**
 * Per breakdown unit: rows of the primary list, and how many each other department confirms.
 * Education's share is over the children of compulsory-school age only: counted over every child,
 * a village was red at 50–78 % mostly because its children under six are on no school list.
 */
class ConfirmedShares {
  private readonly units = new Map<string, UnitShares>()

  constructor(private readonly departments: readonly string[]) {}

  // The last row's units (rosters run village by village: most rows repeat the row before).
  private last: {values: Pick<XcValues, 'reportingUnit' | 'county' | 'town' | 'village'>; units: UnitShares[]} | undefined

  add(values: XcValues, by: ReadonlySet<string> | undefined, age: number | undefined): void {
    const last = this.last
    let units = last?.units
    if (last === undefined || last.values.reportingUnit !== values.reportingUnit || last.values.county !== values.county || last.values.town !== values.town || last.values.village !== values.village) {
      units = unitKeys(values).map((key) => {
        let u = this.units.get(key)
        if (!u) this.units.set(key, (u = {total: 0, school: 0, confirmed: {}}))
        return u
      })
      this.last = {values: {reportingUnit: values.reportingUnit, county: values.county, town: values.town, village: values.village}, units}
    }
    const schoolAge = age !== undefined && age >= SCHOOL_AGES[0] && age <= SCHOOL_AGES[1]
    for (const u of units!) {
      u.total++
      if (schoolAge) u.school++
      if (by) for (const d of this.departments) if (by.has(d) && (d !== 'education' || schoolAge)) u.confirmed[d] = (u.confirmed[d] ?? 0) + 1
    }
  }

  fill(entries: BreakdownEntry[]): void {
    const departments = [...new Set(this.departments)]
    for (const e of entries) {
      const u = this.units.get(`${e.level}|${e.unit}`)
      if (!u) continue
      // A unit without children of school age has no education share (shown as —).
      const shares = departments.flatMap((d) => {
        const of = d === 'education' ? u.school : u.total
        return of === 0 ? [] : [[d, Math.round(((u.confirmed[d] ?? 0) / of) * 10_000) / 10_000] as const]
      })
      e.confirmed = Object.fromEntries(shares)
    }
  }
}

function areaOf(v: XcValues) {
  return {county: v.county || undefined, town: v.town || undefined, village: v.village || undefined}
}

function unitsOf(v: XcValues) {
  return {reportingUnit: v.reportingUnit || undefined, county: v.county || undefined, town: v.town || undefined, village: v.village || undefined}
}

function unitKeys(v: XcValues): string[] {
  const keys: string[] = []
  if (v.reportingUnit) keys.push(`reportingUnit|${v.reportingUnit}`)
  let path = ''
  for (const level of ['county', 'town', 'village'] as const) {
    if (!v[level]) break
    path = path ? `${path} / ${v[level]}` : v[level]
    keys.push(`${level}|${path}`)
  }
  return keys
}

interface AmbiguityIndex {
  /** Primary record → departments where its candidates are equally good. */
  departments: Map<number, Set<string>>
  /** Records that are one of several equally good candidates: not "missing from the primary list". */
  candidates: Set<number>
}

function ambiguityIndex(ambiguities: readonly Ambiguity[], config: CrosscheckConfig): AmbiguityIndex {
  const out: AmbiguityIndex = {departments: new Map(), candidates: new Set()}
  for (const a of ambiguities) {
    const set = out.departments.get(a.record) ?? new Set<string>()
    out.departments.set(a.record, set)
    set.add(config.datasets[a.dataset]!.department)
    for (const c of a.candidates) out.candidates.add(c)
  }
  return out
}

function withAmbiguity(child: XcChild, ambiguous: ReadonlySet<string> | undefined): XcChild {
  if (ambiguous !== undefined && ambiguous.size > 0) child.ambiguous = ambiguous
  return child
}

/**
 * XC_AMBIGUOUS on a primary row whose candidates on another list are equally good and different
 * children (link/ambiguity.ts), unless the child was found on that list all the same (through
 * another of its rows).
 */
function addAmbiguity(
  ambiguities: readonly Ambiguity[],
  store: RecordStore,
  clustering: ReturnType<typeof linkStore>['clustering'],
  config: CrosscheckConfig,
  lang: Lang,
  collector: FindingCollector,
  subjects: ReadonlyMap<number, Subject>,
): void {
  for (const a of ambiguities) {
    const c = clustering.matchOf[a.record]!
    if (c >= 0 && clustering.clusters[c]!.members.some((m) => store.ds[m] === a.dataset)) continue
    collector.add({
      code: 'XC_AMBIGUOUS',
      ref: store.ref(a.record),
      subject: subjects.get(a.record),
      params: {count: a.candidates.length, department: departmentName(config.datasets[a.dataset]!.department, lang)},
      related: a.candidates.map((m) => store.ref(m)),
    })
  }
}
