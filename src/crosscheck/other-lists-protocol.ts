import type {RosterOptions} from '../schema/roster.js'
import type {RegionScheme} from './tokenized.js'
import type {ReadAheadFile, ReadAheadPiece} from '../io/read-ahead-file.js'
import type {WorkerErrorMessage} from '../io/worker-mailbox.js'

// The messages between crosscheck and the worker that reads the other lists' second pass
// (other-lists-worker.ts) while the main thread links: for each row of a list other than the
// primary one, what the second pass asks of it — whether it is read at all, its death record and
// left-behind flag, and its packed values — computed the way crosscheck.ts computes them on one
// thread (otherRowFacts, the one function both use).

/** One file of a list, opened as crosscheck opens it. */
export interface OtherFile {
  file: string
  options: RosterOptions
}

/** A list other than the primary one: its files in order (one today), and its department. */
export interface OtherList {
  files: OtherFile[]
  department: string
}

/** Row flags. */
export const ROW = {
  /** A row whose cells are shifted (ragged, not cut short): the second pass skips it. */
  SKIP: 1,
  /** Public security says the child is deceased. */
  DECEASED: 2,
  /** The row flags the child as left-behind (leftBehindReason). */
  LEFT_BEHIND: 4,
  /** Reading the row's values failed: the error is in `failures`, thrown only if the values are asked for. */
  FAILED: 8,
  /** The packed values are not well-formed UTF-16 (a lone surrogate): they travel in `odd`, not as UTF-8. */
  ODD: 16,
} as const

export interface RowsBatch {
  type: 'rows'
  /** Position of the list in the worker's lists. */
  list: number
  flags: Uint8Array
  /** UTF-8 of the packed values, row after row; `ends[i]` is where row i's ends. Empty when they are in the read-ahead file (`piece`). */
  bytes: Uint8Array
  /** Where the read-ahead file holds the batch's UTF-8 instead. */
  piece?: ReadAheadPiece
  ends: Uint32Array
  /** Row in the batch → packed values that UTF-8 would change (ROW.ODD). */
  odd: [number, string][]
  /** Row in the batch → message of the error its values raised (ROW.FAILED). */
  failures: [number, string][]
}

export type FromWorker =
  | RowsBatch
  | {type: 'end'; list: number}
  | WorkerErrorMessage

export type ToWorker =
  /** Starts reading, in the run's region scheme (undefined: plain lists). */
  | {type: 'go'; scheme: RegionScheme | undefined}
  /** The main thread took a batch of this many bytes: the worker may read that much further. */
  | {type: 'took'; bytes: number}

export interface WorkerData {
  lists: OtherList[]
  /** Bytes of packed values the worker may have sent in messages and the main thread not yet taken. */
  budget: number
  /** Where the worker writes what it reads ahead, without waiting (read-ahead-file.ts); the budget applies without it. */
  aheadFile?: ReadAheadFile
}

/** Rows per batch: a message per batch costs little; the batches bound the memory in flight. */
export const BATCH_ROWS = 4096
