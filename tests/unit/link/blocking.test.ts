import {describe, expect, it} from 'vitest'

import {candidatePairs} from '../../../src/link/blocking.js'
import {hashKey} from '../../../src/link/hash.js'
import {PAIR_SHIFT, pairA, pairB} from '../../../src/link/pairs.js'
import type {BlockingKey} from '../../../src/link/representation.js'
import {badCheck, id, storeOf, storeOfDatasets} from './helpers.js'

const CHILD = id('43012120150304002')

type Store = ReturnType<typeof storeOf>

function pairsOf(s: Store, keys: readonly BlockingKey[] = s.representation.blockingKeys): [number, number][] {
  return [...candidatePairs(s, {keys}).pairs].map((p) => [pairA(p), pairB(p)])
}

/** The plain key `key` of the store. */
function only(s: Store, key: string): BlockingKey[] {
  return s.representation.blockingKeys.filter((k) => k.id === key)
}

describe('blocking', () => {
  it('finds a pair by the ID alone after one wrong digit, whatever the digit', () => {
    for (let at = 0; at < 17; at++) {
      const d = CHILD[at] === '7' ? '8' : '7'
      const typo = CHILD.slice(0, at) + d + CHILD.slice(at + 1)
      // Nothing else in common: name, birth and village all differ.
      const s = storeOf({idNumber: CHILD, name: '李子涵'}, {idNumber: typo, name: '王浩宇', birthDate: '2010-01-01'})
      expect(pairsOf(s, [...only(s, 'id'), ...only(s, 'id-pieces')]), `digit ${at}`).toEqual([[0, 1]])
    }
  })

  it('finds a pair by the ID alone after two adjacent digits swapped, across segment boundaries too', () => {
    for (let at = 0; at < 16; at++) {
      if (CHILD[at] === CHILD[at + 1]) continue
      const swapped = CHILD.slice(0, at) + CHILD[at + 1] + CHILD[at] + CHILD.slice(at + 2)
      const s = storeOf({idNumber: CHILD}, {idNumber: swapped})
      expect(pairsOf(s, only(s, 'id-pieces')), `swap at ${at}`).toEqual([[0, 1]])
    }
  })

  it('loses no pair of a sparse key when thousands of probes crowd its bit table', () => {
    // 2,000 children, each listed once with a valid ID and once with one digit wrong (a probe):
    // 14,000 probe values in a table of 2^15 bits, so that most lookups pass the table to the set.
    let seed = 7
    const digit = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % 10
    const rows: {idNumber: string}[] = []
    for (let k = 0; k < 2000; k++) {
      const year = 2010 + (k % 7)
      const body = `430121${year}${String(1 + (k % 12)).padStart(2, '0')}${String(1 + (k % 28)).padStart(2, '0')}${digit()}${digit()}${digit()}`
      const valid = id(body)
      const at = 14 + (k % 3)
      rows.push({idNumber: valid}, {idNumber: valid.slice(0, at) + String((Number(valid[at]) + 1) % 10) + valid.slice(at + 1)})
    }
    const s = storeOf(...rows)
    const pairs = new Set(pairsOf(s, only(s, 'id-pieces')).map(([a, b]) => `${a}-${b}`))
    for (let k = 0; k < 2000; k++) expect(pairs.has(`${2 * k}-${2 * k + 1}`), `child ${k}`).toBe(true)
  })

  it('finds an Excel-damaged number by region and birth date', () => {
    const s = storeOf({idNumber: CHILD}, {idNumber: `${CHILD.slice(0, 15)}000`})
    expect(pairsOf(s, only(s, 'id-pieces'))).toEqual([[0, 1]])
  })

  it('finds homophones, look-alikes and missing IDs by name and birth keys', () => {
    const s = storeOf(
      {name: '王芳', birthDate: '2015-03-04', regionCode: '430121001001', idNumber: CHILD},
      {name: '王方', birthDate: '2015-03-04', regionCode: '430121001001'},
      {name: '王汩', birthDate: '2015-03-04'},
      {name: '王汨', birthDate: '2015-03-04'},
    )
    const pairs = pairsOf(s)
    expect(pairs).toContainEqual([0, 1])
    expect(pairs).toContainEqual([2, 3])
    expect(pairsOf(s, only(s, 'region-name'))).toEqual([[0, 1]])
  })

  it('finds siblings and the same child by guardian ID and phone', () => {
    const g = id('43012119500101001')
    const s = storeOf({guardianIdNumber: g, name: '李子涵'}, {guardianIdNumber: g, name: '李浩宇'}, {phones: ['13812345678']}, {phones: ['138-1234-5678']})
    expect(pairsOf(s, only(s, 'guardian-id'))).toEqual([[0, 1]])
    expect(pairsOf(s, only(s, 'phone'))).toEqual([[2, 3]])
  })

  it('compares a pair found by several keys once', () => {
    const s = storeOf({idNumber: CHILD, name: '李子涵', birthDate: '2015-03-04', regionCode: '430121001001'}, {idNumber: badCheck(CHILD), name: '李子涵', birthDate: '2015-03-04', regionCode: '430121001001'})
    const result = candidatePairs(s)
    expect(result.pairs.length).toBe(1)
    expect(result.keys.filter((k) => k.pairs > 0).length).toBeGreaterThan(3)
    expect(result.allPairs).toBe(1)
  })

  it('keeps an oversized block near-linear (sorted neighbourhood)', () => {
    // 500 children sharing a village committee's phone.
    const rows = Array.from({length: 500}, (_, i) => ({phones: ['0731-84567890'], name: `李${'子浩宇轩涵欣怡雨'[i % 8]}${'明亮华强伟芳丽娟'[Math.floor(i / 8) % 8]}`, birthDate: `20${10 + (i % 9)}-0${1 + (i % 9)}-1${i % 10}`}))
    const s = storeOf(...rows)
    const result = candidatePairs(s, {keys: only(s, 'phone')})
    const key = only(s, 'phone')[0]!
    expect(result.keys[0]!.oversized).toBe(1)
    expect(result.pairs.length).toBeLessThanOrEqual(500 * key.window)
    expect(result.pairs.length).toBeLessThan((500 * 499) / 2 / 10)
  })

  it('compares only across datasets when asked', () => {
    const s = storeOfDatasets({a: [{idNumber: CHILD}, {idNumber: CHILD}], b: [{idNumber: CHILD}]})
    const all = [...candidatePairs(s).pairs]
    const across = [...candidatePairs(s, {acrossOnly: true}).pairs]
    expect(all.length).toBe(3)
    expect(across.map((p) => [pairA(p), pairB(p)])).toEqual([
      [0, 2],
      [1, 2],
    ])
    expect(candidatePairs(s, {acrossOnly: true}).allPairs).toBe(2)
  })

  it('packs pairs with the lower record first', () => {
    expect(pairA(3 * PAIR_SHIFT + 7)).toBe(3)
    expect(pairB(3 * PAIR_SHIFT + 7)).toBe(7)
    expect(hashKey('abc', 1, 33)).toBeLessThan(2 ** 33)
    expect(hashKey('abc', 1, 20)).not.toBe(hashKey('abd', 1, 20))
  })
})
