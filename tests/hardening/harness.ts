// Shared by the hardening tests: the bad-input corpus, the argument shape of every command, runs of
// the built CLI in parallel with a hard time limit, and readers for whatever the runs write.
import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import zlib from 'node:zlib'

import {BIN, ROOT} from '../helpers/cli.js'
import {zipArchive} from '../helpers/zip.js'

export const AS_OF = '2026-09-01'
export const REPORT_FORMATS = ['table', 'json', 'csv', 'xlsx', 'html', 'junit'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]
/** Formats that go to a file (binary, or a page to open); the others go to stdout. */
export const FILE_FORMATS = new Set<ReportFormat>(['xlsx', 'html'])

/**
 * docs/hardening.md: each run over bad input ends within 10 s. Judged on the CPU time the run used (user +
 * system, reported by cpu-time.cjs) so that a loaded CI machine does not fail it; a run still
 * going after RUN_KILL_MS of wall time is killed and fails as a hang.
 */
export const RUN_LIMIT_MS = 10_000
export const RUN_KILL_MS = 60_000
const CPU_TIME = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cpu-time.cjs')

export interface CorpusEntry {
  file: string
  expect: 'read' | 'refuse'
  /** Data rows the report must count (read entries). */
  rows?: number
  why: string
}

/** Writes the corpus (tests/fixtures/bad/make.js) into a fresh temporary directory. */
export function buildCorpus(): {dir: string; entries: CorpusEntry[]} {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liushou-bad-'))
  const r = spawnSync(process.execPath, [path.join(ROOT, 'tests/fixtures/bad/make.js'), dir], {cwd: ROOT, encoding: 'utf8'})
  if (r.status !== 0) throw new Error(`make.js failed: ${r.stderr}`)
  const entries = JSON.parse(readFileSync(path.join(dir, 'corpus.json'), 'utf8')) as CorpusEntry[]
  return {dir, entries}
}

export function removeDir(dir: string): void {
  rmSync(dir, {recursive: true, force: true})
}

/** Commands that read rosters and exist in dist/commands right now, in the README's order. */
export function rosterCommands(): string[] {
  const built = new Set(
    readdirSync(path.join(ROOT, 'dist/commands'))
      .filter((f) => f.endsWith('.js') && !f.startsWith('_'))
      .map((f) => f.slice(0, -3)),
  )
  return Object.keys(SHAPES).filter((c) => built.has(c))
}

export interface Invocation {
  args: string[]
  /** Files the run may write, all of which are audited (reports, change logs, tokenized files). */
  outputs: string[]
  /** normalize's cleaned roster: the roster itself, so exempt from masking. */
  cleaned?: string
  /** The report file, when the report does not go to stdout. */
  report?: string
  /** A roster written back row for row (normalize's cleaned copy, tokenize's tokens). */
  roster?: string
  /** dedupe's --assignments: one line per input row, naming it. */
  assignments?: string
}

export interface InvocationOptions {
  /** The input under test. */
  input: string
  /** A well-formed roster for the commands that need a second file. */
  partner: string
  /** A key file for tokenize. */
  key: string
  format: ReportFormat
  /** Directory for outputs (unique per run). */
  out: string
  extra?: string[]
}

type Shape = (o: InvocationOptions) => Invocation

function reportArgs(o: InvocationOptions, flag = '--output'): {args: string[]; report?: string} {
  const args = ['--format', o.format, '--mask', 'ids', '--as-of', AS_OF]
  if (!FILE_FORMATS.has(o.format)) return {args}
  const report = path.join(o.out, `report.${o.format}`)
  return {args: [...args, flag, report], report}
}

function simple(command: string, inputs: (o: InvocationOptions) => string[]): Shape {
  return (o) => {
    const r = reportArgs(o)
    return {args: [command, ...inputs(o), ...r.args, ...(o.extra ?? [])], outputs: r.report ? [r.report] : [], ...(r.report ? {report: r.report} : {})}
  }
}

