// A department given as several files, a folder or a quoted glob (issue 19, item 2), through the
// built CLI: every command that takes lists reads the files as one list and reports what it
// reports for the same rows in one file, each finding naming its own file and row.
import ExcelJS from 'exceljs'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import type {Finding, RecordRef, Report} from '../../src/findings/model.js'
import {openRoster} from '../../src/schema/roster.js'
import {ROOT, runCli, tempDir} from '../helpers/cli.js'
import {reportSchemaErrors} from '../helpers/report-schema.js'

const dir = tempDir('liushou-multifile-')
const at = (...p: string[]) => path.join(dir, ...p)
const AS_OF = ['--as-of', '2026-09-01']

/** Where each part's rows sit in the one file: part file → the whole file and the rows before the part. */
const parts = new Map<string, {whole: string; before: number}>()

const csvText = (header: string[], rows: string[][]) => `\ufeff${[header, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n')}\n`

/**
 * Writes a roster's rows (header first) as one CSV file and as parts in `folder`, each with the
 * header at row 1: CSV, or .xlsx with every cell as text. An Excel lock file lies beside them.
 */
async function split(rows: string[][], header: string[], whole: string, folder: string, names: string[], cut = (n: number, k: number) => Math.round((n * k) / names.length)) {
  writeFileSync(at(whole), csvText(header, rows))
  mkdirSync(at(folder), {recursive: true})
  for (let k = 0; k < names.length; k++) {
    const own = rows.slice(cut(rows.length, k), cut(rows.length, k + 1))
    const file = at(folder, names[k]!)
    parts.set(file, {whole: at(whole), before: cut(rows.length, k)})
    if (file.endsWith('.csv')) writeFileSync(file, csvText(header, own))
    else {
      const book = new ExcelJS.Workbook()
      const sheet = book.addWorksheet('名单')
      sheet.addRow(header)
      for (const r of own) sheet.addRow(r)
      await book.xlsx.writeFile(file)
    }
  }
  writeFileSync(at(folder, `~$${names[0]!.replace(/\.csv$/, '.xlsx')}`), 'locked by Excel')
}

async function rowsOf(file: string): Promise<{header: string[]; rows: string[][]}> {
  const roster = await openRoster(path.join(ROOT, file), {})
  const rows: string[][] = []
  for await (const row of roster.rows) rows.push(row.cells.slice(0, roster.columns.length))
  return {header: roster.columns.map((c) => c.header), rows}
}

beforeAll(async () => {
  const civil = await rowsOf('samples/civil-affairs.csv')
  // The rows a ragged CSV row would lose in a workbook are kept whole: civil affairs' parts are CSV.
  await split(civil.rows, civil.header, 'civil.csv', 'civil', ['a.csv', 'b.csv'])
  // The next snapshot: three children gone, one with another school and guardian's phone, one added at the end.
  const school = civil.header.indexOf('学校名称')
  const phone = civil.header.indexOf('监护人联系电话')
  expect(Math.min(school, phone)).toBeGreaterThan(0)
  const next = civil.rows.filter((_, i) => i < 10 || i > 12).map((r, i) => (i === 40 ? r.map((c, k) => (k === school ? '新华小学' : k === phone ? '13900001111' : c)) : r))
  next.push([...civil.rows[5]!.slice(0, 1), '新来的', ...civil.rows[5]!.slice(2, 4), '', ...civil.rows[5]!.slice(5)])
  await split(next, civil.header, 'civil-next.csv', 'civil-next', ['a.csv', 'b.csv'])
  const education = await rowsOf('samples/education.xlsx')
  await split(education.rows, education.header, 'education.csv', 'education', ['一县.csv', '二县.xlsx'])
  const police = await rowsOf('samples/public-security.csv')
  await split(police.rows, police.header, 'police.csv', 'police', ['a.csv', 'b.csv', 'c.csv'])
})

/** A reference as it is in the one file. */
function whole<T extends RecordRef>(ref: T): T {
  const p = parts.get(ref.file)
  return p ? {...ref, file: p.whole, row: ref.row + p.before} : ref
}

