import {describe, expect, it} from 'vitest'

import {
  disabilityCell,
  guardianIncapable,
  healthFlags,
  leftBehindState,
  parentState,
  personAge,
  phoneReachable,
} from '../../../src/care/care.js'
import {parentsFromText} from '../../../src/risk/factors.js'
import {makeId} from '../diff/fixtures.js'

describe('health cells', () => {
  it.each([
    ['健康', false, false],
    ['良好', false, false],
    ['一般或较弱', false, false],
    ['无', false, false],
    ['', false, false],
    ['患病', true, false],
    ['重病', true, false],
    ['大病', true, false],
    ['有慢性病', true, false],
    ['先天性心脏病', true, false],
    ['白血病（化疗中）', true, false],
    ['癫痫', true, false],
    ['地中海贫血', true, false],
    ['体弱多病', true, false],
    ['精神分裂症', true, false],
    ['残疾', false, true],
    ['偏瘫', false, true],
    ['脑瘫', false, true],
    ['智力残疾', false, true],
    ['智力二级', false, true],
    ['肢体残疾三级', false, true],
    ['听力障碍', false, true],
    ['孤独症', false, true],
    ['有生理缺陷', false, true],
    ['残疾、患病', true, true],
    ['无残疾', false, false],
  ])('%s → ill %s, disabled %s', (text, ill, disabled) => {
    expect(healthFlags(text)).toEqual({ill, disabled})
  })

  it('a 残疾类别 cell is a disability unless it says no', () => {
    expect(disabilityCell('肢体二级')).toBe(true)
    expect(disabilityCell('是')).toBe(true)
    expect(disabilityCell('视力')).toBe(true)
    expect(disabilityCell('否')).toBe(false)
    expect(disabilityCell('无')).toBe(false)
    expect(disabilityCell('—')).toBe(false)
    expect(disabilityCell('')).toBe(false)
  })

  it('a guardian health cell, or a capacity cell under a 监护能力 header', () => {
    expect(guardianIncapable('重病', false)).toBe(true)
    expect(guardianIncapable('偏瘫卧床', false)).toBe(true)
    expect(guardianIncapable('健康', false)).toBe(false)
    expect(guardianIncapable('无', false)).toBe(false)
    expect(guardianIncapable('无', true)).toBe(true)
    expect(guardianIncapable('弱', true)).toBe(true)
    expect(guardianIncapable('丧失监护能力', true)).toBe(true)
    expect(guardianIncapable('有', true)).toBe(false)
    expect(guardianIncapable('具备', true)).toBe(false)
  })
})