/** How each roster-reading command is called; a command only runs once it is built. */
export const SHAPES: Record<string, Shape> = {
  validate: simple('validate', (o) => [o.input]),
  normalize: (o) => {
    const xlsx = /\.xlsx$/i.test(o.input)
    const cleaned = path.join(o.out, xlsx ? 'cleaned.xlsx' : 'cleaned.csv')
    const changes = path.join(o.out, xlsx ? 'changes.json' : 'changes.csv')
    const r = reportArgs(o, '--report')
    return {
      args: ['normalize', o.input, '--output', cleaned, '--changes', changes, ...r.args, ...(o.extra ?? [])],
      outputs: [changes, ...(r.report ? [r.report] : [])],
      cleaned,
      roster: cleaned,
      ...(r.report ? {report: r.report} : {}),
    }
  },
  dedupe: (o) => {
    const assignments = path.join(o.out, 'assignments.csv')
    const r = reportArgs(o)
    return {args: ['dedupe', o.input, '--assignments', assignments, ...r.args, ...(o.extra ?? [])], outputs: [assignments, ...(r.report ? [r.report] : [])], assignments, ...(r.report ? {report: r.report} : {})}
  },
  crosscheck: simple('crosscheck', (o) => [`civil-affairs=${o.input}`, `public-security=${o.partner}`]),
  diff: simple('diff', (o) => [o.partner, o.input]),
  risk: simple('risk', (o) => [o.input]),
  tokenize: (o) => {
    const tokens = path.join(o.out, /\.xlsx$/i.test(o.input) ? 'tokens.xlsx' : 'tokens.csv')
    const r = reportArgs(o, '--report')
    return {args: ['tokenize', o.input, '--key', o.key, '--output', tokens, ...r.args, ...(o.extra ?? [])], outputs: [tokens, ...(r.report ? [r.report] : [])], roster: tokens, ...(r.report ? {report: r.report} : {})}
  },
}

export interface Run {
  args: string[]
  code: number | null
  signal: NodeJS.Signals | null
  stdout: Buffer
  /** stderr without the CPU-time line. */
  stderr: string
  /** Wall time. */
  ms: number
  /** CPU time (user + system); undefined when the run was killed. */
  cpuMs?: number
  timedOut: boolean
}

/** Runs the built CLI without a terminal; kills it (and reports so) past `killMs` of wall time. */
export function runAsync(args: string[], options: {killMs?: number; env?: Record<string, string>; cwd?: string} = {}): Promise<Run> {
  const killMs = options.killMs ?? RUN_KILL_MS
  return new Promise((resolve) => {
    const started = performance.now()
    const child = spawn(process.execPath, ['--require', CPU_TIME, BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: {...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', ...options.env},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => err.push(b))
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, killMs)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const raw = Buffer.concat(err).toString('utf8')
      // One line per process: crosscheck, dedupe and diff run in a child (commands/_respawn.ts), whose CPU counts too.
      const lines = [...raw.matchAll(/\n?LIUSHOU_TEST_CPU_MS (\d+)\n/g)]
      const stderr = raw.replace(/\n?LIUSHOU_TEST_CPU_MS \d+\n/g, '')
      const cpuMs = lines.reduce((sum, m) => sum + Number(m[1]), 0)
      resolve({args, code, signal, stdout: Buffer.concat(out), stderr, ms: performance.now() - started, ...(lines.length > 0 ? {cpuMs} : {}), timedOut})
    })
  })
}

/** Runs tasks with at most `concurrency` at a time, results in order. */
export async function pool<T>(tasks: (() => Promise<T>)[], concurrency = Math.max(2, os.availableParallelism())): Promise<T[]> {
  const results: T[] = new Array(tasks.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++
      results[i] = await tasks[i]!()
    }
  }
  await Promise.all(Array.from({length: Math.min(concurrency, tasks.length)}, worker))
  return results
}

/**
 * What the error contract (docs/architecture.md) forbids on stderr without --debug: a stack frame, node's `Error:`/`TypeError:` lines,
 * node's warnings and fatal-error banners. Returns the offending lines.
 */
