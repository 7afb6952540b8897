import {addRoster, RecordStore} from '../link/records.js'
import {type LinkOptions, type LinkPhase, linkStore} from '../link/link.js'
import type {CommonOptions} from '../options.js'
import {assembleReport} from '../report/assemble.js'
import {BreakdownBuilder} from '../report/breakdown.js'
import {FindingCollector} from '../report/collector.js'
import type {InputInfo, Link, Report, Severity} from '../report/model.js'
import {inputInfo} from '../rules/validate.js'
import {columnOverrides} from '../schema/headers.js'
import {openRoster} from '../schema/roster.js'
import type {CrosscheckConfig} from './config.js'
import {type XcChild, type XcRow, linkOf, reconcilePrimaryChild, reconcileUnlisted} from './reconcile.js'
import {type XcValues, leftBehindReason, registrationStatus, xcValues} from './values.js'

export interface CrosscheckOptions extends CommonOptions {
  match?: number
  possible?: number
  onProgress?: (phase: 'reading' | LinkPhase | 'checking', done: number, total?: number, subject?: string) => void
}

/** Default gap under the best candidate's probability within which a second one is as good. */
export const DEFAULT_AMBIGUOUS = 0.05

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

  for (const d of config.datasets) {
    const roster = await openDataset(d)
    const rows = await addRoster(store, roster, (n) => options.onProgress?.('reading', n, undefined, d.name))
    infos.push(inputInfo(roster, rows))
  }

  const linkOptions: LinkOptions = {onProgress: (phase, done, total) => options.onProgress?.(phase, done, total)}
  const match = options.match ?? config.thresholds.match
  const possible = options.possible ?? config.thresholds.possible
  if (match !== undefined) linkOptions.match = match
  if (possible !== undefined) linkOptions.possible = possible
  const link = linkStore(store, linkOptions)
  const {clusters, matchOf} = link.clustering

  // Second pass: the values the checks compare. Rows of children on the primary list are kept
  // until every list has been read; other rows are judged as they stream by, so that memory
  // holds the primary list's children, not every list.
  const primaryIndex = config.datasets.findIndex((d) => d.name === config.primary)
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
  const kept = new Map<number, XcRow>()
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
      if (row.ragged !== undefined) continue
      const c = matchOf[index]!
      const xc: XcRow = {ref: row.ref, dataset: d.name, department: d.department, values: xcValues(roster, row)}
      if (di === primaryIndex) {
        primaryRows.push(xc)
        if (c >= 0) kept.set(index, xc)
        else reconcilePrimaryChild({rows: [xc], score: 1}, ctx)
      } else if (c >= 0 && clusterHasPrimary[c]) {
        kept.set(index, xc)
      } else {
        if (c >= 0 && d.department === 'public-security' && registrationStatus(xc.values) === 'deceased') deceasedCluster[c] = 1
        if (leftBehindReason(xc.values, options.lang)) unlistedCandidates.push({index, row: xc})
      }
    }
  }

  // Children on the primary list: every XC check, and a link when they are on another list too.
  clusters.forEach((cluster, ci) => {
    if (cluster.decision !== 'match' || !clusterHasPrimary[ci]) return
    const rows = cluster.members.map((m) => kept.get(m)).filter((r): r is XcRow => r !== undefined)
    rows.sort((a, b) => Number(b.dataset === config.primary) - Number(a.dataset === config.primary))
    const child: XcChild = {rows, score: cluster.score}
    reconcilePrimaryChild(child, ctx)
    const l = linkOf(cluster.id, child)
    if (l) links.push(l)
    const departments = new Set(rows.filter((r) => r.dataset !== config.primary).map((r) => r.department))
    for (const m of cluster.members) if (store.ds[m] === primaryIndex) confirmed.set(m, departments)
  })
  // Children only on other lists: the left-behind among them are missing from the primary list.
  for (const {index, row} of unlistedCandidates) {
    const c = matchOf[index]!
    if (c >= 0 && deceasedCluster[c]) continue
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
  addAmbiguity(link, store, matchOf, primaryIndex, config, collector)

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

/** XC_AMBIGUOUS: a primary row whose best candidates on another list are equally good but different children. */
function addAmbiguity(
  link: ReturnType<typeof linkStore>,
  store: RecordStore,
  matchOf: Int32Array,
  primaryIndex: number,
  config: CrosscheckConfig,
  collector: FindingCollector,
): void {
  const gap = config.thresholds.ambiguous ?? DEFAULT_AMBIGUOUS
  const candidates = new Map<string, {other: number; probability: number}[]>()
  for (const e of [...link.edges, ...link.guarded]) {
    for (const [p, o] of [
      [e.a, e.b],
      [e.b, e.a],
    ] as const) {
      if (store.ds[p] !== primaryIndex || store.ds[o] === primaryIndex) continue
      const key = `${p}|${store.ds[o]}`
      const list = candidates.get(key) ?? []
      candidates.set(key, list)
      list.push({other: o, probability: e.probability})
    }
  }
  for (const [key, list] of candidates) {
    const [p] = key.split('|').map(Number) as [number]
    const mine = matchOf[p]!
    if (list.some((c) => mine >= 0 && matchOf[c.other] === mine)) continue
    list.sort((a, b) => b.probability - a.probability)
    const best = list[0]!
    const rivals = list.filter((c) => best.probability - c.probability <= gap && (matchOf[c.other]! < 0 || matchOf[c.other] !== matchOf[best.other]))
    if (rivals.length < 2) continue
    const department = config.datasets[store.ds[best.other]!]!.department
    collector.add({
      code: 'XC_AMBIGUOUS',
      ref: store.ref(p),
      params: {count: rivals.length, department},
      related: rivals.map((c) => store.ref(c.other)),
    })
  }
}
