// The plain representation: rosters as written, read and normalised (columns.ts), compared by
// the packed comparators (compare.ts), blocked by plain keys (blocking-keys.ts).

import type {Subject} from '../../findings/subject.js'
import type {Roster, RosterRow} from '../../schema/roster.js'
import type {Lang, MaskMode} from '../../types.js'
import {BIRTH, type HouseholdDetail, NAME} from '../comparisons.js'
import {IdKind, type RecordStore} from '../records.js'
import {type BlockingKey, ID_FIT, type Representation, type TfSums, tfBits} from '../representation.js'
import {plainBlockingKeys} from './blocking-keys.js'
import {PlainColumns, type RecordValues} from './columns.js'
import {type Packed, comparePacked, comparePairs, householdDetail, packIndex} from './compare.js'
import {dateLevel} from './dates.js'
import {rowReader} from './read.js'
import {recordSubject, shownName, shownValue} from './shown.js'

export class PlainRecords implements Representation {
  readonly kind = 'plain'
  readonly inClear = true
  readonly columns: PlainColumns
  readonly blockingKeys: readonly BlockingKey[]
  /** The comparators' packed copy of the records (80 bytes a record), built when first needed. */
  private index: Packed | undefined

  constructor(readonly store: RecordStore) {
    this.columns = new PlainColumns(store)
    this.blockingKeys = plainBlockingKeys(store, this.columns)
  }

  /** Adds one record to the store's current dataset from the cells of a row. */
  add(values: RecordValues): number {
    const i = this.store.add(values)
    this.columns.reserve(this.store.size)
    if (!values.unread) this.columns.read(i, values)
    return i
  }

  rowAdder(roster: Roster): (row: RosterRow, readable: number) => number {
    const read = rowReader(roster)
    return (row, readable) => this.add(read(row, readable))
  }

  private packed(): Packed {
    this.index = packIndex(this.columns, this.store, this.index)
    return this.index
  }

  compare(a: number, b: number): number {
    return comparePacked(this.packed(), this.columns, a, b)
  }

  compareAll(pairs: Float64Array, out: Uint32Array, onProgress?: (done: number) => void): void {
    comparePairs(this.packed(), this.columns, pairs, out, onProgress)
  }

  endComparing(): void {
    this.index = undefined
  }

  household(a: number, b: number): HouseholdDetail {
    return householdDetail(this.packed(), this.columns, a, b)
  }

  idFit(i: number): number {
    const s = this.store
    const kind = s.idKind[i]
    if (kind !== IdKind.Valid && kind !== IdKind.Valid15) return 0
    const c = this.columns
    let fit = 0
    const written = c.birth[i]!
    const inId = c.idBirth[i]!
    if (written !== 0 && inId !== 0) {
      const level = dateLevel(written, inId)
      if (level === BIRTH.YEAR) fit |= ID_FIT.BIRTH
      else if (level === BIRTH.DIFFERENT) fit |= ID_FIT.BIRTH | ID_FIT.FAR
    }
    // The sex column overrides the number's (columns.ts read): a sex other than the number's was written.
    if (s.sex[i] !== 0 && s.sex[i] !== idSex(s.idLo[i]!)) fit |= ID_FIT.SEX
    return fit
  }

  tfSums(): TfSums {
    const names = this.columns.childNames
    let nameSumSq = 0
    let pinyinSumSq = 0
    if (names.total > 0) {
      for (let i = 0; i < names.entries.length; i++) nameSumSq += (names.counts[i]! / names.total) ** 2
      for (let i = 0; i < names.pinyins.size; i++) pinyinSumSq += (names.pinyinCounts[i]! / names.total) ** 2
    }
    return {nameSumSq, pinyinSumSq}
  }

  tf(a: number, nameLevel: number, sums: TfSums): number {
    const names = this.columns.childNames
    const id = this.columns.name[a]!
    if (id < 0 || names.total === 0) return 0
    if (nameLevel === NAME.EXACT) return tfBits(names.counts[id]! / names.total, sums.nameSumSq)
    if (nameLevel === NAME.HOMOPHONE) return tfBits(names.pinyinCounts[names.entry(id).pinyin]! / names.total, sums.pinyinSumSq)
    return 0
  }

  windowOrder(): (i: number) => number {
    const c = this.columns
    const ranks = pinyinRanks(c)
    return (i) => {
      const name = c.name[i]!
      const rank = name >= 0 ? ranks[c.childNames.entry(name).pinyin]! : 0x3fffffff
      const birth = c.birth[i] || c.idBirth[i] || 0
      return rank * 1e8 + birth
    }
  }

  shownValue(i: number, key: string, mask: MaskMode): string {
    return shownValue(this.store, this.columns, i, key, mask)
  }

  nameNote(_a: number, _b: number, _lang: Lang): string | undefined {
    return undefined
  }

  subject(i: number): Subject | undefined {
    return this.store.released ? undefined : recordSubject(this.store, this.columns, i)
  }

  name(i: number, mask: MaskMode): string {
    return shownName(this.columns, i, mask)
  }

  trim(): void {
    this.columns.trim()
  }

  release(): void {
    this.columns.release()
    this.index = undefined
  }
}

/** 1 male, 2 female: the number's 17th digit (odd for a boy), from its halves (columns.ts idHalves). */
function idSex(lo: number): number {
  return Math.floor(lo / 11) % 2 === 1 ? 1 : 2
}

/** Ranks of the name pinyin keys in alphabetical order: the sort order inside oversized blocks. */
function pinyinRanks(c: PlainColumns): Int32Array {
  const values = c.childNames.pinyins.values
  const order = values.map((_, i) => i).sort((x, y) => (values[x]! < values[y]! ? -1 : values[x]! > values[y]! ? 1 : 0))
  const rank = new Int32Array(values.length)
  order.forEach((id, r) => (rank[id] = r))
  return rank
}

/** The plain representation of `store`: bound to it now if it has none yet. */
export function plainRecords(store: RecordStore): PlainRecords {
  const bound = store.boundRepresentation
  if (bound instanceof PlainRecords) return bound
  const plain = new PlainRecords(store)
  store.bind(plain)
  return plain
}
