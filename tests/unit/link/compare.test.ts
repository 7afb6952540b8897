import {describe, expect, it} from 'vitest'

import {solarToLunar} from '../../../src/cn/lunar.js'
import {BIRTH, C_BIRTH, C_HOUSEHOLD, C_ID, C_NAME, C_REGION, C_SEX, COMPARISONS, HOUSEHOLD, ID, NAME, REGION, SEX, levelOf} from '../../../src/link/comparisons.js'
import {guardBlocks} from '../../../src/link/identity.js'
import type {RecordValues} from '../../../src/link/plain/columns.js'
import {keptBySpreadsheet, roundedDigits} from '../../../src/cn/spreadsheet-digits.js'
import {withinOneEdit} from '../../../src/link/plain/compare.js'
import {dateLevel} from '../../../src/link/plain/dates.js'
import {badCheck, id, storeOf} from './helpers.js'

// The comparators of plain records, level by level (the rules on top of them: identity.test.ts).

const CHILD = id('43012120150304002')

type Store = ReturnType<typeof storeOf>
/** The level of one comparison (C_ID …) of two records. */
const comparator = (k: number) => (s: Store, a: number, b: number): number => levelOf(s.representation.compare(a, b), k)
const compareId = comparator(C_ID)
const compareName = comparator(C_NAME)
const compareBirth = comparator(C_BIRTH)
const compareSex = comparator(C_SEX)
const compareRegion = comparator(C_REGION)
const compareHousehold = comparator(C_HOUSEHOLD)

function level(compare: typeof compareId, a: Partial<RecordValues>, b: Partial<RecordValues>): number {
  const s = storeOf(a, b)
  return compare(s, 0, 1)
}

describe('ID number levels', () => {
  const other = id('43012120150304017')
  it.each([
    ['exact', CHILD, CHILD, ID.EXACT],
    ['exact after certain fixes (full-width, apostrophe, lowercase x)', `'${CHILD}`, CHILD.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)), ID.EXACT],
    ['15 and 18 digits of one number', '430121850304002', id('43012119850304002'), ID.LEGACY15],
    ['the same invalid number twice', badCheck(CHILD), badCheck(CHILD), ID.SAME_INVALID],
    ['one substitution (check digit)', CHILD, badCheck(CHILD), ID.TYPO],
    ['one substitution (a digit)', CHILD, CHILD.slice(0, 10) + (CHILD[10] === '9' ? '8' : '9') + CHILD.slice(11), ID.TYPO],
    ['a digit dropped', CHILD, CHILD.slice(0, 8) + CHILD.slice(9), ID.TYPO],
    ['a typo on each side, both failing their check', badCheck(CHILD), CHILD.slice(0, 3) + (CHILD[3] === '9' ? '8' : '9') + CHILD.slice(4), ID.TYPO],
    ['adjacent swap', CHILD, CHILD.slice(0, 12) + CHILD[13] + CHILD[12] + CHILD.slice(14), ID.SWAP],
    ['Excel zeroed the last three digits', CHILD, CHILD.slice(0, 15) + '000', ID.EXCEL],
    ['Excel scientific notation', CHILD, '4.30121E+17', ID.EXCEL_PARTIAL],
    // A spreadsheet rounds to 15 significant digits (…291658 → …292000), with a carry at times (…099962 → …100000).
    ['a spreadsheet rounded the last three digits up', '433122201009291658', '433122201009292000', ID.EXCEL],
    ['a spreadsheet rounded up with a carry', '433122201009999620', '433122201010000000', ID.EXCEL],
    ['LibreOffice rounded the sixteenth digit, then the fifteenth', '433122201103250473', '433122201103251000', ID.EXCEL],
    ['scientific notation rounded up', '433122601009291658', '4.33123E+17', ID.EXCEL_PARTIAL],
    ["a spreadsheet's digits of another number", '433122201009291658', '433122201009294000', ID.DIFFERENT],
    ['two valid numbers of the same region and birth date, another sequence (re-issued, or a twin)', CHILD, other, ID.REISSUED],
    ['two valid numbers of the same birth date and sequence under another region', CHILD, id('43011220150304002'), ID.REGION_CHANGED],
    ['two or three characters apart in the birth date', CHILD, id('43012120150314002'), ID.NEAR],
    ['two valid, different numbers', CHILD, id('43012120160711017'), ID.DIFFERENT_VALID],
    ['invalid and far from the other', CHILD, badCheck(id('43052219990101001')), ID.DIFFERENT],
    ['missing on one side', CHILD, '', ID.MISSING],
  ])('%s', (_, a, b, expected) => {
    expect(COMPARISONS[0]!.labels[level(compareId, {idNumber: a}, {idNumber: b})]).toBe(COMPARISONS[0]!.labels[expected])
  })

  it('Excel damage that leaves a verifying check digit is still read as damage, never as another child', () => {
    // A number whose zeroed form happens to verify (one time in eleven).
    let zeroedValid = ''
    let original = ''
    for (let n = 0; n < 1000 && zeroedValid === ''; n++) {
      const first15 = `4301212015${String(n).padStart(5, '0')}`.slice(0, 15)
      if (id(`${first15}00`) === `${first15}000`) {
        zeroedValid = `${first15}000`
        original = id(`${first15}12`)
      }
    }
    expect(zeroedValid).not.toBe('')
    const s = storeOf({idNumber: original}, {idNumber: zeroedValid})
    expect(compareId(s, 0, 1)).toBe(ID.EXCEL)
    expect(guardBlocks(s, 0, 1)).toBe(false)
  })

  it('the guard: two valid, different 18-digit numbers', () => {
    const s = storeOf({idNumber: CHILD}, {idNumber: id('43012120150304017')}, {idNumber: CHILD}, {idNumber: badCheck(CHILD)})
    expect(guardBlocks(s, 0, 1)).toBe(true)
    expect(guardBlocks(s, 0, 2)).toBe(false)
    expect(guardBlocks(s, 0, 3)).toBe(false)
  })
})

