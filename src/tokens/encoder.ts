// Turns one cell into its token (see tokens.ts for the format). Every value is first brought to
// the canonical form normalize would write — an ID upper-case and 18 digits (a 15-digit one
// upgraded, full-width digits, spaces and a leading ' removed), a date YYYY-MM-DD, a phone
// without separators, a name without inner spaces and in simplified characters — so that two
// departments that wrote one value two ways get one token.

import {createHmac, type KeyObject} from 'node:crypto'

import {parseDate} from '../cn/dates.js'
import {analyzeId} from '../cn/id-number.js'
import {solarToLunar} from '../cn/lunar.js'
import {checkName} from '../cn/names.js'
import {parsePhone} from '../cn/phone.js'
import {namePinyin} from '../cn/pinyin.js'
import {normalizeRegionName} from '../cn/region.js'
import {PAD2, isoDate, toHalfWidth, trimSpaces} from '../cn/text.js'
import {toSimplified} from '../cn/variants.js'
import {lookupCode} from '../schema/code-lists.js'
import {bigramPositions, encodeBloom, paddedBigrams} from './bloom.js'
import type {KeyPurpose, TokenKey} from './key.js'
import {NEAR_TOKEN_CHARS, TOKEN_PREFIX, type TokenKind} from './tokens.js'

/** What can stay in clear (`--keep`). */
export const KEEP_ITEMS = ['birthYear', 'gender', 'county', 'village'] as const
export type KeepItem = (typeof KEEP_ITEMS)[number]
export const DEFAULT_KEEP: readonly KeepItem[] = ['birthYear', 'gender', 'county']

/**
 * How a cell came out: tokenized whole; `partial` — only what is certain was kept (a damaged ID,
 * an ambiguous date, an ID that fails its check); `unreadable` — nothing usable, left empty (a
 * junk name such as 不详, an unreadable date); `empty` — nothing in, nothing out.
 */
export type CellStatus = 'tokenized' | 'partial' | 'unreadable' | 'empty'

export interface Encoded {
  value: string
  status: CellStatus
}

const EMPTY: Encoded = Object.freeze({value: '', status: 'empty'})
const UNREADABLE: Encoded = Object.freeze({value: '', status: 'unreadable'})

/** Sizes of the truncated HMACs, in bytes: whole values, and the secondary tokens. */
const MAIN_BYTES = 16
const AUX_BYTES = 9

const CACHE_LIMIT = 50_000

function token(kind: TokenKind, parts: readonly string[]): string {
  return `${TOKEN_PREFIX}${kind}:${parts.join('.')}`
}

function boundedSet<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= CACHE_LIMIT) map.clear()
  map.set(key, value)
  return value
}

// Runs of 15–18 digits (the last possibly X) are ID numbers, 11-digit runs from 13 to 19 are
// mobiles, d.ddddE+17 is an ID Excel turned into a number (as report masking reads them).
const ID_IN_TEXT = /(?<![0-9０-９])[0-9０-９]{14,17}[0-9０-９XxＸｘ](?![0-9０-９])/g
const SCI_IN_TEXT = /(?<![0-9])\d\.\d{5,}[Ee]\+?1[4-7](?![0-9])/g
const MOBILE_IN_TEXT = /(?<![0-9０-９])1[3-9][0-9]{9}(?![0-9０-９])/g
const MIGHT_HOLD_NUMBER = /[0-9０-９]{7}|\d\.\d{5,}[Ee]/

export class TokenEncoder {
  private readonly keys = new Map<KeyPurpose, KeyObject>()
  private readonly positions = new Map<string, Uint16Array>()
  private readonly names = new Map<string, Encoded>()
  private readonly births = new Map<string, string[]>()

  constructor(
    private readonly key: TokenKey,
    readonly keep: ReadonlySet<KeepItem>,
  ) {}

  get fingerprint(): string {
    return this.key.fingerprint
  }

  /** Base64url of the first `bytes` bytes of HMAC-SHA-256 under the purpose's sub-key. */
  mac(purpose: KeyPurpose, text: string, bytes = MAIN_BYTES): string {
    let k = this.keys.get(purpose)
    if (!k) {
      k = this.key.subkey(purpose)
      this.keys.set(purpose, k)
    }
    return createHmac('sha256', k).update(text, 'utf8').digest().subarray(0, bytes).toString('base64url')
  }

  // -------------------------------------------------------------------------------------------
  // ID numbers

