import {MERGED} from './children.js'
import type {Db} from './db.js'
import {latestSnapshot} from './snapshots.js'

// Most of a month's list is last month's list: the same children, written the same way. A new row
// whose values — every value linkage compares — are those of a row of the department's previous
// snapshot is that row's child, placed at once: the registry's decision about who the row is
// stands, and is not made again (docs/registry.md, "The child number"). Only the other rows go
// through linkage, and when there are none the registry's records are not read at all.
//
// Not placed this way: a row whose values stand on previous rows of two children (twins written
// alike), a ragged row (its cells are shifted), and a child ever given REG_UNCERTAIN (its rows
// are placed by linkage as before, so that the uncertainty is found again until a person merges).

/** The canonical values linkage compares (assign.ts recordValues): a row is exact when all of them are unchanged. */
export const LINK_FIELDS: readonly string[] = [
  'name', 'idNumber', 'birthDate', 'gender', 'regionCode', 'county', 'town', 'village', 'guardianName',
  'guardianIdNumber', 'fatherName', 'motherName', 'guardianPhone', 'phone', 'fatherPhone', 'motherPhone', 'reportDate',
]

// A separator no value holds: a value with it makes its row not exact.
const SEPARATOR = '\u0001'

/** A row's linkage values as one text (exactChildren compares them); undefined when the row cannot be placed so. */
export function exactKey(canonical: Record<string, string>): string | undefined {
  const values = LINK_FIELDS.map((field) => canonical[field] ?? '')
  return values.some((v) => v.includes(SEPARATOR)) ? undefined : values.join(SEPARATOR)
}

const STORED_KEY = `concat_ws(chr(1), ${LINK_FIELDS.map((field) => `coalesce(r.canonical."${field}", '')`).join(', ')})`

/** A new list's rows staged in its snapshot's writer (snapshots.ts SnapshotWriter.stage), with their keys. */
export interface StagedKeys {
  /** SQL giving each keyed row's file (f), ordinal (i) and exactKey (k). */
  readonly stagedKeys: string
  /** Rows per file, in file order (ordinals run through the files). */
  readonly fileRows: readonly number[]
}

/**
 * For each staged row of a department's new list (per file, in file order): the child whose row
 * in the department's snapshot latest on or before `asOf` has the same linkage values, or
 * undefined; undefined for the whole list when the department has no such snapshot.
 */
export async function exactChildren(db: Db, department: string, asOf: string, staged: StagedKeys): Promise<(string | undefined)[][] | undefined> {
  const previous = await latestSnapshot(db, department, asOf)
  if (!previous) return undefined
  // The ordinal of each file's first row.
  const firsts: number[] = []
  let rows = 0
  for (const n of staged.fileRows) {
    firsts.push(rows)
    rows += n
  }
  const out = staged.fileRows.map((n) => new Array<string | undefined>(n).fill(undefined))
  for (const {f, i, c} of await exactMatches(db, previous.id, staged.stagedKeys)) out[f]![i - firsts[f]!] = c
  return out
}

/**
 * The rows of `keys` (SQL giving f, i and k: a row's file, number and exactKey) placed at once:
 * each with the child whose row in snapshot `previousId` has the same key, unless that key stands
 * on rows of two children or the child was ever given REG_UNCERTAIN.
 */
async function exactMatches(db: Db, previousId: number, keys: string): Promise<{f: number; i: number; c: string}[]> {
  return db.all<{f: number; i: number; c: string}>(
    `WITH prev AS (
       SELECT ${STORED_KEY} AS k, coalesce(m.resolved_to, r.child_id) AS c
         FROM snapshot_rows r LEFT JOIN ${MERGED} m ON m.child_id = r.child_id
        WHERE r.snapshot_id = ?
     ), once AS (
       SELECT k, min(c) AS c FROM prev GROUP BY k HAVING count(DISTINCT c) = 1
     ), uncertain AS (
       SELECT DISTINCT coalesce(m.resolved_to, f.child_id) AS c
         FROM findings f LEFT JOIN ${MERGED} m ON m.child_id = f.child_id
        WHERE f.code = 'REG_UNCERTAIN' AND f.child_id IS NOT NULL
     )
     SELECT n.f, n.i, o.c FROM ${keys} n JOIN once o ON o.k = n.k
      WHERE o.c NOT IN (SELECT c FROM uncertain)`,
    [previousId],
  )
}
