import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {checkDigit} from '../../src/cn/id-number.js'
import {BIN, ROOT, runCli, tempDir, writeTemp} from '../helpers/cli.js'

// Issue 20, items 2, 8 and 9: the report file's extension picks the format, --format saying
// otherwise is exit 2, --report where --output is data, --limit, one line on stderr naming what
// was written; files of personal data 0600 and folders 0700 whatever the umask; messages that
// name the flags involved.

const AS_OF = ['--as-of', '2026-06-30']

function id(first17: string): string {
  return first17 + checkDigit(first17)
}

const GOOD = id('43012120150304002')
const TWIN = id('43012120150304003')

let dir: string
let roster: string

beforeAll(() => {
  dir = tempDir()
  roster = writeTemp(
    dir,
    'roster.csv',
    [
      '姓名,性别,身份证号,出生日期,村,监护人联系电话',
      `王小明,男,${GOOD.slice(0, 17)}0,2015-03-04,汇龙村,13812345678`,
      `李 红,女,${TWIN},2015-03-04,汇龙村,13812345679`,
      `张三,男,${GOOD},2015-03-04,汇龙村,1381234`,
      `张三,男,${GOOD},2015-03-04,汇龙村,13812345670`,
    ].join('\n') + '\n',
  )
})

/** The CLI under a given umask (sh -c 'umask …; node bin/run.js …'). */
function withUmask(umask: string, args: string[]): {code: number; stderr: string} {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`
  const r = spawnSync('sh', ['-c', `umask ${umask}; exec ${[process.execPath, BIN, ...args].map(quote).join(' ')}`], {cwd: ROOT, env: {...process.env, LANG: 'en_US.UTF-8', LC_ALL: ''}, encoding: 'utf8'})
  return {code: r.status ?? -1, stderr: r.stderr}
}

const mode = (file: string) => statSync(file).mode & 0o777

describe('--output: the extension picks the format', () => {
  it('writes each format by its extension, without --format', () => {
    const cases: [string, (bytes: Buffer) => boolean][] = [
      ['r.xlsx', (b) => b.subarray(0, 2).toString() === 'PK'],
      ['r.html', (b) => b.toString('utf8').startsWith('<!DOCTYPE html>')],
      ['r.csv', (b) => b.toString('utf8').startsWith('\ufeffdataset,file,row,name')],
      ['r.xml', (b) => b.toString('utf8').includes('<testsuites')],
      ['r.json', (b) => (JSON.parse(b.toString('utf8')) as {tool: string}).tool === 'liushou'],
      ['r.txt', (b) => (JSON.parse(b.toString('utf8')) as {tool: string}).tool === 'liushou'],
    ]
    for (const [name, looksRight] of cases) {
      const out = path.join(dir, name)
      const r = runCli(['validate', roster, ...AS_OF, '--output', out])
      expect(r.code, name).toBe(1)
      expect(looksRight(readFileSync(out)), name).toBe(true)
      expect(r.stderr, name).toMatch(new RegExp(`^liushou: written to .*${name.replace('.', '\\.')}, \\d+ errors?, \\d+ warnings?`))
      expect(r.stdout, name).toBe('')
    }
  })

  it('refuses --format contradicting the extension (exit 2, nothing written); agrees when they agree', () => {
    const out = path.join(dir, 'contra.xlsx')
    const r = runCli(['validate', roster, ...AS_OF, '--format', 'json', '--output', out])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--format json contradicts --output .*contra\.xlsx/)
    expect(existsSync(out)).toBe(false)
    expect(runCli(['validate', roster, ...AS_OF, '--json', '--output', path.join(dir, 'x.csv')]).code).toBe(2)
    expect(runCli(['validate', roster, ...AS_OF, '--format', 'xlsx', '--output', path.join(dir, 'agree.xlsx')]).code).toBe(1)
    // An extension the rule does not know leaves --format free.
    const table = path.join(dir, 'table.txt')
    expect(runCli(['validate', roster, ...AS_OF, '--format', 'table', '--output', table]).code).toBe(1)
    expect(readFileSync(table, 'utf8')).toMatch(/^Inputs: /)
  })

  it('says so in Chinese with --lang zh', () => {
    const r = runCli(['validate', roster, ...AS_OF, '--format', 'csv', '--output', path.join(dir, 'zh.html'), '--lang', 'zh'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^liushou: --format csv 与 --output .*zh\.html 矛盾/)
    const ok = runCli(['validate', roster, ...AS_OF, '--output', path.join(dir, 'zh.csv'), '--lang', 'zh'])
    expect(ok.stderr).toMatch(/^liushou: 已写入 .*zh\.csv：\d+ 个错误，\d+ 个警告/)
  })
})

describe('--report where --output is data', () => {
  it('normalize writes its report to --report by its extension, the summary line on stderr', () => {
    const clean = path.join(dir, 'clean.csv')
    const report = path.join(dir, 'normalize-report.json')
    const r = runCli(['normalize', roster, ...AS_OF, '--output', clean, '--report', report])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect((JSON.parse(readFileSync(report, 'utf8')) as {command: string}).command).toBe('normalize')
    expect(r.stderr).toMatch(/written to .*clean\.csv and .*normalize-report\.json/)
    const xlsx = path.join(dir, 'normalize-report.xlsx')
    expect(runCli(['normalize', roster, ...AS_OF, '--output', clean, '--report', xlsx]).code).toBe(1)
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK')
    expect(runCli(['normalize', roster, ...AS_OF, '--output', clean, '--report', xlsx, '--format', 'json']).code).toBe(2)
  })

  it('names the flags when two outputs are one file, and does not suggest --in-place where there is none', () => {
    const same = path.join(dir, 'same.csv')
    const r = runCli(['normalize', roster, '--output', same, '--changes', same])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--output and --changes name the same file/)
    expect(r.stderr).not.toMatch(/input file/)
    const v = runCli(['validate', roster, '--output', roster])
    expect(v.code).toBe(2)
    expect(v.stderr).toMatch(/is an input file; choose another --output$/m)
    expect(v.stderr).not.toContain('--in-place')
    const n = runCli(['normalize', roster, '--output', roster])
    expect(n.stderr).toContain('--in-place')
  })
})

describe('--limit', () => {
  it('caps the table; piped, the table lists every finding', () => {
    const all = runCli(['validate', roster, ...AS_OF, '--format', 'table'])
    const fingerprints = (text: string) => text.split('\n').filter((l) => /\b[0-9a-f]{16}\b/.test(l)).length
    const json = JSON.parse(runCli(['validate', roster, ...AS_OF, '--json']).stdout) as {findings: unknown[]}
    expect(fingerprints(all.stdout)).toBe(json.findings.length)
    const two = runCli(['validate', roster, ...AS_OF, '--format', 'table', '--limit', '2'])
    expect(fingerprints(two.stdout)).toBe(2)
    expect(two.stdout).toMatch(new RegExp(`${json.findings.length - 2} not listed \\(--limit 0 lists all`))
    expect(runCli(['validate', roster, '--limit', '-1']).code).toBe(2)
  })
})

describe('files of personal data are private whatever the umask', () => {
  for (const umask of ['022', '000']) {
    it(`umask ${umask}: unmasked outputs 0600, masked change log and --mask all report by the umask, sample folder 0700`, () => {
      const sub = path.join(dir, `umask-${umask}`)
      const runs = [
        ['normalize', roster, ...AS_OF, '--output', path.join(sub, 'clean.xlsx'), '--changes', path.join(sub, 'changes-none.csv'), '--mask', 'none', '--report', path.join(sub, 'n.json')],
        ['normalize', roster, ...AS_OF, '--output', path.join(sub, 'clean.csv'), '--changes', path.join(sub, 'changes-ids.csv')],
        ['dedupe', roster, ...AS_OF, '--assignments', path.join(sub, 'assignments.csv'), '--merged', path.join(sub, 'merged.xlsx'), '--output', path.join(sub, 'dedupe.json')],
        ['validate', roster, ...AS_OF, '--mask', 'none', '--output', path.join(sub, 'none.xlsx')],
        ['validate', roster, ...AS_OF, '--mask', 'all', '--output', path.join(sub, 'all.html')],
      ]
      expect(withUmask(umask, ['sample', '--children', '100', '--output', sub]).code).toBe(0)
      expect(mode(sub)).toBe(0o700)
      for (const args of runs) expect(withUmask(umask, args).code, args.join(' ')).toBeLessThan(2)
      for (const f of ['clean.xlsx', 'changes-none.csv', 'clean.csv', 'assignments.csv', 'merged.xlsx', 'dedupe.json', 'none.xlsx', 'n.json']) expect(mode(path.join(sub, f)), f).toBe(0o600)
      // Files without unmasked personal data keep the ordinary mode (0644 under either umask).
      expect(mode(path.join(sub, 'changes-ids.csv'))).toBe(0o644)
      expect(mode(path.join(sub, 'all.html'))).toBe(0o644)
    })
  }
})
