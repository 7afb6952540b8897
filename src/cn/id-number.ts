// 公民身份号码 citizen identity number, GB 11643-1999: six digits of region (行政区划代码), eight of
// birth date, three of sequence (odd = male) and an ISO 7064 MOD 11-2 check character. The
// 15-digit numbers issued before 1999 have a two-digit year (19YY) and no check character.
//
// Region codes are judged elsewhere (region tables); future birth dates are judged by the caller,
// which knows the reference date. This module only tells what the string itself says.

import {daysInMonth, isAsciiDigitCode, isFullWidthCode, isSpaceCode, isoDate} from './text.js'

export type IdFix = 'full-width' | 'apostrophe' | 'spaces' | 'lowercase-x'

export interface Reason {
  zh: string
  en: string
}

export interface IdAnalysis {
  raw: string
  /** After the certain fixes only (trim, full-width→half, leading ' or ’ removed, inner spaces removed, x→X). */
  cleaned: string
  /** Which certain fixes were applied; empty exactly when `cleaned === raw`. */
  fixes: IdFix[]
  problem?: {type: 'excel-mangled' | 'format' | 'checksum'; reason: Reason; expectedCheck?: string}
  /** A valid 15-digit number. */
  legacy15: boolean
  /** The valid 18-digit upper-case number (a 15-digit one upgraded) when there is no problem. */
  canonical?: string
  birth?: {year: number; month: number; day: number; iso: string}
  birthInvalid?: Reason
  sex?: '男' | '女'
  regionCode?: string
  /** 港澳台居民居住证: residence permits for Hong Kong, Macao and Taiwan residents use 81/82/83. */
  residencePermit?: 'HK' | 'MO' | 'TW'
}

/**
 * Earliest birth year accepted inside an ID number. Resident ID numbers were first issued in
 * 1984; nobody born before 1870 was alive then. 1900 would be tidier but rejects real numbers
 * (test vectors carry 1886 births of supercentenarians).
 */
export const MIN_ID_BIRTH_YEAR = 1870

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

const R_EMPTY: Reason = {zh: '为空', en: 'empty'}
// The hint of ID_EXCEL_MANGLED says what to do; the reasons say what happened.
const R_SCIENTIFIC: Reason = {zh: '显示为科学计数法，后几位已丢失', en: 'shown in scientific notation; the last digits are lost'}
const R_ZEROED: Reason = {zh: '末三位被置为000', en: 'the last three digits were turned into 000'}
const R_TRUNCATED: Reason = {
  zh: '位数不足且以0结尾，像是被截断后补零',
  en: 'too short and ending in zeros, like a truncated and zero-padded number',
}
const R_BAD_CHAR: Reason = {
  zh: '含有数字和末位X以外的字符',
  en: 'contains characters other than digits and a final X',
}
const R_X_NOT_LAST: Reason = {zh: 'X只能出现在第18位', en: 'X may only be the 18th character'}
const R_15_X: Reason = {zh: '15位号码只能由数字组成', en: 'a 15-digit number has digits only'}
const R_MONTH: Reason = {zh: '月份不存在', en: 'no such month'}
const R_DAY: Reason = {zh: '该月没有这一天', en: 'the month has no such day'}
const R_YEAR: Reason = {
  zh: `出生年份早于${MIN_ID_BIRTH_YEAR}年`,
  en: `birth year before ${MIN_ID_BIRTH_YEAR}`,
}

const lengthReasons = new Map<number, Reason>()
function lengthReason(len: number): Reason {
  let r = lengthReasons.get(len)
  if (r === undefined) {
    r = {zh: `共${len}位，应为18位或15位`, en: `${len} characters long, expected 18 (or 15)`}
    if (len < 64) lengthReasons.set(len, r)
  }
  return r
}

/** ISO 7064 MOD 11-2 check character of the first 17 digits ('0'–'9' or 'X'). */
export function checkDigit(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0)
  return CHECK_CHARS[sum % 11] ?? ''
}

/** 15 → 18 digits: century 19 inserted before the year, check character computed. */
export function upgrade15(id15: string): string {
  const first17 = id15.slice(0, 6) + '19' + id15.slice(6, 15)
  return first17 + checkDigit(first17)
}

interface Cleaned {
  cleaned: string
  fixes: IdFix[]
}