const place = (r: RecordRef) => `${r.dataset}|${whole(r).file}|${whole(r).row}`
/**
 * A message naming another row (`same child as row 7`: a row of the finding's own file; `row
 * b.csv:7`: of another file of its list) names it by its row in the one file.
 */
const message = (f: Finding) =>
  f.message.replace(/\brow ([^\s:]+\.(?:csv|xlsx):)?(\d+)/g, (_, name: string | undefined, row: string) => {
    const file = name ? path.join(path.dirname(f.file), name.slice(0, -1)) : f.file
    return `row ${whole({dataset: f.dataset, file, row: Number(row)}).row}`
  })
const findingKey = (f: Finding) => [f.code, place(f), f.field, f.column, f.value, f.expected, message(f), (f.related ?? []).map(place)]

function run(args: string[]): Report {
  const r = runCli([...args, ...AS_OF, '--json', '--mask', 'none', '--include-info'])
  expect(r.stderr).toBe('')
  expect([0, 1]).toContain(r.code)
  const report = JSON.parse(r.stdout) as Report
  expect(reportSchemaErrors(report)).toEqual([])
  return report
}

/** Both runs report the same findings in the same order, and the same rows, but for where each row is. */
function expectSame(one: Report, several: Report): void {
  expect(several.findings.map(findingKey)).toEqual(one.findings.map(findingKey))
  expect(several.summary).toEqual(one.summary)
  expect(several.breakdown).toEqual(one.breakdown)
}

