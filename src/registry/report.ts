import type {Finding, InputInfo, RelatedRef, Report, Summary} from '../findings/model.js'
import type {FindingCode} from '../findings/codes.js'
import {packageVersion} from '../package-root.js'
import type {RegistryReader} from './reader.js'
import type {SnapshotFile, StoredFinding} from './types.js'

// A registry report is built from what the registry stored: the findings of one ingest with the
// states it gave them. Open and new findings are listed; resolved and waived ones are counted,
// and listed with --include-info, as infos are (docs/architecture.md "Contracts").

export interface RegistryReportOptions {
  command: string
  asOf: string
  includeInfo: boolean
}

function findingOf(s: StoredFinding): Finding {
  const detail = (s.detail ?? {}) as Partial<Finding>
  const f: Finding = {
    dataset: s.dataset,
    file: s.file,
    row: s.row ?? 1,
    code: s.code as FindingCode,
    severity: s.severity,
    message: s.message,
    fingerprint: s.fingerprint,
  }
  if (detail.hint !== undefined) f.hint = detail.hint
  if (s.field) f.field = s.field
  if (detail.column !== undefined) f.column = detail.column
  if (detail.value !== undefined) f.value = detail.value
  if (detail.expected !== undefined) f.expected = detail.expected
  if (Array.isArray(detail.related) && detail.related.length > 0) f.related = detail.related as RelatedRef[]
  if (detail.name !== undefined) f.name = detail.name
  if (detail.town !== undefined) f.town = detail.town
  if (detail.village !== undefined) f.village = detail.village
  f.state = s.state
  if (s.childId) f.childId = s.childId
  f.firstSeen = s.firstSeen
  return f
}

/** The snapshots an ingest's checks read, as the report's inputs. */
export async function snapshotInputs(reader: RegistryReader, asOf: string): Promise<InputInfo[]> {
  const out: InputInfo[] = []
  for (const department of await reader.departments()) {
    const snapshot = await reader.latestSnapshot(department, asOf)
    if (!snapshot) continue
    for (const file of snapshot.files) out.push(storedFileInput({dataset: department, department}, file))
  }
  return out
}

/** A snapshot's file as a report's input: as it was ingested (its format, encoding, sheet), not as written out for the checks. */
export function storedFileInput(list: Pick<InputInfo, 'dataset' | 'department'>, file: SnapshotFile): InputInfo {
  const input: InputInfo = {dataset: list.dataset, ...(list.department === undefined ? {} : {department: list.department}), file: file.name, format: (file.format as InputInfo['format'] | undefined) ?? 'csv', rows: file.rows}
  if (file.encoding) input.encoding = file.encoding
  if (file.sheet) input.sheet = file.sheet
  return input
}

/** The report of an ingest's findings as the registry recorded them. */
export async function registryReport(reader: RegistryReader, ingestId: number | undefined, options: RegistryReportOptions): Promise<Report> {
  const inputs = await snapshotInputs(reader, options.asOf)
  const summary: Summary = {rows: inputs.reduce((n, i) => n + i.rows, 0), findings: 0, errors: 0, warnings: 0, infos: 0, byCode: {}}
  const byState: NonNullable<Summary['byState']> = {}
  const findings: Finding[] = []
  // A waiver recorded since the ingest already counts (the next ingest records it as waived).
  if (ingestId !== undefined) {
    // Counted in SQL, in the order each code and state first comes (the summary's key order);
    // only the findings listed are read.
    for (const t of await reader.findingTally(ingestId)) {
      const key = t.severity === 'error' ? 'errors' : t.severity === 'warning' ? 'warnings' : 'infos'
      summary[key] += t.n
      summary.findings += t.n
      summary.byCode[t.code] = (summary.byCode[t.code] ?? 0) + t.n
      const split = (byState[t.state] ??= {errors: 0, warnings: 0, infos: 0})
      split[key] += t.n
    }
    if (options.includeInfo) {
      const waived = new Set((await reader.waivers()).map((w) => w.fingerprint))
      for await (const stored of reader.findings(ingestId)) {
        findings.push(findingOf((stored.state === 'new' || stored.state === 'open') && waived.has(stored.fingerprint) ? {...stored, state: 'waived' as const} : stored))
      }
    } else {
      for await (const stored of reader.listedFindings(ingestId)) findings.push(findingOf(stored))
    }
  }
  if (Object.keys(byState).length > 0) summary.byState = byState
  // In file order: the inputs' order, then rows (the registry stores the ingest's resolved findings last).
  const order = new Map(inputs.map((i, k) => [i.file, k]))
  findings.sort((a, b) => (order.get(a.file) ?? inputs.length) - (order.get(b.file) ?? inputs.length) || a.row - b.row)
  return {tool: 'liushou', version: packageVersion(), command: options.command, asOf: options.asOf, generatedAt: new Date().toISOString(), inputs, summary, findings}
}
