import {Worker} from 'node:worker_threads'

import type {Finding, Report} from '../findings/model.js'
import {findingsOf, releaseFindings} from '../findings/report-findings.js'
import {type WorkerErrorMessage, workerError, workerMailbox} from '../io/worker-mailbox.js'
import {workerScript} from '../io/worker-script.js'
import {type ValidateInput, type ValidateOptions, validateFiles} from '../rules/validate.js'

// An ingest validates every department's latest snapshot, and most of them are written out
// before the new lists are even read. Validate of those runs in a worker of its own
// (validate-worker.ts) from then on, beside the ingest's storing and its crosscheck, which leave
// part of the second core idle. The worker checks on its one thread: with validate's own checking
// worker as well, the storing and the crosscheck slowed down by more than validate gained. Its
// findings stay in the worker until they are asked for, a batch at a time, so that the main thread
// does not hold them through the crosscheck. The ingest's crosscheck runs in a worker the same way
// (crosscheck-worker.ts, through findingsFromWorker); both workers serve their findings with
// serve-findings.ts.

/** Findings per message from the worker. */
export const FINDINGS_PER_MESSAGE = 8192

/** Validate's options that cross to the worker: plain values (no progress callback, no checker). */
export type BackgroundOptions = Omit<ValidateOptions, 'onProgress' | 'checkerFor' | 'states'>

export type ToChecksWorker = {type: 'more'}
/** What a checks worker (validate's, the crosscheck's) sends: findings, its progress (the crosscheck's display), the end, or its error. */
export type FromChecksWorker =
  | {type: 'findings'; findings: Finding[]}
  | {type: 'progress'; phase: string; done: number; total?: number; subject?: string}
  | {type: 'end'}
  | WorkerErrorMessage

/** A check running beside the ingest (validate, the crosscheck) and its findings to come. */
export interface BackgroundFindings {
  /** The check's findings, in its order, a batch at a time (once). */
  findings(): AsyncGenerator<Finding[]>
  /** Stops the check if it still runs; lets its findings go. */
  close(): void
}

/**
 * Starts validate of `inputs` in a worker (in this thread when there is no second core or the
 * code runs from its TypeScript sources; LIUSHOU_REGISTRY_VALIDATE_THREAD=main asks for that).
 */
export function validateInBackground(inputs: ValidateInput[], options: BackgroundOptions): BackgroundFindings {
  const url = workerScript(new URL('./validate-worker.js', import.meta.url), 'LIUSHOU_REGISTRY_VALIDATE_THREAD')
  return url ? inWorker(url, inputs, options) : inThisThread(inputs, options)
}

/** A report's findings in batches of FINDINGS_PER_MESSAGE. */
export function* findingBatches(report: Report): Generator<Finding[]> {
  let batch: Finding[] = []
  for (const f of findingsOf(report)) {
    batch.push(f)
    if (batch.length === FINDINGS_PER_MESSAGE) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}

function inThisThread(inputs: ValidateInput[], options: BackgroundOptions): BackgroundFindings {
  return findingsOfRun(validateFiles(inputs, options))
}

/** A check run on this thread, its findings handed out as a worker hands them out. */
export function findingsOfRun(run: Promise<Report>): BackgroundFindings {
  let report: Report | undefined
  const running = run.then((r) => (report = r))
  // Awaited only when the findings are asked for: a failure before then is not unhandled.
  running.catch(() => undefined)
  return {
    async *findings() {
      yield* findingBatches(await running)
    },
    close() {
      if (report) releaseFindings(report)
    },
  }
}

function inWorker(url: URL, inputs: ValidateInput[], options: BackgroundOptions): BackgroundFindings {
  return findingsFromWorker(url, {inputs, options}, "the registry's validate worker")
}

/**
 * A checks worker's findings (serve-findings.ts on its side), a batch at a time; its progress
 * messages go to `onProgress` as they come.
 */
export function findingsFromWorker(url: URL, workerData: unknown, who: string, onProgress?: (m: Extract<FromChecksWorker, {type: 'progress'}>) => void): BackgroundFindings {
  const worker = new Worker(url, {workerData})
  if (onProgress) worker.on('message', (m: FromChecksWorker) => m.type === 'progress' && onProgress(m))
  const next = workerMailbox<FromChecksWorker>(worker, who)
  // The worker keeps the process alive only while its findings are awaited (workerMailbox).
  worker.unref()
  return {
    async *findings() {
      worker.postMessage({type: 'more'} satisfies ToChecksWorker)
      for (;;) {
        const m = await next()
        if (m.type === 'progress') continue
        if (m.type === 'error') throw workerError(m, who)
        if (m.type === 'end') return
        // The next batch is sent while this one is stored: one batch ahead, never more.
        worker.postMessage({type: 'more'} satisfies ToChecksWorker)
        yield m.findings
      }
    },
    close() {
      void worker.terminate()
    },
  }
}
