import {addLinkInput, linkInputs} from '../link/add-input.js'
import {type Ambiguity, DEFAULT_AMBIGUOUS_SHARE} from '../link/ambiguity.js'
import {RecordStore, cutShort} from '../link/records.js'
import {type LinkOptions, type LinkPhase, linkStore} from '../link/link.js'
import type {CommonOptions} from '../options.js'
import {assembleReport} from '../report/assemble.js'
import {BreakdownBuilder} from '../report/breakdown.js'
import {FindingCollector} from '../report/collector.js'
import type {InputInfo, Lang, Link, Report, Severity} from '../report/model.js'
import {inputInfo} from '../rules/validate.js'
import {columnOverrides} from '../schema/headers.js'
import {openRoster} from '../schema/roster.js'
import type {CrosscheckConfig} from './config.js'
import {type XcChild, type XcRow, departmentName, linkOf, reconcilePrimaryChild, reconcileUnlisted} from './reconcile.js'
import {regionScheme, xcTokenValues} from './tokenized.js'
import {type XcValues, leftBehindReason, registrationStatus, xcStatusValues, xcValues} from './values.js'

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
 * a list's own duplicates are members too), then reports every disagreement of SPEC's XC codes
 * and, per reporting unit and area, the share of the primary list each department confirms.
 */
