import {describe, expect, it} from 'vitest'

import {UserError} from '../../../src/errors.js'
import {columnActions, parseKeep, parseList} from '../../../src/tokenize/policy.js'
import type {Column} from '../../../src/schema/roster.js'

const col = (index: number, header: string, field?: string): Column => (field ? {index, header, field} : {index, header})

const COLUMNS: Column[] = [
  col(0, '序号', 'seq'),
  col(1, '姓名', 'name'),
  col(2, '性别', 'gender'),
  col(3, '身份证号', 'idNumber'),
  col(4, '出生日期', 'birthDate'),
  col(5, '行政区划代码', 'regionCode'),
  col(6, '县', 'county'),
  col(7, '乡镇', 'town'),
  col(8, '村', 'village'),
  col(9, '现住址', 'address'),
  col(10, '学校名称', 'school'),
  col(11, '健康状况', 'health'),
  col(12, '监护人姓名', 'guardianName'),
  col(13, '监护人身份证号', 'guardianIdNumber'),
  col(14, '监护人联系电话', 'guardianPhone'),
  col(15, '备注', 'remarks'),
  col(16, '帮扶人'),
  col(17, '学籍号', 'studentId'),
  col(18, '填报单位', 'reportingUnit'),
]

describe('column policy', () => {
  it('defaults: identities tokenized, county and above in clear, village tokenized, free text and unmapped columns dropped', () => {
    const a = columnActions(COLUMNS, {keep: parseKeep(undefined)}).map((x) => x.kind)
    expect(a).toEqual(['clear', 'name', 'clear', 'id', 'birth', 'region', 'clear', 'clear', 'place', 'drop', 'clear', 'clear', 'name', 'id', 'phone', 'drop', 'drop', 'identifier', 'identifier'])
    expect(columnActions(COLUMNS, {keep: parseKeep(undefined)})[3]).toEqual({kind: 'id', child: true})
    expect(columnActions(COLUMNS, {keep: parseKeep(undefined)})[13]).toEqual({kind: 'id', child: false})
  })

  it('--keep none tokenizes sex, county and town too; --keep village passes every place in clear', () => {
    const none = columnActions(COLUMNS, {keep: parseKeep('none')}).map((x) => x.kind)
    expect([none[2], none[6], none[7], none[8]]).toEqual(['sex', 'place', 'place', 'place'])
    const village = columnActions(COLUMNS, {keep: parseKeep('birthYear,gender,village')}).map((x) => x.kind)
    expect([village[5], village[6], village[7], village[8], village[18]]).toEqual(['clear', 'clear', 'clear', 'clear', 'clear'])
    expect(parseKeep('village')).toEqual(new Set(['village', 'county']))
  })

  it('--drop and --pass take fields or headers; identities can never pass', () => {
    const a = columnActions(COLUMNS, {keep: parseKeep(undefined), drop: ['health', '学校名称'], pass: ['帮扶人', 'remarks']}).map((x) => x.kind)
    expect([a[10], a[11], a[15], a[16]]).toEqual(['drop', 'drop', 'clear', 'clear'])
    for (const item of ['name', '身份证号', 'guardianPhone', 'village']) {
      expect(() => columnActions(COLUMNS, {keep: parseKeep(undefined), pass: [item]})).toThrow(/use --keep/)
    }
    expect(() => columnActions(COLUMNS, {keep: parseKeep(undefined), drop: ['不存在的列']})).toThrow(UserError)
    // A canonical field the file does not have is fine (one command line for many files).
    expect(() => columnActions(COLUMNS, {keep: parseKeep(undefined), drop: ['disability']})).not.toThrow()
  })

  it('parses lists and refuses unknown keep items', () => {
    expect(parseList('health, 学校名称，remarks')).toEqual(['health', '学校名称', 'remarks'])
    expect(parseList(undefined)).toEqual([])
    expect(parseKeep('birthyear, Gender')).toEqual(new Set(['birthYear', 'gender']))
    expect(() => parseKeep('name')).toThrow(/unknown item "name"/)
  })
})
