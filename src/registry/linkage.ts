import type {DuckDBAppender} from '@duckdb/node-api'

import {FloatList, sortedDistinct} from '../link/float-list.js'
import {keptProbes} from '../link/kept-keys.js'
import type {LinkModel} from '../link/model.js'
import type {NameFrequency} from '../link/plain/names.js'
import {MERGED} from './children.js'
import type {Db} from './db.js'
import {getMeta, setMeta} from './schema.js'

// What a registry keeps of its last full linkage so that a month's new rows can be placed without
// loading every child it knows (docs/registry.md "Size and speed"): the model learnt over all its
// records, the population's name counts (term frequencies), and an index of every child's
// blocking-key hashes. An ingest whose new rows are few links them against only the children
// sharing a key with one of them, scored by the kept model — as Splink links new records against
// a linked table with a trained model.
//
// The index only ever grows between full linkages: a child keeps the keys of every row it was
// placed by, so a row that changes back still finds it; a stale key adds a candidate to compare,
// never loses one. It is trusted only when the ingest just before kept it (an older liushou, a
// `registry apply` or an ingest that failed leave it behind) and the new lists are the latest
// (a list dated before another is placed against the records of its date): else a full linkage
// runs and writes it anew.

/** Changes whenever the blocking keys or their hashes do (src/link/plain/blocking-keys.ts, keyHashes): an index of other keys is rebuilt. */
export const INDEX_VERSION = 'plain-2'

const STATE_KEY = 'linkage'

export interface LinkageState {
  version: string
  /** The ingest that last brought the index up to date. */
  ingest: number
  /** Records the name counts were taken over (and the model learnt on). */
  total: number
  /** Children the registry knew then. */
  children: number
  model: LinkModel
}

/**
 * When the model is learnt again (a full linkage) rather than kept: the registry has grown by a
 * fifth since, or the rows to place are more than half as many as the records it was learnt on (a
 * first ingest of one town, then the county's whole roster; a department's first list).
 */
export const RELEARN_GROWTH = 0.2
export const RELEARN_SHARE = 0.5

/** Key hashes of entries (records or rows), one after another. */
export class KeyLists {
  readonly hashes = new FloatList()
  /** Where each entry's hashes end. */
  readonly ends: number[] = []

  add(each: (emit: (hash: number) => void) => void): void {
    each((h) => this.hashes.push(h))
    this.ends.push(this.hashes.length)
  }

  get size(): number {
    return this.ends.length
  }

  forEach(entry: number, f: (hash: number) => void): void {
    const data = this.hashes.data
    for (let j = entry === 0 ? 0 : this.ends[entry - 1]!; j < this.ends[entry]!; j++) f(data[j]!)
  }

  /** Every kept hash any of the entries may be paired with (blocking.ts keptProbes), once. */
  probes(): Float64Array {
    const all = new FloatList(this.hashes.length * 2)
    for (const h of this.hashes.view()) keptProbes(h, (p) => all.push(p))
    return sortedDistinct(all.view())
  }
}

/** What an ingest's linkage leaves for the index, written once the rows have their child numbers. */
export interface LinkageUpdate {
  /** A full linkage: the index, model and name counts are written anew (the registered records' keys by child). */
  full?: {childIds: readonly string[]; keys: KeyLists; model: LinkModel; names: Iterable<NameFrequency>; total: number}
  /** The rows linkage placed: per entry of `keys`, its list and ordinal in the list. */
  rows: {list: number[]; ordinal: number[]; keys: KeyLists}
}

/** The kept linkage, when an ingest (`ingestId`, as of `asOf`) may place its rows by it. */
export async function usableLinkage(db: Db, ingestId: number, asOf: string): Promise<LinkageState | undefined> {
  const text = await getMeta(db, STATE_KEY)
  if (text === undefined) return undefined
  const state = JSON.parse(text) as LinkageState
  if (state.version !== INDEX_VERSION) return undefined
  const row = await db.one<{previous: number | null; children: number}>(
    'SELECT (SELECT max(id) FROM ingests WHERE id < ?) AS previous, (SELECT count(*) FROM children WHERE resolved_to IS NULL)::INTEGER AS children',
    [ingestId],
  )
  if (row?.previous !== state.ingest || row.children > state.children * (1 + RELEARN_GROWTH)) return undefined
  return (await laterSnapshots(db, asOf)) === 0 ? state : undefined
}

async function laterSnapshots(db: Db, asOf: string): Promise<number> {
  return (await db.one<{n: number}>('SELECT count(*)::INTEGER AS n FROM snapshots WHERE as_of > CAST(? AS DATE)', [asOf]))!.n
}

let temps = 0

/** Fills a table through its appender (a temporary one when `temp`). */
async function fill(db: Db, table: string, temp: boolean, rows: (appender: DuckDBAppender) => void): Promise<void> {
  const appender = temp ? await db.connection.createAppender(table, 'main', 'temp') : await db.connection.createAppender(table)
  try {
    rows(appender)
  } finally {
    appender.closeSync()
  }
}

