import {describe, expect, it} from 'vitest'

import {KeptNames, MAX_RECENT_ROWS, Places, RecentNames} from '../../../src/rules/recent-names.js'

const name = (i: number) => `张${i}`

describe('RecentNames', () => {
  it('grows with the rows and gives back the last ones’ names and places, nothing for rows gone round', () => {
    const recent = new RecentNames()
    const n = MAX_RECENT_ROWS + 5000
    for (let i = 0; i < n; i++) recent.remember(i, name(i), i % 7)
    expect(recent.get(n - 1)).toEqual({name: name(n - 1), place: (n - 1) % 7})
    expect(recent.get(n - MAX_RECENT_ROWS)).toEqual({name: name(n - MAX_RECENT_ROWS), place: (n - MAX_RECENT_ROWS) % 7})
    expect(recent.get(n - MAX_RECENT_ROWS - 1)).toBeUndefined()
    expect(recent.get(3)).toBeUndefined()
    expect(recent.get(n + 3)).toBeUndefined()
  })

  it('keeps the first rows of a short list through its growth, and rows numbered with gaps (a list of several files)', () => {
    const recent = new RecentNames()
    const rows = [2, 3, 4, 5000, 5001, 70_000, 70_001, 300_000]
    rows.forEach((r, k) => recent.remember(r, `${name(r)}·${'阿'.repeat(k)}`, k))
    rows.forEach((r, k) => expect(recent.get(r)).toEqual({name: `${name(r)}·${'阿'.repeat(k)}`, place: k}))
  })

  it('forgets a row whose bytes the ring has gone round over, though its slot still names it', () => {
    const recent = new RecentNames()
    // 3,000 names of about 6 KB: 18 MB, past the 16 MB ring, far from its rows.
    const wide = (i: number) => `${i}`.padEnd(2000, '村')
    for (let i = 0; i < 3000; i++) recent.remember(i, wide(i), 1)
    expect(recent.get(0)).toBeUndefined()
    expect(recent.get(2999)).toEqual({name: wide(2999), place: 1})
    expect(recent.get(1000)).toEqual({name: wide(1000), place: 1})
  })

  it('keeps a name as written, and leaves a lone surrogate or a giant cell to be read again', () => {
    const recent = new RecentNames()
    recent.remember(1, ' 张\u001f三 ', 0)
    expect(recent.get(1)).toEqual({name: ' 张\u001f三 ', place: 0})
    recent.remember(2, '张\uD800', 0)
    expect(recent.get(2)).toBeUndefined()
    recent.remember(3, '村'.repeat(200_000), 0)
    expect(recent.get(3)).toBeUndefined()
    expect(recent.get(1)).toEqual({name: ' 张\u001f三 ', place: 0})
  })
})

describe('Places', () => {
  it('numbers a town and village once, whichever object carries them', () => {
    const places = new Places()
    const a = places.numberOf({county: '宁远县', town: '舜陵镇', village: '东溪村'})
    const b = places.numberOf({reportingUnit: '宁远县民政局', town: '舜陵镇', village: '东溪村'})
    const c = places.numberOf({town: '舜陵镇'})
    expect(b).toBe(a)
    expect(c).not.toBe(a)
    expect(places.at(a)).toEqual({town: '舜陵镇', village: '东溪村'})
    expect(places.at(c)).toEqual({town: '舜陵镇', village: undefined})
  })
})

describe('KeptNames', () => {
  it('keeps names by row through its growth, rows far apart, the first name of a row kept twice', () => {
    const kept = new KeptNames()
    const rows = Array.from({length: 50_000}, (_, i) => i * 7919 + 3)
    rows.forEach((r, i) => kept.add(r, i % 1000 === 0 ? `${name(r)}${'阿'.repeat(5000)}` : name(r), i % 13))
    kept.add(rows[5]!, '另一个名字', 99)
    rows.forEach((r, i) => expect(kept.get(r)).toEqual({name: i % 1000 === 0 ? `${name(r)}${'阿'.repeat(5000)}` : name(r), place: i % 13}))
    expect(kept.get(4)).toBeUndefined()
    expect(kept.get(rows[49_999]! + 1)).toBeUndefined()
  })
})
