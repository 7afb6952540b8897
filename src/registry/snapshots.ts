import {type DuckDBAppender, DuckDBDataChunk, DuckDBListVector, DuckDBStructVector, type DuckDBType, listValue} from '@duckdb/node-api'

import {isChildId} from './children.js'
import type {Db} from './db.js'
import {CANONICAL_FIELDS, CANONICAL_INDEX} from './schema.js'
import type {SnapshotFile, SnapshotFileInput, SnapshotInfo, SnapshotRow, SnapshotRowInput} from './types.js'
import {instant, isoDate, isoDay, isoTimestamp} from './values.js'

// A snapshot is one department's list as of a date: its files (names, hashes, headers) and every
// row (original cells, canonical values, row number, child number). Rows go in through DuckDB's
// appender a data chunk at a time, each vector filled directly: a LIST or STRUCT appended value
// by value costs a type and a value object per cell (47 s for 320,000 rows instead of 7).

/** The snapshot's identity for idempotence: its files' hashes in the order given. */
export function filesKey(sha256s: readonly string[]): string {
  return sha256s.join(',')
}

const CHUNK_ROWS = 2048
const PAGE_ROWS = 16_384

export interface SnapshotStart {
  id: number
  department: string
  asOf: string
  ingestId: number
  /** When the ingest ran; now when not given. */
  ingestedAt?: string
  files: readonly SnapshotFileInput[]
}

/**
 * Takes a snapshot's rows in file order and stores them; `finish` records the snapshot itself.
 * Until then nothing of it is visible, and a rollback leaves nothing behind.
 */
export class SnapshotWriter {
  readonly id: number
  private appender: DuckDBAppender | undefined
  private types: DuckDBType[] = []
  // Rows wait here until a chunk's worth is ready: a data chunk is made at its exact size (a
  // LIST vector of a chunk only partly filled cannot be flushed).
  private pending: SnapshotRowInput[] = []
  private ordinal = 0
  private readonly fileRows: number[]
  private lastFile = 0
  private lastRow = 0
  private state: 'open' | 'finished' | 'aborted' = 'open'

  constructor(
    private readonly db: Db,
    private readonly start: SnapshotStart,
  ) {
    this.id = start.id
    isoDate(start.asOf, 'asOf')
    if (start.files.length === 0) throw new Error('registry: a snapshot needs at least one file')
    for (const f of start.files) {
      if (f.header.length !== f.fields.length) throw new Error(`registry: ${f.name}: header and fields differ in length`)
    }
    this.fileRows = start.files.map(() => 0)
  }

  get isOpen(): boolean {
    return this.state === 'open'
  }

  get rows(): number {
    return this.ordinal + this.pending.length
  }

  /** Opens the appender; the transaction calls it before handing the writer out. */
  async open(): Promise<void> {
    this.appender = await this.db.connection.createAppender('snapshot_rows')
    this.types = Array.from({length: this.appender.columnCount}, (_, i) => this.appender!.columnType(i))
  }

  /** Takes the next row in file order. The row is copied: the caller may reuse its arrays. */
  append(row: SnapshotRowInput): void {
    if (this.state !== 'open') throw new Error(`registry: snapshot ${this.id} is ${this.state}`)
    this.check(row)
    this.pending.push({fileIndex: row.fileIndex, row: row.row, cells: [...row.cells], canonical: {...row.canonical}, childId: row.childId})
    this.fileRows[row.fileIndex]!++
    if (this.pending.length === CHUNK_ROWS) this.flushChunk()
  }

  private check(row: SnapshotRowInput): void {
    const {fileIndex, row: n} = row
    if (!Number.isInteger(fileIndex) || fileIndex < 0 || fileIndex >= this.start.files.length) {
      throw new Error(`registry: row ${n}: file index ${fileIndex} out of range`)
    }
    if (!Number.isInteger(n) || n < 1) throw new Error(`registry: row number ${n} must be a positive integer`)
    // File order: a file after the one before it, rows rising within a file.
    if (fileIndex < this.lastFile || (fileIndex === this.lastFile && n <= this.lastRow)) {
      throw new Error(`registry: rows out of file order (file ${fileIndex} row ${n} after file ${this.lastFile} row ${this.lastRow})`)
    }
    if (!isChildId(row.childId)) throw new Error(`registry: row ${n}: not a child number: ${JSON.stringify(row.childId)}`)
    for (const key in row.canonical) {
      if (!CANONICAL_INDEX.has(key)) throw new Error(`registry: ${key} is not a canonical field`)
    }
    this.lastFile = fileIndex
    this.lastRow = n
  }

