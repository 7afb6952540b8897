import {readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {diffSnapshots} from '../../../src/diff/diff.js'
import {writeTable} from '../../../src/io/write-table.js'
import type {Report} from '../../../src/findings/model.js'
import {type SnapshotManifest, deriveNextSnapshot} from '../../../src/sample/snapshot.js'
import {openRoster} from '../../../src/schema/roster.js'
import {ROOT, tempDir} from '../../helpers/cli.js'
import {BASE_OPTIONS} from './fixtures.js'

// The demo's second snapshot of the samples: diff must find exactly what the generator did.

const SAMPLES = path.join(ROOT, 'samples')
const OLD = path.join(SAMPLES, 'civil-affairs.csv')
const PS = path.join(SAMPLES, 'public-security.csv')

let dir: string
let manifest: SnapshotManifest

beforeAll(async () => {
  dir = tempDir('liushou-snapshot-')
  manifest = await deriveNextSnapshot({
    source: OLD,
    publicSecurity: PS,
    truth: path.join(SAMPLES, 'truth.csv'),
    output: path.join(dir, 'next.csv'),
    manifest: path.join(dir, 'next.json'),
    oldAsOf: '2026-09-01',
    asOf: '2026-12-01',
  })
})

type Key = string
const keyOf = (f: {file: string; row: number; code: string; field?: string}): Key => `${path.basename(f.file)}:${f.row} ${f.code}${f.code === 'DIFF_CHANGED' ? ` ${f.field}` : ''}`

function compare(report: Report, m: SnapshotManifest, newFile = m.new.file): {missed: Key[]; extra: Key[]} {
  const want = new Set(m.expected.map((e) => keyOf({...e, file: e.file === m.new.file ? newFile : e.file})))
  const got = new Set(report.findings.map(keyOf))
  return {missed: [...want].filter((k) => !got.has(k)), extra: [...got].filter((k) => !want.has(k))}
}

describe('the next-quarter snapshot of the samples', () => {
  it('tells every story: each exit class, entries, changes and format-only rewrites', () => {
    expect(Object.keys(manifest.byCode).sort()).toEqual([
      'DIFF_CHANGED',
      'DIFF_ENTERED',
      'DIFF_EXIT_AGED_OUT',
      'DIFF_EXIT_DECEASED',
      'DIFF_EXIT_MOVED_OUT',
      'DIFF_EXIT_PARENTS_RETURNED',
      'DIFF_EXIT_UNEXPLAINED',
    ])
    // One of a family whose parents both work away, one of a family whose other parent cannot care.
    expect(manifest.byCode.DIFF_EXIT_UNEXPLAINED).toBe(2)
    const gone = manifest.expected.filter((e) => e.code === 'DIFF_EXIT_UNEXPLAINED').map((e) => e.description)
    expect(gone.filter((d) => d.includes('the other at home unable to care'))).toHaveLength(1)
    // The away parent of such a family comes home: an exit all the same.
    expect(manifest.expected.some((e) => e.code === 'DIFF_EXIT_PARENTS_RETURNED' && e.description.includes('other parent cannot care'))).toBe(true)
    expect(manifest.formatOnly.length).toBeGreaterThanOrEqual(4)
    expect(manifest.new.asOf).toBe('2026-12-01')
  })

  it('is deterministic', async () => {
    const again = await deriveNextSnapshot({source: OLD, publicSecurity: PS, truth: path.join(SAMPLES, 'truth.csv'), output: path.join(dir, 'again.csv'), oldAsOf: '2026-09-01', asOf: '2026-12-01'})
    expect(readFileSync(path.join(dir, 'again.csv'))).toEqual(readFileSync(path.join(dir, 'next.csv')))
    expect(again.expected).toEqual(manifest.expected.map((e) => ({...e, file: e.file === manifest.new.file ? path.join(dir, 'again.csv') : e.file})))
  })

  it('keeps the first snapshot’s layout: title with the new date, GB18030, the header on row 2', async () => {
    const roster = await openRoster(path.join(dir, 'next.csv'))
    expect(roster.source.encoding).toBe('gb18030')
    expect(roster.headerRow).toBe(2)
    expect(roster.preamble[0]!.cells[0]).toContain('截至2026年12月1日')
  })

  it('diff with the public-security list finds exactly the manifest: every entry, exit (classified) and change', async () => {
    const report = await diffSnapshots({file: OLD}, {file: manifest.new.file}, [{file: PS, dataset: 'public-security', department: 'public-security'}], {...BASE_OPTIONS, asOf: manifest.new.asOf})
    expect(compare(report, manifest)).toEqual({missed: [], extra: []})
    expect(report.summary.errors).toBe(2)
  })

  /** The samples' next snapshot with more of some stories, written to `name` in the test folder. */
  const deriveScaled = (name: string, more: {risks?: string; stories?: number; entries?: number}) =>
    deriveNextSnapshot({source: OLD, publicSecurity: PS, truth: path.join(SAMPLES, 'truth.csv'), output: path.join(dir, name), oldAsOf: '2026-09-01', asOf: '2026-12-01', ...more})

  it('scales its stories with --stories, picking the families from risks.json when given', async () => {
    const scaled = await deriveScaled('scaled.csv', {risks: path.join(SAMPLES, 'risks.json'), stories: 12})
    expect(scaled.byCode.DIFF_EXIT_UNEXPLAINED).toBeGreaterThan(manifest.byCode.DIFF_EXIT_UNEXPLAINED!)
    expect(scaled.byCode.DIFF_EXIT_PARENTS_RETURNED).toBeGreaterThan(manifest.byCode.DIFF_EXIT_PARENTS_RETURNED!)
    const report = await diffSnapshots({file: OLD}, {file: scaled.new.file}, [{file: PS, dataset: 'public-security', department: 'public-security'}], {...BASE_OPTIONS, asOf: scaled.new.asOf})
    expect(compare(report, scaled)).toEqual({missed: [], extra: []})
  })

  it('scales its entries with `entries`: newborn siblings and families newly listed, each found by diff', async () => {
    const more = await deriveScaled('entries.csv', {entries: 30})
    expect(more.byCode.DIFF_ENTERED).toBe(6)
    const report = await diffSnapshots({file: OLD}, {file: more.new.file}, [{file: PS, dataset: 'public-security', department: 'public-security'}], {...BASE_OPTIONS, asOf: more.new.asOf})
    expect(compare(report, more)).toEqual({missed: [], extra: []})
  })

  it('finds the same in another layout: .xlsx, other headers, rows shuffled', async () => {
    const roster = await openRoster(manifest.new.file)
    const rows: string[][] = []
    for await (const r of roster.rows) rows.push([...r.cells, String(r.ref.row)])
    const rename: Record<string, string> = {身份证号: '公民身份号码', 姓名: '儿童姓名', 出生日期: '出生年月', 监护人联系电话: '监护人手机', 健康状况: '身体状况'}
    const header = [...roster.columns.map((c) => rename[c.header] ?? c.header), '原行号']
    // A fixed shuffle: reverse the order of every other block of ten.
    const shuffled = rows.flatMap((_, i) => (i % 10 === 0 ? (Math.floor(i / 10) % 2 ? rows.slice(i, i + 10).reverse() : rows.slice(i, i + 10)) : []))
    const file = path.join(dir, 'next.xlsx')
    await writeTable(file, header, shuffled.map((r) => r.map((c, k) => (k === roster.columns.length ? '' : c))))
    const rowMap = new Map(shuffled.map((r, i) => [Number(r[r.length - 1]), i + 2]))
    const report = await diffSnapshots({file: OLD}, {file}, [{file: PS, dataset: 'public-security', department: 'public-security'}], {...BASE_OPTIONS, asOf: manifest.new.asOf})
    const moved: SnapshotManifest = {...manifest, expected: manifest.expected.map((e) => (e.file === manifest.new.file ? {...e, row: rowMap.get(e.row)!} : e))}
    expect(compare(report, moved, file)).toEqual({missed: [], extra: []})
  })
})
