// Blocking: which pairs of records are compared at all. Comparing every pair of a million records
// is 5 × 10^11 comparisons; each key below puts records that share a value into one block and
// only pairs inside a block are compared. The keys are chosen so that a true pair survives the
// errors rosters hold: one of them still agrees after a typed or swapped ID digit, a homophone or
// look-alike character, a lunar birthday, a missing ID or a different village.
//
// Keys are hashed (two 32-bit FNV-1a variants) and packed with the record index into one float64
// (hash bits above, index bits below) so that one native typed-array sort groups each key's
// blocks. A hash collision only adds a pair to compare; it never loses one. A block larger than
// `maxBlock` (a common surname born on one day in a big county, a village committee's phone
// written for every child) is not compared all against all: its records are sorted by name
// pinyin and birth date and each is compared with the next `window` records (sorted
// neighbourhood), which keeps the pair count near-linear. Pairs found by several keys are
// compared once.

import type {RecordStore} from './records.js'
import {IdKind} from './records.js'

export interface BlockingKey {
  id: string
  zh: string
  en: string
  /** Calls `emit` with each key value of record `i` (none when the record has no such value). */
  values(s: RecordStore, i: number, emit: (key: string) => void): void
  /**
   * The same values as numbers (two exact integers and a tag), when they can be had without
   * building strings: the ID keys, read from the stored halves of the number.
   */
  numbers?(s: RecordStore, i: number, emit: (a: number, b: number, tag: number) => void): void
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
}

/** The 17-digit body of an 18-character ID as [first 9 digits, next 8 digits], or undefined. */
function bodyNumbers(s: RecordStore, i: number): [number, number] | undefined {
  const k = s.idKind[i]!
  const hi = s.idHi[i]!
  if (hi < 0 || !(k === IdKind.Valid || k === IdKind.Valid15 || k === IdKind.Checksum)) return undefined
  return [hi, Math.floor(s.idLo[i]! / 11)]
}

function body17(s: RecordStore, i: number): string | undefined {
  const k = s.idKind[i]!
  if (s.idHi[i]! < 0 || !(k === IdKind.Valid || k === IdKind.Valid15 || k === IdKind.Checksum)) return undefined
  return s.idString(i)!.slice(0, 17)
}

function births(s: RecordStore, i: number): number[] {
  return s.births(i)
}

// The county of each region code, computed once per code.
const countyCache = new WeakMap<RecordStore, string[]>()
function countyOfRegion(s: RecordStore, r: number): string {
  let cache = countyCache.get(s)
  if (cache === undefined) countyCache.set(s, (cache = []))
  return (cache[r] ??= s.regions.values[r]!.slice(0, 6))
}

/** The counties of a record: its region code's, the ID's when different, else its county name. */
function counties(s: RecordStore, i: number): string[] {
  const r = s.region[i]!
  const c = s.idCounty[i]!
  if (r >= 0) return c >= 0 ? [countyOfRegion(s, r), countyOfRegion(s, c)] : [countyOfRegion(s, r)]
  if (c >= 0) return [countyOfRegion(s, c)]
  const p = s.placeCounty[i]!
  return p >= 0 ? ['p' + s.places.values[p]!] : []
}

// The same keys as numbers, for `numbers`: building and hashing a string per record and key is
// most of the blocking time of a few million records.
const countyNumberCache = new WeakMap<RecordStore, number[]>()
function countyNumberOfRegion(s: RecordStore, r: number): number {
  let cache = countyNumberCache.get(s)
  if (cache === undefined) countyNumberCache.set(s, (cache = []))
  return (cache[r] ??= Number(countyOfRegion(s, r)))
}

/** What `counties` gives, as numbers: a code's six digits, or 10^7 + a county name's place id. */
function eachCounty(s: RecordStore, i: number, f: (county: number) => void): void {
  const r = s.region[i]!
  const c = s.idCounty[i]!
  if (r >= 0) {
    f(countyNumberOfRegion(s, r))
    if (c >= 0) f(countyNumberOfRegion(s, c))
  } else if (c >= 0) {
    f(countyNumberOfRegion(s, c))
  } else if (s.placeCounty[i]! >= 0) {
    f(1e7 + s.placeCounty[i]!)
  }
}

