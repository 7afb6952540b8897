import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../src/cn/id-number.js'
import {loadCrosscheckConfig} from '../../src/crosscheck/config.js'
import type {Finding, Report} from '../../src/findings/model.js'
import {runCli, tempDir, writeTemp} from '../helpers/cli.js'
import {reportSchemaErrors} from '../helpers/report-schema.js'

const id = (first17: string) => first17 + checkDigit(first17)
// Children of 长沙县 (430121); digit 17 odd = boy.
const A = id('43012120150304001') // boy, 2015-03-04: on every list
const B = id('43012120160505002') // girl, 2016-05-05: not on education (age 10: not enrolled)
const C = id('43012120140101003') // boy: public security says deceased
const D = id('43012120130202004') // girl: public security says moved out
const E = id('43012120120808005') // boy: on no public-security list
const F = id('43012120170707006') // girl: education flags her left-behind, not on civil affairs
const G = id('43012120111111007') // boy: registered twice in civil affairs (two villages)

const CIVIL = [
  '姓名,性别,身份证号,出生日期,行政区划代码,填报单位,监护人姓名',
  `王小明,男,${A},2015-03-04,430121001001,开元路社区,王大山`,
  `李小红,女,${B},2016-05-05,430121001001,开元路社区,李大山`,
  `张小强,男,${C},2014-01-01,430121001002,金茂路社区,张大山`,
  `赵小梅,女,${D},2013-02-02,430121001002,金茂路社区,赵大山`,
  `孙小军,男,${E},2012-08-08,430121001002,金茂路社区,孙大山`,
  `周小龙,男,${G},2011-11-11,430121001001,开元路社区,周大山`,
  `周小龙,男,${G},2011-11-11,430121001002,金茂路社区,周大山`,
].join('\n')
const EDUCATION = [
  '学生姓名,性别,出生日期,身份证件号,学校名称,是否留守儿童,监护人姓名',
  `王小明,女,2015-03-04,${A},星沙小学,是,王大山`,
  `张小强,男,2014-01-01,${C},星沙小学,是,张大山`,
  `赵小梅,女,2013-02-02,${D},星沙中学,是,赵大山`,
  `孙小军,男,2012-08-08,${E},星沙中学,是,孙大山`,
  `吴小丽,女,2017-07-07,${F},星沙小学,是,吴大山`,
  `周小龙,男,2011-11-11,${G},星沙中学,是,周大山`,
].join('\n')
const POLICE = [
  '姓名,性别,出生日期,公民身份号码,人员状态,注销原因',
  `王晓明,男,20150304,${A},正常,`,
  `李小红,女,20160505,${B},正常,`,
  `张小强,男,20140101,${C},注销,死亡`,
  `赵小梅,女,20130202,${D},迁出,迁往广东省`,
  `吴小丽,女,20170707,${F},正常,`,
  `周小龙,男,20111111,${G},正常,`,
].join('\n')

function run(extra: string[] = []): {code: number; report: Report; findings: (code: string) => Finding[]} {
  const dir = tempDir()
  const civil = writeTemp(dir, 'civil.csv', CIVIL)
  const edu = writeTemp(dir, 'edu.csv', EDUCATION)
  const ps = writeTemp(dir, 'ps.csv', POLICE)
  const r = runCli(['crosscheck', `civil-affairs=${civil}`, `education=${edu}`, `public-security=${ps}`, '--as-of', '2026-06-30', '--json', '--mask', 'none', ...extra])
  const report = JSON.parse(r.stdout) as Report
  return {code: r.code, report, findings: (code) => report.findings.filter((f) => f.code === code)}
}

