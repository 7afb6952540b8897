import {listValue} from '@duckdb/node-api'

import {MERGED, childNumbers, mergedNumbers, merges, resolveChild} from './children.js'
import type {Db, Params} from './db.js'
import {type FindingTally, findingByFingerprint, findingTally, findingsOf, stateCounts, waivers} from './findings.js'
import {CANONICAL_FIELDS, getMeta} from './schema.js'
import {type StagedKeys, exactChildren} from './exact.js'
import {type LinkageState, childrenSharingKeys, populationNames, usableLinkage} from './linkage.js'
import type {NameFrequency} from '../link/plain/names.js'
import {CANONICAL_LIST, ROW_COLUMNS, findSnapshot, latestSnapshot, listSnapshots, readRows, snapshotById, snapshotOrigins, snapshotRows} from './snapshots.js'
import type {ChildRecord, ChildRow, FindingState, IngestInfo, Merge, SnapshotInfo, SnapshotRow, StateCounts, StoredFinding, Waiver} from './types.js'
import {isoDate, isoDay, isoTimestamp} from './values.js'

// What can be read from a registry. The Registry reads what is committed (its own connection);
// a Transaction reads through its connection, so it sees its own writes too. Long results come a
// page at a time and leave the connection free between pages.

export interface ChildInfo {
  childId: string
  county: string
  createdIngest?: number
  createdSnapshot?: number
  /** The number this one resolves to after a merge. */
  resolvedTo?: string
  /** Other numbers merged into this one. */
  merged: string[]
}

let tempTables = 0

/** Child records per query of childRecords: one text of some ten megabytes. */
const RECORD_PAGE = 65_536

const INGEST_COLUMNS = `id, ${isoDay('as_of')} AS "asOf", ${isoTimestamp('recorded_at')} AS at, version`

export class RegistryReader {
  constructor(protected readonly db: Db) {}