function firstCounty(s: RecordStore, i: number): number {
  let first = 0
  eachCounty(s, i, (c) => {
    if (first === 0) first = c
  })
  return first
}

// Pinyin initials interned per child name id (the other name keys are interned already).
const initialsCache = new WeakMap<RecordStore, {ids: Map<string, number>; byName: number[]}>()
function initialsId(s: RecordStore, n: number): number {
  let cache = initialsCache.get(s)
  if (cache === undefined) initialsCache.set(s, (cache = {ids: new Map(), byName: []}))
  let id = cache.byName[n]
  if (id === undefined) {
    const initials = s.childNames.entry(n).initials
    id = cache.ids.get(initials)
    if (id === undefined) cache.ids.set(initials, (id = cache.ids.size))
    cache.byName[n] = id
  }
  return id
}

export const BLOCKING_KEYS: readonly BlockingKey[] = [
  {
    id: 'id',
    zh: '身份证号（前17位）',
    en: 'ID number (first 17 characters)',
    maxBlock: 200,
    window: 20,
    values(s, i, emit) {
      const b = body17(s, i)
      if (b !== undefined) emit(b)
      else if (s.idKind[i] === IdKind.Other || s.idKind[i] === IdKind.Checksum) emit(s.idString(i)!)
    },
    numbers(s, i, emit) {
      const b = bodyNumbers(s, i)
      if (b !== undefined) emit(b[0], b[1], 0)
      else if (s.idKind[i] === IdKind.Other || s.idKind[i] === IdKind.Checksum) emit(hashKey(s.idString(i)!, 7, 52), 0, 1)
    },
  },
  {
    id: 'id-pieces',
    sparse: true,
    zh: '身份证号分段（容一位错或相邻两位颠倒）',
    en: 'ID pieces (survive one wrong or two swapped digits)',
    maxBlock: 64,
    window: 16,
    values(s, i, emit) {
      const b = body17(s, i)
      if (b !== undefined) {
        // 17 digits: region 0–5, year 6–9, month-day 10–13, sequence 14–16. Deleting one segment
        // leaves a key that survives a wrong digit (or a swap) inside it; deleting the two digits
        // at a boundary survives a swap across it. Region + birth date (0–13) also holds what
        // Excel keeps of a damaged number.
        emit('R' + b.slice(6))
        emit('Y' + b.slice(0, 6) + b.slice(10))
        emit('M' + b.slice(0, 10) + b.slice(14))
        emit('S' + b.slice(0, 14))
        emit('a' + b.slice(0, 5) + b.slice(7))
        emit('b' + b.slice(0, 9) + b.slice(11))
        emit('c' + b.slice(0, 13) + b.slice(15))
      } else if (s.idKind[i] === IdKind.Excel) {
        const d = s.idString(i)!
        if (d.length >= 14) emit('S' + d.slice(0, 14))
      }
    },
    numbers(s, i, emit) {
      const body = bodyNumbers(s, i)
      if (body !== undefined) {
        // The same pieces as `values`, as exact integers of at most 15 digits.
        const [hi, lo] = body
        emit((hi % 1000) * 1e8 + lo, 0, 1) // R: digits 6–16
        emit(Math.floor(hi / 1000) * 1e7 + (lo % 1e7), 0, 2) // Y: 0–5, 10–16
        emit((hi * 10 + Math.floor(lo / 1e7)) * 1000 + (lo % 1000), 0, 3) // M: 0–9, 14–16
        emit(hi * 1e5 + Math.floor(lo / 1000), 0, 4) // S: 0–13
        emit(Math.floor(hi / 10000) * 1e10 + (hi % 100) * 1e8 + lo, 0, 5) // without 5–6
        emit(hi * 1e6 + (lo % 1e6), 0, 6) // without 9–10
        emit((hi * 1e4 + Math.floor(lo / 1e4)) * 100 + (lo % 100), 0, 7) // without 13–14
      } else if (s.idKind[i] === IdKind.Excel) {
        const d = s.idString(i)!
        if (d.length >= 14) emit(Number(d.slice(0, 14)), 0, 4)
      }
    },
  },
  {
    id: 'birth-surname',
    sparse: true,
    zh: '出生日期 + 姓氏拼音（+ 性别）',
    en: 'birth date + surname pinyin (+ sex)',
    maxBlock: 64,
    window: 16,
    values(s, i, emit) {
      const n = s.name[i]!
      if (n < 0) return
      const sp = s.childNames.entry(n).surnamePinyin
      // Sex halves the blocks of a province's common surnames; a record without it goes in both.
      const sex = s.sex[i]!
      const b1 = s.birth[i]!
      const b2 = s.idBirth[i]!
      for (const d of b2 !== 0 && b2 !== b1 ? [b1, b2] : [b1]) {
        if (d === 0) continue
        if (sex !== 2) emit(`${d}|${sp}|1`)
        if (sex !== 1) emit(`${d}|${sp}|2`)
      }
    },
    numbers(s, i, emit) {
      const n = s.name[i]!
      if (n < 0) return
      const sp = s.childNames.entry(n).surnamePinyinId
      const sex = s.sex[i]!
      const b1 = s.birth[i]!
      const b2 = s.idBirth[i]!
      for (const d of b2 !== 0 && b2 !== b1 ? [b1, b2] : [b1]) {
        if (d === 0) continue
        if (sex !== 2) emit(d, sp * 4 + 1, 0)
        if (sex !== 1) emit(d, sp * 4 + 2, 0)
      }
    },
  },
  {
    id: 'birth-given',
    zh: '出生日期 + 名字拼音',
    en: 'birth date + given-name pinyin',
    maxBlock: 64,
    window: 16,
    values(s, i, emit) {
      const n = s.name[i]!
      if (n < 0) return
      const g = s.childNames.entry(n).givenPinyin
      for (const d of births(s, i)) emit(`${d}|${g}`)
    },
    numbers(s, i, emit) {
      const n = s.name[i]!
      if (n < 0) return
      const g = s.childNames.entry(n).givenPinyin
      const b1 = s.birth[i]!
      const b2 = s.idBirth[i]!
      if (b1 !== 0) emit(b1, g, 0)
      if (b2 !== 0 && b2 !== b1) emit(b2, g, 0)
    },
  },
  {
    id: 'region-name',
    sparse: true,
    zh: '县级区划 + 姓名拼音',
    en: 'county + name pinyin',
    maxBlock: 64,
    window: 16,
    values(s, i, emit) {
      const n = s.name[i]!
      if (n < 0) return
      const p = s.childNames.entry(n).pinyin
      for (const c of counties(s, i)) emit(`${c}|${p}`)
    },
    numbers(s, i, emit) {
      const n = s.name[i]!
      if (n < 0) return
      const p = s.childNames.entry(n).pinyin
      eachCounty(s, i, (c) => emit(c, p, 0))
    },
  },
  {
    id: 'initials-year',
    sparse: true,
    zh: '县级区划 + 拼音首字母 + 出生年份',
    en: 'county + pinyin initials + birth year',
    maxBlock: 32,
    window: 8,
    values(s, i, emit) {
      const n = s.name[i]!
      if (n < 0) return
      const initials = s.childNames.entry(n).initials
      const county = counties(s, i)[0] ?? ''
      let last = -1
      for (const d of births(s, i)) {
        const y = Math.floor(d / 10000)
        if (y !== last) emit(`${county}|${initials}|${y}`)
        last = y
      }
    },
    numbers(s, i, emit) {
      const n = s.name[i]!
      if (n < 0) return
      const initials = initialsId(s, n)
      const county = firstCounty(s, i)
      let last = -1
      for (const d of births(s, i)) {
        const y = Math.floor(d / 10000)
        if (y !== last) emit(county, initials * 10000 + y, 0)
        last = y
      }
    },
  },
  {
    id: 'guardian-id',
    sparse: true,
    zh: '监护人身份证号',
    en: 'guardian ID number',
    maxBlock: 64,
    window: 16,
    values(s, i, emit) {
      const g = s.guardianIdHi[i]!
      if (g >= 0) emit(`${g}|${s.guardianIdLo[i]!}`)
    },
  },
  {
    id: 'phone',
    sparse: true,
    zh: '联系电话',
    en: 'phone',
    maxBlock: 64,
    window: 16,
    values(s, i, emit) {
      const p1 = s.phone1[i]!
      const p2 = s.phone2[i]!
      if (p1 >= 0) emit(String(p1))
      if (p2 >= 0) emit(String(p2))
    },
  },
]

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

