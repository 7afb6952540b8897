import {CODE_LISTS, type CodeList} from './code-lists.js'
import {FIELDS, type FieldKind} from './fields.js'
import {SYNONYMS} from './synonyms.js'

export interface SchemaDescription {
  fields: {key: string; zh: string; en: string; kind: FieldKind; list?: string; synonyms: string[]}[]
  codeLists: CodeList[]
}

/** What `liushou schema` prints: the canonical fields with their header synonyms, and the code lists. */
export function describeSchema(): SchemaDescription {
  return {
    fields: FIELDS.map((f) => ({...f, synonyms: [...new Set(SYNONYMS[f.key] ?? [])]})),
    codeLists: Object.values(CODE_LISTS),
  }
}
