import {stat} from 'node:fs/promises'
import {MessageChannel, Worker, receiveMessageOnPort} from 'node:worker_threads'

import {workerError} from '../io/worker-mailbox.js'
import {workerScript} from '../io/worker-script.js'
import type {Roster, RosterRow} from '../schema/roster.js'
import type {RuleOptions} from './context.js'
import {type CheckerSetup, type FromChecker, type PackedRows, type ToChecker, packRows, shapeOf} from './row-batches.js'
import type {CheckedRows, RowChecker, TakenUnits} from './row-checks.js'

// validate on both cores: the main thread reads the roster and cuts it into batches; a worker
// (check-worker.ts) runs the row rules on some of them, the main thread on the others, and the
// validator takes every batch's results in the rows' order — findings, fingerprints and counts
// come out exactly as one thread makes them. Which batch goes where is decided as they come: the
// worker gets the next one while it has fewer than IN_FLIGHT, so the thread with less to do
// (the main thread also reads the file) does more.

/** Rows per batch: a message costs tens of microseconds, a batch's rules about ten milliseconds. */
const BATCH_ROWS = 1024

/** Batches the worker holds at once: one being checked, one waiting, so it never idles. */
const IN_FLIGHT = 2

/** Batches checked and not yet taken (waiting behind an earlier one still at the worker). */
const MAX_WAITING = 16

/**
 * Files smaller than this are checked on the main thread: starting the worker (its modules, the
 * region tables) costs about what it saves on 50,000 rows (7 MB of GB18030: 1.38 s either way).
 */
const MIN_BYTES = 8 << 20

/** A batch's results, from wherever it was checked. */
export interface Checked {
  seq: number
  checked: CheckedRows
}

/** Checks batches somewhere else than the calling thread. */
export interface BatchChecker {
  send(seq: number, rows: PackedRows): void
  /** A result that has come back, if one has; never waits. */
  poll(): Checked | undefined
  /** The next result, waiting for it. */
  next(): Promise<Checked>
  close(): void
}

/** Where a roster's batches are checked besides the calling thread; undefined: on the calling thread only. */
export type CheckerFor = (roster: Roster, options: RuleOptions) => Promise<BatchChecker | undefined>

/** What validate's feed gives the batches to: the main thread's checker and where the results go. */
export interface BatchValidator {
  rowChecker(): RowChecker
  /** Takes a batch's results, in the rows' order; `units` is kept from batch to batch, one per checker. */
  take(numbers: Int32Array, checked: CheckedRows, units: TakenUnits[]): void
}

/**
 * Streams a roster's rows through `validator`, checking batches on the main thread and on
 * `remote`; returns the number of rows. `remote` is closed at the end, or when reading fails.
 */
export async function feedInParallel(validator: BatchValidator, roster: Roster, remote: BatchChecker, onProgress?: (rows: number) => void): Promise<number> {
  const local = validator.rowChecker()
  interface Entry {
    numbers: Int32Array
    checked?: CheckedRows
    units: TakenUnits[]
  }
  const localUnits: TakenUnits[] = []
  const remoteUnits: TakenUnits[] = []
  const queue: Entry[] = []
  const atWorker = new Map<number, Entry>()
  let seq = 0
  const arrived = (r: Checked): void => {
    const entry = atWorker.get(r.seq)
    if (!entry) throw new Error(`validate's checking worker sent batch ${r.seq}, which it was not given`)
    entry.checked = r.checked
    atWorker.delete(r.seq)
  }
  const drain = (): void => {
    for (let r = remote.poll(); r; r = remote.poll()) arrived(r)
    while (queue.length > 0 && queue[0]!.checked) {
      const entry = queue.shift()!
      validator.take(entry.numbers, entry.checked!, entry.units)
    }
  }
  const dispatch = async (rows: RosterRow[]): Promise<void> => {
    drain()
    let entry: Entry
    if (atWorker.size < IN_FLIGHT) {
      const packed = packRows(rows)
      entry = {numbers: packed.numbers, units: remoteUnits}
      remote.send(seq, packed)
      atWorker.set(seq, entry)
    } else {
      entry = {numbers: Int32Array.from(rows, (r) => r.ref.row), checked: local.check(rows), units: localUnits}
    }
    seq++
    queue.push(entry)
    drain()
    while (queue.length > MAX_WAITING) {
      arrived(await remote.next())
      drain()
    }
  }

  let count = 0
  let batch: RosterRow[] = []
  try {
    for await (const row of roster.rows) {
      count++
      if (onProgress && (count & 0x3fff) === 0) onProgress(count)
      batch.push(row)
      if (batch.length === BATCH_ROWS) {
        await dispatch(batch)
        batch = []
      }
    }
    if (batch.length > 0) await dispatch(batch)
    while (queue.length > 0) {
      if (!queue[0]!.checked) arrived(await remote.next())
      drain()
    }
  } finally {
    remote.close()
  }
  return count
}

