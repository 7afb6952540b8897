// Issue #8, items 4 and 5, across every command and every report format (table, json, csv,
// xlsx, html, junit) on the bundled samples and on the most hostile files of the bad corpus:
// - rows in = rows out: each format states every input's row count, the one the JSON report has
//   (csv lists exactly the JSON's findings), and the sample counts are those of faults.json;
// - the masking audit: with --mask ids, no full ID number or phone of the input appears in
//   stdout, stderr or any file a run writes — xlsx unzipped, comments included — except
//   normalize's cleaned roster (it is the roster itself); its change log is audited.
// Error messages are audited too: a file, a sheet or a flag value that carries an ID.
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {Report} from '../../src/findings/model.js'
import {ROOT} from '../helpers/cli.js'
import {
  type CorpusEntry,
  type Invocation,
  REPORT_FORMATS,
  type ReportFormat,
  type Run,
  SHAPES,
  buildCorpus,
  endingProblems,
  foldWidth,
  pool,
  removeDir,
  rosterCommands,
  runAsync,
  slowest,
  unzip,
  writeKey,
} from './harness.js'
import {leaks, loadSensitive, sensitiveForms} from './leaks.js'

const SAMPLES = path.join(ROOT, 'samples')
const manifest = JSON.parse(readFileSync(path.join(SAMPLES, 'faults.json'), 'utf8')) as {files: {file: string; department?: string; rows: number}[]}
const sample = (name: string) => path.join(SAMPLES, name)
const sampleRows = new Map(manifest.files.map((f) => [sample(f.file), f.rows]))

/**
 * The bad-corpus files whose content is most likely to break a formatter. Each runs through every
 * command in one format besides JSON, the formats rotating over files and commands so that every
 * command meets every format and every file meets every format (a full matrix would be 400 runs).
 */
const HOSTILE = ['huge-cell-10mb.csv', 'control-characters.csv', 'formula-injection.csv', 'notes-and-odd-places.csv', 'merged-cells.xlsx']
const NON_JSON = REPORT_FORMATS.filter((f) => f !== 'json')

interface Case {
  label: string
  command: string
  format: ReportFormat
  /** Inputs with the rows each must be reported with. */
  inputs: Map<string, number>
  invocation: Invocation
  run?: Run
}

/** How each command runs on the samples: every file it can take at once. */
function sampleInvocation(command: string, format: ReportFormat, out: string, key: string): {invocation: Invocation; inputs: string[]} | undefined {
  const all = manifest.files.map((f) => sample(f.file))
  const base = {partner: sample('public-security.csv'), key, format, out}
  const withFiles = (files: string[], args: (o: Invocation) => string[]) => {
    const inv = SHAPES[command]!({...base, input: files[0]!})
    return {invocation: {...inv, args: args(inv)}, inputs: files}
  }
  switch (command) {
    case 'validate':
    case 'dedupe':
      return withFiles(all, (inv) => [command, ...all, ...inv.args.slice(2)])
    case 'crosscheck': {
      const lists = manifest.files.filter((f) => f.department).map((f) => `${f.department}=${sample(f.file)}`)
      return withFiles(
        manifest.files.filter((f) => f.department).map((f) => sample(f.file)),
        (inv) => [command, ...lists, ...inv.args.slice(3)],
      )
    }
    case 'normalize':
    case 'tokenize':
    case 'risk': {
      const input = sample('civil-affairs.csv')
      return {invocation: SHAPES[command]!({...base, input}), inputs: [input]}
    }
    case 'diff':
      return {invocation: SHAPES[command]!({...base, partner: sample('civil-affairs-supplement.csv'), input: sample('civil-affairs.csv')}), inputs: [sample('civil-affairs-supplement.csv'), sample('civil-affairs.csv')]}
    default:
      return undefined
  }
}

const commands = rosterCommands()
let corpusDir = ''
let corpus: CorpusEntry[] = []
let cases: Case[] = []
let sampleSensitive: string[] = []
let corpusSensitive: string[] = []

beforeAll(async () => {
  const built = buildCorpus()
  corpusDir = built.dir
  corpus = built.entries
  corpusSensitive = loadSensitive(path.join(corpusDir, 'sensitive.json'))
  sampleSensitive = harvestSamples()
  const key = writeKey(corpusDir)
  const partner = path.join(corpusDir, 'partner/partner.csv')
  cases = []
  for (const [ci, command] of commands.entries()) {
    for (const format of REPORT_FORMATS) {
      const out = path.join(corpusDir, 'out', 'samples', command, format)
      mkdirSync(out, {recursive: true})
      const s = sampleInvocation(command, format, out, key)
      if (s) cases.push({label: `${command} samples --format ${format}`, command, format, inputs: new Map(s.inputs.map((f) => [f, sampleRows.get(f) ?? -1])), invocation: s.invocation})
    }
    for (const [fi, name] of HOSTILE.entries()) {
      const entry = corpus.find((e) => e.file === name)!
      for (const format of ['json' as const, NON_JSON[(ci + fi) % NON_JSON.length]!]) {
        const dir = path.join(corpusDir, 'out', name, command, format)
        mkdirSync(dir, {recursive: true})
        const input = path.join(corpusDir, name)
        const invocation = SHAPES[command]!({input, partner, key, format, out: dir})
        const inputs = new Map([[input, entry.rows ?? -1]])
        if (command === 'crosscheck' || command === 'diff') inputs.set(partner, 5)
        cases.push({label: `${command} ${name} --format ${format}`, command, format, inputs, invocation})
      }
    }
  }
  const runs = await pool(cases.map((c) => () => runAsync(c.invocation.args)))
  runs.forEach((r, i) => (cases[i]!.run = r))
}, 900_000)