export async function crosscheck(config: CrosscheckConfig, options: CrosscheckOptions): Promise<Report> {
  const asOf = config.asOf ?? options.asOf
  const store = new RecordStore()
  const infos: InputInfo[] = []
  const openDataset = (d: CrosscheckConfig['datasets'][number]) =>
    openRoster(d.file, {
      dataset: d.name,
      department: d.department,
      encoding: d.encoding ?? options.encoding,
      sheet: d.sheet ?? options.sheet,
      columns: d.columns ? columnOverrides(d.columns, d.file) : options.columns,
    })

  const admitted = linkInputs()
  for (const d of config.datasets) {
    const roster = await openDataset(d)
    const {rows} = await addLinkInput(store, roster, admitted, (n) => options.onProgress?.('reading', n, undefined, d.name))
    infos.push(inputInfo(roster, rows))
  }
  for (const w of admitted.warnings) options.onWarning?.(w)
  // Tokenized lists (all of them, or none): identities compare as tokens, regions in the form every list holds.
  const markers = admitted.seen.map((x) => x.marker).filter((m) => m !== undefined)
  const scheme = markers.length > 0 ? regionScheme(markers) : undefined
  const valuesOf: typeof xcValues = scheme === undefined ? xcValues : (roster, row) => xcTokenValues(roster, row, scheme)

  // A child can hold two valid numbers across departments (re-issued, region re-coded): linked
  // when the name and birth date agree, and reported as XC_FIELD_CONFLICT on idNumber.
  const linkOptions: LinkOptions = {idChanges: true, onProgress: (phase, done, total) => options.onProgress?.(phase, done, total)}
  const match = options.match ?? config.thresholds.match
  const possible = options.possible ?? config.thresholds.possible
  if (match !== undefined) linkOptions.match = match
  if (possible !== undefined) linkOptions.possible = possible
  const primaryIndex = config.datasets.findIndex((d) => d.name === config.primary)
  linkOptions.ambiguity = {datasets: [primaryIndex], share: options.ambiguous ?? config.thresholds.ambiguous ?? DEFAULT_AMBIGUOUS_SHARE}
  // Only the clusters and the ambiguities are read from here on: the scored pairs (millions of
  // them for millions of rows) and the comparators' packed index are let go before the second pass.
  const {clustering, ambiguities} = linkStore(store, linkOptions)
  store.packed = undefined
  const {clusters, matchOf} = clustering
  const ambiguity = ambiguityIndex(ambiguities, config)

  // Second pass: the values the checks compare. Rows of children on the primary list are kept
  // until every list has been read; other rows are judged as they stream by, so that memory
  // holds the primary list's children, not every list.
  const primaryInfo = store.datasets[primaryIndex]!
  const clusterHasPrimary = new Uint8Array(clusters.length)
  for (let i = primaryInfo.first; i < primaryInfo.first + primaryInfo.count; i++) {
    const c = matchOf[i]!
    if (c >= 0) clusterHasPrimary[c] = 1
  }
  const severityOverrides = config.severity as Record<string, Severity>
  const breakdown = new BreakdownBuilder()
  const collector = new FindingCollector({lang: options.lang, includeInfo: options.includeInfo, severityOverrides, onFinding: (ref, code) => breakdown.addFinding(ref, code)})
  const ctx = {
    primary: config.primary,
    asOf,
    ageLimit: config.ageLimit ?? 16,
    lang: options.lang,
    authority: config.authority,
    departments: new Set(config.datasets.map((d) => d.department)),
    emit: (f: Parameters<FindingCollector['add']>[0]) => collector.add(f),
  }
  // By record index (dense): a Map of millions of entries takes three times the memory.
  const kept: (XcRow | undefined)[] = new Array<XcRow | undefined>(store.size)
  const unlistedCandidates: {index: number; row: XcRow}[] = []
  const deceasedCluster = new Uint8Array(clusters.length)
  const primaryRows: XcRow[] = []
  const confirmed = new Map<number, Set<string>>()
  const links: Link[] = []
  const ordered = [...config.datasets.keys()].sort((a, b) => (a === primaryIndex ? 1 : b === primaryIndex ? -1 : a - b))
  for (const di of ordered) {
    const d = config.datasets[di]!
    const info = store.datasets[di]!
    const roster = await openDataset(d)
    let k = 0
    for await (const row of roster.rows) {
      const index = info.first + k++
      if (options.onProgress && (k & 0x3fff) === 0) options.onProgress('checking', k, info.count, d.name)
      if (row.ragged !== undefined && !cutShort(roster, row)) continue
      const c = matchOf[index]!
      const xcRow = (): XcRow => ({ref: row.ref, dataset: d.name, department: d.department, values: valuesOf(roster, row)})
      if (di === primaryIndex) {
        const xc = xcRow()
        primaryRows.push(xc)
        if (c >= 0) kept[index] = xc
        else reconcilePrimaryChild(withAmbiguity({rows: [xc], score: 1}, ambiguity.departments.get(index)), ctx)
      } else if (c >= 0 && clusterHasPrimary[c]) {
        kept[index] = xcRow()
      } else {
        // A child off the primary list matters only by a death record or a left-behind flag:
        // the row's other values are read for the few that carry a flag.
        const status = xcStatusValues(roster, row)
        if (c >= 0 && d.department === 'public-security' && registrationStatus(status) === 'deceased') deceasedCluster[c] = 1
        if (leftBehindReason(status, options.lang)) unlistedCandidates.push({index, row: xcRow()})
      }
    }
  }

  // Children on the primary list: every XC check, and a link when they are on another list too.
  clusters.forEach((cluster, ci) => {
    if (cluster.decision !== 'match' || !clusterHasPrimary[ci]) return
    const rows = cluster.members.map((m) => kept[m]).filter((r): r is XcRow => r !== undefined)
    rows.sort((a, b) => Number(b.dataset === config.primary) - Number(a.dataset === config.primary))
    const ambiguous = new Set(cluster.members.flatMap((m) => [...(ambiguity.departments.get(m) ?? [])]))
    const child = withAmbiguity({rows, score: cluster.score}, ambiguous)
    reconcilePrimaryChild(child, ctx)
    const l = linkOf(cluster.id, child)
    if (l) links.push(l)
    const departments = new Set(rows.filter((r) => r.dataset !== config.primary).map((r) => r.department))
    for (const m of cluster.members) if (store.ds[m] === primaryIndex) confirmed.set(m, departments)
  })
  // Children only on other lists: the left-behind among them are missing from the primary list.
  for (const {index, row} of unlistedCandidates) {
    const c = matchOf[index]!
    if ((c >= 0 && deceasedCluster[c]) || ambiguity.candidates.has(index)) continue
    const others = c >= 0 ? clusters[c]!.members.filter((m) => m !== index).map((m) => store.ref(m)) : []
    reconcileUnlisted({rows: [row], score: 1}, ctx, others)
  }
  // Links between other lists (a child on education and public security but not on the primary
  // list) are links too: one entry per child found on two or more lists.
  clusters.forEach((cluster, ci) => {
    if (cluster.decision !== 'match' || clusterHasPrimary[ci]) return
    const datasets = new Set(cluster.members.map((m) => store.ds[m]))
    if (datasets.size < 2) return
    links.push({id: cluster.id, score: Math.round(cluster.score * 10_000) / 10_000, members: cluster.members.map((m) => ({...store.ref(m), department: config.datasets[store.ds[m]!]!.department}))})
  })
  addAmbiguity(ambiguities, store, clustering, config, options.lang, collector)

  // Breakdown of the primary list: rows, findings, and the share each department confirms.
  for (const r of primaryRows) breakdown.addRow(r.ref, unitsOf(r.values))
  const report = assembleReport({command: 'crosscheck', asOf, inputs: infos, collector, rows: infos.reduce((n, i) => n + i.rows, 0)})
  const entries = breakdown.build()
  const otherDepartments = [...new Set(config.datasets.filter((d) => d.name !== config.primary).map((d) => d.department))]
  const unitRows = new Map<string, {total: number; confirmed: Record<string, number>}>()
  primaryRows.forEach((r, k) => {
    const by = confirmed.get(primaryInfo.first + k) ?? new Set<string>()
    for (const key of unitKeys(r.values)) {
      const u = unitRows.get(key) ?? {total: 0, confirmed: {}}
      unitRows.set(key, u)
      u.total++
      for (const d of otherDepartments) if (by.has(d)) u.confirmed[d] = (u.confirmed[d] ?? 0) + 1
    }
  })
  for (const e of entries) {
    const u = unitRows.get(`${e.level}|${e.unit}`)
    if (!u) continue
    e.confirmed = Object.fromEntries(otherDepartments.map((d) => [d, Math.round(((u.confirmed[d] ?? 0) / u.total) * 10_000) / 10_000]))
  }
  if (entries.length > 0) report.breakdown = entries
  report.links = links
  return report
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
function addAmbiguity(ambiguities: readonly Ambiguity[], store: RecordStore, clustering: ReturnType<typeof linkStore>['clustering'], config: CrosscheckConfig, lang: Lang, collector: FindingCollector): void {
  for (const a of ambiguities) {
    const c = clustering.matchOf[a.record]!
    if (c >= 0 && clustering.clusters[c]!.members.some((m) => store.ds[m] === a.dataset)) continue
    collector.add({
      code: 'XC_AMBIGUOUS',
      ref: store.ref(a.record),
      params: {count: a.candidates.length, department: departmentName(config.datasets[a.dataset]!.department, lang)},
      related: a.candidates.map((m) => store.ref(m)),
    })
  }
}
