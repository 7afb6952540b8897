import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import type {Report} from '../../src/findings/model.js'
import type {RisksManifest, SampleManifest} from '../../src/sample/index.js'
import {ROOT, runCli} from '../helpers/cli.js'
import {reportSchemaErrors} from '../helpers/report-schema.js'

// The bundled samples write a parent's condition the ways clerks do (faults.json careForms) and
// say what risk should find (risks.json): risk must find it, validate's eligibility rule must
// stay silent on a roster whose children are all left behind.

const SAMPLES = path.join(ROOT, 'samples')
const manifest = JSON.parse(readFileSync(path.join(SAMPLES, 'faults.json'), 'utf8')) as SampleManifest
const truth = JSON.parse(readFileSync(path.join(SAMPLES, 'risks.json'), 'utf8')) as RisksManifest

describe('risk on the bundled samples', () => {
  const lists = Object.entries(truth.lists).map(([dept, file]) => `${dept}=${path.join('samples', file)}`)
  const r = runCli(['risk', path.join('samples', truth.file), ...lists, '--as-of', truth.asOf, '--json', '--mask', 'none'])
  const report = JSON.parse(r.stdout) as Report
  const byRow = new Map(report.risks!.map((x) => [x.row, x]))

  it('runs (exit 0) with a report that matches the schema, rating the children risks.json rates', () => {
    expect(r.code).toBe(0)
    expect(reportSchemaErrors(report)).toEqual([])
    expect([...byRow.keys()].sort((a, b) => a - b)).toEqual(truth.risks.map((x) => x.row).sort((a, b) => a - b))
  })

  it('finds every factor for at least 0.95 of the children who have it, 0.98 precision over all, the basis of each child', () => {
    let tp = 0
    let fp = 0
    const found: Record<string, number> = {}
    for (const want of truth.risks) {
      const got = byRow.get(want.row)!
      for (const f of want.factors) if (got.factors.includes(f)) found[f] = (found[f] ?? 0) + 1
      tp += want.factors.filter((f) => got.factors.includes(f)).length
      fp += got.factors.filter((f) => !want.factors.includes(f)).length
      expect(got.basis, `row ${want.row}`).toBe(want.basis)
    }
    for (const [factor, n] of Object.entries(truth.byFactor)) expect((found[factor] ?? 0) / n, factor).toBeGreaterThanOrEqual(0.95)
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.98)
    expect(truth.byFactor.RISK_GUARDIAN_INCAPABLE).toBeGreaterThanOrEqual(10)
  })

  it('rates every child with a factor beyond both parents away medium or high', () => {
    const beyond = truth.risks.filter((x) => x.factors.some((f) => f !== 'RISK_BOTH_PARENTS_AWAY'))
    expect(beyond.filter((x) => byRow.get(x.row)!.level === 'low').map((x) => x.row)).toEqual([])
  })

  it('reads each written form of a parent at home who cannot care as the manifest expects', () => {
    const forms = manifest.careForms ?? []
    expect(new Set(forms.map((f) => f.description.split(': ')[1])).size).toBeGreaterThanOrEqual(5)
    for (const form of forms) {
      const got = byRow.get(form.row)
      if (!got) continue // a child public security records dead or moved out is not rated
      expect(got.factors, `row ${form.row}`).toContain(form.factor)
      expect(got.basis, `row ${form.row}`).toBe(form.basis)
      expect(got.level, `row ${form.row}`).not.toBe('low')
    }
  })
})

describe('validate --check-eligibility on the bundled civil-affairs roster', () => {
  it('finds the one child planted with a parent at home and able, and none of the children whose parent cannot care', () => {
    const r = runCli(['validate', `civil-affairs=${path.join('samples', 'civil-affairs.csv')}`, '--check-eligibility', '--as-of', manifest.asOf, '--json', '--mask', 'none'])
    const report = JSON.parse(r.stdout) as Report
    const found = report.findings.filter((f) => f.code === 'NOT_LEFT_BEHIND').map((f) => [f.row, f.field, f.value])
    const planted = manifest.faults.filter((f) => f.code === 'NOT_LEFT_BEHIND').map((f) => [f.row, f.field, f.value])
    expect(planted).toHaveLength(1)
    expect(found).toEqual(planted)
  })
})
