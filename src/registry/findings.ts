import {listValue} from '@duckdb/node-api'

import {MERGED} from './children.js'
import type {Db} from './db.js'
import {LIMITS} from './snapshots.js'
import type {FindingInput, FindingPlace, FindingState, StateCounts, StoredFinding, Waiver} from './types.js'
import {instant, isoDate, isoDay} from './values.js'

// Finding history. Each ingest records its findings; their states come from the previous
// ingest's (SPEC "Finding states"). A finding is tracked by its child's current number (merges
// followed), code, field and department, and n, its position among the findings sharing those
// four, in file order — so a corrected ID number (a new fingerprint) does not make a finding new.
// A finding with no child (a file-level one) is tracked by its fingerprint.
//   new       not among the previous ingest's new, open or waived findings
//   open      among them (firstSeen carried over)
//   waived    a waiver matches: its fingerprint, or the child, code, field and department it was recorded for
//   resolved  new or open in the previous ingest and not found now: recorded again in this ingest
//             with that state, so the ingest's own rows say what was fixed
// A waived finding that disappears is not carried on.

/** Where a finding given no place is recorded: in the order staged, before any placed one. */
const UNPLACED: FindingPlace = {block: 0, file: 0, row: 0, level: 0}

const SEVERITIES = new Set(['error', 'warning', 'info'])
const STATES: FindingState[] = ['new', 'open', 'resolved', 'waived']

// The tracking key; `t` is the table alias, the columns those of staged_findings and findings.
const trackingKey = (t: string): string => `CASE WHEN ${t}.rid IS NULL THEN 'f|' || ${t}.fingerprint
  ELSE concat_ws('|', 'c', ${t}.rid, ${t}.code, coalesce(${t}.field, ''), coalesce(${t}.department, ''),
    row_number() OVER (PARTITION BY ${t}.rid, ${t}.code, coalesce(${t}.field, ''), coalesce(${t}.department, '') ORDER BY ${t}.ordinal)) END`

export interface IngestRef {
  id: number
  asOf: string
}

/**
 * Records one ingest's findings (in file order) and gives each its state against the previous
 * ingest's; returns how many there are of each state, the resolved ones included.
 */
export async function recordFindings(db: Db, ingest: IngestRef, findings: Iterable<FindingInput> | AsyncIterable<FindingInput>): Promise<StateCounts> {
  const recorder = await FindingRecorder.start(db, ingest)
  await recorder.add(findings)
  return recorder.finish()
}

/**
 * recordFindings in steps: findings are staged in DuckDB as they come (`add`, in file order, as
 * often as needed) and get their states at `finish`. A check's findings are thus let go before the
 * next check runs, rather than held in JS until the end (a million of them slow every collection).
 */
export class FindingRecorder {
  /** Findings staged since the last `settle` (their staging order). */
  private count = 0
  /** Findings recorded by `settle` so far (the next one's ordinal). */
  private recorded = 0
  /** The last block settled: what is staged later must come after it. */
  private settledBlock = -1
  private finished = false

  private constructor(
    private readonly db: Db,
    private readonly ingest: IngestRef,
    private readonly previousId: number,
  ) {}

  static async start(db: Db, ingest: IngestRef): Promise<FindingRecorder> {
    isoDate(ingest.asOf, 'asOf')
    const already = await db.one<{n: number}>('SELECT count(*)::INTEGER AS n FROM findings WHERE ingest_id = ?', [ingest.id])
    if (already!.n > 0) throw new Error(`registry: the findings of ingest ${ingest.id} are already recorded`)
    const previous = await db.one<{id: number | null}>('SELECT max(id) AS id FROM ingests WHERE id < ?', [ingest.id])
    for (const table of [...WORK_TABLES, 'recorded_keys']) await db.run(`DROP TABLE IF EXISTS temp.${table}`)
    await createStaging(db)
    // Every recorded finding's tracking key, and its child's partition: for the resolved ones at
    // `finish`, and for n of the findings settled after them.
    await db.run('CREATE TEMP TABLE recorded_keys (k VARCHAR, rid VARCHAR, code VARCHAR, field VARCHAR, department VARCHAR)')
    return new FindingRecorder(db, ingest, previous?.id ?? -1)
  }

