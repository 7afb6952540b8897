import {Worker} from 'node:worker_threads'

import type {RawRow, ReadOptions, RowSource, SourceInfo} from '../types.js'
import {workerError, workerMailbox} from '../worker-mailbox.js'
import type {FromWorker, ToWorker} from './worker-protocol.js'

// The main thread's side of the reading worker (worker.ts): the workbook is inflated and parsed on
// the other core, and its rows arrive here in batches while the caller works on the ones before.
// On the benchmark workbook (683,000 rows × 9 columns) receiving the rows costs the main thread
// 0.7–1.1 s instead of the 3.6–4.3 s of reading them itself; the whole costs about 1.4 s more
// CPU, which a second core pays for.

/** Batches the worker may send before the main thread has taken the first. */
const AHEAD = 4

export async function readXlsxInWorker(file: string, options: ReadOptions, workerUrl: URL): Promise<RowSource> {
  const worker = new Worker(workerUrl, {workerData: {file, options: {sheet: options.sheet}, ahead: AHEAD}})
  /** The next message; the worker keeps the process alive only while one is awaited. */
  const next = workerMailbox<FromWorker>(worker, 'the workbook reader')
  const send = (m: ToWorker): void => worker.postMessage(m)

  let first: FromWorker
  try {
    first = await next()
  } catch (error) {
    void worker.terminate()
    throw error
  }
  if (first.type === 'error') throw workerError(first)
  if (first.type !== 'info') throw new Error(`the workbook reader sent ${first.type} first`)
  const info: SourceInfo = first.info

  async function* rows(): AsyncGenerator<RawRow> {
    let done = false
    try {
      for (;;) {
        const m = await next()
        if (m.type === 'end') {
          done = true
          return
        }
        if (m.type === 'error') {
          done = true
          throw workerError(m)
        }
        if (m.type !== 'rows') continue
        send({type: 'more'})
        const {numbers, counts, cells, longs} = m
        let at = 0
        let flag = 0
        for (let i = 0; i < numbers.length; i++) {
          const count = counts[i]!
          const row: RawRow = {row: numbers[i]!, cells: cells.slice(at, at + count)}
          at += count
          if (flag < longs.length && longs[flag] === i) {
            const cols: number[] = []
            while (flag < longs.length && longs[flag] === i) {
              cols.push(longs[flag + 1]!)
              flag += 2
            }
            row.longNumbers = cols
          }
          yield row
        }
      }
    } finally {
      // Stopped early (or failed): the worker closes the workbook and ends.
      if (!done) send({type: 'stop'})
      worker.unref()
    }
  }

  worker.unref()
  return {info, rows: rows()}
}
