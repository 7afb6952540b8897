import type {RowUnits} from '../findings/breakdown.js'
import {wellFormed} from '../strings.js'

/** Rows whose names stay at hand for ID_DUPLICATE, at most (older ones are read again if needed). */
export const MAX_RECENT_ROWS = 1 << 20

/** Bytes of UTF-8 names kept, at most: a million names of up to five characters and more. */
const MAX_RING_BYTES = 16 << 20

const FIRST_ROWS = 1 << 12
const FIRST_RING_BYTES = 1 << 16

/** A row's name as written and the number of its town and village (Places). */
export interface RecentName {
  name: string
  place: number
}

/**
 * What an ID_DUPLICATE finding shows of a row besides its number — the child's name as the row
 * writes it, and where the row is (a number the validator gives its town and village) — for the
 * last MAX_RECENT_ROWS rows with a valid ID: which rows repeat an ID is known only at the end, and
 * reading a million-row roster again for them took validate 2.2 s of 10. The names are UTF-8 in a
 * ring outside the heap that grows with the roster up to its bounds (a small list allocates
 * little); a few bytes a row where the eight subject cells of every row had cost about 100.
 */
export class RecentNames {
  private rows: Int32Array
  private places: Uint32Array
  /** Where each slot's name starts, counted over everything ever written (the ring wraps). */
  private starts: Float64Array
  private lengths: Uint32Array
  private ring: Buffer
  private written = 0

  /** `maxRows` (a power of two) and `maxBytes`: smaller bounds for a test. */
  constructor(
    private readonly maxRows = MAX_RECENT_ROWS,
    private readonly maxBytes = MAX_RING_BYTES,
  ) {
    const rows = Math.min(FIRST_ROWS, maxRows)
    this.rows = new Int32Array(rows).fill(-1)
    this.places = new Uint32Array(rows)
    this.starts = new Float64Array(rows)
    this.lengths = new Uint32Array(rows)
    this.ring = Buffer.allocUnsafe(Math.min(FIRST_RING_BYTES, maxBytes))
  }

  /** Remembers the name and place of `row` (rows come in increasing order). */
  remember(row: number, name: string, place: number): void {
    // A lone surrogate would not come back from UTF-8; a giant cell (pasted text, not a name)
    // would crowd out the rest.
    if (name.length * 3 > this.maxBytes >> 6 || !wellFormed(name)) return
    let slot = row & (this.rows.length - 1)
    const held = this.rows[slot]!
    if (held !== -1 && held !== row && this.rows.length < this.maxRows) {
      this.growSlots()
      slot = row & (this.rows.length - 1)
    }
    const most = name.length * 3
    // The ring grows before it would wrap, so it wraps only at its full size: a name's place is
    // its start modulo the ring's size, before and after a growth.
    while (this.written + most > this.ring.length && this.ring.length < this.maxBytes) this.growRing()
    const size = this.ring.length
    let at = this.written % size
    if (at + most > size) {
      this.written += size - at
      at = 0
    }
    const n = this.ring.write(name, at, 'utf8')
    this.rows[slot] = row
    this.places[slot] = place
    this.starts[slot] = this.written
    this.lengths[slot] = n
    this.written += n
  }

  get(row: number): RecentName | undefined {
    const slot = row & (this.rows.length - 1)
    if (this.rows[slot] !== row) return undefined
    const start = this.starts[slot]!
    const size = this.ring.length
    // Written over since: the ring has gone round past it.
    if (this.written - start > size) return undefined
    const at = start % size
    return {name: this.ring.toString('utf8', at, at + this.lengths[slot]!), place: this.places[slot]!}
  }

  private growSlots(): void {
    const {rows, places, starts, lengths} = this
    const size = rows.length * 2
    this.rows = new Int32Array(size).fill(-1)
    this.places = new Uint32Array(size)
    this.starts = new Float64Array(size)
    this.lengths = new Uint32Array(size)
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!
      if (row === -1) continue
      const slot = row & (size - 1)
      this.rows[slot] = row
      this.places[slot] = places[i]!
      this.starts[slot] = starts[i]!
      this.lengths[slot] = lengths[i]!
    }
  }

  private growRing(): void {
    this.ring = grown(this.ring, this.written, Math.min(this.ring.length * 2, this.maxBytes))
  }
}

