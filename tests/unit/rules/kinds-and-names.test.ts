import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../../src/cn/id-number.js'
import {resolveConfig} from '../../../src/crosscheck/config.js'
import {crosscheck} from '../../../src/crosscheck/crosscheck.js'
import {dedupeFiles} from '../../../src/dedupe/dedupe.js'
import type {Report} from '../../../src/findings/model.js'
import {LEFT_BEHIND_ONLY, ruleApplies} from '../../../src/rules/kinds.js'
import {validateFiles} from '../../../src/rules/validate.js'
import {defaultKind, departmentId, parseDatasetArgs} from '../../../src/schema/dataset-args.js'
import {tempDir, writeTemp} from '../../helpers/cli.js'

// Issue 20, items 4 and 6: every finding names the child and shows its value where there is one;
// the list's kind decides AGE_OUT_OF_RANGE.

const id = (first17: string) => first17 + checkDigit(first17)
const OPTIONS = {asOf: '2026-06-30', lang: 'zh', mask: 'none', includeInfo: false, failOn: 'error', ageLimit: 16} as const

describe('the kind of a list', () => {
  const dir = tempDir()
  // A pupil of 17, a pupil of 9: a student roster's ordinary rows.
  const file = writeTemp(dir, 'xueji.csv', ['姓名,性别,身份证号,出生日期', `王大明,男,${id('43012120090304001')},2009-03-04`, `王小明,男,${id('43012120170304003')},2017-03-04`].join('\n'))
  const ages = async (input: {file: string; department?: string}, kind?: 'left-behind' | 'student' | 'household' | 'other') =>
    (await validateFiles([input], {...OPTIONS, ...(kind ? {kind} : {})})).findings.filter((f) => f.code === 'AGE_OUT_OF_RANGE').map((f) => f.row)

  it('defaults from the department: civil affairs and a file without one are left-behind rosters', async () => {
    expect(await ages({file})).toEqual([2])
    expect(await ages({file, department: 'civil-affairs'})).toEqual([2])
    expect(await ages({file, department: 'education'})).toEqual([])
    expect(await ages({file, department: 'public-security'})).toEqual([])
    expect(await ages({file, department: 'womens-federation'})).toEqual([])
    expect([undefined, 'civil-affairs', 'education', 'public-security', 'health'].map(defaultKind)).toEqual(['left-behind', 'left-behind', 'student', 'household', 'other'])
  })

  it('--kind says otherwise', async () => {
    expect(await ages({file, department: 'education'}, 'left-behind')).toEqual([2])
    expect(await ages({file}, 'student')).toEqual([])
  })

  it('AGE_OUT_OF_RANGE and NOT_LEFT_BEHIND are the left-behind-only rules; the rest apply to every kind', () => {
    expect(LEFT_BEHIND_ONLY).toEqual(['AGE_OUT_OF_RANGE', 'NOT_LEFT_BEHIND'])
    expect(ruleApplies('AGE_OUT_OF_RANGE', 'student')).toBe(false)
    expect(ruleApplies('NOT_LEFT_BEHIND', 'household')).toBe(false)
    expect(ruleApplies('NOT_LEFT_BEHIND', 'left-behind')).toBe(true)
    expect(ruleApplies('ID_CHECKSUM', 'other')).toBe(true)
  })

  it('takes departments by their Chinese names', () => {
    expect(['民政', '教育', '公安', '妇联', '司法', '团委', '残联', '卫健'].map(departmentId)).toEqual(['civil-affairs', 'education', 'public-security', 'womens-federation', 'justice', 'youth-league', 'disabled-persons-federation', 'health'])
    expect(parseDatasetArgs(['教育=学籍.xlsx'])).toEqual([{file: '学籍.xlsx', dataset: 'education', department: 'education'}])
    expect(() => parseDatasetArgs(['学校=x.csv'])).toThrow(/不是部门名称|is no department/)
  })
})

