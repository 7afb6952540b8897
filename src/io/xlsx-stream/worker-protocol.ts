import type {SourceInfo} from '../types.js'
import type {WorkerErrorMessage} from '../worker-mailbox.js'

// The messages between the main thread and the workbook's reading worker.

/** Rows per batch: large enough that a message costs little, small enough to bound memory. */
export const BATCH_ROWS = 2048

export type FromWorker =
  | {type: 'info'; info: SourceInfo}
  | {type: 'rows'; numbers: Int32Array; counts: Uint32Array; cells: string[]; longs: Int32Array}
  | {type: 'end'}
  | WorkerErrorMessage

export type ToWorker = {type: 'more'} | {type: 'stop'}
