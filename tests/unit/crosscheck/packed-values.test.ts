import {describe, expect, it} from 'vitest'

import {packValues, unpackValues} from '../../../src/crosscheck/packed-values.js'
import type {XcValues} from '../../../src/crosscheck/values.js'

const values: XcValues = {
  name: '阿依古丽·买买提', gender: '女', birthDate: '2015-03-04', idNumber: '43012120150304002X', idValid: true, regionCode: '430121001001',
  school: '星沙小学', grade: '三年级', guardianName: '买买提', status: '正常', statusReason: '', leftBehind: '是', fatherStatus: '外出务工', schoolStatus: '小学',
  motherStatus: '外出务工', reportingUnit: '开元路社区', county: '长沙县', town: '星沙街道', village: '开元路社区',
}

describe('packed cross-check values', () => {
  it('come back as they went in, empty fields and all', () => {
    expect(unpackValues(packValues(values))).toEqual(values)
    const sparse: XcValues = {...values, name: '', idNumber: '', idValid: false, school: '', village: ''}
    expect(unpackValues(packValues(sparse))).toEqual(sparse)
  })

  it('keep a tokenized row’s birth year', () => {
    const tokenized: XcValues = {...values, birthYear: 2015}
    expect(unpackValues(packValues(tokenized))).toEqual(tokenized)
    expect(unpackValues(packValues(values)).birthYear).toBeUndefined()
  })

  it('never shift a field when a cell holds the separator itself', () => {
    const stray: XcValues = {...values, school: 'A\u001fB', grade: '\u001f'}
    const back = unpackValues(packValues(stray))
    expect(back.school).toBe('A B')
    expect(back.grade).toBe(' ')
    expect(back.guardianName).toBe(values.guardianName)
    expect(back.village).toBe(values.village)
  })
})
