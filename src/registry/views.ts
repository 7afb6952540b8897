import {diffSnapshots} from '../diff/diff.js'
import {UserError} from '../errors.js'
import {analyzeId} from '../cn/id-number.js'
import type {ChildFile, Finding, InputInfo, Report} from '../findings/model.js'
import {mapFindings} from '../findings/report-findings.js'
import {createTableWriter} from '../io/write-table.js'
import type {CommonOptions} from '../options.js'
import {isChildId} from './children.js'
import {privateTempDir} from './ingest.js'
import {type Materialized, materialize} from './materialize.js'
import type {Registry} from './registry.js'
import {cellsUnder, snapshotColumns} from './snapshot-columns.js'
import type {RegistryReader} from './reader.js'
import {registryReport, storedFileInput} from './report.js'
import {type RiskAt, type StoredLayout, rateStoredRow, storedRoster} from './risks.js'
import type {ChildRow, SnapshotInfo} from './types.js'

// What the registry shows of what it keeps: the changes between two snapshots of the primary list
// (by child number, not by linkage), one child's file (一人一档), and a snapshot exported with its
// child numbers.

const EXIT_LISTS = ['public-security', 'education'] as const

/** Findings and inputs of a check on materialized snapshots, renamed to the snapshots' own files and rows. */
function toOriginals(report: Report, materialized: readonly Materialized[]): Report {
  const byPath = new Map(materialized.map((m) => [m.path, m]))
  const where = (file: string, row: number) => {
    const m = byPath.get(file)
    const o = m?.origins[row]
    return o && m ? {file: m.snapshot.files[o.fileIndex]!.name, row: o.row} : {file, row}
  }
  const out = mapFindings(report, (f: Finding) => {
    const g: Finding = {...f, ...where(f.file, f.row)}
    if (f.related) g.related = f.related.map((r) => ({...r, ...where(r.file, r.row)}))
    const m = byPath.get(f.file)
    const o = m?.origins[f.row]
    if (o) g.childId = o.childId
    return g
  })
  out.inputs = report.inputs.flatMap((i): InputInfo[] => {
    const m = byPath.get(i.file)
    return m ? m.snapshot.files.map((f) => storedFileInput(i, f)) : [i]
  })
  return out
}

async function primaryOf(reader: RegistryReader): Promise<string> {
  const primary = await reader.primaryDepartment()
  if (!primary) throw new UserError({en: 'the registry holds no snapshot yet: run liushou registry ingest first', zh: '数据库中还没有快照：请先运行 liushou registry ingest'})
  return primary
}

/** `registry changes`: DIFF_* between the primary list's snapshots latest on or before `from` and `to`. */
export async function registryChanges(registry: Registry, options: CommonOptions & {from?: string; to?: string; ageLimit?: 16 | 18}): Promise<Report> {
  const primary = await primaryOf(registry)
  const snapshots = (await registry.snapshots(primary)).sort((a, b) => a.asOf.localeCompare(b.asOf) || a.id - b.id)
  const latestOnOrBefore = (date: string | undefined): SnapshotInfo | undefined => (date === undefined ? snapshots.at(-1) : snapshots.filter((s) => s.asOf <= date).at(-1))
  const to = latestOnOrBefore(options.to)
  if (!to) throw new UserError({en: `no snapshot of ${primary} on or before ${options.to ?? 'today'}`, zh: `${options.to ?? '今天'}当日或之前没有 ${primary} 的快照`})
  const from = options.from === undefined ? snapshots.filter((s) => s.asOf < to.asOf).at(-1) : latestOnOrBefore(options.from)
  if (!from) throw new UserError({en: `no earlier snapshot of ${primary} to compare with ${to.asOf}${options.from ? ` (on or before ${options.from})` : ''}`, zh: `没有可与 ${to.asOf} 比较的 ${primary} 更早快照${options.from ? `（${options.from} 当日或之前）` : ''}`})
  const temp = privateTempDir()
  try {
    const old = await materialize(registry, from, temp.dir)
    const next = from.id === to.id ? old : await materialize(registry, to, temp.dir)
    const lists: Materialized[] = []
    for (const department of EXIT_LISTS) {
      const s = await registry.latestSnapshot(department, to.asOf)
      if (s) lists.push(await materialize(registry, s, temp.dir))
    }
    const all = [old, next, ...lists]
    const byPath = new Map(all.map((m) => [m.path, m]))
    const report = await diffSnapshots(
      {file: old.path, dataset: `${primary}@${from.asOf}`, department: primary},
      {file: next.path, dataset: `${primary}@${to.asOf}`, department: primary},
      lists.map((m) => ({file: m.path, dataset: m.department, department: m.department})),
      {
        ...options,
        asOf: to.asOf,
        oldAsOf: from.asOf,
        ageLimit: options.ageLimit ?? 16,
        knownChildren: (ref) => byPath.get(ref.file)?.origins[ref.row]?.childId,
      },
    )
    return {...toOriginals(report, all), command: 'registry changes'}
  } finally {
    temp.remove()
  }
}

