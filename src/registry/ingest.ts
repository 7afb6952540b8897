import {createHash} from 'node:crypto'
import {constants, createReadStream, mkdtempSync} from 'node:fs'
import {access} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {registerTemporary} from '../cleanup.js'
import {UserError, changedWhileReading} from '../errors.js'
import {FindingCollector} from '../findings/collector.js'
import {subjectOf} from '../findings/subject.js'
import type {LinkPhase} from '../link/link.js'
import type {CommonOptions} from '../options.js'
import {packageVersion} from '../package-root.js'
import {isDepartment} from '../schema/dataset-args.js'
import {type Roster, openRoster} from '../schema/roster.js'
import {type NewList, type Placement, assignChildren} from './assign.js'
import {canonicalOf} from './canonical.js'
import {MERGED} from './children.js'
import {exactKey} from './exact.js'
import {IngestChecks, materializeLatest} from './checks.js'
import {materializeStaged, placeStaged} from './materialize.js'
import type {Registry} from './registry.js'
import type {RegistryReader} from './reader.js'
import type {SnapshotWriter} from './snapshots.js'
import type {Transaction} from './transaction.js'
import {phaseTimer} from './timing.js'
import type {FindingInput as StoredFindingInput, SnapshotFileInput, SnapshotInfo} from './types.js'
import type {DepartmentList} from '../schema/dataset-lists.js'

// `liushou registry ingest DEPT=FILE... --as-of D` (docs/registry.md): one transaction that stores
// each new list as a snapshot, gives every row its child number (placing new rows against the
// children already known), checks the departments' latest snapshots (validate and crosscheck) and
// records each finding's state. A list already stored for that department and date (same files,
// same bytes) changes nothing.

/** A department's list to ingest: one or more files (schema/dataset-lists.ts). */
export type RegistryList = DepartmentList

export interface IngestOptions extends CommonOptions {
  lists: RegistryList[]
  /** The primary list's department, recorded at the first ingest (default civil-affairs). */
  primary?: string
  match?: number
  possible?: number
  onProgress?: (phase: 'hashing' | 'reading' | LinkPhase | 'storing' | 'checking', done: number, total?: number) => void
}

export interface RegistrySummary {
  asOf: string
  snapshots: {department: string; files: string[]; rows: number; unchanged?: boolean}[]
  children: number
  entered: number
  exited: number
}

export interface IngestResult {
  ingestId?: number
  summary: RegistrySummary
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256')
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  } catch (error) {
    throw unreadable(error, file)
  }
  return hash.digest('hex')
}

/** A list's file that cannot be read, as the one line the user sees. */
function unreadable(error: unknown, file: string): UserError {
  const code = (error as NodeJS.ErrnoException).code
  return new UserError(code === 'ENOENT' ? {en: 'no such file', zh: '文件不存在'} : {en: `cannot read (${code ?? 'error'})`, zh: `无法读取（${code ?? 'error'}）`}, file)
}

/**
 * Every file of the lists can be read: checked before the registry is opened, so that a mistyped
 * file name does not leave a new, empty registry behind (the file is created on first use).
 */
export async function assertListsReadable(lists: readonly RegistryList[]): Promise<void> {
  for (const file of lists.flatMap((l) => l.files)) {
    try {
      await access(file, constants.R_OK)
    } catch (error) {
      throw unreadable(error, file)
    }
  }
}

/** A private temporary folder, removed when done or on a signal (src/cleanup.ts). */
export function privateTempDir(): {dir: string; remove: () => void} {
  const dir = mkdtempSync(path.join(tmpdir(), 'liushou-registry-'))
  return {dir, remove: registerTemporary(dir)}
}

function fileInput(roster: Roster, sha256: string): SnapshotFileInput {
  const input: SnapshotFileInput = {
    name: roster.source.file,
    sha256,
    dataset: roster.dataset,
    format: roster.source.format,
    header: roster.columns.map((c) => c.header),
    fields: roster.columns.map((c) => c.field ?? null),
  }
  if (roster.source.encoding) input.encoding = roster.source.encoding
  if (roster.source.sheet) input.sheet = roster.source.sheet
  return input
}

/** A new list read once (stageList): its rows staged in its snapshot's writer, and the children exact placement found. */
interface StagedList {
  writer: SnapshotWriter
  /** Each file's column of each field, to read staged rows' canonical values again. */
  fieldIndexes: Roster['fieldIndex'][]
  exact: (string | undefined)[][] | undefined
}

