import {spawn} from 'node:child_process'
import {existsSync, readFileSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {registeredTemporaries, removeTemporaries} from '../../../src/cleanup.js'
import {checkDigit} from '../../../src/cn/id-number.js'
import {assembleReport} from '../../../src/findings/assemble.js'
import {FindingCollector, type FindingInput} from '../../../src/findings/collector.js'
import {findingsOf, releaseFindings} from '../../../src/findings/report-findings.js'
import {formatCsv} from '../../../src/report/formatters/csv.js'
import {formatJson} from '../../../src/report/formatters/json.js'
import {formatJunit} from '../../../src/report/formatters/junit.js'
import {maskReport} from '../../../src/findings/mask.js'
import type {InputInfo, Report} from '../../../src/findings/model.js'
import {liveSpillDirs} from '../../../src/findings/spill-dir.js'
import {SpillStore} from '../../../src/findings/spill-store.js'
import {ROOT} from '../../helpers/cli.js'

const id = (first17: string) => first17 + checkDigit(first17)
const IDS = Array.from({length: 40}, (_, i) => id(`4301212015030${String(4000 + i).padStart(4, '0')}`))

const INPUTS: InputInfo[] = [
  {dataset: 'a', file: 'a.csv', format: 'csv', rows: 30},
  {dataset: 'b', file: 'b.csv', format: 'csv', rows: 30},
]

/** Findings as rules emit them: row by row over two files, then duplicates after every row (late, out of row order). */
function emit(collector: FindingCollector): void {
  for (const dataset of ['b', 'a']) {
    for (let row = 2; row < 32; row++) {
      const ref = {dataset, file: `${dataset}.csv`, row}
      if (row % 3 === 0) collector.add({code: 'ID_CHECKSUM', ref, field: 'idNumber', column: '身份证号', value: IDS[row]!})
      if (row % 4 === 0) collector.add({code: 'PHONE_INVALID', ref, field: 'guardianPhone', value: `1381234${String(row).padStart(4, '0')}`})
      if (row % 5 === 0) collector.add({code: 'NAME_INVALID', ref, field: 'name', value: '张子涵'})
    }
  }
  for (const row of [29, 3, 17, 3]) {
    const input: FindingInput = {
      code: 'ID_DUPLICATE',
      ref: {dataset: 'a', file: 'a.csv', row},
      field: 'idNumber',
      value: IDS[1]!,
      params: {count: 4, listed: 50},
      related: [{dataset: 'a', file: 'a.csv', row: 5, field: 'idNumber', value: IDS[1]!}],
    }
    collector.add(input)
  }
}

function report(limits?: {maxItems: number}): Report {
  const collector = new FindingCollector({lang: 'zh', includeInfo: true, ...(limits ? {spill: limits} : {})})
  emit(collector)
  return assembleReport({command: 'validate', asOf: '2026-06-30', inputs: INPUTS, collector, rows: 60})
}

/** Text of everything under the spill folders created since `before`. */
function spilledText(before: string[]): {dirs: string[]; text: string; modes: number[]} {
  const dirs = liveSpillDirs().filter((d) => !before.includes(d))
  const files = dirs.flatMap((d) => readdirSync(d).map((f) => path.join(d, f)))
  return {dirs, text: files.map((f) => readFileSync(f, 'latin1')).join(''), modes: files.map((f) => statSync(f).mode & 0o777)}
}

const withoutTime = (r: Report) => ({...r, generatedAt: ''})

describe('spilling findings to disk', () => {
  it('merges spilled runs back in report order: input order, then row, then emission', () => {
    const before = liveSpillDirs()
    const spilled = report({maxItems: 4})
    const {dirs, modes} = spilledText(before)
    expect(dirs).toHaveLength(1)
    expect(modes.length).toBeGreaterThan(5)
    expect(modes.every((m) => m === 0o600)).toBe(true)
    expect(statSync(dirs[0]!).mode & 0o777).toBe(0o700)

    const inMemory = report()
    const listed = [...findingsOf(spilled)]
    expect(listed).toEqual(inMemory.findings)
    // Input order (a before b, though b was read first), rows ascending, ties in emission order.
    expect(listed.map((f) => `${f.dataset}:${f.row}`).slice(0, 4)).toEqual(['a:3', 'a:3', 'a:3', 'a:4'])
    expect(listed.filter((f) => f.dataset === 'a' && f.row === 3).map((f) => f.code)).toEqual(['ID_CHECKSUM', 'ID_DUPLICATE', 'ID_DUPLICATE'])
    // Read twice, the same.
    expect([...findingsOf(spilled)]).toEqual(listed)
    releaseFindings(spilled)
    expect(existsSync(dirs[0]!)).toBe(false)
  })

  it('keeps no ID number, phone or name in clear on disk, whatever the mask', () => {
    const before = liveSpillDirs()
    const spilled = report({maxItems: 4})
    const {text} = spilledText(before)
    expect(text.length).toBeGreaterThan(1000)
    for (const secret of [IDS[3]!, IDS[1]!, '13812340004', '张子涵', 'ID_CHECKSUM']) {
      expect(text.includes(secret) || text.includes(Buffer.from(secret).toString('latin1'))).toBe(false)
    }
    releaseFindings(spilled)
  })

  it('renders json, csv and junit from the spilled runs exactly as from memory, masked, without building the array', () => {
    for (const mask of ['ids', 'all', 'none'] as const) {
      const before = liveSpillDirs()
      const spilled = report({maxItems: 3})
      const [dir] = spilledText(before).dirs
      const inMemory = report()
      inMemory.generatedAt = spilled.generatedAt
      const a = maskReport(spilled, mask)
      const b = maskReport(inMemory, mask)
      expect(formatJson(a)).toBe(formatJson(b))
      expect(formatCsv(a, 'zh')).toBe(formatCsv(b, 'zh'))
      expect(formatJunit(a, {lang: 'zh'})).toBe(formatJunit(b, {lang: 'zh'}))
      // Reading report.findings would have built the array and freed the runs: they are still there.
      expect(existsSync(dir!)).toBe(true)
      if (mask !== 'none') expect(formatJson(a)).not.toContain(IDS[3]!)
      if (mask === 'all') expect(formatCsv(a, 'zh')).toContain('张*涵')
      releaseFindings(spilled)
      expect(existsSync(dir!)).toBe(false)
    }
  })

  it('still gives library users an array: report.findings builds it once and frees the runs', () => {
    const before = liveSpillDirs()
    const spilled = report({maxItems: 5})
    const [dir] = spilledText(before).dirs
    const inMemory = report()
    expect(Array.isArray(spilled.findings)).toBe(true)
    expect(existsSync(dir!)).toBe(false)
    expect(withoutTime(spilled)).toEqual(withoutTime(inMemory))
    expect(JSON.parse(JSON.stringify(spilled)).findings).toEqual(inMemory.findings)
    expect(Object.keys(spilled)).toEqual(['tool', 'version', 'command', 'asOf', 'generatedAt', 'inputs', 'summary', 'findings'])
    spilled.findings = spilled.findings.slice(0, 2)
    expect(findingsOf(spilled)).toHaveLength(2)
  })

  it('sorts any items by group, position and insertion, a group at a time too', () => {
    const store = new SpillStore<{g: string; p: number; v: string}>({group: (x) => x.g, position: (x) => x.p, bytes: () => 100}, {maxItems: 7})
    const items = Array.from({length: 100}, (_, i) => ({g: ['x', 'y', 'z'][(i * 7) % 3]!, p: (i * 37) % 11, v: `#${i}`}))
    for (const item of items) store.add(item)
    expect(store.spilledRuns).toBe(14)
    const rank = {z: 0, x: 1, y: 2}
    const expected = items
      .map((item, i) => ({item, i}))
      .sort((a, b) => rank[a.item.g as 'x'] - rank[b.item.g as 'x'] || a.item.p - b.item.p || a.i - b.i)
      .map(({item}) => item)
    expect([...store.iterate(['z', 'x', 'y'])]).toEqual(expected)
    expect([...store.iterateGroup('y')]).toEqual(expected.filter((x) => x.g === 'y'))
    store.release()
    expect(() => [...store.iterate([])]).toThrow(/released/)
  })

  it('registers its folder as temporary: removed by the cleanup registry, and at exit', async () => {
    const store = new SpillStore<number>({group: () => 'g', position: (x) => x, bytes: () => 1}, {maxItems: 2})
    for (let i = 0; i < 10; i++) store.add(i)
    const [dir] = liveSpillDirs()
    expect(dir).toBeDefined()
    expect(registeredTemporaries()).toContain(dir)
    removeTemporaries()
    expect(existsSync(dir!)).toBe(false)
    store.release()

    // A child process that spills and exits without releasing: the folder goes with it.
    const script = `
      import {SpillStore} from ${JSON.stringify(path.join(ROOT, 'dist/src/findings/spill-store.js'))}
      import {liveSpillDirs} from ${JSON.stringify(path.join(ROOT, 'dist/src/findings/spill-dir.js'))}
      const store = new SpillStore({group: () => 'g', position: (x) => x, bytes: () => 1}, {maxItems: 2})
      for (let i = 0; i < 10; i++) store.add(i)
      console.log(liveSpillDirs()[0])
    `
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {stdio: ['ignore', 'pipe', 'inherit']})
    let printed = ''
    child.stdout.on('data', (d: Buffer) => (printed += d.toString()))
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(code).toBe(0)
    expect(printed.trim()).toMatch(/liushou-findings-/)
    expect(existsSync(printed.trim())).toBe(false)
  })
})
