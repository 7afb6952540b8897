// An ingest carries the NOT_CANONICAL infos of the snapshots the previous ingest checked instead of
// looking for them again (src/registry/carry.ts). What it records must be what a full check
// records: the same findings, states, texts and order, in the ingest's report and in status.
import {copyFileSync, rmSync} from 'node:fs'
import path from 'node:path'
import {DuckDBInstance} from '@duckdb/node-api'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {Report} from '../../src/findings/model.js'
import {ROOT, runCli, tempDir} from '../helpers/cli.js'

const dir = tempDir('liushou-registry-carry-')
afterAll(() => rmSync(dir, {recursive: true, force: true}))
const S = (f: string) => path.join(ROOT, 'samples', f)
const next = path.join(dir, 'civil-affairs-next.csv')
const first = path.join(dir, 'first.duckdb')

/** The report without the moment it was made. */
const comparable = (stdout: string): Omit<Report, 'generatedAt'> => {
  const {generatedAt: _, ...rest} = JSON.parse(stdout) as Report
  return rest
}

async function sql(file: string, statement: string): Promise<void> {
  const instance = await DuckDBInstance.create(file)
  const c = await instance.connect()
  await c.run(statement)
  c.closeSync()
  instance.closeSync()
}

/** A copy of the first month's registry, changed by `statement` (SQL) when given. */
async function copyOfFirst(name: string, statement?: string): Promise<string> {
  const file = path.join(dir, `${name}.duckdb`)
  copyFileSync(first, file)
  if (statement) await sql(file, statement)
  return file
}

const ingestNext = (db: string, ...flags: string[]) =>
  runCli(['registry', 'ingest', `civil-affairs=${next}`, '--as-of', '2026-12-01', '--json', '--include-info', '--registry', db, ...flags])

beforeAll(async () => {
  const {deriveNextSnapshot} = (await import(path.join(ROOT, 'dist/src/sample/snapshot.js'))) as {deriveNextSnapshot: (o: Record<string, string>) => Promise<unknown>}
  await deriveNextSnapshot({source: S('civil-affairs.csv'), publicSecurity: S('public-security.csv'), truth: S('truth.csv'), output: next, manifest: path.join(dir, 'next.json'), oldAsOf: '2026-09-01', asOf: '2026-12-01'})
  const r = runCli(['registry', 'ingest', `civil-affairs=${S('civil-affairs.csv')}`, `education=${S('education.xlsx')}`, `public-security=${S('public-security.csv')}`, '--as-of', '2026-09-01', '--json', '--registry', first])
  expect(r.code, r.stderr).toBe(1)
}, 120_000)

describe('registry ingest: findings carried from the previous ingest', () => {
  it('records what a full check records: the same report, the same status', async () => {
    const carried = await copyOfFirst('carried')
    // A registry that does not say what its last ingest checked (one written by an older liushou) is checked in full.
    const full = await copyOfFirst('full', `DELETE FROM meta WHERE key = 'last_checks'`)
    // Two children with carried infos merged since: their infos name the number kept, as a full check's do.
    const june = comparable(runCli(['registry', 'status', '--json', '--include-info', '--registry', carried]).stdout)
    const [keep, other] = [...new Set(june.findings.filter((f) => f.code === 'NOT_CANONICAL' && f.dataset === 'public-security').map((f) => f.childId!))].slice(0, 2)
    for (const db of [carried, full]) expect(runCli(['registry', 'merge', keep!, other!, '--by', '张', '--reason', 'one child', '--registry', db]).code).toBe(0)
    const a = ingestNext(carried)
    const b = ingestNext(full)
    expect(a.code, a.stderr).toBe(1)
    expect(b.code, b.stderr).toBe(1)
    const report = comparable(a.stdout)
    expect(report).toEqual(comparable(b.stdout))
    // The unchanged lists' NOT_CANONICAL are among the findings, as open ones.
    const carriedInfos = report.findings.filter((f) => f.code === 'NOT_CANONICAL' && f.dataset === 'public-security')
    expect(carriedInfos.length).toBeGreaterThan(100)
    expect(carriedInfos.every((f) => f.state === 'open')).toBe(true)
    // One of the two numbers is left (the older one is kept, whichever order they were given in).
    expect([keep, other].filter((n) => carriedInfos.some((f) => f.childId === n))).toHaveLength(1)
    const status = (db: string) => comparable(runCli(['registry', 'status', '--json', '--include-info', '--registry', db]).stdout)
    expect(status(carried)).toEqual(status(full))
  })

  it('lists a row’s NOT_CANONICAL after its other findings of validate', async () => {
    const report = comparable(ingestNext(await copyOfFirst('order')).stdout)
    const validate = report.findings.filter((f) => !f.code.startsWith('XC_') && !f.code.startsWith('REG_'))
    let mixed = 0
    validate.forEach((f, i) => {
      const before = validate[i - 1]
      if (before && before.file === f.file && before.row === f.row && before.code === 'NOT_CANONICAL') {
        expect(f.code).toBe('NOT_CANONICAL')
        mixed++
      }
    })
    expect(mixed).toBeGreaterThan(0)
  })

  it('takes the carried findings from the previous ingest, and only when they were made the same way', async () => {
    // A text the checks never write: seen in the next ingest only if it was carried, not found again.
    const mark = `UPDATE findings SET message = 'carried' WHERE ingest_id = 1 AND code = 'NOT_CANONICAL' AND department = 'public-security'`
    const same = await copyOfFirst('marked', mark)
    const carriedTexts = comparable(ingestNext(same).stdout).findings.filter((f) => f.message === 'carried')
    expect(carriedTexts.length).toBeGreaterThan(100)
    expect(carriedTexts.every((f) => f.dataset === 'public-security' && f.code === 'NOT_CANONICAL')).toBe(true)
    // Texts in another language are found again, not carried.
    const otherLang = await copyOfFirst('marked-zh', mark)
    const zh = comparable(ingestNext(otherLang, '--lang', 'zh').stdout)
    expect(zh.findings.filter((f) => f.code === 'NOT_CANONICAL' && f.dataset === 'public-security').length).toBe(carriedTexts.length)
    expect(zh.findings.some((f) => f.message === 'carried')).toBe(false)
  })
})
