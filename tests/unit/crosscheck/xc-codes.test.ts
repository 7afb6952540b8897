import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../../src/cn/id-number.js'
import {resolveConfig} from '../../../src/crosscheck/config.js'
import {crosscheck} from '../../../src/crosscheck/crosscheck.js'
import type {Finding, Report} from '../../../src/findings/model.js'
import {tempDir, writeTemp} from '../../helpers/cli.js'
import {reportSchemaErrors} from '../../helpers/report-schema.js'

// Every XC code on three small inline lists of 长沙县 (430121). Digit 17 odd = boy.
const id = (first17: string) => first17 + checkDigit(first17)
const A = id('43012120150304001') // on every list; name, sex, school and guardian disagree
const B = id('43012120160505002') // not on education, aged 10
const C = id('43012120140101003') // dead on the register, not on education
const D = id('43012120130202004') // moved out
const E = id('43012120120808005') // not on the register
const F = id('43012120170707006') // flagged left-behind by the school, not on civil affairs
const G = id('43012120111111007') // registered by two villages
const H = id('43012120110606008') // civil affairs typed the birth date 2011-06-16
const I_OLD = id('43012120120909011') // re-issued by the register as I_NEW (重号更正)
const I_NEW = id('43012120120909135')
const J = id('43012120131010012') // the register has another village code
const K = id('43012120140404013') // civil affairs has the region digits as 430112
const K_TYPED = id('43011220140404013')
const L1 = id('43012120150707015') // two 郑小东 born the same day; civil affairs has no ID
const L2 = id('43012120150707017')
const T1 = id('43012120160101019') // twins 何浩雨 / 何浩语 (homophones)
const T2 = id('43012120160101021')

const CIVIL = [
  '姓名,性别,身份证号,出生日期,行政区划代码,填报单位,学校名称,监护人姓名',
  `王小明,男,${A},2015-03-04,430121001001,开元路社区,开元小学,王大山`,
  `李小红,女,${B},2016-05-05,430121001001,开元路社区,,李大山`,
  `张小强,男,${C},2014-01-01,430121001002,金茂路社区,,张大山`,
  `赵小梅,女,${D},2013-02-02,430121001002,金茂路社区,,赵大山`,
  `孙小军,男,${E},2012-08-08,430121001002,金茂路社区,,孙大山`,
  `周小龙,男,${G},2011-11-11,430121001001,开元路社区,,周大山`,
  `周小龙,男,${G},2011-11-11,430121001002,金茂路社区,,周大山`,
  `陈小华,女,${H},2011-06-16,430121001001,开元路社区,,陈大山`,
  `刘小波,男,${I_OLD},2012-09-09,430121001001,开元路社区,,刘大山`,
  `黄小燕,女,${J},2013-10-10,430121001001,开元路社区,,黄大山`,
  `吴小刚,男,${K_TYPED},2014-04-04,430121001002,金茂路社区,,吴大山`,
  `郑小东,男,,2015-07-07,430121001001,开元路社区,,`,
  `何浩雨,男,${T1},2016-01-01,430121001001,开元路社区,,何大山`,
  `何浩语,男,${T2},2016-01-01,430121001001,开元路社区,,何大山`,
  `马小云,男,,2014-09-09,430121001001,开元路社区,,`,
].join('\n')
const EDUCATION = [
  '学生姓名,性别,出生日期,身份证件号,学校名称,是否留守儿童,监护人姓名',
  `王小明,女,2015-03-04,${A},星沙小学,是,王二山`,
  `赵小梅,女,2013-02-02,${D},星沙中学,是,赵大山`,
  `孙小军,男,2012-08-08,${E},星沙中学,是,孙大山`,
  `吴小丽,女,2017-07-07,${F},星沙小学,是,吴大山`,
  `周小龙,男,2011-11-11,${G},星沙中学,是,周大山`,
  `陈小华,女,2011-06-06,${H},星沙中学,是,陈大山`,
  `刘小波,男,2012-09-09,${I_OLD},星沙小学,是,刘大山`,
  `黄小燕,女,2013-10-10,${J},星沙中学,是,黄大山`,
  `吴小刚,男,2014-04-04,${K},星沙小学,是,吴大山`,
  `郑小东,男,2015-07-07,${L1},星沙小学,是,郑大山`,
  `郑小东,男,2015-07-07,${L2},星沙二小,是,郑建国`,
  `何浩雨,男,2016-01-01,${T1},星沙小学,是,何大山`,
  `何浩语,男,2016-01-01,${T2},星沙小学,是,何大山`,
  // Two 马小云 of one birthday and no ID, in two families: not one child typed twice.
  `马小云,男,2014-09-09,,星沙小学,否,马大山`,
  `马小云,男,2014-09-09,,星沙二小,否,黄建军`,
].join('\n')
const POLICE = [
  '姓名,性别,出生日期,公民身份号码,行政区划代码,人员状态,注销原因',
  `王晓明,男,20150304,${A},430121,正常,`,
  `李小红,女,20160505,${B},430121,正常,`,
  `张小强,男,20140101,${C},430121,注销,死亡`,
  `赵小梅,女,20130202,${D},430121,迁出,迁往广东省`,
  `吴小丽,女,20170707,${F},430121,正常,`,
  `周小龙,男,20111111,${G},430121,正常,`,
  `陈小华,女,20110606,${H},430121,正常,`,
  `刘小波,男,20120909,${I_NEW},430121,正常,`,
  `黄小燕,女,20131010,${J},430121002003,正常,`,
  `吴小刚,男,20140404,${K},430121,正常,`,
  `郑小东,男,20150707,${L1},430121,正常,`,
  `郑小东,男,20150707,${L2},430121,正常,`,
  `何浩雨,男,20160101,${T1},430121,正常,`,
  `何浩语,男,20160101,${T2},430121,正常,`,
].join('\n')

