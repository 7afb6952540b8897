import {readFileSync, rmSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import type {Report} from '../../src/findings/model.js'
import {runCli, tempDir, writeTemp} from '../helpers/cli.js'
import {reportSchemaErrors} from '../helpers/report-schema.js'
import {type Cells, HEADER, child, csv, village} from '../unit/diff/fixtures.js'

// A parent at home who cannot care, written where rosters write it (在家（残疾） in the status,
// 重病在家 in the 务工地, a remark): risk levels, diff exits and validate's eligibility rule,
// through the built binary on inline rosters.

const HEADER_REMARKS = [...HEADER, '备注']
const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, {recursive: true, force: true})
})

function write(files: Record<string, Cells[]>): Record<string, string> {
  const dir = tempDir('liushou-care-cmd-')
  dirs.push(dir)
  return Object.fromEntries(Object.entries(files).map(([name, rows]) => [name, writeTemp(dir, name, csv(rows, HEADER_REMARKS))]))
}

function json(args: string[]): {code: number; report: Report} {
  const r = runCli([...args, '--json', '--mask', 'none'])
  expect(r.stderr).toBe('')
  const report = JSON.parse(r.stdout) as Report
  expect(reportSchemaErrors(report)).toEqual([])
  return {code: r.code, report}
}

describe('risk: a disabled or gravely ill parent at home, the other away', () => {
  const kids = [
    child(0),
    child(1, {母亲状况: '在家（残疾）', 母亲务工地: ''}),
    child(2, {父亲状况: '', 父亲务工地: '重病在家'}),
    child(3, {母亲状况: '在家', 母亲务工地: '', 备注: '母亲本地（精神残疾）'}),
    child(4, {母亲状况: '在家务农', 母亲务工地: ''}),
  ]

  it('RISK_GUARDIAN_INCAPABLE, medium or higher, basis one-away-other-incapable; left-behind alone stays low', () => {
    const f = write({'花名册.csv': kids})
    const {code, report} = json(['risk', f['花名册.csv']!, '--as-of', '2026-09-01'])
    expect(code).toBe(0)
    const byRow = Object.fromEntries(report.risks!.map((r) => [r.row, r]))
    for (const row of [3, 4, 5]) {
      expect(byRow[row]).toMatchObject({basis: 'one-away-other-incapable', factors: ['RISK_GUARDIAN_INCAPABLE']})
      expect(['medium', 'high']).toContain(byRow[row]!.level)
    }
    expect(byRow[2]).toMatchObject({level: 'low', basis: 'both-away', factors: ['RISK_BOTH_PARENTS_AWAY']})
    expect(byRow[6]).toMatchObject({level: 'low', basis: 'other', factors: []})
    expect(report.findings.find((x) => x.row === 3)!.message).toContain('left behind: one parent away, the other unable to care')
  })

  it('the basis is in every format that lists the risks', () => {
    const f = write({'花名册.csv': kids})
    const table = runCli(['risk', f['花名册.csv']!, '--format', 'table', '--lang', 'zh', '--as-of', '2026-09-01'])
    // One factor a line, the basis on its own line, a factor's own 、 kept.
    expect(table.stdout).toContain('留守情形：一方外出、另一方无监护能力')
    expect(table.stdout).toContain('监护人或在家父母患病、残疾或无监护能力')
    const out = path.join(path.dirname(f['花名册.csv']!), 'risk.csv')
    expect(runCli(['risk', f['花名册.csv']!, '--output', out, '--as-of', '2026-09-01']).code).toBe(0)
    expect(readFileSync(out, 'utf8')).toContain('left behind: one parent away, the other unable to care')
    const html = runCli(['risk', f['花名册.csv']!, '--format', 'html', '--as-of', '2026-09-01'])
    expect(html.stdout).toContain('data-figure="basis-one-away-other-incapable"')
  })
})

describe('diff: the parents of a family with a parent who cannot care', () => {
  it('the away parent returns → DIFF_EXIT_PARENTS_RETURNED; a still-left-behind child gone → DIFF_EXIT_UNEXPLAINED', () => {
    const old = village(6)
    old[1] = {...old[1], 母亲状况: '在家（残疾）', 母亲务工地: ''}
    old[3] = {...old[3], 父亲状况: '', 父亲务工地: '重病在家'}
    const next = village(6).filter((_, k) => k !== 3)
    next[1] = {...old[1], 父亲状况: '在家', 父亲务工地: ''}
    const f = write({'三季度.csv': old, '四季度.csv': next})
    const {code, report} = json(['diff', f['三季度.csv']!, f['四季度.csv']!, '--as-of', '2026-12-01'])
    expect(code).toBe(1)
    const exits = report.findings.filter((x) => x.code.startsWith('DIFF_EXIT'))
    expect(exits.map((x) => `${x.row} ${x.code}`)).toEqual(['3 DIFF_EXIT_PARENTS_RETURNED', '5 DIFF_EXIT_UNEXPLAINED'])
    expect(exits[0]).toMatchObject({field: 'fatherStatus', value: '在家'})
  })
})

describe('validate --check-eligibility', () => {
  it('warns NOT_LEFT_BEHIND on a parent at home and able, never on a parent who cannot care; off by default', () => {
    const f = write({
      'civil.csv': [child(0), child(1, {母亲状况: '在家务农', 母亲务工地: ''}), child(2, {母亲状况: '在家（残疾）', 母亲务工地: ''}), child(3, {父亲状况: '', 父亲务工地: '重病在家'})],
    })
    const on = json(['validate', `civil-affairs=${f['civil.csv']!}`, '--check-eligibility', '--as-of', '2026-09-01'])
    expect(on.code).toBe(0)
    expect(on.report.findings.filter((x) => x.code === 'NOT_LEFT_BEHIND').map((x) => [x.row, x.field, x.value])).toEqual([[3, 'motherStatus', '在家务农']])
    expect(on.report.findings.filter((x) => x.code === 'ENUM_UNKNOWN')).toEqual([])
    const off = json(['validate', `civil-affairs=${f['civil.csv']!}`, '--as-of', '2026-09-01'])
    expect(off.report.findings.filter((x) => x.code === 'NOT_LEFT_BEHIND')).toEqual([])
    expect(runCli(['validate', `civil-affairs=${f['civil.csv']!}`, '--check-eligibility', '--fail-on', 'warning', '--as-of', '2026-09-01']).code).toBe(1)
  })
})
