import {describe, expect, it} from 'vitest'

import {RECENT_ROWS, RecentSubjects} from '../../../src/rules/recent-subjects.js'

const rowCells = (i: number): Record<string, string> => ({
  reportingUnit: `宁远县民政局`,
  regionCode: i % 2 ? '431126' : '',
  county: '宁远县',
  town: `舜陵镇${i % 7}`,
  village: `村${i % 13}`,
  idNumber: `43112620150304${String(i % 1000).padStart(3, '0')}X`,
  name: `张${i}`,
  birthDate: '2015-03-04',
})
const context = (cells: Record<string, string>) => ({get: (field: string) => cells[field] ?? ''})

describe('RecentSubjects', () => {
  it('gives back the last rows’ cells as they were, and nothing for rows gone round', () => {
    const recent = new RecentSubjects()
    const n = RECENT_ROWS + 5000
    for (let i = 0; i < n; i++) recent.remember(i, context(rowCells(i)))
    expect(recent.get(n - 1)).toEqual(rowCells(n - 1))
    expect(recent.get(n - RECENT_ROWS)).toEqual(rowCells(n - RECENT_ROWS))
    expect(recent.get(n - RECENT_ROWS - 1)).toBeUndefined()
    expect(recent.get(n + 3)).toBeUndefined()
  })

  it('forgets a row whose bytes the ring has gone round over, though its slot still names it', () => {
    const recent = new RecentSubjects()
    // 3,000 rows of about 6 KB: 18 MB, past the 16 MB ring, far from RECENT_ROWS rows.
    const wide = (i: number) => ({...rowCells(i), village: `${i}村`.padEnd(2000, '村')})
    for (let i = 0; i < 3000; i++) recent.remember(i, context(wide(i)))
    expect(recent.get(0)).toBeUndefined()
    expect(recent.get(2999)).toEqual(wide(2999))
    expect(recent.get(1000)).toEqual(wide(1000))
  })

  it('keeps a stray separator from shifting the fields, and leaves a row with a lone surrogate to be read again', () => {
    const recent = new RecentSubjects()
    recent.remember(1, context({...rowCells(1), town: '舜陵\u001f镇'}))
    expect(recent.get(1)).toEqual({...rowCells(1), town: '舜陵 镇'})
    recent.remember(2, context({...rowCells(2), name: '张\uD800'}))
    expect(recent.get(2)).toBeUndefined()
    // A giant cell too.
    recent.remember(3, context({...rowCells(3), village: '村'.repeat(200_000)}))
    expect(recent.get(3)).toBeUndefined()
    expect(recent.get(1)).toEqual({...rowCells(1), town: '舜陵 镇'})
  })
})
