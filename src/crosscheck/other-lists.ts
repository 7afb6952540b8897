import {Worker} from 'node:worker_threads'

import {type ReadAheadFile, openReadAheadFile, readAheadPiece} from '../io/read-ahead-file.js'
import {workerError, workerMailbox} from '../io/worker-mailbox.js'
import {workerScript} from '../io/worker-script.js'

import type {KeptRows} from './kept-rows.js'
import {type FromWorker, type OtherList, ROW, type RowsBatch, type ToWorker, type WorkerData} from './other-lists-protocol.js'
import type {RegionScheme} from './tokenized.js'

// Both cores for crosscheck: while the main thread reads the lists into the record store and
// links them (one thread: the packed per-pair loop), a worker (other-lists-worker.ts) already
// reads the lists other than the primary one a second time and packs the values the checks
// compare. When linking ends, the second pass takes their rows from the worker instead of reading
// them again; only the primary list is read a second time on the main thread. The worker reads
// all of them while the main thread links, its rows held in an encrypted read-ahead file
// (io/read-ahead-file.ts), not in memory: on 4.5 million rows the second pass had waited for it
// 12 to 15 s when it could hold only `budget` bytes ahead.
//
// LIUSHOU_XC_THREAD=main keeps it all on the main thread (as on one core, where a worker would
// only take turns with the main thread): the report is the same either way.

export type {OtherList} from './other-lists-protocol.js'
export {ROW} from './other-lists-protocol.js'

/**
 * Bytes of packed values the worker may hold ready in messages before the main thread takes them
 * (600,000 to a million rows), when there is no read-ahead file. Linking is the run's memory
 * peak: with 192 MB ahead, crosscheck of 4.5 million rows peaked 285 MB above the single thread's
 * 2.5 GB.
 */
const DEFAULT_BUDGET = 64 * 1024 * 1024

let workerUrl: URL | null | undefined

/** The worker's script, when the code runs built on two cores or more and no one asked for one thread. */
function otherListsWorkerUrl(): URL | null {
  if (workerUrl === undefined) workerUrl = workerScript(new URL('./other-lists-worker.js', import.meta.url), 'LIUSHOU_XC_THREAD')
  return workerUrl
}

/** One batch of a list's rows as the main thread reads them. */
export class OtherRows {
  private readonly text: Buffer
  private readonly odd: Map<number, string> | undefined
  private readonly failures: Map<number, string> | undefined

  constructor(
    private readonly batch: RowsBatch,
    aheadFile?: ReadAheadFile,
  ) {
    if (batch.piece !== undefined && aheadFile === undefined) throw new Error('a batch in the read-ahead file came without the file')
    this.text = batch.piece !== undefined ? readAheadPiece(aheadFile!, batch.piece) : Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength)
    this.odd = batch.odd.length > 0 ? new Map(batch.odd) : undefined
    this.failures = batch.failures.length > 0 ? new Map(batch.failures) : undefined
  }

  get length(): number {
    return this.batch.flags.length
  }

  /** The row's ROW flags. */
  flags(i: number): number {
    return this.batch.flags[i]!
  }

  /** The row's packed values (packed-values.ts). */
  packed(i: number): string {
    if (this.notUtf8(i)) return this.odd!.get(i)!
    return this.text.toString('utf8', this.from(i), this.batch.ends[i]!)
  }

  /** Keeps the row's packed values in `kept` at `index`, as UTF-8 where they travelled so. */
  keep(i: number, kept: KeptRows, index: number): void {
    if (this.notUtf8(i)) kept.keepString(index, this.odd!.get(i)!)
    else kept.keepBytes(index, this.text, this.from(i), this.batch.ends[i]!)
  }

  /** Throws the error reading the row raised; true when its values travelled as a string (ROW.ODD). */
  private notUtf8(i: number): boolean {
    const flags = this.batch.flags[i]!
    if (flags & ROW.FAILED) throw new Error(this.failures?.get(i) ?? 'reading the row failed')
    return (flags & ROW.ODD) !== 0
  }

  private from(i: number): number {
    return i === 0 ? 0 : this.batch.ends[i - 1]!
  }
}

export interface OtherListsReader {
  /** Starts reading, once the run's region scheme is known (undefined: plain lists). */
  start(scheme: RegionScheme | undefined): void
  /** The batches of the i-th list, in row order. */
  batches(list: number): AsyncGenerator<OtherRows>
  /** Stops the worker (at the end, or when the run fails). */
  close(): Promise<void>
}

/**
 * A worker reading `lists` (the lists other than the primary one, in the order the second pass
 * takes them), or undefined where the work stays on the main thread (one core,
 * LIUSHOU_XC_THREAD=main, or the code run from its TypeScript sources).
 */
export function readOtherLists(
  lists: OtherList[],
  options: {budget?: number; workerUrl?: URL; readAhead?: boolean; /** A read-ahead file of the caller's (tests: one that cannot be written). */ aheadFile?: ReturnType<typeof openReadAheadFile>} = {},
): OtherListsReader | undefined {
  const url = options.workerUrl ?? otherListsWorkerUrl()
  if (url === null || lists.length === 0) return undefined
  const budget = options.budget ?? DEFAULT_BUDGET
  const ahead = options.readAhead === false ? undefined : (options.aheadFile ?? openReadAheadFile())
  const data: WorkerData = {lists, budget}
  if (ahead) data.aheadFile = ahead.file
  // The worker reads a workbook on its own thread: a third thread would only take turns on two cores.
  let worker: Worker
  try {
    worker = new Worker(url, {workerData: data, env: {...process.env, LIUSHOU_XLSX_THREAD: 'main'}})
  } catch (error) {
    ahead?.close()
    throw error
  }
  const next = workerMailbox<FromWorker>(worker, 'the worker reading the other lists')
  // The worker never keeps the process alive by itself: only while the main thread awaits it.
  worker.unref()

  const send = (m: ToWorker): void => worker.postMessage(m)

  let current = 0
  return {
    start(scheme) {
      send({type: 'go', scheme})
    },
    async *batches(list) {
      if (list !== current) throw new Error(`the other lists are taken in order: list ${current} before ${list}`)
      for (;;) {
        const m = await next()
        if (m.type === 'error') throw workerError(m, 'the worker reading the other lists failed')
        if (m.list !== list) throw new Error(`the worker sent list ${m.list} for list ${list}`)
        if (m.type === 'end') {
          current++
          return
        }
        send({type: 'took', bytes: m.bytes.byteLength})
        yield new OtherRows(m, ahead?.file)
      }
    },
    async close() {
      // The worker writes through the file's descriptor: it stops before the descriptor closes.
      await worker.terminate()
      ahead?.close()
    },
  }
}