describe('ID_DUPLICATE names the child of each row', () => {
  it('with the name and village its own row writes (two children may share a number)', async () => {
    const x = id('43012120150304002')
    const file = writeTemp(tempDir(), 'r.csv', ['姓名,身份证号,性别,乡镇,村', `李小红,${x},女,黄兴镇,蓝田村`, `张三,${id('43012120150304010')},女,黄兴镇,蓝田村`, `李晓红,${x},女,黄兴镇,光明村`].join('\n'))
    const report = await validateFiles([{file}], OPTIONS)
    const dups = report.findings.filter((f) => f.code === 'ID_DUPLICATE').map((f) => [f.row, f.name, f.town, f.village])
    expect(dups).toEqual([
      [2, '李小红', '黄兴镇', '蓝田村'],
      [4, '李晓红', '黄兴镇', '光明村'],
    ])
  })

  it('reads a row again when it is too far back to be at hand (70,000 rows)', async () => {
    const x = id('43012120150304002')
    const rows = ['姓名,身份证号,性别,村', `李小红,${x},女,蓝田村`]
    for (let i = 0; i < 70_000; i++) rows.push(`王${i},${id(`4301212014${String(i).padStart(7, '0')}`)},女,光明村`)
    rows.push(`李晓红,${x},女,星沙村`)
    const file = writeTemp(tempDir(), 'long.csv', rows.join('\n'))
    const report = await validateFiles([{file}], OPTIONS)
    const dups = report.findings.filter((f) => f.code === 'ID_DUPLICATE').map((f) => [f.row, f.name, f.village])
    expect(dups).toEqual([
      [2, '李小红', '蓝田村'],
      [70_003, '李晓红', '星沙村'],
    ])
  })
})

describe('values where there is one', () => {
  it('DUP_MATCH and DUP_POSSIBLE show their cluster', async () => {
    const x = id('43012120150304002')
    const file = writeTemp(tempDir(), 'd.csv', ['姓名,身份证号,性别,出生日期,村', `李小红,${x},女,2015-03-04,蓝田村`, `李小红,${x},女,2015-03-04,蓝田村`].join('\n'))
    const {report} = await dedupeFiles([{file}], OPTIONS)
    const match = report.findings.filter((f) => f.code === 'DUP_MATCH')
    expect(match).toHaveLength(1)
    expect(match[0]!.value).toBe(report.clusters![0]!.id)
    expect(match[0]!.name).toBe('李小红')
  })

  it('XC_NOT_ENROLLED shows the school status, XC_UNLISTED the cell that flags the child; education confirms children of 6–15 only', async () => {
    const dir = tempDir()
    const A = id('43012120150304001') // 11, on no education list
    const B = id('43012120220505002') // 4: on no school list, and rightly so
    const C = id('43012120160101003') // 10, enrolled
    const F = id('43012120170707006') // flagged left-behind by the school, not on civil affairs
    writeTemp(dir, 'civil.csv', ['姓名,性别,身份证号,出生日期,填报单位,就学状况', `王小明,男,${A},2015-03-04,蓝田村,辍学`, `李小红,女,${B},2022-05-05,蓝田村,未入园`, `张小强,男,${C},2016-01-01,蓝田村,小学`].join('\n'))
    writeTemp(dir, 'edu.csv', ['学生姓名,性别,出生日期,身份证件号,学校名称,是否留守儿童', `张小强,男,2016-01-01,${C},星沙小学,否`, `吴小丽,女,2017-07-07,${F},星沙小学,是`].join('\n'))
    const config = resolveConfig({datasets: [{department: 'civil-affairs', path: 'civil.csv'}, {department: 'education', path: 'edu.csv'}]}, dir)
    const report: Report = await crosscheck(config, OPTIONS)
    const of = (code: string) => report.findings.filter((f) => f.code === code)
    expect(of('XC_NOT_ENROLLED').map((f) => [f.row, f.field, f.value, f.name])).toEqual([[2, 'schoolStatus', '辍学', '王小明']])
    expect(of('XC_UNLISTED').map((f) => [f.dataset, f.field, f.value])).toEqual([['education', 'leftBehind', '是']])
    // Two children of school age, one enrolled: 50 %, not a third (the four-year-old is on no school list).
    const unit = report.breakdown?.find((b) => b.level === 'reportingUnit')
    expect(unit?.confirmed).toEqual({education: 0.5})
  })
})
