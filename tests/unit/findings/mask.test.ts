import {describe, expect, it} from 'vitest'

import {maskAddress, maskId, maskName, maskPhone, maskReport, maskValue, scrubText} from '../../../src/findings/mask.js'
import type {Report} from '../../../src/findings/model.js'

describe('maskId', () => {
  it('keeps the first six and last four characters of an 18-character ID', () => {
    expect(maskId('43010220010506123X')).toBe('430102********123X')
  })
  it('masks 15-digit and damaged IDs without revealing the middle', () => {
    expect(maskId('430102010506123')).toBe('430102*****6123')
    expect(maskId('4301')).toBe('****')
  })
})

describe('maskPhone', () => {
  it('masks a mobile as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
  })
  it('keeps the area code of a landline', () => {
    expect(maskPhone('0731-84567890')).toBe('0731-****7890')
  })
})

describe('maskName and maskAddress', () => {
  it('masks names as 张*涵 and keeps minority name parts apart', () => {
    expect(maskName('张子涵')).toBe('张*涵')
    expect(maskName('李四')).toBe('李*')
    expect(maskName('阿卜杜拉·艾买提')).toBe('阿**拉·艾*提')
  })
  it('keeps an address down to town level', () => {
    expect(maskAddress('湖南省长沙县黄兴镇蓝田村3组12号')).toBe('湖南省长沙县黄兴镇***')
  })
})

describe('scrubText', () => {
  it('masks ID numbers, scientific-notation IDs and mobiles inside free text', () => {
    const text = '行 430102200105061234 与 4.30102E+17，电话13812345678'
    const out = scrubText(text)
    expect(out).not.toContain('200105061234'.slice(0, 8))
    expect(out).toContain('430102********1234')
    expect(out).toContain('138****5678')
    expect(out).not.toContain('4.30102E+17')
  })
  it('leaves text without long digit runs untouched', () => {
    expect(scrubText('年龄 25 周岁')).toBe('年龄 25 周岁')
  })
})

describe('maskValue by mode', () => {
  it('none keeps everything, ids masks IDs and phones, all also names', () => {
    expect(maskValue('idNumber', '430102200105061234', 'none')).toBe('430102200105061234')
    expect(maskValue('guardianIdNumber', '430102200105061234', 'ids')).toBe('430102********1234')
    expect(maskValue('guardianPhone', '13812345678', 'ids')).toBe('138****5678')
    expect(maskValue('name', '张子涵', 'ids')).toBe('张子涵')
    expect(maskValue('name', '张子涵', 'all')).toBe('张*涵')
  })
})

describe('maskReport', () => {
  it('masks values, expected values and related values of every finding', () => {
    const report: Report = {
      tool: 'liushou',
      version: '0',
      command: 'validate',
      asOf: '2026-01-01',
      generatedAt: '2026-01-01T00:00:00.000Z',
      inputs: [],
      summary: {rows: 2, findings: 1, errors: 1, warnings: 0, infos: 0, byCode: {ID_DUPLICATE: 1}},
      findings: [
        {
          dataset: 'a',
          file: 'a.csv',
          row: 2,
          code: 'ID_DUPLICATE',
          severity: 'error', fingerprint: '0000000000000001',
          message: 'm',
          field: 'idNumber',
          value: '430102200105061234',
          expected: '430102200105061234',
          related: [{dataset: 'a', file: 'a.csv', row: 3, field: 'idNumber', value: '430102200105061234'}],
        },
      ],
    }
    const json = JSON.stringify(maskReport(report, 'ids'))
    expect(json).not.toContain('430102200105061234')
    expect(JSON.stringify(maskReport(report, 'none'))).toContain('430102200105061234')
  })
})

describe('maskPhone on short numbers', () => {
  it('never leaves a seven- to ten-digit number readable', () => {
    expect(maskPhone('1381234')).toBe('13***34')
    expect(maskPhone('84567890')).toBe('84****90')
  })
})
