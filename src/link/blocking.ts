// Blocking: which pairs of records are compared at all. Comparing every pair of a million records
// is 5 × 10^11 comparisons; each key of the store's representation (plain/blocking-keys.ts,
// tokenized/blocking-keys.ts) puts records that share a value into one block and only pairs
// inside a block are compared.
//
// Keys are hashed (hash.ts) and packed with the record index into one float64 (hash bits above,
// index bits below) so that one native typed-array sort groups each key's blocks. A hash
// collision only adds a pair to compare; it never loses one. A block larger than `maxBlock` (a
// common surname born on one day in a big county, a village committee's phone written for every
// child) is not compared all against all: its records are sorted by the representation's window
// order (name pinyin and birth date) and each is compared with the next `window` records (sorted
// neighbourhood), which keeps the pair count near-linear. Pairs found by several keys are
// compared once.

import {FloatList, sortedDistinct} from './float-list.js'
import {hashKey, hashNumbers} from './hash.js'
import {KEPT_KEY_BITS, SPARSE_MARK, VALID_MARK} from './kept-keys.js'
import {MAX_RECORDS, PAIR_SHIFT} from './pairs.js'
import {IdKind, type RecordStore} from './records.js'
import type {BlockingKey} from './representation.js'

export interface KeyStats {
  key: string
  /** Records with at least one value of the key. */
  records: number
  /** Blocks of two or more records. */
  blocks: number
  /** Blocks compared by sorted neighbourhood because they were larger than maxBlock. */
  oversized: number
  largest: number
  /** Pairs the key proposed (before pairs found by several keys were merged). */
  pairs: number
}

export interface BlockingResult {
  /** Distinct candidate pairs, packed `a * PAIR_SHIFT + b` with a < b, sorted. */
  pairs: Float64Array
  keys: KeyStats[]
  /** All pairs the comparisons would have needed without blocking. */
  allPairs: number
}

export interface BlockingOptions {
  /** Only pairs of records from different datasets (crosscheck). */
  acrossOnly?: boolean
  /** Only pairs with a record of one of these datasets (a registry's new rows: its records are never paired with each other). */
  onlyWith?: ReadonlySet<number>
  keys?: readonly BlockingKey[]
  onProgress?: (done: number, total: number) => void
}

export function allPairsCount(s: RecordStore, acrossOnly: boolean, onlyWith?: ReadonlySet<number>): number {
  let n = 0
  for (let i = 0; i < s.size; i++) if (!s.unread[i]) n++
  if (!acrossOnly && onlyWith === undefined) return (n * (n - 1)) / 2
  let total = 0
  let seen = 0
  let seenWith = 0
  for (const [k, d] of s.datasets.entries()) {
    let m = 0
    for (let i = d.first; i < d.first + d.count; i++) if (!s.unread[i]) m++
    const wanted = onlyWith === undefined || onlyWith.has(k)
    // Pairs with the datasets before it: all of them when this one is wanted, else those with a wanted one.
    total += m * (wanted ? seen : seenWith)
    if (!acrossOnly && wanted) total += (m * (m - 1)) / 2
    seen += m
    if (wanted) seenWith += m
  }
  return total
}

/**
 * The hashes of record i's blocking-key values, the same whatever the store's size (blocking's own
 * hashes are sized to it): what a registry keeps of its records to find, without loading them
 * all, those a new row could be paired with. A sparse key's hash carries its marks, so that the
 * index pairs as the run does: two records with valid IDs never by a sparse key (keptProbes).
 */
export function keyHashes(s: RecordStore, i: number, emit: (hash: number) => void): void {
  if (s.unread[i]) return
  const valid = s.idKind[i] === IdKind.Valid
  // From the values, never the numbers: those may hold ids interned in this run.
  s.representation.blockingKeys.forEach((key, k) => {
    const marks = key.sparse === true ? SPARSE_MARK + (valid ? VALID_MARK : 0) : 0
    key.values(i, (v) => emit(hashKey(v, k + 1, KEPT_KEY_BITS) + marks))
  })
}

