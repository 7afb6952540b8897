import {existsSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import type {Report} from '../../src/findings/model.js'
import {runCli, tempDir, writeTemp} from '../helpers/cli.js'
import {reportSchemaErrors} from '../helpers/report-schema.js'
import {HEADER, child, csv, makeId, village} from '../unit/diff/fixtures.js'

function roster() {
  const dir = tempDir('liushou-risk-cmd-')
  const kids = [
    ...village(5),
    child(6, {监护类型: '无人监护', 监护人姓名: '', 监护人身份证号: '', 与儿童关系: '', 监护人联系电话: ''}),
    child(7, {监护人身份证号: makeId('19500301', '201'), 健康状况: '残疾'}),
    child(8, {身份证号: makeId('20090101', '301'), 出生日期: '2009-01-01'}),
  ]
  const edu = csv(kids.slice(0, 3).map((c) => ({姓名: c.姓名, 身份证号: c.身份证号, 学校名称: c.学校名称})), ['姓名', '身份证号', '学校名称'])
  return {dir, file: writeTemp(dir, '花名册.csv', csv(kids, HEADER)), edu: writeTemp(dir, 'edu.csv', edu)}
}

describe('liushou risk', () => {
  it('rates every child in care, lists the infos, and exits 0 by default', () => {
    const s = roster()
    const r = runCli(['risk', s.file, `education=${s.edu}`, '--json', '--as-of', '2026-09-01'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as Report
    expect(reportSchemaErrors(report)).toEqual([])
    expect(report.command).toBe('risk')
    expect(report.risks).toHaveLength(7)
    expect(report.risks!.find((x) => x.row === 7)).toMatchObject({level: 'high', factors: ['RISK_NO_GUARDIAN', 'RISK_NOT_ENROLLED', 'RISK_UNREACHABLE', 'RISK_BOTH_PARENTS_AWAY']})
    expect(report.risks!.find((x) => x.row === 8)).toMatchObject({level: 'high', factors: ['RISK_GUARDIAN_ELDERLY', 'RISK_CHILD_DISABLED', 'RISK_NOT_ENROLLED', 'RISK_BOTH_PARENTS_AWAY']})
    expect(report.risks!.find((x) => x.row === 2)).toMatchObject({level: 'low', factors: ['RISK_BOTH_PARENTS_AWAY']})
    expect(report.findings).toHaveLength(8)
    expect(report.findings.find((f) => f.row === 9)).toMatchObject({code: 'RISK_NOT_RATED'})
    expect(report.summary).toMatchObject({rows: 11, infos: 8, errors: 0, warnings: 0})
    expect(report.breakdown?.some((b) => b.level === 'town' && b.unit === '泸溪县 / 浦市镇')).toBe(true)
  })

  it('reads a YAML configuration, and names the key and line of a bad one (exit 2)', () => {
    const s = roster()
    const good = writeTemp(s.dir, 'risk.yaml', 'levels:\n  high: 20\n')
    const r = runCli(['risk', s.file, '--config', good, '--json', '--as-of', '2026-09-01'])
    expect((JSON.parse(r.stdout) as Report).risks!.every((x) => x.level !== 'high')).toBe(true)
    const bad = writeTemp(s.dir, 'bad.yaml', 'levels:\n  high: 20\n  low: 1\n')
    const e = runCli(['risk', s.file, '--config', bad])
    expect(e.code).toBe(2)
    expect(e.stderr.trim()).toMatch(/bad\.yaml:3: key "levels": unknown key "low"/)
  })

  it('renders the visit list in every format', () => {
    const s = roster()
    const table = runCli(['risk', s.file, '--format', 'table', '--lang', 'zh', '--as-of', '2026-09-01'])
    expect(table.code).toBe(0)
    expect(table.stdout).toContain('高风险')
    expect(table.stdout).toContain('无人监护')
    const csvOut = runCli(['risk', s.file, '--format', 'csv', '--as-of', '2026-09-01'])
    expect(csvOut.stdout).toContain('RISK_HIGH')
    for (const format of ['html', 'xlsx']) {
      const out = path.join(s.dir, `risk.${format}`)
      expect(runCli(['risk', s.file, '--format', format, '--output', out, '--as-of', '2026-09-01']).code).toBe(0)
      expect(existsSync(out)).toBe(true)
    }
    expect(runCli(['risk', s.file, '--format', 'junit', '--as-of', '2026-09-01']).stdout).toContain('<testsuite')
  })

  it('--age-limit 18 rates 16- and 17-year-olds', () => {
    const s = roster()
    const r = runCli(['risk', s.file, '--json', '--as-of', '2026-09-01', '--age-limit', '18'])
    expect((JSON.parse(r.stdout) as Report).risks).toHaveLength(8)
  })

  it('usage problems are one line and exit 2', () => {
    const none = runCli(['risk'])
    expect(none.code).toBe(2)
    expect(none.stderr.trim().split('\n')).toHaveLength(1)
    const missing = runCli(['risk', '/nonexistent/花名册.csv'])
    expect(missing.code).toBe(2)
  })
})
