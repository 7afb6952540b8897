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

let tempTables = 0

/**
 * For each row of a department's new list (its files in order, rows in file order): the child
 * whose row in the department's snapshot latest on or before `asOf` has the same linkage values,
 * or undefined; undefined for the whole list when the department has no such snapshot. `keys`
 * gives each file's rows' exactKey (undefined for a row that cannot be placed so: a ragged one).
 */
export async function exactChildren(db: Db, department: string, asOf: string, files: number, keys: (file: number) => AsyncIterable<string | undefined>): Promise<(string | undefined)[][] | undefined> {
  const previous = await latestSnapshot(db, department, asOf)
  if (!previous) return undefined
  const out: (string | undefined)[][] = []
  const table = `exact_keys_${++tempTables}`
  await db.run(`CREATE TEMP TABLE ${table} (f INTEGER, i INTEGER, k VARCHAR)`)
  try {
    for (let file = 0; file < files; file++) {
      let rows = 0
      const appender = await db.connection.createAppender(table, 'main', 'temp')
      try {
        for await (const key of keys(file)) {
          if (key !== undefined) {
            appender.appendInteger(file)
            appender.appendInteger(rows)
            appender.appendVarchar(key)
            appender.endRow()
          }
          rows++
        }
      } finally {
        appender.closeSync()
      }
      out.push(new Array<string | undefined>(rows).fill(undefined))
    }
    const merged = `(SELECT child_id, resolved_to FROM children WHERE resolved_to IS NOT NULL)`
    const placed = await db.all<{f: number; i: number; c: string}>(
      `WITH prev AS (
         SELECT ${STORED_KEY} AS k, coalesce(m.resolved_to, r.child_id) AS c
           FROM snapshot_rows r LEFT JOIN ${merged} m ON m.child_id = r.child_id
          WHERE r.snapshot_id = ?
       ), once AS (
         SELECT k, min(c) AS c FROM prev GROUP BY k HAVING count(DISTINCT c) = 1
       ), uncertain AS (
         SELECT DISTINCT coalesce(m.resolved_to, f.child_id) AS c
           FROM findings f LEFT JOIN ${merged} m ON m.child_id = f.child_id
          WHERE f.code = 'REG_UNCERTAIN' AND f.child_id IS NOT NULL
       )
       SELECT n.f, n.i, o.c FROM temp.${table} n JOIN once o ON o.k = n.k
        WHERE o.c NOT IN (SELECT c FROM uncertain)`,
      [previous.id],
    )
    for (const p of placed) out[p.f]![p.i] = p.c
    return out
  } finally {
    await db.run(`DROP TABLE IF EXISTS temp.${table}`)
  }
}