  /**
   * Any SQL over the tables (docs/registry-storage.md), for reports this API has no function for
   * (counts by state and reporting unit, entries and exits). Meant for reading; through a
   * Transaction it sees the transaction's writes. Cast BIGINT results (count) to INTEGER.
   */
  query<T extends object = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]> {
    return this.db.all<T>(sql, params)
  }

  async schemaVersion(): Promise<number> {
    return Number(await getMeta(this.db, 'schema_version'))
  }

  /** The department whose list is the roster (civil affairs unless set at the first ingest). */
  async primaryDepartment(): Promise<string | undefined> {
    return getMeta(this.db, 'primary_department')
  }

  async ingests(): Promise<IngestInfo[]> {
    return this.db.all<IngestInfo>(`SELECT ${INGEST_COLUMNS} FROM ingests ORDER BY id`)
  }

  async latestIngest(): Promise<IngestInfo | undefined> {
    return this.db.one<IngestInfo>(`SELECT ${INGEST_COLUMNS} FROM ingests ORDER BY id DESC LIMIT 1`)
  }

  /** The ingest recorded just before this one. */
  async previousIngest(id: number): Promise<IngestInfo | undefined> {
    return this.db.one<IngestInfo>(`SELECT ${INGEST_COLUMNS} FROM ingests WHERE id < ? ORDER BY id DESC LIMIT 1`, [id])
  }

  snapshot(id: number): Promise<SnapshotInfo | undefined> {
    return snapshotById(this.db, id)
  }

  snapshots(department?: string): Promise<SnapshotInfo[]> {
    return listSnapshots(this.db, department)
  }

  /** For idempotence: the snapshot already holding these files for this department and date. */
  findSnapshot(department: string, asOf: string, sha256s: readonly string[]): Promise<SnapshotInfo | undefined> {
    return findSnapshot(this.db, department, asOf, sha256s)
  }

  latestSnapshot(department: string, onOrBefore: string): Promise<SnapshotInfo | undefined> {
    return latestSnapshot(this.db, department, onOrBefore)
  }

  /** Rows of a new list (staged) the same as rows of the department's previous snapshot, and their children (exact.ts). */
  exactChildren(department: string, asOf: string, staged: StagedKeys): Promise<(string | undefined)[][] | undefined> {
    return exactChildren(this.db, department, asOf, staged)
  }

  /** The departments that have snapshots, in name order. */
  async departments(): Promise<string[]> {
    const rows = await this.db.all<{d: string}>('SELECT DISTINCT department AS d FROM snapshots ORDER BY d')
    return rows.map((r) => r.d)
  }

  /** A snapshot's rows in file order: cells, canonical values, child numbers (merges followed). */
  async *snapshotRows(snapshotId: number): AsyncGenerator<SnapshotRow> {
    yield* snapshotRows(this.db, snapshotId, await mergedNumbers(this.db))
  }

  /** Where each row of a snapshot came from, in file order (snapshots.ts snapshotOrigins). */
  async *snapshotOrigins(snapshotId: number): AsyncGenerator<Pick<SnapshotRow, 'fileIndex' | 'row' | 'childId'>> {
    yield* snapshotOrigins(this.db, snapshotId, await mergedNumbers(this.db))
  }

  resolveChild(childId: string): Promise<string | undefined> {
    return resolveChild(this.db, childId)
  }

  async child(childId: string): Promise<ChildInfo | undefined> {
    const row = await this.db.one<{county: string; ci: number | null; cs: number | null; to: string | null}>(
      'SELECT county, created_ingest AS ci, created_snapshot AS cs, resolved_to AS "to" FROM children WHERE child_id = ?',
      [childId],
    )
    if (!row) return undefined
    const info: ChildInfo = {childId, county: row.county, merged: []}
    if (row.ci !== null) info.createdIngest = row.ci
    if (row.cs !== null) info.createdSnapshot = row.cs
    if (row.to !== null) info.resolvedTo = row.to
    else info.merged = (await childNumbers(this.db, childId)).filter((id) => id !== childId)
    return info
  }

  async childCount(): Promise<number> {
    const row = await this.db.one<{n: number}>('SELECT count(*)::INTEGER AS n FROM children WHERE resolved_to IS NULL')
    return row!.n
  }

  /**
   * One child's rows across every snapshot of every department (the numbers merged into it
   * included), by as-of date, then ingest, then file order.
   */
  async childRows(childId: string): Promise<ChildRow[]> {
    const root = await resolveChild(this.db, childId)
    if (!root) return []
    const numbers = await childNumbers(this.db, root)
    const merged = new Map(numbers.filter((n) => n !== root).map((n) => [n, root]))
    const rows: ChildRow[] = []
    await readRows(
      this.db,
      `SELECT ${ROW_COLUMNS}, s.id, s.department, ${isoDay('s.as_of')}, f.file_name
         FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id
         JOIN snapshot_files f ON f.snapshot_id = r.snapshot_id AND f.file_index = r.file_index
        WHERE list_contains(?, r.child_id) ORDER BY s.as_of, s.id, r.ordinal`,
      [listValue(numbers)],
      merged,
      (row, chunk, j) => {
        rows.push({
          ...row,
          snapshotId: chunk.getColumnVector(5).getItem(j) as number,
          department: chunk.getColumnVector(6).getItem(j) as string,
          asOf: chunk.getColumnVector(7).getItem(j) as string,
          file: chunk.getColumnVector(8).getItem(j) as string,
        })
      },
    )
    return rows
  }

  /**
   * Every child with the canonical values of its latest row in each department (on or before a
   * date, of one department when given), for matching new rows: ordered by child number.
   */
  async *childRecords(options: {department?: string; onOrBefore?: string; fields?: readonly string[]; sharingKeys?: Float64Array} = {}): AsyncGenerator<ChildRecord> {
    const n = ++tempTables
    const latest = `child_latest_${n}`
    const records = `child_records_${n}`
    const fields = options.fields ?? CANONICAL_FIELDS
    for (const key of fields) if (!CANONICAL_FIELDS.includes(key)) throw new Error(`registry: ${key} is not a canonical field`)
    const onOrBefore = options.onOrBefore === undefined ? null : isoDate(options.onOrBefore, 'onOrBefore')
    // Only the children sharing a key hash with new rows (linkage.ts), when given.
    const among = options.sharingKeys ? await childrenSharingKeys(this.db, options.sharingKeys) : undefined
    // Each child's latest row in each department, chosen on keys alone; its values are joined to it
    // after (carried through the window's sort, they took most of the time).
    await this.db.run(
      `CREATE TEMP TABLE ${latest} AS
       SELECT row_number() OVER (ORDER BY child_id, department) - 1 AS page_ord, child_id, department, as_of, snapshot_id, ordinal
         FROM (
           SELECT coalesce(c.resolved_to, r.child_id) AS child_id, s.department, s.as_of, s.id AS snapshot_id, r.ordinal,
                  row_number() OVER (PARTITION BY coalesce(c.resolved_to, r.child_id), s.department
                                     ORDER BY s.as_of DESC, s.id DESC, r.ordinal) AS latest
             FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id
             LEFT JOIN ${MERGED} c ON c.child_id = r.child_id
            WHERE (? IS NULL OR s.department = ?) AND (? IS NULL OR s.as_of <= CAST(? AS DATE))
              ${among ? `AND coalesce(c.resolved_to, r.child_id) IN (SELECT child_id FROM temp.${among})` : ''}
         ) WHERE latest = 1`,
      [options.department ?? null, options.department ?? null, onOrBefore, onOrBefore],
    )
    try {
      // Each record as one JSON array, a page of them as one text: a string crosses to JS per
      // page, not one per value (turning a million records' values into JS strings one by one took seconds).
      const filled = options.fields ? `len(list_filter(${CANONICAL_LIST}, v -> v IS NOT NULL))` : 'NULL'
      await this.db.run(
        `CREATE TEMP TABLE ${records} AS
         SELECT l.page_ord, json_array(l.child_id, l.department, ${isoDay('l.as_of')}, l.snapshot_id, f.file_name, r.row_no, ${filled},
                                       ${fields.map((key) => `r.canonical."${key}"`).join(', ')})::VARCHAR AS record
           FROM temp.${latest} l JOIN snapshot_rows r ON r.snapshot_id = l.snapshot_id AND r.ordinal = l.ordinal
           JOIN snapshot_files f ON f.snapshot_id = r.snapshot_id AND f.file_index = r.file_index`,
      )
      for (let from = 0; ; from += RECORD_PAGE) {
        const text = (await this.db.one<{text: string | null}>(`SELECT string_agg(record, chr(10) ORDER BY page_ord) AS text FROM temp.${records} WHERE page_ord >= ? AND page_ord < ?`, [from, from + RECORD_PAGE]))?.text
        if (!text) return
        const page: ChildRecord[] = []
        // JSON writes a line break inside a value as \n: the page's lines are its records.
        for (const line of text.split('\n')) {
          const [childId, department, asOf, snapshotId, file, row, count, ...values] = JSON.parse(line) as [string, string, string, number, string, number, number | null, ...(string | null)[]]
          const canonical: Record<string, string> = {}
          for (let k = 0; k < fields.length; k++) {
            const value = values[k]
            if (value !== null && value !== undefined) canonical[fields[k]!] = value
          }
          const record: ChildRecord = {childId, department, asOf, snapshotId, file, row, canonical}
          if (count !== null) record.filled = count
          page.push(record)
        }
        yield* page
        if (page.length < RECORD_PAGE) return
      }
    } finally {
      await this.db.run(`DROP TABLE IF EXISTS temp.${records}`)
      await this.db.run(`DROP TABLE IF EXISTS temp.${latest}`)
      if (among) await this.db.run(`DROP TABLE IF EXISTS temp.${among}`)
    }
  }

  /** The kept linkage, when an ingest may place its new rows by it (linkage.ts). */
  usableLinkage(ingestId: number, asOf: string): Promise<LinkageState | undefined> {
    return usableLinkage(this.db, ingestId, asOf)
  }

  /** The population's counts of these names, as kept at the last full linkage. */
  populationNames(names: readonly string[]): Promise<Map<string, Omit<NameFrequency, 'name'>>> {
    return populationNames(this.db, names)
  }

  merges(): Promise<Merge[]> {
    return merges(this.db)
  }

  /** An ingest's findings with their states, in order (the resolved ones last). */
  findings(ingestId: number, states?: readonly FindingState[]): AsyncGenerator<StoredFinding> {
    return findingsOf(this.db, ingestId, states)
  }

  /** The findings a report lists without --include-info: errors and warnings, new or open, not waived since. */
  listedFindings(ingestId: number): AsyncGenerator<StoredFinding> {
    return findingsOf(this.db, ingestId, undefined, true)
  }

  /** An ingest's findings counted by severity, code and state (waivers since counted), first group first. */
  findingTally(ingestId: number): Promise<FindingTally[]> {
    return findingTally(this.db, ingestId)
  }

  findingCounts(ingestId: number): Promise<StateCounts> {
    return stateCounts(this.db, ingestId)
  }

  findingByFingerprint(fingerprint: string): Promise<StoredFinding | undefined> {
    return findingByFingerprint(this.db, fingerprint)
  }

  waivers(): Promise<Waiver[]> {
    return waivers(this.db)
  }
}
