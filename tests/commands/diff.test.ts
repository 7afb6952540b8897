import iconv from 'iconv-lite'
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import type {Report} from '../../src/findings/model.js'
import {runCli, tempDir, writeTemp} from '../helpers/cli.js'
import {reportSchemaErrors} from '../helpers/report-schema.js'
import {HEADER, child, csv, makeId, village} from '../unit/diff/fixtures.js'

function snapshots() {
  const dir = tempDir('liushou-diff-cmd-')
  const old = [...village(8), child(9, {身份证号: makeId('20101020', '301'), 出生日期: '2010-10-20'})]
  const next = village(8).filter((_, k) => k !== 2 && k !== 4)
  next[0] = {...next[0], 监护人联系电话: '13912345678'}
  next.push(child(10))
  const ps = csv([{姓名: old[4]!.姓名, 公民身份号码: old[4]!.身份证号, 人员状态: '死亡', 注销原因: '死亡'}], ['姓名', '公民身份号码', '人员状态', '注销原因'])
  return {
    dir,
    old: writeTemp(dir, '三季度.csv', iconv.encode(csv(old, HEADER, '某镇农村留守儿童花名册（截至2026年9月1日）'), 'gb18030')),
    next: writeTemp(dir, '四季度.csv', csv(next, HEADER, '某镇农村留守儿童花名册（截至2026年12月1日）')),
    ps: writeTemp(dir, 'ps.csv', ps),
    phone: old[0]!.监护人联系电话!,
  }
}

describe('liushou diff', () => {
  it('reports entries, exits and changes as JSON that matches the schema; an unexplained exit exits 1', () => {
    const s = snapshots()
    const r = runCli(['diff', s.old, s.next, `public-security=${s.ps}`, '--json', '--as-of', '2026-12-01'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as Report
    expect(reportSchemaErrors(report)).toEqual([])
    expect(report.command).toBe('diff')
    expect(report.findings.map((f) => `${f.dataset}:${f.row} ${f.code}`)).toEqual([
      '三季度:5 DIFF_EXIT_UNEXPLAINED',
      '三季度:7 DIFF_EXIT_DECEASED',
      '三季度:11 DIFF_EXIT_AGED_OUT',
      '四季度:3 DIFF_CHANGED',
      '四季度:9 DIFF_ENTERED',
    ])
    // Infos are listed without --include-info; phones are masked by default.
    expect(report.summary).toMatchObject({errors: 1, warnings: 1, infos: 3})
    const change = report.findings.find((f) => f.code === 'DIFF_CHANGED')!
    expect(change).toMatchObject({field: 'guardianPhone', value: '139****5678'})
    expect(r.stdout).not.toContain(s.phone)
  })

  it('takes the new as-of date from the new snapshot when --as-of is not given', () => {
    const s = snapshots()
    const r = runCli(['diff', s.old, s.next, '--json'])
    const report = JSON.parse(r.stdout) as Report
    expect(report.asOf).toBe('2026-12-01')
    expect(report.findings.filter((f) => f.code === 'DIFF_EXIT_AGED_OUT')).toHaveLength(1)
  })

  it('exits 0 with --fail-on never, and renders every format', () => {
    const s = snapshots()
    const table = runCli(['diff', s.old, s.next, '--format', 'table', '--lang', 'zh', '--fail-on', 'never'])
    expect(table.code).toBe(0)
    expect(table.stdout).toContain('DIFF_EXIT_UNEXPLAINED')
    expect(table.stdout).toContain('原因不明')
    const csvOut = runCli(['diff', s.old, s.next, '--format', 'csv', '--fail-on', 'never'])
    expect(csvOut.stdout.split('\n').filter((l) => l.includes('DIFF_')).length).toBe(5)
    expect(runCli(['diff', s.old, s.next, '--format', 'junit', '--fail-on', 'never']).stdout).toContain('<testsuite')
    for (const format of ['html', 'xlsx']) {
      const out = path.join(s.dir, `diff.${format}`)
      const run = runCli(['diff', s.old, s.next, '--format', format, '--output', out, '--fail-on', 'never'])
      expect(run.code).toBe(0)
      expect(existsSync(out)).toBe(true)
    }
    expect(readFileSync(path.join(s.dir, 'diff.html'), 'utf8')).toContain('DIFF_ENTERED')
  })

  it('usage problems are one line and exit 2', () => {
    const s = snapshots()
    const one = runCli(['diff', s.old])
    expect(one.code).toBe(2)
    expect(one.stderr.trim().split('\n')).toHaveLength(1)
    const missing = runCli(['diff', s.old, path.join(s.dir, 'nope.csv')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/^liushou: /)
    const date = runCli(['diff', s.old, s.next, '--old-as-of', '2026-02-30'])
    expect(date.code).toBe(2)
    expect(date.stderr).toContain('--old-as-of')
  })
})