let script: URL | null | undefined

/**
 * The worker's script: there when the code runs built (dist/), absent when it runs from its
 * TypeScript sources (the unit tests) — then, on one core, or with LIUSHOU_VALIDATE_THREAD=main,
 * every row is checked on the main thread.
 */
function checkerScript(): URL | null {
  if (script === undefined) script = workerScript(new URL('./check-worker.js', import.meta.url), 'LIUSHOU_VALIDATE_THREAD')
  return script
}

/**
 * A worker to check batches of `roster`, when one is worth starting: a file of at least MIN_BYTES,
 * on a machine of two cores or more. A workbook's reader has a worker of its own already; a third
 * thread still pays (the 683,000-row workbook of bench/xlsx-read.js: 7.4 s instead of 8.0).
 * LIUSHOU_VALIDATE_THREAD=worker starts one for a roster of any size (the tests compare).
 */
export const parallelChecker: CheckerFor = async (roster, options) => {
  const url = checkerScript()
  if (!url) return undefined
  if (process.env.LIUSHOU_VALIDATE_THREAD !== 'worker') {
    try {
      if ((await stat(roster.source.file)).size < MIN_BYTES) return undefined
    } catch {
      return undefined
    }
  }
  return startChecker(roster, options, url)
}

/** How long a wait for the worker lasts before its failure is looked for again. */
const WAIT_MS = 250

export function startChecker(roster: Roster, options: RuleOptions, url: URL): BatchChecker {
  const {port1, port2} = new MessageChannel()
  const signal = new SharedArrayBuffer(4)
  const sent = new Int32Array(signal)
  const setup: CheckerSetup = {roster: shapeOf(roster), options, signal}
  const worker = new Worker(url, {workerData: {setup, port: port2}, transferList: [port2]})
  let failure: Error | undefined
  worker.on('error', (error: Error) => (failure ??= error))
  worker.on('exit', (code) => (failure ??= new Error(`validate's checking worker stopped (exit code ${code}) before its last batch`)))
  // Until a result is awaited, the worker's batches need not keep the process alive.
  worker.unref()

  const received = (m: FromChecker): Checked => {
    if (m.type === 'error') throw workerError(m, "validate's checking worker")
    return {seq: m.seq, checked: m.checked}
  }
  const poll = (): Checked | undefined => {
    const m = receiveMessageOnPort(port1)
    return m ? received(m.message as FromChecker) : undefined
  }
  // Atomics.waitAsync is in Node 16 and later but in TypeScript's ES2024 library only.
  const waitAsync = (Atomics as unknown as {waitAsync(a: Int32Array, i: number, v: number, ms: number): {async: boolean; value: Promise<string> | string}}).waitAsync
  return {
    send(seq, rows) {
      const m: ToChecker = {type: 'rows', seq, rows}
      worker.postMessage(m)
    },
    poll,
    async next() {
      worker.ref()
      try {
        for (;;) {
          const seen = Atomics.load(sent, 0)
          const r = poll()
          if (r) return r
          if (failure) throw failure
          const wait = waitAsync(sent, 0, seen, WAIT_MS)
          if (wait.async) await wait.value
        }
      } finally {
        worker.unref()
      }
    },
    close() {
      port1.close()
      void worker.terminate()
    },
  }
}
