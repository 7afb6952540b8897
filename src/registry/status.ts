import {BreakdownBuilder} from '../findings/breakdown.js'
import type {Finding, RegistryInfo, Report} from '../findings/model.js'
import {findingsOf} from '../findings/report-findings.js'
import {unitsOf} from '../findings/units.js'
import type {CommonOptions} from '../options.js'
import {primaryMovement} from './ingest.js'
import type {Registry} from './registry.js'
import {registryReport} from './report.js'
import {registryChanges} from './views.js'

// `registry status`, the nightly report: the latest ingest's findings with their states (the
// oldest open ones first: what has waited longest), the registry's counts, the children who
// entered and left the primary list since its previous snapshot with the reasons (the DIFF_EXIT_*
// of `registry changes`), and the open and new findings by reporting unit, county, town and village.

export interface StatusOptions extends CommonOptions {
  /** Only ingests on or before this date count (`--as-of` given); absent: the latest ingest. */
  onOrBefore?: string
}

/** Open findings oldest first (by the date first seen), then new ones; file and row order within a date. */
function byAge(a: Finding, b: Finding): number {
  const rank = (f: Finding) => (f.state === 'open' ? 0 : f.state === 'new' ? 1 : 2)
  return rank(a) - rank(b) || (a.firstSeen ?? '').localeCompare(b.firstSeen ?? '')
}

export async function registryStatus(registry: Registry, options: StatusOptions): Promise<Report> {
  const ingests = (await registry.ingests()).filter((i) => options.onOrBefore === undefined || i.asOf <= options.onOrBefore)
  const ingest = ingests.sort((a, b) => a.asOf.localeCompare(b.asOf) || a.id - b.id).at(-1)
  const asOf = ingest?.asOf ?? options.asOf
  const report = await registryReport(registry, ingest?.id, {command: 'registry status', asOf, includeInfo: options.includeInfo})
  // A stable sort keeps the file and row order of registryReport within each date.
  report.findings = [...findingsOf(report)].sort(byAge)
  const primary = (await registry.primaryDepartment()) ?? 'civil-affairs'
  // The report's inputs are the latest snapshots on or before asOf (registryReport read them).
  const inputs = report.inputs
  const departments = [...new Set(inputs.map((i) => i.dataset))]
  const info: RegistryInfo = {
    asOf,
    snapshots: departments.map((d) => ({department: d, files: inputs.filter((i) => i.dataset === d).map((i) => i.file), rows: inputs.filter((i) => i.dataset === d).reduce((n, i) => n + i.rows, 0)})),
    children: await registry.childCount(),
    ...(await primaryMovement(registry, primary, asOf)),
  }
  if (info.exited > 0 || info.entered > 0) info.exitsByReason = await exitsByReason(registry, options, asOf)
  report.registry = info
  if (ingest) report.breakdown = await openByUnit(registry, ingest.id, asOf)
  return report
}

/** The DIFF_EXIT_* counts between the primary list's two latest snapshots on or before `asOf`. */
async function exitsByReason(registry: Registry, options: CommonOptions, asOf: string): Promise<Record<string, number>> {
  const changes = await registryChanges(registry, {...options, to: asOf})
  const out: Record<string, number> = {}
  for (const [code, n] of Object.entries(changes.summary.byCode)) if (code.startsWith('DIFF_EXIT_')) out[code] = n
  return out
}

/** Open and new findings by unit: each latest snapshot's rows give the units, the findings are counted on them. */
async function openByUnit(registry: Registry, ingestId: number, asOf: string) {
  const breakdown = new BreakdownBuilder()
  const key = (department: string, file: string) => `${department}\u0000${file}`
  for (const department of await registry.departments()) {
    const snapshot = await registry.latestSnapshot(department, asOf)
    if (!snapshot) continue
    for await (const row of registry.snapshotRows(snapshot.id)) {
      const c = row.canonical
      const units = unitsOf({reportingUnit: c.reportingUnit, regionCode: c.regionCode, county: c.county, town: c.town, village: c.village, idNumber: c.idNumber})
      const file = snapshot.files[row.fileIndex]?.name ?? ''
      breakdown.addRow({dataset: key(department, file), file, row: row.row}, units)
    }
  }
  for await (const f of registry.findings(ingestId, ['new', 'open'])) {
    if (f.row !== undefined) breakdown.addFinding({dataset: key(f.dataset, f.file), file: f.file, row: f.row}, f.code)
  }
  return breakdown.build()
}
