// Interns strings to dense ids in an open-addressing table of typed arrays. A V8 Map of a million
// names costs a microsecond or more a lookup on this hardware (each lookup chases the bucket, the
// entry and the key through memory that no cache holds); here a lookup reads one slot of two
// typed arrays, and a name of up to three characters — most Chinese names — is its own key, a
// number, so the string itself is never touched. Longer strings are keyed by a 52-bit hash and
// checked against the interned string, so that two strings never share an id.

const EMPTY = -1
const SHORT = 3
const TWO_16 = 65536
const TWO_20 = 2 ** 20
const TWO_52 = 2 ** 52

/**
 * A number that stands for `s`: exact (length and code units) for up to three UTF-16 units, below
 * 2^50; a hash at or above 2^52 for longer strings.
 */
function fingerprint(s: string): number {
  const n = s.length
  if (n <= SHORT) {
    let v = n
    for (let i = 0; i < n; i++) v = v * TWO_16 + s.charCodeAt(i)
    return v
  }
  let h1 = 0x811c9dc5
  let h2 = 0x9747b28c ^ n
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193)
    h2 = Math.imul(h2 ^ c, 0x5bd1e995)
    h2 ^= h2 >>> 15
  }
  return TWO_52 + (h1 >>> 0) * TWO_20 + (h2 >>> 12)
}

function slotOf(key: number, mask: number): number {
  const lo = key % 4294967296 | 0
  const hi = (key / 4294967296) | 0
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) & mask
}

/** Interns strings to dense ids (0, 1, 2, … in first-seen order). */
export class Interner {
  readonly values: string[] = []
  private keys = new Float64Array(1024).fill(EMPTY)
  private ids = new Int32Array(1024)
  private mask = 1023

  /** The string's id, interning it when new. */
  id(value: string): number {
    const key = fingerprint(value)
    let slot = slotOf(key, this.mask)
    for (;;) {
      const k = this.keys[slot]!
      if (k === EMPTY) break
      if (k === key && (key < TWO_52 || this.values[this.ids[slot]!] === value)) return this.ids[slot]!
      slot = (slot + 1) & this.mask
    }
    const id = this.values.length
    this.values.push(value)
    this.keys[slot] = key
    this.ids[slot] = id
    if (this.values.length * 2 > this.keys.length) this.grow()
    return id
  }

  /** The string's id, or undefined when it was never interned. */
  get(value: string): number | undefined {
    const key = fingerprint(value)
    let slot = slotOf(key, this.mask)
    for (;;) {
      const k = this.keys[slot]!
      if (k === EMPTY) return undefined
      if (k === key && (key < TWO_52 || this.values[this.ids[slot]!] === value)) return this.ids[slot]!
      slot = (slot + 1) & this.mask
    }
  }

  get size(): number {
    return this.values.length
  }

  private grow(): void {
    const keys = this.keys
    const ids = this.ids
    const capacity = keys.length * 2
    this.keys = new Float64Array(capacity).fill(EMPTY)
    this.ids = new Int32Array(capacity)
    this.mask = capacity - 1
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!
      if (key === EMPTY) continue
      let slot = slotOf(key, this.mask)
      while (this.keys[slot] !== EMPTY) slot = (slot + 1) & this.mask
      this.keys[slot] = key
      this.ids[slot] = ids[i]!
    }
  }
}
