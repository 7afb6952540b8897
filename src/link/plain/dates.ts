// Birth-date levels of the plain representation: dates as yyyymmdd numbers (yyyymm00 for a
// year-month), and the ways one child's two dates differ — the lunar birthday written as if
// Gregorian, day and month swapped, one digit typed wrong.

import {solarToLunar} from '../../cn/lunar.js'
import {isoDate} from '../../cn/text.js'
import {BIRTH} from '../comparisons.js'

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