/** A child number, or an ID number, to the child's current number. */
export async function findChild(reader: RegistryReader, key: string): Promise<string> {
  const trimmed = key.trim().toUpperCase()
  if (isChildId(trimmed)) {
    const id = await reader.resolveChild(trimmed)
    if (!id) throw new UserError({en: `no child numbered ${trimmed} in the registry`, zh: `数据库中没有编号为 ${trimmed} 的儿童`})
    return id
  }
  const a = analyzeId(trimmed)
  if (!a.canonical || a.problem) throw new UserError({en: 'give a child number (LS430524-0000123) or a valid ID number', zh: '请给出儿童编号（如 LS430524-0000123）或有效的身份证号'})
  const rows = await reader.query<{child: string}>(
    `SELECT DISTINCT coalesce(c.resolved_to, r.child_id) AS child FROM snapshot_rows r LEFT JOIN children c ON c.child_id = r.child_id WHERE r.canonical."idNumber" = ?`,
    [a.canonical],
  )
  if (rows.length === 0) throw new UserError({en: 'no child with that ID number in the registry', zh: '数据库中没有持该身份证号的儿童'})
  if (rows.length > 1) throw new UserError({en: `that ID number is on ${rows.length} children (${rows.map((r) => r.child).join(', ')}): give a child number`, zh: `该身份证号出现在 ${rows.length} 个儿童名下（${rows.map((r) => r.child).join('、')}）：请给出儿童编号`})
  return rows[0]!.child
}