/** A new temporary table of `columns`, filled; returns its name. */
async function filledTemp(db: Db, prefix: string, columns: string, rows: (appender: DuckDBAppender) => void): Promise<string> {
  const table = `${prefix}_${++temps}`
  await db.run(`CREATE TEMP TABLE ${table} (${columns})`)
  await fill(db, table, true, rows)
  return table
}

/** Fills a new temporary table with the children (merges followed) sharing a key hash with `hashes`; returns its name. */
export async function childrenSharingKeys(db: Db, hashes: Float64Array): Promise<string> {
  const probe = await filledTemp(db, 'link_probe', 'key DOUBLE', (appender) => {
    for (const h of hashes) {
      appender.appendDouble(h)
      appender.endRow()
    }
  })
  const table = `link_candidates_${++temps}`
  await db.run(
    `CREATE TEMP TABLE ${table} AS
     SELECT DISTINCT coalesce(c.resolved_to, k.child_id) AS child_id
       FROM (SELECT DISTINCT child_id FROM link_keys k SEMI JOIN temp.${probe} p ON p.key = k.key) k
       LEFT JOIN ${MERGED} c ON c.child_id = k.child_id`,
  )
  await db.run(`DROP TABLE temp.${probe}`)
  return table
}

/** The population's counts of these names (as kept at the last full linkage). */
export async function populationNames(db: Db, names: readonly string[]): Promise<Map<string, Omit<NameFrequency, 'name'>>> {
  const out = new Map<string, Omit<NameFrequency, 'name'>>()
  if (names.length === 0) return out
  const table = await filledTemp(db, 'link_names', 'name VARCHAR', (appender) => {
    for (const name of names) {
      appender.appendVarchar(name)
      appender.endRow()
    }
  })
  const rows = await db.all<{name: string; count: number; pinyinCount: number}>(
    `SELECT l.name, l.count, l.pinyin_count AS "pinyinCount" FROM link_names l SEMI JOIN temp.${table} t ON t.name = l.name`,
  )
  await db.run(`DROP TABLE temp.${table}`)
  for (const r of rows) out.set(r.name, {count: r.count, pinyinCount: r.pinyinCount})
  return out
}

/**
 * Writes what an ingest's linkage leaves (`update`, undefined when no row needed linkage): the
 * rows' keys under their children (`childIdOf`), and after a full linkage everything anew. Then
 * records the ingest as the index's, when the index was up to date before it. A full linkage of
 * a list dated before the latest saw the records of its date: it keeps nothing.
 */
export async function keepLinkage(db: Db, ingestId: number, asOf: string, update: LinkageUpdate | undefined, childIdOf: (list: number, ordinal: number) => string, usable: LinkageState | undefined): Promise<void> {
  let state = usable
  if (update?.full && (await laterSnapshots(db, asOf)) > 0) {
    // Linked against the records of its own date, not the latest: the next ingest links in full.
    await db.run('DELETE FROM meta WHERE key = ?', [STATE_KEY])
    return
  }
  if (update?.full) {
    const {full} = update
    await db.run('DELETE FROM link_keys')
    await db.run('DELETE FROM link_names')
    await fill(db, 'link_keys', false, (appender) => {
      // A child's records come one after another: its keys are written once.
      let child = ''
      let seen = new Set<number>()
      for (let r = 0; r < full.keys.size; r++) {
        const childId = full.childIds[r]!
        if (childId !== child) {
          child = childId
          seen = new Set()
        }
        full.keys.forEach(r, (h) => {
          if (seen.has(h)) return
          seen.add(h)
          appendKey(appender, childId, h)
        })
      }
    })
    await fill(db, 'link_names', false, (appender) => {
      for (const f of full.names) {
        appender.appendVarchar(f.name)
        appender.appendInteger(f.count)
        appender.appendInteger(f.pinyinCount)
        appender.endRow()
      }
    })
    const children = (await db.one<{n: number}>('SELECT count(*)::INTEGER AS n FROM children WHERE resolved_to IS NULL'))!.n
    state = {version: INDEX_VERSION, ingest: ingestId, total: full.total, children, model: full.model}
  }
  if (!state) return
  if (update && update.rows.keys.size > 0) {
    const {rows} = update
    const table = await filledTemp(db, 'link_rows', 'child_id VARCHAR, key DOUBLE', (appender) => {
      for (let e = 0; e < rows.keys.size; e++) {
        const childId = childIdOf(rows.list[e]!, rows.ordinal[e]!)
        rows.keys.forEach(e, (h) => appendKey(appender, childId, h))
      }
    })
    await db.run(`INSERT INTO link_keys SELECT DISTINCT child_id, key FROM temp.${table} t WHERE NOT EXISTS (SELECT 1 FROM link_keys k WHERE k.child_id = t.child_id AND k.key = t.key)`)
    await db.run(`DROP TABLE temp.${table}`)
  }
  await setMeta(db, STATE_KEY, JSON.stringify({...state, ingest: ingestId}))
}

function appendKey(appender: DuckDBAppender, childId: string, hash: number): void {
  appender.appendVarchar(childId)
  appender.appendDouble(hash)
  appender.endRow()
}