describe('parents', () => {
  it.each([
    ['外出务工', '', 'away'],
    ['外出', '', 'away'],
    ['在广东打工', '', 'away'],
    ['', '广东省深圳市', 'away'],
    ['在家', '', 'home'],
    ['在家务农', '', 'home'],
    ['已返乡', '', 'home'],
    ['本地务工', '', 'home'],
    ['死亡', '', 'dead'],
    ['已故', '', 'dead'],
    ['病故', '', 'dead'],
    ['服刑', '', 'prison'],
    ['强制隔离戒毒', '', 'prison'],
    ['失踪', '', 'missing'],
    ['下落不明', '', 'missing'],
    ['重病', '', 'incapable'],
    ['残疾', '', 'incapable'],
    ['在家（瘫痪）', '', 'incapable'],
    ['丧失监护能力', '', 'incapable'],
    ['离异', '', 'absent'],
    ['', '', 'unknown'],
    ['不详', '无', 'unknown'],
  ])('%s / %s → %s', (status, workplace, state) => {
    expect(parentState(status, workplace)).toBe(state)
  })

  it('reads both parents from one cell', () => {
    expect(parentsFromText('父母均外出务工')).toEqual({father: 'away', mother: 'away'})
    expect(parentsFromText('父亲服刑、母亲外出务工')).toEqual({father: 'prison', mother: 'away'})
    expect(parentsFromText('父亲外出，母亲在家')).toEqual({father: 'away', mother: 'home'})
    expect(parentsFromText('母亲去世父亲外出打工')).toEqual({father: 'away', mother: 'dead'})
    expect(parentsFromText('父母双亡')).toEqual({father: 'dead', mother: 'dead'})
    expect(parentsFromText('父母双方外出')).toEqual({father: 'away', mother: 'away'})
    expect(parentsFromText('双方外出务工')).toEqual({father: 'away', mother: 'away'})
  })

  it('left-behind or not, from the statuses, the guardianship, the flag or the remarks', () => {
    expect(leftBehindState({fatherStatus: '外出务工', motherStatus: '外出务工'})).toBe('yes')
    expect(leftBehindState({fatherStatus: '外出务工', motherStatus: '重病'})).toBe('yes')
    expect(leftBehindState({fatherStatus: '外出务工', motherStatus: '在家'})).toBe('no')
    expect(leftBehindState({fatherWorkplace: '广东', motherWorkplace: '本地'})).toBe('no')
    expect(leftBehindState({fatherStatus: '外出务工', motherStatus: '外出务工', guardianshipType: '父母一方监护', guardianRelation: '父亲'})).toBe('no')
    expect(leftBehindState({fatherStatus: '外出务工', motherStatus: '重病', guardianshipType: '父母一方监护', guardianRelation: '母亲'})).toBe('yes')
    expect(leftBehindState({fatherStatus: '外出务工', motherStatus: '外出务工', leftBehind: '否'})).toBe('no')
    expect(leftBehindState({leftBehind: '是'})).toBe('yes')
    expect(leftBehindState({fatherStatus: '外出务工', motherStatus: '外出务工', remarks: '父亲已返乡'})).toBe('no')
    expect(leftBehindState({fatherStatus: '外出务工', motherStatus: '外出务工', remarks: '奶奶在家照顾'})).toBe('yes')
    expect(leftBehindState({fatherStatus: '外出务工', motherStatus: '外出务工', remarks: '父母春节返乡，节后外出'})).toBe('yes')
    expect(leftBehindState({})).toBe('unknown')
  })
})

describe('ages and phones', () => {
  const asOf = '2026-09-01'
  it("a person's age from the ID number, a birth date or an age cell", () => {
    expect(personAge(asOf, {idNumber: makeId('19540301', '201')})).toBe(72)
    const badCheck = makeId('19540301', '201').slice(0, 17) + (makeId('19540301', '201').endsWith('0') ? '1' : '0')
    expect(personAge(asOf, {idNumber: badCheck})).toBe(72)
    expect(personAge(asOf, {idNumber: '433122195403012000'})).toBe(72)
    expect(personAge(asOf, {idNumber: '4.33122E+17'})).toBeUndefined()
    expect(personAge(asOf, {birthDate: '1955年3月'})).toBe(71)
    expect(personAge(asOf, {age: '73岁'})).toBe(73)
    expect(personAge(asOf, {idNumber: '无', age: '68'})).toBe(68)
    expect(personAge(asOf, {})).toBeUndefined()
    // The child's own ID in the guardian's column says nothing about the guardian.
    const childId = makeId('20150301', '201')
    expect(personAge(asOf, {idNumber: childId}, childId)).toBeUndefined()
  })

  it('reachable on any valid number of the cell', () => {
    expect(phoneReachable('13812345678')).toBe(true)
    expect(phoneReachable('138-1234-5678')).toBe(true)
    expect(phoneReachable('0743-4221234')).toBe(true)
    expect(phoneReachable('13812345678（奶奶）')).toBe(true)
    expect(phoneReachable('13812345678/无')).toBe(true)
    expect(phoneReachable('4221234')).toBe(false)
    expect(phoneReachable('1381234567')).toBe(false)
    expect(phoneReachable('无')).toBe(false)
    expect(phoneReachable('')).toBe(false)
  })
})
