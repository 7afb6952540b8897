// Issue #8, item 2 (primitives): every function of src/cn/ — and the cell-level functions built on
// them (normalize, masking, formula neutralising, header mapping) — takes any string without
// throwing or hanging, 10,000 random cases each. Where a cheap invariant exists it is checked too.
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {isLookalike, lookalikeRule, lookalikesOf, namesLookAlike} from '../../src/cn/confusables.js'
import {ageAt, excelSerialToIso, parseDate, todayInShanghai} from '../../src/cn/dates.js'
import {analyzeId, checkDigit, isExcelMangled, upgrade15} from '../../src/cn/id-number.js'
import {explainLunarMismatch, lunarToSolarIso, solarToLunar} from '../../src/cn/lunar.js'
import {checkName} from '../../src/cn/names.js'
import {parsePhone} from '../../src/cn/phone.js'
import {nameInitials, namePinyin, nameSyllables, pinyinKey, splitSurname, surnamePinyin} from '../../src/cn/pinyin.js'
import {
  type RegionLevel,
  checkIdRegion,
  checkRegionNames,
  countyCodeHistory,
  countyCodeRecords,
  listChildren,
  lookupRegion,
  normalizeRegionName,
  regionNameMatches,
  unpadRegionCode,
} from '../../src/cn/region.js'
import {daysInMonth, isHanCodePoint, isLeapYear, isMiddleDotLookalike, isoDate, toHalfWidth, trimSpaces} from '../../src/cn/text.js'
import {sameUpToVariants, toSimplified} from '../../src/cn/variants.js'
import {needsNeutralizing, neutralizeCell} from '../../src/io/neutralize.js'
import {normalizeCell} from '../../src/normalize/cells.js'
import {maskAddress, maskId, maskName, maskPhone, maskValue, scrubText} from '../../src/findings/mask.js'
import {FIELDS} from '../../src/schema/fields.js'
import {mapHeader, normalizeHeader} from '../../src/schema/headers.js'
import {RUNS, anyNumber, digits, hostile, isoish} from './arbitraries.js'

const opts = {numRuns: RUNS}
// A generous ceiling: 10,000 cases of the slowest primitive (pinyin, lunar) take a few seconds.
const LIMIT = 120_000

const ISO = /^\d{4}-\d{2}-\d{2}$/
const LEVELS: RegionLevel[] = ['province', 'city', 'county', 'town', 'village']
const regionCode = fc.oneof(digits(6), digits(9), digits(12), fc.constantFrom('433122', '430121', '110101', '810000', '433122108212', '000000', '999999'), hostile)

describe('id-number', () => {
  it('analyzeId: any string; a canonical ID is 18 characters with its own check digit; no fixes means nothing changed', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, digits(18), digits(15), digits(17).map((d) => `${d}x`)), (raw) => {
        const a = analyzeId(raw)
        if (a.canonical !== undefined) {
          expect(a.canonical).toMatch(/^\d{17}[\dX]$/)
          expect(checkDigit(a.canonical.slice(0, 17))).toBe(a.canonical[17])
          expect(a.problem).toBeUndefined()
        }
        expect(a.fixes.length === 0).toBe(a.cleaned === a.raw)
      }),
      opts,
    )
  }, LIMIT)

  it('checkDigit, upgrade15, isExcelMangled', () => {
    fc.assert(
      fc.property(digits(17), digits(15), hostile, (d17, d15, raw) => {
        expect('0123456789X').toContain(checkDigit(d17))
        const up = upgrade15(d15)
        expect(up).toHaveLength(18)
        expect(checkDigit(up.slice(0, 17))).toBe(up[17])
        expect(typeof isExcelMangled(raw)).toBe('boolean')
      }),
      opts,
    )
  }, LIMIT)
})

describe('dates and lunar calendar', () => {
  it('parseDate: any string; what it reads is a real ISO date', () => {
    fc.assert(
      fc.property(hostile, (raw) => {
        const p = parseDate(raw)
        if (p.kind === 'date') expect(p.iso).toMatch(ISO)
        if (p.kind === 'ambiguous') expect(p.readings.length).toBeGreaterThan(1)
      }),
      opts,
    )
  }, LIMIT)

  it('excelSerialToIso, ageAt, todayInShanghai: any number or date', () => {
    fc.assert(
      fc.property(anyNumber, isoish, isoish, fc.date(), (serial, a, b, now) => {
        const iso = excelSerialToIso(serial)
        if (iso !== undefined) expect(iso).toMatch(ISO)
        ageAt(a, b)
        const today = todayInShanghai(now)
        if (!Number.isNaN(now.getTime())) expect(typeof today).toBe('string')
      }),
      opts,
    )
  }, LIMIT)

  it('lunarToSolarIso, solarToLunar, explainLunarMismatch: any year, month, day and date', () => {
    fc.assert(
      fc.property(anyNumber, anyNumber, anyNumber, fc.boolean(), isoish, isoish, (y, m, d, leap, a, b) => {
        const solar = lunarToSolarIso(y, m, d, leap)
        if (solar !== undefined) expect(solar).toMatch(ISO)
        solarToLunar(a)
        explainLunarMismatch(a, b)
      }),
      opts,
    )
  }, LIMIT)
})

