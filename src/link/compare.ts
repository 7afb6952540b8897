// Comparators: each compares one aspect of two records and answers with a level, from the
// strongest agreement to disagreement; level 0 is always "missing" (a side has no value), which
// counts neither for nor against a match. A comparison vector (one level per comparison) is
// packed into one integer, 4 bits per comparison, so that EM can work on the counts of the
// distinct vectors rather than on every pair.

import {solarToLunar} from '../cn/lunar.js'
import {isoDate} from '../cn/text.js'
import {charsLookAlike} from './char-similarity.js'
import {IdKind, type RecordStore} from './records.js'

export interface ComparisonSpec {
  /** The evidence key of the report (`fields` of a cluster's evidence). */
  key: string
  zh: string
  en: string
  /** Level names; index 0 is `missing`. */
  levels: readonly string[]
  /** Prior m probabilities (share of matching pairs at each level), for EM's start and smoothing. */
  priorM: readonly number[]
  /**
   * Prior u probabilities (share of random pairs of a province's rosters at each level), blended
   * into the sampled u with the weight of 1,000 pairs: they decide for a small file, and vanish
   * against the million pairs sampled from a large one.
   */
  priorU: readonly number[]
}

export const ID = {
  MISSING: 0,
  EXACT: 1,
  LEGACY15: 2,
  SAME_INVALID: 3,
  TYPO: 4,
  SWAP: 5,
  EXCEL: 6,
  EXCEL_PARTIAL: 7,
  DIFFERENT_VALID: 8,
  DIFFERENT: 9,
  /** Two or three characters apart, not all in the sequence digits (see idChangeLevel). */
  NEAR: 10,
  /** The same birth date and sequence (digits 7–17) under another region code. */
  REGION_CHANGED: 11,
  /** The same region and birth date (digits 1–14), another sequence: a re-issued number, or a twin. */
  REISSUED: 12,
} as const
export const NAME = {MISSING: 0, EXACT: 1, VARIANT: 2, HOMOPHONE: 3, LOOKALIKE: 4, SWAPPED: 5, PINYIN_CLOSE: 6, ONE_CHARACTER: 7, GIVEN_ONLY: 8, DIFFERENT: 9} as const
export const BIRTH = {MISSING: 0, EXACT: 1, LUNAR: 2, DAY_MONTH_SWAP: 3, PARTIAL: 4, NEAR: 5, YEAR: 6, DIFFERENT: 7} as const
export const SEX = {MISSING: 0, SAME: 1, DIFFERENT: 2} as const
export const REGION = {MISSING: 0, VILLAGE: 1, TOWN: 2, COUNTY: 3, CITY: 4, PROVINCE: 5, DIFFERENT: 6} as const
export const HOUSEHOLD = {MISSING: 0, STRONG: 1, ONE: 2, NONE: 3} as const

export const COMPARISONS: readonly ComparisonSpec[] = [
  {
    key: 'idNumber',
    zh: '身份证号',
    en: 'ID number',
    levels: [
      'missing',
      'exact',
      '15-18-equivalent',
      'same-invalid',
      'one-substitution',
      'adjacent-swap',
      'excel-prefix',
      'excel-partial',
      'different-valid',
      'different',
      'few-digits',
      'region-changed',
      'same-region-and-birth',
    ],
    priorM: [0, 0.82, 0.01, 0.02, 0.05, 0.01, 0.04, 0.02, 0.002, 0.016, 0.004, 0.004, 0.004],
    // A random pair shares region and birth date about once in ten thousand (one county, 16 birth
    // years); the same birth date and sequence under another region, or 2–3 digits, far less.
    priorU: [0, 1e-7, 1e-8, 1e-8, 1e-7, 1e-8, 1e-7, 5e-3, 0.88, 0.115, 1e-6, 1e-8, 1e-4],
  },
  {
    key: 'name',
    zh: '姓名',
    en: 'name',
    levels: ['missing', 'exact', 'variant', 'homophone', 'lookalike', 'swapped', 'pinyin-close', 'one-character', 'given-name-only', 'different'],
    priorM: [0, 0.78, 0.01, 0.06, 0.03, 0.01, 0.03, 0.03, 0.02, 0.03],
    priorU: [0, 1e-4, 2e-6, 8e-5, 2e-6, 3e-6, 4e-4, 2e-3, 3e-3, 0.994],
  },
  {
    key: 'birthDate',
    zh: '出生日期',
    en: 'birth date',
    levels: ['missing', 'exact', 'lunar-gregorian', 'day-month-swap', 'year-month', 'near', 'year-only', 'different'],
    priorM: [0, 0.88, 0.02, 0.01, 0.02, 0.03, 0.01, 0.03],
    priorU: [0, 2e-4, 4e-4, 8e-5, 1e-5, 1.6e-2, 6.4e-2, 0.919],
  },
  {key: 'gender', zh: '性别', en: 'sex', levels: ['missing', 'same', 'different'], priorM: [0, 0.97, 0.03], priorU: [0, 0.5, 0.5]},
  {
    key: 'region',
    zh: '行政区划',
    en: 'region',
    levels: ['missing', 'village', 'town', 'county', 'city', 'province', 'different'],
    priorM: [0, 0.7, 0.1, 0.12, 0.03, 0.02, 0.03],
    priorU: [0, 1e-3, 1.5e-2, 0.2, 0.15, 0.62, 0.014],
  },
  {
    key: 'household',
    zh: '家庭（监护人、父母、电话）',
    en: 'household (guardian, parents, phone)',
    levels: ['missing', 'strong', 'one', 'none'],
    priorM: [0, 0.75, 0.12, 0.13],
    priorU: [0, 5e-4, 4e-3, 0.9955],
  },
]