  /** An ID number cell; `child` adds what linkage needs of the child's own number. */
  id(raw: string, child: boolean): Encoded {
    if (trimSpaces(raw) === '') return EMPTY
    const a = analyzeId(raw)
    if (a.canonical !== undefined && !a.problem) {
      // Excel zeroes the last three digits, and one time in eleven the check digit still
      // verifies: such a number is read as damaged, as linkage reads it (src/link/plain/columns.ts).
      if (!a.legacy15 && a.canonical.endsWith('000')) return {value: token('idx', [this.mac('id-prefix', a.canonical.slice(0, 15), AUX_BYTES)]), status: 'partial'}
      const t = this.mac('id', a.canonical)
      if (!child) return {value: token('id', [t]), status: 'tokenized'}
      const sex = this.keep.has('gender') && a.sex ? (a.sex === '男' ? 'M' : 'F') : ''
      const county = this.keep.has('county') ? a.canonical.slice(0, 6) : ''
      const birth = a.birth && !a.birthInvalid ? this.birthParts(a.birth.year, a.birth.month, a.birth.day) : ['', '', '', '', '']
      return {
        value: token('id', [t, this.mac('id-prefix', a.canonical.slice(0, 15), AUX_BYTES), this.near(a.canonical), sex, county, ...birth]),
        status: 'tokenized',
      }
    }
    if (a.problem?.type === 'excel-mangled') {
      const first15 = excelFirst15(a.cleaned)
      return {value: token('idx', [first15 ? this.mac('id-prefix', first15, AUX_BYTES) : '']), status: 'partial'}
    }
    // Not a valid number (check digit, length, stray characters): the cleaned text, so that two
    // lists with the same wrong number agree, and one typed digit from the right one is seen.
    const cleaned = a.cleaned
    if (cleaned === '') return UNREADABLE
    const t = this.mac('id', cleaned)
    if (!child) return {value: token('idc', [t]), status: 'partial'}
    const prefix = /^\d{15}/.test(cleaned) ? this.mac('id-prefix', cleaned.slice(0, 15), AUX_BYTES) : ''
    const near = cleaned.length >= 14 && cleaned.length <= 20 ? this.near(cleaned) : ''
    return {value: token('idc', [t, prefix, near]), status: 'partial'}
  }

  /** The neighbour tokens: the number itself, then the number with each character deleted. */
  private near(s: string): string {
    let out = this.mac('id-near', s, 5).slice(0, NEAR_TOKEN_CHARS)
    for (let i = 0; i < s.length; i++) out += this.mac('id-near', s.slice(0, i) + s.slice(i + 1), 5).slice(0, NEAR_TOKEN_CHARS)
    return out
  }

  // -------------------------------------------------------------------------------------------
  // Names

  /** A person's name: Bloom filter of the pinyin bigrams, and the exact-name token. */
  name(raw: string): Encoded {
    if (trimSpaces(raw) === '') return EMPTY
    const hit = this.names.get(raw)
    if (hit) return hit
    const c = checkName(raw)
    // Junk (无, 不详, 离异), digits, Latin letters: not a name, as linkage reads it.
    if (c.invalid) return boundedSet(this.names, raw, UNREADABLE)
    const simplified = toSimplified(c.cleaned)
    const text = nameText(simplified)
    if (text === '') return boundedSet(this.names, raw, UNREADABLE)
    const bloom = encodeBloom(paddedBigrams(text), (g) => this.bigram(g))
    const value = token('nm', [Buffer.from(bloom).toString('base64url'), this.mac('name-exact', simplified)])
    return boundedSet(this.names, raw, {value, status: 'tokenized'})
  }

  private bigram(g: string): Uint16Array {
    let p = this.positions.get(g)
    if (!p) {
      p = bigramPositions(this.key.subkey('name-bloom'), g)
      boundedSet(this.positions, g, p)
    }
    return p
  }

  // -------------------------------------------------------------------------------------------
  // Birth dates

  /** Y.D.M.L.S of a date (day 0: a year-month). */
  private birthParts(year: number, month: number, day: number): string[] {
    const cacheKey = year * 10000 + month * 100 + day
    const k = String(cacheKey)
    const hit = this.births.get(k)
    if (hit) return hit
    const y = this.keep.has('birthYear') ? String(year) : ''
    const ym = `${year}-${PAD2[month]}`
    const m = this.mac('birth', `m:${ym}`, AUX_BYTES)
    if (day === 0) return boundedSet(this.births, k, [y, '', m, '', ''])
    const iso = isoDate(year, month, day)
    const d = this.mac('birth', `d:${iso}`, AUX_BYTES)
    const lunar = solarToLunar(iso)
    // The lunar date as a family would write it in a Gregorian field (a leap month as its month).
    const l = lunar ? this.mac('birth', `d:${lunar.year}-${PAD2[lunar.month]}-${PAD2[lunar.day]}`, AUX_BYTES) : ''
    const s = day <= 12 && day !== month ? this.mac('birth', `d:${isoDate(year, day, month)}`, AUX_BYTES) : ''
    return boundedSet(this.births, k, [y, d, m, l, s])
  }