function isApostrophe(c: number): boolean {
  // ' and its full-width form, ‘ ’ (word processors curl the quote), ` (typed by mistake)
  return c === 0x27 || c === 0xff07 || c === 0x2018 || c === 0x2019 || c === 0x60
}

function clean(raw: string): Cleaned {
  const n = raw.length
  // Fast path: already canonical (digits with a final digit or X) — the overwhelming majority.
  let i = 0
  for (; i < n; i++) {
    const c = raw.charCodeAt(i)
    if (!(isAsciiDigitCode(c) || (c === 0x58 && i === n - 1))) break
  }
  if (i === n) return {cleaned: raw, fixes: []}

  let out = ''
  let spaces = false
  let fullWidth = false
  let apostrophe = false
  let lowerX = false
  let seenContent = false
  for (let j = 0; j < n; j++) {
    let c = raw.charCodeAt(j)
    if (isSpaceCode(c)) {
      spaces = true
      continue
    }
    if (!seenContent && isApostrophe(c)) {
      seenContent = true
      apostrophe = true
      if (c === 0xff07) fullWidth = true
      continue
    }
    seenContent = true
    if (isFullWidthCode(c)) {
      c -= 0xfee0
      fullWidth = true
    }
    if (c === 0x78) {
      c = 0x58
      lowerX = true
    }
    out += String.fromCharCode(c)
  }
  const fixes: IdFix[] = []
  if (fullWidth) fixes.push('full-width')
  if (apostrophe) fixes.push('apostrophe')
  if (spaces) fixes.push('spaces')
  if (lowerX) fixes.push('lowercase-x')
  return {cleaned: out, fixes}
}

function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isAsciiDigitCode(s.charCodeAt(i))) return false
  return true
}

function num(s: string, from: number, to: number): number {
  let v = 0
  for (let i = from; i < to; i++) v = v * 10 + s.charCodeAt(i) - 48
  return v
}

// Excel shows numbers over 11 digits as 4.30102E+17 and keeps 15 significant digits; the
// decimal comma comes from European locale settings.
function isScientific(s: string): boolean {
  const n = s.length
  let i = 0
  if (i < n && s.charCodeAt(i) === 0x2b) i++
  const intStart = i
  while (i < n && isAsciiDigitCode(s.charCodeAt(i))) i++
  if (i === intStart) return false
  if (i < n && (s.charCodeAt(i) === 0x2e || s.charCodeAt(i) === 0x2c)) {
    i++
    const fracStart = i
    while (i < n && isAsciiDigitCode(s.charCodeAt(i))) i++
    if (i === fracStart) return false
  }
  if (i >= n) return false
  const e = s.charCodeAt(i)
  if (e !== 0x45 && e !== 0x65) return false
  i++
  if (i < n && s.charCodeAt(i) === 0x2b) i++
  const expStart = i
  while (i < n && isAsciiDigitCode(s.charCodeAt(i))) i++
  return i > expStart && i === n
}

function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

// A 16–17 digit string is never an ID, so calling it Excel damage rather than a typo needs
// evidence: a real birth date where an ID has one and at least two trailing zeros (Excel zeroes
// everything after the 15th significant digit).
function looksTruncatedPadded(s: string): boolean {
  const n = s.length
  if ((n !== 16 && n !== 17) || !allDigits(s, 0, n)) return false
  if (s.charCodeAt(n - 1) !== 0x30 || s.charCodeAt(n - 2) !== 0x30) return false
  const year = num(s, 6, 10)
  return year >= MIN_ID_BIRTH_YEAR && year <= 2100 && isRealDate(year, num(s, 10, 12), num(s, 12, 14))
}

function mangledReason(s: string): Reason | undefined {
  if (isScientific(s)) return R_SCIENTIFIC
  const n = s.length
  if (n === 18 && allDigits(s, 0, 18) && s.endsWith('000') && checkDigit(s) !== '0') return R_ZEROED
  if (looksTruncatedPadded(s)) return R_TRUNCATED
  return undefined
}

/** True when the value is an ID number that a spreadsheet damaged beyond certain repair. */
export function isExcelMangled(raw: string): boolean {
  return mangledReason(clean(raw).cleaned) !== undefined
}