export const PAIR_SHIFT = 2 ** 26
export const MAX_RECORDS = PAIR_SHIFT

export function pairA(packed: number): number {
  return Math.floor(packed / PAIR_SHIFT)
}

export function pairB(packed: number): number {
  return packed % PAIR_SHIFT
}

/** A growable float64 list. */
export class FloatList {
  data: Float64Array
  length = 0
  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity)
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.length++] = v
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length)
  }
}

/** `bits` bits of a hash of two exact integers (< 2^53) and a tag. */
export function hashNumbers(a: number, b: number, tag: number, seed: number, bits: number): number {
  let h1 = Math.imul((a >>> 0) ^ seed, 0x85ebca6b) ^ Math.imul(Math.floor(a / 4294967296) | 0, 0xc2b2ae35) ^ Math.imul(tag + 1, 0x27d4eb2f)
  let h2 = Math.imul((b >>> 0) ^ Math.imul(seed, 0x9e3779b1), 0xcc9e2d51) ^ Math.imul(Math.floor(b / 4294967296) | 0, 0x1b873593) ^ h1
  h1 ^= h1 >>> 15
  h1 = Math.imul(h1, 0x2c1b3c6d)
  h1 ^= h1 >>> 12
  h1 = Math.imul(h1 ^ h2, 0x297a2d39)
  h1 ^= h1 >>> 15
  h2 ^= h2 >>> 13
  h2 = Math.imul(h2 ^ h1, 0x5bd1e995)
  h2 ^= h2 >>> 16
  const hi = h1 >>> 0
  const lo = h2 >>> 0
  if (bits <= 32) return hi >>> (32 - bits)
  return hi * 2 ** (bits - 32) + (lo >>> (64 - bits))
}