  /**
   * Stages the next findings. They are recorded in the order of their `place`, then in the order
   * they were staged (findings without a place: in the order staged).
   */
  async add(findings: Iterable<FindingInput> | AsyncIterable<FindingInput>): Promise<void> {
    this.assertOpen()
    this.count = await stage(this.db, findings, this.count)
  }

  /**
   * Stages again the findings of `codes` that the previous ingest found on one snapshot of one
   * department, placed in `block` at their rows (each code at its level in the row), in the order
   * they were recorded, as if the check had found them now: for findings that do not depend on
   * the as-of date (registry/carry.ts). Their child numbers follow the merges made since, as the
   * snapshot's rows do when written out.
   */
  async carry(from: {snapshotId: number; department: string}, codes: readonly {code: string; level: number}[], block: number): Promise<void> {
    this.assertOpen()
    await this.db.run(
      `INSERT INTO temp.staged_findings (ordinal, fingerprint, code, severity, message, field, department, dataset, file_name,
                                         row_no, child_id, detail, block, file_index, row_key, level)
       SELECT $1 + row_number() OVER (ORDER BY f.ordinal) - 1, f.fingerprint, f.code, f.severity, f.message, f.field,
              f.department, f.dataset, f.file_name, f.row_no, coalesce(m.resolved_to, f.child_id), f.detail, $2, sf.file_index, f.row_no,
              $7[list_position($6, f.code)]
         FROM findings f JOIN snapshot_files sf ON sf.snapshot_id = $3 AND sf.file_name = f.file_name
         LEFT JOIN ${MERGED} m ON m.child_id = f.child_id
        WHERE f.ingest_id = $4 AND f.department = $5 AND list_contains($6, f.code) AND f.state <> 'resolved'`,
      [this.count, block, from.snapshotId, this.previousId, from.department, listValue(codes.map((c) => c.code)), listValue(codes.map((c) => c.level))],
    )
    const staged = await this.db.one<{n: number}>('SELECT count(*)::INTEGER AS n FROM temp.staged_findings')
    this.count = staged!.n
  }

  /** The ingest these findings are compared with (-1: none). */
  get previousIngest(): number {
    return this.previousId
  }

  private assertOpen(): void {
    if (this.finished) throw new Error(`registry: the findings of ingest ${this.ingest.id} are recorded already`)
  }