const OPTIONS = {asOf: '2026-06-30', lang: 'en', mask: 'none', includeInfo: false, failOn: 'error'} as const

async function run(thresholds: {ambiguous?: number} = {}): Promise<Report> {
  const dir = tempDir()
  writeTemp(dir, 'civil.csv', CIVIL)
  writeTemp(dir, 'edu.csv', EDUCATION)
  writeTemp(dir, 'ps.csv', POLICE)
  const config = resolveConfig(
    {
      datasets: [
        {department: 'civil-affairs', path: 'civil.csv'},
        {department: 'education', path: 'edu.csv'},
        {department: 'public-security', path: 'ps.csv'},
      ],
      thresholds,
    },
    dir,
  )
  return crosscheck(config, OPTIONS)
}

const at = (f: Finding) => `${f.dataset}:${f.row}`

describe('every XC code on small inline lists', async () => {
  const report = await run()
  const of = (code: string) => report.findings.filter((f) => f.code === code)
  const rowsOf = (code: string) => of(code).map(at)
  const linkOf = (row: number) => report.links?.find((l) => l.members.some((m) => m.dataset === 'civil-affairs' && m.row === row))
  const linked = (row: number) => (linkOf(row)?.members ?? []).filter((m) => m.dataset !== 'civil-affairs').map((m) => `${m.dataset}:${m.row}`)

  it('is a schema-valid report', () => {
    expect(reportSchemaErrors(report)).toEqual([])
  })

  it('XC_NOT_ENROLLED: aged 6–15 and on no education list, never for a child recorded dead', () => {
    expect(rowsOf('XC_NOT_ENROLLED')).toEqual(['civil-affairs:3'])
  })

  it('XC_NOT_REGISTERED: on no public-security list', () => {
    expect(rowsOf('XC_NOT_REGISTERED')).toEqual(['civil-affairs:6', 'civil-affairs:16'])
  })

  it('XC_DECEASED on the primary row, related to the register’s row', () => {
    expect(of('XC_DECEASED').map((f) => [at(f), f.related?.map((r) => `${r.dataset}:${r.row}`)])).toEqual([['civil-affairs:4', ['public-security:4']]])
  })

  it('XC_MOVED_OUT', () => {
    expect(rowsOf('XC_MOVED_OUT')).toEqual(['civil-affairs:5'])
  })

  it('XC_UNLISTED on the other list’s row, not on ambiguous candidates', () => {
    expect(rowsOf('XC_UNLISTED')).toEqual(['education:5'])
  })

  it('XC_DUPLICATE_REGISTRATION on every row of the child, each naming the other', () => {
    expect(of('XC_DUPLICATE_REGISTRATION').map((f) => [at(f), f.related?.map((r) => r.row)])).toEqual([
      ['civil-affairs:7', [8]],
      ['civil-affairs:8', [7]],
    ])
  })

  describe('XC_FIELD_CONFLICT: on each row that differs from the authority, expected its value, related its row', () => {
    const conflict = (row: number, field: string, dataset = 'civil-affairs') => of('XC_FIELD_CONFLICT').find((f) => f.dataset === dataset && f.row === row && f.field === field)
    const summary = (f: Finding | undefined) => f && [f.value, f.expected, f.severity, f.related?.map((r) => `${r.dataset}:${r.row}`)]

    it('name: the register’s spelling is expected', () => {
      expect(summary(conflict(2, 'name'))).toEqual(['王小明', '王晓明', 'error', ['public-security:2']])
    })
    it('gender: the register agrees with the roster, so the finding sits on the school’s row, naming the register', () => {
      expect(summary(conflict(2, 'gender', 'education'))).toEqual(['女', '男', 'error', ['public-security:2']])
      expect(conflict(2, 'gender', 'education')!.message).toBe('gender disagrees with the public security record')
      expect(conflict(2, 'gender')).toBeUndefined()
    })
    it('birthDate', () => {
      expect(summary(conflict(9, 'birthDate'))).toEqual(['2011-06-16', '2011-06-06', 'error', ['public-security:8']])
    })
    it('idNumber: a number the register re-issued still links, the new one expected', () => {
      expect(summary(conflict(10, 'idNumber'))).toEqual([I_OLD, I_NEW, 'error', ['public-security:9']])
      expect(linked(10)).toEqual(['education:8', 'public-security:9'])
    })
    it('idNumber: mistyped region digits still link, the register’s number expected', () => {
      expect(summary(conflict(12, 'idNumber'))).toEqual([K_TYPED, K, 'error', ['public-security:11']])
      expect(linked(12)).toEqual(['education:10', 'public-security:11'])
    })
    it('regionCode', () => {
      expect(summary(conflict(11, 'regionCode'))).toEqual(['430121001001', '430121002003', 'warning', ['public-security:10']])
    })
    it('school: education’s value is expected', () => {
      expect(summary(conflict(2, 'school'))).toEqual(['开元小学', '星沙小学', 'warning', ['education:2']])
    })
    it('guardian: education’s value is expected', () => {
      expect(summary(conflict(2, 'guardianName'))).toEqual(['王大山', '王二山', 'warning', ['education:2']])
    })
    it('and nothing else', () => {
      expect(of('XC_FIELD_CONFLICT').map((f) => `${f.dataset}:${f.row}:${f.field}`).sort()).toEqual([
        'civil-affairs:10:idNumber',
        'civil-affairs:11:regionCode',
        'civil-affairs:12:idNumber',
        'civil-affairs:2:guardianName',
        'civil-affairs:2:name',
        'civil-affairs:2:school',
        'civil-affairs:9:birthDate',
        // The school has the register's sex wrong, and the roster's spelling and the old number too.
        'education:2:gender',
        'education:2:name',
        'education:8:idNumber',
      ])
    })
  })

  it('XC_AMBIGUOUS: two children of one name and birth date on a list, and no ID to tell them apart', () => {
    expect(of('XC_AMBIGUOUS').filter((f) => f.row === 13).map((f) => [at(f), f.related?.map((r) => `${r.dataset}:${r.row}`)])).toEqual([
      ['civil-affairs:13', ['education:11', 'education:12']],
      ['civil-affairs:13', ['public-security:12', 'public-security:13']],
    ])
    // Linked to neither, and not reported missing from either list.
    expect(linkOf(13)).toBeUndefined()
    expect([...rowsOf('XC_NOT_ENROLLED'), ...rowsOf('XC_NOT_REGISTERED')]).not.toContain('civil-affairs:13')
  })

  it('XC_AMBIGUOUS: two rows without ID that only name and birth date join, in families that disagree, are two candidates', () => {
    expect(of('XC_AMBIGUOUS').filter((f) => f.row === 16).map((f) => f.related?.map((r) => `${r.dataset}:${r.row}`))).toEqual([['education:15', 'education:16']])
    expect(linkOf(16)).toBeUndefined()
    expect(rowsOf('XC_NOT_ENROLLED')).not.toContain('civil-affairs:16')
  })

  it('twins with homophone names keep their own rows: a twin’s number never bridges to the other twin', () => {
    expect(linked(14)).toEqual(['education:13', 'public-security:14'])
    expect(linked(15)).toEqual(['education:14', 'public-security:15'])
  })

  it('counts each finding of the primary list against its reporting unit in the breakdown', () => {
    const unitOf = (row: number) => CIVIL.split('\n')[row - 1]!.split(',')[5]!
    const expected: Record<string, Record<string, number>> = {}
    for (const f of report.findings.filter((x) => x.dataset === 'civil-affairs')) {
      const byCode = (expected[unitOf(f.row)] ??= {})
      byCode[f.code] = (byCode[f.code] ?? 0) + 1
    }
    const units = report.breakdown!.filter((b) => b.level === 'reportingUnit')
    expect(Object.fromEntries(units.map((u) => [u.unit, u.byCode]))).toEqual(expected)
    expect(units.map((u) => [u.unit, u.rows])).toEqual([
      ['金茂路社区', 5],
      ['开元路社区', 10],
    ])
  })

  it('XC_AMBIGUOUS can be turned off (share 0): the row then links by the strongest edge', async () => {
    const off = await run({ambiguous: 0})
    expect(off.findings.filter((f) => f.code === 'XC_AMBIGUOUS')).toEqual([])
  })
})
