// The tokens tokenize writes (令牌), and how dedupe and crosscheck read and compare them. Nothing
// here needs the key: comparing tokens is equality of keyed hashes and Dice similarity of Bloom
// filters.
//
// Every token is `tk1:<kind>:<payload>`; the payload's parts are separated by `.` and are
// base64url (A–Z a–z 0–9 _ -), clear digits or empty:
//
// | kind | cell | payload |
// | --- | --- | --- |
// | id  | a valid ID number (check digit verified; 15 digits upgraded) | T, or for the child's own ID: T.P.N.X.C.Y.D.M.L.S |
// | idc | an ID number that is not valid (check digit, length, characters) | T.P.N (P when 15 digits lead) |
// | idx | an ID number a spreadsheet damaged (4.30121E+17, last digits 000) | P, or empty when fewer than 15 digits survived |
// | nm  | a person's name | B.E: Bloom filter of the pinyin bigrams, exact-name token |
// | bd  | a birth date (or a year-month) | Y.D.M.L.S |
// | ph / phx | phone numbers (each of a cell) / an unreadable phone | T1.T2… / T |
// | rc  | a region code (6, 9 or 12 digits) | C.T6.T9.T12 |
// | pl  | a place name below what is kept in clear (village; county and town when the county is not kept) | T |
// | tx  | another identifier: household number, student number, reporting unit | T |
// | sx  | the sex, when it is not kept in clear | T |
//
// T: 128-bit token of the whole value; P: token of an ID's first 15 digits (to meet a number
// Excel zeroed); N: 19 six-character tokens, of the ID and of the ID with each character deleted
// in turn (one typed, dropped, doubled or swapped digit leaves two numbers sharing one); X: sex
// (M/F), C: county code, Y: birth year — in clear when kept, else empty; D, M, L, S: tokens of
// the date, its year-month, the lunar (农历) date written as if Gregorian, and the date with day
// and month swapped; B: base64url of the 1000-bit filter; E: token of the name in simplified
// characters. Tokens of different kinds are made with different sub-keys and never compare equal.

import {BLOOM_BYTES, type BloomBits, bytesToBits, diceBits} from './bloom.js'

export const TOKEN_VERSION = 'tk1'
export const TOKEN_PREFIX = 'tk1:'

export const TOKEN_KINDS = ['id', 'idc', 'idx', 'nm', 'bd', 'ph', 'phx', 'rc', 'pl', 'tx', 'sx'] as const
export type TokenKind = (typeof TOKEN_KINDS)[number]
const KIND_SET: ReadonlySet<string> = new Set(TOKEN_KINDS)

/** Characters of one neighbour token in an ID's N part. */
export const NEAR_TOKEN_CHARS = 6

/** Default Dice similarity from which two name filters count as the same name mistyped. */
export const NAME_DICE_CLOSE = 0.8

/** The kind of a token (`tk1:id:…` → `id`), or undefined for anything else. */
export function tokenKind(value: string): TokenKind | undefined {
  if (!value.startsWith(TOKEN_PREFIX)) return undefined
  const end = value.indexOf(':', TOKEN_PREFIX.length)
  if (end < 0) return undefined
  const kind = value.slice(TOKEN_PREFIX.length, end)
  return KIND_SET.has(kind) ? (kind as TokenKind) : undefined
}

/** True for a value tokenize wrote (`tk1:<kind>:…`). */
export function isTokenizedValue(value: string): boolean {
  return tokenKind(value) !== undefined
}

function payload(value: string, kinds: readonly TokenKind[]): string[] | undefined {
  const kind = tokenKind(value.trim())
  if (kind === undefined || !kinds.includes(kind)) return undefined
  return value.trim().slice(TOKEN_PREFIX.length + kind.length + 1).split('.')
}

const nonEmpty = (s: string | undefined): string | undefined => (s === undefined || s === '' ? undefined : s)

// ---------------------------------------------------------------------------------------------
// Birth dates

export interface BirthToken {
  /** Birth year in clear (when tokenize kept it). */
  year?: number
  /** Token of the full date (absent for a year-month or an unreadable date). */
  date?: string
  /** Token of the year-month. */
  month?: string
  /** Token of the lunar date written as if Gregorian. */
  lunar?: string
  /** Token of the date with day and month swapped (when the day is 12 or less). */
  swapped?: string
}

