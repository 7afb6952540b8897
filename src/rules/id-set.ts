// A set of 18-character ID numbers with the rows they were seen on, built for 10^6–10^7 rows:
// each ID packs into two 32-bit integers (9 digits; 8 digits and the check value), stored in an
// open-addressing table of typed arrays. A Map of strings costs about 1 µs and 100 bytes an ID
// and dominated validate's time; this costs a tenth of both.

const EMPTY = 0xffffffff

/** What IdRowSet.add says of a number seen for the first time. */
export const NEW_ID = -1
/** What IdRowSet.add says of the third or a later row of a number. */
export const REPEAT = -2

/** No ID (a packed ID's high part is at most 999,999,999). */
export const NO_ID = EMPTY

/** The first 9 digits of a valid canonical 18-character ID as an integer. */
export function idHigh(id: string): number {
  let hi = 0
  for (let i = 0; i < 9; i++) hi = hi * 10 + id.charCodeAt(i) - 48
  return hi
}

/** The next 8 digits and the check value (X as 10) as one integer below 2^32. */
export function idLow(id: string): number {
  let lo = 0
  for (let i = 9; i < 17; i++) lo = lo * 10 + id.charCodeAt(i) - 48
  const last = id.charCodeAt(17)
  return lo * 11 + (last === 88 ? 10 : last - 48)
}
// A slot whose ID was seen again holds its group's number in firstRows with this bit set (rows
// are far below 2^31); the group keeps the first row. Repeats then cost a few typed-array cells
// each, not a string and an array: with 1.75 million repeated rows in 10 million, a Map of them
// kept validate over its memory limit (docs/hardening.md, Memory).
const REPEATED = 0x80000000

export class IdRowSet {
  private capacity = 1 << 16
  private his = new Uint32Array(this.capacity).fill(EMPTY)
  private los = new Uint32Array(this.capacity)
  private firstRows = new Uint32Array(this.capacity)
  private size = 0
  /** Per group (an ID seen more than once), in the order of its first repeat: the ID and its first row. */
  private groupHi: Uint32Array = new Uint32Array(1024)
  private groupLo: Uint32Array = new Uint32Array(1024)
  private groupFirst: Uint32Array = new Uint32Array(1024)
  private groups = 0
  /** Every repeat, in the order seen: its group and row. */
  private repeatGroup: Uint32Array = new Uint32Array(1024)
  private repeatRow: Uint32Array = new Uint32Array(1024)
  private repeats = 0

  /**
   * Records `id` (a valid canonical 18-character number) on `row`. Returns NEW_ID when the number
   * was not seen before, the row it was first seen on when this row is its first repeat, and
   * REPEAT for a later one.
   */
  add(id: string, row: number): number {
    return this.addPacked(idHigh(id), idLow(id), row)
  }

  /** add() of the ID packed as idHigh and idLow give it (the form that crosses threads). */
  addPacked(hi: number, lo: number, row: number): number {
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
        return NEW_ID
      }
      if (h === hi && this.los[slot] === lo) {
        const first = this.firstRows[slot]!
        if (first < REPEATED) {
          const group = this.newGroup(hi, lo, first)
          this.firstRows[slot] = (REPEATED | group) >>> 0
          this.addRepeat(group, row)
          return first
        }
        this.addRepeat(first & ~REPEATED, row)
        return REPEAT
      }
      slot = (slot + 1) & mask
    }
  }

  /** Every ID seen on two or more rows, with all its rows in the order they were added. */
  *duplicates(): IterableIterator<[string, number[]]> {
    // Repeats grouped by a stable counting sort: one pass to count, one to place.
    const start = new Uint32Array(this.groups + 1)
    for (let k = 0; k < this.repeats; k++) start[this.repeatGroup[k]! + 1]!++
    for (let g = 0; g < this.groups; g++) start[g + 1]! += start[g]!
    const next = start.slice(0, this.groups)
    const rows = new Uint32Array(this.repeats)
    for (let k = 0; k < this.repeats; k++) rows[next[this.repeatGroup[k]!]!++] = this.repeatRow[k]!
    for (let g = 0; g < this.groups; g++) {
      yield [idText(this.groupHi[g]!, this.groupLo[g]!), [this.groupFirst[g]!, ...rows.subarray(start[g]!, start[g + 1]!)]]
    }
  }

  private newGroup(hi: number, lo: number, firstRow: number): number {
    if (this.groups === this.groupHi.length) {
      this.groupHi = grown(this.groupHi)
      this.groupLo = grown(this.groupLo)
      this.groupFirst = grown(this.groupFirst)
    }
    const g = this.groups++
    this.groupHi[g] = hi
    this.groupLo[g] = lo
    this.groupFirst[g] = firstRow
    return g
  }

  private addRepeat(group: number, row: number): void {
    if (this.repeats === this.repeatRow.length) {
      this.repeatGroup = grown(this.repeatGroup)
      this.repeatRow = grown(this.repeatRow)
    }
    this.repeatGroup[this.repeats] = group
    this.repeatRow[this.repeats++] = row
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

function grown(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2)
  b.set(a)
  return b
}

/** The 18-character number packed by add(): 9 digits, then 8 digits and the check value. */
function idText(hi: number, lo: number): string {
  const check = lo % 11
  return String(hi).padStart(9, '0') + String((lo - check) / 11).padStart(8, '0') + (check === 10 ? 'X' : String(check))
}
