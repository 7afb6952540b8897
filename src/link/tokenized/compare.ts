// The comparators of tokenized records: the same comparisons and levels as the plain ones
// (comparisons.ts), read from tokens (src/tokens/tokens.ts says what each token holds). A level that tokens cannot show is
// never produced: `near` birth dates (a digit or a few days off read as `year-only`), look-alike
// characters, swapped characters, a given name under another surname. Names compare by their
// exact-name token, then by the Dice coefficient of their Bloom filters: 1 is a name that reads
// the same (`homophone`), from NAME_DICE_CLOSE a mistyped syllable (`pinyin-close`).
// The model (EM, u from random pairs, clusters, the identity rules) then works unchanged.

import {NAME_DICE_CLOSE} from '../../tokens/tokens.js'
import {BIRTH, HOUSEHOLD, type HouseholdDetail, ID, NAME, REGION, SEX} from '../comparisons.js'
import {pairA, pairB} from '../pairs.js'
import {IdKind, type RecordStore} from '../records.js'
import {ID_FIT, type TfSums, tfBits} from '../representation.js'
import {BIRTHS, BIRTH_PARTS, type TokenColumns} from './columns.js'

function idLevel(s: RecordStore, t: TokenColumns, a: number, b: number): number {
  const ka = s.idKind[a]!
  const kb = s.idKind[b]!
  if (ka === IdKind.None || kb === IdKind.None) return ID.MISSING
  if (ka === IdKind.Valid && kb === IdKind.Valid) return s.sameId(a, b) ? ID.EXACT : ID.DIFFERENT_VALID
  if (ka === IdKind.Excel || kb === IdKind.Excel) {
    // A number Excel damaged meets another on its first 15 digits; fewer survived: nothing to say.
    const pa = t.idP[a]!
    const pb = t.idP[b]!
    if (pa < 0 || pb < 0) return ID.MISSING
    return pa === pb ? ID.EXCEL : ID.DIFFERENT
  }
  if (t.idT[a]! >= 0 && t.idT[a] === t.idT[b]) return ID.SAME_INVALID
  return nearLevel(t.nearOf(a), t.nearOf(b))
}

/**
 * Two numbers one typed, dropped or doubled digit apart share a neighbour token: the same
 * position deleted from both (a substitution), or one whole and the other less a character.
 * Neighbours one position apart are two swapped digits (compareIdTokens in tokens.ts).
 */
function nearLevel(x: Int32Array, y: Int32Array): number {
  if (x.length === 0 || y.length === 0) return ID.DIFFERENT
  let swap = false
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== v) continue
      if (i === j || i === 0 || j === 0) return ID.TYPO
      if (i - j === 1 || j - i === 1) swap = true
    }
  }
  return swap ? ID.SWAP : ID.DIFFERENT
}

function nameLevel(t: TokenColumns, a: number, b: number): number {
  const ba = t.nameBloom[a]!
  const bb = t.nameBloom[b]!
  if (ba < 0 || bb < 0) return NAME.MISSING
  const ea = t.nameExact[a]!
  if (ea >= 0 && ea === t.nameExact[b]) return NAME.EXACT
  if (ba === bb) return NAME.HOMOPHONE
  return t.dice(ba, bb) >= NAME_DICE_CLOSE ? NAME.PINYIN_CLOSE : NAME.DIFFERENT
}

