import type {Worker} from 'node:worker_threads'

import {UserError} from '../errors.js'

// The main thread's side of a reading worker (the workbook reader, crosscheck's other lists): its
// messages as one awaited queue, and the errors it sends back as the errors the main thread would
// have raised itself.

/** An error a worker sends back: a user's problem in both languages, or a bug with its stack. */
export type WorkerErrorMessage =
  | {type: 'error'; user: true; message: string; zh: string; file: string | undefined; row: number | undefined}
  | {type: 'error'; user: false; message: string; stack: string | undefined}

/** What a worker sends back for `error`: a UserError's texts, file and row, or a bug's message and stack. */
export function workerErrorMessage(error: unknown): WorkerErrorMessage {
  if (error instanceof UserError) return {type: 'error', user: true, message: error.texts.en, zh: error.texts.zh, file: error.file, row: error.row}
  return {type: 'error', user: false, message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack}
}

/** The error a worker's message stands for: a bilingual UserError naming file and row, or the bug (its message after `context`). */
export function workerError(m: WorkerErrorMessage, context?: string): Error {
  if (m.user) return new UserError({en: m.message, zh: m.zh}, m.file, m.row)
  const error = new Error(context ? `${context}: ${m.message}` : m.message)
  if (m.stack) error.stack = m.stack
  return error
}

/**
 * The next message of `worker`, one after another. It rejects with the worker's error, or when
 * the worker stops — `who` names it in that message — before its last message was taken. The
 * worker keeps the process alive only while a message is awaited.
 */
export function workerMailbox<M>(worker: Worker, who: string): () => Promise<M> {
  const queue: M[] = []
  let waiting: (() => void) | undefined
  let failure: Error | undefined
  let finished = false
  worker.on('message', (m: M) => {
    queue.push(m)
    waiting?.()
  })
  worker.on('error', (error: Error) => {
    failure ??= error
    waiting?.()
  })
  worker.on('exit', (code) => {
    finished = true
    if (code !== 0) failure ??= new Error(`${who} stopped (exit code ${code})`)
    waiting?.()
  })
  return async () => {
    for (;;) {
      const m = queue.shift()
      if (m) return m
      if (failure) throw failure
      if (finished) throw new Error(`${who} ended without its last rows`)
      worker.ref()
      await new Promise<void>((resolve) => (waiting = resolve))
      waiting = undefined
      worker.unref()
    }
  }
}
