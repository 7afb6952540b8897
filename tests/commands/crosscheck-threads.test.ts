import {chmodSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {ROOT, runCli, tempDir, writeTemp} from '../helpers/cli.js'

// crosscheck on two cores (the other lists' second pass read by a worker while the main thread
// links: src/crosscheck/other-lists.ts) and on one (LIUSHOU_XC_THREAD=main): the same report,
// byte for byte but for the time it was written.

const ONE_THREAD = {LIUSHOU_XC_THREAD: 'main', LIUSHOU_XLSX_THREAD: 'main'}

function bothWays(args: string[], dir: string): {threads: string; one: string} {
  const out = (name: string) => path.join(dir, name)
  const run = (output: string, env: Record<string, string>) => {
    const r = runCli(['crosscheck', ...args, '--json', '--mask', 'none', '--include-info', '--output', output], {env})
    expect([0, 1], r.stderr).toContain(r.code)
    // The report's time of writing is the one line allowed to differ.
    return readFileSync(output, 'utf8').replace(/"generatedAt": "[^"]*"/, '"generatedAt": ""')
  }
  return {threads: run(out('threads.json'), {}), one: run(out('one.json'), ONE_THREAD)}
}

describe('crosscheck on two cores and on one', () => {
  it('gives the same report on a generated population (many batches, ragged rows, GB18030)', async () => {
    const dir = tempDir()
    const {generateCrosscheck} = (await import(path.join(ROOT, 'bench/crosscheck-data.js'))) as {generateCrosscheck: (dir: string, o: Record<string, number | string>) => Promise<unknown>}
    await generateCrosscheck(dir, {civil: 2500, education: 3750, publicSecurity: 5000, seed: 7})
    const lists = ['civil-affairs', 'education', 'public-security'].map((d) => `${d}=${path.join(dir, `${d}.csv`)}`)
    const {threads, one} = bothWays([...lists, '--as-of', '2026-06-30'], dir)
    const report = JSON.parse(threads) as {summary: {findings: number; byCode: Record<string, number>}; links: unknown[]}
    // Every code the other lists decide: deaths (public security), the unlisted (left-behind flags), conflicts.
    expect(Object.keys(report.summary.byCode)).toEqual(expect.arrayContaining(['XC_DECEASED', 'XC_UNLISTED', 'XC_FIELD_CONFLICT', 'XC_MOVED_OUT']))
    expect(report.links.length).toBeGreaterThan(2000)
    expect(threads).toBe(one)
    // The primary list last in the configuration: the worker takes the first two.
    const again = bothWays([...lists.reverse(), '--primary', 'civil-affairs', '--as-of', '2026-06-30'], dir)
    expect(again.threads).toBe(again.one)
    // Education given as two files (a department in several files): the worker reads them one after the other.
    const lines = readFileSync(path.join(dir, 'education.csv'), 'latin1').split('\r\n').filter((l) => l !== '')
    const half = Math.ceil(lines.length / 2)
    writeFileSync(path.join(dir, 'edu-1.csv'), lines.slice(0, half).join('\r\n') + '\r\n', 'latin1')
    writeFileSync(path.join(dir, 'edu-2.csv'), [lines[0], ...lines.slice(half)].join('\r\n') + '\r\n', 'latin1')
    const split = [lists.find((l) => l.startsWith('civil-affairs='))!, `education=${path.join(dir, 'edu-1.csv')}`, `education=${path.join(dir, 'edu-2.csv')}`, lists.find((l) => l.startsWith('public-security='))!]
    const twoFiles = bothWays([...split, '--as-of', '2026-06-30'], dir)
    expect(twoFiles.threads).toBe(twoFiles.one)
    expect((JSON.parse(twoFiles.threads) as {summary: {findings: number}}).summary.findings).toBe(report.summary.findings)
    // The primary list given as two files (its title line and header in each): the worker reads it last, file after file.
    const civil = readFileSync(path.join(dir, 'civil-affairs.csv'), 'latin1').split('\r\n').filter((l) => l !== '')
    const middle = 2 + Math.ceil((civil.length - 2) / 2)
    writeFileSync(path.join(dir, 'civil-1.csv'), civil.slice(0, middle).join('\r\n') + '\r\n', 'latin1')
    writeFileSync(path.join(dir, 'civil-2.csv'), [...civil.slice(0, 2), ...civil.slice(middle)].join('\r\n') + '\r\n', 'latin1')
    const primaryTwice = [`civil-affairs=${path.join(dir, 'civil-1.csv')}`, `civil-affairs=${path.join(dir, 'civil-2.csv')}`, ...split.slice(1)]
    const primaryTwoFiles = bothWays([...primaryTwice, '--as-of', '2026-06-30'], dir)
    expect(primaryTwoFiles.threads).toBe(primaryTwoFiles.one)
    expect((JSON.parse(primaryTwoFiles.threads) as {summary: {findings: number}}).summary.findings).toBe(report.summary.findings)
  }, 240_000)

  it('gives the same report on the samples (the education list a workbook) and on tokenized lists', () => {
    const dir = tempDir()
    const samples = ['civil-affairs=samples/civil-affairs.csv', 'education=samples/education.xlsx', 'public-security=samples/public-security.csv']
    const plain = bothWays([...samples, '--as-of', '2026-06-30'], dir)
    expect(JSON.parse(plain.threads).summary.findings).toBeGreaterThan(10)
    expect(plain.threads).toBe(plain.one)

    const key = writeTemp(dir, 'shared.key', '6f1d2c9a8b7e4f3051a2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718\n')
    chmodSync(key, 0o600)
    const tokenized = samples.map((s) => {
      const [dept, file] = s.split('=') as [string, string]
      const output = path.join(dir, `tok-${dept}.csv`)
      const r = runCli(['tokenize', file, '--key', key, '--output', output, '--json'])
      expect([0, 1], r.stderr).toContain(r.code)
      return `${dept}=${output}`
    })
    const tokens = bothWays([...tokenized, '--as-of', '2026-06-30'], dir)
    expect(JSON.parse(tokens.threads).summary.findings).toBeGreaterThan(10)
    expect(tokens.threads).toBe(tokens.one)
  }, 240_000)
})
