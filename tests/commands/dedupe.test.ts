import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import type {Report} from '../../src/findings/model.js'
import {runCli, tempDir, writeTemp} from '../helpers/cli.js'
import {reportSchemaErrors} from '../helpers/report-schema.js'
import {IDS, KNOWN, rosterCsv, rosterGb18030} from '../unit/dedupe/fixture.js'

const dir = tempDir()
const roster = writeTemp(dir, '花名册.csv', rosterGb18030())
const AS_OF = ['--as-of', '2026-06-30']

function json(stdout: string): Report {
  return JSON.parse(stdout) as Report
}

describe('liushou dedupe', () => {
  it('reports clusters and DUP_MATCH findings as JSON, masked, exit 0 by default', () => {
    const r = runCli(['dedupe', roster, '--json', '--include-info', ...AS_OF])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const report = json(r.stdout)
    expect(reportSchemaErrors(report)).toEqual([])
    const cluster = report.clusters!.find((c) => c.members.some((m) => m.row === 2) && c.decision === 'match')!
    expect(cluster.members.map((m) => m.row)).toEqual([2, 4, 9])
    expect(report.findings.filter((f) => f.code === 'DUP_MATCH' && cluster.members.some((m) => m.row === f.row)).map((f) => f.row)).toEqual([4, 9])
    expect(r.stdout).not.toContain(IDS.ziHan)
    expect(report.inputs[0]).toMatchObject({dataset: '花名册', encoding: 'gb18030'})
  })

  it('exits 1 with --fail-on warning when duplicates are found', () => {
    const r = runCli(['dedupe', roster, '--json', '--fail-on', 'warning', ...AS_OF])
    expect(r.code).toBe(1)
  })

  it('--explain prints the waterfall of two rows', () => {
    const r = runCli(['dedupe', roster, '--explain', '2', '4', '--format', 'table', ...AS_OF])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Comparing 花名册:2 ↔ 花名册:4')
    expect(r.stdout).toMatch(/prior .*-\d+\.\d\d/)
    expect(r.stdout).toMatch(/ID number\s+exact\s+\+\d+\.\d\d/)
    expect(r.stdout).toMatch(/name\s+homophone/)
    expect(r.stdout).toMatch(/match probability: 1\.0+ .*same child \(match\)/)
    expect(r.stdout).toContain('blocking keys shared: id')
    expect(r.stdout).not.toContain(IDS.ziHan)
  })

  it('--explain tells why twins are not one child, and speaks Chinese with --lang zh', () => {
    const r = runCli(['dedupe', roster, '--explain', '5', '6', '--format', 'table', '--lang', 'zh', ...AS_OF])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('比对 花名册:5 ↔ 花名册:6')
    // Twins' numbers share region and birth date: the ID level says nothing, the guard keeps them apart.
    expect(r.stdout).toContain('区划与出生日期相同，顺序码不同')
    // Masked, the two numbers would read alike where they differ: the positions are named.
    expect(r.stdout).toMatch(/两个号码在第 [\d、]+ 位不同/)
    expect(r.stdout).toContain('不同儿童')
    expect(r.stdout).toContain('身份证号均有效且不同')
  })

  it('--explain as JSON: every step with level, weight and running total', () => {
    const r = runCli(['dedupe', roster, '--explain', '花名册:2', '9', '--json', ...AS_OF])
    expect(r.code).toBe(0)
    const e = JSON.parse(r.stdout) as {steps: {key: string; level: string; weight: number; cumulative: number}[]; prior: number; weight: number; decision: string}
    expect(e.steps.map((s) => s.key)).toEqual(['idNumber', 'name', 'birthDate', 'gender', 'region', 'household'])
    expect(e.steps.at(-1)!.cumulative).toBeCloseTo(e.weight, 6)
    expect(e.steps.find((s) => s.key === 'idNumber')!.level).toBe('missing')
    expect(e.decision).toBe('match')
  })

  it('--explain with an unknown row is a one-line usage error', () => {
    const r = runCli(['dedupe', roster, '--explain', '2', '99999', ...AS_OF])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain('99999')
  })

  it('--assignments writes every input row with its cluster id', () => {
    const out = path.join(dir, 'assignments.csv')
    const r = runCli(['dedupe', roster, '--assignments', out, '--json', '--output', path.join(dir, 'r1.json'), ...AS_OF])
    expect(r.code).toBe(0)
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    const report = JSON.parse(readFileSync(path.join(dir, 'r1.json'), 'utf8')) as Report
    expect(lines[0]).toBe('dataset,file,row,cluster,decision,score,review_cluster,review_score,name')
    expect(lines).toHaveLength(report.summary.rows + 1)
    const cluster = report.clusters!.find((c) => c.members.some((m) => m.row === 2) && c.decision === 'match')!.id
    expect(lines[1]).toMatch(new RegExp(`^花名册,.*,2,${cluster},match,`))
    expect(lines.filter((l) => l.includes(`,${cluster},match,`))).toHaveLength(3)
  })

  it('--merged writes one best record per child, with the source rows of each kept value', () => {
    const out = path.join(dir, 'merged.csv')
    const r = runCli(['dedupe', roster, '--merged', out, '--json', '--output', path.join(dir, 'r2.json'), ...AS_OF])
    expect(r.code).toBe(0)
    const report = JSON.parse(readFileSync(path.join(dir, 'r2.json'), 'utf8')) as Report
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    const merged = report.clusters!.filter((c) => c.decision === 'match').reduce((n, c) => n + c.members.length - 1, 0)
    expect(lines).toHaveLength(report.summary.rows - merged + 1)
    const row = lines.find((l) => l.includes('花名册:2, 花名册:4, 花名册:9'))!
    expect(row).toContain(IDS.ziHan)
    expect(row).toContain('身份证号: 花名册:2, 花名册:4')
    // The merged roster reads back as a roster.
    const back = runCli(['dedupe', out, '--json', ...AS_OF])
    expect(back.code).toBe(0)
    expect(json(back.stdout).summary.rows).toBe(lines.length - 1)
  })

  it('links across files given as DEPT=FILE, and writes the model with --model', () => {
    const second = writeTemp(dir, 'education.csv', rosterCsv(50, 99).split('\r\n').slice(0, 4).join('\r\n') + '\r\n')
    const model = path.join(dir, 'model.json')
    const r = runCli(['dedupe', `civil-affairs=${roster}`, `education=${second}`, '--json', '--model', model, ...AS_OF])
    expect(r.code).toBe(0)
    const report = json(r.stdout)
    expect(report.inputs.map((i) => i.dataset)).toEqual(['civil-affairs', 'education'])
    const cross = report.clusters!.find((c) => new Set(c.members.map((m) => m.dataset)).size === 2)!
    expect(cross.members.map((m) => `${m.dataset}:${m.row}`)).toEqual(expect.arrayContaining(['civil-affairs:2', 'education:2']))
    const m = JSON.parse(readFileSync(model, 'utf8')) as {blocking: {pairs: number; allPairs: number; reduction: number}; comparisons: unknown[]}
    expect(m.blocking.pairs).toBeGreaterThan(0)
    expect(m.blocking.reduction).toBeGreaterThan(0.9)
    expect(m.comparisons).toHaveLength(6)
  })

  it('refuses bad thresholds with a one-line message and exit 2', () => {
    for (const args of [['--match', '1.5'], ['--possible', 'x'], ['--match', '0.7', '--possible', '0.9']]) {
      const r = runCli(['dedupe', roster, ...args, ...AS_OF])
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
    }
  })

  it('lowers --match to merge more, raises it to merge less', () => {
    const loose = json(runCli(['dedupe', roster, '--json', '--match', '0.6', ...AS_OF]).stdout)
    const strict = json(runCli(['dedupe', roster, '--json', '--match', '0.999999', ...AS_OF]).stdout)
    const count = (r: Report) => r.clusters!.filter((c) => c.decision === 'match').length
    expect(count(loose)).toBeGreaterThanOrEqual(count(strict))
  })

  it('accounts for every row (rows in = rows reported)', () => {
    const r = json(runCli(['dedupe', roster, '--json', ...AS_OF]).stdout)
    const rows = rosterCsv().trim().split('\r\n').length - 1
    expect(rows).toBeGreaterThan(KNOWN.length)
    expect(r.summary.rows).toBe(rows)
    expect(r.inputs[0]!.rows).toBe(rows)
  })
})
