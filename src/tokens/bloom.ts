// Bloom-filter encodings of names (cryptographic long-term keys, Schnell, Bachteler & Reiher
// 2009): a name's pinyin is cut into padded bigrams, each bigram sets K bits of an L-bit filter
// at positions a keyed HMAC chooses, and two filters are compared with the Dice coefficient
// 2|A∩B| / (|A|+|B|). Names that read alike share most bigrams, so homophones typed through a
// pinyin input method (王芳 / 王方) give identical filters and a mistyped syllable a high score,
// while nobody without the key can tell which bits a bigram sets.
//
// Parameters (documented in docs/tokenize.md): L = 1000 bits, K = 20 positions per bigram.
// A name has about 8–14 distinct bigrams, so 15–25 % of the bits are set.
//
// Decisions:
// - Positions come from "random hashing": HMAC-SHA-256 of the bigram (with a block counter),
//   read as 16-bit numbers, those ≥ 64000 rejected so that each of the 1000 positions is equally
//   likely. Not the double hashing of the 2009 paper (g_i = h1 + i·h2), whose structure the
//   attack of Niedermeyer et al. (2014) exploits.
// - The text is the pinyin of surname and given name with a `|` between them and one space of
//   padding at each end (` zhang|zihan `): the first and last letters get bigrams of their own,
//   and the boundary bigrams (`g|`, `|z`) tell 张子涵 from 张子 + 涵-something.

import {createHmac, type KeyObject} from 'node:crypto'

export const BLOOM_BITS = 1000
export const BLOOM_HASHES = 20
export const BLOOM_BYTES = Math.ceil(BLOOM_BITS / 8)
const WORDS = Math.ceil(BLOOM_BITS / 32)
const ACCEPT_BELOW = Math.floor(65536 / BLOOM_BITS) * BLOOM_BITS

/** A decoded filter: 32-bit words, bit i of the filter in word i >> 5. */
export type BloomBits = Uint32Array

/** The padded bigrams of a text, each once, in order of first appearance. */
export function paddedBigrams(text: string): string[] {
  const chars = Array.from(` ${text} `)
  const seen = new Set<string>()
  for (let i = 0; i + 1 < chars.length; i++) seen.add(chars[i]! + chars[i + 1]!)
  return [...seen]
}

/** The K positions a bigram sets, for one key. */
export function bigramPositions(key: KeyObject, bigram: string): Uint16Array {
  const out = new Uint16Array(BLOOM_HASHES)
  let n = 0
  for (let block = 0; n < BLOOM_HASHES; block++) {
    const mac = createHmac('sha256', key).update(bigram, 'utf8').update(Uint8Array.of(block)).digest()
    for (let i = 0; i + 1 < mac.length && n < BLOOM_HASHES; i += 2) {
      const v = (mac[i]! << 8) | mac[i + 1]!
      if (v < ACCEPT_BELOW) out[n++] = v % BLOOM_BITS
    }
  }
  return out
}

/** Sets the positions of every bigram; returns the filter's bytes (bit i: byte i >> 3, bit i & 7). */
export function encodeBloom(bigrams: Iterable<string>, positionsOf: (bigram: string) => Uint16Array): Uint8Array {
  const bytes = new Uint8Array(BLOOM_BYTES)
  for (const g of bigrams) for (const p of positionsOf(g)) bytes[p >> 3]! |= 1 << (p & 7)
  return bytes
}

/** Bytes of a filter → words for counting. */
export function bytesToBits(bytes: Uint8Array): BloomBits | undefined {
  if (bytes.length !== BLOOM_BYTES) return undefined
  const words = new Uint32Array(WORDS)
  for (let i = 0; i < bytes.length; i++) words[i >> 2]! |= bytes[i]! << ((i & 3) * 8)
  return words
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  x = (x + (x >>> 4)) & 0x0f0f0f0f
  return Math.imul(x, 0x01010101) >>> 24
}

/** Bits set in a filter. */
export function bitCount(a: BloomBits): number {
  let n = 0
  for (let i = 0; i < a.length; i++) n += popcount(a[i]!)
  return n
}

/** Dice coefficient of two decoded filters: 1 for equal filters, 0 when one is empty. */
export function diceBits(a: BloomBits, b: BloomBits): number {
  let both = 0
  let na = 0
  let nb = 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a[i]!
    const y = b[i]!
    both += popcount(x & y)
    na += popcount(x)
    nb += popcount(y)
  }
  return na + nb === 0 ? 0 : (2 * both) / (na + nb)
}
