// Dates as Chinese rosters hold them: 2011-05-06, 2011/5/6, 2011.5.6, 2011年5月6日, 20110506,
// Excel serials (40669), a trailing time from Excel (2011/5/6 0:00), full-width digits,
// year-month partial dates (2011.05, 2011年5月, 201105) and Chinese numerals (二〇一一年五月六日).
//
// Decisions:
// - Two-digit years (11-5-6, 6/5/11) are invalid, not ambiguous: the century differs between a
//   child and a grandparent guardian and the field order is unknown too, so any reading is a guess.
// - DD/MM/YYYY and MM/DD/YYYY: both readings valid and different → ambiguous (readings sorted);
//   one valid (13/04/2012) or both equal (04/04/2012) → that date.
// - Years outside 1800–2199 are typos, not dates → invalid. Excel serials are read only as
//   5-digit numbers that map to 1900–2100 (a 5-digit serial starts in 1927).
// - A year alone (2011, 2011年) is invalid: too coarse to compare with an ID.
// - Lunar wording (正月, 腊月, 初六) is invalid: it cannot be read as a Gregorian date.

import {PAD2, daysInMonth, isAsciiDigitCode, isoDate, toHalfWidth, trimSpaces} from './text.js'

export type ParsedDate =
  | {kind: 'empty'}
  | {kind: 'date'; year: number; month: number; day: number; iso: string; canonical: boolean}
  | {kind: 'month'; year: number; month: number; iso: string; canonical: boolean}
  | {kind: 'ambiguous'; readings: string[]}
  | {kind: 'invalid'}

const MIN_YEAR = 1800
const MAX_YEAR = 2199
const EMPTY: ParsedDate = Object.freeze({kind: 'empty'})
const INVALID: ParsedDate = Object.freeze({kind: 'invalid'})

// Optional time after the date: ' 00:00:00', ' 0:00', 'T00:00:00.000Z', ' 8:30 AM', ' 上午 8:30', '+08:00'.
const TIME = String.raw`(?:(?:\s+|T)(?:[上下]午\s*)?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm]|[上下]午)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?`
const RE_YMD = new RegExp(String.raw`^(\d{4})\s*([-/.年])\s*(\d{1,2})\s*([-/.月])\s*(\d{1,2})\s*([日号])?\.?` + TIME + '$')
const RE_YM = new RegExp(String.raw`^(\d{4})\s*([-/.年])\s*(\d{1,2})\s*(月)?\.?$`)
const RE_DMY = new RegExp(String.raw`^(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*([-/.])\s*(\d{4})` + TIME + '$')
const RE_COMPACT = new RegExp(String.raw`^(\d{8})` + TIME + '$')
const RE_SERIAL = /^\d{5}(?:\.\d+)?$/

// Excel's 1900 date system: serial 1 is 1900-01-01 and, copying Lotus 1-2-3, serial 60 is the
// non-existent 1900-02-29, so serials from 61 on are one day ahead of a plain day count.
const MAX_SERIAL = 2958465 // 9999-12-31
const SERIAL_MIN_1900 = 1 // 1900-01-01
const SERIAL_MAX_2100 = 73415 // 2100-12-31

/** Gregorian date of a day count from 1970-01-01 (H. Hinnant's civil_from_days, no Date object). */
function civilFromDays(z0: number): [number, number, number] {
  const z = z0 + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  return [year, month, day]
}

// Days from 1970-01-01 to 1899-12-31, the "day 0" of Excel serials below 60.
const EXCEL_DAY0 = -25568

/** ISO date of an Excel 1900-system serial (time fraction ignored); undefined for 0, 60 and out of range. */
export function excelSerialToIso(serial: number): string | undefined {
  if (!Number.isFinite(serial)) return undefined
  const whole = Math.floor(serial)
  if (whole < 1 || whole > MAX_SERIAL || whole === 60) return undefined
  const [y, m, d] = civilFromDays(EXCEL_DAY0 + (whole < 60 ? whole : whole - 1))
  return isoDate(y, m, d)
}

function dateResult(year: number, month: number, day: number, canonical: boolean): ParsedDate {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return INVALID
  if (day < 1 || day > daysInMonth(year, month)) return INVALID
  return {kind: 'date', year, month, day, iso: isoDate(year, month, day), canonical}
}

function monthResult(year: number, month: number, raw: string): ParsedDate {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return INVALID
  const iso = String(year) + '-' + (PAD2[month] ?? '')
  return {kind: 'month', year, month, iso, canonical: raw === iso}
}

function digits(s: string, from: number, to: number): number {
  let v = 0
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i)
    if (!isAsciiDigitCode(c)) return -1
    v = v * 10 + c - 48
  }
  return v
}

