import {type DuckDBAppender, type DuckDBDataChunk, listValue} from '@duckdb/node-api'

import {isChildId} from './children.js'
import {type Db, sqlString} from './db.js'
import {CANONICAL_FIELDS, CANONICAL_INDEX} from './schema.js'
import type {SnapshotFile, SnapshotFileInput, SnapshotInfo, SnapshotRow, SnapshotRowInput} from './types.js'
import {instant, isoDate, isoDay, isoTimestamp} from './values.js'

// A snapshot is one department's list as of a date: its files (names, hashes, headers) and every
// row (original cells, canonical values, row number, child number). Rows cross between JS and
// DuckDB as JSON text, and DuckDB turns it into the LIST and the STRUCT (from_json) or back
// (to_json). Most canonical values are their column's cell as written, so the JSON going in
// holds only the others (`v`: values that differ from the cell or have no column; `a`: mapped
// fields without a value though the cell has text), and SQL takes the rest from the cells by the
// file's column-to-field map: a third less work than encoding every value. Filling LIST and STRUCT vectors
// from JS costs a native call per string and a BigInt per NULL: about a fifth more CPU to write
// and half as much again to read; a temporary CSV read with read_csv costs more than twice as much
// (bench/registry-write-methods.js, docs/registry-storage.md).

/** The snapshot's identity for idempotence: its files' hashes in the order given. */
export function filesKey(sha256s: readonly string[]): string {
  return sha256s.join(',')
}

/**
 * Rows read per query (a page), and rows staged before they move into snapshot_rows. A mutable
 * object so tests can make them small.
 */
export const LIMITS = {pageRows: 16_384, stageRows: 65_536}

export interface SnapshotStart {
  id: number
  department: string
  asOf: string
  ingestId: number
  /** When the ingest ran; now when not given. */
  ingestedAt?: string
  files: readonly SnapshotFileInput[]
}

const OVERRIDES_SPEC = JSON.stringify({v: Object.fromEntries(CANONICAL_FIELDS.map((key) => [key, 'VARCHAR'])), a: ['VARCHAR']})

/** Each canonical field's column in each file (the first, when several columns map to one). */
function fieldColumns(files: readonly SnapshotFileInput[]): Map<string, number>[] {
  return files.map((f) => {
    const columns = new Map<string, number>()
    f.fields.forEach((field, i) => {
      if (field !== null && CANONICAL_INDEX.has(field) && !columns.has(field)) columns.set(field, i)
    })
    return columns
  })
}

/** SQL building the canonical STRUCT from `c` (the cells) and `o` (the overrides), by file. */
function canonicalSql(columns: readonly Map<string, number>[]): string {
  const entries = CANONICAL_FIELDS.map((key) => {
    const derived = columns.flatMap((map, file) => (map.has(key) ? [`WHEN ${file} THEN nullif(c[${map.get(key)! + 1}], '')`] : []))
    const fromCell = derived.length > 0 ? `CASE file_index ${derived.join(' ')} END` : 'NULL'
    return `"${key}" := CASE WHEN o.v."${key}" IS NOT NULL THEN o.v."${key}" WHEN list_contains(o.a, '${key}') THEN NULL ELSE ${fromCell} END`
  })
  return `struct_pack(${entries.join(', ')})`
}

let stagingTables = 0

/**
 * Takes a snapshot's rows in file order and stores them; `finish` records the snapshot itself.
 * Until then nothing of it is visible, and a rollback leaves nothing behind.
 */
