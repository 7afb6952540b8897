import {describe, expect, it} from 'vitest'

import {Random} from '../../../src/sample/random.js'

describe('Random (mulberry32)', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = new Random(42)
    const b = new Random(42)
    const c = new Random(43)
    const sa = Array.from({length: 20}, () => a.next())
    expect(Array.from({length: 20}, () => b.next())).toEqual(sa)
    expect(Array.from({length: 20}, () => c.next())).not.toEqual(sa)
  })

  it('stays in range', () => {
    const r = new Random(0)
    for (let i = 0; i < 10_000; i++) {
      const x = r.next()
      expect(x >= 0 && x < 1).toBe(true)
      const n = r.int(3, 7)
      expect(n >= 3 && n <= 7 && Number.isInteger(n)).toBe(true)
    }
  })

  it('covers the whole range of int() roughly evenly', () => {
    const r = new Random(7)
    const counts = [0, 0, 0, 0, 0]
    for (let i = 0; i < 50_000; i++) counts[r.int(0, 4)]!++
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500)
  })

  it('shuffles into a permutation and forks into independent, reproducible streams', () => {
    const r = new Random(5)
    const items = Array.from({length: 50}, (_, i) => i)
    const shuffled = r.shuffle(items)
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items)
    expect(shuffled).not.toEqual(items)
    const f1 = new Random(5).fork('a')
    const f2 = new Random(5).fork('a')
    const f3 = new Random(5).fork('b')
    const s1 = Array.from({length: 5}, () => f1.next())
    expect(Array.from({length: 5}, () => f2.next())).toEqual(s1)
    expect(Array.from({length: 5}, () => f3.next())).not.toEqual(s1)
  })

  it('picks by weight', () => {
    const r = new Random(9)
    let heavy = 0
    for (let i = 0; i < 10_000; i++) if (r.weighted([['a', 9], ['b', 1]] as const) === 'a') heavy++
    expect(heavy).toBeGreaterThan(8_700)
    expect(heavy).toBeLessThan(9_300)
  })
})