function birthFrom(parts: string[], at: number): BirthToken | undefined {
  const t: BirthToken = {}
  const y = parts[at]
  if (y !== undefined && /^\d{4}$/.test(y)) t.year = Number(y)
  const set = (k: 'date' | 'month' | 'lunar' | 'swapped', v: string | undefined): void => {
    const s = nonEmpty(v)
    if (s !== undefined) t[k] = s
  }
  set('date', parts[at + 1])
  set('month', parts[at + 2])
  set('lunar', parts[at + 3])
  set('swapped', parts[at + 4])
  return Object.keys(t).length === 0 ? undefined : t
}

/** Reads a `bd` token; undefined for an empty cell or another kind. */
export function parseBirthToken(value: string): BirthToken | undefined {
  const p = payload(value, ['bd'])
  return p ? birthFrom(p, 0) : undefined
}

/**
 * Birth-date levels tokens can show, strongest first, named as the link engine names them
 * (src/link/comparisons.ts; tests/unit/link/comparisons.test.ts checks the names).
 */
export const BIRTH_TOKEN_LEVELS = ['missing', 'exact', 'lunar-gregorian', 'day-month-swap', 'year-month', 'year-only', 'different'] as const
export type BirthLevel = (typeof BIRTH_TOKEN_LEVELS)[number]
const BIRTH_ORDER: readonly BirthLevel[] = BIRTH_TOKEN_LEVELS.slice(1)

/**
 * Level of two birth tokens: the same date; one the other's lunar date; day and month swapped;
 * the same year-month where one side has no day; the same (clear) year; different. "near" dates
 * (a digit or a few days off) cannot be told from tokens: they read as `year-only` when the year
 * is kept, else `different`.
 */
export function compareBirthTokens(a: BirthToken | undefined, b: BirthToken | undefined): BirthLevel {
  if (!a || !b) return 'missing'
  if (a.date && b.date && a.date === b.date) return 'exact'
  if ((!a.date || !b.date) && a.month && b.month) {
    if (a.month === b.month) return 'year-month'
  } else if (a.date && b.date) {
    if ((a.swapped && a.swapped === b.date) || (b.swapped && b.swapped === a.date)) return 'day-month-swap'
    if ((a.lunar && a.lunar === b.date) || (b.lunar && b.lunar === a.date)) return 'lunar-gregorian'
  }
  if (a.year !== undefined && b.year !== undefined) return a.year === b.year ? 'year-only' : 'different'
  if ((a.date || a.month) && (b.date || b.month)) return 'different'
  return 'missing'
}

/** The best level among every pair of the birth dates two records hold (written, and in the ID). */
export function bestBirthLevel(as: readonly BirthToken[], bs: readonly BirthToken[]): BirthLevel {
  let best: BirthLevel = 'missing'
  for (const a of as) {
    for (const b of bs) {
      const l = compareBirthTokens(a, b)
      if (l !== 'missing' && (best === 'missing' || BIRTH_ORDER.indexOf(l) < BIRTH_ORDER.indexOf(best))) best = l
      if (best === 'exact') return best
    }
  }
  return best
}

// ---------------------------------------------------------------------------------------------
// ID numbers

export interface IdToken {
  /** id: check digit verified; idc: not a valid number; idx: damaged by a spreadsheet. */
  kind: 'id' | 'idc' | 'idx'
  /** Token of the whole (canonical 18-digit, or cleaned) number; absent for idx. */
  token?: string
  /** Token of the first 15 digits. */
  prefix15?: string
  /** Neighbour tokens: [0] the number itself, [i] the number with character i-1 deleted. */
  near: string[]
  /** From a valid child ID, when kept in clear. */
  sex?: 'M' | 'F'
  county?: string
  birth?: BirthToken
}

/** Reads an `id`, `idc` or `idx` token; undefined for an empty cell or another kind. */
export function parseIdToken(value: string): IdToken | undefined {
  const kind = tokenKind(value.trim())
  if (kind !== 'id' && kind !== 'idc' && kind !== 'idx') return undefined
  const p = payload(value, [kind])!
  if (kind === 'idx') {
    const t: IdToken = {kind, near: []}
    const prefix = nonEmpty(p[0])
    if (prefix) t.prefix15 = prefix
    return t
  }
  const t: IdToken = {kind, near: []}
  const token = nonEmpty(p[0])
  if (token) t.token = token
  const prefix = nonEmpty(p[1])
  if (prefix) t.prefix15 = prefix
  const n = p[2] ?? ''
  for (let i = 0; i + NEAR_TOKEN_CHARS <= n.length; i += NEAR_TOKEN_CHARS) t.near.push(n.slice(i, i + NEAR_TOKEN_CHARS))
  if (kind === 'id') {
    if (p[3] === 'M' || p[3] === 'F') t.sex = p[3]
    if (p[4] && /^\d{6}$/.test(p[4])) t.county = p[4]
    const birth = birthFrom(p, 5)
    if (birth) t.birth = birth
  }
  return t
}

