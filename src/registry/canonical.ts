import {normalizeCell} from '../normalize/cells.js'
import type {Roster} from '../schema/roster.js'
import {CANONICAL_FIELDS} from './schema.js'

/**
 * A row's canonical values as a snapshot stores them: each mapped field's cell, normalized; empty
 * cells left out. With `only`, those fields alone.
 */
export function canonicalOf(roster: Roster, cells: readonly string[], only: readonly string[] = CANONICAL_FIELDS): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [field, i] of roster.fieldIndex) {
    if (!only.includes(field)) continue
    const raw = (cells[i] ?? '').trim()
    if (raw === '') continue
    out[field] = normalizeCell(field, raw)?.after ?? raw
  }
  return out
}
