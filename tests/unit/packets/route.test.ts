import {describe, expect, it} from 'vitest'

import type {Finding} from '../../../src/findings/model.js'
import {answerOf, lineColumnOf} from '../../../src/packets/columns.js'
import {identityCheck} from '../../../src/packets/identity.js'
import {recipientOf, safeFileName} from '../../../src/packets/route.js'

const finding = (code: Finding['code'], extra: Partial<Finding> = {}): Finding => ({dataset: 'civil-affairs', file: 'a.csv', row: 2, code, severity: 'warning', message: 'm', fingerprint: '0123456789abcdef', ...extra})

describe('routing', () => {
  const facts = {identity: {}, reportingUnit: '黄兴镇汇龙村', town: '黄兴镇', village: '汇龙村民委员会'}
  it('goes to the unit, else the village; to the town; to the village', () => {
    expect(recipientOf(finding('PHONE_INVALID'), facts, 'unit', 'civil-affairs', 'zh')?.name).toBe('黄兴镇汇龙村')
    expect(recipientOf(finding('PHONE_INVALID'), {identity: {}, village: '汇龙村民委员会'}, 'unit', undefined, 'zh')?.name).toBe('汇龙村民委员会')
    expect(recipientOf(finding('PHONE_INVALID'), facts, 'town', undefined, 'zh')?.name).toBe('黄兴镇')
    expect(recipientOf(finding('PHONE_INVALID'), facts, 'village', undefined, 'zh')?.name).toBe('汇龙村民委员会')
    expect(recipientOf(finding('PHONE_INVALID'), {identity: {}}, 'unit', undefined, 'zh')).toBeUndefined()
  })
  it('by department: the row’s department, except enrolment (education) and registration (public security)', () => {
    expect(recipientOf(finding('XC_FIELD_CONFLICT'), facts, 'department', 'civil-affairs', 'zh')).toEqual({name: '民政', department: 'civil-affairs'})
    expect(recipientOf(finding('XC_NOT_ENROLLED'), facts, 'department', 'civil-affairs', 'en')).toEqual({name: 'education', department: 'education'})
    expect(recipientOf(finding('XC_NOT_REGISTERED'), facts, 'department', 'civil-affairs', 'zh')?.department).toBe('public-security')
    expect(recipientOf(finding('PHONE_INVALID'), facts, 'department', undefined, 'zh')).toBeUndefined()
  })
  it('makes names safe for a file', () => {
    expect(safeFileName('黄兴镇/汇龙村:"1"')).toBe('黄兴镇_汇龙村__1_')
    expect(safeFileName('..')).toBe('_')
    expect(safeFileName('a'.repeat(200))).toHaveLength(80)
  })
})

describe('answers and columns in either language', () => {
  it('reads the answers as written by Excel or WPS', () => {
    expect(answerOf(' 已更正 ')).toBe('corrected')
    expect(answerOf('情况属实')).toBe('confirmed')
    expect(answerOf('Cannot  Verify')).toBe('cannot-verify')
    expect(answerOf('not ours')).toBe('not-ours')
    expect(answerOf('')).toBeUndefined()
    expect(answerOf('maybe')).toBeUndefined()
  })
  it('maps headers of both languages, full-width forms folded', () => {
    expect(lineColumnOf('问题编号')).toBe('fingerprint')
    expect(lineColumnOf('Finding id')).toBe('fingerprint')
    expect(lineColumnOf('村（社区）')).toBe('village')
    expect(lineColumnOf('Checked on')).toBe('checkedOn')
    expect(lineColumnOf('备注')).toBeUndefined()
  })
})

describe('the identity check', () => {
  it('is the same for the same child written another way, different for another child', () => {
    const a = identityCheck('d', {name: '张 三', gender: '1', idNumber: '11010519491231002x', birthDate: '1949年12月31日'})
    expect(identityCheck('d', {name: '张三', gender: '男', idNumber: '11010519491231002X', birthDate: '1949-12-31'})).toBe(a)
    expect(identityCheck('d', {name: '张四', gender: '男', idNumber: '11010519491231002X', birthDate: '1949-12-31'})).not.toBe(a)
    expect(identityCheck('other', {name: '张三', gender: '男', idNumber: '11010519491231002X', birthDate: '1949-12-31'})).not.toBe(a)
  })
})