  /** A birth date cell. */
  birth(raw: string): Encoded {
    const d = parseDate(raw)
    if (d.kind === 'empty') return EMPTY
    if (d.kind === 'date') return {value: token('bd', this.birthParts(d.year, d.month, d.day)), status: 'tokenized'}
    if (d.kind === 'month') return {value: token('bd', this.birthParts(d.year, d.month, 0)), status: 'tokenized'}
    // Ambiguous (03/04/2012) or unreadable: only the year, when it is certain and kept.
    const year = d.kind === 'ambiguous' ? d.readings[0]?.slice(0, 4) : /^(1[89]|2[01])\d{2}(?!\d)/.exec(toHalfWidth(trimSpaces(raw)))?.[0]
    if (year && this.keep.has('birthYear')) return {value: token('bd', [year, '', '', '', '']), status: 'partial'}
    return UNREADABLE
  }

  // -------------------------------------------------------------------------------------------
  // Phones, regions, places, other identifiers

  /** A phone cell: one token per number; an unreadable number is tokenized by its digits. */
  phone(raw: string): Encoded {
    const p = parsePhone(raw)
    if (p.kind === 'empty') return EMPTY
    if (p.kind === 'invalid') {
      const digits = toHalfWidth(raw).replace(/\D/g, '')
      return digits.length >= 5 ? {value: token('phx', [this.mac('phone', `x:${digits}`)]), status: 'partial'} : UNREADABLE
    }
    return {value: token('ph', p.canonical.split('/').map((n) => this.mac('phone', n))), status: 'tokenized'}
  }

  /** A region code: the county in clear when kept, tokens of the code at each level. */
  regionCode(raw: string): Encoded {
    if (trimSpaces(raw) === '') return EMPTY
    const code = raw.normalize('NFKC').replace(/\s+/g, '')
    if (!/^(\d{6}|\d{9}|\d{12})$/.test(code)) return UNREADABLE
    const county = this.keep.has('county')
    const parts = [
      county ? code.slice(0, 6) : '',
      county ? '' : this.mac('region', code.slice(0, 6), AUX_BYTES),
      code.length >= 9 ? this.mac('region', code.slice(0, 9), AUX_BYTES) : '',
      code.length === 12 ? this.mac('region', code, AUX_BYTES) : '',
    ]
    return {value: token('rc', parts), status: 'tokenized'}
  }

  /**
   * A place name below what stays in clear, with the names above it (a village is
   * county|town|village, as linkage compares places: 新村 is in many towns).
   */
  place(level: 'county' | 'town' | 'village', names: {county: string; town: string; village: string}): Encoded {
    const own = names[level]
    if (trimSpaces(own) === '') return EMPTY
    const c = normalizeRegionName(names.county)
    const t = normalizeRegionName(names.town)
    const v = normalizeRegionName(names.village)
    const text = level === 'county' ? `c|${c}` : level === 'town' ? `t|${c}|${t}` : `v|${c}|${t}|${v}`
    return {value: token('pl', [this.mac('place', text)]), status: 'tokenized'}
  }

  /** Another identifier (household number, student number, reporting unit): equality only. */
  identifier(purpose: 'household' | 'student' | 'unit', raw: string): Encoded {
    if (trimSpaces(raw) === '') return EMPTY
    const text = purpose === 'unit' ? normalizeRegionName(raw) : raw.normalize('NFKC').replace(/[\s']/g, '').toUpperCase()
    return {value: token('tx', [this.mac(purpose, text)]), status: 'tokenized'}
  }

  /** The sex, when it is not kept in clear (男 / 1 / M give one token). */
  sex(raw: string): Encoded {
    const t = trimSpaces(raw)
    if (t === '') return EMPTY
    return {value: token('sx', [this.mac('sex', lookupCode('gender', t) ?? t)]), status: 'tokenized'}
  }

  /** Free text kept in clear, with every ID number and mobile number in it replaced by its token. */
  scrub(text: string): string {
    if (!MIGHT_HOLD_NUMBER.test(text)) return text
    return text
      .replace(ID_IN_TEXT, (m) => this.id(m, false).value || 'tk1:idc:')
      .replace(SCI_IN_TEXT, () => 'tk1:idx:')
      .replace(MOBILE_IN_TEXT, (m) => this.phone(m).value)
  }
}

/** Pinyin of a name for bigrams: `zhang|zihan`, ü as v, the parts of a · name joined by `|`. */
export function nameText(name: string): string {
  return namePinyin(name).toLowerCase().replaceAll("'", '').replaceAll('ü', 'v').replace(/\s+/g, '|')
}

/** The first 15 digits of a number Excel damaged, when they survived; else undefined. */
function excelFirst15(cleaned: string): string | undefined {
  const sci = /^\+?(\d)(?:[.,](\d+))?[Ee]\+?(\d+)$/.exec(cleaned)
  if (sci) {
    const digits = (sci[1] ?? '') + (sci[2] ?? '')
    // 4.33122201305186E+17: Excel keeps 15 significant digits; fewer means some were lost.
    return Number(sci[3]) === 17 && digits.length >= 15 ? digits.slice(0, 15) : undefined
  }
  const digits = cleaned.replace(/\D/g, '')
  return digits.length >= 15 ? digits.slice(0, 15) : undefined
}