function isValidYmd(year: number, month: number, day: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

const CN_DIGITS: Record<string, number> = {
  '〇': 0, '零': 0, '○': 0, 'O': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7,
  '八': 8, '九': 9,
}
const RE_CN_DATE = /^([〇零○O一二三四五六七八九]{4})年([一二三四五六七八九十元]{1,3})月(?:([一二三四五六七八九十]{1,3})[日号])?$/

// 十二 → 12, 二十一 → 21, 三十 → 30, 元 (元月) → 1.
function cnSmallNumber(s: string): number {
  if (s === '元') return 1
  const ten = s.indexOf('十')
  if (ten < 0) return s.length === 1 ? (CN_DIGITS[s] ?? -1) : -1
  if (s.indexOf('十', ten + 1) >= 0) return -1
  const tens = ten === 0 ? 1 : ten === 1 ? (CN_DIGITS[s[0] ?? ''] ?? -1) : -1
  const rest = s.slice(ten + 1)
  const units = rest === '' ? 0 : rest.length === 1 ? (CN_DIGITS[rest] ?? -1) : -1
  if (tens <= 0 || units < 0) return -1
  return tens * 10 + units
}

function parseChinese(s: string): ParsedDate {
  const m = RE_CN_DATE.exec(s.replace(/\s+/g, ''))
  if (m === null) return INVALID
  let year = 0
  for (const ch of m[1] ?? '') year = year * 10 + (CN_DIGITS[ch] ?? 0)
  const month = cnSmallNumber(m[2] ?? '')
  if (m[3] === undefined) return monthResult(year, month, '')
  return dateResult(year, month, cnSmallNumber(m[3]), false)
}

/**
 * Reads a date cell. `canonical` is true only when the cell was already exactly `YYYY-MM-DD`
 * (or `YYYY-MM` for a year-month), so callers can report NOT_CANONICAL for everything else.
 */
export function parseDate(raw: string): ParsedDate {
  // Fast path: canonical YYYY-MM-DD, what a clean roster holds on every row.
  if (raw.length === 10 && raw.charCodeAt(4) === 0x2d && raw.charCodeAt(7) === 0x2d) {
    const y = digits(raw, 0, 4)
    const m = digits(raw, 5, 7)
    const d = digits(raw, 8, 10)
    if (y >= 0 && m >= 0 && d >= 0) return dateResult(y, m, d, true)
  }
  const s = toHalfWidth(trimSpaces(raw))
  if (s === '') return EMPTY

  let m = RE_YMD.exec(s)
  if (m !== null) {
    const sep1 = m[2]
    const sep2 = m[4]
    // Separators must pair up: 2011-5-6, 2011年5月6日, not 2011-5/6 or 2011年5-6.
    if (sep1 === '年' ? sep2 !== '月' : sep2 !== sep1 || m[6] !== undefined) return INVALID
    return dateResult(Number(m[1]), Number(m[3]), Number(m[5]), false)
  }
  m = RE_YM.exec(s)
  if (m !== null) {
    if ((m[2] === '年') !== (m[4] === '月')) return INVALID
    return monthResult(Number(m[1]), Number(m[3]), raw)
  }
  m = RE_COMPACT.exec(s)
  if (m !== null) {
    const t = m[1] ?? ''
    return dateResult(digits(t, 0, 4), digits(t, 4, 6), digits(t, 6, 8), false)
  }
  if (s.length === 6) {
    const y = digits(s, 0, 4)
    const mo = digits(s, 4, 6)
    if (y >= 0 && mo >= 0) return monthResult(y, mo, raw)
    return INVALID
  }
  if (RE_SERIAL.test(s)) {
    const serial = Math.floor(Number(s))
    if (serial < SERIAL_MIN_1900 || serial > SERIAL_MAX_2100) return INVALID
    const iso = excelSerialToIso(serial)
    if (iso === undefined) return INVALID
    return dateResult(digits(iso, 0, 4), digits(iso, 5, 7), digits(iso, 8, 10), false)
  }
  m = RE_DMY.exec(s)
  if (m !== null) {
    if (m[2] !== m[4]) return INVALID
    const a = Number(m[1])
    const b = Number(m[3])
    const year = Number(m[5])
    const mdValid = isValidYmd(year, a, b) // MM/DD/YYYY
    const dmValid = isValidYmd(year, b, a) // DD/MM/YYYY
    if (mdValid && dmValid && a !== b) {
      const r1 = isoDate(year, a, b)
      const r2 = isoDate(year, b, a)
      return {kind: 'ambiguous', readings: r1 < r2 ? [r1, r2] : [r2, r1]}
    }
    if (mdValid) return dateResult(year, a, b, false)
    if (dmValid) return dateResult(year, b, a, false)
    return INVALID
  }
  if (s.indexOf('年') > 0) return parseChinese(s)
  return INVALID
}

/**
 * An ISO date or year-month as one number, yyyymmdd (day 1 for a year-month), or -1. A number
 * rather than a [y, m, d] array: ageAt runs several times a row, and the arrays were a twentieth
 * of normalize's allocations on a million rows.
 */
function isoNumber(iso: string): number {
  const n = iso.length
  if ((n !== 10 && n !== 7) || iso.charCodeAt(4) !== 0x2d) return -1
  const y = digits(iso, 0, 4)
  const m = digits(iso, 5, 7)
  if (y < 0 || m < 1 || m > 12) return -1
  if (n === 7) return y * 10000 + m * 100 + 1
  if (iso.charCodeAt(7) !== 0x2d) return -1
  const d = digits(iso, 8, 10)
  if (d < 1 || d > 31) return -1
  return y * 10000 + m * 100 + d
}

/**
 * Completed years (周岁) at `asOfIso`; negative when born after it, NaN for unreadable input.
 * A 'YYYY-MM' birth counts from day 1 of that month, i.e. at month precision the birthday month
 * is reached as soon as it starts — the same precision validate uses to compare year-months with IDs.
 * A 29 February birthday is reached on 1 March in common years (the month/day pair 02-29 is
 * only passed once February is over).
 */
export function ageAt(birthIso: string, asOfIso: string): number {
  const b = isoNumber(birthIso)
  const a = isoNumber(asOfIso)
  if (b < 0 || a < 0) return Number.NaN
  // Month and day are the last four digits: comparing them compares (month, day) pairs.
  let age = Math.floor(a / 10000) - Math.floor(b / 10000)
  if (a % 10000 < b % 10000) age--
  return age
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000

/** Today's date in Asia/Shanghai (UTC+8 all year: China has had no daylight saving since 1991). */
export function todayInShanghai(now: Date = new Date()): string {
  const [y, m, d] = civilFromDays(Math.floor((now.getTime() + SHANGHAI_OFFSET_MS) / 86400000))
  return isoDate(y, m, d)
}
