import {describe, expect, it} from 'vitest'

import {generatePopulation} from '../../../src/sample/linkage-population.js'
import {clusterEdges} from '../../../src/link/cluster.js'
import type {Edge} from '../../../src/link/edges.js'
import {linkStore} from '../../../src/link/link.js'
import type {RecordValues} from '../../../src/link/plain/columns.js'
import {child, id, plainOf, storeFromPopulation, storeOf, storeOfDatasets} from './helpers.js'

const ID1 = id('43012120150304002')
const ID2 = id('43012120150304024')

describe('clustering with the guard', () => {
  // 0 and 2 hold different valid IDs; 1 has none and looks like both.
  const s = storeOf({idNumber: ID1}, {}, {idNumber: ID2}, {}, {})
  const edge = (a: number, b: number, probability: number, match = true): Edge => ({a, b, probability, match})

  it('never lets a chain of pairs put two different valid IDs in one cluster', () => {
    const c = clusterEdges(s, [edge(0, 1, 0.99), edge(1, 2, 0.98)])
    expect(c.clusters.map((x) => x.members)).toEqual([[0, 1]])
    expect(c.matchOf[2]).toBe(-1)
    expect(c.guardRefusals).toBeGreaterThan(0)
  })

  it('takes edges from the most probable down', () => {
    const c = clusterEdges(s, [edge(0, 1, 0.97), edge(1, 2, 0.999)])
    expect(c.clusters.map((x) => x.members)).toEqual([[1, 2]])
  })

  it("scores a cluster by the weakest edge that holds it together", () => {
    const c = clusterEdges(s, [edge(0, 1, 0.99), edge(1, 3, 0.96), edge(0, 3, 0.995)])
    expect(c.clusters).toHaveLength(1)
    expect(c.clusters[0]!.members).toEqual([0, 1, 3])
    expect(c.clusters[0]!.score).toBe(0.99)
    expect(c.clusters[0]!.edges).toHaveLength(2)
  })

  it('puts possible pairs into review clusters that are never merged, around match clusters', () => {
    const c = clusterEdges(s, [edge(0, 1, 0.99), edge(1, 3, 0.7, false), edge(3, 2, 0.65, false)])
    const match = c.clusters.find((x) => x.decision === 'match')!
    const possible = c.clusters.find((x) => x.decision === 'possible')!
    expect(match.members).toEqual([0, 1])
    // 3 joins {0, 1} for review; 2 (another valid ID) cannot join the same cluster.
    expect(possible.members).toEqual([0, 1, 3])
    expect(possible.score).toBe(0.7)
    expect(c.matchOf[3]).toBe(-1)
    expect(c.possibleOf[0]).toBe(c.possibleOf[3])
    expect(match.id).toMatch(/^M/)
    expect(possible.id).toMatch(/^P/)
  })
})

describe('bridge edges: one child under two valid numbers across lists (crosscheck)', () => {
  const ID3 = id('43012120150304046')
  // civil: 0 (ID1); public security: 1 (ID2, the number re-issued), 2 (ID1), 3 (ID3).
  const s = storeOfDatasets({civil: [{idNumber: ID1}], police: [{idNumber: ID2}, {idNumber: ID1}, {idNumber: ID3}]})
  const edge = (a: number, b: number, probability: number, bridge = false): Edge => ({a, b, probability, match: true, bridge})

  it('joins two valid numbers only through a bridge edge', () => {
    expect(clusterEdges(s, [edge(0, 1, 0.99)]).clusters).toEqual([])
    expect(clusterEdges(s, [edge(0, 1, 0.99, true)]).clusters.map((x) => x.members)).toEqual([[0, 1]])
  })

  it('never bridges to a list that already holds the child under its own number', () => {
    const c = clusterEdges(s, [edge(0, 2, 0.999), edge(0, 1, 0.99, true)])
    expect(c.clusters.map((x) => x.members)).toEqual([[0, 2]])
  })

  it('lets no third number in, bridged or not', () => {
    const c = clusterEdges(s, [edge(0, 1, 0.999, true), edge(0, 3, 0.99, true), edge(1, 3, 0.98)])
    expect(c.clusters.map((x) => x.members)).toEqual([[0, 1]])
  })
})

describe('twins and same-name children stay apart (trained on a population)', () => {
  const pop = generatePopulation({children: 1500, seed: 9})
  const {store} = storeFromPopulation(pop)
  const family = {regionCode: '430121001001', guardianName: '刘德明', guardianIdNumber: id('43012119500101001'), fatherName: '刘建军', motherName: '王芳', phones: ['13812349999']}
  const add = (v: Partial<RecordValues>): number => plainOf(store).add({row: store.size + 2, ...v})
  // Twins with valid IDs (the same parents, birth date and village, different given names).
  const t1 = add({...family, name: '刘思远', idNumber: ID1, birthDate: '2015-03-04', gender: '男'})
  const t2 = add({...family, name: '刘思源', idNumber: id('43012120150304015'), birthDate: '2015-03-04', gender: '男'})
  // Twins without IDs, different given names; and twins without IDs whose names sound alike.
  const u1 = add({...family, name: '刘浩然', birthDate: '2013-05-06', gender: '男'})
  const u2 = add({...family, name: '刘浩宇', birthDate: '2013-05-06', gender: '男'})
  const h1 = add({...family, name: '刘雨涵', birthDate: '2011-08-09', gender: '女'})
  const h2 = add({...family, name: '刘语涵', birthDate: '2011-08-09', gender: '女'})
  // One twin's ID written in one row, missing in another: that row is her.
  const h1again = add({...family, name: '刘雨涵', birthDate: '2011-08-09', gender: '女', idNumber: id('43012120110809022')})
  // Same-name children of one county: different families, birth dates and IDs.
  const same = ['2012-01-02', '2013-02-03', '2014-03-04'].map((birth, i) =>
    add({...child({name: '张子涵', guardianName: `张${'一二三'[i]}`, guardianIdNumber: id(`4301211960010100${i}`), phones: [`1391234567${i}`], fatherName: `张${'甲乙丙'[i]}`, motherName: `李${'甲乙丙'[i]}`}), birthDate: birth, idNumber: id(`430121${birth.replaceAll('-', '')}00${2 * i}`)}),
  )
  const link = linkStore(store)
  const {matchOf, possibleOf} = link.clustering
  const together = (a: number, b: number): boolean => matchOf[a]! >= 0 && matchOf[a] === matchOf[b]

  it('twins with valid IDs are never in one cluster, not even for review', () => {
    expect(together(t1, t2)).toBe(false)
    expect(possibleOf[t1]! >= 0 && possibleOf[t1] === possibleOf[t2]).toBe(false)
  })

  it('twins without IDs and with different given names stay below match', () => {
    expect(together(u1, u2)).toBe(false)
    expect(together(h1, h2)).toBe(false)
  })

  it('the same child is still found: the row without ID joins the row with it', () => {
    expect(together(h1, h1again)).toBe(true)
    expect(together(h2, h1again)).toBe(false)
  })

  it('same-name children of one county are not merged', () => {
    expect(together(same[0]!, same[1]!)).toBe(false)
    expect(together(same[1]!, same[2]!)).toBe(false)
  })

  it('no match cluster holds two different valid IDs', () => {
    for (const c of link.clustering.clusters) {
      const ids = new Set(c.members.filter((m) => store.idKind[m] === 1).map((m) => plainOf(store).columns.idString(m)))
      expect(ids.size, c.id).toBeLessThanOrEqual(1)
    }
  })
})
