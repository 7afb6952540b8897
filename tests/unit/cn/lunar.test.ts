import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {explainLunarMismatch, lunarToSolarIso, solarToLunar} from '../../../src/cn/lunar.js'

describe('solarToLunar / lunarToSolarIso', () => {
  it('converts known dates', () => {
    // 2011-05-06 is 农历辛卯年四月初四
    expect(solarToLunar('2011-05-06')).toEqual({year: 2011, month: 4, day: 4, leap: false})
    expect(lunarToSolarIso(2011, 4, 4)).toBe('2011-05-06')
    // January births fall in the previous lunar year: 2011-01-20 is 2010 腊月十七
    expect(solarToLunar('2011-01-20')).toEqual({year: 2010, month: 12, day: 17, leap: false})
    expect(lunarToSolarIso(2010, 12, 17)).toBe('2011-01-20')
  })

  it('handles the leap month (2023 has 闰二月)', () => {
    expect(solarToLunar('2023-03-22')).toEqual({year: 2023, month: 2, day: 1, leap: true})
    expect(lunarToSolarIso(2023, 2, 1, true)).toBe('2023-03-22')
    expect(lunarToSolarIso(2023, 2, 1)).toBe('2023-02-20')
  })

  it('returns undefined for lunar dates that do not exist', () => {
    expect(lunarToSolarIso(2023, 3, 1, true)).toBeUndefined() // no 闰三月 in 2023
    expect(lunarToSolarIso(2011, 2, 30)).toBeUndefined() // 辛卯年二月 has 29 days
    expect(lunarToSolarIso(2011, 13, 1)).toBeUndefined()
    expect(lunarToSolarIso(2011, 4, 0)).toBeUndefined()
    expect(lunarToSolarIso(1800, 1, 1)).toBeUndefined()
    expect(lunarToSolarIso(2011.5, 1, 1)).toBeUndefined()
  })

  it('returns undefined for unreadable Gregorian dates', () => {
    expect(solarToLunar('2011-02-30')).toBeUndefined()
    expect(solarToLunar('2011/05/06')).toBeUndefined()
    expect(solarToLunar('')).toBeUndefined()
  })

  it('round-trips every day of 1900–2100', () => {
    fc.assert(
      fc.property(fc.date({min: new Date('1900-02-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true}), (d) => {
        const iso = d.toISOString().slice(0, 10)
        const l = solarToLunar(iso)
        expect(l).toBeDefined()
        if (l !== undefined) expect(lunarToSolarIso(l.year, l.month, l.day, l.leap)).toBe(iso)
      }),
      {numRuns: 300},
    )
  })
})

describe('explainLunarMismatch', () => {
  it('explains a lunar birthday entered as Gregorian', () => {
    const e = explainLunarMismatch('2011-04-04', '2011-05-06')
    expect(e?.zh).toContain('农历')
    expect(e?.en).toContain('lunar')
  })

  it('explains it across the lunar new year and in a leap month', () => {
    expect(explainLunarMismatch('2010-12-17', '2011-01-20')).toBeDefined()
    expect(explainLunarMismatch('2023-02-01', '2023-03-22')).toBeDefined() // 闰二月初一 written as 2-01
  })

  it('explains the reverse: the ID holds the lunar date', () => {
    const e = explainLunarMismatch('2011-05-06', '2011-04-04')
    expect(e).toBeDefined()
    expect(e).not.toEqual(explainLunarMismatch('2011-04-04', '2011-05-06'))
  })

  it('stays silent when the calendar does not explain the difference', () => {
    expect(explainLunarMismatch('2011-05-07', '2011-05-06')).toBeUndefined()
    expect(explainLunarMismatch('2011-04-05', '2011-05-06')).toBeUndefined()
    expect(explainLunarMismatch('2011-05-06', '2011-05-06')).toBeUndefined()
    expect(explainLunarMismatch('2011-04', '2011-05-06')).toBeUndefined()
    expect(explainLunarMismatch('junk', '2011-05-06')).toBeUndefined()
  })

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        explainLunarMismatch(a, b)
        solarToLunar(a)
      }),
      {numRuns: 1000},
    )
    fc.assert(
      fc.property(fc.integer({min: 1890, max: 2110}), fc.integer({min: -1, max: 14}), fc.integer({min: -1, max: 32}), fc.boolean(), (y, m, d, leap) => {
        lunarToSolarIso(y, m, d, leap)
      }),
      {numRuns: 1000},
    )
  })
})
