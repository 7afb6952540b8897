import {VALIDATE_CODES} from '../findings/codes/validate.js'
import type {CommonOptions} from '../options.js'
import {DATED_CODES} from '../rules/dated.js'
import type {Db} from './db.js'
import type {Materialized} from './materialize.js'
import {getMeta, setMeta} from './schema.js'

// Every ingest validates every department's latest snapshot again, because some rules depend on
// the as-of date (rules/dated.ts). Only those do: on a snapshot the previous ingest checked,
// validate runs the rules that read the date, for their DATED_CODES alone, and every other finding
// of validate is carried over from that ingest's findings — the same fingerprints, texts and rows,
// recorded where the check would have put them (a row's level: findings.ts FindingPlace). This
// holds only when the previous check read the snapshot the same way and wrote its texts in the
// same language by the same version: those are the run's key, kept in `meta` with the snapshots
// it checked.

/** The codes carried over: validate's, but for the DATED_CODES. */
export const CARRIED_CODES: readonly string[] = Object.keys(VALIDATE_CODES).filter((code) => !DATED_CODES.has(code))

/** Codes placed after a row's other findings: a row's own faults before how it is written. */
const LAST_IN_ROW: ReadonlySet<string> = new Set(['NOT_CANONICAL'])

/**
 * Where a validate finding goes among its row's, as the carried and the checked ones must agree:
 * 0 the carried codes, 1 the DATED_CODES (found again at each ingest), 2 NOT_CANONICAL.
 */
export function rowLevel(code: string): number {
  return LAST_IN_ROW.has(code) ? 2 : DATED_CODES.has(code) ? 1 : 0
}

const META_KEY = 'last_checks'

interface LastChecks {
  ingestId: number
  key: string
  /** Department → the snapshot that was checked. */
  snapshots: Record<string, number>
}

/**
 * How a snapshot is written out for the checks (materialize.ts): a change to it changes what the
 * checks find, so findings carried from before it are found afresh. 2: every file's columns
 * (snapshot-columns.ts), not the first file's alone; a workbook's short rows filled out.
 */
export const WRITTEN_OUT = 2

/** What makes two checks of one snapshot find the same carried findings: how they read it, their language, liushou's version. */
export function checksKey(options: Pick<CommonOptions, 'lang' | 'mask' | 'encoding' | 'sheet' | 'columns'>, version: string): string {
  return JSON.stringify({
    version,
    writtenOut: WRITTEN_OUT,
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