export const C_ID = 0
export const C_NAME = 1
export const C_BIRTH = 2
export const C_SEX = 3
export const C_REGION = 4
export const C_HOUSEHOLD = 5
export const COMPARISON_COUNT = COMPARISONS.length
export const BITS = 4

export function levelOf(pattern: number, comparison: number): number {
  return (pattern >>> (comparison * BITS)) & 0xf
}

// ---------------------------------------------------------------------------------------------
// ID number

function oneSubstitutionOrSwap(a: string, b: string): 'typo' | 'swap' | undefined {
  if (a.length === b.length) {
    let first = -1
    let second = -1
    for (let i = 0; i < a.length; i++) {
      if (a.charCodeAt(i) === b.charCodeAt(i)) continue
      if (first < 0) first = i
      else if (second < 0) second = i
      else return undefined
    }
    if (first >= 0 && second < 0) return 'typo'
    if (second === first + 1 && a[first] === b[second] && a[second] === b[first]) return 'swap'
    return undefined
  }
  // One digit dropped or doubled: a 17- or 19-character number.
  return withinOneEdit(a, b) ? 'typo' : undefined
}

/** Whether `a` and `b` differ by at most one insertion, deletion or substitution. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true
  const la = a.length
  const lb = b.length
  if (Math.abs(la - lb) > 1) return false
  if (la === lb) {
    let diff = 0
    for (let i = 0; i < la; i++) if (a.charCodeAt(i) !== b.charCodeAt(i) && ++diff > 1) return false
    return true
  }
  const [s, l] = la < lb ? [a, b] : [b, a]
  let i = 0
  while (i < s.length && s.charCodeAt(i) === l.charCodeAt(i)) i++
  for (let j = i; j < s.length; j++) if (s.charCodeAt(j) !== l.charCodeAt(j + 1)) return false
  return true
}

// ---------------------------------------------------------------------------------------------
// The packed index: the fields a comparison reads, record by record in one Int32Array (16 ints,
// one cache line), names and region codes as small integer tuples. Comparing millions of pairs
// is bound by memory latency, not arithmetic: one record's fields in one line halves the time.

const H = 16
const R_NAME = 0
const R_KIND = 1 // IdKind | sex << 8
const R_ID_HI = 2
const R_ID_LO = 3
const R_BIRTH = 4
const R_ID_BIRTH = 5
const R_REGION = 6
const R_GUARDIAN = 7
const R_GID_HI = 8
const R_GID_LO = 9
// ints 10–11 and 12–13: the two phones as float64 (hotF[i * 8 + 5], hotF[i * 8 + 6])
const F_PHONE1 = 5
const F_PHONE2 = 6
const R_FATHER = 14
const R_MOTHER = 15

const N = 12
const N_SIMPLIFIED = 0
const N_PINYIN = 1
const N_SORTED = 2
const N_GIVEN = 3
const N_SURNAME_PINYIN = 4
const N_SURNAME = 5
const N_LENGTHS = 6 // characters | pinyin letters << 8 | (BMP and ≤ 4 characters) << 16
const N_C01 = 7
const N_C23 = 8
const N_S01 = 9 // syllable ids of characters 0 and 1 (16 bits each)
const N_S23 = 10

export interface Packed {
  size: number
  hot: Int32Array
  /** The same memory as float64 (the phones). */
  hotF: Float64Array
  /** Place names (village, town, county, unused) for records without a region code. */
  places: Int32Array
  names: Int32Array
  namesSize: number
  /** Per region id: code length, first 6 digits, digits 7–9, digits 10–12 (-1 when absent). */
  regions: Int32Array
  regionsSize: number
}

function packNames(s: RecordStore, from: Int32Array | undefined, fromSize: number): Int32Array {
  const entries = s.childNames.entries
  const out = new Int32Array(Math.max(16, entries.length) * N)
  if (from) out.set(from.subarray(0, fromSize * N))
  const pinyins = s.childNames.pinyins.values
  for (let id = fromSize; id < entries.length; id++) {
    const e = entries[id]!
    const o = id * N
    out[o + N_SIMPLIFIED] = e.simplifiedId
    out[o + N_PINYIN] = e.pinyin
    out[o + N_SORTED] = e.sortedId
    out[o + N_GIVEN] = e.givenPinyin
    out[o + N_SURNAME_PINYIN] = e.surnamePinyinId
    out[o + N_SURNAME] = e.surnameId
    const simple = e.chars.length <= 4 && e.simplified.length === e.chars.length
    out[o + N_LENGTHS] = Math.min(255, e.chars.length) | (Math.min(255, pinyins[e.pinyin]!.length) << 8) | (simple ? 1 << 16 : 0)
    const code = (i: number): number => (simple && i < e.simplified.length ? e.simplified.charCodeAt(i) : 0)
    out[o + N_C01] = code(0) | (code(1) << 16)
    out[o + N_C23] = code(2) | (code(3) << 16)
    const syl = (i: number): number => (simple && i < e.syllables.length ? syllableId(e.syllables[i]!) : 0)
    out[o + N_S01] = syl(0) | (syl(1) << 16)
    out[o + N_S23] = syl(2) | (syl(3) << 16)
  }
  return out
}

// Syllables as small ids (1…): a few hundred distinct toneless readings.
const syllableIds = new Map<string, number>()
function syllableId(syl: string): number {
  let id = syllableIds.get(syl)
  if (id === undefined) {
    id = (syllableIds.size % 0xfffe) + 1
    syllableIds.set(syl, id)
  }
  return id
}

// Look-alike verdicts per pair of code points, cached (a few thousand name characters meet).
const lookalikeCache = new Map<number, boolean>()
function codesLookAlike(x: number, y: number): boolean {
  const key = x * 0x110000 + y
  let v = lookalikeCache.get(key)
  if (v === undefined) {
    v = charsLookAlike(String.fromCodePoint(x), String.fromCodePoint(y))
    if (lookalikeCache.size > 1_000_000) lookalikeCache.clear()
    lookalikeCache.set(key, v)
  }
  return v
}

