import type {CommonOptions} from '../options.js'
import type {Db} from './db.js'
import type {Materialized} from './materialize.js'
import {getMeta, setMeta} from './schema.js'

// Every ingest validates every department's latest snapshot again, because the age rules depend
// on the as-of date. Most of validate's findings on a list are NOT_CANONICAL infos (a date, phone
// or code written another way: a million on 1.4 million rows), and those depend on the cells
// alone. So on a snapshot the previous ingest checked, they are not looked for again but carried
// over from that ingest's findings: the same fingerprints, texts and rows, recorded where the
// check would have put them (late in their row: findings.ts FindingPlace). This holds only when
// the previous check read the snapshot the same way and wrote its texts in the same language by
// the same version: those are the run's key, kept in `meta` with the snapshots it checked.

/** The codes carried over: they depend on a row's cells, never on the as-of date or other rows. */
export const CARRIED_CODES: readonly string[] = ['NOT_CANONICAL']

const META_KEY = 'last_checks'

interface LastChecks {
  ingestId: number
  key: string
  /** Department → the snapshot that was checked. */
  snapshots: Record<string, number>
}

/** What makes two checks of one snapshot find the same carried findings: how they read it, their language, liushou's version. */
export function checksKey(options: Pick<CommonOptions, 'lang' | 'mask' | 'encoding' | 'sheet' | 'columns'>, version: string): string {
  return JSON.stringify({
    version,
    lang: options.lang,
    mask: options.mask,
    encoding: options.encoding ?? null,
    sheet: options.sheet ?? null,
    columns: options.columns ? [...options.columns] : null,
  })
}

/**
 * The departments whose latest snapshot the previous ingest checked with the same key: their
 * CARRIED_CODES findings are carried, not looked for. A snapshot of two files of one name is
 * checked in full (carried findings find their file by its name).
 */
export async function carriedDepartments(db: Db, previousIngest: number, key: string, lists: readonly Materialized[]): Promise<Set<string>> {
  const out = new Set<string>()
  const text = await getMeta(db, META_KEY)
  if (text === undefined || previousIngest < 0) return out
  const last = JSON.parse(text) as LastChecks
  if (last.ingestId !== previousIngest || last.key !== key) return out
  for (const m of lists) {
    const names = m.snapshot.files.map((f) => f.name)
    if (last.snapshots[m.department] === m.snapshot.id && new Set(names).size === names.length) out.add(m.department)
  }
  return out
}

/** Records which snapshots this ingest checked, and how: the next ingest's carriedDepartments. */
export async function recordChecks(db: Db, ingestId: number, key: string, lists: readonly Materialized[]): Promise<void> {
  const last: LastChecks = {ingestId, key, snapshots: Object.fromEntries(lists.map((m) => [m.department, m.snapshot.id]))}
  await setMeta(db, META_KEY, JSON.stringify(last))
}