/** 53-bit-safe hash of a string: two FNV-1a variants, `bits` bits of them. */
export function hashKey(key: string, seed: number, bits: number): number {
  let h1 = 0x811c9dc5 ^ seed
  let h2 = 0x01000193 ^ Math.imul(seed, 0x9e3779b1)
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193)
    h2 = Math.imul(h2 ^ c, 0x5bd1e995)
    h2 ^= h2 >>> 15
  }
  h1 ^= h1 >>> 16
  h1 = Math.imul(h1, 0x85ebca6b)
  h1 ^= h1 >>> 13
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0xc2b2ae35)
  h2 ^= h2 >>> 16
  const hi = h1 >>> 0
  const lo = h2 >>> 0
  if (bits <= 32) return hi >>> (32 - bits)
  return hi * 2 ** (bits - 32) + (lo >>> (64 - bits))
}

export interface BlockingOptions {
  /** Only pairs of records from different datasets (crosscheck). */
  acrossOnly?: boolean
  keys?: readonly BlockingKey[]
  onProgress?: (done: number, total: number) => void
}

/** Ranks of the name pinyin keys in alphabetical order: the sort order inside oversized blocks. */
function pinyinRanks(s: RecordStore): Int32Array {
  const values = s.childNames.pinyins.values
  const order = values.map((_, i) => i).sort((x, y) => (values[x]! < values[y]! ? -1 : values[x]! > values[y]! ? 1 : 0))
  const rank = new Int32Array(values.length)
  order.forEach((id, r) => (rank[id] = r))
  return rank
}