function packRegions(s: RecordStore): Int32Array {
  const values = s.regions.values
  const out = new Int32Array(Math.max(1, values.length) * 4)
  values.forEach((code, id) => {
    out[id * 4] = code.length
    out[id * 4 + 1] = Number(code.slice(0, 6))
    out[id * 4 + 2] = code.length >= 9 ? Number(code.slice(6, 9)) : -1
    out[id * 4 + 3] = code.length >= 12 ? Number(code.slice(9, 12)) : -1
  })
  return out
}

/** The packed index of a store (built once, extended when records were added since). */
export function packed(s: RecordStore): Packed {
  const old = s.packed as Packed | undefined
  if (old !== undefined && old.size === s.size && old.namesSize === s.childNames.entries.length && old.regionsSize === s.regions.size) return old
  const n = s.size
  const hot = new Int32Array(Math.max(1, n) * H)
  const hotF = new Float64Array(hot.buffer)
  const places = new Int32Array(Math.max(1, n) * 4)
  const start = old !== undefined && old.size <= n ? old.size : 0
  if (start > 0 && old) {
    hot.set(old.hot.subarray(0, start * H))
    places.set(old.places.subarray(0, start * 4))
  }
  for (let i = start; i < n; i++) {
    const o = i * H
    hot[o + R_NAME] = s.name[i]!
    hot[o + R_KIND] = s.idKind[i]! | (s.sex[i]! << 8)
    const valid = s.idKind[i] === IdKind.Valid || s.idKind[i] === IdKind.Valid15
    const hi = valid ? s.idHi[i]! : -1
    const lo = valid ? s.idLo[i]! : -1
    hot[o + R_ID_HI] = hi
    hot[o + R_ID_LO] = lo
    hot[o + R_BIRTH] = s.birth[i]!
    hot[o + R_ID_BIRTH] = s.idBirth[i]!
    hot[o + R_REGION] = s.region[i]!
    hot[o + R_GUARDIAN] = s.guardianName[i]!
    hot[o + R_GID_HI] = s.guardianIdHi[i]!
    hot[o + R_GID_LO] = s.guardianIdLo[i]!
    hotF[i * 8 + F_PHONE1] = s.phone1[i]!
    hotF[i * 8 + F_PHONE2] = s.phone2[i]!
    hot[o + R_FATHER] = s.fatherName[i]!
    hot[o + R_MOTHER] = s.motherName[i]!
    places[i * 4] = s.placeVillage[i]!
    places[i * 4 + 1] = s.placeTown[i]!
    places[i * 4 + 2] = s.placeCounty[i]!
    places[i * 4 + 3] = -1
  }
  const namesSize = s.childNames.entries.length
  const p: Packed = {
    size: n,
    hot,
    hotF,
    places,
    names: old !== undefined && old.namesSize === namesSize ? old.names : packNames(s, old?.names, old?.namesSize ?? 0),
    namesSize,
    regions: old !== undefined && old.regionsSize === s.regions.size ? old.regions : packRegions(s),
    regionsSize: s.regions.size,
  }
  s.packed = p
  return p
}

export function compareId(s: RecordStore, a: number, b: number): number {
  return idLevel(packed(s), s, a, b)
}

function idLevel(p: Packed, s: RecordStore, a: number, b: number): number {
  const h = p.hot
  const ka = h[a * H + R_KIND]! & 0xff
  const kb = h[b * H + R_KIND]! & 0xff
  if (ka === IdKind.None || kb === IdKind.None) return ID.MISSING
  if ((ka === IdKind.Valid || ka === IdKind.Valid15) && (kb === IdKind.Valid || kb === IdKind.Valid15)) {
    if (h[a * H + R_ID_HI] === h[b * H + R_ID_HI] && h[a * H + R_ID_LO] === h[b * H + R_ID_LO]) return ka === kb ? ID.EXACT : ID.LEGACY15
    // Both carry a check digit that verifies: two different people (the guard keeps them apart),
    // unless the difference is one a register makes (crosscheck decides; see idChangeLevel).
    if (ka === IdKind.Valid && kb === IdKind.Valid) {
      return idChangeLevelOfHalves(h[a * H + R_ID_HI]!, h[a * H + R_ID_LO]!, h[b * H + R_ID_HI]!, h[b * H + R_ID_LO]!) ?? ID.DIFFERENT_VALID
    }
  }
  const ia = s.idString(a)!
  const ib = s.idString(b)!
  if (ka === IdKind.Excel || kb === IdKind.Excel) {
    const pa = ka === IdKind.Excel ? ia : ia.slice(0, 15)
    const pb = kb === IdKind.Excel ? ib : ib.slice(0, 15)
    const n = Math.min(pa.length, pb.length)
    if (pa.slice(0, n) !== pb.slice(0, n)) return ID.DIFFERENT
    return n >= 14 ? ID.EXCEL : n >= 6 ? ID.EXCEL_PARTIAL : ID.MISSING
  }
  if (ia === ib) return ID.SAME_INVALID
  // At least one side failed its check (or has no check digit: a 15-digit number, or a wrong
  // length): one typed digit or two swapped ones explain the difference. A 15-digit number's
  // check character is computed, not typed: only the first 17 characters are compared.
  const legacy = (ka === IdKind.Valid15 || kb === IdKind.Valid15) && ia.length === 18 && ib.length === 18
  const t = legacy ? oneSubstitutionOrSwap(ia.slice(0, 17), ib.slice(0, 17)) : oneSubstitutionOrSwap(ia, ib)
  if (t !== undefined) return t === 'typo' ? ID.TYPO : ID.SWAP
  // Both fail their check: one typed digit on each side leaves them two digits apart.
  if (ka === IdKind.Checksum && kb === IdKind.Checksum && differences(ia, ib) === 2) return ID.TYPO
  return idChangeLevel(ia, ib) ?? ID.DIFFERENT
}