/** Level of birth `ka` of record a against birth `kb` of record b (compareBirthTokens on numbers). */
function oneBirth(t: TokenColumns, a: number, ka: number, b: number, kb: number): number {
  const d = t.birth
  const oa = (a * BIRTHS + ka) * BIRTH_PARTS
  const ob = (b * BIRTHS + kb) * BIRTH_PARTS
  const ya = t.birthYear[a * BIRTHS + ka]!
  const yb = t.birthYear[b * BIRTHS + kb]!
  const da = d[oa]!
  const db = d[ob]!
  const ma = d[oa + 1]!
  const mb = d[ob + 1]!
  if (da < 0 && ma < 0 && ya === 0) return BIRTH.MISSING
  if (db < 0 && mb < 0 && yb === 0) return BIRTH.MISSING
  if (da >= 0 && da === db) return BIRTH.EXACT
  if ((da < 0 || db < 0) && ma >= 0 && mb >= 0) {
    if (ma === mb) return BIRTH.PARTIAL
  } else if (da >= 0 && db >= 0) {
    const sa = d[oa + 3]!
    const sb = d[ob + 3]!
    if ((sa >= 0 && sa === db) || (sb >= 0 && sb === da)) return BIRTH.DAY_MONTH_SWAP
    const la = d[oa + 2]!
    const lb = d[ob + 2]!
    if ((la >= 0 && la === db) || (lb >= 0 && lb === da)) return BIRTH.LUNAR
  }
  if (ya !== 0 && yb !== 0) return ya === yb ? BIRTH.YEAR : BIRTH.DIFFERENT
  if ((da >= 0 || ma >= 0) && (db >= 0 || mb >= 0)) return BIRTH.DIFFERENT
  return BIRTH.MISSING
}

function present(t: TokenColumns, i: number, k: number): boolean {
  const o = (i * BIRTHS + k) * BIRTH_PARTS
  return t.birth[o]! >= 0 || t.birth[o + 1]! >= 0 || t.birthYear[i * BIRTHS + k] !== 0
}

/**
 * How a record's written birth date and sex fit its valid ID token (ID_FIT bits): the written
 * date (birth 0) against the ID's (birth 1, present when both are), the written sex against the
 * ID's when tokenize kept it.
 */
export function tokenIdFit(s: RecordStore, t: TokenColumns, i: number): number {
  if (s.idKind[i] !== IdKind.Valid) return 0
  let fit = 0
  if (present(t, i, 0) && present(t, i, 1)) {
    const level = oneBirth(t, i, 0, i, 1)
    if (level === BIRTH.YEAR) fit |= ID_FIT.BIRTH
    else if (level === BIRTH.DIFFERENT) fit |= ID_FIT.BIRTH | ID_FIT.FAR
  }
  const idSex = t.idSex[i]!
  if (idSex !== 0 && s.sex[i] !== 0 && s.sex[i] !== idSex) fit |= ID_FIT.SEX
  return fit
}

/** The best level among the birth dates each side holds (written, and inside the ID). */
function birthLevel(t: TokenColumns, a: number, b: number): number {
  let best: number = BIRTH.MISSING
  for (let ka = 0; ka < BIRTHS; ka++) {
    if (!present(t, a, ka)) continue
    for (let kb = 0; kb < BIRTHS; kb++) {
      if (!present(t, b, kb)) continue
      const l = oneBirth(t, a, ka, b, kb)
      if (l !== BIRTH.MISSING && (best === BIRTH.MISSING || l < best)) best = l
      if (best === BIRTH.EXACT) return best
    }
  }
  return best
}

function sexLevel(s: RecordStore, t: TokenColumns, a: number, b: number): number {
  const x = s.sex[a]!
  const y = s.sex[b]!
  if (x !== 0 && y !== 0) return x === y ? SEX.SAME : SEX.DIFFERENT
  const p = t.sexToken[a]!
  const q = t.sexToken[b]!
  if (p < 0 || q < 0) return SEX.MISSING
  return p === q ? SEX.SAME : SEX.DIFFERENT
}

function hasRegion(t: TokenColumns, i: number): boolean {
  return t.county[i]! >= 0 || t.codeLength[i]! > 0 || t.region6[i]! >= 0
}

