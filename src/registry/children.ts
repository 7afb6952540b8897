import {UserError} from '../errors.js'
import type {Db} from './db.js'
import {instant, isoTimestamp} from './values.js'
import type {Merge} from './types.js'

// Child numbers (儿童编号): `LS` + a 6-digit county code (`000000` when none is known) + `-` + a
// 7-digit sequence of that county. The last number given per county lives in county_sequences
// and moves forward inside the caller's transaction: a rolled-back allocation was never given
// (the next one may take the same number), a committed one is never given again, even when its
// child is later merged away.

/** Numbers merged into another (registry merge), as SQL: child_id and the number it resolves to. */
export const MERGED = `(SELECT child_id, resolved_to FROM children WHERE resolved_to IS NOT NULL)`

export const UNKNOWN_COUNTY = '000000'
const CHILD_ID = /^LS(\d{6})-(\d{7})$/
const MAX_SEQUENCE = 9_999_999

export function isChildId(value: string): boolean {
  return CHILD_ID.test(value)
}

export function formatChildId(county: string, sequence: number): string {
  return `LS${county}-${String(sequence).padStart(7, '0')}`
}

export function parseChildId(value: string): {county: string; sequence: number} | undefined {
  const m = CHILD_ID.exec(value)
  return m ? {county: m[1]!, sequence: Number(m[2])} : undefined
}

/** The county part of a child number: six digits, else `000000`. */
export function countyPart(county: string | null | undefined): string {
  return county && /^\d{6}$/.test(county) ? county : UNKNOWN_COUNTY
}

export interface ChildOrigin {
  ingestId?: number
  snapshotId?: number
}

/** Gives one new child number per request, in order; numbers within a county follow the requests' order. */
export async function allocateChildren(db: Db, counties: readonly (string | null | undefined)[], origin: ChildOrigin = {}): Promise<string[]> {
  const wanted = new Map<string, number>()
  const parts = counties.map((c) => {
    const county = countyPart(c)
    wanted.set(county, (wanted.get(county) ?? 0) + 1)
    return county
  })
  const next = new Map<string, number>()
  for (const [county, count] of wanted) {
    const row = await db.one<{last: number}>('SELECT last_seq AS last FROM county_sequences WHERE county = ?', [county])
    const last = row?.last ?? 0
    if (last + count > MAX_SEQUENCE) throw new Error(`child numbers of county ${county} exhausted (${last} given, ${count} more asked)`)
    await db.run(
      'INSERT INTO county_sequences (county, last_seq) VALUES (?, ?) ON CONFLICT (county) DO UPDATE SET last_seq = excluded.last_seq',
      [county, last + count],
    )
    next.set(county, last + 1)
  }
  const ids: string[] = []
  const appender = await db.connection.createAppender('children')
  try {
    for (const county of parts) {
      const sequence = next.get(county)!
      next.set(county, sequence + 1)
      const id = formatChildId(county, sequence)
      ids.push(id)
      appender.appendVarchar(id)
      appender.appendVarchar(county)
      appender.appendInteger(sequence)
      if (origin.ingestId === undefined) appender.appendNull()
      else appender.appendInteger(origin.ingestId)
      if (origin.snapshotId === undefined) appender.appendNull()
      else appender.appendInteger(origin.snapshotId)
      appender.appendNull()
      appender.endRow()
    }
  } finally {
    appender.closeSync()
  }
  return ids
}

/** The number a child number stands for now (itself unless merged), or undefined when unknown. */
export async function resolveChild(db: Db, childId: string): Promise<string | undefined> {
  const row = await db.one<{id: string}>('SELECT coalesce(resolved_to, child_id) AS id FROM children WHERE child_id = ?', [childId])
  return row?.id
}

/** Every number that resolves to childId, itself included, in the order they were given. */
export async function childNumbers(db: Db, childId: string): Promise<string[]> {
  const rows = await db.all<{id: string}>(
    'SELECT child_id AS id FROM children WHERE child_id = ? OR resolved_to = ? ORDER BY county, seq',
    [childId, childId],
  )
  return rows.map((r) => r.id)
}

/** Numbers merged into others: assigned → current. Few, so readers resolve rows in memory. */
export async function mergedNumbers(db: Db): Promise<Map<string, string>> {
  const rows = await db.all<{id: string; to: string}>('SELECT child_id AS id, resolved_to AS "to" FROM children WHERE resolved_to IS NOT NULL')
  return new Map(rows.map((r) => [r.id, r.to]))
}

/**
 * Records that two numbers are one child: `other` (and whatever already resolved to it) resolves
 * to what `keep` stands for. Which of the two is kept is the caller's choice (SPEC: the older).
 */
export async function mergeChildren(db: Db, merge: Merge): Promise<void> {
  const keep = await resolveChild(db, merge.keep)
  const other = await resolveChild(db, merge.other)
  if (!keep) throw new UserError({en: `unknown child number ${merge.keep}`, zh: `没有儿童编号 ${merge.keep}`})
  if (!other) throw new UserError({en: `unknown child number ${merge.other}`, zh: `没有儿童编号 ${merge.other}`})
  if (keep === other) throw new UserError({en: `${merge.keep} and ${merge.other} are already one child (${keep})`, zh: `${merge.keep} 和 ${merge.other} 已经是同一儿童（${keep}）`})
  await db.run('UPDATE children SET resolved_to = ? WHERE child_id = ? OR resolved_to = ?', [keep, other, other])
  await db.run('INSERT INTO merges (keep, other, by_name, reason, recorded_at, ingest_id) VALUES (?, ?, ?, ?, CAST(? AS TIMESTAMP), ?)', [
    merge.keep,
    merge.other,
    merge.by,
    merge.reason,
    instant(merge.at),
    merge.ingestId ?? null,
  ])
}

export async function merges(db: Db): Promise<Merge[]> {
  const rows = await db.all<{keep: string; other: string; by: string; reason: string; at: string; ingestId: number | null}>(
    `SELECT keep, other, by_name AS "by", reason, ${isoTimestamp('recorded_at')} AS at, ingest_id AS "ingestId"
       FROM merges ORDER BY recorded_at, rowid`,
  )
  return rows.map(({ingestId, ...m}) => (ingestId === null ? m : {...m, ingestId}))
}

