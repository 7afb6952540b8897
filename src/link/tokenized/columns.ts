// The tokenized representation's columns: rosters written by `liushou tokenize`, read token by
// token. What compares by equality alone is stored in the store's shared columns, where the
// engine looks: the child's valid ID token in `idHi`/`idLo` (so that the guard and the clusters
// keep two different valid numbers apart as they do for clear ones), the guardian's ID token, the
// phone tokens, the clear sex and reporting date. The rest — name Bloom filters, birth-date
// tokens, region tokens, the ID's deletion neighbourhood — lives in `TokenColumns`, and
// compare.ts compares it. A tokenized store holds only tokenized records (assertComparableInputs
// refuses a mix).
//
// Tokens are stored as numbers: the first 48 bits of a base64url token (8 characters) are an
// exact float64, and a pair of 48-bit tokens of 72- or 128-bit values collide once in 2^48
// comparisons of candidate pairs; IDs keep 60 bits (two 30-bit halves).

import type {Roster, RosterRow} from '../../schema/roster.js'
import {detach} from '../../strings.js'
import type {TokenMarker} from '../../tokens/marker.js'
import {readTokenizedRow} from '../../tokens/record.js'
import {type BirthToken, bloomBits, tokenKind} from '../../tokens/tokens.js'
import {Interner} from '../interner.js'
import {IdKind, type RecordStore} from '../records.js'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const DIGIT = new Int8Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i

/** `chars` base64url characters of `token` from `from` as one number (at most 8: 48 bits); -1 when not base64url. */
export function tokenBits(token: string | undefined, from = 0, chars = 8): number {
  if (token === undefined || token.length < from + chars) return -1
  let v = 0
  for (let i = from; i < from + chars; i++) {
    const c = token.charCodeAt(i)
    const d = c < 128 ? DIGIT[c]! : -1
    if (d < 0) return -1
    v = v * 64 + d
  }
  return v
}

/** A 22-character token in two non-negative 30-bit halves, as the store keeps ID numbers. */
function halves(token: string | undefined): [number, number] {
  const hi = tokenBits(token, 0, 5)
  const lo = tokenBits(token, 5, 5)
  return hi < 0 || lo < 0 ? [-1, -1] : [hi, lo]
}

/** A neighbour token (6 characters, 36 bits) folded into an int32. */
function nearBits(token: string): number {
  const v = tokenBits(token, 0, 5)
  const last = tokenBits(token, 5, 1)
  return v < 0 || last < 0 ? 0 : ((v << 2) | (last >> 4)) | 0
}

/** Births kept per record: the written date, then the one inside the ID. */
export const BIRTHS = 2
/** Per birth: date, year-month, lunar date, day-month swapped (token bits, -1 when absent). */
export const BIRTH_PARTS = 4
const WORDS = 32

type Grown = Int32Array | Float64Array | Int16Array | Uint8Array

/** The token columns of a tokenized store, indexed like the store's records. */
export class TokenColumns {
  private capacity = 0
  /** Marker of the first tokenized input (its key fingerprint and what it kept in clear). */
  readonly marker: TokenMarker

  /** Token bits of the whole ID number (valid or failing its check) and of its first 15 digits. */
  idT = new Float64Array(0)
  idP = new Float64Array(0)
  /** Offset of the ID's neighbour tokens in `near`, and how many there are (0: none). */
  nearAt = new Int32Array(0)
  nearN = new Uint8Array(0)
  near = new Int32Array(1024)
  nearSize = 0

  /** Child's name: interned exact-name token and Bloom filter (-1 when none). */
  nameExact = new Int32Array(0)
  nameBloom = new Int32Array(0)
  readonly exacts = new Interner()
  readonly blooms = new Interner()
  /** Decoded filters, 32 words per bloom id, and the bits each sets. */
  bloomWords = new Uint32Array(WORDS * 256)
  bloomPop: Int32Array<ArrayBuffer> = new Int32Array(256)
  /** Records per exact-name token and per filter (the term-frequency adjustment). */
  exactCounts: Int32Array<ArrayBuffer> = new Int32Array(256)
  bloomCounts: Int32Array<ArrayBuffer> = new Int32Array(256)
  namesTotal = 0

