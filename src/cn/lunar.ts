// 农历 (Chinese lunisolar calendar). Rural families often remember a child's birthday by the
// lunar calendar, and a roster then carries the lunar date written as if it were Gregorian; older
// household registrations sometimes did the same inside the ID number itself.
//
// tyme4ts is loaded on first use (createRequire), not at import: it is only needed when a birth
// date disagrees with an ID, and every command would otherwise pay for it at start-up
// (measured ~9 ms to load, ~45 µs per conversion).

import {createRequire} from 'node:module'
import type * as Tyme from 'tyme4ts'

import {daysInMonth, isAsciiDigitCode, isoDate} from './text.js'

let tyme: typeof Tyme | undefined
function lib(): typeof Tyme {
  if (tyme === undefined) tyme = createRequire(import.meta.url)('tyme4ts') as typeof Tyme
  return tyme
}

// Birth dates of children and of their grandparents; the range also keeps tyme4ts (which throws
// outside its own range) away from typos.
const MIN_YEAR = 1900
const MAX_YEAR = 2100

export interface LunarDate {
  year: number
  month: number
  day: number
  /** 闰月: the intercalary month that repeats `month`. */
  leap: boolean
}

/** Gregorian ISO date of a lunar date; undefined when that lunar date does not exist. */
export function lunarToSolarIso(year: number, month: number, day: number, leap = false): string | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > 30) return undefined
  const {LunarDay, LunarMonth, LunarYear} = lib()
  if (leap && LunarYear.fromYear(year).getLeapMonth() !== month) return undefined
  const m = leap ? -month : month
  if (day > LunarMonth.fromYm(year, m).getDayCount()) return undefined
  const solar = LunarDay.fromYmd(year, m, day).getSolarDay()
  return isoDate(solar.getYear(), solar.getMonth(), solar.getDay())
}

function parseIso(iso: string): [number, number, number] | undefined {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 0x2d || iso.charCodeAt(7) !== 0x2d) return undefined
  let y = 0
  let m = 0
  let d = 0
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue
    const c = iso.charCodeAt(i)
    if (!isAsciiDigitCode(c)) return undefined
    if (i < 4) y = y * 10 + c - 48
    else if (i < 7) m = m * 10 + c - 48
    else d = d * 10 + c - 48
  }
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined
  return [y, m, d]
}

/** The lunar date of a Gregorian ISO date; undefined for an unreadable or out-of-range date. */
export function solarToLunar(iso: string): LunarDate | undefined {
  const p = parseIso(iso)
  if (p === undefined) return undefined
  const lunar = lib().SolarDay.fromYmd(p[0], p[1], p[2]).getLunarDay()
  const month = lunar.getMonth()
  return {year: lunar.getYear(), month: Math.abs(month), day: lunar.getDay(), leap: month < 0}
}

const LUNAR_ENTERED = {
  zh: '填报的出生日期正是身份证出生日期（公历）对应的农历日期，像是把农历生日当作公历填写；应填公历日期',
  en: 'the entered birth date is the lunar (农历) date of the ID’s Gregorian birth date, as if the lunar birthday had been written as Gregorian; enter the Gregorian date',
}
const LUNAR_IN_ID = {
  zh: '身份证号中的出生日期像是按农历登记的：把它当作农历换算成公历，正是填报的日期；以户口簿为准核实',
  en: 'the birth date inside the ID looks like a lunar (农历) date: read as lunar it converts to the entered Gregorian date; check the hukou booklet',
}

/**
 * Explains a birth-date disagreement by the lunar calendar, or returns undefined.
 * Case 1: the entered date equals the lunar date of the ID's (Gregorian) birth date, read as if
 * Gregorian — the family recorded the 农历 birthday. Case 2, the reverse: the ID's date read as a
 * lunar date converts to the entered date. A leap month (闰月) is written as its plain month.
 */
export function explainLunarMismatch(enteredIso: string, idBirthIso: string): {zh: string; en: string} | undefined {
  if (enteredIso === idBirthIso) return undefined
  const entered = parseIso(enteredIso)
  const idBirth = parseIso(idBirthIso)
  if (entered === undefined || idBirth === undefined) return undefined

  // A lunar month/day always falls later in the Gregorian calendar (by some 10–60 days) than the same
  // numbers read as Gregorian, so each case can only hold in one direction.
  if (enteredIso < idBirthIso) {
    const lunar = solarToLunar(idBirthIso)
    if (lunar !== undefined && lunar.year === entered[0] && lunar.month === entered[1] && lunar.day === entered[2]) {
      return LUNAR_ENTERED
    }
    return undefined
  }
  const [y, m, d] = idBirth
  if (lunarToSolarIso(y, m, d) === enteredIso || lunarToSolarIso(y, m, d, true) === enteredIso) return LUNAR_IN_ID
  return undefined
}
