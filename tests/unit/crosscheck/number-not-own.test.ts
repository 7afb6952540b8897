import {rmSync} from 'node:fs'
import {afterAll, describe, expect, it} from 'vitest'

import {checkDigit} from '../../../src/cn/id-number.js'
import {resolveConfig} from '../../../src/crosscheck/config.js'
import {crosscheck} from '../../../src/crosscheck/crosscheck.js'
import type {Finding, Report} from '../../../src/findings/model.js'
import {tempDir, writeTemp} from '../../helpers/cli.js'
import {reportSchemaErrors} from '../../helpers/report-schema.js'

// A number that is not the child's own, across lists: a sister's row carrying her brother's number
// (the register holds both children, each under their own), twins typed under one number, and the
// department that disagrees with the authority.
const id = (first17: string) => first17 + checkDigit(first17)
const SIYUAN = id('43012120120506011')
const SIHAN = id('43012120140809022')
const HAORAN = id('43012120150304031')
const HAOYU = id('43012120150304053')

const CIVIL = [
  '姓名,性别,身份证号,出生日期,行政区划代码,监护人姓名,监护人联系电话',
  `王思远,男,${SIYUAN},2012-05-06,430121001001,王德明,13812345678`,
  `王思涵,女,${SIYUAN},2014-08-09,430121001001,王德明,13812345678`,
  `李浩然,男,${HAORAN},2015-03-04,430121001002,李长生,13912345678`,
  `李浩宇,男,${HAORAN},2015-03-04,430121001002,李长生,13912345678`,
].join('\n')
const POLICE = [
  '姓名,性别,出生日期,公民身份号码,行政区划代码,人员状态',
  `王思远,男,20120506,${SIYUAN},430121,正常`,
  `王思涵,女,20140809,${SIHAN},430121,正常`,
  `李浩然,男,20150304,${HAORAN},430121,正常`,
  `李浩宇,男,20150304,${HAOYU},430121,正常`,
].join('\n')
const EDUCATION = [
  '学生姓名,性别,出生日期,身份证件号,学校名称,监护人姓名',
  `王思远,男,2012-05-06,${SIYUAN},开元小学,王德明`,
  `王思涵,女,2014-08-09,${SIHAN},开元小学,王德明`,
  `李浩然,男,2015-03-04,${HAORAN},开元小学,李长生`,
  `李浩宇,男,2015-03-04,${HAOYU},开元小学,李长生`,
].join('\n')

const OPTIONS = {asOf: '2026-06-30', lang: 'en', mask: 'none', includeInfo: false, failOn: 'error'} as const
const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, {recursive: true, force: true})
})

async function run(lists: Record<string, string>): Promise<Report> {
  const dir = tempDir()
  dirs.push(dir)
  const datasets = Object.entries(lists).map(([department, text]) => ({department, path: writeTemp(dir, `${department}.csv`, text)}))
  return crosscheck(resolveConfig({datasets} as Parameters<typeof resolveConfig>[0], dir), OPTIONS)
}

const at = (f: {dataset: string; row: number}) => `${f.dataset}:${f.row}`

describe('crosscheck: an ID number that is not the child’s', async () => {
  const report = await run({'civil-affairs': CIVIL, 'public-security': POLICE, education: EDUCATION})
  const of = (code: string) => report.findings.filter((f) => f.code === code)
  const linkOf = (row: number) => report.links?.find((l) => l.members.some((m) => m.dataset === 'civil-affairs' && m.row === row))?.members.map(at)

  it('is a schema-valid report', () => {
    expect(reportSchemaErrors(report)).toEqual([])
  })

  it('links the sister to her own records by name, birth date, sex and household, never to her brother’s', () => {
    expect(linkOf(3)).toEqual(['civil-affairs:3', 'public-security:3', 'education:3'])
    expect(linkOf(2)).toEqual(['civil-affairs:2', 'public-security:2', 'education:2'])
  })

  it('reports her number as a conflict on idNumber: the register’s number expected, her own record and the number’s owner related', () => {
    const f = of('XC_FIELD_CONFLICT').find((x) => x.row === 3 && x.dataset === 'civil-affairs')!
    expect([f.field, f.value, f.expected, f.severity]).toEqual(['idNumber', SIYUAN, SIHAN, 'error'])
    expect(f.related!.map(at)).toEqual(['public-security:3', 'civil-affairs:2', 'public-security:2', 'education:2'])
    expect(f.message).toBe('ID number disagrees with the public security record')
  })

  it('never calls a registered child unregistered', () => {
    expect(of('XC_NOT_REGISTERED')).toEqual([])
  })

  it('keeps twins typed under one number apart: each linked to his own register row', () => {
    expect(linkOf(4)).toEqual(['civil-affairs:4', 'public-security:4', 'education:4'])
    expect(linkOf(5)).toEqual(['civil-affairs:5', 'public-security:5', 'education:5'])
    const f = of('XC_FIELD_CONFLICT').find((x) => x.row === 5 && x.dataset === 'civil-affairs')!
    expect([f.field, f.value, f.expected]).toEqual(['idNumber', HAORAN, HAOYU])
    expect(f.related!.map(at)).toEqual(['public-security:5', 'civil-affairs:4', 'public-security:4', 'education:4'])
  })

  it('reports nothing else', () => {
    expect(report.findings.map((f: Finding) => `${at(f)} ${f.code} ${f.field ?? ''}`)).toEqual(['civil-affairs:3 XC_FIELD_CONFLICT idNumber', 'civil-affairs:5 XC_FIELD_CONFLICT idNumber'])
  })
})

describe('crosscheck: the department that disagrees', async () => {
  // The roster and the school agree on 王思涵's birth date; the register has another: the roster's
  // row is the one to correct, named against the register — and so is the school's.
  const civil = CIVIL.split('\n').slice(0, 3).join('\n').replace(`王思涵,女,${SIYUAN},2014-08-09`, `王思涵,女,${SIHAN},2014-08-19`)
  const school = EDUCATION.replace(`王思涵,女,2014-08-09`, `王思涵,女,2014-08-19`)

  it('puts one finding on each row whose value differs from the authority’s, naming the authority', async () => {
    const report = await run({'civil-affairs': civil, education: school, 'public-security': POLICE})
    const conflicts = report.findings.filter((f) => f.code === 'XC_FIELD_CONFLICT')
    expect(conflicts.map((f) => [at(f), f.field, f.value, f.expected, f.related!.map(at), f.message])).toEqual([
      ['civil-affairs:3', 'birthDate', '2014-08-19', '2014-08-09', ['public-security:3'], 'birth date disagrees with the public security record'],
      ['education:3', 'birthDate', '2014-08-19', '2014-08-09', ['public-security:3'], 'birth date disagrees with the public security record'],
    ])
  })

  it('without the authority’s list, puts it on the other list’s row, the primary list’s value expected', async () => {
    const report = await run({'civil-affairs': civil, education: EDUCATION})
    const conflicts = report.findings.filter((f) => f.code === 'XC_FIELD_CONFLICT')
    expect(conflicts.map((f) => [at(f), f.field, f.value, f.expected, f.related!.map(at), f.message])).toEqual([
      ['education:3', 'birthDate', '2014-08-09', '2014-08-19', ['civil-affairs:3'], 'birth date disagrees with the civil affairs record'],
    ])
  })
})