/**
 * How two different 18-character numbers can still be one child's (what a typist or a register
 * does to a number), or undefined: the same region and birth date under another sequence (a
 * number re-issued, 重号更正 — and exactly how a twin's number differs, so only the name can tell);
 * the same birth date and sequence under another region code (mistyped or re-coded region
 * digits); two or three characters apart elsewhere (typos in the birth date digits). These levels
 * make a link only across lists and only with the name written the same (corroboratedIdChange).
 */
export function idChangeLevel(a: string, b: string): number | undefined {
  if (a.length !== 18 || b.length !== 18) return undefined
  let region = 0
  let birth = 0
  let rest = 0
  for (let i = 0; i < 18; i++) {
    if (a.charCodeAt(i) === b.charCodeAt(i)) continue
    if (i < 6) region++
    else if (i < 14) birth++
    else rest++
  }
  if (region === 0 && birth === 0) return rest > 0 ? ID.REISSUED : undefined
  // Digits 15–17 equal: the sequence survived, the check digit follows the region.
  if (birth === 0 && a.slice(14, 17) === b.slice(14, 17)) return ID.REGION_CHANGED
  return region + birth + rest <= 3 ? ID.NEAR : undefined
}

/**
 * idChangeLevel of two numbers held as halves (records.ts idHalves): the same answer without
 * building two strings for each of the millions of pairs of valid numbers that differ.
 */
function idChangeLevelOfHalves(hiA: number, loA: number, hiB: number, loB: number): number | undefined {
  let region = 0
  let birth = 0
  let rest = 0
  // Characters 1–9 (region and the first three digits of the year), last first.
  for (let pos = 8; pos >= 0; pos--) {
    if (hiA % 10 !== hiB % 10) {
      if (pos < 6) region++
      else birth++
    }
    hiA = (hiA - (hiA % 10)) / 10
    hiB = (hiB - (hiB % 10)) / 10
  }
  const checkA = loA % 11
  const checkB = loB % 11
  if (checkA !== checkB) rest++
  let bodyA = (loA - checkA) / 11
  let bodyB = (loB - checkB) / 11
  const sequenceSame = bodyA % 1000 === bodyB % 1000
  // Characters 10–17 (the rest of the birth date, the sequence), last first.
  for (let pos = 16; pos >= 9; pos--) {
    if (bodyA % 10 !== bodyB % 10) {
      if (pos < 14) birth++
      else rest++
    }
    bodyA = (bodyA - (bodyA % 10)) / 10
    bodyB = (bodyB - (bodyB % 10)) / 10
  }
  if (region === 0 && birth === 0) return rest > 0 ? ID.REISSUED : undefined
  if (birth === 0 && sequenceSame) return ID.REGION_CHANGED
  return region + birth + rest <= 3 ? ID.NEAR : undefined
}

function differences(a: string, b: string): number {
  if (a.length !== b.length) return -1
  let n = 0
  for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) n++
  return n
}

/** Both records hold valid 18-digit numbers (check digit verified) that differ: never one child. */
export function guardBlocks(s: RecordStore, a: number, b: number): boolean {
  return s.idKind[a] === IdKind.Valid && s.idKind[b] === IdKind.Valid && !s.sameId(a, b)
}

// ---------------------------------------------------------------------------------------------
// Name

export function compareName(s: RecordStore, a: number, b: number): number {
  return nameLevel(packed(s), s, a, b)
}

function nameLevel(p: Packed, s: RecordStore, a: number, b: number): number {
  const na = p.hot[a * H + R_NAME]!
  const nb = p.hot[b * H + R_NAME]!
  if (na < 0 || nb < 0) return NAME.MISSING
  if (na === nb) return NAME.EXACT
  const f = p.names
  const oa = na * N
  const ob = nb * N
  if (f[oa + N_SIMPLIFIED] === f[ob + N_SIMPLIFIED]) return NAME.VARIANT
  if (f[oa + N_PINYIN] === f[ob + N_PINYIN]) return NAME.HOMOPHONE
  const la = f[oa + N_LENGTHS]!
  const lb = f[ob + N_LENGTHS]!
  const sameLength = (la & 0xff) === (lb & 0xff)
  let diff = -1
  if (sameLength) {
    if ((la & lb & 0x10000) !== 0) {
      // Characters packed: the differing positions without touching the strings.
      diff = 0
      let lookalike = true
      let any = false
      for (let i = 0; i < 4; i++) {
        const slot = i < 2 ? N_C01 : N_C23
        const shift = (i & 1) * 16
        const cx = (f[oa + slot]! >>> shift) & 0xffff
        const cy = (f[ob + slot]! >>> shift) & 0xffff
        if (cx === cy) continue
        diff++
        if (!lookalike) continue
        const sslot = i < 2 ? N_S01 : N_S23
        if (((f[oa + sslot]! >>> shift) & 0xffff) === ((f[ob + sslot]! >>> shift) & 0xffff)) continue
        if (cx !== 0 && cy !== 0 && codesLookAlike(cx, cy)) any = true
        else lookalike = false
      }
      if (lookalike && any) return NAME.LOOKALIKE
    } else {
      const level = closeNames(s, na, nb)
      if (level !== undefined) return level
      diff = differingPositions(s, na, nb)
    }
    if (f[oa + N_SORTED] === f[ob + N_SORTED]) return NAME.SWAPPED
  }
  if (Math.abs(((la >>> 8) & 0xff) - ((lb >>> 8) & 0xff)) <= 1) {
    const pinyins = s.childNames.pinyins.values
    if (withinOneEdit(pinyins[f[oa + N_PINYIN]!]!, pinyins[f[ob + N_PINYIN]!]!)) return NAME.PINYIN_CLOSE
  }
  if (diff === 1 && (la & 0xff) >= 2 && f[oa + N_SURNAME] === f[ob + N_SURNAME]) return NAME.ONE_CHARACTER
  if (f[oa + N_GIVEN] === f[ob + N_GIVEN] && f[oa + N_SURNAME_PINYIN] !== f[ob + N_SURNAME_PINYIN] && s.childNames.entry(na).given !== '') return NAME.GIVEN_ONLY
  return NAME.DIFFERENT
}

