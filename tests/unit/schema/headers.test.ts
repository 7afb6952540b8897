import {describe, expect, it} from 'vitest'

import {FIELD_KEYS} from '../../../src/schema/fields.js'
import {columnOverrides, mapHeader, normalizeHeader, synonymTable} from '../../../src/schema/headers.js'

// Real header sets, as each department's system or template writes them; null = no canonical
// field (the column passes through). Every header that means a canonical field must map to it,
// and nothing may map to a field it does not mean.
type HeaderSet = [header: string, field: string | null][]

const CIVIL_AFFAIRS: HeaderSet = [
  // 全国农村留守儿童和困境儿童信息管理系统 and provincial 民政 templates
  ['序号', 'seq'],
  ['儿童姓名', 'name'],
  ['性别', 'gender'],
  ['民族', 'ethnicity'],
  ['出生日期', 'birthDate'],
  ['身份证号码', 'idNumber'],
  ['公民身份号码', 'idNumber'],
  ['所在省', 'province'],
  ['所在市（州）', 'city'],
  ['所在县（市、区）', 'county'],
  ['所在乡镇（街道）', 'town'],
  ['所在村（居）', 'village'],
  ['村（居）委会', 'village'],
  ['行政区划代码', 'regionCode'],
  ['户籍所在地', 'hukouAddress'],
  ['户籍性质', 'hukouType'],
  ['现居住地址', 'address'],
  ['家庭住址', 'address'],
  ['就学状况', 'schoolStatus'],
  ['就读学校', 'school'],
  ['年级', 'grade'],
  ['健康状况', 'health'],
  ['是否残疾', 'disability'],
  ['残疾类别', 'disability'],
  ['残疾等级', null],
  ['儿童类别', 'childCategory'],
  ['困境儿童类型', 'childCategory'],
  ['监护类型', 'guardianshipType'],
  ['监护情况', 'guardianshipType'],
  ['监护人姓名', 'guardianName'],
  ['委托监护人姓名', 'guardianName'],
  ['受委托监护人姓名', 'guardianName'],
  ['监护人身份证号码', 'guardianIdNumber'],
  ['委托监护人身份证号', 'guardianIdNumber'],
  ['与儿童关系', 'guardianRelation'],
  ['监护人与儿童关系', 'guardianRelation'],
  ['监护人联系电话', 'guardianPhone'],
  ['委托监护人联系方式', 'guardianPhone'],
  ['监护人健康状况', 'guardianHealth'],
  ['监护人年龄', 'guardianAge'],
  ['监护人出生日期', 'guardianBirthDate'],
  ['监护人住址', 'guardianAddress'],
  ['父亲姓名', 'fatherName'],
  ['父亲身份证号码', 'fatherIdNumber'],
  ['父亲状况', 'fatherStatus'],
  ['父亲是否外出务工', 'fatherStatus'],
  ['父亲外出务工地点', 'fatherWorkplace'],
  ['父亲务工地', 'fatherWorkplace'],
  ['父亲联系电话', 'fatherPhone'],
  ['母亲姓名', 'motherName'],
  ['母亲身份证号码', 'motherIdNumber'],
  ['母亲情况', 'motherStatus'],
  ['母亲务工地点', 'motherWorkplace'],
  ['母亲工作单位', 'motherWorkplace'],
  ['母亲联系电话', 'motherPhone'],
  ['联系电话', 'phone'],
  ['填报单位', 'reportingUnit'],
  ['填报日期', 'reportDate'],
  ['备注', 'remarks'],
  ['父亲健康状况', null],
  ['父母外出务工时间', null],
  ['是否签订委托监护确认书', null],
  ['儿童主任姓名', null],
  ['儿童主任联系电话', null],
  ['帮扶措施', null],
  ['填报人', null],
  ['留守类型', null],
]