describe('a department given as several files', () => {
  it('validate: a folder (an Excel lock file passed over, .csv and .xlsx mixed) is one list; inputs name each file', () => {
    const one = run(['validate', `教育=${at('education.csv')}`])
    const several = run(['validate', `教育=${at('education')}`])
    expectSame(one, several)
    expect(several.inputs.map((i) => [i.dataset, path.basename(i.file), i.format])).toEqual([
      ['education', '一县.csv', 'csv'],
      ['education', '二县.xlsx', 'xlsx'],
    ])
    expect(several.inputs.reduce((n, i) => n + i.rows, 0)).toBe(one.inputs[0]!.rows)
  })

  it('validate: ID_DUPLICATE across the files of one list, each on its own file and row', () => {
    const one = run(['validate', `民政=${at('civil.csv')}`])
    const several = run(['validate', `民政=${at('civil', 'a.csv')}`, `civil-affairs=${at('civil', 'b.csv')}`])
    expectSame(one, several)
    const dups = several.findings.filter((f) => f.code === 'ID_DUPLICATE')
    expect(dups.length).toBeGreaterThan(0)
    expect(new Set(dups.map((f) => path.basename(f.file)))).toEqual(new Set(['a.csv', 'b.csv']))
    // The table names a row of such a list by its file: a row number alone is in both.
    const table = runCli(['validate', `民政=${at('civil')}`, ...AS_OF, '--format', 'table', '--limit', '0', '--lang', 'en'])
    expect(table.stdout).toMatch(/a\.csv:\d+/)
    expect(table.stdout).toMatch(/b\.csv:\d+/)
  })

  it('dedupe: the same clusters; --assignments names each row’s file, --merged is one roster whose 来源行 names the file', () => {
    const out = tempDir('liushou-multifile-out-')
    const one = run(['dedupe', `民政=${at('civil.csv')}`])
    const several = run(['dedupe', `民政=${at('civil')}`, '--assignments', path.join(out, 'assign.csv'), '--merged', path.join(out, 'merged.csv')])
    expectSame(one, several)
    const cluster = (c: NonNullable<Report['clusters']>[number]) => [c.id, c.decision, c.score, c.members.map(place), c.evidence]
    expect(several.clusters!.map(cluster)).toEqual(one.clusters!.map(cluster))
    const assign = readFileSync(path.join(out, 'assign.csv'), 'utf8').trim().split('\n').slice(1)
    expect(assign).toHaveLength(one.summary.rows)
    expect(assign[0]).toContain(`civil-affairs,${at('civil', 'a.csv')},2,`)
    expect(assign.at(-1)).toContain(`civil-affairs,${at('civil', 'b.csv')},${several.inputs[1]!.rows + 1},`)
    const merged = readFileSync(path.join(out, 'merged.csv'), 'utf8')
    expect(merged).toMatch(/civil-affairs:b\.csv:\d+/)
    const rows = merged.trim().split('\n').length - 1
    expect(rows).toBe(one.summary.rows - one.clusters!.filter((c) => c.decision === 'match').reduce((n, c) => n + c.members.length - 1, 0))
  })

  it('dedupe --explain takes DATASET:FILE:ROW', () => {
    const r = runCli(['dedupe', `民政=${at('civil')}`, '--explain', 'civil-affairs:a.csv:2', 'b.csv:3', ...AS_OF, '--json'])
    expect(r.stderr).toBe('')
    const explained = JSON.parse(r.stdout) as {a: RecordRef; b: RecordRef}
    expect([explained.a, explained.b]).toEqual([
      {dataset: 'civil-affairs', file: at('civil', 'a.csv'), row: 2},
      {dataset: 'civil-affairs', file: at('civil', 'b.csv'), row: 3},
    ])
  })

  it('crosscheck: a quoted glob, and the configuration’s path list, give the findings and links of the one file', () => {
    const one = run(['crosscheck', `民政=${at('civil.csv')}`, `教育=${at('education.csv')}`, `公安=${at('police.csv')}`])
    const globbed = run(['crosscheck', `民政=${at('civil.csv')}`, `教育=${at('education', '*')}`, `公安=${at('police', 'a.csv')}`, `公安=${at('police', 'b.csv')}`, `公安=${at('police', 'c.csv')}`])
    const config = path.join(dir, 'xc.yaml')
    writeFileSync(config, ['datasets:', '  - department: 民政', '    path: civil/', '  - department: 教育', '    path: [education/一县.csv, education/二县.xlsx]', '  - department: 公安', "    path: 'police/?.csv'"].join('\n'))
    const configured = run(['crosscheck', '--config', config])
    const link = (l: NonNullable<Report['links']>[number]) => [l.id, l.score, l.members.map(place)]
    expect(one.links!.length).toBeGreaterThan(100)
    for (const several of [globbed, configured]) {
      // The civil-affairs list is split in the configuration run: compare places, not files.
      expectSame(one, several)
      expect(several.links!.map(link)).toEqual(one.links!.map(link))
    }
    expect(globbed.inputs.map((i) => path.basename(i.file))).toEqual(['civil.csv', '一县.csv', '二县.xlsx', 'a.csv', 'b.csv', 'c.csv'])
    // A link's members name their own file.
    expect(new Set(globbed.links!.flatMap((l) => l.members.filter((m) => m.dataset === 'education').map((m) => path.basename(m.file))))).toEqual(new Set(['一县.csv', '二县.xlsx']))
  })

  it('risk: the roster and a list as folders rate every child as the one files do', () => {
    const one = run(['risk', `民政=${at('civil.csv')}`, `公安=${at('police.csv')}`])
    const several = run(['risk', `民政=${at('civil')}`, `公安=${at('police')}`])
    expectSame(one, several)
    const risk = (r: NonNullable<Report['risks']>[number]) => [place(r), r.level, r.score, r.factors, r.basis]
    expect(several.risks!.map(risk)).toEqual(one.risks!.map(risk))
  })

  it('diff: OLD and NEW as folders, a department list as several files', () => {
    const one = run(['diff', at('civil.csv'), at('civil-next.csv'), `公安=${at('police.csv')}`])
    const several = run(['diff', at('civil'), at('civil-next'), `公安=${at('police', 'a.csv')}`, `公安=${at('police', 'b.csv')}`, `公安=${at('police', 'c.csv')}`])
    // The snapshots are named after their folders (civil, civil-next) as the one files after themselves.
    expect(several.findings.map(findingKey)).toEqual(one.findings.map(findingKey))
    const codes = new Set(one.findings.map((f) => f.code))
    expect(codes).toContain('DIFF_CHANGED')
    expect(codes).toContain('DIFF_ENTERED')
    expect(several.summary).toEqual(one.summary)
  })
})