/** The candidate pairs of a store under every blocking key. */
export function candidatePairs(s: RecordStore, options: BlockingOptions = {}): BlockingResult {
  const n = s.size
  if (n > MAX_RECORDS) throw new Error(`too many records to link at once (${n}; at most ${MAX_RECORDS})`)
  const keys = options.keys ?? s.representation.blockingKeys
  const acrossOnly = options.acrossOnly ?? false
  const onlyWith = options.onlyWith
  const wanted = onlyWith && s.datasets.map((_, k) => onlyWith.has(k))
  const apart: PairApart | undefined =
    wanted !== undefined ? (a, b) => (acrossOnly && s.ds[a] === s.ds[b]) || (!wanted[s.ds[a]!] && !wanted[s.ds[b]!]) : acrossOnly ? (a, b) => s.ds[a] === s.ds[b] : undefined
  const idxBits = Math.max(1, Math.ceil(Math.log2(n + 1)))
  const idxScale = 2 ** idxBits
  const hashBits = 53 - idxBits
  const out = new FloatList(Math.max(1024, n * 2))
  // About 8 bits a record, at most 2^22 (512 KiB, cache-sized): a few percent of them are set by the probes.
  const probeMask = 2 ** Math.min(22, Math.max(10, idxBits + 3)) - 1
  const stats: KeyStats[] = []
  let windowOrder: ((i: number) => number) | undefined
  // Once the id key has put every pair of equal numbers in a block (none oversized), the other
  // keys need not propose them again: a true pair would otherwise be pushed and sorted six times.
  let idCovered = false
  const validPair = (a: number, b: number): boolean => s.idKind[a] === IdKind.Valid && s.idKind[b] === IdKind.Valid
  const sameIdPair = (a: number, b: number): boolean => s.sameId(a, b)

  keys.forEach((key, k) => {
    const sparse = key.sparse === true
    const values = new FloatList(Math.max(1024, sparse ? n >> 4 : n))
    let records = 0
    let record = 0
    let last = -1
    let found = false
    // A sparse key's values of records without a valid ID; a record with one joins only those.
    let probes: Set<number> | undefined
    // The probes' low bits, looked at before the set: most records have a valid ID and most of
    // their values are no probe, which a bit in this cache-sized table tells without a set lookup.
    let probeBits = new Uint32Array(0)
    let collecting = false
    const push = (h: number): void => {
      found = true
      if (h === last) return
      last = h
      if (probes !== undefined) {
        const bit = h & probeMask
        if (collecting) {
          probes.add(h)
          probeBits[bit >>> 5] = probeBits[bit >>> 5]! | (1 << (bit & 31))
        } else if ((probeBits[bit >>> 5]! & (1 << (bit & 31))) === 0 || !probes.has(h)) return
      }
      values.push(h * idxScale + record)
    }
    const fromString = (v: string): void => push(hashKey(v, k + 1, hashBits))
    const fromNumbers = (a: number, b: number, tag: number): void => push(hashNumbers(a, b, tag, k + 1, hashBits))
    const visit = (valid: boolean | undefined): void => {
      for (let i = 0; i < n; i++) {
        if (s.unread[i] || (valid !== undefined && (s.idKind[i] === IdKind.Valid) !== valid)) continue
        record = i
        last = -1
        found = false
        if (key.numbers) key.numbers(i, fromNumbers)
        else key.values(i, fromString)
        if (found) records++
      }
    }
    if (sparse) {
      probes = new Set()
      probeBits = new Uint32Array((probeMask + 1) / 32)
      collecting = true
      visit(false)
      collecting = false
      visit(true)
    } else {
      visit(undefined)
    }
    const skip = sparse ? validPair : idCovered ? sameIdPair : undefined
    const sorted = values.view().sort()
    const st: KeyStats = {key: key.id, records, blocks: 0, oversized: 0, largest: 0, pairs: 0}
    const members: number[] = []
    let start = 0
    while (start < sorted.length) {
      const h = Math.floor(sorted[start]! / idxScale)
      let end = start + 1
      while (end < sorted.length && Math.floor(sorted[end]! / idxScale) === h) end++
      const size = end - start
      if (size >= 2) {
        members.length = 0
        let prev = -1
        for (let j = start; j < end; j++) {
          const i = sorted[j]! - h * idxScale
          if (i !== prev) members.push(i)
          prev = i
        }
        if (members.length >= 2) {
          st.blocks++
          if (members.length > st.largest) st.largest = members.length
          if (members.length <= key.maxBlock) {
            st.pairs += emitAll(members, apart, out, skip)
          } else {
            st.oversized++
            windowOrder ??= s.representation.windowOrder()
            st.pairs += emitWindow(members, key.window, windowOrder, apart, out, skip)
          }
        }
      }
      start = end
    }
    stats.push(st)
    if (key.coversSameIds === true && st.oversized === 0) idCovered = true
    options.onProgress?.(k + 1, keys.length)
  })

  // A view, not a copy: the buffer is at most twice the pairs, and a copy would hold both at once.
  return {pairs: sortedDistinct(out.view()), keys: stats, allPairs: allPairsCount(s, acrossOnly, onlyWith)}
}

/** Pairs a key leaves out (see `sparse` and the id key's coverage). */
type PairSkip = (a: number, b: number) => boolean

/** Pairs the run never compares (acrossOnly, onlyWith). */
type PairApart = (a: number, b: number) => boolean

function emitAll(members: number[], apart: PairApart | undefined, out: FloatList, skip?: PairSkip): number {
  let n = 0
  for (let x = 0; x < members.length; x++) {
    const a = members[x]!
    for (let y = x + 1; y < members.length; y++) {
      const b = members[y]!
      if (apart?.(a, b) || skip?.(a, b)) continue
      out.push(a < b ? a * PAIR_SHIFT + b : b * PAIR_SHIFT + a)
      n++
    }
  }
  return n
}

function emitWindow(members: number[], window: number, sortKey: (i: number) => number, apart: PairApart | undefined, out: FloatList, skip?: PairSkip): number {
  const order = members.map((i) => ({i, k: sortKey(i)})).sort((x, y) => x.k - y.k || x.i - y.i)
  let n = 0
  for (let x = 0; x < order.length; x++) {
    const a = order[x]!.i
    const end = Math.min(order.length, x + 1 + window)
    for (let y = x + 1; y < end; y++) {
      const b = order[y]!.i
      if (apart?.(a, b) || skip?.(a, b)) continue
      out.push(a < b ? a * PAIR_SHIFT + b : b * PAIR_SHIFT + a)
      n++
    }
  }
  return n
}
