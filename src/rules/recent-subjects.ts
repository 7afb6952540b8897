import type {SubjectCells} from '../findings/subject.js'
import {FIELD_SEPARATOR, wellFormed, withoutSeparator} from '../strings.js'

/** Rows whose subject cells stay at hand for ID_DUPLICATE (older ones are read again if needed). */
export const RECENT_ROWS = 1 << 16

/** Bytes of the ring: 65,536 rows of about 100 bytes of UTF-8 each fit with room to spare. */
const RING_BYTES = 16 * 1024 * 1024

const FIELDS = ['reportingUnit', 'regionCode', 'county', 'town', 'village', 'idNumber', 'name', 'birthDate'] as const satisfies readonly (keyof SubjectCells)[]
const SEPARATOR_BYTE = FIELD_SEPARATOR.charCodeAt(0)

/**
 * The subject cells (name, town, village, …) of the last RECENT_ROWS rows with a valid ID: an
 * ID_DUPLICATE finding names the child of its own row, but which rows repeat an ID is known only at
 * the end. Keeping every row's cells would cost a million-row roster hundreds of megabytes. They
 * are kept as UTF-8 in a ring outside the heap: as an object of eight strings a row (slices of the
 * decoded text), each lived long enough to be promoted and then died, and validate of a million
 * rows spent a quarter of its time (4.5 s of 19.7) on them.
 */
export class RecentSubjects {
  private readonly rows = new Int32Array(RECENT_ROWS).fill(-1)
  /** Where each slot's text starts, counted over everything ever written (the ring wraps). */
  private readonly starts = new Float64Array(RECENT_ROWS)
  private readonly lengths = new Uint32Array(RECENT_ROWS)
  private readonly ring = Buffer.allocUnsafe(RING_BYTES)
  private written = 0

  /** The values of this row's fields, reused from row to row. */
  private readonly values: string[] = FIELDS.map(() => '')

  /** Remembers the subject cells of `row`, read through `cells.get` (a row's context: no object a row). */
  remember(row: number, cells: {get(field: string): string}): void {
    const slot = row & (RECENT_ROWS - 1)
    this.rows[slot] = -1
    let units = 0
    for (let i = 0; i < FIELDS.length; i++) {
      const v = withoutSeparator(cells.get(FIELDS[i]!))
      // A lone surrogate would not come back from UTF-8: such a row is read again if a duplicate needs it.
      if (!wellFormed(v)) return
      this.values[i] = v
      units += v.length
    }
    const most = units * 3 + FIELDS.length
    // A giant cell would crowd out the rest: read again too.
    if (most > RING_BYTES / 64) return
    let at = this.written % RING_BYTES
    if (at + most > RING_BYTES) {
      this.written += RING_BYTES - at
      at = 0
    }
    let n = 0
    for (let i = 0; i < FIELDS.length; i++) {
      if (i > 0) this.ring[at + n++] = SEPARATOR_BYTE
      n += this.ring.write(this.values[i]!, at + n, 'utf8')
    }
    this.rows[slot] = row
    this.starts[slot] = this.written
    this.lengths[slot] = n
    this.written += n
  }

  get(row: number): SubjectCells | undefined {
    const slot = row & (RECENT_ROWS - 1)
    if (this.rows[slot] !== row) return undefined
    const start = this.starts[slot]!
    // Written over since: the ring has gone round past it.
    if (this.written - start > RING_BYTES) return undefined
    const at = start % RING_BYTES
    const values = this.ring.toString('utf8', at, at + this.lengths[slot]!).split(FIELD_SEPARATOR)
    const cells: SubjectCells = {}
    FIELDS.forEach((f, i) => (cells[f] = values[i]!))
    return cells
  }
}