describe('names, phones, pinyin', () => {
  it('checkName and parsePhone: any string', () => {
    fc.assert(
      fc.property(hostile, (raw) => {
        checkName(raw)
        parsePhone(raw)
      }),
      opts,
    )
  }, LIMIT)

  it('pinyin: any string', () => {
    fc.assert(
      fc.property(hostile, (raw) => {
        const {surname, given} = splitSurname(raw)
        expect(typeof surname + typeof given).toBe('stringstring')
        namePinyin(raw)
        nameInitials(raw)
        surnamePinyin(raw)
        pinyinKey(raw)
        expect(Array.isArray(nameSyllables(raw))).toBe(true)
      }),
      opts,
    )
  }, LIMIT)

  it('look-alike characters and traditional forms: any pair of strings', () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        lookalikeRule(a, b)
        isLookalike(a, b)
        lookalikesOf(a)
        const r = namesLookAlike(a, b)
        expect(r.lookalike).toBe(r.positions.length > 0)
        expect(sameUpToVariants(a, a)).toBe(true)
        expect(toSimplified(toSimplified(a))).toBe(toSimplified(a))
      }),
      opts,
    )
  }, LIMIT)
})

describe('regions', () => {
  it('lookups by any code', () => {
    fc.assert(
      fc.property(regionCode, anyNumber, (code, year) => {
        lookupRegion(code)
        listChildren(code)
        countyCodeRecords(code)
        countyCodeHistory(code)
        checkIdRegion(code, year)
        unpadRegionCode(code)
      }),
      opts,
    )
  }, LIMIT)

  it('names against codes: any name, any level', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LEVELS), hostile, hostile, regionCode, (level, written, official, code) => {
        normalizeRegionName(written)
        regionNameMatches(level, written, official, code)
        checkRegionNames(code, {[level]: written})
      }),
      opts,
    )
  }, LIMIT)
})

describe('text', () => {
  it('width folding, spaces, code-point classes, calendar arithmetic', () => {
    fc.assert(
      fc.property(hostile, fc.integer({min: -1, max: 0x10ffff + 1}), anyNumber, anyNumber, anyNumber, (s, cp, y, m, d) => {
        expect(toHalfWidth(toHalfWidth(s))).toBe(toHalfWidth(s))
        expect(trimSpaces(trimSpaces(s))).toBe(trimSpaces(s))
        isHanCodePoint(cp)
        isMiddleDotLookalike(cp)
        isLeapYear(y)
        daysInMonth(y, m)
        isoDate(y, m, d)
      }),
      opts,
    )
  }, LIMIT)
})

describe('cells: normalize, mask, neutralise, headers', () => {
  const fields = FIELDS.map((f) => f.key)

  it('normalizeCell: any value of any field; a second pass changes nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fields), hostile, (field, raw) => {
        const change = normalizeCell(field, raw)
        if (change) {
          expect(typeof change.after).toBe('string')
          expect(normalizeCell(field, change.after)).toBeUndefined()
        }
      }),
      opts,
    )
  }, LIMIT)

  it('scrubText leaves no run of 15–18 digits, no mobile and no landline number; the maskers take any string', () => {
    fc.assert(
      fc.property(hostile, fc.constantFrom(...fields, undefined), fc.constantFrom('none' as const, 'ids' as const, 'all' as const), (raw, field, mode) => {
        const scrubbed = scrubText(raw)
        expect(scrubbed).not.toMatch(/(?<![0-9０-９])[0-9０-９]{14,17}[0-9０-９XxＸｘ](?![0-9０-９])/)
        expect(scrubbed).not.toMatch(/(?<![0-9０-９])1[3-9][0-9]{9}(?![0-9０-９])/)
        expect(scrubbed).not.toMatch(/(?<![0-9０-９])(?:0[0-9]{2,3}[-－ ][0-9]{7,8}|0[0-9]{9,11})(?![0-9０-９])/)
        maskId(raw)
        maskPhone(raw)
        maskName(raw)
        maskAddress(raw)
        maskValue(field, raw, mode)
      }),
      opts,
    )
  }, LIMIT)

  it('neutralizeCell: the result never starts a formula', () => {
    fc.assert(
      fc.property(hostile, (raw) => {
        expect(needsNeutralizing(neutralizeCell(raw))).toBe(false)
      }),
      opts,
    )
  }, LIMIT)

  it('normalizeHeader and mapHeader: any header', () => {
    fc.assert(
      fc.property(hostile, (raw) => {
        normalizeHeader(raw)
        const field = mapHeader(raw)
        if (field !== undefined) expect(fields).toContain(field)
      }),
      opts,
    )
  }, LIMIT)
})