  /** BIRTHS × BIRTH_PARTS token bits per record, and the clear year of each birth (0: not kept). */
  birth = new Float64Array(0)
  birthYear = new Int16Array(0)
  /** Sex token when the sex is not kept in clear (-1 otherwise). */
  sexToken = new Float64Array(0)
  /** The sex inside a valid ID when tokenize kept it (1 male, 2 female, 0 unknown): idFit reads it. */
  idSex = new Uint8Array(0)
  /** Region: clear county code; clear full code (kept village) and its length; county, town and village tokens. */
  county = new Int32Array(0)
  code = new Float64Array(0)
  codeLength = new Uint8Array(0)
  region6 = new Float64Array(0)
  region9 = new Float64Array(0)
  region12 = new Float64Array(0)
  /** Place names (clear or tokens), interned as plain records intern them: county, county|town, county|town|village. */
  readonly places = new Interner()
  placeCounty = new Int32Array(0)
  placeTown = new Int32Array(0)
  placeVillage = new Int32Array(0)
  /** Guardian's and parents' Bloom filters (equal filters: the name reads the same). */
  guardianName = new Int32Array(0)
  fatherName = new Int32Array(0)
  motherName = new Int32Array(0)

  constructor(marker: TokenMarker) {
    this.marker = marker
  }

  reserve(n: number): void {
    if (n <= this.capacity) return
    const cap = Math.max(n, this.capacity * 2, 1024)
    const grow = <T extends Grown>(a: T, per = 1, fill = -1): T => {
      const b = new (a.constructor as new (n: number) => T)(cap * per)
      if (fill !== 0) b.fill(fill)
      b.set(a)
      return b
    }
    this.idT = grow(this.idT)
    this.idP = grow(this.idP)
    this.nearAt = grow(this.nearAt)
    this.nearN = grow(this.nearN, 1, 0)
    this.nameExact = grow(this.nameExact)
    this.nameBloom = grow(this.nameBloom)
    this.birth = grow(this.birth, BIRTHS * BIRTH_PARTS)
    this.birthYear = grow(this.birthYear, BIRTHS, 0)
    this.sexToken = grow(this.sexToken)
    this.idSex = grow(this.idSex, 1, 0)
    this.county = grow(this.county)
    this.code = grow(this.code)
    this.codeLength = grow(this.codeLength, 1, 0)
    this.region6 = grow(this.region6)
    this.region9 = grow(this.region9)
    this.region12 = grow(this.region12)
    this.placeCounty = grow(this.placeCounty)
    this.placeTown = grow(this.placeTown)
    this.placeVillage = grow(this.placeVillage)
    this.guardianName = grow(this.guardianName)
    this.fatherName = grow(this.fatherName)
    this.motherName = grow(this.motherName)
    this.capacity = cap
  }

  /** Dice coefficient of two filters by bloom id. */
  dice(x: number, y: number): number {
    const w = this.bloomWords
    let both = 0
    for (let k = 0, ox = x * WORDS, oy = y * WORDS; k < WORDS; k++) both += popcount(w[ox + k]! & w[oy + k]!)
    const total = this.bloomPop[x]! + this.bloomPop[y]!
    return total === 0 ? 0 : (2 * both) / total
  }

  /** The interned filter of an `nm` cell, -1 when the cell holds none. */
  bloomId(cell: string): number {
    if (tokenKind(cell) !== 'nm') return -1
    const b = nmParts(cell)[0]
    if (b === '') return -1
    const known = this.blooms.get(b)
    if (known !== undefined) return known
    const bits = bloomBits(cell)
    if (!bits) return -1
    const id = this.blooms.id(detach(b))
    if ((id + 1) * WORDS > this.bloomWords.length) {
      const grown = new Uint32Array(this.bloomWords.length * 2)
      grown.set(this.bloomWords)
      this.bloomWords = grown
      this.bloomPop = growInts(this.bloomPop)
      this.bloomCounts = growInts(this.bloomCounts)
    }
    this.bloomWords.set(bits.subarray(0, WORDS), id * WORDS)
    let pop = 0
    for (let k = 0; k < WORDS; k++) pop += popcount(bits[k]!)
    this.bloomPop[id] = pop
    return id
  }

  /** The interned exact-name token of an `nm` cell, -1 when none. */
  exactId(cell: string): number {
    if (tokenKind(cell) !== 'nm') return -1
    const e = nmParts(cell)[1]
    if (e === undefined || e === '') return -1
    const id = this.exacts.get(e) ?? this.exacts.id(detach(e))
    if (id >= this.exactCounts.length) this.exactCounts = growInts(this.exactCounts)
    return id
  }

  /** The neighbour tokens of record `i` (a view; empty when it has none). */
  nearOf(i: number): Int32Array {
    const at = this.nearAt[i]!
    return at < 0 ? this.near.subarray(0, 0) : this.near.subarray(at, at + this.nearN[i]!)
  }

