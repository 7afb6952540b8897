// registry ingest validates the departments' latest snapshots in a worker of their own
// (src/registry/background-validate.ts), the departments it leaves as they were from the start,
// beside the storing and the crosscheck; the crosscheck runs in a worker too (crosscheck-worker.ts),
// beside the storing and the recording of validate's findings. With
// LIUSHOU_REGISTRY_VALIDATE_THREAD=main and LIUSHOU_REGISTRY_CROSSCHECK_THREAD=main both run on
// the main thread: the registry and every report must come out the same either way.
import {copyFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {Report} from '../../src/findings/model.js'
import {ROOT, runCli, tempDir} from '../helpers/cli.js'

const dir = tempDir('liushou-registry-validate-thread-')
afterAll(() => rmSync(dir, {recursive: true, force: true}))
const S = (f: string) => path.join(ROOT, 'samples', f)
const next = path.join(dir, 'civil-affairs-next.csv')
const first = path.join(dir, 'first.duckdb')
const ON_MAIN = {LIUSHOU_REGISTRY_VALIDATE_THREAD: 'main', LIUSHOU_REGISTRY_CROSSCHECK_THREAD: 'main'}

const comparable = (stdout: string): Omit<Report, 'generatedAt'> => {
  const {generatedAt: _, ...rest} = JSON.parse(stdout) as Report
  return rest
}

const json = ['--json', '--include-info', '--mask', 'none']

beforeAll(async () => {
  const {deriveNextSnapshot} = (await import(path.join(ROOT, 'dist/src/sample/snapshot.js'))) as {deriveNextSnapshot: (o: Record<string, string>) => Promise<unknown>}
  await deriveNextSnapshot({source: S('civil-affairs.csv'), publicSecurity: S('public-security.csv'), truth: S('truth.csv'), output: next, manifest: path.join(dir, 'next.json'), oldAsOf: '2026-09-01', asOf: '2026-12-01'})
}, 120_000)

describe('registry ingest: validate and crosscheck in workers and on the main thread', () => {
  it('records the same findings, states and order either way, month after month', () => {
    const lists = [`civil-affairs=${S('civil-affairs.csv')}`, `education=${S('education.xlsx')}`, `public-security=${S('public-security.csv')}`]
    const worker = path.join(dir, 'worker.duckdb')
    const main = path.join(dir, 'main.duckdb')
    const month1 = runCli(['registry', 'ingest', ...lists, '--as-of', '2026-09-01', ...json, '--registry', worker])
    const month1Main = runCli(['registry', 'ingest', ...lists, '--as-of', '2026-09-01', ...json, '--registry', main], {env: ON_MAIN})
    expect(month1.code, month1.stderr).toBe(1)
    expect(month1Main.code, month1Main.stderr).toBe(1)
    expect(comparable(month1.stdout)).toEqual(comparable(month1Main.stdout))
    copyFileSync(worker, first)
    // The next month's civil list alone: education and public security are validated from the start.
    const month2 = runCli(['registry', 'ingest', `civil-affairs=${next}`, '--as-of', '2026-12-01', ...json, '--registry', worker])
    const month2Main = runCli(['registry', 'ingest', `civil-affairs=${next}`, '--as-of', '2026-12-01', ...json, '--registry', main], {env: ON_MAIN})
    expect(month2.code, month2.stderr).toBe(1)
    const report = comparable(month2.stdout)
    expect(report).toEqual(comparable(month2Main.stdout))
    // Every department's validate findings are there, the unchanged ones' too, with their states.
    const validated = new Set(report.findings.filter((f) => !f.code.startsWith('XC_') && !f.code.startsWith('REG_')).map((f) => f.dataset))
    expect([...validated].sort()).toEqual(['civil-affairs', 'education', 'public-security'])
    expect(report.findings.some((f) => f.dataset === 'education' && f.state === 'open' && f.severity !== 'info')).toBe(true)
    const status = (db: string) => comparable(runCli(['registry', 'status', ...json, '--registry', db]).stdout)
    expect(status(worker)).toEqual(status(main))
  }, 180_000)

  it('leaves the registry as it was when the ingest fails while validate runs', () => {
    const db = path.join(dir, 'failed.duckdb')
    copyFileSync(first, db)
    const before = comparable(runCli(['registry', 'status', ...json, '--registry', db]).stdout)
    // A workbook that is none: hashed, then refused when read, after the unchanged lists' validate has started.
    const broken = path.join(dir, 'broken.xlsx')
    writeFileSync(broken, 'PK\x03\x04 not a workbook')
    const r = runCli(['registry', 'ingest', `civil-affairs=${broken}`, '--as-of', '2026-12-01', '--registry', db])
    expect(r.stderr).toContain('broken.xlsx')
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(comparable(runCli(['registry', 'status', ...json, '--registry', db]).stdout)).toEqual(before)
  }, 120_000)
})