export function allPairsCount(s: RecordStore, acrossOnly: boolean): number {
  let n = 0
  for (let i = 0; i < s.size; i++) if (!s.unread[i]) n++
  if (!acrossOnly) return (n * (n - 1)) / 2
  let total = 0
  let seen = 0
  for (const d of s.datasets) {
    let m = 0
    for (let i = d.first; i < d.first + d.count; i++) if (!s.unread[i]) m++
    total += m * seen
    seen += m
  }
  return total
}

/** The candidate pairs of a store under every blocking key. */
export function candidatePairs(s: RecordStore, options: BlockingOptions = {}): BlockingResult {
  const n = s.size
  if (n > MAX_RECORDS) throw new Error(`too many records to link at once (${n}; at most ${MAX_RECORDS})`)
  const keys = options.keys ?? s.tokens?.blockingKeys ?? BLOCKING_KEYS
  const acrossOnly = options.acrossOnly ?? false
  const idxBits = Math.max(1, Math.ceil(Math.log2(n + 1)))
  const idxScale = 2 ** idxBits
  const hashBits = 53 - idxBits
  const out = new FloatList(Math.max(1024, n * 2))
  const stats: KeyStats[] = []
  let ranks: Int32Array | undefined
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
    let collecting = false
    const push = (h: number): void => {
      found = true
      if (h === last) return
      last = h
      if (probes !== undefined) {
        if (collecting) probes.add(h)
        else if (!probes.has(h)) return
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
        if (key.numbers) key.numbers(s, i, fromNumbers)
        else key.values(s, i, fromString)
        if (found) records++
      }
    }
    if (sparse) {
      probes = new Set()
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
            st.pairs += emitAll(s, members, acrossOnly, out, skip)
          } else {
            st.oversized++
            ranks ??= pinyinRanks(s)
            st.pairs += emitWindow(s, members, key.window, ranks, acrossOnly, out, skip)
          }
        }
      }
      start = end
    }
    stats.push(st)
    if (key.id === 'id' && key === BLOCKING_KEYS[0] && st.oversized === 0) idCovered = true
    options.onProgress?.(k + 1, keys.length)
  })

  const all = out.view().sort()
  let w = 0
  for (let r = 0; r < all.length; r++) {
    if (r === 0 || all[r] !== all[r - 1]) all[w++] = all[r]!
  }
  // A view, not a copy: the buffer is at most twice the pairs, and a copy would hold both at once.
  return {pairs: all.subarray(0, w), keys: stats, allPairs: allPairsCount(s, acrossOnly)}
}

/** Pairs a key leaves out (see `sparse` and the id key's coverage). */
type PairSkip = (a: number, b: number) => boolean

function emitAll(s: RecordStore, members: number[], acrossOnly: boolean, out: FloatList, skip?: PairSkip): number {
  let n = 0
  for (let x = 0; x < members.length; x++) {
    const a = members[x]!
    for (let y = x + 1; y < members.length; y++) {
      const b = members[y]!
      if ((acrossOnly && s.ds[a] === s.ds[b]) || skip?.(a, b)) continue
      out.push(a < b ? a * PAIR_SHIFT + b : b * PAIR_SHIFT + a)
      n++
    }
  }
  return n
}

function emitWindow(s: RecordStore, members: number[], window: number, ranks: Int32Array, acrossOnly: boolean, out: FloatList, skip?: PairSkip): number {
  const sortKey = (i: number): number => {
    const name = s.name[i]!
    const rank = name >= 0 ? ranks[s.childNames.entry(name).pinyin]! : 0x3fffffff
    const birth = s.birth[i] || s.idBirth[i] || 0
    return rank * 1e8 + birth
  }
  const order = members.map((i) => ({i, k: sortKey(i)})).sort((x, y) => x.k - y.k || x.i - y.i)
  let n = 0
  for (let x = 0; x < order.length; x++) {
    const a = order[x]!.i
    const end = Math.min(order.length, x + 1 + window)
    for (let y = x + 1; y < end; y++) {
      const b = order[y]!.i
      if ((acrossOnly && s.ds[a] === s.ds[b]) || skip?.(a, b)) continue
      out.push(a < b ? a * PAIR_SHIFT + b : b * PAIR_SHIFT + a)
      n++
    }
  }
  return n
}
