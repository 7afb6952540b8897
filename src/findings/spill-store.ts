import {createCipheriv, createDecipheriv, randomBytes} from 'node:crypto'
import {closeSync, openSync, readSync, writeSync} from 'node:fs'
import path from 'node:path'
import {StringDecoder} from 'node:string_decoder'

import {UserError} from '../errors.js'
import {createSpillDir, removeSpillDir} from './spill-dir.js'

// A roster of ten million rows can yield millions of findings; held as objects until the report
// is written they took gigabytes. The store keeps a bounded buffer and, when it is full, writes it
// out as a sorted run; reading merges the runs back in report order (group — a finding's dataset,
// in input order — then row, then the order they were added: ID_DUPLICATE comes after every row,
// yet sorts among them). Runs are encrypted with a key that lives only in this process, so the
// personal data in them is unreadable on disk even when the report is not masked, and their
// folder never outlives the process.

export interface SpillLimits {
  /** Estimated bytes held in memory before a run is written (default 16 MB). */
  maxBytes?: number
  /** Items held in memory before a run is written (default: no count limit). */
  maxItems?: number
}

/** Where an item sorts, and what it costs in memory. */
export interface SpillOrder<T> {
  group(item: T): string
  position(item: T): number
  /** Rough heap bytes of the item. */
  bytes(item: T): number
}

interface Entry<T> {
  seq: number
  item: T
  position: number
}

/** One group's items of one run: a byte range of the run's file, encrypted on its own. */
interface Segment {
  group: string
  runFile: string
  start: number
  end: number
  iv: Buffer
}

// A small buffer does better than a large one: what it holds is promoted to the old generation
// before it is written out, and V8 lets old garbage grow with the live heap (a 48 MB buffer peaked
// 180 MB higher over a million findings). Reading back, the runs share a 16 MB budget of chunks.
const DEFAULT_MAX_BYTES = 16 * 1024 * 1024
const READ_BUDGET = 16 * 1024 * 1024
const MIN_CHUNK = 16 * 1024
const MAX_CHUNK = 128 * 1024
const WRITE_BATCH = 1000

/** Environment knob for tests and tuning: items held in memory before spilling. */
function maxItemsFromEnv(): number | undefined {
  const n = Number(process.env.LIUSHOU_FINDINGS_IN_MEMORY)
  return Number.isInteger(n) && n > 0 ? n : undefined
}

const byPosition = <T>(a: Entry<T>, b: Entry<T>): number => a.position - b.position || a.seq - b.seq

export class SpillStore<T> {
  private readonly buffer = new Map<string, Entry<T>[]>()
  private buffered = 0
  private bufferedBytes = 0
  private seq = 0
  private readonly segments: Segment[] = []
  private readonly key = randomBytes(32)
  private dir: string | undefined
  private runs = 0
  private released = false
  private readonly maxBytes: number
  private readonly maxItems: number

  constructor(
    private readonly order: SpillOrder<T>,
    limits: SpillLimits = {},
  ) {
    this.maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES
    this.maxItems = limits.maxItems ?? maxItemsFromEnv() ?? Number.POSITIVE_INFINITY
  }

  get length(): number {
    return this.seq
  }

  /** How many runs went to disk so far. */
  get spilledRuns(): number {
    return this.runs
  }

  add(item: T): void {
    if (this.released) throw new Error('items added to a released store')
    const group = this.order.group(item)
    let list = this.buffer.get(group)
    if (!list) this.buffer.set(group, (list = []))
    list.push({seq: this.seq++, item, position: this.order.position(item)})
    this.buffered++
    this.bufferedBytes += this.order.bytes(item)
    if (this.buffered >= this.maxItems || this.bufferedBytes >= this.maxBytes) this.spill()
  }

  /**
   * Every item in order: groups by `groupOrder` (groups not in it rank with the first), then
   * position, then the order they were added. Readable again and again until released.
   */
  *iterate(groupOrder: string[]): Generator<T> {
    if (this.released) throw new Error('this store was released')
    const rank = new Map(groupOrder.map((d, i) => [d, i]))
    const rankOf = (group: string) => rank.get(group) ?? 0
    const ranks = [...new Set([...this.buffer.keys(), ...this.segments.map((s) => s.group)].map(rankOf))].sort((a, b) => a - b)
    for (const r of ranks) yield* this.merged((group) => rankOf(group) === r)
  }

  /** One group's items, by position then the order they were added; reads only that group's runs. */
  *iterateGroup(group: string): Generator<T> {
    if (this.released) throw new Error('this store was released')
    yield* this.merged((g) => g === group)
  }

