// The comparators of plain records: each compares one aspect of two records and answers with a
// level of its comparison (comparisons.ts). The fields a comparison reads are copied record by
// record into one Int32Array (16 ints, one cache line), names and region codes as small integer
// tuples: comparing millions of pairs is bound by memory latency, not arithmetic, and one
// record's fields in one line halves the time.

import {keptBySpreadsheet} from '../../cn/spreadsheet-digits.js'
import {BIRTH, HOUSEHOLD, type HouseholdDetail, ID, NAME, REGION, SEX} from '../comparisons.js'
import {pairA, pairB} from '../pairs.js'
import {IdKind, type RecordStore} from '../records.js'
import {charsLookAlike} from './char-similarity.js'
import type {PlainColumns} from './columns.js'
import {dateLevel} from './dates.js'

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
// The packed index

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

function packNames(s: PlainColumns, from: Int32Array | undefined, fromSize: number): Int32Array {
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

function packRegions(s: PlainColumns): Int32Array {
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

/**
 * The packed index of the records of `c` (built once, extended when records were added since
 * `old` was built).
 */
export function packIndex(c: PlainColumns, s: RecordStore, old: Packed | undefined): Packed {
  if (old !== undefined && old.size === s.size && old.namesSize === c.childNames.entries.length && old.regionsSize === c.regions.size) return old
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
    hot[o + R_NAME] = c.name[i]!
    hot[o + R_KIND] = s.idKind[i]! | (s.sex[i]! << 8)
    const valid = s.idKind[i] === IdKind.Valid || s.idKind[i] === IdKind.Valid15
    const hi = valid ? s.idHi[i]! : -1
    const lo = valid ? s.idLo[i]! : -1
    hot[o + R_ID_HI] = hi
    hot[o + R_ID_LO] = lo
    hot[o + R_BIRTH] = c.birth[i]!
    hot[o + R_ID_BIRTH] = c.idBirth[i]!
    hot[o + R_REGION] = c.region[i]!
    hot[o + R_GUARDIAN] = c.guardianName[i]!
    hot[o + R_GID_HI] = s.guardianIdHi[i]!
    hot[o + R_GID_LO] = s.guardianIdLo[i]!
    hotF[i * 8 + F_PHONE1] = s.phone1[i]!
    hotF[i * 8 + F_PHONE2] = s.phone2[i]!
    hot[o + R_FATHER] = c.fatherName[i]!
    hot[o + R_MOTHER] = c.motherName[i]!
    places[i * 4] = c.placeVillage[i]!
    places[i * 4 + 1] = c.placeTown[i]!
    places[i * 4 + 2] = c.placeCounty[i]!
    places[i * 4 + 3] = -1
  }
  const namesSize = c.childNames.entries.length
  return {
    size: n,
    hot,
    hotF,
    places,
    names: old !== undefined && old.namesSize === namesSize ? old.names : packNames(c, old?.names, old?.namesSize ?? 0),
    namesSize,
    regions: old !== undefined && old.regionsSize === c.regions.size ? old.regions : packRegions(c),
    regionsSize: c.regions.size,
  }
}

function idLevel(p: Packed, s: PlainColumns, a: number, b: number): number {
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
    // The digits a spreadsheet kept (the fewer, when both sides are damaged) against the other side's number.
    const aKept = ka === IdKind.Excel && (kb !== IdKind.Excel || pa.length <= pb.length)
    const [kept, number] = aKept ? [pa, kb === IdKind.Excel ? pb : ib] : [pb, ka === IdKind.Excel ? pa : ia]
    if (!keptBySpreadsheet(number, kept.slice(0, n))) return ID.DIFFERENT
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
 * make a link only across lists and only with the name written the same (identity.ts
 * corroboratedIdChange).
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
 * idChangeLevel of two numbers held as halves (columns.ts idHalves): the same answer without
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

// ---------------------------------------------------------------------------------------------
// Name

function nameLevel(p: Packed, s: PlainColumns, a: number, b: number): number {
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

function differingPositions(s: PlainColumns, na: number, nb: number): number {
  const ca = s.childNames.entry(na).chars
  const cb = s.childNames.entry(nb).chars
  let diff = 0
  for (let i = 0; i < ca.length; i++) if (ca[i] !== cb[i]) diff++
  return diff
}

/** Look-alike: every differing character reads the same or looks alike, and one at least looks alike. */
function closeNames(s: PlainColumns, na: number, nb: number): number | undefined {
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

function sexLevel(p: Packed, a: number, b: number): number {
  const x = p.hot[a * H + R_KIND]! >>> 8
  const y = p.hot[b * H + R_KIND]! >>> 8
  if (x === 0 || y === 0) return SEX.MISSING
  return x === y ? SEX.SAME : SEX.DIFFERENT
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

/** What the household comparison of two records found (its level is comparisons.ts householdLevel of it). */
export function householdDetail(p: Packed, s: PlainColumns, a: number, b: number): HouseholdDetail {
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
// ---------------------------------------------------------------------------------------------

function personFound(s: PlainColumns, x: number, b0: number, b1: number, b2: number): boolean {
  if (x === b0 || x === b1 || x === b2) return true
  const names = s.personNames
  return (b0 >= 0 && names.samePinyin(x, b0)) || (b1 >= 0 && names.samePinyin(x, b1)) || (b2 >= 0 && names.samePinyin(x, b2))
}

/** householdLevel(householdDetail(…)) without allocating (the comparison loop's version). */
function householdFast(p: Packed, s: PlainColumns, a: number, b: number): number {
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

/** The comparison vector of two records, packed 4 bits per comparison (comparisons.ts). */
export function comparePacked(p: Packed, s: PlainColumns, a: number, b: number): number {
  return (
    idLevel(p, s, a, b) |
    (nameLevel(p, s, a, b) << 4) |
    (birthLevel(p, a, b) << 8) |
    (sexLevel(p, a, b) << 12) |
    (regionLevel(p, a, b) << 16) |
    (householdFast(p, s, a, b) << 20)
  )
}

/** The vectors of the candidate pairs (packed a * PAIR_SHIFT + b): the comparison loop. */
export function comparePairs(p: Packed, s: PlainColumns, pairs: Float64Array, out: Uint32Array, onProgress?: (done: number) => void): void {
  const n = pairs.length
  for (let i = 0; i < n; i++) {
    out[i] = comparePacked(p, s, pairA(pairs[i]!), pairB(pairs[i]!))
    if (onProgress && (i & 0xffff) === 0) onProgress(i)
  }
}
