// `liushou diff` on tokenized snapshots reads them through the one roster loader, as dedupe and
// crosscheck do: a tokenized roster against itself is no change (it used to report every child
// as an unexplained exit and a new entry), and a child gone from the new snapshot is an exit.
import iconv from 'iconv-lite'
import {readFileSync, rmSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {Report} from '../../src/findings/model.js'
import {ROOT, runCli, tempDir, writeTemp} from '../helpers/cli.js'
import {reportSchemaErrors} from '../helpers/report-schema.js'

const dir = tempDir('liushou-tokenized-diff-')
const key = path.join(dir, 'shared.key')
let whole = ''
let fewer = ''

beforeAll(() => {
  expect(runCli(['tokenize', '--generate-key', key]).code).toBe(0)
  // The sample roster, and the same roster without two children (a title row, then the header).
  const text = iconv.decode(readFileSync(path.join(ROOT, 'samples/civil-affairs.csv')), 'gb18030')
  const lines = text.split(/\r?\n/)
  const shorter = writeTemp(dir, 'shorter.csv', [...lines.slice(0, 2), ...lines.slice(4)].join('\n'))
  whole = path.join(dir, 'whole-tk.csv')
  fewer = path.join(dir, 'fewer-tk.csv')
  for (const [input, output] of [
    [path.join(ROOT, 'samples/civil-affairs.csv'), whole],
    [shorter, fewer],
  ] as const) {
    // Exit 1: the sample roster has errors of its own (tokenize reports what it could not read).
    const r = runCli(['tokenize', input, '--key', key, '--output', output, '--as-of', '2026-09-01'])
    expect([0, 1], r.stderr).toContain(r.code)
  }
}, 120_000)

afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('diff of tokenized snapshots', () => {
  it('finds no change between a tokenized roster and itself', () => {
    const r = runCli(['diff', whole, whole, '--json', '--as-of', '2026-09-01'])
    expect(r.code, r.stderr).toBe(0)
    const report = JSON.parse(r.stdout) as Report
    expect(reportSchemaErrors(report)).toEqual([])
    expect(report.summary.findings).toBe(0)
  })

  it('reports the two children gone as exits, on the old snapshot, and nothing else', () => {
    const r = runCli(['diff', whole, fewer, '--json', '--as-of', '2026-09-01'])
    const report = JSON.parse(r.stdout) as Report
    const exits = report.findings.filter((f) => f.code.startsWith('DIFF_EXIT'))
    expect(exits.map((f) => f.row)).toEqual([3, 4])
    expect(report.findings.filter((f) => f.code === 'DIFF_ENTERED')).toEqual([])
  })
})