export class SnapshotWriter {
  readonly id: number
  private appender: DuckDBAppender | undefined
  private readonly staging = `staged_rows_${++stagingTables}`
  private readonly placedTable = `placed_rows_${stagingTables}`
  private staged = 0
  /** 'append': rows come with their child numbers; 'stage': they are placed later, all at once (stage, place). */
  private mode: 'append' | 'stage' | undefined
  private placed = false
  private flushing = false
  private ordinal = 0
  private readonly rowsPerFile: number[]
  private readonly columns: Map<string, number>[]
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
    this.rowsPerFile = start.files.map(() => 0)
    this.columns = fieldColumns(start.files)
  }

  get isOpen(): boolean {
    return this.state === 'open'
  }

  /** Whether its appender holds the connection (rows are being appended or staged). */
  get isAppending(): boolean {
    return this.appender !== undefined
  }

  get rows(): number {
    return this.ordinal
  }

  /** Rows so far per file. */
  get fileRows(): readonly number[] {
    return this.rowsPerFile
  }

  /** Makes the staging table and its appender; the transaction calls it before handing the writer out. */
  async open(): Promise<void> {
    await this.db.run(`CREATE TEMP TABLE ${this.staging} (
      ordinal INTEGER, file_index SMALLINT, row_no INTEGER, child_id VARCHAR, cells VARCHAR, canonical VARCHAR, exact_key VARCHAR)`)
    this.appender = await this.db.connection.createAppender(this.staging, 'main', 'temp')
  }

  /**
   * Takes the next row in file order, encoded at once (the caller may reuse its arrays). Rows wait
   * in a temporary table; every LIMITS.stageRows rows, this call moves them into snapshot_rows.
   */
  async append(row: SnapshotRowInput): Promise<void> {
    this.assertMode('append')
    if (this.flushing) throw new Error('registry: await each append before the next')
    if (!isChildId(row.childId)) throw new Error(`registry: row ${row.row}: not a child number: ${JSON.stringify(row.childId)}`)
    this.appendRow(row, row.childId, undefined)
    if (++this.staged >= LIMITS.stageRows) await this.moveStaged()
  }

  /**
   * Takes the next row in file order before its child is known, with its exactKey (exact.ts) when
   * it has one: the rows stay staged until `place` gives every one its child. An ingest reads its
   * new list once this way, for exact placement and for storing.
   */
  stage(row: Omit<SnapshotRowInput, 'childId'>, exactKey?: string): void {
    this.assertMode('stage')
    if (!this.appender) throw new Error(`registry: snapshot ${this.id}: staging has ended`)
    this.appendRow(row, undefined, exactKey)
    this.staged++
  }

  /** Ends staging: the connection is free for queries again (the appender holds it). */
  endStaging(): void {
    this.assertMode('stage')
    this.appender?.closeSync()
    this.appender = undefined
  }

  /** The staged rows' exact keys, as SQL: (f, the row's file; i, its ordinal; k, its key), keyed rows only. */
  get stagedKeys(): string {
    return `(SELECT file_index AS f, ordinal AS i, exact_key AS k FROM temp.${this.staging} WHERE exact_key IS NOT NULL)`
  }

  /** Every staged row as SQL — (ordinal, file_index, cells: the list of its cells) — to write them out before they are placed. */
  get stagedCells(): string {
    if (this.mode !== 'stage' || this.appender || this.state !== 'open') throw new Error(`registry: snapshot ${this.id}: no staged rows to read`)
    return `(SELECT ordinal, file_index, from_json(cells, '["VARCHAR"]') AS cells FROM temp.${this.staging})`
  }

  /** The snapshot as `finish` will record it, but for the time of its ingest. */
  get stagedSnapshot(): SnapshotInfo {
    return this.info(instant(this.start.ingestedAt))
  }

  private info(ingestedAt: string): SnapshotInfo {
    const s = this.start
    const files: SnapshotFile[] = s.files.map((f, i) => ({...f, header: [...f.header], fields: [...f.fields], rows: this.rowsPerFile[i]!}))
    return {id: s.id, department: s.department, asOf: s.asOf, ingestId: s.ingestId, ingestedAt, files, rows: this.ordinal}
  }

  /** Staged rows by ordinal (in ordinal order), as they were staged. */
  async stagedRows(ordinals: readonly number[]): Promise<{ordinal: number; fileIndex: number; row: number; cells: string[]}[]> {
    if (ordinals.length === 0) return []
    const rows = await this.db.all<{ordinal: number; fileIndex: number; row: number; cells: string}>(
      `SELECT ordinal, file_index AS "fileIndex", row_no AS row, cells FROM temp.${this.staging}
        WHERE list_contains(?, ordinal) ORDER BY ordinal`,
      [listValue([...ordinals])],
    )
    return rows.map((r) => ({...r, cells: JSON.parse(r.cells) as string[]}))
  }

  /** Every staged row's child number, in ordinal order. */
  async place(childIds: readonly string[]): Promise<void> {
    this.assertMode('stage')
    if (this.appender) throw new Error(`registry: snapshot ${this.id}: end staging before placing`)
    if (this.placed) throw new Error(`registry: snapshot ${this.id}: placed twice`)
    if (childIds.length !== this.ordinal) throw new Error(`registry: snapshot ${this.id}: ${childIds.length} child numbers for ${this.ordinal} rows`)
    const bad = childIds.findIndex((childId) => !isChildId(childId))
    if (bad >= 0) throw new Error(`registry: row ${bad + 1} of snapshot ${this.id}: not a child number: ${JSON.stringify(childIds[bad])}`)
    await this.db.run(`CREATE TEMP TABLE ${this.placedTable} (ordinal INTEGER, child_id VARCHAR)`)
    const appender = await this.db.connection.createAppender(this.placedTable, 'main', 'temp')
    try {
      childIds.forEach((childId, ordinal) => {
        appender.appendInteger(ordinal)
        appender.appendVarchar(childId)
        appender.endRow()
      })
    } finally {
      appender.closeSync()
    }
    this.placed = true
  }

  private assertMode(mode: 'append' | 'stage'): void {
    if (this.state !== 'open') throw new Error(`registry: snapshot ${this.id} is ${this.state}`)
    if ((this.mode ??= mode) !== mode) throw new Error(`registry: snapshot ${this.id}: rows are either appended or staged, not both`)
  }

  private appendRow(row: Omit<SnapshotRowInput, 'childId'>, childId: string | undefined, exactKey: string | undefined): void {
    const canonical = this.check(row)
    const a = this.appender!
    a.appendInteger(this.ordinal++)
    a.appendSmallInt(row.fileIndex)
    a.appendInteger(row.row)
    if (childId === undefined) a.appendNull()
    else a.appendVarchar(childId)
    a.appendVarchar(JSON.stringify(row.cells))
    a.appendVarchar(canonical)
    if (exactKey === undefined) a.appendNull()
    else a.appendVarchar(exactKey)
    a.endRow()
    this.rowsPerFile[row.fileIndex]!++
  }

  /** Checks the row; returns the JSON of its canonical values that SQL cannot take from its cells. */
  private check(row: Omit<SnapshotRowInput, 'childId'>): string {
    const {fileIndex, row: n} = row
    if (!Number.isInteger(fileIndex) || fileIndex < 0 || fileIndex >= this.start.files.length) {
      throw new Error(`registry: row ${n}: file index ${fileIndex} out of range`)
    }
    if (!Number.isInteger(n) || n < 1) throw new Error(`registry: row number ${n} must be a positive integer`)
    // File order: a file after the one before it, rows rising within a file.
    if (fileIndex < this.lastFile || (fileIndex === this.lastFile && n <= this.lastRow)) {
      throw new Error(`registry: rows out of file order (file ${fileIndex} row ${n} after file ${this.lastFile} row ${this.lastRow})`)
    }
    const columns = this.columns[fileIndex]!
    const cells = row.cells
    let values: Record<string, string> | undefined
    for (const key in row.canonical) {
      if (!CANONICAL_INDEX.has(key)) throw new Error(`registry: ${key} is not a canonical field`)
      const value = row.canonical[key]
      if (value === undefined || value === null || value === '') continue
      const column = columns.get(key)
      if (column !== undefined && cells[column] === value) continue
      ;(values ??= {})[key] = value
    }
    let absent: string[] | undefined
    for (const [key, column] of columns) {
      const value = row.canonical[key]
      if ((value === undefined || value === null || value === '') && (cells[column] ?? '') !== '') (absent ??= []).push(key)
    }
    this.lastFile = fileIndex
    this.lastRow = n
    if (!values && !absent) return '{}'
    return JSON.stringify(absent ? {v: values ?? {}, a: absent} : {v: values})
  }

  /** Moves the staged rows into snapshot_rows. */
  private async moveStaged(): Promise<void> {
    if (this.staged === 0) return
    this.flushing = true
    try {
      this.appender?.closeSync()
      this.appender = undefined
      // Staged rows take their child numbers from what `place` gave.
      const rows = this.mode === 'stage'
        ? `(SELECT s.* REPLACE (p.child_id AS child_id) FROM temp.${this.staging} s JOIN temp.${this.placedTable} p USING (ordinal))`
        : `temp.${this.staging}`
      await this.db.run(
        `INSERT INTO snapshot_rows (snapshot_id, ordinal, file_index, row_no, child_id, cells, canonical)
         SELECT ?, ordinal, file_index, row_no, child_id, c, ${canonicalSql(this.columns)}
           FROM (SELECT *, from_json(cells, '["VARCHAR"]') AS c, from_json(canonical, ${sqlString(OVERRIDES_SPEC)}) AS o
                   FROM ${rows})`,
        [this.id],
      )
      await this.db.run(`DELETE FROM temp.${this.staging}`)
      this.staged = 0
      if (this.state === 'open') this.appender = await this.db.connection.createAppender(this.staging, 'main', 'temp')
    } finally {
      this.flushing = false
    }
  }

  /** Stores the last rows and the snapshot's record; returns it. */
  async finish(): Promise<SnapshotInfo> {
    if (this.state !== 'open') throw new Error(`registry: snapshot ${this.id} is ${this.state}`)
    if (this.flushing) throw new Error('registry: await each append before finishing')
    if (this.mode === 'stage' && !this.placed) throw new Error(`registry: snapshot ${this.id}: its rows were not placed`)
    this.state = 'finished'
    await this.moveStaged()
    this.appender?.closeSync()
    this.appender = undefined
    await this.db.run(`DROP TABLE IF EXISTS temp.${this.staging}`)
    await this.db.run(`DROP TABLE IF EXISTS temp.${this.placedTable}`)
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
        [s.id, i, f.name, f.sha256, f.dataset, f.format ?? null, f.encoding ?? null, f.sheet ?? null, listValue([...f.header]), listValue([...f.fields]), this.rowsPerFile[i]!],
      )
    }
    return this.info(ingestedAt)
  }

  /** Drops what was appended (the transaction is being rolled back). */
  abort(): void {
    if (this.state !== 'open') return
    this.state = 'aborted'
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

/** The canonical values as a JSON list in CANONICAL_FIELDS order (NULL for absent ones). */
export const CANONICAL_LIST = `[${CANONICAL_FIELDS.map((key) => `r.canonical."${key}"`).join(', ')}]`

/** The columns readRows expects first: ordinal, file index, row, child number, then cells and canonical values as one JSON text. */
export const ROW_COLUMNS = `r.ordinal, r.file_index, r.row_no, r.child_id, to_json([r.cells, ${CANONICAL_LIST}])`

/** The canonical values from their CANONICAL_LIST form, absent ones left out. */
export function canonicalValues(values: readonly (string | null)[]): Record<string, string> {
  const canonical: Record<string, string> = {}
  for (let k = 0; k < values.length; k++) {
    const value = values[k]
    if (value !== null && value !== undefined) canonical[CANONICAL_FIELDS[k]!] = value
  }
  return canonical
}

/** Reads rows selected with ROW_COLUMNS first; `each` may read the chunk's further columns. */
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
    const [ordinal, fileIndex, rowNo, childId, json] = [0, 1, 2, 3, 4].map((i) => chunk.getColumnVector(i))
    for (let j = 0; j < chunk.rowCount; j++) {
      const [cells, values] = JSON.parse(json!.getItem(j) as string) as [string[], (string | null)[]]
      const canonical = canonicalValues(values)
      const assignedId = childId!.getItem(j) as string
      each(
        {
          ordinal: ordinal!.getItem(j) as number,
          fileIndex: fileIndex!.getItem(j) as number,
          row: rowNo!.getItem(j) as number,
          cells: cells as string[],
          canonical,
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


/** A snapshot's rows in file order, a page at a time (so the connection stays free between pages). */
export async function* snapshotRows(db: Db, snapshotId: number, merged: ReadonlyMap<string, string>): AsyncGenerator<SnapshotRow> {
  const size = LIMITS.pageRows
  for (let from = 0; ; from += size) {
    const page: SnapshotRow[] = []
    const n = await readRows(
      db,
      `SELECT ${ROW_COLUMNS} FROM snapshot_rows r WHERE r.snapshot_id = ? AND r.ordinal >= ? AND r.ordinal < ? ORDER BY r.ordinal`,
      [snapshotId, from, from + size],
      merged,
      (row) => page.push(row),
    )
    yield* page
    if (n < size) return
  }
}

/** Where each row of a snapshot came from, in file order: its file, row and child number (merges followed). */
export async function* snapshotOrigins(db: Db, snapshotId: number, merged: ReadonlyMap<string, string>): AsyncGenerator<Pick<SnapshotRow, 'fileIndex' | 'row' | 'childId'>> {
  const size = LIMITS.pageRows
  for (let from = 0; ; from += size) {
    const result = await db.result(
      'SELECT file_index, row_no, child_id FROM snapshot_rows WHERE snapshot_id = ? AND ordinal >= ? AND ordinal < ? ORDER BY ordinal',
      [snapshotId, from, from + size],
    )
    const page: Pick<SnapshotRow, 'fileIndex' | 'row' | 'childId'>[] = []
    for (let c = 0; c < result.chunkCount; c++) {
      const chunk = result.getChunk(c)
      const [fileIndex, row, childId] = [0, 1, 2].map((i) => chunk.getColumnVector(i).toArray())
      for (let j = 0; j < chunk.rowCount; j++) {
        const assigned = childId![j] as string
        page.push({fileIndex: fileIndex![j] as number, row: row![j] as number, childId: merged.get(assigned) ?? assigned})
      }
    }
    yield* page
    if (page.length < size) return
  }
}

export {readRows}