afterAll(() => removeDir(corpusDir))

/** Every ID number and phone in the samples, harvested from their text (and the xlsx's XML). */
function harvestSamples(): string[] {
  const ids = new Set<string>()
  const phones = new Set<string>()
  for (const f of manifest.files) {
    const bytes = readFileSync(sample(f.file))
    let text: string
    if (f.file.endsWith('.xlsx')) text = [...unzip(bytes).values()].map((b) => b.toString('utf8')).join('\n')
    else {
      const utf8 = new TextDecoder('utf-8', {fatal: false}).decode(bytes)
      text = utf8.includes('\ufffd') ? iconv.decode(bytes, 'gb18030') : utf8
    }
    text = foldWidth(text)
    for (const m of text.matchAll(/(?<![0-9])[0-9]{14,17}[0-9Xx](?![0-9])/g)) ids.add(m[0])
    for (const m of text.matchAll(/(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g)) phones.add(m[0])
    for (const m of text.matchAll(/(?<![0-9])0[0-9]{2,3}-[0-9]{7,8}(?![0-9])/g)) phones.add(m[0])
  }
  return sensitiveForms(ids, phones)
}

function jsonOf(c: Case): Report | undefined {
  const twin = cases.find((x) => x.format === 'json' && x.command === c.command && [...x.inputs.keys()].join() === [...c.inputs.keys()].join())
  try {
    return JSON.parse(twin!.run!.stdout.toString('utf8')) as Report
  } catch {
    return undefined
  }
}

/** The report as the format wrote it: stdout, or the --output/--report file. */
function reportBytes(c: Case): Buffer | undefined {
  if (c.invocation.report) return existsSync(c.invocation.report) ? readFileSync(c.invocation.report) : undefined
  return c.run!.stdout
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** The row count a format states for one input, or a reason it states none. */
async function statedRows(c: Case, file: string, report: Report): Promise<number | string> {
  const bytes = reportBytes(c)
  if (!bytes) return 'no report written'
  const text = bytes.toString('utf8')
  switch (c.format) {
    case 'json':
      return report.inputs.find((i) => i.file === file)?.rows ?? 'input not listed'
    case 'table': {
      const line = text.split('\n').find((l) => l.includes(file) && /\b\d+ rows\b/.test(l))
      return line ? Number(/\b(\d+) rows\b/.exec(line)![1]) : 'no line with the file and its rows'
    }
    case 'junit': {
      const suite = text.split('<testsuite ').find((s) => s.startsWith(`name="${xmlEscape(file)}"`))
      const rows = suite && /<property name="rows" value="(\d+)"\/>/.exec(suite)
      return rows ? Number(rows[1]) : 'no test suite with a rows property'
    }
    case 'html': {
      const at = text.indexOf(`<td class="code">${xmlEscape(file)}</td>`)
      const rows = at >= 0 && /<td class="num">(\d+)<\/td>/.exec(text.slice(at, at + 2000))
      return rows ? Number(rows[1]) : 'no inputs row for the file'
    }
    case 'xlsx': {
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(bytes as unknown as ArrayBuffer)
      let found: number | string = 'no summary row for the file'
      wb.worksheets[0]?.eachRow((row) => {
        const values = (row.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'richText' in v ? (v as {richText: {text: string}[]}).richText.map((r) => r.text).join('') : v))
        const i = values.indexOf(file)
        if (i >= 0 && typeof found === 'string') found = Number(values[i + 4])
      })
      return found
    }
    case 'csv': {
      // One finding a row: the same findings as the JSON report, so the same rows named.
      const records = text.replace(/^\ufeff/, '').split('\r\n').filter((l) => l !== '')
      return records.length - 1 === report.findings.length ? (report.inputs.find((i) => i.file === file)?.rows ?? 'input not listed') : `${records.length - 1} csv records, ${report.findings.length} JSON findings`
    }
  }
}

describe('every command × every format, on the samples and the hostile files', () => {
  it('runs them all: within 10 s each, exit 0 or 1, no stack trace', () => {
    console.log(`${cases.length} runs; the slowest:\n${slowest(cases.map((c) => ({label: c.label, run: c.run!})))}`)
    for (const command of commands) for (const format of REPORT_FORMATS) expect(cases.some((c) => c.command === command && c.format === format && !c.label.includes(' samples '))).toBe(true)
    const problems = cases.flatMap((c) => endingProblems(c.run!, c.label))
    for (const c of cases) if (c.run!.code === 2) problems.push(`${c.label}: exit 2: ${c.run!.stderr.trim()}`)
    expect(problems).toEqual([])
  })

  it('rows in = rows out: every format states each input’s row count, the one the file has', async () => {
    const problems: string[] = []
    for (const c of cases) {
      if (c.run!.code !== 0 && c.run!.code !== 1) continue
      const report = jsonOf(c)
      if (!report) {
        problems.push(`${c.label}: no JSON twin to compare with`)
        continue
      }
      // normalize and tokenize print their own summary with --format table; it names the rows too.
      for (const [file, rows] of c.inputs) {
        const stated = await statedRows(c, file, report)
        if (stated !== rows) problems.push(`${c.label}: ${path.basename(file)}: ${typeof stated === 'number' ? `${stated} rows stated, the file has ${rows}` : stated}`)
      }
      if (report.summary.rows !== report.inputs.reduce((n, i) => n + i.rows, 0)) problems.push(`${c.label}: summary.rows is not the sum of the inputs' rows`)
    }
    expect(problems).toEqual([])
  }, 120_000)

  it('masking audit: no full ID number or phone of the input in any output (--mask ids)', () => {
    const problems: string[] = []
    for (const c of cases) {
      const sensitive = c.label.includes(' samples ') ? sampleSensitive : corpusSensitive
      const seen: [string, string | Buffer][] = [
        ['stdout', c.run!.stdout],
        ['stderr', c.run!.stderr],
        ...c.invocation.outputs.filter(existsSync).map((f): [string, Buffer] => [path.basename(f), readFileSync(f)]),
      ]
      for (const [where, content] of seen) for (const v of leaks(content, sensitive)) problems.push(`${c.label}: ${where}: ${v}`)
    }
    expect(problems).toEqual([])
    // The audit must have had something to find.
    expect(sampleSensitive.length).toBeGreaterThan(500)
  })

  it('formula neutralising: no report cell starts a formula (csv reports and xlsx workbooks)', () => {
    const problems: string[] = []
    for (const c of cases.filter((x) => x.label.includes('formula-injection') && (x.format === 'csv' || x.format === 'xlsx'))) {
      const bytes = reportBytes(c)
      if (!bytes) continue
      if (c.format === 'xlsx') {
        for (const [name, part] of unzip(bytes)) if (name.startsWith('xl/worksheets/') && part.includes('<f>')) problems.push(`${c.label}: ${name} holds a formula`)
      } else {
        for (const line of bytes.toString('utf8').split('\r\n')) {
          for (const cell of line.split(',')) if (/^"?[=+@]/.test(cell) || /^"?-[^\d]/.test(cell)) problems.push(`${c.label}: cell ${cell.slice(0, 40)}`)
        }
      }
    }
    expect(problems).toEqual([])
  })
})

describe('error messages are masked too', () => {
  const ID = '433122201503040029'
  const runs: {label: string; run: Run}[] = []

  beforeAll(async () => {
    const dir = path.join(corpusDir, 'errors')
    mkdirSync(dir, {recursive: true})
    const columns = path.join(dir, 'columns.json')
    writeFileSync(columns, `{"${ID}": "idNumber", 13812345678}`)
    const hidden = path.join(corpusDir, 'hidden-first-sheet.xlsx')
    const roster = path.join(corpusDir, 'gb18030.csv')
    const tasks: [string, string[]][] = [
      ['--sheet with an ID', ['validate', hidden, '--sheet', ID]],
      ['--sheet listing a sheet named after an ID', ['validate', hidden, '--sheet', 'nosuch']],
      ['--as-of with an ID', ['validate', roster, '--as-of', ID]],
      ['--columns file quoting an ID', ['validate', roster, '--columns', columns]],
      ['a missing file named after an ID', ['validate', path.join(dir, `${ID}.csv`)]],
      ['an output folder named after an ID', ['normalize', roster, '--output', path.join(dir, ID, 'out.csv')]],
      ['a DEPT=FILE named after an ID', ['validate', `${ID}=${path.join(dir, `${ID}-13812345678.xlsx`)}`]],
    ]
    const done = await pool(tasks.map(([label, args]) => async () => ({label, run: await runAsync(args)})))
    runs.push(...done)
  }, 120_000)

  it('exit 2, one line, the ID and the phone masked', () => {
    const problems: string[] = []
    for (const {label, run} of runs) {
      problems.push(...endingProblems(run, label))
      if (run.code !== 2) problems.push(`${label}: exit ${run.code}`)
      for (const v of leaks(run.stderr + run.stdout.toString('utf8'), [ID, '13812345678'])) problems.push(`${label}: ${v} in ${run.stderr.trim()}`)
    }
    expect(problems).toEqual([])
  })
})
