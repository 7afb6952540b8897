// How a store's records are held and compared: one interface, two implementations — plain/
// (the cells as written, read and normalised) and tokenized/ (rosters written by `liushou
// tokenize`: keyed tokens and Bloom filters) — chosen once per run by the loader (load.ts), from
// the first input's token marker. The engine (blocking, model, clustering, explanations) reads
// a record only through the store's shared columns (records.ts) and this interface, so it never
// asks which form it is working on; the two implementations never import each other.

import type {Lang, MaskMode} from '../types.js'
import type {Subject} from '../findings/subject.js'
import type {Roster, RosterRow} from '../schema/roster.js'
import type {HouseholdDetail} from './comparisons.js'

/**
 * A blocking key: records that share a value of it form a block, and pairs inside a block are
 * compared (blocking.ts). A representation's keys are bound to its store.
 */
export interface BlockingKey {
  id: string
  zh: string
  en: string
  /**
   * Calls `emit` with each key value of record `i` (none when the record has no such value), made
   * of the record's values alone — no id interned in this run: a registry keeps their hashes
   * (blocking.ts keyHashes) to find a later run's candidates.
   */
  values(i: number, emit: (key: string) => void): void
  /**
   * The same values as numbers (two exact integers and a tag), when they can be had without
   * building strings: the ID keys, read from the stored halves of the number. These may hold ids
   * interned in the run (they group the run's own records only).
   */
  numbers?(i: number, emit: (a: number, b: number, tag: number) => void): void
  maxBlock: number
  window: number
  /**
   * Only for records without a valid ID: blocks form around such a record and every pair holds
   * one. Two valid, different numbers are never one child on this key's evidence alone (the
   * guard; across lists, a re-issued number needs the same written name and birth date, which
   * birth-given finds), and equal ones are the id key's. Keys whose blocks grow with the
   * population (a county's children born on one day) stay near-linear this way.
   */
  sparse?: boolean
  /**
   * Every pair of records holding one 18-digit number meets in this key's blocks: once it has
   * put them all in blocks of at most maxBlock, the other keys need not propose them again.
   */
  coversSameIds?: boolean
}

/** Σf² over exact names and over readings (the term-frequency adjustment's denominators). */
export interface TfSums {
  nameSumSq: number
  pinyinSumSq: number
}

const TF_LIMIT = 10

/**
 * The term-frequency adjustment (Splink's TF adjustment, fastLink's down-weighting of common
 * names), in bits: log2(Σf² / f_v), where f_v is the share of records with the name that agrees
 * — agreeing on 张子涵 is weaker evidence than agreeing on a rare name. At most ±10 bits.
 */
export function tfBits(share: number, sumSq: number): number {
  if (share <= 0 || sumSq <= 0) return 0
  return Math.max(-TF_LIMIT, Math.min(TF_LIMIT, Math.log2(sumSq / share)))
}

/**
 * How a record's own birth date and sex fit the ID number it holds (bits; 0: they fit, or there is
 * nothing to tell): the row's written birth date is another date than the number's (not a lunar
 * birthday, swapped day and month, a typed digit) — FAR as well when it is in another year — or
 * its written sex is not the number's.
 */
export const ID_FIT = {BIRTH: 1, SEX: 2, FAR: 4} as const

export interface Representation {
  readonly kind: 'plain' | 'tokenized'
  /** Names, dates and places can be read (subjects of findings, names in outputs). */
  readonly inClear: boolean
  readonly blockingKeys: readonly BlockingKey[]

  /** Reads the rows of a roster into the store's current dataset; the function adds one row and gives its index. */
  rowAdder(roster: Roster): (row: RosterRow, readable: number) => number

  /** The comparison vector of two records, packed 4 bits per comparison (comparisons.ts). */
  compare(a: number, b: number): number
  /** The vectors of the candidate pairs (packed `a * PAIR_SHIFT + b`): the comparison loop. */
  compareAll(pairs: Float64Array, out: Uint32Array, onProgress?: (done: number) => void): void
  /** Lets go of what compareAll built to compare fast (a later compare builds it again). */
  endComparing(): void
  /** What the household comparison found (for --explain). */
  household(a: number, b: number): HouseholdDetail
  /** How record `i`'s own birth date and sex fit its valid ID number (ID_FIT bits). */
  idFit(i: number): number

  tfSums(): TfSums
  /** The term-frequency adjustment (bits) of record `a`'s name agreeing at `nameLevel`. */
  tf(a: number, nameLevel: number, sums: TfSums): number
  /** The order of records inside an oversized block (sorted neighbourhood): a sort key per record. */
  windowOrder(): (i: number) => number

  /** The value --explain shows for comparison `key` of record `i` (masked). */
  shownValue(i: number, key: string, mask: MaskMode): string
  /** A note on the names of two records for --explain, if any. */
  nameNote(a: number, b: number, lang: Lang): string | undefined
  /** Who record `i` is, for its findings; undefined when nothing can be read in clear. */
  subject(i: number): Subject | undefined
  /** The child's name of record `i` (masked), '' when none can be read. */
  name(i: number, mask: MaskMode): string

  /** Gives back spare capacity once the records are read. */
  trim(): void
  /** Lets go of every value (the store's releaseValues). */
  release(): void
}