/** Identity lookups kept at most: units.ts gives the rows of a village one object, until its own cache clears. */
const MAX_OBJECTS = 100_000

/** The towns and villages of RecentNames' places: the same pair, the same number. */
export class Places {
  private readonly list: Pick<RowUnits, 'town' | 'village'>[] = []
  private readonly byPair = new Map<string, number>()
  private readonly byObject = new Map<RowUnits, number>()

  numberOf(units: RowUnits): number {
    const known = this.byObject.get(units)
    if (known !== undefined) return known
    const pair = `${units.town ?? ''}\u0000${units.village ?? ''}`
    let n = this.byPair.get(pair)
    if (n === undefined) {
      n = this.list.length
      this.list.push({town: units.town, village: units.village})
      this.byPair.set(pair, n)
    }
    if (this.byObject.size >= MAX_OBJECTS) this.byObject.clear()
    this.byObject.set(units, n)
    return n
  }

  at(place: number): Pick<RowUnits, 'town' | 'village'> {
    return this.list[place]!
  }
}

const EMPTY_ROW = -1

/** A buffer of `size` bytes holding the first `used` of `buffer`. */
function grown(buffer: Buffer, used: number, size: number): Buffer {
  const bigger = Buffer.allocUnsafe(size)
  buffer.copy(bigger, 0, 0, used)
  return bigger
}

/**
 * Names and places kept for good, by row (the rows of repeated IDs, copied out of RecentNames when
 * the repeat is seen): an open-addressing table of typed arrays and one growing buffer of UTF-8.
 * A roster drawn at random repeats the IDs of millions of rows; as a Map of objects and strings
 * they took most of a gigabyte of heap.
 */
export class KeptNames {
  private capacity = 1 << 10
  private rows = new Int32Array(this.capacity).fill(EMPTY_ROW)
  private starts = new Float64Array(this.capacity)
  private lengths = new Uint32Array(this.capacity)
  private places = new Uint32Array(this.capacity)
  private bytes: Buffer = Buffer.allocUnsafe(1 << 16)
  private used = 0
  private size = 0

  /** Keeps `name` and `place` for `row` (a row kept already keeps its first name). */
  add(row: number, name: string, place: number): void {
    if ((this.size + 1) * 2 > this.capacity) this.grow()
    let slot = this.slotOf(row)
    while (this.rows[slot] !== EMPTY_ROW) {
      if (this.rows[slot] === row) return
      slot = (slot + 1) & (this.capacity - 1)
    }
    const most = name.length * 3
    if (this.used + most > this.bytes.length) this.bytes = grown(this.bytes, this.used, Math.max(this.bytes.length * 2, this.used + most))
    const n = this.bytes.write(name, this.used, 'utf8')
    this.rows[slot] = row
    this.starts[slot] = this.used
    this.lengths[slot] = n
    this.places[slot] = place
    this.used += n
    this.size++
  }

  get(row: number): RecentName | undefined {
    for (let slot = this.slotOf(row); this.rows[slot] !== EMPTY_ROW; slot = (slot + 1) & (this.capacity - 1)) {
      if (this.rows[slot] !== row) continue
      const start = this.starts[slot]!
      return {name: this.bytes.toString('utf8', start, start + this.lengths[slot]!), place: this.places[slot]!}
    }
    return undefined
  }

  private slotOf(row: number): number {
    return (Math.imul(row, 0x9e3779b1) >>> 0) & (this.capacity - 1)
  }

  private grow(): void {
    const {rows, starts, lengths, places} = this
    this.capacity *= 2
    this.rows = new Int32Array(this.capacity).fill(EMPTY_ROW)
    this.starts = new Float64Array(this.capacity)
    this.lengths = new Uint32Array(this.capacity)
    this.places = new Uint32Array(this.capacity)
    for (let i = 0; i < rows.length; i++) {
      if (rows[i] === EMPTY_ROW) continue
      let slot = this.slotOf(rows[i]!)
      while (this.rows[slot] !== EMPTY_ROW) slot = (slot + 1) & (this.capacity - 1)
      this.rows[slot] = rows[i]!
      this.starts[slot] = starts[i]!
      this.lengths[slot] = lengths[i]!
      this.places[slot] = places[i]!
    }
  }
}