type Uncertain = {ref: {dataset: string; file: string; row: number}; childId: string; candidates: NonNullable<Placement['candidates']>; canonical: Record<string, string>}

/**
 * Reads a new list into its snapshot's writer: every row with its canonical values and, when it
 * is not ragged (its cells are shifted), its exactKey; then places the rows the same as last
 * month's (exact.ts). The rows are stored once they all have their child (storeList).
 */
async function stageList(tx: Transaction, list: NewList, hashes: string[], asOf: string, ingestId: number): Promise<StagedList> {
  const rosters = await Promise.all(list.files.map((file) => list.open(file)))
  for (const roster of rosters) assertNamesChildren(roster)
  const writer = await tx.snapshotWriter({department: list.department, asOf, ingestId, files: rosters.map((r, i) => fileInput(r, hashes[i]!))})
  for (const [fileIndex, roster] of rosters.entries()) {
    for await (const row of roster.rows) {
      const canonical = canonicalOf(roster.fieldIndex, row.cells)
      writer.stage({fileIndex, row: row.ref.row, cells: row.cells, canonical}, row.ragged === undefined ? exactKey(canonical) : undefined)
    }
  }
  writer.endStaging()
  return {writer, fieldIndexes: rosters.map((r) => r.fieldIndex), exact: await tx.exactChildren(list.department, asOf, writer)}
}

/**
 * A file none of whose columns names a child (no 姓名, no 身份证号: another table, or a header
 * written unlike any roster's) is not stored: each of its rows would become a new child and every
 * child of the department's last list would be counted as gone. validate reports it
 * (HEADER_MISSING) and goes on; the registry refuses it before anything is written.
 */
function assertNamesChildren(roster: Roster): void {
  if (roster.fieldIndex.has('name') || roster.fieldIndex.has('idNumber')) return
  throw new UserError(
    {
      en: 'no name (姓名) or ID number (身份证号) column, not a roster: nothing was stored',
      zh: '没有姓名或身份证号列，不像花名册，未写入数据库',
    },
    roster.source.file,
    roster.headerRow || undefined,
  )
}

/** Gives every staged row of a new list its child number and stores the snapshot; adds its rows' numbers to `childIds` and its REG_UNCERTAIN cases to `uncertain`. */
async function storeList(
  tx: Transaction,
  list: RegistryList,
  staged: StagedList,
  ingestId: number,
  placements: Placement[][],
  groupIds: Map<number, string>,
  uncertain: Uncertain[],
  childIdsOfLists: string[][],
): Promise<SnapshotInfo> {
  const {writer} = staged
  // Linkage read the rows exact placement left from the file again: as many as were staged, or the file changed.
  const changed = placements.findIndex((rows, fileIndex) => rows.length !== writer.fileRows[fileIndex])
  if (changed >= 0) throw changedWhileReading(list.files[changed]!, 'registry ingest')
  // New children first: one number per row, or per cluster of rows of one new child.
  const fresh: {fileIndex: number; k: number; group?: number; county?: string}[] = []
  placements.forEach((rows, fileIndex) =>
    rows.forEach((p, k) => {
      if (p.childId) return
      if (p.group !== undefined && !p.candidates) {
        if (groupIds.has(p.group)) return
        groupIds.set(p.group, '')
      }
      fresh.push({fileIndex, k, ...(p.group !== undefined && !p.candidates ? {group: p.group} : {}), ...(p.county ? {county: p.county} : {})})
    }),
  )
  const numbers = await tx.createChildren(fresh.map((f) => f.county), {ingestId, snapshotId: writer.id})
  const own = new Map<string, string>()
  fresh.forEach((f, n) => {
    if (f.group !== undefined) groupIds.set(f.group, numbers[n]!)
    else own.set(`${f.fileIndex}:${f.k}`, numbers[n]!)
  })
  const childIds: string[] = []
  const unsure: {ordinal: number; childId: string; candidates: NonNullable<Placement['candidates']>}[] = []
  placements.forEach((rows, fileIndex) =>
    rows.forEach((p, k) => {
      const childId = p.childId ?? (p.group !== undefined && !p.candidates ? groupIds.get(p.group)! : own.get(`${fileIndex}:${k}`)!)
      if (p.candidates) unsure.push({ordinal: childIds.length, childId, candidates: p.candidates})
      childIds.push(childId)
    }),
  )
  // The rows placed with no confidence are read back for their finding (a handful, if any).
  const rows = await writer.stagedRows(unsure.map((u) => u.ordinal))
  unsure.forEach((u, n) => {
    const row = rows[n]!
    uncertain.push({ref: {dataset: list.department, file: list.files[row.fileIndex]!, row: row.row}, childId: u.childId, candidates: u.candidates, canonical: canonicalOf(staged.fieldIndexes[row.fileIndex]!, row.cells)})
  })
  await writer.place(childIds)
  childIdsOfLists.push(childIds)
  return writer.finish()
}