function differingPositions(s: RecordStore, na: number, nb: number): number {
  const ca = s.childNames.entry(na).chars
  const cb = s.childNames.entry(nb).chars
  let diff = 0
  for (let i = 0; i < ca.length; i++) if (ca[i] !== cb[i]) diff++
  return diff
}

/** Look-alike: every differing character reads the same or looks alike, and one at least looks alike. */
function closeNames(s: RecordStore, na: number, nb: number): number | undefined {
  const ea = s.childNames.entry(na)
  const eb = s.childNames.entry(nb)
  const ca = ea.chars
  const cb = eb.chars
  let lookalike = false
  for (let i = 0; i < ca.length; i++) {
    const x = ca[i]!
    const y = cb[i]!
    if (x === y) continue
    if (charsLookAlike(x, y)) lookalike = true
    else if (ea.syllables[i] === undefined || ea.syllables[i] !== eb.syllables[i]) return undefined
  }
  return lookalike ? NAME.LOOKALIKE : undefined
}

// ---------------------------------------------------------------------------------------------
// Birth date

const DAYS_BEFORE_MONTH = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

/** Days since 0000-03-01 of yyyymmdd (proleptic Gregorian), for differences only. */
export function dayNumber(ymd: number): number {
  const y = Math.floor(ymd / 10000)
  const m = Math.floor(ymd / 100) % 100
  const d = ymd % 100
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  const py = y - 1
  return py * 365 + Math.floor(py / 4) - Math.floor(py / 100) + Math.floor(py / 400) + (DAYS_BEFORE_MONTH[m] ?? 0) + (leap && m > 2 ? 1 : 0) + d
}

export function ymdIso(ymd: number): string {
  const y = Math.floor(ymd / 10000)
  const m = Math.floor(ymd / 100) % 100
  const d = ymd % 100
  return d === 0 ? `${y}-${String(m).padStart(2, '0')}` : isoDate(y, m, d)
}

function digitsDiffer(x: number, y: number): number {
  let n = 0
  for (let i = 0; i < 8; i++) {
    if (x % 10 !== y % 10) n++
    x = Math.floor(x / 10)
    y = Math.floor(y / 10)
  }
  return n
}

// The lunar date of each Gregorian birth date, written as yyyymmdd, cached: birth dates repeat.
const lunarCache = new Map<number, number>()
function lunarOf(ymd: number): number {
  let l = lunarCache.get(ymd)
  if (l === undefined) {
    const lunar = solarToLunar(ymdIso(ymd))
    l = lunar ? lunar.year * 10000 + lunar.month * 100 + lunar.day : 0
    if (lunarCache.size >= 100_000) lunarCache.clear()
    lunarCache.set(ymd, l)
  }
  return l
}

/**
 * One date is the other's lunar (农历) date written as if Gregorian: the family remembered the
 * lunar birthday (src/cn/lunar.ts explains the same mismatch between a row and its ID).
 */
export function isLunarShift(x: number, y: number): boolean {
  const gap = Math.abs(dayNumber(x) - dayNumber(y))
  // A lunar date written as Gregorian falls 10–60 days before the real one.
  if (gap < 10 || gap > 62) return false
  return x < y ? lunarOf(y) === x : lunarOf(x) === y
}

/**
 * Level of one pair of dates (yyyymmdd, or yyyymm00 for a year-month): exact; the lunar date of
 * the other; day and month swapped; the same year-month where one side has no day; near (one
 * digit typed wrong, or less than a month apart); the same year; different.
 */
export function dateLevel(x: number, y: number): number {
  if (x === y) return x % 100 === 0 ? BIRTH.PARTIAL : BIRTH.EXACT
  const xm = Math.floor(x / 100)
  const ym = Math.floor(y / 100)
  const year = Math.floor(x / 10000) === Math.floor(y / 10000)
  if (x % 100 === 0 || y % 100 === 0) return xm === ym ? BIRTH.PARTIAL : year ? BIRTH.YEAR : BIRTH.DIFFERENT
  if (year && xm % 100 === y % 100 && x % 100 === ym % 100) return BIRTH.DAY_MONTH_SWAP
  if (isLunarShift(x, y)) return BIRTH.LUNAR
  if (digitsDiffer(x, y) === 1 || Math.abs(dayNumber(x) - dayNumber(y)) <= 31) return BIRTH.NEAR
  return year ? BIRTH.YEAR : BIRTH.DIFFERENT
}

export function compareBirth(s: RecordStore, a: number, b: number): number {
  return birthLevel(packed(s), a, b)
}

function birthLevel(p: Packed, a: number, b: number): number {
  const h = p.hot
  const a1 = h[a * H + R_BIRTH]!
  const a2 = h[a * H + R_ID_BIRTH]!
  const b1 = h[b * H + R_BIRTH]!
  const b2 = h[b * H + R_ID_BIRTH]!
  // The best agreement of the dates each side has (entered and inside the ID).
  let best: number = BIRTH.MISSING
  if (a1 !== 0) {
    if (b1 !== 0) best = a1 === b1 ? BIRTH.EXACT : dateLevel(a1, b1)
    if (b2 !== 0 && b2 !== b1 && best !== BIRTH.EXACT) best = better(best, dateLevel(a1, b2))
  }
  if (a2 !== 0 && a2 !== a1 && best !== BIRTH.EXACT) {
    if (b1 !== 0) best = better(best, dateLevel(a2, b1))
    if (b2 !== 0 && b2 !== b1 && best !== BIRTH.EXACT) best = better(best, dateLevel(a2, b2))
  }
  return best
}