/** ID levels tokens can show, named as the link engine names them (src/link/comparisons.ts). */
export const ID_TOKEN_LEVELS = ['missing', 'exact', 'same-invalid', 'one-substitution', 'adjacent-swap', 'excel-prefix', 'different-valid', 'different'] as const
export type IdLevel = (typeof ID_TOKEN_LEVELS)[number]

/**
 * Level of two ID tokens. Two valid numbers that differ are `different-valid` (never one child);
 * a number that fails its check is `one-substitution` or `adjacent-swap` from another when they
 * share a neighbour token (one typed, dropped or doubled digit, or two swapped); a damaged number
 * meets a whole one on its first 15 digits (`excel-prefix`) and is silent (`missing`) when fewer
 * survived.
 */
export function compareIdTokens(a: IdToken | undefined, b: IdToken | undefined): IdLevel {
  if (!a || !b) return 'missing'
  if (a.kind === 'id' && b.kind === 'id') return a.token === b.token ? 'exact' : 'different-valid'
  if (a.kind === 'idx' || b.kind === 'idx') {
    if (!a.prefix15 || !b.prefix15) return 'missing'
    return a.prefix15 === b.prefix15 ? 'excel-prefix' : 'different'
  }
  if (a.token !== undefined && a.token === b.token) return 'same-invalid'
  const near = nearLevel(a.near, b.near)
  return near ?? 'different'
}

function nearLevel(a: readonly string[], b: readonly string[]): 'one-substitution' | 'adjacent-swap' | undefined {
  if (a.length === 0 || b.length === 0) return undefined
  let swap = false
  const index = new Map<string, number[]>()
  for (let i = 0; i < b.length; i++) {
    const list = index.get(b[i]!)
    if (list) list.push(i)
    else index.set(b[i]!, [i])
  }
  for (let i = 0; i < a.length; i++) {
    const hits = index.get(a[i]!)
    if (!hits) continue
    for (const j of hits) {
      // The same character deleted from both (a substitution), or the whole of one equal to the
      // other less one character (a digit dropped or doubled).
      if (i === j || i === 0 || j === 0) return 'one-substitution'
      if (Math.abs(i - j) === 1) swap = true
    }
  }
  return swap ? 'adjacent-swap' : undefined
}

// ---------------------------------------------------------------------------------------------
// Names

export interface NameToken {
  bloom: BloomBits
  /** Token of the name itself (traditional and variant characters folded). */
  exact?: string
}

const bloomCache = new Map<string, BloomBits | null>()

/** Decodes the Bloom filter of an `nm` token (or a bare base64/base64url filter); cached. */
export function bloomBits(value: string): BloomBits | undefined {
  const p = isTokenizedValue(value) ? payload(value, ['nm'])?.[0] : value.trim()
  if (p === undefined || p === '') return undefined
  const hit = bloomCache.get(p)
  if (hit !== undefined) return hit ?? undefined
  const bytes = Buffer.from(p, p.includes('+') || p.includes('/') ? 'base64' : 'base64url')
  const bits = bytes.length === BLOOM_BYTES ? bytesToBits(bytes) : undefined
  if (bloomCache.size >= 100_000) bloomCache.clear()
  bloomCache.set(p, bits ?? null)
  return bits
}

/** Reads an `nm` token; undefined for an empty cell or another kind. */
export function parseNameToken(value: string): NameToken | undefined {
  const p = payload(value, ['nm'])
  if (!p) return undefined
  const bloom = bloomBits(value)
  if (!bloom) return undefined
  const t: NameToken = {bloom}
  const exact = nonEmpty(p[1])
  if (exact) t.exact = exact
  return t
}

/**
 * Dice similarity of two name encodings: `tk1:nm:` tokens, bare base64 filters, or filters
 * decoded with {@link bloomBits}. 1 for names that read the same, 0 when either is empty or
 * unreadable.
 */
