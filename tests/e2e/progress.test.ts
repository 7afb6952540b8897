import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {checkDigit} from '../../src/cn/id-number.js'
import type {Report} from '../../src/findings/model.js'
import {BIN, ROOT, runCli, tempDir, writeTemp} from '../helpers/cli.js'

// Progress on stderr, seen through a pseudo-terminal (`script -qc`, util-linux): it shows on a
// terminal and never when piped, under CI, or when the JSON report goes to stdout.
// LIUSHOU_PROGRESS_AFTER_MS=0 shows it at once instead of after two seconds.

const SCRIPT = ['/usr/bin/script', '/bin/script'].find((p) => existsSync(p))
const CLEAR = '\u001b[2K'

function bigRoster(dir: string, rows: number, name: string): string {
  const lines = ['姓名,性别,身份证号,出生日期,监护人联系电话']
  for (let i = 0; i < rows; i++) {
    // Distinct IDs: a birth date per thousand rows, a sequence number within it.
    const birth = new Date(Date.UTC(2013, 0, 1 + Math.floor(i / 1000))).toISOString().slice(0, 10)
    const seq = i % 1000
    const first17 = `430121${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`
    lines.push(`王小${'明红刚丽'[i % 4]},${seq % 2 ? '男' : '女'},${first17}${checkDigit(first17)},${birth},13812345678`)
  }
  return writeTemp(dir, name, `${lines.join('\n')}\n`)
}

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', LIUSHOU_PROGRESS_AFTER_MS: '0', ...extra}
  // CI turns progress off: the terminal runs here must not inherit it.
  if (!('CI' in extra)) delete out.CI
  return out
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`

/** Runs the CLI inside a pseudo-terminal; returns everything the terminal received. */
function inTerminal(args: string[], extraEnv: Record<string, string> = {}): {code: number; screen: string} {
  const command = [process.execPath, BIN, ...args].map(quote).join(' ')
  const r = spawnSync(SCRIPT!, ['-qec', command, '/dev/null'], {cwd: ROOT, env: env(extraEnv), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000})
  return {code: r.status ?? -1, screen: r.stdout + r.stderr}
}

describe.skipIf(!SCRIPT)('progress on a terminal', () => {
  let dir: string
  let big: string
  let small: string

  beforeAll(() => {
    dir = tempDir()
    // Big enough to take a second or more, so that counts and rates get drawn.
    big = bigRoster(dir, 300_000, 'big.csv')
    small = bigRoster(dir, 20_000, 'small.csv')
  })

  it('shows phase, rows read and rows/s under a pseudo-terminal, then erases itself', () => {
    const out = path.join(dir, 'tty.json')
    const {code, screen} = inTerminal(['validate', big, '--format', 'json', '--output', out, '--as-of', '2026-06-30', '--lang', 'en'])
    expect(code).toBe(0)
    expect(screen).toMatch(/liushou: reading/)
    expect(screen).toMatch(/liushou: reading big\.csv, [\d,]+ rows/)
    expect(screen).toMatch(/[\d,]+ rows\/s/)
    // The progress line is erased before the one line that says what was written: the terminal is left clean.
    const saved = screen.lastIndexOf('liushou: written to ')
    expect(saved).toBeGreaterThan(0)
    expect(screen.slice(0, saved).endsWith(`\r${CLEAR}`)).toBe(true)
    expect(screen.slice(saved)).toMatch(/^liushou: written to .*tty\.json, 0 errors, 0 warnings\r?\n$/)
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report
    expect(report.summary.rows).toBe(300_000)
  })

  it('speaks Chinese with --lang zh', () => {
    const {screen} = inTerminal(['validate', big, '--format', 'csv', '--output', path.join(dir, 'zh.csv'), '--as-of', '2026-06-30', '--lang', 'zh'])
    expect(screen).toMatch(/liushou: 读取 big\.csv，[\d,]+ 行/)
  })

  it("is erased before registry ingest's own lines, which start lines of their own", () => {
    const registry = path.join(dir, 'progress.duckdb')
    const {code, screen} = inTerminal(['registry', 'ingest', `civil-affairs=${small}`, '--as-of', '2026-06-30', '--registry', registry, '--format', 'csv', '--output', path.join(dir, 'ingest.csv'), '--lang', 'en'])
    expect(code).toBe(0)
    expect(screen).toContain(CLEAR)
    const starts = [...screen.matchAll(/liushou: registry /g)].map((m) => screen.slice(Math.max(0, m.index - 4), m.index))
    expect(starts).toHaveLength(1)
    // Before it: the start of the screen, of a line, or the erasing of the progress line.
    const before = starts[0]!
    expect(before === '' || before.endsWith('\n') || before.endsWith('\r') || before.endsWith(CLEAR)).toBe(true)
  })

  it('never appears when stderr is piped', () => {
    const r = runCli(['validate', small, '--format', 'json', '--output', path.join(dir, 'piped.json'), '--as-of', '2026-06-30'], {env: {LIUSHOU_PROGRESS_AFTER_MS: '0', CI: ''}})
    expect(r.code).toBe(0)
    // Only the line that says what was written.
    expect(r.stderr).toMatch(/^liushou: written to .*piped\.json, 0 errors, 0 warnings\n$/)
  })

  it('never appears under CI', () => {
    const {screen} = inTerminal(['validate', small, '--format', 'json', '--output', path.join(dir, 'ci.json'), '--as-of', '2026-06-30'], {CI: 'true'})
    expect(screen).not.toContain('liushou: reading')
    expect(screen).toContain('liushou: written to ')
    expect(screen).not.toContain(CLEAR)
  })

  it('never appears when the JSON report goes to stdout', () => {
    const {screen} = inTerminal(['validate', small, '--json', '--as-of', '2026-06-30'])
    expect(screen).not.toContain('liushou: reading')
    expect(screen).not.toContain(CLEAR)
    expect(screen).toContain('"tool": "liushou"')
  })
})
