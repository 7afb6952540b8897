// Issue #8, item 3: outputs are written atomically. A run killed while it writes — after its
// temporary file beside the target has bytes in it — leaves the old output or, had it finished,
// the complete new one: never a partial file. SIGKILL cannot be caught, so its temporary file
// stays behind (named .liushou-tmp-*, never the output); Ctrl-C (SIGINT), SIGTERM and SIGHUP remove it.
import {type ChildProcess, spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {BIN, ROOT} from '../helpers/cli.js'

const ROWS = 100_000
const OLD_OUTPUT = 'old cleaned roster: must survive an interrupted run\r\n'
const OLD_CHANGES = 'old change log\r\n'

let dir = ''
let input = ''

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'liushou-atomic-'))
  input = path.join(dir, 'roster.csv')
  // bench/generate.js: the fast generator of large GB18030 rosters (it reads dist/, built by the global setup).
  const {generateRoster} = (await import(path.join(ROOT, 'bench/generate.js'))) as {generateRoster: (file: string, rows: number) => Promise<void>}
  await generateRoster(input, ROWS)
}, 120_000)

afterAll(() => rmSync(dir, {recursive: true, force: true}))

interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
  stderr: string
}

function start(args: string[], env: Record<string, string> = {}): {child: ChildProcess; exit: Promise<Exit>} {
  // A process group of its own, so that a signal reaches it the way Ctrl-C reaches a foreground job.
  const child = spawn(process.execPath, [BIN, ...args], {cwd: ROOT, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: {...process.env, LANG: 'en_US.UTF-8', ...env}})
  let stderr = ''
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString('utf8')))
  const exit = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({code, signal, stderr})))
  return {child, exit}
}

function temps(folder: string): string[] {
  return readdirSync(folder).filter((f) => f.startsWith('.liushou-tmp-'))
}

/**
 * Waits until a temporary file in `folder` holds at least `bytes` bytes; fails after `limitMs`,
 * or as soon as `exited` says the process is gone.
 */
async function tempWithBytes(folder: string, bytes: number, limitMs = 30_000, exited: () => boolean = () => false): Promise<string> {
  const until = Date.now() + limitMs
  while (Date.now() < until && !exited()) {
    for (const t of temps(folder)) {
      try {
        if (statSync(path.join(folder, t)).size >= bytes) return t
      } catch {
        // renamed or removed between the listing and the stat
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`no temporary file with ${bytes} bytes in ${folder} after ${limitMs} ms`)
}

function prepare(name: string): {out: string; output: string; changes: string} {
  const out = mkdtempSync(path.join(dir, `${name}-`))
  const output = path.join(out, 'cleaned.csv')
  const changes = path.join(out, 'changes.csv')
  writeFileSync(output, OLD_OUTPUT)
  writeFileSync(changes, OLD_CHANGES)
  return {out, output, changes}
}

const normalizeArgs = (output: string, changes: string) => ['normalize', input, '--output', output, '--changes', changes, '--as-of', '2026-09-01', '--json']

describe('atomic output', () => {
  it('SIGKILL while the temporary file is being written: the old output is intact', async () => {
    const {out, output, changes} = prepare('kill')
    const {child, exit} = start(normalizeArgs(output, changes))
    const temp = await tempWithBytes(out, 256 * 1024)
    process.kill(child.pid!, 'SIGKILL')
    const e = await exit
    expect(e.signal).toBe('SIGKILL')
    expect(readFileSync(output, 'utf8')).toBe(OLD_OUTPUT)
    expect(readFileSync(changes, 'utf8')).toBe(OLD_CHANGES)
    // What SIGKILL leaves: the temporary file, under its own name, never in the output's place.
    expect(temp).toMatch(/^\.liushou-tmp-\d+-[0-9a-f]+-(cleaned|changes)\.csv$/)
  }, 120_000)

  // The command layer's handlers (commands/_init.ts) remove what the library registered as
  // temporary — the output's temporary file and the folder of spilled findings — and exit with the
  // shell's code for the signal.
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s while writing: the old output is intact, no temporary file nor spilled findings are left (exit %i)', async (signal, code) => {
    const {out, output, changes} = prepare(signal)
    const tmp = mkdtempSync(path.join(dir, `${signal}-tmp-`))
    // Findings go to disk after the first five, in a temporary folder of the test's own.
    const {child, exit} = start(normalizeArgs(output, changes), {TMPDIR: tmp, LIUSHOU_FINDINGS_IN_MEMORY: '5'})
    await tempWithBytes(out, 256 * 1024)
    const spilled = () => readdirSync(tmp).filter((f) => f.startsWith('liushou-findings-')).length > 0
    for (let waited = 0; !spilled() && waited < 30_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(spilled()).toBe(true)
    process.kill(-child.pid!, signal)
    const e = await exit
    expect(e.code).toBe(code)
    expect(e.stderr).not.toMatch(/^\s+at /m)
    expect(temps(out)).toEqual([])
    expect(readdirSync(tmp)).toEqual([])
    expect(readFileSync(output, 'utf8')).toBe(OLD_OUTPUT)
    expect(readFileSync(changes, 'utf8')).toBe(OLD_CHANGES)
  }, 120_000)

  it('left alone, the run replaces the old output with the complete new one and leaves no temporary file', async () => {
    const {out, output, changes} = prepare('complete')
    const {exit} = start(normalizeArgs(output, changes))
    const e = await exit
    expect([0, 1]).toContain(e.code)
    expect(temps(out)).toEqual([])
    const text = readFileSync(output, 'utf8')
    expect(text.startsWith('\ufeff序号,姓名')).toBe(true)
    // Every row, the header included, and the file ends with its last line end.
    expect(text.split('\r\n').length - 1).toBe(ROWS + 1)
    expect(text.endsWith('\r\n')).toBe(true)
    expect(existsSync(changes)).toBe(true)
  }, 120_000)

  it('SIGINT around the write of a report (--output): the old report or the complete new one, no temporary file', async () => {
    const out = mkdtempSync(path.join(dir, 'report-'))
    const report = path.join(out, 'report.csv')
    writeFileSync(report, OLD_OUTPUT)
    // Every ID listed (--include-info): a report large enough to be caught while it is written.
    const {child, exit} = start(['validate', input, '--format', 'csv', '--include-info', '--output', report, '--as-of', '2026-09-01'])
    let caught = true
    let exited = false
    void exit.then(() => (exited = true))
    try {
      await tempWithBytes(out, 1, 60_000, () => exited)
      process.kill(-child.pid!, 'SIGINT')
    } catch {
      caught = false
    }
    const e = await exit
    expect(temps(out)).toEqual([])
    const text = readFileSync(report, 'utf8')
    if (caught && e.code === 130) {
      expect(text).toBe(OLD_OUTPUT)
    } else {
      // The write finished first: then the report is complete.
      expect(text.startsWith('\ufeffdataset,file,row')).toBe(true)
    }
  }, 120_000)
})