export function diceSimilarity(a: string | BloomBits | NameToken, b: string | BloomBits | NameToken): number {
  const x = typeof a === 'string' ? bloomBits(a) : a instanceof Uint32Array ? a : a.bloom
  const y = typeof b === 'string' ? bloomBits(b) : b instanceof Uint32Array ? b : b.bloom
  return x && y ? diceBits(x, y) : 0
}

/** Name levels tokens can show, named as the link engine names them (src/link/comparisons.ts). */
export const NAME_TOKEN_LEVELS = ['missing', 'exact', 'homophone', 'pinyin-close', 'different'] as const
export type NameLevel = (typeof NAME_TOKEN_LEVELS)[number]

/**
 * Level of two name tokens: the same name (up to traditional forms); the same pinyin (identical
 * filters); close pinyin (Dice ≥ `close`, default {@link NAME_DICE_CLOSE}); different.
 */
export function compareNameTokens(a: NameToken | undefined, b: NameToken | undefined, close = NAME_DICE_CLOSE): {level: NameLevel; dice: number} {
  if (!a || !b) return {level: 'missing', dice: 0}
  const dice = diceBits(a.bloom, b.bloom)
  if (a.exact !== undefined && a.exact === b.exact) return {level: 'exact', dice}
  if (dice === 1) return {level: 'homophone', dice}
  return {level: dice >= close ? 'pinyin-close' : 'different', dice}
}

// ---------------------------------------------------------------------------------------------
// Phones, regions, other identifiers

/** The per-number tokens of a `ph` cell (several numbers in one cell give several). */
export function phoneTokens(value: string): string[] {
  const p = payload(value, ['ph'])
  return p ? p.filter((t) => t !== '') : []
}

export interface RegionToken {
  /** County code in clear (when kept). */
  county?: string
  /** The whole code in clear (a file tokenized with `--keep village`). */
  code?: string
  county6?: string
  town9?: string
  village12?: string
}

/** Reads an `rc` token, or a region code kept in clear; undefined for an empty cell or another kind. */
export function parseRegionToken(value: string): RegionToken | undefined {
  const clear = value.trim()
  if (/^(\d{6}|\d{9}|\d{12})$/.test(clear)) return {county: clear.slice(0, 6), code: clear}
  const p = payload(value, ['rc'])
  if (!p) return undefined
  const t: RegionToken = {}
  if (p[0] && /^\d{6}$/.test(p[0])) t.county = p[0]
  const set = (k: 'county6' | 'town9' | 'village12', v: string | undefined): void => {
    const s = nonEmpty(v)
    if (s !== undefined) t[k] = s
  }
  set('county6', p[1])
  set('town9', p[2])
  set('village12', p[3])
  return t
}

/** Region levels tokens can show, named as the link engine names them (src/link/comparisons.ts). */
export const REGION_TOKEN_LEVELS = ['missing', 'village', 'town', 'county', 'city', 'province', 'different'] as const
export type RegionLevel = (typeof REGION_TOKEN_LEVELS)[number]

/** Level of two region tokens, or of a region token and a clear county code (from an ID token). */
export function compareRegionTokens(a: RegionToken | undefined, b: RegionToken | undefined): RegionLevel {
  if (!a || !b) return 'missing'
  if (a.code && b.code) {
    const n = Math.min(a.code.length, b.code.length)
    if (n >= 12 && a.code.slice(0, 12) === b.code.slice(0, 12)) return 'village'
    if (n >= 9 && a.code.slice(0, 9) === b.code.slice(0, 9)) return 'town'
  }
  if (a.village12 && a.village12 === b.village12) return 'village'
  if (a.town9 && a.town9 === b.town9) return 'town'
  if ((a.county6 && a.county6 === b.county6) || (a.county && a.county === b.county)) return 'county'
  if (a.county && b.county) {
    if (a.county.slice(0, 4) === b.county.slice(0, 4)) return 'city'
    if (a.county.slice(0, 2) === b.county.slice(0, 2)) return 'province'
  }
  return 'different'
}

/** The payload of a single-token cell (`pl`, `tx`, `sx`, `phx`), for equality tests. */
export function plainToken(value: string): string | undefined {
  const p = payload(value, ['pl', 'tx', 'sx', 'phx'])
  return p ? nonEmpty(p[0]) : undefined
}