function better(x: number, y: number): number {
  return x === BIRTH.MISSING || y < x ? y : x
}

// ---------------------------------------------------------------------------------------------
// Sex, region, household

export function compareSex(s: RecordStore, a: number, b: number): number {
  return sexLevel(packed(s), a, b)
}

function sexLevel(p: Packed, a: number, b: number): number {
  const x = p.hot[a * H + R_KIND]! >>> 8
  const y = p.hot[b * H + R_KIND]! >>> 8
  if (x === 0 || y === 0) return SEX.MISSING
  return x === y ? SEX.SAME : SEX.DIFFERENT
}

export function compareRegion(s: RecordStore, a: number, b: number): number {
  return regionLevel(packed(s), a, b)
}

function regionLevel(p: Packed, a: number, b: number): number {
  const h = p.hot
  const ra = h[a * H + R_REGION]!
  const rb = h[b * H + R_REGION]!
  if (ra >= 0 && rb >= 0) {
    const g = p.regions
    const xa = ra * 4
    const xb = rb * 4
    if (ra === rb) return g[xa]! >= 12 ? REGION.VILLAGE : g[xa]! >= 9 ? REGION.TOWN : REGION.COUNTY
    const ca = g[xa + 1]!
    const cb = g[xb + 1]!
    if (ca === cb) {
      const ta = g[xa + 2]!
      if (ta < 0 || ta !== g[xb + 2]) return REGION.COUNTY
      const va = g[xa + 3]!
      return va >= 0 && va === g[xb + 3] ? REGION.VILLAGE : REGION.TOWN
    }
    if (Math.floor(ca / 100) === Math.floor(cb / 100)) return REGION.CITY
    if (Math.floor(ca / 10000) === Math.floor(cb / 10000)) return REGION.PROVINCE
    return REGION.DIFFERENT
  }
  const pl = p.places
  const va = pl[a * 4]!
  const vb = pl[b * 4]!
  if (va >= 0 && va === vb) return REGION.VILLAGE
  const ta = pl[a * 4 + 1]!
  const tb = pl[b * 4 + 1]!
  if (ta >= 0 && ta === tb) return REGION.TOWN
  const xa = pl[a * 4 + 2]!
  const xb = pl[b * 4 + 2]!
  if (xa >= 0 && xa === xb) return REGION.COUNTY
  if ((va >= 0 || ta >= 0 || xa >= 0) && (vb >= 0 || tb >= 0 || xb >= 0)) return REGION.DIFFERENT
  return REGION.MISSING
}

/** What the household comparison found: items both sides have, and those that agree. */
export interface HouseholdDetail {
  guardianId: 'same' | 'different' | 'missing'
  /** Guardian and parents' names of one side found among the other's (exact or homophone). */
  namesAgree: number
  namesCompared: boolean
  phone: 'same' | 'different' | 'missing'
}

export function householdDetail(s: RecordStore, a: number, b: number): HouseholdDetail {
  const p = packed(s)
  const h = p.hot
  const ga = h[a * H + R_GID_HI]!
  const gb = h[b * H + R_GID_HI]!
  const guardianId = ga < 0 || gb < 0 ? 'missing' : ga === gb && h[a * H + R_GID_LO] === h[b * H + R_GID_LO] ? 'same' : 'different'
  const [a0, a1, a2] = [h[a * H + R_GUARDIAN]!, h[a * H + R_FATHER]!, h[a * H + R_MOTHER]!]
  const [b0, b1, b2] = [h[b * H + R_GUARDIAN]!, h[b * H + R_FATHER]!, h[b * H + R_MOTHER]!]
  const anyA = a0 >= 0 || a1 >= 0 || a2 >= 0
  const anyB = b0 >= 0 || b1 >= 0 || b2 >= 0
  let namesAgree = 0
  if (anyA && anyB) {
    if (a0 >= 0 && personFound(s, a0, b0, b1, b2)) namesAgree++
    if (a1 >= 0 && a1 !== a0 && personFound(s, a1, b0, b1, b2)) namesAgree++
    if (a2 >= 0 && a2 !== a0 && a2 !== a1 && personFound(s, a2, b0, b1, b2)) namesAgree++
  }
  const p1 = p.hotF[a * 8 + F_PHONE1]!
  const p2 = p.hotF[a * 8 + F_PHONE2]!
  const q1 = p.hotF[b * 8 + F_PHONE1]!
  const q2 = p.hotF[b * 8 + F_PHONE2]!
  let phone: HouseholdDetail['phone'] = 'missing'
  if (p1 >= 0 && q1 >= 0) phone = p1 === q1 || p1 === q2 || (p2 >= 0 && (p2 === q1 || p2 === q2)) ? 'same' : 'different'
  return {guardianId, namesAgree, namesCompared: anyA && anyB, phone}
}

/**
 * strong: the guardian's ID or a phone number is shared, or two of the guardian's and parents'
 * names; one: a single name is shared (张伟 is the father of many); none: something to compare and
 * nothing shared.
 */
export function householdLevel(d: HouseholdDetail): number {
  if (d.guardianId === 'same' || d.phone === 'same' || d.namesAgree >= 2) return HOUSEHOLD.STRONG
  if (d.namesAgree === 1) return HOUSEHOLD.ONE
  if (d.guardianId !== 'missing' || d.namesCompared || d.phone !== 'missing') return HOUSEHOLD.NONE
  return HOUSEHOLD.MISSING
}

export function compareHousehold(s: RecordStore, a: number, b: number): number {
  return householdLevel(householdDetail(s, a, b))
}

