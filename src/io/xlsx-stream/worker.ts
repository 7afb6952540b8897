import {parentPort, workerData} from 'node:worker_threads'

import {workerErrorMessage} from '../worker-mailbox.js'
import type {ReadOptions} from '../types.js'
import {readXlsxInThread} from './read.js'
import type {FromWorker, ToWorker} from './worker-protocol.js'
import {BATCH_ROWS} from './worker-protocol.js'

// The worker that reads a workbook (inflating, parsing, merging) while the main thread works on
// the rows it has already received: the rows go over in batches, at most a few ahead of the
// reader, so that memory stays bounded by the batches in flight.

const port = parentPort!
const {file, options, ahead} = workerData as {file: string; options: ReadOptions; ahead: number}

let credits = ahead
let stopped = false
let wake: (() => void) | undefined
port.on('message', (m: ToWorker) => {
  if (m.type === 'more') credits++
  else stopped = true
  wake?.()
})

const send = (m: FromWorker): void => port.postMessage(m)

async function main(): Promise<void> {
  const source = await readXlsxInThread(file, options)
  send({type: 'info', info: source.info})
  let numbers: number[] = []
  let counts: number[] = []
  let cells: string[] = []
  let longs: number[] = []
  const flush = async (): Promise<boolean> => {
    while (credits === 0 && !stopped) await new Promise<void>((resolve) => (wake = resolve))
    if (stopped) return false
    credits--
    send({type: 'rows', numbers: Int32Array.from(numbers), counts: Uint32Array.from(counts), cells, longs: Int32Array.from(longs)})
    numbers = []
    counts = []
    cells = []
    longs = []
    return true
  }
  for await (const row of source.rows) {
    numbers.push(row.row)
    counts.push(row.cells.length)
    for (const c of row.cells) cells.push(c)
    // Long-number flags as (row index in the batch, column) pairs.
    if (row.longNumbers) for (const col of row.longNumbers) longs.push(numbers.length - 1, col)
    if (numbers.length >= BATCH_ROWS && !(await flush())) return
  }
  if (numbers.length > 0 && !(await flush())) return
  send({type: 'end'})
}

main().then(
  () => port.close(),
  (error: unknown) => {
    send(workerErrorMessage(error))
    port.close()
  },
)