const EDUCATION: HeaderSet = [
  // 全国中小学生学籍信息管理系统 student export
  ['学生姓名', 'name'],
  ['姓名拼音', null],
  ['曾用名', null],
  ['性别', 'gender'],
  ['出生日期', 'birthDate'],
  ['出生地', null],
  ['籍贯', null],
  ['民族', 'ethnicity'],
  ['国籍/地区', null],
  ['身份证件类型', 'idType'],
  ['身份证件号', 'idNumber'],
  ['身份证件有效期', null],
  ['港澳台侨外', null],
  ['政治面貌', null],
  ['健康状况', 'health'],
  ['全国学籍号', 'studentId'],
  ['学籍辅号', null],
  ['班内学号', null],
  ['学校标识码', 'schoolCode'],
  ['学校名称', 'school'],
  ['年级', 'grade'],
  ['班级', 'className'],
  ['入学年月', null],
  ['入学方式', null],
  ['就读方式', 'boarding'],
  ['学生来源', null],
  ['现住址', 'address'],
  ['通信地址', null],
  ['联系电话', 'phone'],
  ['邮政编码', null],
  ['电子信箱', null],
  ['户口所在地', 'hukouAddress'],
  ['户口所在地行政区划', null],
  ['户口性质', 'hukouType'],
  ['是否独生子女', null],
  ['是否受过学前教育', null],
  ['是否留守儿童', 'leftBehind'],
  ['是否进城务工人员随迁子女', null],
  ['是否孤儿', null],
  ['是否烈士或优抚子女', null],
  ['随班就读', null],
  ['残疾人类型', 'disability'],
  ['是否需要申请资助', null],
  ['是否享受一补', null],
  ['上下学距离', null],
  ['上下学方式', null],
  ['是否需要乘坐校车', null],
  ['监护人姓名', 'guardianName'],
  ['监护人关系', 'guardianRelation'],
  ['监护人身份证件类型', null],
  ['监护人身份证件号', 'guardianIdNumber'],
  ['监护人联系电话', 'guardianPhone'],
  ['监护人工作单位', null],
  ['成员1姓名', null],
  ['成员1关系', null],
  ['成员1是否监护人', null],
  ['成员1身份证件号', null],
  ['成员1联系电话', null],
  ['成员1工作单位', null],
  ['成员1现住址', null],
  ['成员1户口所在地', null],
]

const PUBLIC_SECURITY: HeaderSet = [
  // 公安 常住人口 (户籍) export
  ['姓名', 'name'],
  ['曾用名', null],
  ['性别', 'gender'],
  ['民族', 'ethnicity'],
  ['出生日期', 'birthDate'],
  ['公民身份号码', 'idNumber'],
  ['出生地', null],
  ['籍贯', null],
  ['户号', 'householdId'],
  ['户别', null],
  ['户主姓名', null],
  ['户主公民身份号码', null],
  ['与户主关系', 'relationToHead'],
  ['户口类别', 'hukouType'],
  ['住址', 'address'],
  ['户籍地址', 'hukouAddress'],
  ['户籍地详址', 'hukouAddress'],
  ['乡镇（街道）', 'town'],
  ['居（村）委会', 'village'],
  ['街路巷', null],
  ['门（楼）牌号', null],
  ['人员状态', 'status'],
  ['户籍状态', 'status'],
  ['注销原因', 'statusReason'],
  ['注销类别', 'statusReason'],
  ['注销日期', 'statusDate'],
  ['迁出日期', 'statusDate'],
  ['死亡日期', 'statusDate'],
  ['迁入日期', null],
  ['迁入原因', null],
  ['登记日期', null],
  ['派出所', null],
  ['所属派出所', null],
  ['责任区', null],
  ['文化程度', null],
  ['婚姻状况', null],
  ['兵役状况', null],
  ['宗教信仰', null],
  ['职业', null],
  ['服务处所', null],
  ['身高', null],
  ['血型', null],
  ['监护人一', 'guardianName'],
  ['监护人一公民身份号码', 'guardianIdNumber'],
  ['监护关系一', 'guardianRelation'],
  ['监护人二', null],
  ['监护人二公民身份号码', null],
  ['父亲公民身份号码', 'fatherIdNumber'],
  ['母亲公民身份号码', 'motherIdNumber'],
]

