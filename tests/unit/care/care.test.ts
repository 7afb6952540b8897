import {describe, expect, it} from 'vitest'

import {
  careBasis,
  disabilityCell,
  guardianIncapable,
  healthFlags,
  leftBehindState,
  mergeCare,
  notLeftBehind,
  personAge,
  phoneReachable,
  readCare,
} from '../../../src/care/care.js'
import {extraColumns, rowReader} from '../../../src/care/columns.js'
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

/** The care facts of a row given as canonical field → text. */
const care = (row: Record<string, string>) => readCare((field) => row[field])
const state = (row: Record<string, string>) => leftBehindState(care(row))

describe('parents, through the one reading of parent-state.ts', () => {
  it.each([
    [{fatherStatus: '外出务工'}, 'away'],
    [{fatherStatus: '在广东打工'}, 'away'],
    [{fatherWorkplace: '广东省深圳市'}, 'away'],
    [{fatherStatus: '在家'}, 'home-able'],
    [{fatherStatus: '已返乡'}, 'home-able'],
    [{fatherStatus: '本地务工'}, 'home-able'],
    [{fatherStatus: '病故'}, 'dead'],
    [{fatherStatus: '强制隔离戒毒'}, 'prison'],
    [{fatherStatus: '下落不明'}, 'missing'],
    [{fatherStatus: '重病'}, 'home-incapable'],
    [{fatherStatus: '在家（瘫痪）'}, 'home-incapable'],
    [{fatherWorkplace: '在家（残疾）'}, 'home-incapable'],
    [{fatherWorkplace: '本地（精神残疾）'}, 'home-incapable'],
    [{fatherStatus: '在家', remarks: '父亲重病在家'}, 'home-incapable'],
    [{guardianshipType: '父亲在家（残疾），母亲外出'}, 'home-incapable'],
    [{fatherStatus: '离异'}, 'absent'],
    [{fatherStatus: '不详', fatherWorkplace: '无'}, 'unknown'],
  ] as const)('%j → father %s', (row, s) => {
    expect(care(row).father.state).toBe(s)
  })

  it('reads one cell for both parents: 父母情况, or a 留守情况 written out', () => {
    const a = readCare((f) => ({'x:parents': '父亲服刑、母亲外出务工'})[f])
    expect([a.father.state, a.mother.state]).toEqual(['prison', 'away'])
    const b = readCare((f) => ({leftBehind: '父亲外出、母亲重病'})[f])
    expect([b.father.state, b.mother.state]).toEqual(['away', 'home-incapable'])
    expect(b.father.cells).toEqual([{field: 'leftBehind', text: '父亲外出、母亲重病'}])
    // A 是/否 flag is an answer, not a cell about the parents.
    expect(readCare((f) => ({leftBehind: '是'})[f]).flag).toEqual({answer: '是', text: '是'})
  })

  it('left-behind or not, from the parents, the guardianship, the flag or the remarks', () => {
    expect(state({fatherStatus: '外出务工', motherStatus: '外出务工'})).toBe('yes')
    expect(state({fatherStatus: '外出务工', motherStatus: '重病'})).toBe('yes')
    expect(state({fatherStatus: '外出务工', motherWorkplace: '在家（残疾）'})).toBe('yes')
    expect(state({fatherStatus: '外出务工', motherStatus: '在家', remarks: '母亲重病在家'})).toBe('yes')
    expect(state({fatherStatus: '外出务工', motherStatus: '在家'})).toBe('no')
    expect(state({fatherWorkplace: '广东', motherWorkplace: '本地'})).toBe('no')
    expect(state({fatherStatus: '外出务工', motherStatus: '外出务工', guardianshipType: '父母一方监护', guardianRelation: '父亲'})).toBe('no')
    expect(state({fatherStatus: '外出务工', motherStatus: '重病', guardianshipType: '父母一方监护', guardianRelation: '母亲'})).toBe('yes')
    expect(state({fatherStatus: '外出务工', motherStatus: '外出务工', leftBehind: '否'})).toBe('no')
    expect(state({leftBehind: '是'})).toBe('yes')
    expect(state({fatherStatus: '外出务工', motherStatus: '外出务工', remarks: '父亲已返乡'})).toBe('no')
    expect(state({fatherStatus: '外出务工', motherStatus: '外出务工', remarks: '不再是留守儿童'})).toBe('no')
    expect(state({fatherStatus: '外出务工', motherStatus: '外出务工', remarks: '奶奶在家照顾'})).toBe('yes')
    expect(state({fatherStatus: '外出务工', motherStatus: '外出务工', remarks: '父母春节返乡，节后外出'})).toBe('yes')
    expect(state({fatherStatus: '外出务工'})).toBe('unknown')
    expect(state({})).toBe('unknown')
  })

  it('the basis: why the child counts as left behind', () => {
    expect(careBasis(care({fatherStatus: '外出务工', motherStatus: '外出务工'}))).toBe('both-away')
    expect(careBasis(care({fatherWorkplace: '浙江义乌', motherWorkplace: '重病在家'}))).toBe('one-away-other-incapable')
    expect(careBasis(care({fatherStatus: '外出务工', motherStatus: '死亡'}))).toBe('one-away-other-incapable')
    expect(careBasis(care({fatherStatus: '外出务工', motherStatus: '离异'}))).toBe('other')
    // Parents not recorded under grandparents' care: away, as risk's RISK_BOTH_PARENTS_AWAY reads it.
    expect(careBasis(care({guardianshipType: '祖辈监护'}))).toBe('both-away')
    expect(careBasis(care({fatherStatus: '外出务工', motherStatus: '在家'}))).toBeUndefined()
  })

  it('names the cells that show a child is not left behind', () => {
    expect(notLeftBehind(care({fatherStatus: '外出务工', motherStatus: '在家', motherWorkplace: ''}))).toEqual({reason: 'mother-home', cells: [{field: 'motherStatus', text: '在家'}]})
    expect(notLeftBehind(care({fatherStatus: '外出务工', motherStatus: '外出务工', leftBehind: '否'}))).toEqual({reason: 'flag', cells: [{field: 'leftBehind', text: '否'}]})
    expect(notLeftBehind(care({guardianshipType: '单亲监护', guardianRelation: '父亲', fatherStatus: '外出务工'}))).toEqual({
      reason: 'father-home',
      cells: [{field: 'guardianRelation', text: '父亲'}, {field: 'guardianshipType', text: '单亲监护'}],
    })
    expect(notLeftBehind(care({fatherStatus: '外出务工', motherWorkplace: '在家（残疾）'}))).toBeUndefined()
  })

  it('merges the rows of one child: the gravest state of each parent; a list fills in only what the roster lacks', () => {
    const a = care({fatherStatus: '外出务工'})
    const b = care({fatherStatus: '在家', motherStatus: '重病'})
    const m = mergeCare(a, b)
    expect([m.father.state, m.mother.state]).toEqual(['home-able', 'home-incapable'])
    const f = mergeCare(a, b, true)
    expect([f.father.state, f.mother.state]).toEqual(['away', 'home-incapable'])
  })

  it('reads the columns no canonical field covers by their header', () => {
    const columns = [
      {index: 0, header: '姓名', field: 'name'},
      {index: 1, header: '父亲健康状况'},
      {index: 2, header: '父母情况'},
    ]
    const extra = extraColumns(columns)
    expect(Object.fromEntries(extra)).toEqual({'x:fatherHealth': 1, 'x:parents': 2})
    const roster = {columns, fieldIndex: new Map([['name', 0]])}
    const get = rowReader(roster, ['张三', '瘫痪', '父亲在家，母亲外出'], 3)
    const c = readCare(get)
    expect([c.father.state, c.mother.state]).toEqual(['home-incapable', 'away'])
    // A ragged row: cells beyond the readable ones are not read.
    expect(rowReader(roster, ['张三', '瘫痪', '父亲在家'], 1)('x:parents')).toBeUndefined()
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