describe('crosscheck DEPT=FILE', () => {
  const {code, report, findings} = run()

  it('reports with exit 1, a schema-valid report, links and confirmed shares', () => {
    expect(code).toBe(1)
    expect(reportSchemaErrors(report)).toEqual([])
    expect(report.command).toBe('crosscheck')
    expect(report.inputs.map((i) => [i.dataset, i.department])).toEqual([
      ['civil-affairs', 'civil-affairs'],
      ['education', 'education'],
      ['public-security', 'public-security'],
    ])
    const linkedRows = new Set(report.links?.flatMap((l) => l.members.filter((m) => m.dataset === 'civil-affairs').map((m) => m.row)))
    expect([...linkedRows].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8])
    const unit = report.breakdown?.find((b) => b.level === 'reportingUnit' && b.unit === '开元路社区')
    expect(unit?.confirmed).toEqual({education: 0.6667, 'public-security': 1})
  })

  it('XC_NOT_ENROLLED: a child of 6–15 on no education list', () => {
    expect(findings('XC_NOT_ENROLLED').map((f) => f.row)).toEqual([3])
  })
  it('XC_NOT_REGISTERED: a child on no public-security list', () => {
    expect(findings('XC_NOT_REGISTERED').map((f) => f.row)).toEqual([6])
  })
  it('XC_DECEASED and no XC_NOT_ENROLLED for the same child', () => {
    expect(findings('XC_DECEASED').map((f) => [f.row, f.related?.[0]?.dataset])).toEqual([[4, 'public-security']])
  })
  it('XC_MOVED_OUT', () => {
    expect(findings('XC_MOVED_OUT').map((f) => f.row)).toEqual([5])
  })
  it('XC_UNLISTED on the other list’s row', () => {
    expect(findings('XC_UNLISTED').map((f) => [f.dataset, f.row])).toEqual([['education', 6]])
  })
  it('XC_FIELD_CONFLICT: expected is the authoritative value, on the primary row', () => {
    const conflicts = findings('XC_FIELD_CONFLICT').map((f) => [f.row, f.field, f.value, f.expected, f.severity])
    expect(conflicts).toContainEqual([2, 'name', '王小明', '王晓明', 'error'])
    // Public security agrees with the roster (男): education's value is the odd one, the authority's expected.
    expect(conflicts).toContainEqual([2, 'gender', '女', '男', 'error'])
  })
  it('XC_DUPLICATE_REGISTRATION on both rows of a child registered in two villages', () => {
    expect(findings('XC_DUPLICATE_REGISTRATION').map((f) => [f.row, f.related?.map((r) => r.row)])).toEqual([
      [7, [8]],
      [8, [7]],
    ])
  })
  it('severity overrides from a configuration file', () => {
    const dir = tempDir()
    writeTemp(dir, 'civil.csv', CIVIL)
    writeTemp(dir, 'edu.csv', EDUCATION)
    writeTemp(dir, 'ps.csv', POLICE)
    const config = writeTemp(
      dir,
      'xc.yaml',
      ['asOf: 2026-06-30', 'datasets:', '  - {department: civil-affairs, path: civil.csv}', '  - {department: education, path: edu.csv}', '  - {department: public-security, path: ps.csv}', 'severity:', '  XC_NOT_ENROLLED: error'].join('\n'),
    )
    const r = runCli(['crosscheck', '--config', config, '--json'])
    const report = JSON.parse(r.stdout) as Report
    expect(report.findings.find((f) => f.code === 'XC_NOT_ENROLLED')?.severity).toBe('error')
  })
})

describe('crosscheck configuration errors', () => {
  function configError(text: string, name = 'xc.yaml'): string {
    const dir = tempDir()
    const file = path.join(dir, name)
    writeFileSync(file, text)
    try {
      loadCrosscheckConfig(file)
    } catch (error) {
      return (error as {line: string}).line
    }
    return 'no error'
  }

  it('names the key and the line of a YAML problem', () => {
    const text = ['datasets:', '  - department: civil-affairs', '    path: a.csv', '  - department: police', '    path: b.csv'].join('\n')
    expect(configError(text)).toMatch(/xc\.yaml:4: key "datasets\.1\.department"/)
  })
  it('names an unknown key', () => {
    expect(configError('datasets: []\nthreshold: 3\n')).toMatch(/xc\.yaml:\d+: /)
  })
  it('reports YAML syntax errors with their line', () => {
    expect(configError('datasets:\n  - [unclosed\n')).toMatch(/xc\.yaml:\d*:? ?is not valid YAML/)
  })
  it('checks JSON configurations too', () => {
    expect(configError('{"datasets": [{"department": "education", "path": 3}]}', 'xc.json')).toMatch(/xc\.json:1: key "datasets\.0\.path"/)
  })
  it('refuses a primary list that is not a dataset', () => {
    const text = ['primary: nope', 'datasets:', '  - {department: civil-affairs, path: a.csv}', '  - {department: education, path: b.csv}'].join('\n')
    expect(configError(text)).toMatch(/primary/)
  })
  it('the command exits 2 with one line', () => {
    const dir = tempDir()
    const file = writeTemp(dir, 'bad.yaml', 'datasets: 3\n')
    const r = runCli(['crosscheck', '--config', file])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    const q = runCli(['crosscheck', 'civil-affairs=a.csv'])
    expect(q.code).toBe(2)
  })
})