/** Children who entered and left the primary list between its two latest snapshots on or before `asOf`. */
export async function primaryMovement(reader: RegistryReader, primary: string, asOf: string): Promise<{entered: number; exited: number}> {
  const snapshots = (await reader.snapshots(primary)).filter((s) => s.asOf <= asOf).sort((a, b) => a.asOf.localeCompare(b.asOf) || a.id - b.id)
  const latest = snapshots.at(-1)
  const before = snapshots.filter((s) => s.asOf < (latest?.asOf ?? '')).at(-1)
  if (!latest || !before) return {entered: 0, exited: 0}
  // Each snapshot's children (merges followed), compared in SQL rather than read row by row.
  const children = (id: number) => `SELECT DISTINCT coalesce(m.resolved_to, r.child_id) AS c FROM snapshot_rows r
      LEFT JOIN ${MERGED} m ON m.child_id = r.child_id
     WHERE r.snapshot_id = ${id}`
  const [counts] = await reader.query<{entered: number; exited: number}>(
    `WITH now AS (${children(latest.id)}), then_ AS (${children(before.id)})
     SELECT (SELECT count(*) FROM now WHERE c NOT IN (SELECT c FROM then_))::INTEGER AS entered,
            (SELECT count(*) FROM then_ WHERE c NOT IN (SELECT c FROM now))::INTEGER AS exited`,
  )
  return {entered: counts!.entered, exited: counts!.exited}
}

