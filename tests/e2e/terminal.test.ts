import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {textWidth} from '../../src/report/text-grid.js'
import {BIN, ROOT, runCli, tempDir} from '../helpers/cli.js'

// The table as a county officer sees it (issue 20, items 3 and 9): a 6,000-row roster from
// `liushou sample`, a Chinese locale, a pseudo-terminal of 80 and 120 columns (`script`, as in
// progress.test.ts). Every line fits the terminal, the counts come first and last, at most 50
// findings are listed, no ID number is split; a closed pipe ends the output quietly.

const SCRIPT = ['/usr/bin/script', '/bin/script'].find((p) => existsSync(p))
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`

/** Runs the CLI in a pseudo-terminal `columns` wide; returns what the terminal showed and the exit status. */
function inTerminal(args: string[], columns: number): {code: number; screen: string} {
  const command = `stty cols ${columns} rows 50; ${[process.execPath, BIN, ...args].map(quote).join(' ')}`
  const r = spawnSync(SCRIPT!, ['-qec', command, '/dev/null'], {
    cwd: ROOT,
    // Progress stays away (it would draw after 2 s on a loaded machine): this test looks at the table.
    env: {...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '', LIUSHOU_PROGRESS_AFTER_MS: '3600000'},
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
  })
  return {code: r.status ?? -1, screen: (r.stdout + r.stderr).replace(/\r/g, '')}
}

const FINGERPRINT = /\b[0-9a-f]{16}\b/
// 18- and 15-digit IDs as masked (phones keep at most four stars: 138****5678).
const MASKED_ID = /\d{6}\*{5,8}[\dX]{4}/g

describe.skipIf(!SCRIPT)('the table on a terminal, as a county officer sees it', () => {
  let roster: string

  beforeAll(() => {
    const dir = tempDir()
    const r = runCli(['sample', '--children', '10500', '--seed', '3', '--as-of', '2026-09-01', '--output', path.join(dir, 's')])
    expect(r.code).toBe(0)
    roster = path.join(dir, 's', 'civil-affairs.csv')
  }, 180_000)

  for (const columns of [80, 120]) {
    it(`fits ${columns} columns: counts first, at most 50 findings, the counts again last, IDs whole`, () => {
      const {code, screen} = inTerminal(['validate', roster, '--as-of', '2026-09-01'], columns)
      expect(code).toBe(1)
      const lines = screen.replace(/\n$/, '').split('\n')
      for (const line of lines) expect(textWidth(line), line).toBeLessThanOrEqual(columns)
      expect(lines[0]).toMatch(/^输入：.*civil-affairs\.csv.*— \d{4} 行$/)
      expect(lines[1]).toMatch(/^汇总：\d+ 行，\d+ 个错误，\d+ 个警告，\d+ 条提示$/)
      // One fingerprint per listed finding.
      const listed = lines.filter((l) => FINGERPRINT.test(l)).length
      expect(listed).toBe(50)
      const tail = lines.slice(-3).join('\n')
      expect(tail).toContain(lines[1]!)
      expect(tail).toMatch(/未列出 \d+ 条：--limit 0 全部列出；--format xlsx --output 报告\.xlsx 全部保存/)
      // Every masked ID on the screen is whole: the ID cells never wrap.
      const starred = lines.filter((l) => /\d{6}\*/.test(l)).length
      expect(lines.reduce((n, l) => n + (l.match(MASKED_ID)?.length ?? 0), 0)).toBe(starred)
      expect(starred).toBeGreaterThan(10)
      // The child is named.
      expect(screen).toMatch(/[\u4e00-\u9fff]{2,3} · [\u4e00-\u9fff]{2,}村/)
    }, 180_000)
  }

  it('--limit 0 lists every finding; --limit 5 five', () => {
    const five = inTerminal(['validate', roster, '--as-of', '2026-09-01', '--limit', '5'], 100)
    expect(five.screen.split('\n').filter((l) => FINGERPRINT.test(l)).length).toBe(5)
    const all = inTerminal(['validate', roster, '--as-of', '2026-09-01', '--limit', '0'], 100)
    const json = JSON.parse(runCli(['validate', roster, '--as-of', '2026-09-01', '--json']).stdout) as {findings: unknown[]}
    expect(all.screen.split('\n').filter((l) => FINGERPRINT.test(l)).length).toBe(json.findings.length)
    expect(all.screen).toContain('列出全部')
  }, 180_000)

  it('a closed pipe (| head -3) ends the output quietly; the exit status is still the findings\'', () => {
    for (const format of ['table', 'json', 'csv']) {
      const script = `${[process.execPath, BIN, 'validate', roster, '--as-of', '2026-09-01', '--format', format].map(quote).join(' ')} | head -3 >/dev/null; echo "status=\${PIPESTATUS[0]}"`
      const r = spawnSync('bash', ['-c', script], {cwd: ROOT, env: {...process.env, LANG: 'en_US.UTF-8', LC_ALL: ''}, encoding: 'utf8', timeout: 120_000})
      expect(r.stdout.trim(), format).toBe('status=1')
      expect(r.stderr, format).toBe('')
    }
  }, 180_000)
})