  addNear(i: number, tokens: readonly string[]): void {
    if (tokens.length === 0) return
    const n = Math.min(255, tokens.length)
    if (this.nearSize + n > this.near.length) {
      const grown = new Int32Array(Math.max(this.near.length * 2, this.nearSize + n))
      grown.set(this.near.subarray(0, this.nearSize))
      this.near = grown
    }
    this.nearAt[i] = this.nearSize
    this.nearN[i] = n
    for (let k = 0; k < n; k++) this.near[this.nearSize++] = nearBits(tokens[k]!)
  }
}

function growInts(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2)
  b.set(a)
  return b
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  x = (x + (x >>> 4)) & 0x0f0f0f0f
  return Math.imul(x, 0x01010101) >>> 24
}

/** B and E of a `tk1:nm:B.E` cell. */
function nmParts(cell: string): [string, string | undefined] {
  const p = cell.trim().slice('tk1:nm:'.length).split('.')
  return [p[0] ?? '', p[1]]
}

const SEX_MALE = 1
const SEX_FEMALE = 2

function setBirth(t: TokenColumns, i: number, k: number, b: BirthToken): void {
  const o = (i * BIRTHS + k) * BIRTH_PARTS
  t.birth[o] = tokenBits(b.date)
  t.birth[o + 1] = tokenBits(b.month)
  t.birth[o + 2] = tokenBits(b.lunar)
  t.birth[o + 3] = tokenBits(b.swapped)
  if (b.year !== undefined) t.birthYear[i * BIRTHS + k] = b.year
}

/** Reads one tokenized row into record `i` of the store (already added, not unread). */
export function readRow(s: RecordStore, t: TokenColumns, roster: Pick<Roster, 'fieldIndex'>, row: RosterRow, i: number): void {
  const r = readTokenizedRow(roster, row)
  const cell = (field: string): string => {
    const c = roster.fieldIndex.get(field)
    return c === undefined ? '' : (row.cells[c] ?? '').trim()
  }
  const name = cell('name')
  const bloom = t.bloomId(name)
  if (bloom >= 0) {
    const exact = t.exactId(name)
    t.nameBloom[i] = bloom
    t.nameExact[i] = exact
    t.bloomCounts[bloom]!++
    if (exact >= 0) t.exactCounts[exact]!++
    t.namesTotal++
  }

  const id = r.id
  if (id) {
    s.idKind[i] = id.kind === 'id' ? IdKind.Valid : id.kind === 'idc' ? IdKind.Checksum : IdKind.Excel
    if (id.kind === 'id') [s.idHi[i], s.idLo[i]] = halves(id.token)
    t.idT[i] = tokenBits(id.token)
    t.idP[i] = tokenBits(id.prefix15)
    t.addNear(i, id.near)
  }
  r.births.slice(0, BIRTHS).forEach((b, k) => setBirth(t, i, k, b))

  if (id?.kind === 'id' && id.sex !== undefined) t.idSex[i] = id.sex === 'M' ? SEX_MALE : SEX_FEMALE
  if (r.sex === 'M') s.sex[i] = SEX_MALE
  else if (r.sex === 'F') s.sex[i] = SEX_FEMALE
  else if (r.sexToken !== undefined) t.sexToken[i] = tokenBits(r.sexToken)

  const g = r.region
  if (g) {
    if (g.county !== undefined) t.county[i] = Number(g.county)
    if (g.code !== undefined) {
      t.code[i] = Number(g.code)
      t.codeLength[i] = g.code.length
    }
    t.region6[i] = tokenBits(g.county6)
    t.region9[i] = tokenBits(g.town9)
    t.region12[i] = tokenBits(g.village12)
  }
  // Place names as the plain store keeps them (新村 is in many towns); a `pl` token already
  // stands for the whole county|town|village path.
  const places = t.places
  const token = (field: 'county' | 'town' | 'village'): string | undefined => (tokenKind(cell(field)) === 'pl' ? detach(cell(field)) : undefined)
  if (r.county) t.placeCounty[i] = places.id(token('county') ?? detach(r.county))
  if (r.town) t.placeTown[i] = places.id(token('town') ?? `${r.county ?? ''}|${r.town}`)
  if (r.village) t.placeVillage[i] = places.id(token('village') ?? `${r.county ?? ''}|${r.town ?? ''}|${r.village}`)

  t.guardianName[i] = t.bloomId(cell('guardianName'))
  t.fatherName[i] = t.bloomId(cell('fatherName'))
  t.motherName[i] = t.bloomId(cell('motherName'))
  if (r.guardianId !== undefined) [s.guardianIdHi[i], s.guardianIdLo[i]] = halves(r.guardianId)
  if (r.phones[0] !== undefined) s.phone1[i] = tokenBits(r.phones[0])
  if (r.phones[1] !== undefined) s.phone2[i] = tokenBits(r.phones[1])
}
