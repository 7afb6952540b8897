import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../../src/cn/id-number.js'
import {normalizeCell} from '../../../src/normalize/cells.js'
import {ETHNIC_GROUPS} from '../../../src/schema/code-lists.js'
import {FIELDS} from '../../../src/schema/fields.js'

const id = (first17: string) => first17 + checkDigit(first17)
const CHILD = id('43012120150304002')

describe('normalizeCell: certain fixes', () => {
  it.each([
    ['idNumber', CHILD.toLowerCase(), CHILD, 'ID_CLEANED'],
    ['idNumber', `'${CHILD}`, CHILD, 'ID_CLEANED'],
    ['idNumber', CHILD.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)), CHILD, 'ID_CLEANED'],
    ['idNumber', `${CHILD.slice(0, 6)} ${CHILD.slice(6, 14)} ${CHILD.slice(14)}`, CHILD, 'ID_CLEANED'],
    ['guardianIdNumber', '430121600101001', '430121196001010011', 'ID_UPGRADED'],
    ['birthDate', '2011年5月6日', '2011-05-06', 'DATE_ISO'],
    ['birthDate', '2011.5.6', '2011-05-06', 'DATE_ISO'],
    ['birthDate', '20110506', '2011-05-06', 'DATE_ISO'],
    ['birthDate', '40669', '2011-05-06', 'DATE_ISO'],
    ['birthDate', '2011年5月', '2011-05', 'DATE_ISO'],
    ['gender', '1', '男', 'GENDER_CODE'],
    ['gender', 'F', '女', 'GENDER_CODE'],
    ['ethnicity', '汉', '汉族', 'ETHNICITY_NAME'],
    ['ethnicity', '15', '土家族', 'ETHNICITY_NAME'],
    ['guardianshipType', '爷爷奶奶', '祖辈监护', 'CODE_SYNONYM'],
    ['guardianRelation', '奶奶', '祖母', 'CODE_SYNONYM'],
    ['guardianPhone', '138 1234 5678', '13812345678', 'PHONE_CLEANED'],
    ['guardianPhone', '+86 13812345678', '13812345678', 'PHONE_CLEANED'],
    ['name', '张 三', '张三', 'NAME_CLEANED'],
    ['name', '阿卜杜拉•艾买提', '阿卜杜拉·艾买提', 'NAME_CLEANED'],
    ['regionCode', '４３０１２１００１００１', '430121001001', 'REGION_CODE_CLEANED'],
    ['regionCode', "'430121001001", '430121001001', 'REGION_CODE_CLEANED'],
    ['school', ' 星沙小学 ', '星沙小学', 'WHITESPACE'],
  ])('%s %s → %s (%s)', (field, before, after, reason) => {
    expect(normalizeCell(field, before)).toEqual({after, reason})
  })
})

describe('normalizeCell: never guesses', () => {
  it.each([
    ['idNumber', '4.30121E+17'],
    ['idNumber', '430121201503040000'],
    ['idNumber', CHILD.slice(0, 17) + (CHILD.endsWith('1') ? '2' : '1')],
    ['birthDate', '03/04/2012'],
    ['birthDate', '2011-02-30'],
    ['name', '不详'],
    ['guardianPhone', '12345'],
    ['guardianshipType', '邻居照看'],
    ['remarks', '  free text kept  '],
  ])('%s %s is left as it is', (field, value) => {
    const change = normalizeCell(field, value)
    if (field === 'remarks') expect(change).toEqual({after: 'free text kept', reason: 'WHITESPACE'})
    else expect(change).toBeUndefined()
  })
})

const canonicalValues: Record<string, fc.Arbitrary<string>> = {
  idNumber: fc.tuple(fc.constantFrom('430121', '110101', '440113'), fc.integer({min: 1950, max: 2024}), fc.integer({min: 1, max: 12}), fc.integer({min: 1, max: 28}), fc.integer({min: 0, max: 999})).map(
    ([r, y, m, d, s]) => id(`${r}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(s).padStart(3, '0')}`),
  ),
  birthDate: fc.date({min: new Date('1950-01-01'), max: new Date('2030-12-31'), noInvalidDate: true}).map((d) => d.toISOString().slice(0, 10)),
  gender: fc.constantFrom('男', '女'),
  ethnicity: fc.constantFrom(...ETHNIC_GROUPS),
  guardianPhone: fc.tuple(fc.constantFrom('13', '15', '18', '19'), fc.integer({min: 0, max: 999_999_999})).map(([p, n]) => p + String(n).padStart(9, '0')),
  name: fc.constantFrom('张子涵', '欧阳明月', '吕欣', '阿卜杜拉·艾买提', '𠮷祥', '李䶮'),
}

describe('normalizeCell properties', () => {
  const fields = FIELDS.map((f) => f.key)

  it('normalizing twice equals normalizing once, for any value of any field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.string({unit: 'grapheme', maxLength: 30}), (field, raw) => {
        const once = normalizeCell(field, raw)?.after ?? raw
        expect(normalizeCell(field, once)).toBeUndefined()
      }),
      {numRuns: 5000},
    )
  })

  it('never changes a value that is canonical already', () => {
    for (const [field, arbitrary] of Object.entries(canonicalValues)) {
      fc.assert(
        fc.property(arbitrary, (value) => {
          expect(normalizeCell(field, value)).toBeUndefined()
        }),
        {numRuns: 1000},
      )
    }
  })
})