describe('name levels', () => {
  it.each([
    ['exact', '李子涵', '李子涵', NAME.EXACT],
    ['exact once spaces are removed', '李 子涵', '李子涵', NAME.EXACT],
    ['traditional and simplified', '張子涵', '张子涵', NAME.VARIANT],
    ['homophone typed through a pinyin input method', '王芳', '王方', NAME.HOMOPHONE],
    ['look-alike character', '张子汩', '张子汨', NAME.LOOKALIKE],
    ['look-alike and homophone at two places', '李晴含', '李睛涵', NAME.LOOKALIKE],
    ['swapped characters', '李子涵', '李涵子', NAME.SWAPPED],
    ['pinyin one letter apart', '王芳', '王凡', NAME.PINYIN_CLOSE],
    ['one character different', '李子涵', '李子轩', NAME.ONE_CHARACTER],
    ['same given name under another surname', '李子涵', '王子涵', NAME.GIVEN_ONLY],
    ['different', '李子涵', '李浩宇', NAME.DIFFERENT],
    ['not a name (junk) is missing', '李子涵', '不详', NAME.MISSING],
    ['missing', '李子涵', '', NAME.MISSING],
  ])('%s', (_, a, b, expected) => {
    expect(COMPARISONS[1]!.labels[level(compareName, {name: a}, {name: b})]).toBe(COMPARISONS[1]!.labels[expected])
  })
})

describe('birth date levels', () => {
  const lunar = solarToLunar('2015-03-04')!
  const lunarWritten = `${lunar.year}-${String(lunar.month).padStart(2, '0')}-${String(lunar.day).padStart(2, '0')}`
  it.each([
    ['exact', '2015-03-04', '2015-03-04', BIRTH.EXACT],
    ['exact in another format', '2015年3月4日', '42067', BIRTH.EXACT],
    ['lunar birthday written as Gregorian', '2015-03-04', lunarWritten, BIRTH.LUNAR],
    ['day and month swapped', '2015-03-04', '2015-04-03', BIRTH.DAY_MONTH_SWAP],
    ['year-month only, agreeing', '2015.03', '2015-03-04', BIRTH.PARTIAL],
    ['one digit typed wrong', '2015-03-04', '2015-03-14', BIRTH.NEAR],
    ['same year only', '2015-03-04', '2015-09-20', BIRTH.YEAR],
    ['different', '2015-03-04', '2012-11-20', BIRTH.DIFFERENT],
    ['missing', '2015-03-04', '', BIRTH.MISSING],
  ])('%s', (_, a, b, expected) => {
    expect(COMPARISONS[2]!.labels[level(compareBirth, {birthDate: a}, {birthDate: b})]).toBe(COMPARISONS[2]!.labels[expected])
  })

  it('uses the birth date inside a valid ID when the row has none', () => {
    expect(level(compareBirth, {idNumber: CHILD}, {birthDate: '2015-03-04'})).toBe(BIRTH.EXACT)
  })

  it('dateLevel is symmetric', () => {
    for (const [a, b] of [
      [20150304, 20150403],
      [20150304, 20150314],
      [20150300, 20150304],
      [20150304, 20120101],
    ] as const) {
      expect(dateLevel(a, b)).toBe(dateLevel(b, a))
    }
  })
})