// ---------------------------------------------------------------------------------------------

function personFound(s: RecordStore, x: number, b0: number, b1: number, b2: number): boolean {
  if (x === b0 || x === b1 || x === b2) return true
  const names = s.personNames
  return (b0 >= 0 && names.samePinyin(x, b0)) || (b1 >= 0 && names.samePinyin(x, b1)) || (b2 >= 0 && names.samePinyin(x, b2))
}

/** householdLevel(householdDetail(…)) without allocating (the comparison loop's version). */
function householdFast(p: Packed, s: RecordStore, a: number, b: number): number {
  const h = p.hot
  const ga = h[a * H + R_GID_HI]!
  const gb = h[b * H + R_GID_HI]!
  if (ga >= 0 && ga === gb && h[a * H + R_GID_LO] === h[b * H + R_GID_LO]) return HOUSEHOLD.STRONG
  const f = p.hotF
  const p1 = f[a * 8 + F_PHONE1]!
  const p2 = f[a * 8 + F_PHONE2]!
  const q1 = f[b * 8 + F_PHONE1]!
  const q2 = f[b * 8 + F_PHONE2]!
  if (p1 >= 0 && q1 >= 0 && (p1 === q1 || p1 === q2 || (p2 >= 0 && (p2 === q1 || p2 === q2)))) return HOUSEHOLD.STRONG
  const a0 = h[a * H + R_GUARDIAN]!
  const a1 = h[a * H + R_FATHER]!
  const a2 = h[a * H + R_MOTHER]!
  const b0 = h[b * H + R_GUARDIAN]!
  const b1 = h[b * H + R_FATHER]!
  const b2 = h[b * H + R_MOTHER]!
  const anyA = a0 >= 0 || a1 >= 0 || a2 >= 0
  const anyB = b0 >= 0 || b1 >= 0 || b2 >= 0
  let agree = 0
  if (anyA && anyB) {
    if (a0 >= 0 && personFound(s, a0, b0, b1, b2)) agree++
    if (a1 >= 0 && a1 !== a0 && personFound(s, a1, b0, b1, b2)) agree++
    if (a2 >= 0 && a2 !== a0 && a2 !== a1 && personFound(s, a2, b0, b1, b2)) agree++
  }
  if (agree >= 2) return HOUSEHOLD.STRONG
  if (agree === 1) return HOUSEHOLD.ONE
  if ((ga >= 0 && gb >= 0) || (anyA && anyB) || (p1 >= 0 && q1 >= 0)) return HOUSEHOLD.NONE
  return HOUSEHOLD.MISSING
}

/** The comparison vector of two records, packed 4 bits per comparison. */
export function comparePair(s: RecordStore, a: number, b: number): number {
  if (s.tokens) return s.tokens.compare(a, b)
  return comparePacked(packed(s), s, a, b)
}

/** comparePair with the packed index at hand (the comparison loop). */
export function comparePacked(p: Packed, s: RecordStore, a: number, b: number): number {
  return (
    idLevel(p, s, a, b) |
    (nameLevel(p, s, a, b) << 4) |
    (birthLevel(p, a, b) << 8) |
    (sexLevel(p, a, b) << 12) |
    (regionLevel(p, a, b) << 16) |
    (householdFast(p, s, a, b) << 20)
  )
}

/** The whole number agrees, exactly or as a 15-digit number and its 18-digit upgrade. */
const ID_SAME = new Set<number>([ID.EXACT, ID.LEGACY15])
/** The number agrees up to a typed or swapped digit, or is the same invalid number. */
const ID_TYPO = new Set<number>([ID.SAME_INVALID, ID.TYPO, ID.SWAP])
/** No ID to compare: missing on a side, or only the region digits Excel kept of 4.30102E+17. */
const ID_SILENT = new Set<number>([ID.MISSING, ID.EXCEL_PARTIAL])
/** The same written name (up to traditional forms or the order of its characters). */
const NAME_WRITTEN_SAME = new Set<number>([NAME.EXACT, NAME.VARIANT, NAME.SWAPPED])
/** The same name up to one typing slip: a homophone, a look-alike, a pinyin letter. */
const NAME_CLOSE = new Set<number>([NAME.EXACT, NAME.VARIANT, NAME.HOMOPHONE, NAME.LOOKALIKE, NAME.SWAPPED, NAME.PINYIN_CLOSE])
const BIRTH_AGREES = new Set<number>([BIRTH.EXACT, BIRTH.LUNAR, BIRTH.DAY_MONTH_SWAP, BIRTH.PARTIAL])

/**
 * Whether the child's own identity is corroborated, which a `match` requires whatever the score.
 * Household evidence (guardian, parents, phone, village) says "same family", never "same child":
 * twins and siblings share all of it, and twins share the birth date too, so the name and the ID
 * must speak:
 *
 * 1. the same valid ID (or a 15-digit number and its 18-digit upgrade), and names that are not
 *    different (at most one character apart, or the same given name under another surname);
 * 2. the same number up to one typed or two swapped digits, and names that agree up to a slip
 *    (homophone, look-alike, a pinyin letter): a twin's number differs from the other twin's in
 *    one or two digits too;
 * 3. the 15 digits Excel kept (region, birth date, one sequence digit: a twin's are the same), and
 *    the name written the same;
 * 4. no ID to compare, the name written the same, and the birth dates agree — twins may be given
 *    names that sound alike (浩雨 / 浩语), so without an ID a homophone or look-alike is only ever
 *    `possible`;
 * 5. no ID and no birth date to compare, the same written name, and a household that agrees
 *    strongly (siblings are never given one name).
 *
 * Two records that both hold an ID number that differ beyond a typo are never a `match`.
 */
