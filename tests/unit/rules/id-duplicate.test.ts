import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../../src/cn/id-number.js'
import {IdRowSet} from '../../../src/rules/id-set.js'
import {MAX_RELATED, validateFiles} from '../../../src/rules/validate.js'
import {tempDir, writeTemp} from '../../helpers/cli.js'

const id = (first17: string) => first17 + checkDigit(first17)

describe('IdRowSet', () => {
  it('finds repeated IDs with all their rows, across table growth', () => {
    const set = new IdRowSet()
    for (let i = 0; i < 100_000; i++) set.add(id(`4301212015${String(i).padStart(7, '0')}`), i + 2)
    const x = id('11010120150304002')
    set.add(x, 5)
    set.add(id('43012120150000000'), 7)
    set.add(x, 9)
    set.add(x, 11)
    const dups = [...set.duplicates()]
    expect(dups).toEqual([
      [id('43012120150000000'), [2, 7]],
      [x, [5, 9, 11]],
    ])
  })

  it('keeps thousands of repeated IDs apart, in the order of their first repeat, X check values included', () => {
    const set = new IdRowSet()
    const ids = Array.from({length: 3000}, (_, i) => id(`1101012015${String(i).padStart(7, '0')}`))
    ids.forEach((x, i) => set.add(x, 2 + i))
    // Repeat them in reverse order, the first of each twice more.
    for (let i = ids.length - 1; i >= 0; i--) set.add(ids[i]!, 10_000 + i)
    set.add(ids[0]!, 20_000)
    const dups = [...set.duplicates()]
    expect(dups).toHaveLength(3000)
    expect(dups[0]).toEqual([ids[2999], [3001, 12_999]])
    expect(dups.at(-1)).toEqual([ids[0], [2, 10_000, 20_000]])
    expect(dups.map(([x]) => x).filter((x) => x.endsWith('X')).length).toBe(ids.filter((x) => x.endsWith('X')).length)
    expect(new Set(dups.map(([x]) => x))).toEqual(new Set(ids))
  })

  it('tells X from 0 in the check position', () => {
    const set = new IdRowSet()
    set.add('11010120150304002X', 2)
    set.add('110101201503040020', 3)
    expect([...set.duplicates()]).toEqual([])
  })
})

describe('ID_DUPLICATE', () => {
  it('puts a finding on every row, counts them, and names at most MAX_RELATED others', async () => {
    const child = id('43012120150304002')
    const rows = Array.from({length: 120}, (_, i) => `李小红${i},${child}`)
    const file = writeTemp(tempDir(), 'r.csv', ['姓名,身份证号,性别', ...rows.map((r) => `${r},女`)].join('\n'))
    const report = await validateFiles([{file}], {asOf: '2026-06-30', lang: 'en', mask: 'ids', includeInfo: false, failOn: 'error', ageLimit: 16})
    const dups = report.findings.filter((f) => f.code === 'ID_DUPLICATE')
    expect(dups).toHaveLength(120)
    expect(dups[0]?.message).toContain('120 rows')
    expect(dups.every((f) => (f.related?.length ?? 0) === MAX_RELATED)).toBe(true)
    expect(dups[0]?.related?.some((r) => r.row === dups[0]?.row)).toBe(false)
  })
})
