import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {ageAt, excelSerialToIso, parseDate, todayInShanghai} from '../../../src/cn/dates.js'

function iso(raw: string): string | undefined {
  const p = parseDate(raw)
  return p.kind === 'date' || p.kind === 'month' ? p.iso : undefined
}

describe('parseDate: full dates', () => {
  it('marks only YYYY-MM-DD as canonical', () => {
    expect(parseDate('2011-05-06')).toEqual({kind: 'date', year: 2011, month: 5, day: 6, iso: '2011-05-06', canonical: true})
    expect(parseDate('2011-5-6')).toMatchObject({kind: 'date', iso: '2011-05-06', canonical: false})
    expect(parseDate(' 2011-05-06')).toMatchObject({kind: 'date', canonical: false})
  })

  it.each([
    '2011-5-6',
    '2011/5/6',
    '2011.5.6',
    '2011/05/06',
    '2011年5月6日',
    '2011年05月06日',
    '2011年5月6号',
    '2011 年 5 月 6 日',
    '2011年5月6',
    '20110506',
    '40669',
    '40669.0',
    '2011-05-06 00:00:00',
    '2011/5/6 0:00',
    '2011/5/6 上午 12:00:00',
    '2011-05-06T00:00:00.000Z',
    '20110506 00:00:00',
    '２０１１－０５－０６',
    '２０１１年５月６日',
    '二〇一一年五月六日',
    '二零一一年五月六日',
  ])('reads %s as 2011-05-06', (raw) => {
    expect(parseDate(raw)).toMatchObject({kind: 'date', iso: '2011-05-06', canonical: false})
  })

  it('reads Chinese numerals with 十', () => {
    expect(iso('二〇一一年十二月二十一日')).toBe('2011-12-21')
    expect(iso('二〇一一年十月十日')).toBe('2011-10-10')
    expect(iso('二〇一一年元月三十日')).toBe('2011-01-30')
  })

  it('rejects impossible dates', () => {
    for (const raw of ['2011-02-30', '2011-13-01', '2011-00-10', '2011-04-31', '20110230', '2011年2月29日', '二〇一一年二月三十日']) {
      expect(parseDate(raw)).toEqual({kind: 'invalid'})
    }
    expect(iso('2012-02-29')).toBe('2012-02-29')
  })

  it('rejects mixed separators', () => {
    expect(parseDate('2011-5/6').kind).toBe('invalid')
    expect(parseDate('2011年5-6').kind).toBe('invalid')
    expect(parseDate('2011/5/6日').kind).toBe('invalid')
  })

  it('rejects years outside 1800–2199', () => {
    expect(parseDate('1799-12-31').kind).toBe('invalid')
    expect(parseDate('0211-05-06').kind).toBe('invalid')
    expect(iso('1800-01-01')).toBe('1800-01-01')
  })
})

describe('parseDate: two-digit years, D/M order', () => {
  it('calls two-digit years invalid (century and order unknown)', () => {
    for (const raw of ['11-5-6', '6/5/11', '11.05.06', '110506']) expect(parseDate(raw).kind).toBe('invalid')
  })

  it('reports both readings of 03/04/2012', () => {
    expect(parseDate('03/04/2012')).toEqual({kind: 'ambiguous', readings: ['2012-03-04', '2012-04-03']})
    expect(parseDate('04/03/2012')).toEqual({kind: 'ambiguous', readings: ['2012-03-04', '2012-04-03']})
    expect(parseDate('5/6/2011 0:00').kind).toBe('ambiguous')
  })

  it('takes the only valid reading', () => {
    expect(iso('13/04/2012')).toBe('2012-04-13')
    expect(iso('04/13/2012')).toBe('2012-04-13')
    expect(iso('04/04/2012')).toBe('2012-04-04')
    expect(parseDate('13/13/2012').kind).toBe('invalid')
  })
})

describe('parseDate: year-month', () => {
  it.each(['2011.05', '2011.5', '2011年5月', '2011年05月', '2011/5', '201105', '２０１１．０５', '二〇一一年五月'])(
    'reads %s as 2011-05',
    (raw) => {
      expect(parseDate(raw)).toEqual({kind: 'month', year: 2011, month: 5, iso: '2011-05', canonical: false})
    },
  )

  it('marks YYYY-MM as canonical', () => {
    expect(parseDate('2011-05')).toEqual({kind: 'month', year: 2011, month: 5, iso: '2011-05', canonical: true})
    expect(parseDate('2011-5')).toMatchObject({kind: 'month', canonical: false})
  })

  it('rejects month 13 and a year alone', () => {
    expect(parseDate('2011.13').kind).toBe('invalid')
    expect(parseDate('201113').kind).toBe('invalid')
    expect(parseDate('2011').kind).toBe('invalid')
    expect(parseDate('2011年').kind).toBe('invalid')
    expect(parseDate('2011年5').kind).toBe('invalid')
  })
})

