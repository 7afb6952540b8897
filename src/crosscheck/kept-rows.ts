import {wellFormed} from '../strings.js'

// The packed rows (packed-values.ts) crosscheck's second pass keeps until their child is
// reconciled: the other lists' rows of children on the primary list, two million of them for
// 4.5 million rows. As strings they took 180 bytes each on the heap, and V8 let the heap grow to
// twice what they and the rest kept alive; here they are UTF-8 in chunks outside the heap (about
// 110 bytes each), and a chunk goes when its last row is taken.

const CHUNK_BYTES = 8 * 1024 * 1024

/** Packed rows by record index, each taken once. */
export class KeptRows {
  /** Byte position of a record's row over all chunks, -1 when none is kept there. */
  private readonly start: Float64Array
  private readonly length: Uint32Array
  private readonly chunks: (Buffer | undefined)[] = []
  /** Rows not yet taken, per chunk. */
  private live: number[] = []
  private used = CHUNK_BYTES
  /** Rows UTF-8 would change (a lone surrogate) or too long for a chunk: kept as strings. */
  private readonly strings = new Map<number, string>()

  constructor(records: number) {
    this.start = new Float64Array(records).fill(-1)
    this.length = new Uint32Array(records)
  }

  keepString(index: number, packed: string): void {
    if (packed.length * 3 > CHUNK_BYTES || !wellFormed(packed)) {
      this.strings.set(index, packed)
      return
    }
    const chunk = this.room(packed.length * 3)
    const written = chunk.write(packed, this.used, 'utf8')
    this.place(index, written)
  }

  /** Keeps `text[from, to)`, the UTF-8 of a packed row. */
  keepBytes(index: number, text: Buffer, from: number, to: number): void {
    const n = to - from
    if (n > CHUNK_BYTES) {
      this.strings.set(index, text.toString('utf8', from, to))
      return
    }
    const chunk = this.room(n)
    text.copy(chunk, this.used, from, to)
    this.place(index, n)
  }

  /** The row kept at `index`, which is no longer kept; undefined when none was. */
  take(index: number): string | undefined {
    const at = this.start[index]!
    if (at < 0) {
      const s = this.strings.get(index)
      if (s !== undefined) this.strings.delete(index)
      return s
    }
    this.start[index] = -1
    const c = Math.floor(at / CHUNK_BYTES)
    const offset = at - c * CHUNK_BYTES
    const packed = this.chunks[c]!.toString('utf8', offset, offset + this.length[index]!)
    if (--this.live[c]! === 0 && c < this.chunks.length - 1) this.chunks[c] = undefined
    return packed
  }

  /** The current chunk, with `bytes` free after `used` (a new chunk when it has not). */
  private room(bytes: number): Buffer {
    if (this.used + bytes > CHUNK_BYTES) {
      this.chunks.push(Buffer.allocUnsafe(CHUNK_BYTES))
      this.live.push(0)
      this.used = 0
    }
    return this.chunks[this.chunks.length - 1]!
  }

  private place(index: number, bytes: number): void {
    const c = this.chunks.length - 1
    this.start[index] = c * CHUNK_BYTES + this.used
    this.length[index] = bytes
    this.used += bytes
    this.live[c]!++
  }
}