export function stackTraceLines(stderr: string): string[] {
  return stderr
    .split(/\r?\n/)
    .filter((l) => /^\s+at\s/.test(l) || /^(\w*Error|Uncaught|node:internal|FATAL ERROR|<--- Last few GCs)/.test(l) || /^\s*\S*Error: /.test(l) || /\(node:\d+\)/.test(l) || / › {3}Error:/.test(l))
}

/** The slowest runs, for the test log: CPU and wall seconds. */
export function slowest(runs: {label: string; run: Run}[], n = 5): string {
  return [...runs]
    .sort((a, b) => (b.run.cpuMs ?? Infinity) - (a.run.cpuMs ?? Infinity))
    .slice(0, n)
    .map((r) => `${((r.run.cpuMs ?? NaN) / 1000).toFixed(1)} s CPU (${(r.run.ms / 1000).toFixed(1)} s wall) ${r.label}`)
    .join('\n')
}

/** Problems with how a run ended, judged by the rules for bad input (docs/hardening.md). */
export function endingProblems(run: Run, label: string): string[] {
  const problems: string[] = []
  if (run.timedOut) problems.push(`${label}: still running after ${RUN_KILL_MS / 1000} s (killed: a hang)`)
  else if (run.cpuMs !== undefined && run.cpuMs > RUN_LIMIT_MS) problems.push(`${label}: used ${(run.cpuMs / 1000).toFixed(1)} s of CPU, more than ${RUN_LIMIT_MS / 1000} s`)
  if (run.timedOut) return problems
  if (run.code === null || ![0, 1, 2].includes(run.code)) problems.push(`${label}: exit ${run.code ?? run.signal}`)
  for (const line of stackTraceLines(run.stderr)) problems.push(`${label}: stack trace or node error on stderr: ${line.slice(0, 200)}`)
  if (run.code === 2) {
    const lines = run.stderr.split('\n').filter((l) => l.trim() !== '')
    if (lines.length !== 1 || !lines[0]!.startsWith('liushou: ')) problems.push(`${label}: exit 2 without a one-line message: ${JSON.stringify(run.stderr.slice(0, 300))}`)
  }
  return problems
}

// ---------------------------------------------------------------------------------------------
// Reading outputs

/** Every entry of a zip archive (an .xlsx), inflated: the XML parts, comments and all. */
export function unzip(buffer: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>()
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (end < 0) throw new Error('not a zip archive')
  const count = buffer.readUInt16LE(end + 10)
  let at = buffer.readUInt32LE(end + 16)
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory')
    const method = buffer.readUInt16LE(at + 10)
    const compressed = buffer.readUInt32LE(at + 20)
    const nameLength = buffer.readUInt16LE(at + 28)
    const extraLength = buffer.readUInt16LE(at + 30)
    const commentLength = buffer.readUInt16LE(at + 32)
    const local = buffer.readUInt32LE(at + 42)
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8')
    const dataAt = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28)
    const data = buffer.subarray(dataAt, dataAt + compressed)
    out.set(name, method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data))
    at += 46 + nameLength + extraLength + commentLength
  }
  return out
}

/** Full-width digits and letters folded to ASCII, so that `４３０…` counts as the ID it is. */
export function foldWidth(text: string): string {
  return text.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
}

/** A tokenize key made by the CLI itself (`tokenize --generate-key`), once per directory. */
export function writeKey(dir: string): string {
  const key = path.join(dir, 'tokenize.key')
  if (!existsSync(key)) {
    const r = spawnSync(process.execPath, [BIN, 'tokenize', '--generate-key', key], {cwd: ROOT, encoding: 'utf8'})
    // Before tokenize exists, any file will do: no run uses it.
    if (r.status !== 0) writeFileSync(key, '')
  }
  return key
}

/** A zip archive of deflated entries: enough to build a workbook part by part. */
export function zip(entries: [name: string, content: string | Buffer][]): Buffer {
  return zipArchive(entries, 'deflate')
}