  private *merged(wanted: (group: string) => boolean): Generator<T> {
    const sources: Cursor<T>[] = []
    const segments = this.segments.filter((s) => wanted(s.group))
    const chunk = Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, Math.floor(READ_BUDGET / Math.max(1, segments.length))))
    for (const segment of segments) sources.push(new SegmentCursor<T>(segment, this.key, chunk))
    for (const [group, entries] of this.buffer) {
      if (!wanted(group)) continue
      entries.sort(byPosition)
      sources.push(new ArrayCursor(entries))
    }
    yield* merge(sources)
  }

  /** Deletes the spilled runs; the store cannot be read afterwards. */
  release(): void {
    this.released = true
    this.buffer.clear()
    if (this.dir) removeSpillDir(this.dir, this)
    this.dir = undefined
  }

  private spill(): void {
    try {
      this.writeRun()
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (!code) throw error
      // A full or read-only temporary folder is the user's to fix (TMPDIR names another one).
      throw new UserError({en: `cannot write findings to the temporary folder (${code}); set TMPDIR to a folder with free space`, zh: `无法把问题写入临时文件夹（${code}）；请把 TMPDIR 设为有剩余空间的文件夹`}, this.dir)
    }
  }

  private writeRun(): void {
    this.dir ??= createSpillDir(this)
    const file = path.join(this.dir, `run-${this.runs++}`)
    const fd = openSync(file, 'wx', 0o600)
    let offset = 0
    const write = (bytes: Buffer) => {
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done)
      offset += bytes.length
    }
    try {
      for (const [group, entries] of this.buffer) {
        entries.sort(byPosition)
        const iv = randomBytes(16)
        const cipher = createCipheriv('aes-256-ctr', this.key, iv)
        const start = offset
        for (let i = 0; i < entries.length; i += WRITE_BATCH) {
          write(cipher.update(entries.slice(i, i + WRITE_BATCH).map(encode).join(''), 'utf8'))
        }
        write(cipher.final())
        this.segments.push({group, runFile: file, start, end: offset, iv})
      }
    } finally {
      closeSync(fd)
    }
    this.buffer.clear()
    this.buffered = 0
    this.bufferedBytes = 0
  }
}

// JSON keeps an object's keys in their order, and escapes line breaks inside strings: one line
// an item.
function encode<T>(e: Entry<T>): string {
  return `${JSON.stringify([e.seq, e.position, e.item])}\n`
}

function decode<T>(line: string): Entry<T> {
  const [seq, position, item] = JSON.parse(line) as [number, number, T]
  return {seq, position, item}
}

interface Cursor<T> {
  /** The current entry, or undefined at the end. */
  head: Entry<T> | undefined
  advance(): void
}

class ArrayCursor<T> implements Cursor<T> {
  private i = 0
  head: Entry<T> | undefined
  constructor(private readonly entries: Entry<T>[]) {
    this.head = entries[0]
  }
  advance(): void {
    this.head = this.entries[++this.i]
  }
}

/** Reads one segment back a chunk at a time; the file is opened only for each read. */
class SegmentCursor<T> implements Cursor<T> {
  head: Entry<T> | undefined
  private position: number
  private readonly decipher
  private readonly decoder = new StringDecoder('utf8')
  private lines: string[] = []
  private next = 0
  private partial = ''

  constructor(
    private readonly segment: Segment,
    key: Buffer,
    private readonly chunk: number,
  ) {
    this.position = segment.start
    this.decipher = createDecipheriv('aes-256-ctr', key, segment.iv)
    this.advance()
  }

  advance(): void {
    while (this.next >= this.lines.length) {
      if (!this.fill()) {
        this.head = undefined
        return
      }
    }
    this.head = decode<T>(this.lines[this.next++]!)
  }

  private fill(): boolean {
    const size = Math.min(this.chunk, this.segment.end - this.position)
    if (size <= 0) return false
    const chunk = Buffer.allocUnsafe(size)
    const fd = openSync(this.segment.runFile, 'r')
    let got = 0
    try {
      while (got < size) {
        const n = readSync(fd, chunk, got, size - got, this.position + got)
        if (n === 0) throw new Error('a findings spill file was cut short')
        got += n
      }
    } finally {
      closeSync(fd)
    }
    this.position += size
    const text = this.partial + this.decoder.write(this.decipher.update(chunk))
    const lines = text.split('\n')
    this.partial = lines.pop() ?? ''
    this.lines = lines
    this.next = 0
    return true
  }
}

/** k-way merge by position, then the order of adding: a binary heap of cursors keyed on their heads. */
function* merge<T>(sources: Cursor<T>[]): Generator<T> {
  const heap = sources.filter((c) => c.head !== undefined)
  const less = (a: Cursor<T>, b: Cursor<T>) => byPosition(a.head!, b.head!) < 0
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r
      if (m === i) return
      ;[heap[i], heap[m]] = [heap[m]!, heap[i]!]
      i = m
    }
  }
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i)
  while (heap.length > 0) {
    const top = heap[0]!
    yield top.head!.item
    top.advance()
    if (top.head === undefined) {
      const last = heap.pop()!
      if (heap.length === 0) return
      heap[0] = last
    }
    down(0)
  }
}