/** compareRegionTokens on numbers; place names (clear or tokens) when a side has no region code. */
function regionLevel(t: TokenColumns, a: number, b: number): number {
  if (hasRegion(t, a) && hasRegion(t, b)) {
    const la = t.codeLength[a]!
    const lb = t.codeLength[b]!
    if (la > 0 && lb > 0) {
      const n = Math.min(la, lb)
      const ca = t.code[a]!
      const cb = t.code[b]!
      if (n >= 12 && Math.floor(ca / 10 ** (la - 12)) === Math.floor(cb / 10 ** (lb - 12))) return REGION.VILLAGE
      if (n >= 9 && Math.floor(ca / 10 ** (la - 9)) === Math.floor(cb / 10 ** (lb - 9))) return REGION.TOWN
    }
    const v = t.region12[a]!
    if (v >= 0 && v === t.region12[b]) return REGION.VILLAGE
    const w = t.region9[a]!
    if (w >= 0 && w === t.region9[b]) return REGION.TOWN
    const xa = t.county[a]!
    const xb = t.county[b]!
    const c6 = t.region6[a]!
    if ((c6 >= 0 && c6 === t.region6[b]) || (xa >= 0 && xa === xb)) return REGION.COUNTY
    if (xa >= 0 && xb >= 0) {
      if (Math.floor(xa / 100) === Math.floor(xb / 100)) return REGION.CITY
      if (Math.floor(xa / 10000) === Math.floor(xb / 10000)) return REGION.PROVINCE
      return REGION.DIFFERENT
    }
    // One list kept the county in clear, the other made it a token: nothing to compare.
    return c6 >= 0 && t.region6[b]! >= 0 ? REGION.DIFFERENT : REGION.MISSING
  }
  const va = t.placeVillage[a]!
  const vb = t.placeVillage[b]!
  if (va >= 0 && va === vb) return REGION.VILLAGE
  const ta = t.placeTown[a]!
  const tb = t.placeTown[b]!
  if (ta >= 0 && ta === tb) return REGION.TOWN
  const xa = t.placeCounty[a]!
  const xb = t.placeCounty[b]!
  if (xa >= 0 && xa === xb) return REGION.COUNTY
  if ((va >= 0 || ta >= 0 || xa >= 0) && (vb >= 0 || tb >= 0 || xb >= 0)) return REGION.DIFFERENT
  return REGION.MISSING
}

/** Guardian ID and phone tokens by equality; guardian's and parents' names when they read the same. */
export function tokenHousehold(s: RecordStore, t: TokenColumns, a: number, b: number): HouseholdDetail {
  const ga = s.guardianIdHi[a]!
  const gb = s.guardianIdHi[b]!
  const guardianId = ga < 0 || gb < 0 ? 'missing' : ga === gb && s.guardianIdLo[a] === s.guardianIdLo[b] ? 'same' : 'different'
  const as = [t.guardianName[a]!, t.fatherName[a]!, t.motherName[a]!]
  const bs = [t.guardianName[b]!, t.fatherName[b]!, t.motherName[b]!]
  const anyA = as.some((x) => x >= 0)
  const anyB = bs.some((x) => x >= 0)
  let namesAgree = 0
  if (anyA && anyB) {
    as.forEach((x, k) => {
      if (x >= 0 && !as.slice(0, k).includes(x) && bs.includes(x)) namesAgree++
    })
  }
  const p1 = s.phone1[a]!
  const p2 = s.phone2[a]!
  const q1 = s.phone1[b]!
  const q2 = s.phone2[b]!
  let phone: HouseholdDetail['phone'] = 'missing'
  if (p1 >= 0 && q1 >= 0) phone = p1 === q1 || p1 === q2 || (p2 >= 0 && (p2 === q1 || p2 === q2)) ? 'same' : 'different'
  return {guardianId, namesAgree, namesCompared: anyA && anyB, phone}
}

