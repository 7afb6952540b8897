import {BreakdownBuilder, type RowUnits} from '../findings/breakdown.js'
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

/** The columns of a stored row that unitsOf reads, as the SQL below names them. */
interface UnitTuple {
  reportingUnit: string | null
  regionCode: string | null
  county: string | null
  town: string | null
  village: string | null
  /** The ID number's first characters: unitsOf reads only its first six digits. */
  idStart: string | null
}

const UNIT_COLUMNS = `r.canonical."reportingUnit" AS "reportingUnit", r.canonical."regionCode" AS "regionCode", r.canonical."county" AS "county",
  r.canonical."town" AS "town", r.canonical."village" AS "village", substr(r.canonical."idNumber", 1, 12) AS "idStart"`
const UNIT_NAMES = '"reportingUnit", "regionCode", "county", "town", "village", "idStart"'

function unitsOfTuple(t: UnitTuple): RowUnits {
  const v = (s: string | null) => s ?? undefined
  return unitsOf({reportingUnit: v(t.reportingUnit), regionCode: v(t.regionCode), county: v(t.county), town: v(t.town), village: v(t.village), idNumber: v(t.idStart)})
}

/**
 * Open and new findings by unit: each latest snapshot's rows give the units, the findings are
 * counted on them. Rows and findings are grouped in SQL by the values that decide a row's units
 * (a few thousand villages, not a million rows through JS); a unit's codes are added in the order
 * of their first finding, as the findings' order would add them one by one.
 */
async function openByUnit(registry: Registry, ingestId: number, asOf: string) {
  const breakdown = new BreakdownBuilder()
  const findings: (UnitTuple & {code: string; n: number; first: number})[] = []
  for (const department of await registry.departments()) {
    const snapshot = await registry.latestSnapshot(department, asOf)
    if (!snapshot) continue
    const rows = await registry.query<UnitTuple & {n: number}>(
      `SELECT ${UNIT_NAMES}, count(*)::INTEGER AS n FROM (SELECT ${UNIT_COLUMNS} FROM snapshot_rows r WHERE r.snapshot_id = ?) GROUP BY ALL`,
      [snapshot.id],
    )
    for (const t of rows) breakdown.countRows(unitsOfTuple(t), t.n)
    // A finding is on the row of its department's snapshot with its file name and row number (the
    // later file's row when a snapshot held two files of one name, as a row-by-row pass would).
    const grouped = await registry.query<UnitTuple & {code: string; n: number; first: number}>(
      `WITH rows_ AS (
         SELECT * FROM (
           SELECT f.file_name, r.row_no, ${UNIT_COLUMNS},
                  row_number() OVER (PARTITION BY f.file_name, r.row_no ORDER BY r.file_index DESC) AS k
             FROM snapshot_rows r JOIN snapshot_files f ON f.snapshot_id = r.snapshot_id AND f.file_index = r.file_index
            WHERE r.snapshot_id = ?) WHERE k = 1)
       SELECT ${UNIT_NAMES.replace(/"(\w+)"/g, 'rows_."$1"')}, x.code, count(*)::INTEGER AS n, min(x.ordinal)::INTEGER AS first
         FROM findings x JOIN rows_ ON rows_.file_name = x.file_name AND rows_.row_no = x.row_no
        WHERE x.ingest_id = ? AND x.dataset = ? AND x.state IN ('new', 'open')
        GROUP BY ALL`,
      [snapshot.id, ingestId, department],
    )
    for (const g of grouped) findings.push(g)
  }
  findings.sort((a, b) => a.first - b.first)
  for (const t of findings) breakdown.countFindings(unitsOfTuple(t), t.code, t.n)
  return breakdown.build()
}
