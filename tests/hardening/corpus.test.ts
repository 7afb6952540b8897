// Issue #8, item 1: every command that reads rosters, run over every file of the bad-input corpus
// (tests/fixtures/bad/make.js), as a user runs it: the built CLI in its own process, JSON report.
// Each run ends within 10 s with findings (exit 0 or 1) or one line and exit 2, never a stack
// trace; what is read is counted (rows in = rows out) and nothing it writes holds a full ID.
import {parse} from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import {existsSync, mkdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {openRows} from '../../src/io/open.js'
import {isBlankRow} from '../../src/io/types.js'
import type {Report} from '../../src/findings/model.js'
import {scrubText} from '../../src/findings/mask.js'
import {type CorpusEntry, type Invocation, type Run, SHAPES, buildCorpus, endingProblems, pool, removeDir, rosterCommands, runAsync, slowest, writeKey} from './harness.js'
import {leaks, loadSensitive} from './leaks.js'

interface CorpusRun {
  entry: CorpusEntry
  command: string
  input: string
  invocation: Invocation
  run: Run
  /** The run read every readable file of the corpus at once. */
  batch?: boolean
}

/**
 * Commands that take several rosters at once read all the readable files of the corpus in one
 * run: about 40 runs fewer each. When such a run fails, every file is run again on its own, so
 * that the failure names its file.
 */
const BATCH = new Set(['validate', 'dedupe', 'risk'])

const commands = rosterCommands()
let dir = ''
let entries: CorpusEntry[] = []
let runs: CorpusRun[] = []
let sensitive: string[] = []

beforeAll(async () => {
  const corpus = buildCorpus()
  dir = corpus.dir
  entries = corpus.entries
  sensitive = loadSensitive(path.join(dir, 'sensitive.json'))
  const partner = path.join(dir, 'partner/partner.csv')
  const key = writeKey(dir)
  const single = (command: string, entry: CorpusEntry) => async (): Promise<CorpusRun[]> => {
    const out = path.join(dir, 'out', command, entry.file)
    mkdirSync(out, {recursive: true})
    const input = path.join(dir, entry.file)
    const invocation = SHAPES[command]!({input, partner, key, format: 'json', out, extra: ['--lang', 'zh']})
    return [{entry, command, input, invocation, run: await runAsync(invocation.args)}]
  }
  const tasks: (() => Promise<CorpusRun[]>)[] = []
  for (const command of commands) {
    const batched = BATCH.has(command) ? entries.filter((e) => e.expect === 'read') : []
    for (const entry of entries) if (!batched.includes(entry)) tasks.push(single(command, entry))
    if (batched.length === 0) continue
    tasks.push(async () => {
      const out = path.join(dir, 'out', command, 'all')
      mkdirSync(out, {recursive: true})
      const inputs = batched.map((e) => path.join(dir, e.file))
      const shape = SHAPES[command]!({input: inputs[0]!, partner, key, format: 'json', out, extra: ['--lang', 'zh']})
      const at = shape.args.indexOf(inputs[0]!)
      const invocation = {...shape, args: [...shape.args.slice(0, at), ...inputs, ...shape.args.slice(at + 1)]}
      const run = await runAsync(invocation.args)
      if (endingProblems(run, command).length === 0 && (run.code === 0 || run.code === 1)) {
        return batched.map((entry, i) => ({entry, command, input: inputs[i]!, invocation, run, batch: true}))
      }
      return (await Promise.all(batched.map((e) => single(command, e)()))).flat()
    })
  }
  runs = (await pool(tasks)).flat()
}, 900_000)

afterAll(() => removeDir(dir))

function label(r: CorpusRun): string {
  return r.batch ? `${r.command} (all readable files at once, ${r.entry.file})` : `${r.command} ${r.entry.file}`
}

const reports = new Map<Run, Report | undefined>()
/** The JSON report a run printed, parsed once however many files it stands for. */
function reportOf(run: Run): Report | undefined {
  if (!reports.has(run)) {
    try {
      reports.set(run, JSON.parse(run.stdout.toString('utf8')) as Report)
    } catch {
      reports.set(run, undefined)
    }
  }
  return reports.get(run)
}

/** One entry per distinct run (a batch run stands for all its files). */
function distinct(list: CorpusRun[]): CorpusRun[] {
  const seen = new Set<Run>()
  return list.filter((r) => !seen.has(r.run) && seen.add(r.run))
}

describe('the bad-input corpus through every command', () => {
  it('has the files the issue lists, and every command that exists runs over each', () => {
    const names = entries.map((e) => e.file).join(' ')
    for (const kind of ['truncated.xlsx', 'corrupt.xlsx', 'not-a-workbook.xlsx', 'utf16', 'mixed-encoding', 'nul-bytes', 'huge-cell-10mb', '10000-columns', 'unbalanced-quote-eof', 'mixed-line-ends', 'duplicate-headers', 'merged-cells', 'hidden-first-sheet', 'formula-errors', 'dates-before-1900', 'ids-as-numbers', 'header-only', 'blank-lines']) {
      expect(names).toContain(kind)
    }
    expect(commands).toContain('validate')
    expect(commands).toContain('normalize')
    // Every file through every command.
    expect(runs.length).toBe(entries.length * commands.length)
  })

  it('every run ends within 10 s, exits 0, 1 or 2, and prints no stack trace', () => {
    const all = distinct(runs)
    console.log(`${all.length} runs; the slowest:\n${slowest(all.map((r) => ({label: r.batch ? `${r.command} (all readable files)` : label(r), run: r.run})))}`)
    expect(all.flatMap((r) => endingProblems(r.run, r.batch ? `${r.command} (all readable files)` : label(r)))).toEqual([])
  })

  it('a file that cannot be read at all: exit 2 and one line naming the file', () => {
    const problems: string[] = []
    for (const r of runs.filter((x) => x.entry.expect === 'refuse')) {
      if (r.run.code !== 2) problems.push(`${label(r)}: exit ${r.run.code}, expected 2`)
      const name = path.basename(r.input)
      if (!r.run.stderr.includes(name) && !r.run.stderr.includes(scrubText(name))) problems.push(`${label(r)}: the message does not name the file: ${r.run.stderr.trim()}`)
      if (r.run.stdout.length > 0) problems.push(`${label(r)}: wrote ${r.run.stdout.length} bytes to stdout`)
      for (const f of [...r.invocation.outputs, ...(r.invocation.cleaned ? [r.invocation.cleaned] : [])]) {
        if (existsSync(f)) problems.push(`${label(r)}: left an output behind: ${path.basename(f)}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('a readable file with problems: findings (exit 0 or 1) and every data row counted', () => {
    const problems: string[] = []
    for (const r of runs.filter((x) => x.entry.expect === 'read')) {
      if (r.run.code !== 0 && r.run.code !== 1) {
        problems.push(`${label(r)}: exit ${r.run.code}: ${r.run.stderr.trim()}`)
        continue
      }
      const report = reportOf(r.run)
      if (!report) {
        const out = r.run.stdout.toString('utf8')
        problems.push(`${label(r)}: stdout is not a JSON report (${out.length} characters, ending ${JSON.stringify(out.slice(-120))}; stderr ${JSON.stringify(r.run.stderr.slice(0, 200))})`)
        continue
      }
      const input = report.inputs.find((i) => i.file === r.input)
      if (!input) problems.push(`${label(r)}: the report lists no input ${r.entry.file}`)
      else if (input.rows !== r.entry.rows) problems.push(`${label(r)}: ${input.rows} rows counted, the file has ${r.entry.rows}`)
      const rowsOfInputs = report.inputs.reduce((n, i) => n + i.rows, 0)
      if (report.summary.rows !== rowsOfInputs) problems.push(`${label(r)}: summary.rows ${report.summary.rows} ≠ ${rowsOfInputs} rows of the inputs`)
      for (const f of report.findings) {
        if (!Number.isInteger(f.row) || f.row < 0) problems.push(`${label(r)}: finding ${f.code} on row ${f.row}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('normalize and tokenize write every row they read, at its own row number, in order', async () => {
    const problems: string[] = []
    for (const r of runs.filter((x) => x.invocation.roster && x.entry.expect === 'read')) {
      const cleaned = r.invocation.roster!
      if (!existsSync(cleaned)) {
        problems.push(`${label(r)}: no output roster`)
        continue
      }
      const inputRows = await nonBlankRows(r.input)
      const outputRows = cleaned.endsWith('.xlsx') ? await xlsxRows(cleaned) : csvRows(cleaned)
      // Row N of the output is row N of the input; an input without any row gets a header line.
      const expected = inputRows.length === 0 ? [1] : inputRows
      const out = new Set(outputRows)
      const extra = outputRows.filter((n) => !expected.includes(n))
      // A row may go out blank only when the report says why (tokenize blanks a ragged row, and
      // every cell when no column maps to a field): rows in = rows out, or rows reported.
      const report = reportOf(r.run)
      const reported = new Set(report?.findings.map((f) => f.row))
      const wholeFile = report?.findings.some((f) => f.code === 'HEADER_MISSING') ?? false
      const lost = expected.filter((n) => !out.has(n) && !reported.has(n) && !(wholeFile && n > 1))
      if (extra.length > 0 || lost.length > 0) {
        problems.push(`${label(r)}: non-blank rows in ${summarize(expected)}, out ${summarize(outputRows)}; lost without a finding ${summarize(lost)}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('a relative path with "=" in its name that exists is read as the file, not as NAME=FILE', async () => {
    const run = await runAsync(['validate', 'roster=v2.csv', '--json', '--as-of', '2026-09-01'], {cwd: dir})
    expect(endingProblems(run, 'validate roster=v2.csv')).toEqual([])
    expect(reportOf(run)?.inputs.map((i) => [i.file, i.rows])).toEqual([['roster=v2.csv', 5]])
  })

  it('dedupe --assignments names every data row of the input once', () => {
    const problems: string[] = []
    const assignments = new Map<string, Record<string, string>[]>()
    for (const r of runs.filter((x) => x.invocation.assignments && x.entry.expect === 'read')) {
      const file = r.invocation.assignments!
      if (!existsSync(file)) {
        problems.push(`${label(r)}: no assignments written`)
        continue
      }
      const records = assignments.get(file) ?? (parse(readFileSync(file), {bom: true, columns: true, relax_column_count: true}) as Record<string, string>[])
      assignments.set(file, records)
      const rows = records.filter((x) => x.file === r.input).map((x) => Number(x.row))
      if (rows.length !== r.entry.rows || new Set(rows).size !== rows.length) problems.push(`${label(r)}: ${rows.length} assignment lines (${new Set(rows).size} distinct rows), the file has ${r.entry.rows} rows`)
    }
    expect(problems).toEqual([])
  })

  it('no full ID number or phone from the input in anything a run writes (--mask ids)', () => {
    const problems: string[] = []
    for (const r of distinct(runs)) {
      const found = [
        ...leaks(r.run.stdout.toString('utf8'), sensitive).map((v) => `stdout: ${v}`),
        ...leaks(r.run.stderr, sensitive).map((v) => `stderr: ${v}`),
        ...r.invocation.outputs.filter(existsSync).flatMap((f) => leaks(readFileSync(f), sensitive).map((v) => `${path.basename(f)}: ${v}`)),
      ]
      for (const f of found) problems.push(`${label(r)}: ${f}`)
    }
    expect(problems).toEqual([])
  })
})

/** Row numbers of the non-blank rows of an input, as the product's own reader sees them. */
async function nonBlankRows(file: string): Promise<number[]> {
  const source = await openRows(file)
  const out: number[] = []
  for await (const row of source.rows) if (!isBlankRow(row.cells)) out.push(row.row)
  return out
}

/** Row numbers of the non-blank records of a CSV written by normalize (parsed independently). */
function csvRows(file: string): number[] {
  const records = parse(readFileSync(file), {bom: true, relax_column_count: true, skip_empty_lines: false}) as string[][]
  return records.flatMap((cells, i) => (cells.some((c) => c.trim() !== '') ? [i + 1] : []))
}

async function xlsxRows(file: string): Promise<number[]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const out: number[] = []
  wb.worksheets[0]?.eachRow((row, n) => {
    const values = (row.values as unknown[]).slice(1)
    if (values.some((v) => v !== null && v !== undefined && String(v).trim() !== '')) out.push(n)
  })
  return out
}

function summarize(rows: number[]): string {
  return rows.length > 12 ? `${rows.length} rows [${rows.slice(0, 5).join(',')} … ${rows.slice(-5).join(',')}]` : `[${rows.join(',')}]`
}
