import {normalizeCell} from '../normalize/cells.js'
import {CANONICAL_INDEX} from './schema.js'

/**
 * A row's canonical values as a snapshot stores them: each field's cell, normalized; empty cells
 * left out. `columns` says where each field is: a roster's fieldIndex, or a stored file's fields as
 * [field, column] pairs (a field on two columns takes its first non-empty cell).
 */
export function canonicalOf(columns: Iterable<readonly [string | null, number]>, cells: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [field, i] of columns) {
    if (!field || !CANONICAL_INDEX.has(field) || out[field] !== undefined) continue
    const raw = (cells[i] ?? '').trim()
    if (raw === '') continue
    out[field] = normalizeCell(field, raw)?.after ?? raw
  }
  return out
}
