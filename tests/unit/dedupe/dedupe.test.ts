import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {dedupeFiles} from '../../../src/dedupe/dedupe.js'
import {findRecord} from '../../../src/link/explain.js'
import {writeAssignments, writeMerged} from '../../../src/dedupe/outputs.js'
import {formatJson} from '../../../src/report/formatters/json.js'
import {tempDir, writeTemp} from '../../helpers/cli.js'
import {reportSchemaErrors} from '../../helpers/report-schema.js'
import {IDS, rosterGb18030} from './fixture.js'

const OPTIONS = {asOf: '2026-06-30', lang: 'en', mask: 'ids', includeInfo: true, failOn: 'error'} as const

describe('dedupeFiles', async () => {
  const dir = tempDir()
  const file = writeTemp(dir, '花名册.csv', rosterGb18030())
  const result = await dedupeFiles([{file}], OPTIONS)
  const {report} = result
  const clusterOf = (row: number) => report.clusters!.find((c) => c.decision === 'match' && c.members.some((m) => m.row === row))

  it('reports clusters with per-pair evidence and a schema-valid report', () => {
    expect(reportSchemaErrors(report)).toEqual([])
    expect(report.command).toBe('dedupe')
    expect(report.summary.rows).toBe(result.store.size)
    const c = clusterOf(2)!
    expect(c.members.map((m) => m.row)).toEqual([2, 4, 9])
    expect(c.score).toBeGreaterThanOrEqual(0.95)
    expect(c.evidence).toHaveLength(2)
    for (const e of c.evidence) {
      expect(Object.keys(e.fields)).toEqual(['idNumber', 'name', 'birthDate', 'gender', 'region', 'household'])
      expect(e.score).toBeGreaterThanOrEqual(c.score)
    }
    // The cluster's score is the lowest probability among the pairs holding it together.
    expect(c.score).toBe(Math.min(...c.evidence.map((e) => e.score)))
  })

  it('puts DUP_MATCH on every member but the first, naming the others', () => {
    const dup = report.findings.filter((f) => f.code === 'DUP_MATCH' && [2, 4, 9].includes(f.row))
    expect(dup.map((f) => f.row)).toEqual([4, 9])
    expect(dup[0]!.severity).toBe('warning')
    expect(dup[0]!.related!.map((r) => r.row)).toEqual([2, 9])
    expect(dup[0]!.message).toContain('row 2')
  })

  it('keeps twins and same-name children apart', () => {
    expect(clusterOf(5)?.members.some((m) => m.row === 6)).not.toBe(true)
    expect(clusterOf(7)?.members.some((m) => m.row === 8)).not.toBe(true)
    for (const c of report.clusters!) {
      const rows = c.members.map((m) => m.row)
      expect(rows.includes(5) && rows.includes(6), c.id).toBe(false)
    }
  })

  it('carries no personal values in the clusters', () => {
    const text = JSON.stringify(report.clusters)
    expect(text).not.toContain(IDS.ziHan)
    expect(text).not.toContain('李子涵')
  })

  it('streams clusters in the JSON report exactly as JSON.stringify writes them', () => {
    expect(formatJson(report)).toBe(`${JSON.stringify(report, null, 2)}\n`)
  })

  it('finds records by ROW and DATASET:ROW', () => {
    expect(result.store.row[findRecord(result.store, '9')!]).toBe(9)
    expect(result.store.row[findRecord(result.store, '花名册:9')!]).toBe(9)
    expect(findRecord(result.store, 'nope:9')).toBeUndefined()
    expect(findRecord(result.store, '99999')).toBeUndefined()
  })

  it('writes every input row to --assignments with its cluster', async () => {
    const out = path.join(dir, 'assign.csv')
    expect(await writeAssignments(out, result, {mask: 'ids'})).toBe(result.store.size)
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    expect(lines).toHaveLength(result.store.size + 1)
    const cluster = clusterOf(2)!.id
    for (const row of [2, 4, 9]) expect(lines[row - 1]).toContain(`,${row},${cluster},match,`)
  })

  it('writes one best record per child to --merged, with the rows each value came from', async () => {
    const out = path.join(dir, 'merged.csv')
    const written = await writeMerged(out, result, {})
    const matchMembers = report.clusters!.filter((c) => c.decision === 'match').reduce((n, c) => n + c.members.length - 1, 0)
    expect(written).toBe(result.store.size - matchMembers)
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    expect(lines[0]).toMatch(/^组号,来源行,序号,姓名,性别,身份证号,出生日期/)
    const merged = lines.find((l) => l.startsWith(`${clusterOf(2)!.id},`))!
    // The most complete, most recently reported row with a valid ID gives the values.
    expect(merged).toContain(IDS.ziHan)
    expect(merged).toContain('2015-03-04')
    expect(merged).toMatch(/身份证号: 花名册:2, 花名册:4/)
    // Every input row is accounted for once.
    const sources = lines.slice(1).flatMap((l) => [...l.matchAll(/花名册:(\d+)/g)].map((m) => Number(m[1])))
    expect(new Set(sources).size).toBe(result.store.size)
  })
})