/** `registry child`: one child's rows in every snapshot, the changes, the findings of the latest ingest. */
export async function childFile(registry: Registry, key: string, options: CommonOptions): Promise<Report> {
  const childId = await findChild(registry, key)
  const rows = await registry.childRows(childId)
  const merged = [...new Set(rows.map((r) => r.assignedId).filter((id) => id !== childId))].sort()
  // One layout per stored file (its header mapped to fields), for the rows' fields and the risks.
  const layouts = new Map<number, StoredLayout>()
  const layoutOf = async (r: ChildRow): Promise<StoredLayout> => {
    const key = r.snapshotId * 1000 + r.fileIndex
    let layout = layouts.get(key)
    if (!layout) {
      layout = storedRoster((await registry.snapshot(r.snapshotId))?.files[r.fileIndex]?.header ?? [])
      layouts.set(key, layout)
    }
    return layout
  }
  const file: ChildFile = {childId, merged, rows: [], changes: [], risks: []}
  for (const r of rows) {
    const {columns} = await layoutOf(r)
    const cells: Record<string, string> = {}
    const fields: Record<string, string> = {}
    r.cells.forEach((c, i) => {
      if (c === '') return
      const name = columns[i]?.header || `#${i + 1}`
      cells[name] = c
      const field = columns[i]?.field
      if (field) fields[name] = field
    })
    file.rows.push({asOf: r.asOf, department: r.department, file: r.file, row: r.row, cells, fields})
  }
  file.risks = await riskHistory(registry, rows, layoutOf)
  // Changes: each department's consecutive snapshots, field by field (canonical values).
  const byDepartment = new Map<string, typeof rows>()
  for (const r of rows) byDepartment.set(r.department, [...(byDepartment.get(r.department) ?? []), r])
  for (const list of byDepartment.values()) {
    const ordered = [...list].sort((a, b) => a.asOf.localeCompare(b.asOf) || a.snapshotId - b.snapshotId)
    for (let k = 1; k < ordered.length; k++) {
      const before = ordered[k - 1]!
      const after = ordered[k]!
      if (before.snapshotId === after.snapshotId) continue
      for (const field of new Set([...Object.keys(before.canonical), ...Object.keys(after.canonical)])) {
        const b = before.canonical[field] ?? ''
        const a = after.canonical[field] ?? ''
        if (a !== b) file.changes.push({asOf: after.asOf, field, before: b, after: a})
      }
    }
  }
  const latest = await registry.latestIngest()
  const report = await registryReport(registry, latest?.id, {command: 'registry child', asOf: latest?.asOf ?? options.asOf, includeInfo: true})
  report.findings = report.findings.filter((f) => f.childId === childId)
  report.summary = {...report.summary, findings: report.findings.length, errors: report.findings.filter((f) => f.severity === 'error').length, warnings: report.findings.filter((f) => f.severity === 'warning').length, infos: report.findings.filter((f) => f.severity === 'info').length, byCode: countBy(report.findings)}
  delete report.summary.byState
  report.child = file
  return report
}

/**
 * The child's risk at each snapshot of the primary list (src/registry/risks.ts): its first row in
 * that snapshot rated as of the snapshot's date, enrolment judged by the education snapshot latest
 * on or before it.
 */
async function riskHistory(reader: RegistryReader, rows: readonly ChildRow[], layoutOf: (r: ChildRow) => Promise<StoredLayout>): Promise<RiskAt[]> {
  const primary = await primaryOf(reader)
  const risks: RiskAt[] = []
  const rated = new Set<number>()
  for (const r of rows) {
    if (r.department !== primary || rated.has(r.snapshotId)) continue
    rated.add(r.snapshotId)
    const education = primary === 'education' ? undefined : await reader.latestSnapshot('education', r.asOf)
    const enrolled = education === undefined ? undefined : rows.some((x) => x.snapshotId === education.id)
    const risk = rateStoredRow(await layoutOf(r), r.cells, r.asOf, enrolled)
    if (risk) risks.push(risk)
  }
  return risks
}

function countBy(findings: readonly Finding[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const f of findings) out[f.code] = (out[f.code] ?? 0) + 1
  return out
}

/** `registry export`: a department's snapshot with 儿童编号 first, its rows in file order, original columns. */
export async function exportSnapshot(reader: RegistryReader, options: {asOf: string; output: string; department?: string; encoding?: 'utf8-bom' | 'utf8' | 'gb18030'}): Promise<{rows: number; snapshot: SnapshotInfo}> {
  const department = options.department ?? (await primaryOf(reader))
  const snapshot = await reader.latestSnapshot(department, options.asOf)
  if (!snapshot) throw new UserError({en: `no snapshot of ${department} on or before ${options.asOf}`, zh: `${options.asOf} 当日或之前没有 ${department} 的快照`})
  const columns = snapshotColumns(snapshot)
  const header = ['儿童编号', ...columns.header]
  const writer = await createTableWriter(options.output, header, {encoding: options.encoding ?? 'utf8-bom', private: true})
  let rows = 0
  try {
    for await (const r of reader.snapshotRows(snapshot.id)) {
      await writer.write([r.childId, ...(columns.asFirst ? r.cells : cellsUnder(columns, r.fileIndex, r.cells))])
      rows++
    }
    await writer.close()
  } catch (error) {
    await writer.abort()
    throw error
  }
  return {rows, snapshot}
}
