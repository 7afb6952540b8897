import {runCommand} from '@oclif/test'
import iconv from 'iconv-lite'
import {existsSync, readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../src/cn/id-number.js'
import type {Report} from '../../src/findings/model.js'
import {ROOT, runCli, tempDir, writeTemp} from '../helpers/cli.js'
import {reportSchemaErrors} from '../helpers/report-schema.js'

const id = (first17: string) => first17 + checkDigit(first17)
const CHILD = id('43012120150304002') // 2015-03-04, digit 17 = 2 → 女
const CHILD2 = id('43012120140101003') // 2014-01-01, 男
const GUARDIAN = id('43012119600101001')
const BAD_CHECK = CHILD.slice(0, 17) + (CHILD.endsWith('0') ? '1' : '0')

function roster(rows: string[][]): string {
  const header = ['序号', '姓名', '性别', '身份证号', '出生日期', '监护人姓名', '监护人身份证号', '监护人联系电话']
  return [header, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n'
}

const CLEAN = roster([
  ['1', '李小红', '女', CHILD, '2015-03-04', '李大山', GUARDIAN, '13812345678'],
  ['2', '李小明', '男', CHILD2, '2014-01-01', '李大山', GUARDIAN, '13812345678'],
])

function json(stdout: string): Report {
  return JSON.parse(stdout) as Report
}

describe('validate', () => {
  it('passes a clean roster with exit 0 and a report that matches the JSON schema', async () => {
    const dir = tempDir()
    const file = writeTemp(dir, '花名册.csv', iconv.encode(CLEAN, 'gb18030'))
    const {stdout, error} = await runCommand(['validate', file, '--json', '--as-of', '2026-06-30'], {root: ROOT})
    expect(error).toBeUndefined()
    const report = json(stdout)
    expect(reportSchemaErrors(report)).toEqual([])
    expect(report.summary).toMatchObject({rows: 2, errors: 0, warnings: 0})
    expect(report.inputs[0]).toMatchObject({dataset: '花名册', format: 'csv', encoding: 'gb18030', rows: 2})
  })

  it('reports errors with Excel row numbers, masked values and exit 1', () => {
    const dir = tempDir()
    const file = writeTemp(dir, 'r.csv', `某镇留守儿童花名册\r\n${roster([['1', '李小红', '女', BAD_CHECK, '2015-03-04', '李大山', GUARDIAN, '13812345678']])}`)
    const r = runCli(['validate', file, '--json', '--as-of', '2026-06-30'])
    expect(r.code).toBe(1)
    const report = json(r.stdout)
    expect(reportSchemaErrors(report)).toEqual([])
    const finding = report.findings.find((f) => f.code === 'ID_CHECKSUM')
    expect(finding).toMatchObject({row: 3, field: 'idNumber', column: '身份证号', severity: 'error'})
    expect(finding?.value).toBe(`${BAD_CHECK.slice(0, 6)}********${BAD_CHECK.slice(-4)}`)
    expect(r.stdout).not.toContain(BAD_CHECK)
    expect(r.stdout).not.toContain(GUARDIAN)
  })

  it('--mask none shows full values; --mask all also masks names', () => {
    const dir = tempDir()
    const file = writeTemp(dir, 'r.csv', roster([['1', '李 小红', '女', BAD_CHECK, '2015-03-04', '李大山', GUARDIAN, '13812345678']]))
    const none = json(runCli(['validate', file, '--json', '--mask', 'none', '--as-of', '2026-06-30']).stdout)
    expect(none.findings.find((f) => f.code === 'ID_CHECKSUM')?.value).toBe(BAD_CHECK)
    const all = json(runCli(['validate', file, '--json', '--mask', 'all', '--as-of', '2026-06-30']).stdout)
    expect(all.findings.find((f) => f.code === 'NAME_FORMAT')?.value).toBe('李**红')
  })

  it('--fail-on decides the exit status', () => {
    const dir = tempDir()
    const file = writeTemp(dir, 'r.csv', roster([['1', '李小红', '女', CHILD, '2015-03-04', '李大山', GUARDIAN, '123']]))
    expect(runCli(['validate', file, '--json', '--as-of', '2026-06-30']).code).toBe(0)
    expect(runCli(['validate', file, '--json', '--as-of', '2026-06-30', '--fail-on', 'warning']).code).toBe(1)
    expect(runCli(['validate', file, '--json', '--as-of', '2026-06-30', '--fail-on', 'never']).code).toBe(0)
  })

  it('counts infos always and lists them with --include-info', () => {
    const dir = tempDir()
    const file = writeTemp(dir, 'r.csv', roster([['1', '李小红', '女', CHILD, '2015/3/4', '李大山', GUARDIAN, '13812345678']]))
    const hidden = json(runCli(['validate', file, '--json', '--as-of', '2026-06-30']).stdout)
    expect(hidden.summary.infos).toBe(1)
    expect(hidden.findings).toHaveLength(0)
    const shown = json(runCli(['validate', file, '--json', '--as-of', '2026-06-30', '--include-info']).stdout)
    expect(shown.findings.map((f) => f.code)).toEqual(['NOT_CANONICAL'])
  })

  it('writes the report atomically with --output and leaves no temporary file', () => {
    const dir = tempDir()
    const file = writeTemp(dir, 'r.csv', CLEAN)
    const out = path.join(dir, 'report.json')
    const r = runCli(['validate', file, '--output', out, '--as-of', '2026-06-30'])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('')
    expect(json(readFileSync(out, 'utf8')).summary.rows).toBe(2)
    expect(readdirSync(dir).filter((n) => n.startsWith('.liushou-tmp'))).toEqual([])
  })

  it('refuses to write the report over an input file', () => {
    const dir = tempDir()
    const file = writeTemp(dir, 'r.csv', CLEAN)
    const r = runCli(['validate', file, '--output', file, '--as-of', '2026-06-30', '--json'])
    expect(r.code).toBe(2)
    expect(readFileSync(file, 'utf8')).toBe(CLEAN)
  })

  it('renders csv (one finding a row, BOM, formula-safe) and a table in Chinese', () => {
    const dir = tempDir()
    const file = writeTemp(dir, 'r.csv', roster([['1', '=HYPERLINK("x")', '女', BAD_CHECK, '2015-03-04', '李大山', GUARDIAN, '13812345678']]))
    const csv = runCli(['validate', file, '--format', 'csv', '--as-of', '2026-06-30', '--mask', 'none'])
    expect(csv.stdout.startsWith('\uFEFF')).toBe(true)
    expect(csv.stdout).toContain("'=HYPERLINK")
    const table = runCli(['validate', file, '--format', 'table', '--lang', 'zh', '--as-of', '2026-06-30'])
    expect(table.stdout).toContain('身份证号校验码错误')
    expect(table.stdout).toContain('ID_CHECKSUM')
  })

  it('maps headers with --columns', () => {
    const dir = tempDir()
    const file = writeTemp(dir, 'r.csv', `孩子,证号,生日\r\n李小红,${CHILD},2015-03-04\r\n`)
    const columns = writeTemp(dir, 'columns.json', JSON.stringify({孩子: 'name', 证号: 'idNumber', 生日: 'birthDate'}))
    const r = runCli(['validate', file, '--columns', columns, '--json', '--as-of', '2026-06-30'])
    expect(r.code).toBe(0)
    expect(json(r.stdout).summary.errors).toBe(0)
    const bad = writeTemp(dir, 'bad.json', JSON.stringify({孩子: 'child'}))
    const e = runCli(['validate', file, '--columns', bad, '--json'])
    expect(e.code).toBe(2)
    expect(e.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('accepts a header-only file as an empty roster', () => {
    const dir = tempDir()
    const file = writeTemp(dir, 'r.csv', '姓名,性别,身份证号\r\n')
    const r = runCli(['validate', file, '--json'])
    expect(r.code).toBe(0)
    expect(json(r.stdout).summary).toMatchObject({rows: 0, findings: 0})
  })

  it.each([
    ['a missing file', (dir: string) => path.join(dir, 'nope.csv'), /no such file/],
    // A folder is a list of its rosters (README, "A list in several files"): one without any is refused.
    ['a folder without a roster', (dir: string) => dir, /holds no roster/],
    ['an empty file', (dir: string) => writeTemp(dir, 'e.csv', ''), /empty/],
    ['a binary file', (dir: string) => writeTemp(dir, 'b.csv', Buffer.from(Array.from({length: 4096}, (_, i) => (i * 7919) % 256))), /binary/],
    ['an .xls workbook', (dir: string) => writeTemp(dir, 'old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])), /\.xlsx/],
    ['a zip that is not a workbook', (dir: string) => writeTemp(dir, 'z.xlsx', Buffer.from('PK\x03\x04garbage-not-a-real-zip')), /xlsx/],
  ])('refuses %s with one line naming the file and exit 2', (_name, make, pattern) => {
    const dir = tempDir()
    const file = make(dir)
    const r = runCli(['validate', file, '--json'])
    expect(r.code).toBe(2)
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(pattern)
    expect(lines[0]).toContain(path.basename(file))
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('reports ragged rows as findings and goes on', () => {
    const dir = tempDir()
    const file = writeTemp(dir, 'r.csv', `${CLEAN}3,王五,男\r\n`)
    const r = runCli(['validate', file, '--json', '--as-of', '2026-06-30'])
    expect(r.code).toBe(1)
    const report = json(r.stdout)
    expect(report.summary.rows).toBe(3)
    expect(report.findings.map((f) => [f.code, f.row])).toEqual([['ROW_RAGGED', 4]])
  })

  it('rejects bad flags with one line and exit 2', () => {
    const r = runCli(['validate', 'x.csv', '--as-of', '2026-13-45'])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    const f = runCli(['validate', 'x.csv', '--format', 'pdf'])
    expect(f.code).toBe(2)
  })

  it('has no temporary files left after a run into a missing folder', () => {
    const dir = tempDir()
    const file = writeTemp(dir, 'r.csv', CLEAN)
    const r = runCli(['validate', file, '--output', path.join(dir, 'no/such/dir/out.json')])
    expect(r.code).toBe(2)
    expect(existsSync(path.join(dir, 'no'))).toBe(false)
  })
})
