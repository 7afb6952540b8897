import {spawnSync} from 'node:child_process'
import {describe, expect, it} from 'vitest'

import {BIN, ROOT} from '../helpers/cli.js'

// A status of 1 ends the process through process.exit, which drops what Node still holds for a
// pipe its reader has not emptied: a reader that takes the pipe slowly (a loaded CI machine) got
// the findings and lost the end of the JSON — 8 runs of 30 under load before the fix.

// Reads stdin a kilobyte at a time with a pause after each read, so that the pipe is nearly full
// whenever liushou writes; then hands on everything it read at once.
const SLOW_READER = `
const fs = require('node:fs')
const parts = []
const block = Buffer.alloc(1024)
const pause = new Int32Array(new SharedArrayBuffer(4))
for (;;) {
  let n = 0
  try { n = fs.readSync(0, block, 0, block.length, null) } catch (e) { if (e.code === 'EAGAIN') { Atomics.wait(pause, 0, 0, 1); continue } throw e }
  if (n === 0) break
  parts.push(Buffer.from(block.subarray(0, n)))
  Atomics.wait(pause, 0, 0, 1)
}
process.stdout.write(Buffer.concat(parts))
`

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`

describe('stdout read slowly through a pipe', () => {
  it('gets the whole JSON report when the findings make the status 1', () => {
    const samples = ['civil-affairs.csv', 'civil-affairs-supplement.csv', 'public-security.csv'].map((f) => `samples/${f}`)
    const liushou = [process.execPath, BIN, 'validate', ...samples, '--as-of', '2026-09-01', '--json', '--include-info', '--mask', 'none'].map(quote).join(' ')
    const script = `${liushou} | ${quote(process.execPath)} -e "$SLOW_READER"; echo "status=\${PIPESTATUS[0]}" >&2`
    for (let run = 0; run < 3; run++) {
      const r = spawnSync('bash', ['-c', script], {cwd: ROOT, env: {...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', SLOW_READER}, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000})
      expect(r.stderr).toContain('status=1')
      // More than the pipe holds (64 KB): the last chunks wait for the reader.
      expect(r.stdout.length).toBeGreaterThan(150_000)
      const report = JSON.parse(r.stdout) as {summary: {errors: number}}
      expect(report.summary.errors).toBeGreaterThan(0)
    }
  }, 300_000)
})