describe('parseDate: empty and junk', () => {
  it('tells empty from invalid', () => {
    expect(parseDate('')).toEqual({kind: 'empty'})
    expect(parseDate(' \u3000')).toEqual({kind: 'empty'})
    expect(parseDate('不详')).toEqual({kind: 'invalid'})
    expect(parseDate('正月初六')).toEqual({kind: 'invalid'})
  })

  it('reads only 5-digit serials within 1900–2100', () => {
    expect(iso('10000')).toBe('1927-05-18')
    expect(iso('73415')).toBe('2100-12-31')
    expect(parseDate('73416').kind).toBe('invalid')
    expect(parseDate('99999').kind).toBe('invalid')
    expect(parseDate('4066').kind).toBe('invalid')
    expect(parseDate('406690').kind).toBe('invalid')
  })

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary'}), (raw) => {
        const p = parseDate(raw)
        expect(['empty', 'date', 'month', 'ambiguous', 'invalid']).toContain(p.kind)
      }),
      {numRuns: 1000},
    )
    fc.assert(
      fc.property(fc.string({unit: fc.constantFrom(...'0123456789-/.年月日 :T'), maxLength: 20}), (raw) => {
        parseDate(raw)
      }),
      {numRuns: 1000},
    )
  })

  it('round-trips every real date written canonically and as 2011/5/6', () => {
    fc.assert(
      fc.property(fc.date({min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true}), (d) => {
        const s = d.toISOString().slice(0, 10)
        expect(parseDate(s)).toMatchObject({kind: 'date', iso: s, canonical: true})
        const slashed = `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}`
        expect(iso(slashed)).toBe(s)
      }),
      {numRuns: 1000},
    )
  })
})

describe('excelSerialToIso', () => {
  it('follows the 1900 date system with the Lotus leap-year bug', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01')
    expect(excelSerialToIso(59)).toBe('1900-02-28')
    expect(excelSerialToIso(60)).toBeUndefined() // the phantom 1900-02-29
    expect(excelSerialToIso(61)).toBe('1900-03-01')
    expect(excelSerialToIso(40669)).toBe('2011-05-06')
    expect(excelSerialToIso(43831.75)).toBe('2020-01-01')
    expect(excelSerialToIso(2958465)).toBe('9999-12-31')
  })

  it('rejects out-of-range serials', () => {
    for (const n of [0, -1, 2958466, Number.NaN, Number.POSITIVE_INFINITY]) expect(excelSerialToIso(n)).toBeUndefined()
  })

  it('agrees with Date arithmetic', () => {
    fc.assert(
      fc.property(fc.integer({min: 61, max: 2958465}), (serial) => {
        const expected = new Date(Date.UTC(1899, 11, 30) + serial * 86400000).toISOString().slice(0, 10)
        expect(excelSerialToIso(serial)).toBe(expected)
      }),
      {numRuns: 1000},
    )
  })
})

describe('ageAt', () => {
  it('counts completed years', () => {
    expect(ageAt('2011-05-06', '2027-05-05')).toBe(15)
    expect(ageAt('2011-05-06', '2027-05-06')).toBe(16)
    expect(ageAt('2011-05-06', '2011-05-06')).toBe(0)
  })

  it('is negative when born after the reference date', () => {
    expect(ageAt('2030-01-01', '2027-01-01')).toBe(-3)
    expect(ageAt('2027-01-02', '2027-01-01')).toBe(-1)
  })

  it('reaches a 29 February birthday on 1 March in common years', () => {
    expect(ageAt('2012-02-29', '2013-02-28')).toBe(0)
    expect(ageAt('2012-02-29', '2013-03-01')).toBe(1)
    expect(ageAt('2012-02-29', '2016-02-29')).toBe(4)
  })

  it('counts a year-month birth from the first day of the month', () => {
    expect(ageAt('2011-05', '2027-05-01')).toBe(16)
    expect(ageAt('2011-05', '2027-04-30')).toBe(15)
  })

  it('is NaN for unreadable input', () => {
    expect(ageAt('x', '2027-01-01')).toBeNaN()
    expect(ageAt('2011-05-06', '2027/01/01')).toBeNaN()
  })
})

describe('todayInShanghai', () => {
  it('is UTC+8', () => {
    expect(todayInShanghai(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01')
    expect(todayInShanghai(new Date('2024-12-31T15:59:59Z'))).toBe('2024-12-31')
  })

  it('defaults to now', () => {
    expect(todayInShanghai()).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })
})