  /**
   * Gives every finding staged so far its state and records it, in the order of their places;
   * findings staged after must have places in later blocks (the ingest settles validate's
   * findings while its crosscheck runs, and the crosscheck's come after them).
   */
  async settle(): Promise<void> {
    this.assertOpen()
    const {db, ingest, previousId} = this
    if (this.count === 0) return
    const blocks = await db.one<{first: number; last: number}>('SELECT min(block)::INTEGER AS first, max(block)::INTEGER AS last FROM temp.staged_findings')
    if (blocks!.first <= this.settledBlock) throw new Error(`registry: findings of block ${blocks!.first} staged after block ${this.settledBlock} was recorded`)
    if (this.recorded === 0 && this.settledBlock < 0) {
      await db.run(
        `CREATE TEMP TABLE prev_keyed AS
          WITH prev AS (
            SELECT f.ordinal, f.fingerprint, f.code, f.field, f.department, f.state, f.first_seen, f.first_ingest,
                   coalesce(m.resolved_to, f.child_id) AS rid
              FROM findings f LEFT JOIN ${MERGED} m ON m.child_id = f.child_id
             WHERE f.ingest_id = ? AND f.state <> 'resolved'
          )
          SELECT p.ordinal, p.state, p.first_seen, p.first_ingest, ${trackingKey('p')} AS k FROM prev p`,
        [previousId],
      )
    }
    // The keyed tables hold keys and where each finding is, not its texts: the texts are copied
    // once, into findings (a million findings' messages and details copied twice more took seconds).
    // n of a child's finding counts on from the findings of its partition recorded before.
    await db.run(`CREATE TEMP TABLE cur_keyed AS
      WITH cur AS (
        SELECT s.rowid AS staged, s.fingerprint, s.code, s.field, s.department,
               (${this.recorded} + row_number() OVER (ORDER BY s.block, s.file_index, s.row_key, s.level, s.ordinal) - 1)::INTEGER AS ordinal,
               coalesce(m.resolved_to, s.child_id) AS rid
          FROM temp.staged_findings s LEFT JOIN ${MERGED} m ON m.child_id = s.child_id
      ), before AS (
        SELECT rid, code, coalesce(field, '') AS field, coalesce(department, '') AS department, count(*) AS n
          FROM temp.recorded_keys WHERE rid IS NOT NULL GROUP BY ALL
      ), waiver_keys AS (
        SELECT w.fingerprint, coalesce(m.resolved_to, w.child_id) AS rid, w.code, w.field, w.department
          FROM waivers w LEFT JOIN ${MERGED} m ON m.child_id = w.child_id
      )
      SELECT c.staged, c.ordinal, c.rid, c.code, c.field, c.department,
        CASE WHEN c.rid IS NULL THEN 'f|' || c.fingerprint
          ELSE concat_ws('|', 'c', c.rid, c.code, coalesce(c.field, ''), coalesce(c.department, ''),
            coalesce(b.n, 0) + row_number() OVER (PARTITION BY c.rid, c.code, coalesce(c.field, ''), coalesce(c.department, '') ORDER BY c.ordinal)) END AS k,
        c.fingerprint IN (SELECT fingerprint FROM waiver_keys)
          OR EXISTS (SELECT 1 FROM waiver_keys w WHERE w.rid = c.rid AND w.code = c.code
                       AND coalesce(w.field, '') = coalesce(c.field, '') AND coalesce(w.department, '') = coalesce(c.department, '')) AS waived
      FROM cur c LEFT JOIN before b ON b.rid = c.rid AND b.code = c.code AND b.field = coalesce(c.field, '') AND b.department = coalesce(c.department, '')`)
    // Each finding's state on the keys alone, in the staged rows' order; the texts are read once,
    // by the INSERT, which pairs the two tables row by row (no hash table of a million rowids).
    await db.run(
      `CREATE TEMP TABLE cur_states AS
       SELECT c.staged, c.ordinal, CASE WHEN c.waived THEN 'waived' WHEN p.k IS NOT NULL THEN 'open' ELSE 'new' END AS state,
              coalesce(p.first_seen, CAST($2 AS DATE)) AS first_seen, coalesce(p.first_ingest, $1) AS first_ingest
         FROM temp.cur_keyed c LEFT JOIN temp.prev_keyed p ON p.k = c.k ORDER BY c.staged`,
      [ingest.id, ingest.asOf],
    )
    await db.run(
      `INSERT INTO findings (ingest_id, ordinal, fingerprint, code, severity, message, field, department, dataset, file_name,
                             row_no, child_id, state, first_seen, last_seen, first_ingest, detail)
       SELECT $1, c.ordinal,
              CASE WHEN c.staged IS DISTINCT FROM s.rowid THEN error('registry: finding states out of step with the findings') ELSE s.fingerprint END,
              s.code, s.severity, s.message, s.field, s.department, s.dataset, s.file_name,
              s.row_no, s.child_id, c.state, c.first_seen, CAST($2 AS DATE), c.first_ingest, s.detail
         FROM temp.staged_findings s POSITIONAL JOIN temp.cur_states c`,
      [ingest.id, ingest.asOf],
    )
    await db.run('INSERT INTO temp.recorded_keys SELECT k, rid, code, field, department FROM temp.cur_keyed')
    this.recorded += this.count
    this.settledBlock = blocks!.last
    for (const table of ['staged_findings', 'cur_keyed', 'cur_states']) await db.run(`DROP TABLE temp.${table}`)
    await createStaging(db)
    this.count = 0
  }

  /** Settles what is staged, then records the resolved findings; returns how many there are of each state. */
  async finish(): Promise<StateCounts> {
    await this.settle()
    this.finished = true
    const {db, ingest, previousId} = this
    if (this.settledBlock < 0) {
      // Nothing found: every finding of the previous ingest is resolved.
      await db.run(`CREATE TEMP TABLE prev_keyed AS
        WITH prev AS (
          SELECT f.ordinal, f.fingerprint, f.code, f.field, f.department, f.state, coalesce(m.resolved_to, f.child_id) AS rid
            FROM findings f LEFT JOIN ${MERGED} m ON m.child_id = f.child_id
           WHERE f.ingest_id = ? AND f.state <> 'resolved'
        )
        SELECT p.ordinal, p.state, ${trackingKey('p')} AS k FROM prev p`, [previousId])
    }
    await db.run(
      `INSERT INTO findings (ingest_id, ordinal, fingerprint, code, severity, message, field, department, dataset, file_name,
                             row_no, child_id, state, first_seen, last_seen, first_ingest, detail)
       SELECT $1, $2 + row_number() OVER (ORDER BY f.ordinal) - 1, f.fingerprint, f.code, f.severity, f.message, f.field,
              f.department, f.dataset, f.file_name, f.row_no, f.child_id, 'resolved', f.first_seen, f.last_seen,
              f.first_ingest, f.detail
         FROM temp.prev_keyed p JOIN findings f ON f.ingest_id = $3 AND f.ordinal = p.ordinal
        WHERE p.state IN ('new', 'open') AND NOT EXISTS (SELECT 1 FROM temp.recorded_keys c WHERE c.k = p.k)`,
      [ingest.id, this.recorded, previousId],
    )
    // Dropped only when all went well: after a failure the transaction is rolled back, these
    // tables with it, and a statement run on it would fail ("transaction is aborted") and hide the error.
    for (const table of [...WORK_TABLES, 'recorded_keys']) await db.run(`DROP TABLE IF EXISTS temp.${table}`)
    return stateCounts(db, ingest.id)
  }
}

