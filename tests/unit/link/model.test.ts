import {describe, expect, it} from 'vitest'

import {generatePopulation} from '../../../src/sample/linkage-population.js'
import {C_NAME, NAME, levelOf} from '../../../src/link/comparisons.js'
import {edgeFields, linkStore, scorePair} from '../../../src/link/link.js'
import {plainOf, storeFromPopulation} from './helpers.js'

describe('the model learnt from the data', () => {
  const pop = generatePopulation({children: 1500, seed: 3})
  const {store} = storeFromPopulation(pop)
  const plain = plainOf(store)
  // Two extra pairs, identical but for the name they share: one of the commonest names of the
  // population, and one nobody else has.
  const common = '张子涵'
  const rare = '欧阳沐宸'
  const pair = (name: string, birth: string) => {
    const a = plain.add({row: store.size + 2, name, birthDate: birth, gender: '女', regionCode: '430121001001'})
    const b = plain.add({row: store.size + 2, name, birthDate: birth, gender: '女', regionCode: '430121001001'})
    return [a, b] as const
  }
  // 张子涵 is common in every county: twenty more girls of that name, born on other days.
  for (let i = 0; i < 20; i++) plain.add({row: store.size + 2, name: common, birthDate: `20${10 + (i % 8)}-0${1 + (i % 9)}-1${i % 10}`, gender: '女', regionCode: '430181001001'})
  const [c1, c2] = pair(common, '2013-07-08')
  const [r1, r2] = pair(rare, '2013-07-08')
  const link = linkStore(store)

  it('estimates m by EM sessions and u from random pairs', () => {
    const m = link.model
    expect(m.em.sessions.every((s) => s.used)).toBe(true)
    expect(m.em.fallback).toBeUndefined()
    // Matches agree on the ID far more often than random pairs.
    expect(m.m[0]![1]).toBeGreaterThan(0.5)
    expect(m.u[0]![1]).toBeLessThan(1e-4)
    expect(m.lambda).toBeGreaterThan(0)
    expect(m.lambda).toBeLessThan(0.01)
  })

  it('weighs an agreement on a common name less than on a rare one (term frequency)', () => {
    const names = plain.columns.childNames
    expect(names.counts[plain.columns.name[c1]!]!).toBeGreaterThan(20)
    expect(names.counts[plain.columns.name[r1]!]!).toBe(2)
    const pc = plain.compare(c1, c2)
    const pr = plain.compare(r1, r2)
    expect(pc).toBe(pr)
    expect(levelOf(pc, C_NAME)).toBe(NAME.EXACT)
    const sc = scorePair(link.model, store, c1, c2, pc)
    const sr = scorePair(link.model, store, r1, r2, pr)
    expect(sc.tf).toBeLessThan(sr.tf - 3)
    expect(sr.weight - sc.weight).toBeCloseTo(sr.tf - sc.tf, 10)
    expect(sc.probability).toBeLessThan(sr.probability)
    expect(edgeFields(link.model, {pattern: pc, tf: sc.tf}).name!.weight).toBeLessThan(edgeFields(link.model, {pattern: pr, tf: sr.tf}).name!.weight)
  })

  it('turns the match weight into a probability in [0, 1]', () => {
    for (const e of link.edges) {
      expect(e.probability).toBeGreaterThanOrEqual(0)
      expect(e.probability).toBeLessThanOrEqual(1)
      expect(e.probability).toBeCloseTo(1 / (1 + 2 ** -e.weight), 12)
    }
  })
})
