// A set of 18-character ID numbers with the rows they were seen on, built for 10^6–10^7 rows:
// each ID packs into two 32-bit integers (9 digits; 8 digits and the check value), stored in an
// open-addressing table of typed arrays. A Map of strings costs about 1 µs and 100 bytes an ID
// and dominated validate's time; this costs a tenth of both.

import {detach} from '../strings.js'

const EMPTY = 0xffffffff

export class IdRowSet {
  private capacity = 1 << 16
  private his = new Uint32Array(this.capacity).fill(EMPTY)
  private los = new Uint32Array(this.capacity)
  private firstRows = new Uint32Array(this.capacity)
  private size = 0
  /** Rows of IDs seen more than once, keyed by slot; rare, so a Map is fine. */
  private readonly repeats = new Map<string, number[]>()

  /** Records `id` (a valid canonical 18-character number) on `row`. */
  add(id: string, row: number): void {
    let hi = 0
    for (let i = 0; i < 9; i++) hi = hi * 10 + id.charCodeAt(i) - 48
    let lo = 0
    for (let i = 9; i < 17; i++) lo = lo * 10 + id.charCodeAt(i) - 48
    const last = id.charCodeAt(17)
    lo = lo * 11 + (last === 88 ? 10 : last - 48)
    if ((this.size + 1) * 2 > this.capacity) this.grow()
    const mask = this.capacity - 1
    let slot = hash(hi, lo) & mask
    for (;;) {
      const h = this.his[slot]!
      if (h === EMPTY) {
        this.his[slot] = hi
        this.los[slot] = lo
        this.firstRows[slot] = row
        this.size++
        return
      }
      if (h === hi && this.los[slot] === lo) {
        const rows = this.repeats.get(id)
        if (rows) rows.push(row)
        else this.repeats.set(detach(id), [this.firstRows[slot]!, row])
        return
      }
      slot = (slot + 1) & mask
    }
  }

  /** Every ID seen on two or more rows, with all its rows in the order they were added. */
  duplicates(): IterableIterator<[string, number[]]> {
    return this.repeats.entries()
  }

  private grow(): void {
    const {his, los, firstRows} = this
    this.capacity *= 2
    this.his = new Uint32Array(this.capacity).fill(EMPTY)
    this.los = new Uint32Array(this.capacity)
    this.firstRows = new Uint32Array(this.capacity)
    const mask = this.capacity - 1
    for (let i = 0; i < his.length; i++) {
      const hi = his[i]!
      if (hi === EMPTY) continue
      let slot = hash(hi, los[i]!) & mask
      while (this.his[slot] !== EMPTY) slot = (slot + 1) & mask
      this.his[slot] = hi
      this.los[slot] = los[i]!
      this.firstRows[slot] = firstRows[i]!
    }
  }
}

function hash(hi: number, lo: number): number {
  let h = Math.imul(hi, 0x9e3779b1) ^ Math.imul(lo, 0x85ebca77)
  h ^= h >>> 15
  return Math.imul(h, 0xc2b2ae3d) >>> 0
}