const WORK_TABLES = ['staged_findings', 'cur_keyed', 'prev_keyed', 'cur_states']

async function createStaging(db: Db): Promise<void> {
  await db.run(`CREATE TEMP TABLE staged_findings (
    ordinal INTEGER, fingerprint VARCHAR, code VARCHAR, severity VARCHAR, message VARCHAR, field VARCHAR,
    department VARCHAR, dataset VARCHAR, file_name VARCHAR, row_no INTEGER, child_id VARCHAR, detail VARCHAR,
    block INTEGER, file_index INTEGER, row_key INTEGER, level INTEGER)`)
}

/** Appends findings to the staging table, numbered from `ordinal`; returns the next number. */
async function stage(db: Db, findings: Iterable<FindingInput> | AsyncIterable<FindingInput>, ordinal: number): Promise<number> {
  const appender = await db.connection.createAppender('staged_findings', 'main', 'temp')
  const text = (value: string | undefined): void => (value === undefined || value === '' ? appender.appendNull() : appender.appendVarchar(value))
  try {
    for await (const f of findings) {
      if (!f.fingerprint) throw new Error(`registry: finding ${f.code} without a fingerprint`)
      if (!SEVERITIES.has(f.severity)) throw new Error(`registry: finding ${f.code}: severity ${f.severity}`)
      appender.appendInteger(ordinal++)
      appender.appendVarchar(f.fingerprint)
      appender.appendVarchar(f.code)
      appender.appendVarchar(f.severity)
      appender.appendVarchar(f.message)
      text(f.field)
      text(f.department)
      appender.appendVarchar(f.dataset)
      appender.appendVarchar(f.file)
      if (f.row === undefined) appender.appendNull()
      else appender.appendInteger(f.row)
      text(f.childId)
      if (f.detail === undefined) appender.appendNull()
      else appender.appendVarchar(JSON.stringify(f.detail))
      const place = f.place ?? UNPLACED
      appender.appendInteger(place.block)
      appender.appendInteger(place.file)
      appender.appendInteger(place.row)
      appender.appendInteger(place.level)
      appender.endRow()
    }
  } finally {
    appender.closeSync()
  }
  return ordinal
}

export async function stateCounts(db: Db, ingestId: number): Promise<StateCounts> {
  const rows = await db.all<{state: FindingState; n: number}>(
    'SELECT state, count(*)::INTEGER AS n FROM findings WHERE ingest_id = ? GROUP BY state',
    [ingestId],
  )
  const counts = Object.fromEntries(STATES.map((s) => [s, 0])) as StateCounts
  for (const r of rows) counts[r.state] = r.n
  return counts
}

const FINDING_COLUMNS = `ingest_id AS "ingestId", ordinal, fingerprint, code, severity, message, field, department, dataset,
  file_name AS file, row_no AS row, child_id AS "childId", state, ${isoDay('first_seen')} AS "firstSeen",
  ${isoDay('last_seen')} AS "lastSeen", detail`

type FindingRecord = Omit<StoredFinding, 'detail'> & {detail: string | null}

function toFinding(r: FindingRecord): StoredFinding {
  const f: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(r)) {
    if (value === null) continue
    f[key] = key === 'detail' ? JSON.parse(value as string) : value
  }
  return f as unknown as StoredFinding
}

