import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import type {Report} from '../../src/findings/model.js'
import type {SampleManifest} from '../../src/sample/index.js'
import {ROOT, runCli} from '../helpers/cli.js'
import {reportSchemaErrors} from '../helpers/report-schema.js'

const SAMPLES = path.join(ROOT, 'samples')
const manifest = JSON.parse(readFileSync(path.join(SAMPLES, 'faults.json'), 'utf8')) as SampleManifest

type RowsByCode = Map<string, Set<number>>

function group(entries: {file: string; code: string; row: number}[]): Map<string, RowsByCode> {
  const out = new Map<string, RowsByCode>()
  for (const e of entries) {
    const byCode = out.get(e.file) ?? new Map<string, Set<number>>()
    out.set(e.file, byCode)
    const rows = byCode.get(e.code) ?? new Set<number>()
    byCode.set(e.code, rows)
    rows.add(e.row)
  }
  return out
}

describe('validate on the bundled samples', () => {
  const rosters = manifest.files.map((f) => path.join('samples', f.file))
  // --check-eligibility: the sample plants NOT_LEFT_BEHIND too.
  const r = runCli(['validate', ...rosters, '--as-of', manifest.asOf, '--json', '--include-info', '--mask', 'none', '--check-eligibility'])
  const report = JSON.parse(r.stdout) as Report

  it('runs with findings (exit 1) and a report that matches the schema', () => {
    expect(r.code).toBe(1)
    expect(reportSchemaErrors(report)).toEqual([])
    expect(report.inputs.map((i) => i.rows)).toEqual(manifest.files.map((f) => f.rows))
  })

  it('finds every planted validate fault on its row, and nothing else but what the files hold by design', () => {
    const planted = group(manifest.faults.filter((f) => f.kind === 'validate').map((f) => ({file: f.file, code: f.code, row: f.row})))
    const byDesign = new Map<string, Set<number> | 'all'>()
    for (const d of manifest.byDesign) byDesign.set(`${d.file}|${d.code}`, d.rows === 'all' ? 'all' : new Set(d.rows))
    const found = group(report.findings.map((f) => ({file: path.basename(f.file), code: f.code, row: f.row})))
    const problems: string[] = []
    for (const file of new Set([...planted.keys(), ...found.keys()])) {
      const want = planted.get(file) ?? new Map<string, Set<number>>()
      const got = found.get(file) ?? new Map<string, Set<number>>()
      for (const code of new Set([...want.keys(), ...got.keys()])) {
        const design = byDesign.get(`${file}|${code}`)
        const expected = new Set(want.get(code) ?? [])
        const actual = new Set(got.get(code) ?? [])
        if (design === 'all') continue
        for (const row of design ?? []) actual.delete(row)
        const missed = [...expected].filter((x) => !actual.has(x))
        const extra = [...actual].filter((x) => !expected.has(x))
        if (missed.length || extra.length) problems.push(`${file} ${code}: missed ${missed.join(',')} extra ${extra.join(',')}`)
      }
    }
    expect(problems).toEqual([])
    // The comparison above must have had something to compare.
    expect([...planted.values()].reduce((n, byCode) => n + byCode.size, 0)).toBeGreaterThan(20)
  })
})

describe('dedupe on the bundled roster', () => {
  const file = 'civil-affairs.csv'
  const r = runCli(['dedupe', path.join('samples', file), '--as-of', manifest.asOf, '--json', '--mask', 'none'])
  const report = JSON.parse(r.stdout) as Report
  const key = (f: {file: string; row: number; code: string}) => `${path.basename(f.file)}:${f.row} ${f.code}`

  it('finds every planted duplicate and every row holding another child’s number, and nothing else', () => {
    expect(reportSchemaErrors(report)).toEqual([])
    const planted = manifest.faults.filter((f) => f.kind === 'dedupe' && f.file === file)
    const found = new Set(report.findings.map(key))
    const missed = planted.filter((f) => !f.optional && !found.has(key(f))).map(key)
    const known = new Set(planted.map(key))
    const extra = report.findings.filter((f) => !known.has(key(f))).map(key)
    expect({missed, extra}).toEqual({missed: [], extra: []})
    expect(planted.filter((f) => f.code === 'DUP_ID_NOT_OWN' && !f.optional).length).toBeGreaterThanOrEqual(2)
  })

  it('never puts two children under one number in one cluster', () => {
    const groups = manifest.distinct.filter((d) => d.kind === 'one-number')
    expect(groups.length).toBeGreaterThanOrEqual(2)
    for (const g of groups) {
      const rows = new Set(g.members.filter((m) => m.file === file).map((m) => m.row))
      for (const c of report.clusters ?? []) {
        const children = new Set(c.members.filter((m) => rows.has(m.row)).map((m) => g.members.find((x) => x.file === file && x.row === m.row)!.childId))
        expect(children.size, `${c.id}: ${g.description}`).toBeLessThanOrEqual(1)
      }
    }
  })
})

describe('crosscheck on the bundled samples', () => {
  const lists = manifest.files.filter((f) => f.department !== undefined).map((f) => `${f.department}=${path.join('samples', f.file)}`)
  const r = runCli(['crosscheck', ...lists, '--as-of', manifest.asOf, '--json', '--mask', 'none'])
  const report = JSON.parse(r.stdout) as Report
  const key = (f: {file: string; row: number; code: string; field?: string}) =>
    `${path.basename(f.file)}:${f.row} ${f.code}${f.code === 'XC_FIELD_CONFLICT' ? ` ${f.field}` : ''}`

  it('runs with findings (exit 1) and a report that matches the schema', () => {
    expect(r.code).toBe(1)
    expect(reportSchemaErrors(report)).toEqual([])
  })

  it('finds every planted XC fault on its row and field, with the expected value, and nothing else', () => {
    const planted = manifest.faults.filter((f) => f.kind === 'crosscheck')
    const found = new Map(report.findings.map((f) => [key(f), f]))
    const missed = planted.filter((f) => !f.optional && !found.has(key(f))).map(key)
    const known = new Set(planted.map(key))
    const extra = report.findings.filter((f) => !known.has(key(f))).map(key)
    expect({missed, extra}).toEqual({missed: [], extra: []})
    const wrongExpected = planted
      .filter((f) => f.code === 'XC_FIELD_CONFLICT' && !f.optional)
      .filter((f) => found.get(key(f))?.expected !== f.expected)
      .map(key)
    expect(wrongExpected).toEqual([])
    expect(planted.filter((f) => !f.optional).length).toBeGreaterThan(20)
  })

  it('links the children whose ID numbers the lists hold differently (re-issued, region digits changed)', () => {
    const reissued = planted('idNumber').filter((f) => !f.optional)
    expect(reissued.length).toBeGreaterThanOrEqual(3)
    for (const f of reissued) {
      const link = report.links?.find((l) => l.members.some((m) => path.basename(m.file) === f.file && m.row === f.row))
      const rows = new Set(link?.members.map((m) => `${path.basename(m.file)}:${m.row}`))
      for (const rel of f.related ?? []) expect(rows.has(`${rel.file}:${rel.row}`), `${key(f)} linked to ${rel.file}:${rel.row}`).toBe(true)
    }
  })

  function planted(field: string) {
    return manifest.faults.filter((f) => f.code === 'XC_FIELD_CONFLICT' && f.field === field)
  }
})
