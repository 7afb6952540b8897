import {parentPort, workerData} from 'node:worker_threads'

import {workerErrorMessage} from '../io/worker-mailbox.js'
import {type ReadAheadPiece, ReadAheadWriter} from '../io/read-ahead-file.js'
import {openRoster} from '../schema/roster.js'
import {BATCH_ROWS, type FromWorker, ROW, type RowsBatch, type ToWorker, type WorkerData} from './other-lists-protocol.js'
import {otherRowFlags} from './other-rows.js'
import {packValues} from './packed-values.js'
import {wellFormed} from '../strings.js'
import {type RegionScheme, xcTokenValues} from './tokenized.js'
import {xcValues} from './values.js'

// The second pass over the lists other than the primary one, on the other core, while the main
// thread reads the lists and links them (other-lists.ts is the main thread's side). Every row's
// values are packed, and shipped as UTF-8 in transferred buffers: the main thread decodes only
// the rows it keeps. The worker writes them to the read-ahead file and goes on reading: it reads
// all the lists while the main thread links, and the second pass never waits for it. Without a
// read-ahead file (none could be made, or the disk filled) they travel in the messages, and the
// worker stays at most `budget` bytes ahead of the main thread.

const port = parentPort!
const {lists, budget, aheadFile} = workerData as WorkerData
let aheadWriter = aheadFile ? new ReadAheadWriter(aheadFile) : undefined

let scheme: RegionScheme | undefined
let started: (() => void) | undefined
const go = new Promise<void>((resolve) => (started = resolve))
let ahead = 0
let wake: (() => void) | undefined
port.on('message', (m: ToWorker) => {
  if (m.type === 'go') {
    scheme = m.scheme
    started?.()
  } else {
    ahead -= m.bytes
    wake?.()
  }
})

const encoder = new TextEncoder()

class Batch {
  flags = new Uint8Array(BATCH_ROWS)
  ends = new Uint32Array(BATCH_ROWS)
  bytes = new Uint8Array(BATCH_ROWS * 192)
  used = 0
  rows = 0
  odd: [number, string][] = []
  failures: [number, string][] = []

  constructor(readonly list: number) {}

  add(flags: number, packed: string): void {
    const i = this.rows++
    if (!wellFormed(packed)) {
      // A lone surrogate would come back from UTF-8 as U+FFFD: such a row travels as a string.
      this.odd.push([i, packed])
      flags |= ROW.ODD
    } else {
      // At most three bytes of UTF-8 per UTF-16 unit.
      if (this.used + packed.length * 3 > this.bytes.length) {
        const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.used + packed.length * 3))
        bigger.set(this.bytes.subarray(0, this.used))
        this.bytes = bigger
      }
      this.used += encoder.encodeInto(packed, this.bytes.subarray(this.used)).written
    }
    this.flags[i] = flags
    this.ends[i] = this.used
  }

  fail(flags: number, message: string): void {
    const i = this.rows++
    this.failures.push([i, message])
    this.flags[i] = flags | ROW.FAILED
    this.ends[i] = this.used
  }

  /** The batch as a message: its UTF-8 in it, or where the read-ahead file holds it. */
  message(piece?: ReadAheadPiece): RowsBatch {
    // Copies of the used parts only: the spare capacity does not travel.
    const m: RowsBatch = {type: 'rows', list: this.list, flags: this.flags.slice(0, this.rows), bytes: piece ? new Uint8Array(0) : this.bytes.slice(0, this.used), ends: this.ends.slice(0, this.rows), odd: this.odd, failures: this.failures}
    if (piece) m.piece = piece
    return m
  }

  get text(): Uint8Array {
    return this.bytes.subarray(0, this.used)
  }
}

async function send(batch: Batch): Promise<void> {
  let piece: ReadAheadPiece | undefined
  try {
    piece = aheadWriter?.write(batch.text)
  } catch {
    // A full or failing disk: from here on the rows travel in the messages, within the budget.
    aheadWriter = undefined
  }
  if (piece === undefined) {
    while (ahead >= budget) await new Promise<void>((resolve) => (wake = resolve))
  }
  const m = batch.message(piece)
  ahead += m.bytes.length
  port.postMessage(m, [m.flags.buffer as ArrayBuffer, m.bytes.buffer as ArrayBuffer, m.ends.buffer as ArrayBuffer])
}

async function main(): Promise<void> {
  await go
  const valuesOf: typeof xcValues = scheme === undefined ? xcValues : (roster, row) => xcTokenValues(roster, row, scheme!)
  for (const [list, {files, department}] of lists.entries()) {
    for (const {file, options} of files) {
      const roster = await openRoster(file, options)
      let batch = new Batch(list)
      for await (const row of roster.rows) {
        const flags = otherRowFlags(roster, row, department)
        if (flags & ROW.SKIP) batch.add(flags, '')
        else {
          let packed: string | undefined
          let failure: string | undefined
          try {
            packed = packValues(valuesOf(roster, row))
          } catch (error) {
            failure = (error as Error)?.message ?? String(error)
          }
          if (packed === undefined) batch.fail(flags, failure ?? '')
          else batch.add(flags, packed)
        }
        if (batch.rows === BATCH_ROWS) {
          await send(batch)
          batch = new Batch(list)
        }
      }
      if (batch.rows > 0) await send(batch)
    }
    port.postMessage({type: 'end', list} satisfies FromWorker)
  }
}

main().then(
  () => port.close(),
  (error: unknown) => {
    const m: FromWorker = workerErrorMessage(error)
    port.postMessage(m)
    port.close()
  },
)