// A new or open finding whose fingerprint has been waived since its ingest counts as waived (the
// next ingest records it so); `f` is the findings table's alias.
const WAIVED_SINCE = (f: string): string => `(${f}.state IN ('new', 'open') AND ${f}.fingerprint IN (SELECT fingerprint FROM waivers))`

/**
 * An ingest's findings in order (resolved ones last), a page at a time; optionally only some
 * states, or only the open ones a report lists (`listed`: errors and warnings, new or open, not
 * waived since).
 */
export async function* findingsOf(db: Db, ingestId: number, states?: readonly FindingState[], listed = false): AsyncGenerator<StoredFinding> {
  const wanted = listValue(states ? [...states] : STATES)
  const last = await db.one<{n: number | null}>('SELECT max(ordinal) AS n FROM findings WHERE ingest_id = ?', [ingestId])
  const end = (last?.n ?? -1) + 1
  const size = LIMITS.pageRows
  const only = listed ? `AND f.severity <> 'info' AND f.state IN ('new', 'open') AND NOT ${WAIVED_SINCE('f')}` : ''
  for (let from = 0; from < end; from += size) {
    const rows = await db.all<FindingRecord>(
      `SELECT ${FINDING_COLUMNS} FROM findings f
        WHERE ingest_id = ? AND ordinal >= ? AND ordinal < ? AND list_contains(?, state) ${only} ORDER BY ordinal`,
      [ingestId, from, from + size, wanted],
    )
    for (const r of rows) yield toFinding(r)
  }
}

export interface FindingTally {
  severity: 'error' | 'warning' | 'info'
  code: string
  /** The state, waived for a new or open finding waived since its ingest. */
  state: FindingState
  n: number
  /** The ordinal of the first finding counted here. */
  first: number
}

/**
 * An ingest's findings counted by severity, code and state, in the order of each group's first
 * finding: a report's summary without reading a million infos into JS.
 */
export async function findingTally(db: Db, ingestId: number): Promise<FindingTally[]> {
  return db.all<FindingTally>(
    `SELECT severity, code, state, count(*)::INTEGER AS n, min(ordinal)::INTEGER AS first
       FROM (SELECT ordinal, severity, code, CASE WHEN ${WAIVED_SINCE('f')} THEN 'waived' ELSE state END AS state
               FROM findings f WHERE ingest_id = ?)
      GROUP BY severity, code, state ORDER BY first`,
    [ingestId],
  )
}

/** The most recent finding with this fingerprint, in any ingest. */
export async function findingByFingerprint(db: Db, fingerprint: string): Promise<StoredFinding | undefined> {
  const row = await db.one<FindingRecord>(`SELECT ${FINDING_COLUMNS} FROM findings WHERE fingerprint = ? ORDER BY ingest_id DESC, ordinal LIMIT 1`, [fingerprint])
  return row && toFinding(row)
}

/**
 * Records a waiver (a later one for the same fingerprint replaces it). Unless given, the code,
 * field, department and child come from the latest finding with that fingerprint, so the waiver
 * still matches after the child's ID number is corrected.
 */
export async function waive(db: Db, waiver: Waiver, at?: string): Promise<Waiver> {
  isoDate(waiver.date, 'waiver date')
  const found = await findingByFingerprint(db, waiver.fingerprint)
  const w: Waiver = {...waiver}
  for (const key of ['code', 'field', 'department', 'childId'] as const) {
    const value = w[key] ?? found?.[key]
    if (value === undefined) delete w[key]
    else w[key] = value
  }
  await db.run('DELETE FROM waivers WHERE fingerprint = ?', [w.fingerprint])
  await db.run(
    `INSERT INTO waivers (fingerprint, reason, by_name, waived_on, code, field, department, child_id, recorded_at)
     VALUES (?, ?, ?, CAST(? AS DATE), ?, ?, ?, ?, CAST(? AS TIMESTAMP))`,
    [w.fingerprint, w.reason, w.by, w.date, w.code ?? null, w.field ?? null, w.department ?? null, w.childId ?? null, instant(at)],
  )
  return w
}

export async function waivers(db: Db): Promise<Waiver[]> {
  const rows = await db.all<Record<string, string | null>>(
    `SELECT fingerprint, reason, by_name AS "by", ${isoDay('waived_on')} AS date, code, field, department, child_id AS "childId"
       FROM waivers ORDER BY recorded_at, fingerprint`,
  )
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)) as unknown as Waiver)
}
