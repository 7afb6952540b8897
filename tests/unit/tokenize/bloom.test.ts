import {createSecretKey, randomBytes} from 'node:crypto'
import {describe, expect, it} from 'vitest'

import {BLOOM_BITS, BLOOM_BYTES, BLOOM_HASHES, bigramPositions, bitCount, bytesToBits, diceBits, encodeBloom, paddedBigrams} from '../../../src/tokens/bloom.js'
import {nameText} from '../../../src/tokens/encoder.js'

describe('Bloom filters', () => {
  it('parameters: 1000 bits, 20 positions per bigram', () => {
    expect(BLOOM_BITS).toBe(1000)
    expect(BLOOM_HASHES).toBe(20)
    expect(BLOOM_BYTES).toBe(125)
  })

  it('pinyin text marks the surname boundary; bigrams are padded and distinct', () => {
    expect(nameText('张子涵')).toBe('zhang|zihan')
    expect(nameText('欧阳明月')).toBe('ouyang|mingyue')
    expect(nameText('吕鑫')).toBe('lv|xin')
    expect(nameText('西安')).toBe('xi|an')
    expect(nameText('买买提·阿卜杜拉')).toBe('maimaiti|abudula')
    expect(paddedBigrams('li|ming')).toEqual([' l', 'li', 'i|', '|m', 'mi', 'in', 'ng', 'g '])
    expect(paddedBigrams('aaa')).toEqual([' a', 'aa', 'a '])
  })

  it('positions are in range, depend on the key, and are uniform enough', () => {
    const k1 = createSecretKey(randomBytes(32))
    const k2 = createSecretKey(randomBytes(32))
    const p = bigramPositions(k1, 'zh')
    expect(p).toHaveLength(20)
    for (const x of p) expect(x).toBeLessThan(1000)
    expect([...bigramPositions(k1, 'zh')]).toEqual([...p])
    expect([...bigramPositions(k2, 'zh')]).not.toEqual([...p])
    // Every tenth of the filter gets a share of 20,000 positions near 2,000.
    const counts = new Array<number>(10).fill(0)
    for (let i = 0; i < 1000; i++) for (const x of bigramPositions(k1, `g${i}`)) counts[Math.floor(x / 100)]!++
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(250)
  })

  it('Dice: 2|A∩B| / (|A|+|B|)', () => {
    const k = createSecretKey(randomBytes(32))
    const pos = (g: string): Uint16Array => bigramPositions(k, g)
    const a = bytesToBits(encodeBloom(paddedBigrams('wang|fang'), pos))!
    const b = bytesToBits(encodeBloom(paddedBigrams('wang|fang'), pos))!
    const empty = bytesToBits(new Uint8Array(BLOOM_BYTES))!
    expect(diceBits(a, b)).toBe(1)
    expect(diceBits(a, empty)).toBe(0)
    expect(diceBits(empty, empty)).toBe(0)
    const n = bitCount(a)
    // About 8 bigrams × 20 positions, a few colliding.
    expect(n).toBeGreaterThan(120)
    expect(n).toBeLessThanOrEqual(160)
    const c = bytesToBits(encodeBloom(paddedBigrams('liu|yang'), pos))!
    const both = bitCount(a.map((x, i) => x & c[i]!) as Uint32Array)
    expect(diceBits(a, c)).toBeCloseTo((2 * both) / (n + bitCount(c)), 10)
    expect(bytesToBits(new Uint8Array(10))).toBeUndefined()
  })
})