describe('sex, region and household levels', () => {
  it('sex: same, different, missing (the ID tells when the column is empty)', () => {
    expect(level(compareSex, {gender: '女'}, {gender: '2'})).toBe(SEX.SAME)
    expect(level(compareSex, {gender: '女'}, {gender: '男'})).toBe(SEX.DIFFERENT)
    expect(level(compareSex, {gender: '女'}, {})).toBe(SEX.MISSING)
    expect(level(compareSex, {gender: '女'}, {idNumber: CHILD})).toBe(SEX.SAME)
  })

  it.each([
    ['village', '430121001001', '430121001001', REGION.VILLAGE],
    ['town', '430121001001', '430121001002', REGION.TOWN],
    ['county', '430121001001', '430121002001', REGION.COUNTY],
    ['county when one side has the county code only', '430121001001', '430121', REGION.COUNTY],
    ['city', '430121001001', '430181001001', REGION.CITY],
    ['province', '430121001001', '430522001001', REGION.PROVINCE],
    ['different', '430121001001', '440106001001', REGION.DIFFERENT],
    ['missing', '430121001001', '', REGION.MISSING],
  ])('region code by level: %s', (_, a, b, expected) => {
    expect(level(compareRegion, {regionCode: a}, {regionCode: b})).toBe(expected)
  })

  it('region names when there is no code', () => {
    const place = {county: '长沙县', town: '星沙街道', village: '开元路社区'}
    expect(level(compareRegion, place, place)).toBe(REGION.VILLAGE)
    expect(level(compareRegion, place, {...place, village: '别的村'})).toBe(REGION.TOWN)
    expect(level(compareRegion, place, {county: '长沙县', town: '别的镇'})).toBe(REGION.COUNTY)
    expect(level(compareRegion, place, {county: '浏阳市'})).toBe(REGION.DIFFERENT)
    expect(level(compareRegion, place, {})).toBe(REGION.MISSING)
  })

  it('household: guardian ID or phone or two names strong, one name weak, nothing shared none', () => {
    const g = id('43012119500101001')
    expect(level(compareHousehold, {guardianIdNumber: g}, {guardianIdNumber: g})).toBe(HOUSEHOLD.STRONG)
    expect(level(compareHousehold, {phones: ['138 1234 5678']}, {phones: ['13812345678']})).toBe(HOUSEHOLD.STRONG)
    expect(level(compareHousehold, {fatherName: '李建军', motherName: '王芳'}, {fatherName: '李建军', motherName: '王方'})).toBe(HOUSEHOLD.STRONG)
    expect(level(compareHousehold, {guardianName: '李德明'}, {fatherName: '李德明'})).toBe(HOUSEHOLD.ONE)
    expect(level(compareHousehold, {guardianName: '李德明', phones: ['13812345678']}, {guardianName: '张三', phones: ['13912345678']})).toBe(HOUSEHOLD.NONE)
    expect(level(compareHousehold, {guardianName: '李德明'}, {})).toBe(HOUSEHOLD.MISSING)
  })
})

describe('the comparison vector', () => {
  it('packs one level per comparison, 4 bits each', () => {
    const s = storeOf({name: '李子涵', idNumber: CHILD, gender: '女'}, {name: '李子含', idNumber: badCheck(CHILD), gender: '女', birthDate: '2015-03-04'})
    const p = s.representation.compare(0, 1)
    expect(levelOf(p, 0)).toBe(ID.TYPO)
    expect(levelOf(p, 1)).toBe(NAME.HOMOPHONE)
    expect(levelOf(p, 2)).toBe(BIRTH.EXACT)
    expect(levelOf(p, 3)).toBe(SEX.SAME)
  })

  it('withinOneEdit', () => {
    expect(withinOneEdit('wangfang', 'wangfan')).toBe(true)
    expect(withinOneEdit('wangfang', 'wanfgang')).toBe(false)
    expect(withinOneEdit('zihan', 'zixuan')).toBe(false)
    expect(withinOneEdit('abc', 'abd')).toBe(true)
  })
})

describe('spreadsheet digits', () => {
  it('are the digits cut, rounded, or rounded twice (sixteenth, then fifteenth), nothing else', () => {
    expect(keptBySpreadsheet('433122201103250473', '433122201103250')).toBe(true)
    expect(keptBySpreadsheet('433122201103250473', '433122201103251')).toBe(true)
    expect(keptBySpreadsheet('433122201009291658', '433122201009292')).toBe(true)
    expect(keptBySpreadsheet('433122201009291658', '433122201009293')).toBe(false)
    expect(keptBySpreadsheet('433122201009291358', '433122201009292')).toBe(false)
  })
})

describe('roundedDigits', () => {
  it('rounds half up at the digit after the n kept, carrying', () => {
    expect(roundedDigits('433122201009291658', 15)).toBe('433122201009292')
    expect(roundedDigits('433122201009291458', 15)).toBe('433122201009291')
    expect(roundedDigits('433122201009999620', 15)).toBe('433122201010000')
    expect(roundedDigits('999', 2)).toBe('100')
    expect(roundedDigits('43312220100929165X', 17)).toBe('43312220100929165')
    expect(roundedDigits('4331', 6)).toBe('4331')
  })
})
