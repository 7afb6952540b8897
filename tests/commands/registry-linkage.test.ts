// The kept linkage (src/registry/linkage.ts): a month's new rows are placed against only the
// children sharing a key with them, scored by the model of the last full linkage — and give the
// children the numbers a full linkage gives. A registry without it (an older one, or after an
// ingest that did not keep it) or a list dated before the latest is placed by a full linkage.
import {copyFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {DuckDBInstance} from '@duckdb/node-api'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {checkDigit} from '../../src/cn/id-number.js'
import {roundedDigits} from '../../src/cn/spreadsheet-digits.js'
import type {Report} from '../../src/findings/model.js'
import {ROOT, runCli, tempDir} from '../helpers/cli.js'

const dir = tempDir('liushou-registry-linkage-')
afterAll(() => rmSync(dir, {recursive: true, force: true}))
const S = (f: string) => path.join(ROOT, 'samples', f)
const next = path.join(dir, 'civil-affairs-next.csv')
const kept = path.join(dir, 'kept.duckdb')
const full = path.join(dir, 'full.duckdb')
const TIMING = {LIUSHOU_REGISTRY_TIMING: '1'}

async function query<T>(file: string, sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(file)
  const connection = await instance.connect()
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJS() as T[]
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}

const state = async (file: string) => {
  const [row] = await query<{value: string}>(file, `SELECT value FROM meta WHERE key = 'linkage'`)
  return row && (JSON.parse(row.value) as {ingest: number; total: number})
}
const keyCount = async (file: string) => (await query<{n: number}>(file, 'SELECT count(*)::INTEGER AS n FROM link_keys'))[0]!.n
/** The child numbers of the latest civil-affairs snapshot's rows, in file order. */
const latestChildren = async (file: string) =>
  (await query<{c: string}>(file, `SELECT child_id AS c FROM snapshot_rows WHERE snapshot_id = (SELECT max(id) FROM snapshots WHERE department = 'civil-affairs') ORDER BY ordinal`)).map((r) => r.c)
/** Whether the ingest read every registered record (a full linkage) or only its new rows' candidates (the kept one); none when no row was left to link. */
const linkedBy = (stderr: string): 'full' | 'kept' | 'none' => (stderr.includes('assign: candidates') ? 'kept' : stderr.includes('assign: registered') ? 'full' : 'none')
const ingest = (file: string, list: string, asOf: string) =>
  runCli(['registry', 'ingest', list, '--as-of', asOf, '--json', '--registry', file], {env: TIMING})

beforeAll(async () => {
  const {deriveNextSnapshot} = (await import(path.join(ROOT, 'dist/src/sample/snapshot.js'))) as {deriveNextSnapshot: (o: Record<string, string>) => Promise<unknown>}
  await deriveNextSnapshot({source: S('civil-affairs.csv'), publicSecurity: S('public-security.csv'), truth: S('truth.csv'), output: next, manifest: path.join(dir, 'next.json'), oldAsOf: '2026-09-01', asOf: '2026-12-01'})
  const first = runCli(['registry', 'ingest', `civil-affairs=${S('civil-affairs.csv')}`, `public-security=${S('public-security.csv')}`, '--as-of', '2026-09-01', '--json', '--registry', kept], {env: TIMING})
  expect(first.code, first.stderr).toBe(1)
  expect(linkedBy(first.stderr)).toBe('full')
  copyFileSync(kept, full)
  // As a registry whose linkage was not kept (written by an older liushou).
  await query(full, `DELETE FROM meta WHERE key = 'linkage'`)
}, 180_000)

describe('registry ingest: the kept linkage', () => {
  it('is kept by a full linkage: every child’s key hashes, the name counts, the ingest', async () => {
    expect((await state(kept))?.ingest).toBe(1)
    const [counts] = await query<{children: number; keyed: number; names: number}>(
      kept,
      `SELECT (SELECT count(*) FROM children)::INTEGER AS children, (SELECT count(DISTINCT child_id) FROM link_keys)::INTEGER AS keyed, (SELECT count(*) FROM link_names)::INTEGER AS names`,
    )
    expect(counts!.keyed).toBe(counts!.children)
    expect(counts!.names).toBeGreaterThan(200)
  })

  it('places the next month’s rows as a full linkage does, and keeps the new rows’ keys', async () => {
    const before = await keyCount(kept)
    const byKept = ingest(kept, `civil-affairs=${next}`, '2026-12-01')
    const byFull = ingest(full, `civil-affairs=${next}`, '2026-12-01')
    expect(linkedBy(byKept.stderr)).toBe('kept')
    expect(linkedBy(byFull.stderr)).toBe('full')
    const a = JSON.parse(byKept.stdout) as Report
    const b = JSON.parse(byFull.stdout) as Report
    expect(a.registry?.entered).toBeGreaterThan(0)
    expect([a.registry?.children, a.registry?.entered, a.registry?.exited]).toEqual([b.registry?.children, b.registry?.entered, b.registry?.exited])
    expect(await latestChildren(kept)).toEqual(await latestChildren(full))
    expect(await keyCount(kept)).toBeGreaterThan(before)
    expect((await state(kept))?.ingest).toBe(2)
    // The full linkage kept it anew.
    expect((await state(full))?.ingest).toBe(2)
  }, 180_000)

  it('learns again when the rows to place are many beside the records the model was learnt on', async () => {
    // A first ingest of a few rows (one village's), then the county's roster.
    const small = path.join(dir, 'small.duckdb')
    expect(ingest(small, `civil-affairs=${S('civil-affairs-supplement.csv')}`, '2026-08-01').code).toBeLessThan(2)
    expect((await state(small))?.total).toBeLessThan(10)
    const r = ingest(small, `civil-affairs=${S('civil-affairs.csv')}`, '2026-09-01')
    expect(r.code, r.stderr).toBe(1)
    expect(linkedBy(r.stderr)).toBe('full')
    expect((await state(small))?.total).toBeGreaterThan(170)
  }, 120_000)

  it('places a list dated before the latest by a full linkage', async () => {
    // The same list as of a date between the two: placed against the September records.
    const r = ingest(kept, `civil-affairs=${next}`, '2026-10-01')
    expect(r.code, r.stderr).toBe(1)
    expect(linkedBy(r.stderr)).toBe('full')
    // It saw the records of October, not December's: the next ingest links in full.
    expect(await state(kept)).toBeUndefined()
    const after = ingest(kept, `civil-affairs=${S('civil-affairs.csv')}`, '2027-01-01')
    expect(linkedBy(after.stderr)).toBe('full')
    expect((await state(kept))?.ingest).toBe(4)
  }, 120_000)
})

describe('registry ingest: IDs a spreadsheet rounded', () => {
  it('keeps each child whose ID LibreOffice rounded (…250473 → …251000) or Excel cut', async () => {
    const valid = (first17: string) => first17 + checkDigit(first17)
    // Sequences whose last digits round up from the sixteenth (473, 658, 499, 962) and one that does not.
    const ids = ['43312220110325047', '43312220100929165', '43312220180421349', '43312220090909996', '43312220120202012'].map(valid)
    const names = ['舒宇轩', '易沐宸', '钟宇轩', '田天佑', '吴子豪']
    const roster = (id: (v: string) => string, phone: string) =>
      ['姓名,性别,身份证号,出生日期,乡镇,村（居）,监护人姓名,监护人联系电话', ...ids.map((v, k) => `${names[k]},${Number(v[16]) % 2 ? '男' : '女'},${id(v)},${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)},某镇,某村,监护人${k},${phone}${k}`)].join('\n') + '\n'
    const june = path.join(dir, 'june.csv')
    const july = path.join(dir, 'july.csv')
    writeFileSync(june, roster((v) => v, '1380000000'))
    // Opened in LibreOffice and saved again: the numbers rounded (one cut, as Excel does), and a phone changed on each row.
    writeFileSync(july, roster((v) => (v === ids[4] ? v.slice(0, 15) : roundedDigits(roundedDigits(v, 16), 15)) + '000', '1390000000'))
    const db = path.join(dir, 'rounded.duckdb')
    expect(ingest(db, `civil-affairs=${june}`, '2026-06-01').code).toBeLessThan(2)
    const r = ingest(db, `civil-affairs=${july}`, '2026-07-01')
    expect(r.code, r.stderr).toBeLessThan(2)
    const report = JSON.parse(r.stdout) as Report
    expect([report.registry?.children, report.registry?.entered, report.registry?.exited]).toEqual([5, 0, 0])
    expect(report.findings.filter((f) => f.code === 'ID_EXCEL_MANGLED')).toHaveLength(5)
  }, 120_000)
})