export async function ingestLists(registry: Registry, options: IngestOptions): Promise<IngestResult> {
  const asOf = options.asOf
  for (const list of options.lists) if (!isDepartment(list.department)) throw new UserError({en: `"${list.department}" is no department`, zh: `“${list.department}”不是部门`})
  const mark = phaseTimer()
  options.onProgress?.('hashing', 0)
  const hashes = await Promise.all(options.lists.map((l) => Promise.all(l.files.map(sha256File))))
  mark('hashing')
  const temp = privateTempDir()
  let checks: IngestChecks | undefined
  try {
    return await registry.transaction(async (tx) => {
      const unchanged = new Set<number>()
      for (const [i, list] of options.lists.entries()) if (await tx.findSnapshot(list.department, asOf, hashes[i]!)) unchanged.add(i)
      const summaryOf = async (rows: number[], ingestId?: number): Promise<IngestResult> => {
        const primary = (await tx.primaryDepartment()) ?? options.primary ?? 'civil-affairs'
        return {
          ...(ingestId === undefined ? {} : {ingestId}),
          summary: {
            asOf,
            snapshots: options.lists.map((l, i) => ({department: l.department, files: l.files, rows: rows[i] ?? 0, ...(unchanged.has(i) ? {unchanged: true} : {})})),
            children: await tx.childCount(),
            ...(await primaryMovement(tx, primary, asOf)),
          },
        }
      }
      if (unchanged.size === options.lists.length) {
        const rows = await Promise.all(options.lists.map(async (l) => (await tx.findSnapshot(l.department, asOf, hashes[options.lists.indexOf(l)]!))?.rows ?? 0))
        return summaryOf(rows)
      }
      const ingest = await tx.beginIngest({asOf, version: packageVersion()})
      let primary = await tx.primaryDepartment()
      if (!primary) {
        primary = options.primary ?? 'civil-affairs'
        await tx.setPrimaryDepartment(primary)
      }
      const fresh = options.lists.map((l, i) => ({list: l, i})).filter(({i}) => !unchanged.has(i))
      checks = await IngestChecks.start(tx, ingest, options)
      // The departments this ingest leaves as they were are written out and validated first, beside the rest.
      const changing = new Set<string>(fresh.map(({list}) => list.department))
      const kept = await materializeLatest(tx, asOf, temp.dir, (d) => !changing.has(d))
      await checks.validate(kept)
      mark('unchanged written out')
      const newLists: NewList[] = []
      const staged: StagedList[] = []
      for (const {list, i} of fresh) {
        const open = (file: string) => openRoster(file, {dataset: list.department, department: list.department, encoding: options.encoding, sheet: options.sheet, columns: options.columns})
        const newList: NewList = {department: list.department, files: list.files, open}
        staged.push(await stageList(tx, newList, hashes[i]!, asOf, ingest.id))
        newLists.push(newList)
      }
      mark('keys')
      // The new lists are written out as staged, their validate running beside linkage and storing.
      const written = await Promise.all(staged.map((s) => materializeStaged(tx, s.writer, temp.dir)))
      const stored = [...written].sort(byDepartment)
      await checks.validate(stored)
      mark('new lists written out')
      const linkage = await tx.usableLinkage(ingest.id, asOf)
      const assignment = await assignChildren(tx, newLists, {asOf, exact: staged.map((s) => s.exact), ...(linkage ? {linkage} : {}), ...(options.match === undefined ? {} : {match: options.match}), ...(options.possible === undefined ? {} : {possible: options.possible}), ...(options.onProgress ? {onProgress: options.onProgress} : {}), mark})
      mark('assign')
      // In the departments' order, as every check's blocks are numbered.
      const lists = [...kept, ...stored].sort(byDepartment)
      options.onProgress?.('checking', 0)
      // The crosscheck reads the written-out lists alone, in a worker: beside it, the new lists are
      // stored and validate's findings recorded, in this thread and the database's.
      const crosschecking = checks.crosscheck(lists, primary)
      const markBeside = phaseTimer()
      const markStore = (label: string) => markBeside(`beside it: ${label}`)
      const groupIds = new Map<number, string>()
      const uncertain: Uncertain[] = []
      const rows: number[] = options.lists.map(() => 0)
      const childIds: string[][] = []
      for (const [n, {list, i}] of fresh.entries()) {
        const snapshot = await storeList(tx, list, staged[n]!, ingest.id, assignment.placements[n]!, groupIds, uncertain, childIds)
        await placeStaged(tx, written[n]!, snapshot)
        rows[i] = snapshot.rows
      }
      for (const i of unchanged) rows[i] = (await tx.findSnapshot(options.lists[i]!.department, asOf, hashes[i]!))?.rows ?? 0
      markStore('store')
      await tx.keepLinkage(ingest.id, asOf, assignment.linkage, (n, ordinal) => childIds[n]![ordinal]!, linkage)
      markStore('linkage kept')
      // Validate's findings are recorded now, the crosscheck's after them.
      await checks.recordValidation(lists, markStore)
      await checks.record(ingest.id, lists, crosschecking, uncertainFindings(uncertain, options), mark)
      mark('record findings')
      const summary = await summaryOf(rows, ingest.id)
      mark('summary')
      return summary
    })
  } finally {
    checks?.close()
    temp.remove()
  }
}

/** Department ids (ASCII) in the order the registry lists them (RegistryReader.departments). */
const byDepartment = (a: {department: string}, b: {department: string}): number => (a.department < b.department ? -1 : a.department > b.department ? 1 : 0)

/** REG_UNCERTAIN on each row placed with no confidence, through the collector (fingerprints, texts). */
function uncertainFindings(cases: readonly Uncertain[], options: CommonOptions): StoredFindingInput[] {
  const collector = new FindingCollector({lang: options.lang, includeInfo: true})
  for (const c of cases) {
    collector.registerDataset(c.ref.dataset, c.ref.dataset)
    collector.add({
      code: 'REG_UNCERTAIN',
      ref: c.ref,
      field: 'idNumber',
      childId: c.childId,
      subject: subjectOf(c.canonical),
      params: {count: c.candidates.length, childId: c.childId},
      related: c.candidates.map((k) => ({dataset: k.department, file: k.file, row: k.row})),
    })
  }
  return collector.findings([...new Set(cases.map((c) => c.ref.dataset))]).map((f) => {
    const detail: Record<string, unknown> = {}
    for (const key of ['hint', 'column', 'value', 'expected', 'name', 'town', 'village', 'related'] as const) if (f[key] !== undefined) detail[key] = f[key]
    return {fingerprint: f.fingerprint, code: f.code, severity: f.severity, message: f.message, field: 'idNumber', department: f.dataset, dataset: f.dataset, file: f.file, row: f.row, childId: f.childId!, detail}
  })
}
