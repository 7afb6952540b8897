import {existsSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../../src/cn/id-number.js'
import type {Report} from '../../../src/findings/model.js'
import {type CheckerFor, type Checked, startChecker} from '../../../src/rules/parallel-feed.js'
import {packRows, unpackRows} from '../../../src/rules/row-batches.js'
import {RowChecker} from '../../../src/rules/row-checks.js'
import type {RosterRow} from '../../../src/schema/roster.js'
import {DATED_CODES} from '../../../src/rules/dated.js'
import {validateFiles} from '../../../src/rules/validate.js'
import {ROOT, tempDir} from '../../helpers/cli.js'

// validate on two threads (src/rules/parallel-feed.ts) gives the report one thread gives, byte
// for byte: the batches' results are taken in the rows' order wherever they were checked.

const options = {asOf: '2026-06-30', lang: 'zh', mask: 'none', includeInfo: true, failOn: 'error', ageLimit: 16} as const
const id = (first17: string) => first17 + checkDigit(first17)

/**
 * A roster of `rows` rows (UTF-8, GB18030-free to keep it small) with what every rule family
 * reports: repeated IDs near and far apart, a malformed ID, a ragged row, an unclosed quote,
 * bad dates and codes, children of several villages.
 */
function roster(dir: string, name: string, rows: number): string {
  const lines = ['序号,姓名,性别,身份证号,出生日期,行政区划代码,就学状况,监护人姓名,监护人联系电话']
  const villages = ['430121100201', '430121100202', '430121101203', '433122104232', '430523100262']
  const two = (n: number) => String(n).padStart(2, '0')
  const idOf = (n: number) => id(`430121${2010 + (n % 15)}${two(1 + (n % 12))}${two(1 + (n % 28))}${String(n % 1000).padStart(3, '0')}`)
  const rowFor = (i: number): string[] => {
    let idNumber = idOf(i)
    // Every 113th row has a wrong check digit, every 89th an impossible birth date, and so on.
    if (i % 113 === 0) idNumber = idNumber.slice(0, 17) + (idNumber.endsWith('1') ? '2' : '1')
    const birth = i % 89 === 0 ? `${2010 + (i % 15)}-13-40` : `${2010 + (i % 15)}-${two(1 + (i % 12))}-${two(1 + (i % 28))}`
    // Row 1,234's name is too long to be kept for ID_DUPLICATE (its child comes again): read again at the end.
    const name = i === 1234 ? `王${'阿'.repeat(90_000)}` : i % 71 === 0 ? '' : `王${'子梓浩宇'[i % 4]}${'一二三四五六七八九十'[i % 10]}`
    return [String(i), name, i % 2 ? '男' : '女', idNumber, birth, villages[i % villages.length]!, i % 61 === 0 ? '念书' : '小学', '李四', i % 53 === 0 ? '1234' : '13800138000']
  }
  for (let i = 1; i <= rows; i++) {
    if (i === 2345) {
      lines.push([String(i), ...rowFor(1234).slice(1)].join(','))
      continue
    }
    // Every 17th row from the 1,101st is the child of the row 1,100 before, entered again with the
    // same faults: their findings share a fingerprint key, numbered in the rows' order.
    const row = i % 17 === 0 && i > 1100 ? [String(i), ...rowFor(i - 1100).slice(1)] : rowFor(i)
    lines.push(i % 501 === 0 ? row.slice(0, 5).join(',') : i % 777 === 0 ? `${row.join(',')},"unclosed` : row.join(','))
  }
  // The first rows' child once more at the end, far from its first row.
  lines.push(['0', '王尾', '男', idOf(5), '2015-06-06', villages[0], '小学', '李四', '13800138000'].join(','))
  const file = path.join(dir, name)
  writeFileSync(file, lines.join('\r\n') + '\r\n')
  return file
}

/** A checker on this thread that answers out of order, as a busy worker may: every third batch after the ones sent after it. */
function lateChecker(counts: {sent: number; late: number}): CheckerFor {
  return async (r, o) => {
    const checker = new RowChecker(r, o)
    const done: Checked[] = []
    let held: Checked | undefined
    return {
      send(seq, packed) {
        counts.sent++
        // Across a thread and back, as the worker's batches go.
        const result = structuredClone({seq, checked: checker.check(unpackRows(structuredClone(packed), r.dataset))})
        done.push(result)
        // Held back until a later batch has been taken: it arrives after the one sent after it.
        if (held && held.seq < seq - 1) {
          done.push(held)
          counts.late++
          held = undefined
        }
        if (seq % 3 === 0 && !held) held = done.pop()
      },
      poll: () => done.shift(),
      async next() {
        await new Promise((resolve) => setTimeout(resolve, 1))
        if (done.length === 0 && held) {
          done.push(held)
          held = undefined
        }
        const next = done.shift()
        if (!next) throw new Error('no batch at the checker')
        return next
      },
      close() {},
    }
  }
}

const text = (report: Report) => JSON.stringify({...report, generatedAt: ''})

describe('validate on two threads', () => {
  it('packs rows for the worker and back without losing a cell, a fault or a flag', () => {
    const rows: RosterRow[] = [
      {ref: {dataset: 'd', file: 'f.csv', row: 2}, cells: ['a', '', 'c']},
      {ref: {dataset: 'd', file: 'f.csv', row: 5}, cells: ['x'], ragged: 1, fault: 'unbalanced-quote'},
      {ref: {dataset: 'd', file: 'f.csv', row: 6}, cells: ['1', '430121201503040021', ''], longNumbers: [1, 2]},
      {ref: {dataset: 'd', file: 'f.csv', row: 7}, cells: []},
    ]
    expect(unpackRows(structuredClone(packRows(rows)), 'd')).toEqual(rows)
  })

  it('gives the report of one thread when the batches come back late and out of order', async () => {
    const dir = tempDir('liushou-parallel-')
    const a = roster(dir, 'a.csv', 9000)
    const b = roster(dir, 'b.csv', 4000)
    const inputs = [{files: [a, b], dataset: 'civil-affairs', department: 'civil-affairs'}]
    const one = await validateFiles(inputs, options)
    const counts = {sent: 0, late: 0}
    const two = await validateFiles(inputs, {...options, checkerFor: lateChecker(counts)})
    expect(counts.sent).toBeGreaterThan(4)
    expect(counts.late).toBeGreaterThan(1)
    const codes = Object.keys(one.summary.byCode)
    expect(codes).toEqual(expect.arrayContaining(['ID_DUPLICATE', 'ID_CHECKSUM', 'ROW_RAGGED', 'DATE_INVALID', 'REQUIRED_MISSING']))
    expect(one.breakdown?.some((e) => e.rows > 1000 && Object.keys(e.byCode).length > 3)).toBe(true)
    const again = one.findings.find((f) => f.code === 'ID_DUPLICATE' && f.file === a && f.row === 1235)
    expect(again?.name?.startsWith('王阿阿')).toBe(true)
    expect(again?.related?.map((r) => r.row)).toContain(2346)
    expect(text(two)).toBe(text(one))
  })

  const script = path.join(ROOT, 'dist/src/rules/check-worker.js')
  it.skipIf(!existsSync(script))('gives the report of one thread with the built worker checking batches', async () => {
    const dir = tempDir('liushou-parallel-')
    const a = roster(dir, 'a.csv', 12000)
    const inputs = [{file: a, dataset: 'civil-affairs', department: 'civil-affairs'}]
    const one = await validateFiles(inputs, options)
    let sent = 0
    const viaWorker: CheckerFor = async (r, o) => {
      const remote = startChecker(r, o, pathToFileURL(script))
      return {...remote, send: (seq, rows) => (sent++, remote.send(seq, rows))}
    }
    const two = await validateFiles(inputs, {...options, checkerFor: viaWorker})
    // The first two batches always go to the worker; how many more depends on the machine.
    expect(sent).toBeGreaterThanOrEqual(2)
    expect(text(two)).toBe(text(one))
    expect(one.summary.findings).toBeGreaterThan(100)
  }, 60_000)

  it.skipIf(!existsSync(script))('checks one list for the dated codes alone, in the worker too; the other list the same', async () => {
    const dir = tempDir('liushou-parallel-')
    const inputs = [
      {file: roster(dir, 'a.csv', 3000), dataset: 'civil-affairs', department: 'civil-affairs'},
      {file: roster(dir, 'b.csv', 3000), dataset: 'education', department: 'education'},
    ]
    const full = await validateFiles(inputs, options)
    const expected = full.findings.filter((f) => f.dataset !== 'education' || DATED_CODES.has(f.code))
    // Both kinds on the list checked for the dated codes alone: some kept, many left out.
    expect(expected.filter((f) => f.dataset === 'education').length).toBeGreaterThan(0)
    expect(expected.length).toBeLessThan(full.findings.length - 100)
    const viaWorker: CheckerFor = async (r, o) => startChecker(r, o, pathToFileURL(script))
    for (const checkerFor of [undefined, viaWorker]) {
      const dated = await validateFiles(inputs, {...options, datedOnly: new Set(['education']), ...(checkerFor ? {checkerFor} : {})})
      expect(JSON.stringify(dated.findings)).toBe(JSON.stringify(expected))
    }
  }, 60_000)

  it('fails with the worker’s error, and stops the worker, when a batch cannot be checked', async () => {
    const dir = tempDir('liushou-parallel-')
    const a = roster(dir, 'a.csv', 3000)
    let closed = false
    const failing: CheckerFor = async () => ({
      send() {},
      poll: () => undefined,
      next: () => Promise.reject(new Error('the checking worker ran out of memory')),
      close: () => {
        closed = true
      },
    })
    await expect(validateFiles([{file: a}], {...options, checkerFor: failing})).rejects.toThrow('ran out of memory')
    expect(closed).toBe(true)
  })
})
