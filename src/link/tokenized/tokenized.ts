// The tokenized representation: rosters written by `liushou tokenize` (keyed tokens, Bloom
// filters, what was kept in clear), read into columns.ts, compared by compare.ts, blocked by
// blocking-keys.ts. Nothing here needs the key, and nothing shows an identity in clear.

import type {Subject} from '../../findings/subject.js'
import type {Roster, RosterRow} from '../../schema/roster.js'
import type {TokenMarker} from '../../tokens/marker.js'
import type {Lang, MaskMode} from '../../types.js'
import type {HouseholdDetail} from '../comparisons.js'
import type {RecordBasics, RecordStore} from '../records.js'
import type {BlockingKey, Representation, TfSums} from '../representation.js'
import {tokenBlockingKeys} from './blocking-keys.js'
import {TokenColumns, readRow} from './columns.js'
import {compareTokenPair, compareTokenPairs, tokenHousehold, tokenIdFit, tokenTf, tokenTfSums} from './compare.js'
import {tokenNameNote, tokenValue} from './shown.js'

export class TokenizedRecords implements Representation {
  readonly kind = 'tokenized'
  readonly inClear = false
  readonly blockingKeys: readonly BlockingKey[]
  /** Undefined once the store let go of its values. */
  private cols: TokenColumns | undefined

  constructor(
    readonly store: RecordStore,
    marker: TokenMarker,
  ) {
    this.cols = new TokenColumns(marker)
    this.blockingKeys = tokenBlockingKeys(store, this.cols)
  }

  get columns(): TokenColumns {
    if (this.cols === undefined) throw new Error('the store released its values')
    return this.cols
  }

  rowAdder(roster: Roster): (row: RosterRow, readable: number) => number {
    const s = this.store
    const t = this.columns
    const mapped = [...roster.fieldIndex.values()]
    const reportDate = roster.fieldIndex.get('reportDate')
    return (row) => {
      const unread = row.ragged !== undefined
      let filled = 0
      if (!unread) for (const c of mapped) if ((row.cells[c] ?? '').trim() !== '') filled++
      const values: RecordBasics = {row: row.ref.row, unread, filled}
      const date = reportDate === undefined ? '' : (row.cells[reportDate] ?? '')
      if (date !== '') values.reportDate = date
      const i = s.add(values)
      t.reserve(s.size)
      if (!unread) readRow(s, t, roster, row, i)
      return i
    }
  }

  compare(a: number, b: number): number {
    return compareTokenPair(this.store, this.columns, a, b)
  }

  compareAll(pairs: Float64Array, out: Uint32Array, onProgress?: (done: number) => void): void {
    compareTokenPairs(this.store, this.columns, pairs, out, onProgress)
  }

  endComparing(): void {}

  household(a: number, b: number): HouseholdDetail {
    return tokenHousehold(this.store, this.columns, a, b)
  }

  idFit(i: number): number {
    return tokenIdFit(this.store, this.columns, i)
  }

  tfSums(): TfSums {
    return tokenTfSums(this.columns)
  }

  tf(a: number, nameLevel: number, sums: TfSums): number {
    return tokenTf(this.columns, a, nameLevel, sums)
  }

  // Tokens have no order that means anything: an oversized block keeps the records' order.
  windowOrder(): (i: number) => number {
    return () => 0
  }

  shownValue(i: number, key: string, mask: MaskMode): string {
    return tokenValue(this.store, this.columns, i, key, mask)
  }

  nameNote(a: number, b: number, lang: Lang): string | undefined {
    return tokenNameNote(this.columns, a, b, lang)
  }

  subject(): Subject | undefined {
    return undefined
  }

  name(): string {
    return ''
  }

  trim(): void {}

  release(): void {
    this.cols = undefined
  }
}

/** The tokenized representation of `store` (first input's marker): bound to it now if it has none yet. */
export function tokenizedRecords(store: RecordStore, marker: TokenMarker): TokenizedRecords {
  const bound = store.boundRepresentation
  if (bound instanceof TokenizedRecords) return bound
  const tokenized = new TokenizedRecords(store, marker)
  store.bind(tokenized)
  return tokenized
}
