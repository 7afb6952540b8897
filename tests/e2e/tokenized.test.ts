import {readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import type {Report} from '../../src/findings/model.js'
import {type CliResult, ROOT, runCli, tempDir} from '../helpers/cli.js'
import {reportSchemaErrors} from '../helpers/report-schema.js'

// The privacy-preserving exchange end to end on the bundled samples: one key generated, the three
// department lists tokenized with it (as scripts/demo.js names them), then crosscheck and dedupe
// on the plain lists and on the tokenized ones. Tokens cannot show everything the plain values do
// (docs/tokenize.md), so the tokenized runs must find at least 98% of what the plain runs find:
//
//   recall = |pairs of the plain run also in the tokenized run| / |pairs of the plain run|
//
// where a crosscheck pair is two members of one link from different datasets, and a dedupe pair
// two members of one match cluster (rows are comparable: row N of a tokenized file is row N of
// its roster). Pairs only the tokenized run finds are counted too, and must stay as rare.

const SAMPLES = path.join(ROOT, 'samples')
const LISTS = {'civil-affairs': 'civil-affairs.csv', education: 'education.xlsx', 'public-security': 'public-security.csv'}
const AS_OF = '2026-09-01'
const MIN_RECALL = 0.98

const dir = tempDir('liushou-tokenized-')
const runs: CliResult[] = []
function run(args: string[]): CliResult {
  const r = runCli(args, {cwd: dir})
  runs.push(r)
  return r
}

const keyFile = path.join(dir, 'county.key')
run(['tokenize', '--generate-key', keyFile])
const tokenized: Record<string, string> = {}
for (const [department, file] of Object.entries(LISTS)) {
  tokenized[department] = path.join(dir, `tok-${file}`)
  run(['tokenize', path.join(SAMPLES, file), '--key', keyFile, '--output', tokenized[department], '--as-of', AS_OF, '--json'])
}
const plainArgs = Object.entries(LISTS).map(([d, f]) => `${d}=${path.join(SAMPLES, f)}`)
const tokenArgs = Object.keys(LISTS).map((d) => `${d}=${tokenized[d]}`)

function report(args: string[]): Report {
  const r = run([...args, '--as-of', AS_OF, '--json'])
  expect([0, 1], r.stderr).toContain(r.code)
  return JSON.parse(r.stdout) as Report
}

type Member = {dataset: string; row: number}
function pairsOf(groups: Member[][], acrossOnly: boolean): Set<string> {
  const out = new Set<string>()
  for (const members of groups) {
    for (const a of members) {
      for (const b of members) {
        const x = `${a.dataset}:${a.row}`
        const y = `${b.dataset}:${b.row}`
        if (x < y && (!acrossOnly || a.dataset !== b.dataset)) out.add(`${x}|${y}`)
      }
    }
  }
  return out
}

function compare(plain: Set<string>, tokens: Set<string>): {recall: number; extra: number} {
  let found = 0
  for (const p of plain) if (tokens.has(p)) found++
  let extra = 0
  for (const t of tokens) if (!plain.has(t)) extra++
  return {recall: found / plain.size, extra: extra / plain.size}
}

describe('crosscheck and dedupe on the tokenized samples', () => {
  it('crosscheck links at least 98% of the plain run’s pairs across lists', () => {
    const plain = report(['crosscheck', ...plainArgs])
    const tokens = report(['crosscheck', ...tokenArgs])
    expect(reportSchemaErrors(tokens)).toEqual([])
    const p = pairsOf((plain.links ?? []).map((l) => l.members), true)
    const t = pairsOf((tokens.links ?? []).map((l) => l.members), true)
    expect(p.size).toBeGreaterThan(300)
    const {recall, extra} = compare(p, t)
    expect(recall).toBeGreaterThanOrEqual(MIN_RECALL)
    expect(extra).toBeLessThanOrEqual(1 - MIN_RECALL)
  })

  it('dedupe finds at least 98% of the plain run’s match pairs', () => {
    const plain = report(['dedupe', ...plainArgs])
    const tokens = report(['dedupe', ...tokenArgs])
    expect(reportSchemaErrors(tokens)).toEqual([])
    const matches = (r: Report): Member[][] => (r.clusters ?? []).filter((c) => c.decision === 'match').map((c) => c.members)
    const p = pairsOf(matches(plain), false)
    const t = pairsOf(matches(tokens), false)
    expect(p.size).toBeGreaterThan(300)
    const {recall, extra} = compare(p, t)
    expect(recall).toBeGreaterThanOrEqual(MIN_RECALL)
    expect(extra).toBeLessThanOrEqual(1 - MIN_RECALL)
  })

  it('never writes the key: not in any output, message or file', () => {
    const hex = readFileSync(keyFile, 'utf8')
      .split('\n')
      .find((l) => /^[0-9a-f]{64}$/i.test(l.trim()))!
      .trim()
    const bytes = Buffer.from(hex, 'hex')
    const forms = [hex, hex.toUpperCase(), bytes.toString('base64'), bytes.toString('base64url'), hex.slice(0, 32), hex.slice(32)]
    expect(runs.length).toBeGreaterThanOrEqual(8)
    const texts = runs.flatMap((r) => [r.stdout, r.stderr])
    for (const f of readdirSync(dir)) if (path.join(dir, f) !== keyFile) texts.push(readFileSync(path.join(dir, f)).toString('latin1'))
    for (const text of texts) for (const form of forms) expect(text).not.toContain(form)
  })
})