export function corroborated(pattern: number): boolean {
  const id = levelOf(pattern, C_ID)
  const name = levelOf(pattern, C_NAME)
  if (ID_SAME.has(id)) return name !== NAME.DIFFERENT
  if (ID_TYPO.has(id)) return NAME_CLOSE.has(name)
  if (id === ID.EXCEL) return NAME_WRITTEN_SAME.has(name)
  if (!ID_SILENT.has(id) || !NAME_WRITTEN_SAME.has(name)) return false
  const birth = levelOf(pattern, C_BIRTH)
  if (BIRTH_AGREES.has(birth)) return true
  return birth === BIRTH.MISSING && name !== NAME.SWAPPED && levelOf(pattern, C_HOUSEHOLD) === HOUSEHOLD.STRONG
}

const GAPS = {
  idNames: {zh: '身份证号一致，但姓名不同', en: 'the IDs agree but the names are different'},
  typoNames: {zh: '身份证号仅在一位之差内一致，且姓名差异超出笔误', en: 'the IDs agree only up to a typo, and the names differ by more than a slip'},
  excelNames: {zh: '只有表格软件保留的前15位一致（双胞胎也相同），且姓名写法不同', en: 'only the 15 digits Excel kept agree (twins share them), and the names are not written the same'},
  idsDiffer: {zh: '两条记录都有身份证号，且差异超出笔误', en: 'both records hold ID numbers and they differ beyond a typo'},
  namesWritten: {zh: '没有可比的身份证号时，姓名须写法相同（双胞胎的名字可能同音）', en: 'without an ID the names must be written the same (twins may have names that sound alike)'},
  noBirth: {zh: '没有身份证号和出生日期可比，且家庭信息不够一致', en: 'no ID and no birth date to compare, and the household does not agree strongly'},
  birth: {zh: '没有身份证号可比，且出生日期不一致', en: 'no ID to compare, and the birth dates do not agree'},
  acrossLists: {
    zh: '两份名单之间，同音或形近的姓名须出生日期一致、性别不矛盾且家庭信息不矛盾',
    en: 'across two lists a homophone or look-alike name needs agreeing birth dates, no conflicting sex and no conflicting household',
  },
} as const

/**
 * The identity rule for two records of *different* lists (departments): a homophone or look-alike
 * name is enough without an ID when the birth dates agree, the sex does not differ and the
 * household does not disagree. Within one list it is only ever `possible` (rule 4 above): two rows
 * of one list that sound alike and share a birth date and a family are as likely twins as one
 * child typed twice. Across lists, twins are each on both lists, and the guard keeps them apart
 * through the rows that carry their IDs (edges are taken strongest first: a twin's exact name
 * claims its row before the other twin's homophone can).
 */
export function corroboratedAcrossLists(pattern: number): boolean {
  if (corroborated(pattern)) return true
  const id = levelOf(pattern, C_ID)
  const name = levelOf(pattern, C_NAME)
  if (!ID_SILENT.has(id) && id !== ID.EXCEL) return false
  if (name !== NAME.HOMOPHONE && name !== NAME.LOOKALIKE) return false
  if (levelOf(pattern, C_SEX) === SEX.DIFFERENT || levelOf(pattern, C_HOUSEHOLD) === HOUSEHOLD.NONE) return false
  return BIRTH_AGREES.has(levelOf(pattern, C_BIRTH))
}

/** ID levels of two different numbers that a register or a typist explains (see idChangeLevel). */
export const ID_CHANGED = new Set<number>([ID.NEAR, ID.REGION_CHANGED, ID.REISSUED])

/**
 * crosscheck's rule for two lists' records whose numbers differ in a way idChangeLevel explains,
 * even when both numbers are valid: the name written the same, the birth dates agreeing, the sex
 * not differing, and — for a number that differs only in its sequence, which is also how twins'
 * numbers differ — a household that does not disagree. Twins are given different names, so the
 * written name keeps them apart; two children of one county with one name and one birth date
 * would be joined, a risk that dedupe (within a list) never takes. Public security re-issues
 * numbers (重号更正) and corrects region codes, so across lists a child can hold two valid numbers;
 * the report then shows the disagreement as XC_FIELD_CONFLICT on idNumber.
 */
export function corroboratedIdChange(pattern: number): boolean {
  const id = levelOf(pattern, C_ID)
  if (!ID_CHANGED.has(id)) return false
  const name = levelOf(pattern, C_NAME)
  if (name !== NAME.EXACT && name !== NAME.VARIANT) return false
  if (!BIRTH_AGREES.has(levelOf(pattern, C_BIRTH)) || levelOf(pattern, C_SEX) === SEX.DIFFERENT) return false
  return id !== ID.REISSUED || levelOf(pattern, C_HOUSEHOLD) !== HOUSEHOLD.NONE
}

/** Why a pattern is not corroborated (for --explain), or undefined. */
export function corroborationGap(pattern: number, lang: 'zh' | 'en' = 'en', acrossLists = false): string | undefined {
  if (acrossLists ? corroboratedAcrossLists(pattern) : corroborated(pattern)) return undefined
  const id = levelOf(pattern, C_ID)
  const name = levelOf(pattern, C_NAME)
  if (acrossLists && (ID_SILENT.has(id) || id === ID.EXCEL) && (name === NAME.HOMOPHONE || name === NAME.LOOKALIKE)) return GAPS.acrossLists[lang]
  const gap = ID_SAME.has(id)
    ? GAPS.idNames
    : ID_TYPO.has(id)
      ? GAPS.typoNames
      : id === ID.EXCEL
        ? GAPS.excelNames
        : !ID_SILENT.has(id)
          ? GAPS.idsDiffer
          : !NAME_WRITTEN_SAME.has(levelOf(pattern, C_NAME))
            ? GAPS.namesWritten
            : levelOf(pattern, C_BIRTH) === BIRTH.MISSING
              ? GAPS.noBirth
              : GAPS.birth
  return gap[lang]
}