function formatReason(s: string): Reason | undefined {
  const n = s.length
  if (n === 18) {
    if (allDigits(s, 0, 17)) {
      const last = s.charCodeAt(17)
      return isAsciiDigitCode(last) || last === 0x58 ? undefined : R_BAD_CHAR
    }
    // The first 17 are not all digits: if the rest are digits and X, an X sits too early.
    return allDigitsOrX(s) ? R_X_NOT_LAST : R_BAD_CHAR
  }
  if (n === 15) {
    if (allDigits(s, 0, 15)) return undefined
    return allDigitsOrX(s) ? R_15_X : R_BAD_CHAR
  }
  return n === 0 ? R_EMPTY : lengthReason(n)
}

function allDigitsOrX(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (!isAsciiDigitCode(c) && c !== 0x58) return false
  }
  return true
}

/**
 * Reads an ID number as a data officer would: fixes what is certain, then reports the first of
 * excel-mangled, format, checksum; only a number without a problem has its content read.
 */
export function analyzeId(raw: string): IdAnalysis {
  // Fast path: 18 ASCII digits (last may be X), what a clean roster holds on every row. One
  // pass checks the shape and sums the check digit.
  if (raw.length === 18) {
    let sum = 0
    let i = 0
    for (; i < 17; i++) {
      const c = raw.charCodeAt(i)
      if (c < 0x30 || c > 0x39) break
      sum += (c - 48) * (WEIGHTS[i] ?? 0)
    }
    const last = raw.charCodeAt(17)
    if (i === 17 && ((last >= 0x30 && last <= 0x39) || last === 0x58)) {
      const expected = CHECK_CHARS[sum % 11] ?? ''
      const result: IdAnalysis = {raw, cleaned: raw, fixes: [], legacy15: false}
      if (raw.charCodeAt(17) === expected.charCodeAt(0)) return readContent(result, raw, num(raw, 6, 10))
      result.problem =
        last === 0x30 && raw.charCodeAt(16) === 0x30 && raw.charCodeAt(15) === 0x30
          ? {type: 'excel-mangled', reason: R_ZEROED}
          : checksumProblem(expected)
      return result
    }
  }

  const {cleaned, fixes} = clean(raw)
  const result: IdAnalysis = {raw, cleaned, fixes, legacy15: false}
  const mangled = mangledReason(cleaned)
  if (mangled !== undefined) {
    result.problem = {type: 'excel-mangled', reason: mangled}
    return result
  }
  const format = formatReason(cleaned)
  if (format !== undefined) {
    result.problem = {type: 'format', reason: format}
    return result
  }
  if (cleaned.length === 18) {
    const expected = checkDigit(cleaned)
    if (cleaned[17] !== expected) {
      result.problem = checksumProblem(expected)
      return result
    }
    return readContent(result, cleaned, num(cleaned, 6, 10))
  }
  result.legacy15 = true
  return readContent(result, upgrade15(cleaned), 1900 + num(cleaned, 6, 8))
}

const checksumProblems = new Map<string, NonNullable<IdAnalysis['problem']>>()
function checksumProblem(expected: string): NonNullable<IdAnalysis['problem']> {
  let p = checksumProblems.get(expected)
  if (p === undefined) {
    p = {
      type: 'checksum',
      reason: {zh: `校验码应为${expected}`, en: `check digit should be ${expected}`},
      expectedCheck: expected,
    }
    checksumProblems.set(expected, p)
  }
  return p
}

function readContent(result: IdAnalysis, id18: string, year: number): IdAnalysis {
  result.canonical = id18
  result.regionCode = id18.slice(0, 6)
  result.sex = (id18.charCodeAt(16) - 48) % 2 === 1 ? '男' : '女'
  const p0 = id18.charCodeAt(0)
  const p1 = id18.charCodeAt(1)
  if (p0 === 0x38 && p1 >= 0x31 && p1 <= 0x33) result.residencePermit = p1 === 0x31 ? 'HK' : p1 === 0x32 ? 'MO' : 'TW'

  const month = num(id18, 10, 12)
  const day = num(id18, 12, 14)
  if (month < 1 || month > 12) result.birthInvalid = R_MONTH
  else if (day < 1 || day > daysInMonth(year, month)) result.birthInvalid = R_DAY
  else if (year < MIN_ID_BIRTH_YEAR) result.birthInvalid = R_YEAR
  else result.birth = {year, month, day, iso: isoDate(year, month, day)}
  return result
}