/** householdLevel(tokenHousehold(…)) without allocating (the comparison loop's version). */
function householdFast(s: RecordStore, t: TokenColumns, a: number, b: number): number {
  const ga = s.guardianIdHi[a]!
  const gb = s.guardianIdHi[b]!
  if (ga >= 0 && ga === gb && s.guardianIdLo[a] === s.guardianIdLo[b]) return HOUSEHOLD.STRONG
  const p1 = s.phone1[a]!
  const p2 = s.phone2[a]!
  const q1 = s.phone1[b]!
  const q2 = s.phone2[b]!
  if (p1 >= 0 && q1 >= 0 && (p1 === q1 || p1 === q2 || (p2 >= 0 && (p2 === q1 || p2 === q2)))) return HOUSEHOLD.STRONG
  const a0 = t.guardianName[a]!
  const a1 = t.fatherName[a]!
  const a2 = t.motherName[a]!
  const b0 = t.guardianName[b]!
  const b1 = t.fatherName[b]!
  const b2 = t.motherName[b]!
  const anyA = a0 >= 0 || a1 >= 0 || a2 >= 0
  const anyB = b0 >= 0 || b1 >= 0 || b2 >= 0
  let agree = 0
  if (anyA && anyB) {
    const found = (x: number): boolean => x === b0 || x === b1 || x === b2
    if (a0 >= 0 && found(a0)) agree++
    if (a1 >= 0 && a1 !== a0 && found(a1)) agree++
    if (a2 >= 0 && a2 !== a0 && a2 !== a1 && found(a2)) agree++
  }
  if (agree >= 2) return HOUSEHOLD.STRONG
  if (agree === 1) return HOUSEHOLD.ONE
  if ((ga >= 0 && gb >= 0) || (anyA && anyB) || (p1 >= 0 && q1 >= 0)) return HOUSEHOLD.NONE
  return HOUSEHOLD.MISSING
}

/** The comparison vector of two tokenized records, packed as comparePair packs it. */
export function compareTokenPair(s: RecordStore, t: TokenColumns, a: number, b: number): number {
  return (
    idLevel(s, t, a, b) |
    (nameLevel(t, a, b) << 4) |
    (birthLevel(t, a, b) << 8) |
    (sexLevel(s, t, a, b) << 12) |
    (regionLevel(t, a, b) << 16) |
    (householdFast(s, t, a, b) << 20)
  )
}

/** The vectors of the candidate pairs (packed a * PAIR_SHIFT + b): the comparison loop. */
export function compareTokenPairs(s: RecordStore, t: TokenColumns, pairs: Float64Array, out: Uint32Array, onProgress?: (done: number) => void): void {
  const n = pairs.length
  for (let i = 0; i < n; i++) {
    out[i] = compareTokenPair(s, t, pairA(pairs[i]!), pairB(pairs[i]!))
    if (onProgress && (i & 0xffff) === 0) onProgress(i)
  }
}

/**
 * The term-frequency adjustment of a name agreement on tokens: the share of records with the
 * same exact-name token (an exact agreement) or the same filter (a homophone).
 */
export function tokenTf(t: TokenColumns, a: number, nameLevel: number, sums: TfSums): number {
  if (t.namesTotal === 0) return 0
  if (nameLevel === NAME.EXACT && t.nameExact[a]! >= 0) return tfBits(t.exactCounts[t.nameExact[a]!]! / t.namesTotal, sums.nameSumSq)
  if (nameLevel === NAME.HOMOPHONE && t.nameBloom[a]! >= 0) return tfBits(t.bloomCounts[t.nameBloom[a]!]! / t.namesTotal, sums.pinyinSumSq)
  return 0
}

/** Σf² over exact-name tokens and over filters (the `nameSumSq` and `pinyinSumSq` of the model). */
export function tokenTfSums(t: TokenColumns): TfSums {
  let nameSumSq = 0
  let pinyinSumSq = 0
  const total = t.namesTotal
  if (total > 0) {
    for (let i = 0; i < t.exacts.size; i++) nameSumSq += (t.exactCounts[i]! / total) ** 2
    for (let i = 0; i < t.blooms.size; i++) pinyinSumSq += (t.bloomCounts[i]! / total) ** 2
  }
  return {nameSumSq, pinyinSumSq}
}
