import {appendFileSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import iconv from 'iconv-lite'
import {describe, expect, it} from 'vitest'

import {ROOT, runCli, tempDir} from '../helpers/cli.js'

// validate on two cores (a worker checks some of the batches: src/rules/parallel-feed.ts) and on
// one (LIUSHOU_VALIDATE_THREAD=main): the same report, byte for byte but for the time it was written.

function bothWays(args: string[], dir: string, twoCores: Record<string, string> = {}): {threads: string; one: string; code: number} {
  let code = -1
  const run = (name: string, env: Record<string, string>) => {
    const output = path.join(dir, name)
    const r = runCli(['validate', ...args, '--json', '--mask', 'none', '--include-info', '--output', output], {env})
    expect([0, 1], r.stderr).toContain(r.code)
    code = r.code
    return readFileSync(output, 'utf8').replace(/"generatedAt": "[^"]*"/, '"generatedAt": ""')
  }
  return {threads: run('threads.json', twoCores), one: run('one.json', {LIUSHOU_VALIDATE_THREAD: 'main'}), code}
}

describe('validate on two cores and on one', () => {
  it('gives the same report on a roster large enough for the worker (GB18030, faults, a repeat 70,000 rows apart)', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'roster.csv')
    const {generateRoster} = (await import(path.join(ROOT, 'bench/generate.js'))) as {generateRoster: (file: string, rows: number, seed?: number) => Promise<unknown>}
    await generateRoster(file, 70_000, 3)
    const lines = readFileSync(file, 'latin1').split(/\r?\n/)
    // A ragged row, an unclosed quote, and row 3's child again at the end, 70,000 rows after its first row.
    const third = lines[3]!.split(',')
    const tail = ['70001,李四', `70002,"王五,男,汉族`, ['70003', ...third.slice(1)].join(',')].map((l) => iconv.encode(l, 'gb18030').toString('latin1'))
    appendFileSync(file, tail.join('\r\n') + '\r\n', 'latin1')
    const {threads, one} = bothWays([`civil-affairs=${file}`, '--as-of', '2026-06-30'], dir)
    const report = JSON.parse(threads) as {summary: {rows: number; byCode: Record<string, number>}; findings: {code: string; row: number; related?: {row: number}[]}[]}
    expect(report.summary.rows).toBe(70_003)
    expect(report.summary.byCode.ROW_RAGGED).toBeGreaterThanOrEqual(2)
    const repeat = report.findings.find((f) => f.code === 'ID_DUPLICATE' && f.row === 70_004)
    expect(repeat?.related?.map((r) => r.row)).toContain(4)
    expect(threads).toBe(one)
  }, 120_000)

  it('gives the same report for a list of several files and the samples, the worker forced on', () => {
    const dir = tempDir()
    const a = path.join(dir, 'a.csv')
    const b = path.join(dir, 'b.csv')
    const lines = readFileSync(path.join(ROOT, 'samples/civil-affairs.csv'), 'latin1').split(/\r?\n/).filter((l) => l !== '')
    writeFileSync(a, lines.join('\r\n') + '\r\n', 'latin1')
    writeFileSync(b, [...lines.slice(0, 2), ...lines.slice(2).reverse()].join('\r\n') + '\r\n', 'latin1')
    const forced = {LIUSHOU_VALIDATE_THREAD: 'worker'}
    const list = bothWays([`civil-affairs=${a}`, `civil-affairs=${b}`, '--as-of', '2026-06-30'], dir, forced)
    expect(JSON.parse(list.threads).summary.byCode.ID_DUPLICATE).toBeGreaterThan(100)
    expect(list.threads).toBe(list.one)
    const samples = bothWays(['samples/civil-affairs.csv', 'samples/civil-affairs-supplement.csv', 'samples/education.xlsx', 'samples/public-security.csv', '--as-of', '2026-09-01', '--lang', 'zh'], dir, forced)
    expect(samples.code).toBe(1)
    expect(samples.threads).toBe(samples.one)
  }, 120_000)
})
