import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../../src/cn/id-number.js'
import {IdRowSet, NEW_ID, REPEAT} from '../../../src/rules/id-set.js'
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

  it('says whether a number is new, its first repeat (giving the first row) or a later one', () => {
    const set = new IdRowSet()
    const x = id('11010120150304002')
    expect(set.add(x, 5)).toBe(NEW_ID)
    expect(set.add(id('43012120150000000'), 7)).toBe(NEW_ID)
    expect(set.add(x, 9)).toBe(5)
    expect(set.add(x, 11)).toBe(REPEAT)
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

describe('ID_DUPLICATE names from the rows kept', () => {
  // A roster of 2,000 rows through a validator whose recent names hold only 256 rows.
  async function run(repeats: [number, number][]) {
    const {FindingCollector} = await import('../../../src/findings/collector.js')
    const {openRoster} = await import('../../../src/schema/roster.js')
    const {RosterValidator} = await import('../../../src/rules/validate.js')
    const {RecentNames} = await import('../../../src/rules/recent-names.js')
    const idOf = (n: number) => id(`4301212015${String(n).padStart(7, '0')}`)
    const same = new Map(repeats.map(([first, again]) => [again, first]))
    const lines = ['姓名,身份证号,乡镇,村']
    for (let n = 1; n <= 2000; n++) lines.push(`王${n},${idOf(same.get(n) ?? n)},舜陵镇,村${n % 9}`)
    const file = writeTemp(tempDir('liushou-dup-names-'), 'r.csv', lines.join('\n') + '\n')
    let readAgain = 0
    const collector = new FindingCollector({lang: 'en', includeInfo: false})
    const roster = await openRoster(file)
    const options = {asOf: '2026-06-30', lang: 'en', ageLimit: 16} as const
    const validator = new RosterValidator(roster, options, collector, undefined, async () => (readAgain++, (await openRoster(file)).rows), new RecentNames(256))
    for await (const row of roster.rows) validator.row(row)
    await validator.finish()
    const dups = collector.findings([roster.dataset]).filter((f) => f.code === 'ID_DUPLICATE')
    return {readAgain, names: dups.map((f) => [f.row - 1, f.name, f.village])}
  }

  it('names both rows of a repeat seen while its first row was recent, long after, without reading the file again', async () => {
    const {readAgain, names} = await run([[10, 30]])
    expect(names).toEqual([
      [10, '王10', '村1'],
      [30, '王30', '村3'],
    ])
    expect(readAgain).toBe(0)
  })

  it('reads the file again for a first row gone from the recent rows before its repeat', async () => {
    const {readAgain, names} = await run([[10, 30], [20, 1900]])
    expect(names).toEqual([
      [10, '王10', '村1'],
      [20, '王20', '村2'],
      [30, '王30', '村3'],
      [1900, '王1900', '村1'],
    ])
    expect(readAgain).toBe(1)
  })
})
