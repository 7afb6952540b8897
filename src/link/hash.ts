// Hashes of blocking-key values: a hash collision only adds a pair to compare, never loses one.

/** `bits` bits of a hash of two exact integers (< 2^53) and a tag. */
export function hashNumbers(a: number, b: number, tag: number, seed: number, bits: number): number {
  let h1 = Math.imul((a >>> 0) ^ seed, 0x85ebca6b) ^ Math.imul(Math.floor(a / 4294967296) | 0, 0xc2b2ae35) ^ Math.imul(tag + 1, 0x27d4eb2f)
  let h2 = Math.imul((b >>> 0) ^ Math.imul(seed, 0x9e3779b1), 0xcc9e2d51) ^ Math.imul(Math.floor(b / 4294967296) | 0, 0x1b873593) ^ h1
  h1 ^= h1 >>> 15
  h1 = Math.imul(h1, 0x2c1b3c6d)
  h1 ^= h1 >>> 12
  h1 = Math.imul(h1 ^ h2, 0x297a2d39)
  h1 ^= h1 >>> 15
  h2 ^= h2 >>> 13
  h2 = Math.imul(h2 ^ h1, 0x5bd1e995)
  h2 ^= h2 >>> 16
  const hi = h1 >>> 0
  const lo = h2 >>> 0
  if (bits <= 32) return hi >>> (32 - bits)
  return hi * 2 ** (bits - 32) + (lo >>> (64 - bits))
}

/** 53-bit-safe hash of a string: two FNV-1a variants, `bits` bits of them. */
export function hashKey(key: string, seed: number, bits: number): number {
  let h1 = 0x811c9dc5 ^ seed
  let h2 = 0x01000193 ^ Math.imul(seed, 0x9e3779b1)
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193)
    h2 = Math.imul(h2 ^ c, 0x5bd1e995)
    h2 ^= h2 >>> 15
  }
  h1 ^= h1 >>> 16
  h1 = Math.imul(h1, 0x85ebca6b)
  h1 ^= h1 >>> 13
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0xc2b2ae35)
  h2 ^= h2 >>> 16
  const hi = h1 >>> 0
  const lo = h2 >>> 0
  if (bits <= 32) return hi >>> (32 - bits)
  return hi * 2 ** (bits - 32) + (lo >>> (64 - bits))
}
