import {readdirSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {FLAGS_ZH, type CommandZh} from '../../commands/_zh.js'
import Apply from '../../commands/apply.js'
import RegistryApply from '../../commands/registry/apply.js'
import RegistryChanges from '../../commands/registry/changes.js'
import RegistryChild from '../../commands/registry/child.js'
import RegistryExport from '../../commands/registry/export.js'
import RegistryIngest from '../../commands/registry/ingest.js'
import RegistryMerge from '../../commands/registry/merge.js'
import RegistryStatus from '../../commands/registry/status.js'
import RegistryWaive from '../../commands/registry/waive.js'
import Crosscheck from '../../commands/crosscheck.js'
import Dedupe from '../../commands/dedupe.js'
import Diff from '../../commands/diff.js'
import Normalize from '../../commands/normalize.js'
import Risk from '../../commands/risk.js'
import Sample from '../../commands/sample.js'
import Schema from '../../commands/schema.js'
import Tokenize from '../../commands/tokenize.js'
import Validate from '../../commands/validate.js'
import {ROOT, runCli, tempDir, writeTemp} from '../helpers/cli.js'

// Issue 20, item 5: Chinese throughout on a Chinese locale or with --lang zh — help (summaries,
// descriptions, flag help, examples), CLI errors, departments by their Chinese names.

const ZH = {LANG: 'zh_CN.UTF-8'}
const commandsIn = (folder: string, prefix = '') =>
  readdirSync(path.join(ROOT, 'commands', folder))
    .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
    .map((f) => prefix + f.replace(/\.ts$/, ''))
const COMMANDS = commandsIn('.')
const TOPIC_COMMANDS = commandsIn('registry', 'registry ')

describe('help in Chinese', () => {
  it('every flag and argument of every command has its Chinese help, and every command its summary and description', () => {
    type Described = {zh?: CommandZh; flags?: Record<string, unknown>; baseFlags?: Record<string, unknown>; args?: Record<string, unknown>}
    const classes: Record<string, Described> = {
      apply: Apply,
      crosscheck: Crosscheck,
      dedupe: Dedupe,
      diff: Diff,
      normalize: Normalize,
      risk: Risk,
      sample: Sample,
      schema: Schema,
      tokenize: Tokenize,
      validate: Validate,
      'registry apply': RegistryApply,
      'registry changes': RegistryChanges,
      'registry child': RegistryChild,
      'registry export': RegistryExport,
      'registry ingest': RegistryIngest,
      'registry merge': RegistryMerge,
      'registry status': RegistryStatus,
      'registry waive': RegistryWaive,
    }
    // A new command must be added here too.
    expect(Object.keys(classes).sort()).toEqual([...COMMANDS, ...TOPIC_COMMANDS].sort())
    const missing: string[] = []
    for (const [name, c] of Object.entries(classes)) {
      if (!c.zh?.summary || !c.zh.description) missing.push(`${name}: summary or description`)
      for (const flag of Object.keys({...c.baseFlags, ...c.flags})) if (!(c.zh?.flags?.[flag] ?? FLAGS_ZH[flag])) missing.push(`${name} --${flag}`)
      for (const arg of Object.keys(c.args ?? {})) if (!c.zh?.args?.[arg]) missing.push(`${name} ${arg}`)
    }
    expect(missing).toEqual([])
  })

  it('validate --help on a Chinese locale: summary, sections, flags and examples in Chinese', () => {
    const r = runCli(['validate', '--help'], {env: ZH})
    expect(r.code).toBe(0)
    const out = r.stdout
    expect(out.split('\n')[0]).toBe('按字段规范和核查规则逐行检查一份或多份名单')
    for (const header of ['用法', '参数', '选项', '说明', '示例']) expect(out).toMatch(new RegExp(`^${header}$`, 'm'))
    expect(out).toContain('计算年龄的基准日期')
    expect(out).toContain('[默认：ids]')
    expect(out).toContain('退出码')
    expect(out).toContain('检查民政的留守儿童名册')
    // No English help text left: the flags' English descriptions and oclif's headers are gone.
    expect(out).not.toMatch(/reference date for ages|^FLAGS$|^USAGE$|\[default:/m)
    // --lang zh does the same on an English locale, and --lang en undoes it on a Chinese one.
    expect(runCli(['validate', '--help', '--lang', 'zh']).stdout).toBe(out)
    expect(runCli(['validate', '--help', '--lang', 'en'], {env: ZH}).stdout).toMatch(/^Check every row/)
  })

  it('liushou --help lists every command with its Chinese summary', () => {
    const r = runCli(['--help'], {env: ZH})
    expect(r.stdout).toMatch(/^命令$/m)
    for (const name of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^ {2}${name}\\s+[\\u4e00-\\u9fff]`, 'm'))
    expect(r.stdout).toMatch(/^ {2}autocomplete\s+显示命令行自动补全/m)
    expect(r.stdout).toMatch(/^主题$/m)
    expect(r.stdout).toMatch(/^ {2}registry\s+基础信息数据库/m)
    const topic = runCli(['registry', '--help'], {env: ZH}).stdout
    for (const name of TOPIC_COMMANDS) expect(topic).toMatch(new RegExp(`^ {2}${name}\\s+[\\u4e00-\\u9fff]`, 'm'))
  })
})

describe('errors in Chinese', () => {
  it('no such file, nonexistent flag, bad option value, unknown command, missing argument', () => {
    const cases: [string[], RegExp][] = [
      [['validate', 'nosuch.csv'], /^liushou: nosuch\.csv：文件不存在$/],
      [['validate', 'nosuch.csv', '--nosuch'], /^liushou: 没有这个选项：--nosuch（见 --help）$/],
      [['validate', 'nosuch.csv', '--mask', 'foo'], /^liushou: --mask 的值“foo”无效，可选：none, ids, all（见 --help）$/],
      [['validate', 'nosuch.csv', '--limit', 'x'], /^liushou: --limit 需要整数/],
      [['validate'], /^liushou: 缺少 1 个必需的参数：files/],
      [['frob'], /^liushou: 没有命令“frob”/],
      [['validate', 'nosuch.csv', '--as-of', '2026-13-01'], /^liushou: --as-of 必须是写作 YYYY-MM-DD 的有效日期/],
    ]
    for (const [args, expected] of cases) {
      const r = runCli(args, {env: ZH})
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr.trim(), args.join(' ')).toMatch(expected)
    }
    // The same run in English on an English locale.
    expect(runCli(['validate', 'nosuch.csv']).stderr.trim()).toBe('liushou: nosuch.csv: no such file')
  })
})

describe('departments by their Chinese names', () => {
  it('民政=, 教育=, 公安= name the datasets by their ids; an unknown name is refused in one line', () => {
    const dir = tempDir()
    const file = writeTemp(dir, 'a.csv', '姓名,性别,身份证号,出生日期\n王小明,男,430121201503040021,2015-03-04\n')
    const r = runCli(['validate', `民政=${file}`, '--json', '--as-of', '2026-06-30'])
    expect((JSON.parse(r.stdout) as {inputs: {dataset: string; department: string}[]}).inputs[0]).toMatchObject({dataset: 'civil-affairs', department: 'civil-affairs'})
    const x = runCli(['crosscheck', `民政=${file}`, `教育=${file}`, '--json', '--as-of', '2026-06-30'])
    expect(x.code).toBeLessThan(2)
    expect((JSON.parse(x.stdout) as {inputs: {department: string}[]}).inputs.map((i) => i.department)).toEqual(['civil-affairs', 'education'])
    const bad = runCli(['crosscheck', `民政=${file}`, `学校=${file}`], {env: ZH})
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^liushou: “学校=.*”不是 部门=文件 的写法；部门可写 民政、教育、公安、妇联、司法、团委、残联、卫健/)
  })
})