const OTHER_TEMPLATES: HeaderSet = [
  // 妇联 (women's federation), 团委, 残联 and county templates
  ['儿童姓名', 'name'],
  ['性别（男/女）', 'gender'],
  ['年龄', null],
  ['出生年月', 'birthDate'],
  ['身份证号（18位）', 'idNumber'],
  ['*身份证号码', 'idNumber'],
  ['证件号码', 'idNumber'],
  ['家庭住址', 'address'],
  ['就读学校', 'school'],
  ['所在学校', 'school'],
  ['就读年级', 'grade'],
  ['父亲姓名', 'fatherName'],
  ['父亲务工地点', 'fatherWorkplace'],
  ['母亲姓名', 'motherName'],
  ['母亲务工地点', 'motherWorkplace'],
  ['监护人', 'guardianName'],
  ['家长姓名', 'guardianName'],
  ['家长联系电话', 'guardianPhone'],
  ['监护人电话', 'guardianPhone'],
  ['与监护人关系', 'guardianRelation'],
  ['结对帮扶人', null],
  ['帮扶人联系电话', null],
  ['心理状况', null],
  ['是否建档立卡', null],
  ['县（市、区）', 'county'],
  ['市（州）', 'city'],
  ['乡镇', 'town'],
  ['村（社区）', 'village'],
  ['所在村（社区）', 'village'],
  ['手机号码', 'phone'],
  ['残疾类型', 'disability'],
  ['是否寄宿', 'boarding'],
  ['是否留守', 'leftBehind'],
  ['ID', null],
  ['Name', 'name'],
]

describe('header synonyms of real rosters', () => {
  describe.each([
    ['civil affairs (民政)', CIVIL_AFFAIRS],
    ['education (学籍)', EDUCATION],
    ['public security (户籍)', PUBLIC_SECURITY],
    ["women's federation and county templates", OTHER_TEMPLATES],
  ])('%s', (_dept, headers) => {
    it.each(headers)('%s → %s', (header, field) => {
      expect(mapHeader(header) ?? null).toBe(field)
    })
  })

  it('a whole 学籍 export maps no two columns to one field (no false HEADER_DUPLICATE)', () => {
    const seen = new Map<string, string>()
    const clashes: string[] = []
    for (const [header] of EDUCATION) {
      const field = mapHeader(header)
      if (!field) continue
      if (seen.has(field)) clashes.push(`${seen.get(field)} / ${header} → ${field}`)
      else seen.set(field, header)
    }
    expect(clashes).toEqual([])
  })

  it('the fields the rules read are never taken from a look-alike header', () => {
    expect(mapHeader('监护人身份证号')).toBe('guardianIdNumber')
    expect(mapHeader('父亲联系电话')).toBe('fatherPhone')
    expect(mapHeader('学校标识码')).toBe('schoolCode')
    expect(mapHeader('户主公民身份号码')).toBeUndefined()
    expect(mapHeader('成员1身份证件号')).toBeUndefined()
    expect(mapHeader('儿童主任姓名')).toBeUndefined()
  })

  it('every synonym names a canonical field', () => {
    for (const field of Object.keys(synonymTable())) expect(FIELD_KEYS.has(field), field).toBe(true)
  })

  it('no synonym is claimed by two fields', () => {
    const owner = new Map<string, string>()
    const clashes: string[] = []
    for (const [field, words] of Object.entries(synonymTable())) {
      for (const w of words) {
        const key = normalizeHeader(w)
        const other = owner.get(key)
        if (other && other !== field) clashes.push(`${w}: ${other} / ${field}`)
        else owner.set(key, field)
      }
    }
    expect(clashes).toEqual([])
  })
})

describe('normalizeHeader', () => {
  it.each([
    ['  姓 名 ', '姓名'],
    ['姓　名', '姓名'],
    ['身份证号\n（18位）', '身份证号'],
    ['*出生日期(yyyy-mm-dd)', '出生日期'],
    ['＊监护人联系电话', '监护人联系电话'],
    ['就学状况【必填】', '就学状况'],
    ['ＩＤ　Ｎｕｍｂｅｒ', 'idnumber'],
    ['填报日期：', '填报日期'],
    ['村/', '村'],
    ['★姓名', '姓名'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeHeader(raw)).toBe(expected)
  })
})

describe('columnOverrides', () => {
  it('maps by the header as written and as normalised; null unmaps', () => {
    const o = columnOverrides({'孩子名': 'name', '联系电话': null}, 'cols.json')
    expect(mapHeader('孩子名', o)).toBe('name')
    expect(mapHeader(' 孩子名（必填）', o)).toBe('name')
    expect(mapHeader('联系电话', o)).toBeUndefined()
    expect(mapHeader('身份证号', o)).toBe('idNumber')
  })

  it('refuses an unknown field, naming the header', () => {
    expect(() => columnOverrides({'姓名': 'fullName'}, 'cols.json')).toThrow('cols.json: "姓名" maps to unknown field "fullName"')
  })
})