  private flushChunk(): void {
    const rows = this.pending
    if (rows.length === 0) return
    this.pending = []
    const chunk = DuckDBDataChunk.create(this.types, rows.length)
    const v = this.types.map((_, i) => chunk.getColumnVector(i))
    const struct = v[6]
    if (!(struct instanceof DuckDBStructVector)) throw new Error('registry: snapshot_rows.canonical is not a STRUCT')
    const canonical = CANONICAL_FIELDS.map((_, i) => struct.entryVectorAt(i))
    for (let j = 0; j < rows.length; j++) {
      const row = rows[j]!
      v[0]!.setItem(j, this.start.id)
      v[1]!.setItem(j, this.ordinal++)
      v[2]!.setItem(j, row.fileIndex)
      v[3]!.setItem(j, row.row)
      v[4]!.setItem(j, row.childId)
      v[5]!.setItem(j, listValue(row.cells as string[]))
      for (let k = 0; k < CANONICAL_FIELDS.length; k++) {
        const value = row.canonical[CANONICAL_FIELDS[k]!]
        canonical[k]!.setItem(j, value === undefined || value === null || value === '' ? null : value)
      }
    }
    for (const vector of v) vector.flush()
    this.appender!.appendDataChunk(chunk)
  }

  /** Stores the last rows and the snapshot's record; returns it. */
  async finish(): Promise<SnapshotInfo> {
    if (this.state !== 'open') throw new Error(`registry: snapshot ${this.id} is ${this.state}`)
    this.flushChunk()
    this.appender!.closeSync()
    this.state = 'finished'
    const s = this.start
    const ingestedAt = instant(s.ingestedAt)
    const sha256s = s.files.map((f) => f.sha256)
    await this.db.run(
      `INSERT INTO snapshots (id, department, as_of, ingest_id, ingested_at, files_key, row_count)
       VALUES (?, ?, CAST(? AS DATE), ?, CAST(? AS TIMESTAMP), ?, ?)`,
      [s.id, s.department, s.asOf, s.ingestId, ingestedAt, filesKey(sha256s), this.ordinal],
    )
    for (const [i, f] of s.files.entries()) {
      await this.db.run(
        `INSERT INTO snapshot_files (snapshot_id, file_index, file_name, sha256, dataset, format, encoding, sheet, header, fields, row_count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [s.id, i, f.name, f.sha256, f.dataset, f.format ?? null, f.encoding ?? null, f.sheet ?? null, listValue([...f.header]), listValue([...f.fields]), this.fileRows[i]!],
      )
    }
    const files: SnapshotFile[] = s.files.map((f, i) => ({...f, header: [...f.header], fields: [...f.fields], rows: this.fileRows[i]!}))
    return {id: s.id, department: s.department, asOf: s.asOf, ingestId: s.ingestId, ingestedAt, files, rows: this.ordinal}
  }

  /** Drops what was appended (the transaction is being rolled back). */
  abort(): void {
    if (this.state !== 'open') return
    this.state = 'aborted'
    this.pending = []
    try {
      this.appender?.clear()
      this.appender?.closeSync()
    } catch {
      // The rollback discards the rows anyway.
    }
  }
}

// Reading.

const SNAPSHOT_COLUMNS = `id, department, ${isoDay('as_of')} AS "asOf", ingest_id AS "ingestId",
  ${isoTimestamp('ingested_at')} AS "ingestedAt", row_count AS rows`

interface SnapshotRecord {
  id: number
  department: string
  asOf: string
  ingestId: number
  ingestedAt: string
  rows: number
}

async function withFiles(db: Db, records: SnapshotRecord[]): Promise<SnapshotInfo[]> {
  if (records.length === 0) return []
  const files = await db.all<{snapshotId: number; name: string; sha256: string; dataset: string; format: string | null; encoding: string | null; sheet: string | null; header: string[]; fields: (string | null)[]; rows: number}>(
    `SELECT snapshot_id AS "snapshotId", file_name AS name, sha256, dataset, format, encoding, sheet, header, fields, row_count AS rows
       FROM snapshot_files WHERE list_contains(?, snapshot_id) ORDER BY snapshot_id, file_index`,
    [listValue(records.map((r) => r.id))],
  )
  const bySnapshot = new Map<number, SnapshotFile[]>()
  for (const {snapshotId, format, encoding, sheet, ...f} of files) {
    const file: SnapshotFile = {...f}
    if (format !== null) file.format = format
    if (encoding !== null) file.encoding = encoding
    if (sheet !== null) file.sheet = sheet
    let list = bySnapshot.get(snapshotId)
    if (!list) bySnapshot.set(snapshotId, (list = []))
    list.push(file)
  }
  return records.map((r) => ({...r, files: bySnapshot.get(r.id) ?? []}))
}

export async function snapshotById(db: Db, id: number): Promise<SnapshotInfo | undefined> {
  const records = await db.all<SnapshotRecord>(`SELECT ${SNAPSHOT_COLUMNS} FROM snapshots WHERE id = ?`, [id])
  return (await withFiles(db, records))[0]
}

/** Every snapshot, oldest as-of first (ties in ingest order), of one department or all. */
export async function listSnapshots(db: Db, department?: string): Promise<SnapshotInfo[]> {
  const records = await db.all<SnapshotRecord>(
    `SELECT ${SNAPSHOT_COLUMNS} FROM snapshots WHERE ? IS NULL OR department = ? ORDER BY as_of, id`,
    [department ?? null, department ?? null],
  )
  return withFiles(db, records)
}

/** The snapshot already holding these files (same hashes, same order) for this department and date. */
export async function findSnapshot(db: Db, department: string, asOf: string, sha256s: readonly string[]): Promise<SnapshotInfo | undefined> {
  const records = await db.all<SnapshotRecord>(
    `SELECT ${SNAPSHOT_COLUMNS} FROM snapshots WHERE department = ? AND as_of = CAST(? AS DATE) AND files_key = ? ORDER BY id DESC LIMIT 1`,
    [department, isoDate(asOf, 'asOf'), filesKey(sha256s)],
  )
  return (await withFiles(db, records))[0]
}

/** The department's snapshot latest on or before the date (of two with one date, the later ingested). */
export async function latestSnapshot(db: Db, department: string, onOrBefore: string): Promise<SnapshotInfo | undefined> {
  const records = await db.all<SnapshotRecord>(
    `SELECT ${SNAPSHOT_COLUMNS} FROM snapshots WHERE department = ? AND as_of <= CAST(? AS DATE) ORDER BY as_of DESC, id DESC LIMIT 1`,
    [department, isoDate(onOrBefore, 'date')],
  )
  return (await withFiles(db, records))[0]
}

export async function nextSnapshotId(db: Db): Promise<number> {
  const row = await db.one<{id: number}>('SELECT (coalesce(max(id), 0) + 1)::INTEGER AS id FROM snapshots')
  return row!.id
}

/** Reads a page of snapshot_rows-shaped columns straight from the result's vectors. */
async function readRows(
  db: Db,
  sql: string,
  params: Parameters<Db['result']>[1],
  merged: ReadonlyMap<string, string>,
  each: (row: SnapshotRow, chunk: DuckDBDataChunk, j: number) => void,
): Promise<number> {
  const result = await db.result(sql, params)
  let count = 0
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c)
    const [ordinal, fileIndex, rowNo, childId, cells, canonical] = [0, 1, 2, 3, 4, 5].map((i) => chunk.getColumnVector(i))
    if (!(cells instanceof DuckDBListVector) || !(canonical instanceof DuckDBStructVector)) throw new Error('registry: unexpected column types')
    const cellValues = cells.childVector
    const entries = CANONICAL_FIELDS.map((_, i) => canonical.entryVectorAt(i))
    for (let j = 0; j < chunk.rowCount; j++) {
      const start = cells.getEntryOffset(j)
      const length = cells.getEntryLength(j)
      const rowCells: string[] = new Array<string>(length)
      for (let k = 0; k < length; k++) rowCells[k] = (cellValues.getItem(start + k) as string | null) ?? ''
      const values: Record<string, string> = {}
      for (let k = 0; k < entries.length; k++) {
        const value = entries[k]!.getItem(j) as string | null
        if (value !== null) values[CANONICAL_FIELDS[k]!] = value
      }
      const assignedId = childId!.getItem(j) as string
      each(
        {
          ordinal: ordinal!.getItem(j) as number,
          fileIndex: fileIndex!.getItem(j) as number,
          row: rowNo!.getItem(j) as number,
          cells: rowCells,
          canonical: values,
          assignedId,
          childId: merged.get(assignedId) ?? assignedId,
        },
        chunk,
        j,
      )
      count++
    }
  }
  return count
}

export const ROW_COLUMNS = 'r.ordinal, r.file_index, r.row_no, r.child_id, r.cells, r.canonical'

/** A snapshot's rows in file order, a page at a time (so the connection stays free between pages). */
export async function* snapshotRows(db: Db, snapshotId: number, merged: ReadonlyMap<string, string>): AsyncGenerator<SnapshotRow> {
  for (let from = 0; ; from += PAGE_ROWS) {
    const page: SnapshotRow[] = []
    const n = await readRows(
      db,
      `SELECT ${ROW_COLUMNS} FROM snapshot_rows r WHERE r.snapshot_id = ? AND r.ordinal >= ? AND r.ordinal < ? ORDER BY r.ordinal`,
      [snapshotId, from, from + PAGE_ROWS],
      merged,
      (row) => page.push(row),
    )
    yield* page
    if (n < PAGE_ROWS) return
  }
}

export {readRows, PAGE_ROWS}
