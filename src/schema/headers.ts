import {isField} from './fields.js'
import {SYNONYMS} from './synonyms.js'

/**
 * The comparable form of a header: full-width folded (NFKC), spaces and line breaks removed,
 * `（…）`/`(…)`/`[…]` qualifiers and required-markers (`*`, `★`) dropped, Latin lower-cased.
 */
export function normalizeHeader(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[(（【[][^)）】\]]*[)）】\]]/g, '')
    .replace(/[\s\u200b\ufeff*★※:：]/g, '')
    .replace(/[、/／|]+$/g, '')
    .toLowerCase()
}

const SYNONYM_INDEX: Map<string, string> = (() => {
  const index = new Map<string, string>()
  for (const [field, words] of Object.entries(SYNONYMS)) {
    for (const word of words) {
      const key = normalizeHeader(word)
      // First writer wins so the more specific table entries above keep their meaning.
      if (!index.has(key)) index.set(key, field)
    }
  }
  return index
})()

export type ColumnOverrides = Map<string, string | null>

/** The canonical field of a header, or undefined when it has none (the column is kept as is). */
export function mapHeader(raw: string, overrides?: ColumnOverrides): string | undefined {
  if (overrides) {
    const o = overrides.get(raw) ?? overrides.get(normalizeHeader(raw))
    if (o !== undefined) return o ?? undefined
  }
  const key = normalizeHeader(raw)
  if (key === '') return undefined
  return SYNONYM_INDEX.get(key)
}

/** Builds the override table of `--columns` from `{ "原表头": "canonicalField" | null }`. */
export function columnOverrides(table: Record<string, unknown>, source: string): ColumnOverrides {
  const out: ColumnOverrides = new Map()
  for (const [header, field] of Object.entries(table)) {
    if (field === null || field === '' || field === '-') {
      out.set(header, null)
      out.set(normalizeHeader(header), null)
      continue
    }
    if (typeof field !== 'string' || !isField(field)) {
      throw new Error(`${source}: "${header}" maps to unknown field ${JSON.stringify(field)} (see \`liushou schema\`)`)
    }
    out.set(header, field)
    out.set(normalizeHeader(header), field)
  }
  return out
}

export function synonymTable(): Record<string, string[]> {
  return SYNONYMS
}
