import {describe, expect, it} from 'vitest'

import {canonicalValue, isComparedField, sameValue} from '../../../src/diff/canonical.js'
import {makeId} from './fixtures.js'

const same = (field: string, a: string, b: string) => sameValue(field, canonicalValue(field, a), canonicalValue(field, b))

describe('canonical values: format-only differences are no change', () => {
  const id = makeId('20150304', '002')
  it.each([
    ['idNumber', id, `'${id.toLowerCase()}`],
    ['idNumber', id, [...id].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('')],
    ['birthDate', '2015-03-04', '2015年3月4日'],
    ['birthDate', '2015-03-04', '20150304'],
    ['birthDate', '2015-03-04', '2015/3/4'],
    ['birthDate', '2015-03', '2015-03-04'],
    ['birthDate', '03/04/2015', '2015-03-04'],
    ['gender', '男', '1'],
    ['gender', '女', '女性'],
    ['ethnicity', '苗族', '苗'],
    ['guardianshipType', '祖辈监护', '隔代监护'],
    ['guardianRelation', '祖母', '奶奶'],
    ['fatherStatus', '外出务工', '外出打工'],
    ['schoolStatus', '初中', '初二'],
    ['health', '健康', '良好'],
    ['guardianPhone', '13812345678', '+86 138-1234-5678'],
    ['guardianPhone', '0743-4221234', '07434221234'],
    ['name', '张三', '张 三'],
    ['name', '阿卜杜拉·艾力', '阿卜杜拉•艾力'],
    ['village', '汇龙村', '汇龙村民委员会'],
    ['town', '城关街道', '城关街道办事处'],
    ['address', '浦市镇鱼坪村3组', ' 浦市镇 鱼坪村３组 '],
    ['fatherWorkplace', '', '无'],
    ['remarks', '', '/'],
    ['regionCode', '433122', '433122000000'],
    ['guardianAge', '72', '72岁'],
  ])('%s: %s = %s', (field, a, b) => {
    expect(same(field, a, b)).toBe(true)
  })

  it.each([
    ['idNumber', id, makeId('20150304', '004')],
    ['birthDate', '2015-03-04', '2015-03-05'],
    ['birthDate', '2015-03', '2015-04-01'],
    ['gender', '男', '女'],
    ['guardianshipType', '祖辈监护', '亲属监护'],
    ['guardianPhone', '13812345678', '13812345679'],
    ['name', '王芳', '王方'],
    ['village', '汇龙村', '汇龙社区'],
    ['school', '浦市镇中学', '浦市镇中心小学'],
    ['fatherStatus', '外出务工', '在家'],
    ['health', '健康', ''],
  ])('%s: %s ≠ %s', (field, a, b) => {
    expect(same(field, a, b)).toBe(false)
  })

  it('compares every canonical field but the row number, the report date and the ID type', () => {
    expect(isComparedField('guardianPhone')).toBe(true)
    expect(isComparedField('remarks')).toBe(true)
    expect(isComparedField('seq')).toBe(false)
    expect(isComparedField('reportDate')).toBe(false)
    expect(isComparedField('notAField')).toBe(false)
  })
})
