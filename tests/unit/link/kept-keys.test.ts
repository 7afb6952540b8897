// What a registry keeps of its records' blocking keys (blocking.ts keyHashes, kept-keys.ts) and
// how a run links only new rows against the records loaded for them (onlyWith, a kept model).
import {describe, expect, it} from 'vitest'

import {allPairsCount, candidatePairs, keyHashes} from '../../../src/link/blocking.js'
import {SPARSE_MARK, VALID_MARK, keptProbes} from '../../../src/link/kept-keys.js'
import {linkStore} from '../../../src/link/link.js'
import {pairA, pairB} from '../../../src/link/pairs.js'
import {plainRecords} from '../../../src/link/plain/plain.js'
import {id, storeOf, storeOfDatasets} from './helpers.js'

const ZHANG = {name: '张子涵', idNumber: id('43052420100101123'), birthDate: '2010-01-01', gender: '男', regionCode: '430524101001', phones: ['13800000001']}
const NO_ID = {name: '王小红', birthDate: '2012-03-04', gender: '女', regionCode: '430524101002', phones: ['13800000002']}

function hashesOf(s: ReturnType<typeof storeOf>, i: number): number[] {
  const out: number[] = []
  keyHashes(s, i, (h) => out.push(h))
  return out
}

describe('kept key hashes', () => {
  it('are the same for the same values whatever else the store holds (no id interned in the run)', () => {
    const alone = storeOf(ZHANG)
    const among = storeOf(NO_ID, {name: '李四', birthDate: '2011-01-01'}, {...NO_ID, name: '王小虹'}, ZHANG)
    expect(hashesOf(alone, 0).length).toBeGreaterThan(5)
    expect(hashesOf(among, 3)).toEqual(hashesOf(alone, 0))
    expect(hashesOf(among, 0)).not.toEqual(hashesOf(alone, 0))
  })

  it('mark a sparse key of a record with a valid ID, which pairs only with records without one', () => {
    const s = storeOf(ZHANG, NO_ID)
    const valid = hashesOf(s, 0)
    const none = hashesOf(s, 1)
    expect(valid.some((h) => h >= VALID_MARK + SPARSE_MARK)).toBe(true)
    expect(none.some((h) => h >= VALID_MARK)).toBe(false)
    expect(none.some((h) => h >= SPARSE_MARK)).toBe(true)
    const probes = (h: number): number[] => {
      const out: number[] = []
      keptProbes(h, (p) => out.push(p))
      return out
    }
    expect(probes(5)).toEqual([5])
    expect(probes(SPARSE_MARK + 5)).toEqual([SPARSE_MARK + 5, SPARSE_MARK + VALID_MARK + 5])
    expect(probes(SPARSE_MARK + VALID_MARK + 5)).toEqual([SPARSE_MARK + 5])
  })
})

describe('linking new rows only (onlyWith)', () => {
  const world = () =>
    storeOfDatasets({
      registry: [ZHANG, {...ZHANG, phones: ['13800000009']}, NO_ID],
      fresh: [{...ZHANG, phones: ['13900000000']}, {...NO_ID, phones: []}],
    })

  it('pairs a new row with the records and the other new rows, never two records', () => {
    const s = world()
    const pairs = [...candidatePairs(s, {onlyWith: new Set([1])}).pairs].map((p) => [pairA(p), pairB(p)])
    expect(pairs.length).toBeGreaterThan(0)
    for (const [a, b] of pairs) expect(a! >= 3 || b! >= 3, `${a}-${b}`).toBe(true)
    const all = [...candidatePairs(s).pairs].map((p) => [pairA(p), pairB(p)])
    expect(all).toContainEqual([0, 1])
  })

  it('counts all pairs with a new row: new × earlier + new pairs among themselves', () => {
    const s = world()
    expect(allPairsCount(s, false, new Set([1]))).toBe(2 * 3 + 1)
    expect(allPairsCount(s, true, new Set([1]))).toBe(2 * 3)
    expect(allPairsCount(s, false)).toBe(10)
  })

  it('scores by a kept model without training, and links each new row to its record', () => {
    const trained = linkStore(world(), {spans: false}).model
    const s = world()
    const run = linkStore(s, {spans: false, model: trained, onlyWith: new Set([1])})
    expect(run.model).toBe(trained)
    const {matchOf, clusters} = run.clustering
    expect(clusters[matchOf[3]!]!.members).toEqual(expect.arrayContaining([0, 1, 3]))
    expect(clusters[matchOf[4]!]!.members).toEqual(expect.arrayContaining([2, 4]))
  })
})

describe('population name counts', () => {
  it('count each name as often as in the population, or as in the store when more often', () => {
    const s = storeOf({name: '张子涵'}, {name: '张子涵'}, {name: '李四'})
    const names = plainRecords(s).columns.childNames
    expect([...names.frequencies()]).toEqual([
      {name: '张子涵', count: 2, pinyinCount: 2},
      {name: '李四', count: 1, pinyinCount: 1},
    ])
    names.usePopulation(new Map([['张子涵', {count: 500, pinyinCount: 700}], ['李四', {count: 0, pinyinCount: 0}]]), 100_000)
    expect([...names.frequencies()]).toEqual([
      {name: '张子涵', count: 500, pinyinCount: 700},
      {name: '李四', count: 1, pinyinCount: 1},
    ])
    expect(names.total).toBe(100_000)
  })
})
