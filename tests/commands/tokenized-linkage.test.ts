import {chmodSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../src/cn/id-number.js'
import type {Finding, Report} from '../../src/findings/model.js'
import {isTokenizedValue} from '../../src/tokens/tokens.js'
import {type CliResult, runCli, tempDir, writeTemp} from '../helpers/cli.js'
import {reportSchemaErrors} from '../helpers/report-schema.js'

// dedupe and crosscheck on rosters that went through `liushou tokenize` with one shared key: the
// same children linked, the same findings on the same rows as on the plain lists, values shown as
// tokens (or in clear where tokenize kept them), and a refusal for inputs that cannot be compared.

const id = (first17: string): string => first17 + checkDigit(first17)
const A = id('43012120150304001') // boy: on every list; education says girl, public security writes 王晓明
const B = id('43012120160505002') // girl, age 10: not on education
const C = id('43012120140101003') // boy: public security says deceased
const D = id('43012120130202004') // girl: public security says moved out
const E = id('43012120120808005') // boy: on no public-security list
const F = id('43012120170707006') // girl: education flags her left-behind, not on civil affairs
const G = id('43012120111111007') // boy: registered twice in civil affairs (two villages)
const KEY_HEX = '6f1d2c9a8b7e4f3051a2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718'
const OTHER_KEY_HEX = 'a94c0e7b1d3f5a2c8e6b4d0f9a7c5e3b1f2d4a6c8e0b9d7f5a3c1e2b4d6f8a0c'

const CIVIL = [
  '姓名,性别,身份证号,出生日期,行政区划代码,填报单位,监护人姓名,监护人联系电话',
  `王小明,男,${A},2015-03-04,430121001001,开元路社区,王大山,13812345678`,
  `李小红,女,${B},2016-05-05,430121001001,开元路社区,李大山,`,
  `张小强,男,${C},2014-01-01,430121001002,金茂路社区,张大山,`,
  `赵小梅,女,${D},2013-02-02,430121001002,金茂路社区,赵大山,`,
  `孙小军,男,${E},2012-08-08,430121001002,金茂路社区,孙大山,`,
  `周小龙,男,${G},2011-11-11,430121001001,开元路社区,周大山,`,
  `周小龙,男,${G},2011-11-11,430121001002,金茂路社区,周大山,`,
].join('\n')
const EDUCATION = [
  '学生姓名,性别,出生日期,身份证件号,学校名称,是否留守儿童,监护人姓名,监护人联系电话',
  `王小明,女,2015-03-04,${A},星沙小学,是,王大山,138 1234 5678`,
  `张小强,男,2014-01-01,${C},星沙小学,是,张大山,`,
  `赵小梅,女,2013-02-02,${D},星沙中学,是,赵大山,`,
  `孙小军,男,2012-08-08,${E},星沙中学,是,孙大山,`,
  `吴小丽,女,2017-07-07,${F},星沙小学,是,吴大山,`,
  `周小龙,男,2011-11-11,${G},星沙中学,是,周大山,`,
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

const KEY_FORMS = [KEY_HEX, KEY_HEX.toUpperCase(), Buffer.from(KEY_HEX, 'hex').toString('base64'), Buffer.from(KEY_HEX, 'hex').toString('base64url')]

interface Lists {
  dir: string
  plain: {civil: string; education: string; police: string}
  tokens: {civil: string; education: string; police: string}
  key: string
}

function keyFile(dir: string, name: string, hex: string): string {
  const file = writeTemp(dir, name, `${hex}\n`)
  chmodSync(file, 0o600)
  return file
}

function tokenize(input: string, key: string, output: string, extra: string[] = []): void {
  const r = runCli(['tokenize', input, '--key', key, '--output', output, '--json', ...extra])
  expect([0, 1], r.stderr).toContain(r.code)
}

function lists(): Lists {
  const dir = tempDir()
  const key = keyFile(dir, 'shared.key', KEY_HEX)
  const plain = {civil: writeTemp(dir, 'civil.csv', CIVIL), education: writeTemp(dir, 'edu.csv', EDUCATION), police: writeTemp(dir, 'ps.csv', POLICE)}
  const tokens = {civil: path.join(dir, 'tok-civil.csv'), education: path.join(dir, 'tok-edu.csv'), police: path.join(dir, 'tok-ps.csv')}
  for (const k of ['civil', 'education', 'police'] as const) tokenize(plain[k], key, tokens[k])
  return {dir, plain, tokens, key}
}

function crosscheck(files: Lists['plain'], extra: string[] = []): CliResult & {report: Report} {
  const r = runCli(['crosscheck', `civil-affairs=${files.civil}`, `education=${files.education}`, `public-security=${files.police}`, '--as-of', '2026-06-30', '--json', ...extra])
  return {...r, report: (r.stdout === '' ? {} : JSON.parse(r.stdout)) as Report}
}

function expectNoKey(...texts: string[]): void {
  for (const t of texts) for (const form of KEY_FORMS) expect(t).not.toContain(form)
}

function expectRefused(r: CliResult, pattern: RegExp): void {
  expect(r.code).toBe(2)
  expect(r.stdout).toBe('')
  expect(r.stderr.trim().split('\n')).toHaveLength(1)
  expect(r.stderr).toMatch(pattern)
}

const findingKeys = (report: Report): string[] => report.findings.map((f: Finding) => `${f.code} ${f.dataset}:${f.row} ${f.field ?? ''}`).sort()
const linkKeys = (report: Report): string[] => (report.links ?? []).map((l) => l.members.map((m) => `${m.dataset}:${m.row}`).join(' ')).sort()

describe('crosscheck on tokenized lists', () => {
  const l = lists()
  const plain = crosscheck(l.plain, ['--mask', 'none'])
  const tokens = crosscheck(l.tokens, ['--mask', 'none'])

  it('links the same children and reports the same findings on the same rows as on the plain lists', () => {
    expect(tokens.code).toBe(1)
    expect(reportSchemaErrors(tokens.report)).toEqual([])
    expect(linkKeys(tokens.report)).toEqual(linkKeys(plain.report))
    expect(linkKeys(tokens.report).length).toBeGreaterThanOrEqual(6)
    expect(findingKeys(tokens.report)).toEqual(findingKeys(plain.report))
    for (const code of ['XC_NOT_ENROLLED', 'XC_NOT_REGISTERED', 'XC_DECEASED', 'XC_MOVED_OUT', 'XC_UNLISTED', 'XC_DUPLICATE_REGISTRATION', 'XC_FIELD_CONFLICT']) {
      expect(tokens.report.summary.byCode[code], code).toBeGreaterThan(0)
    }
  })

  it('shows tokens for identities and clear values where tokenize kept them', () => {
    const conflicts = tokens.report.findings.filter((f) => f.code === 'XC_FIELD_CONFLICT')
    const name = conflicts.find((f) => f.field === 'name')!
    expect(isTokenizedValue(name.value!)).toBe(true)
    expect(isTokenizedValue(name.expected!)).toBe(true)
    expect(name.value).not.toBe(name.expected)
    // Sex is kept in clear: the same values as on the plain lists.
    const sex = conflicts.find((f) => f.field === 'gender')!
    const plainSex = plain.report.findings.find((f) => f.code === 'XC_FIELD_CONFLICT' && f.field === 'gender')!
    expect([sex.dataset, sex.row, sex.value, sex.expected]).toEqual([plainSex.dataset, plainSex.row, plainSex.value, plainSex.expected])
    expect([sex.value, sex.expected].sort()).toEqual(['女', '男'])
    const unregistered = tokens.report.findings.find((f) => f.code === 'XC_NOT_REGISTERED')!
    expect(unregistered.value).toMatch(/^tk1:id:[A-Za-z0-9_-]{22}$/)
    const text = JSON.stringify(tokens.report)
    for (const clear of [A, E, '王小明', '王晓明', '13812345678']) expect(text).not.toContain(clear)
    expectNoKey(tokens.stdout, tokens.stderr)
  })

  it('refuses a plain list next to tokenized ones, and lists tokenized with another key', () => {
    expectRefused(crosscheck({...l.tokens, police: l.plain.police}), /ps\.csv: is not tokenized but .*tok-civil\.csv is: tokenize every list with the same key/)
    const other = keyFile(l.dir, 'other.key', OTHER_KEY_HEX)
    const police = path.join(l.dir, 'tok-ps-other.csv')
    tokenize(l.plain.police, other, police)
    expectRefused(crosscheck({...l.tokens, police}), /tok-ps-other\.csv: was tokenized with key [0-9a-f]{12}, .* tokens made with different keys never match/)
  })

  it('warns, and still links, when the lists kept different things in clear', () => {
    const police = path.join(l.dir, 'tok-ps-nocounty.csv')
    tokenize(l.plain.police, l.key, police, ['--keep', 'birthYear,gender'])
    const r = crosscheck({...l.tokens, police})
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^liushou: warning: .*tok-ps-nocounty\.csv: kept birthYear,gender in clear/m)
    expect(linkKeys(r.report)).toEqual(linkKeys(plain.report))
  })
})

describe('dedupe on tokenized lists', () => {
  const l = lists()
  const args = (files: Lists['plain']): string[] => ['dedupe', `civil-affairs=${files.civil}`, `education=${files.education}`, `public-security=${files.police}`, '--json']
  const plain = runCli(args(l.plain))
  const tokens = runCli(args(l.tokens))

  it('finds the same clusters, with evidence as levels and weights', () => {
    const p = JSON.parse(plain.stdout) as Report
    const t = JSON.parse(tokens.stdout) as Report
    expect(tokens.code).toBe(plain.code)
    expect(reportSchemaErrors(t)).toEqual([])
    const clusters = (r: Report): string[] => (r.clusters ?? []).map((c) => `${c.decision} ${c.members.map((m) => `${m.dataset}:${m.row}`).join(' ')}`).sort()
    expect(clusters(t)).toEqual(clusters(p))
    expect(t.clusters!.length).toBeGreaterThanOrEqual(6)
    expect(Object.keys(t.clusters![0]!.evidence[0]!.fields)).toEqual(['idNumber', 'name', 'birthDate', 'gender', 'region', 'household'])
    expect(findingKeys(t)).toEqual(findingKeys(p))
    expectNoKey(tokens.stdout, tokens.stderr)
  })

  it('explains a pair with tokens and clear values, never the plain identities', () => {
    const r = runCli([...args(l.tokens).slice(0, 4), '--explain', 'civil-affairs:2', 'public-security:2', '--format', 'table', '--lang', 'en', '--mask', 'none'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/ID number\s+exact .* tk1:id:[A-Za-z0-9_-]{8}… \| tk1:id:[A-Za-z0-9_-]{8}…/)
    expect(r.stdout).toMatch(/name\s+homophone .*\n.*Bloom filter Dice 1\.000/)
    expect(r.stdout).toMatch(/token-id/)
    for (const clear of [A, '王小明', '王晓明', '2015-03-04']) expect(r.stdout).not.toContain(clear)
  })

  it('refuses a plain file next to a tokenized one', () => {
    expectRefused(runCli(['dedupe', l.tokens.civil, l.plain.education, '--json']), /edu\.csv: is not tokenized but .*tok-civil\.csv is/)
  })
})
