import type {RecordRef} from '../findings/model.js'
import type {Column, Roster, RosterRow} from '../schema/roster.js'
import type {SourceInfo} from '../io/types.js'
import type {WorkerErrorMessage} from '../io/worker-mailbox.js'
import type {RuleOptions} from './context.js'
import type {CheckedRows} from './row-checks.js'

// The messages between validate's main thread and the worker that checks some of its batches
// (check-worker.ts): a roster's rows as flat typed columns and one array of cells, which cost
// far less to copy across than an object a row.

/** What the worker needs of the roster to check its rows (everything but the rows). */
export interface RosterShape {
  dataset: string
  department?: string
  source: SourceInfo
  headerRow: number
  columns: Column[]
  fieldIndex: [string, number][]
  duplicateFields: [string, Column[]][]
}

export interface CheckerSetup {
  roster: RosterShape
  options: RuleOptions
  /** Counts the results sent (Int32Array over a SharedArrayBuffer): the main thread waits on it. */
  signal: SharedArrayBuffer
}

/** A batch of rows of one file. */
export interface PackedRows {
  file: string
  numbers: Int32Array
  counts: Uint32Array
  cells: string[]
  /** Per row, its cell count when ragged, else -1. */
  ragged: Int32Array
  /** Rows (indexes in the batch) read back from an unbalanced quote. */
  faults: Int32Array
  /** Long-number flags as (row index, column) pairs. */
  longs: Int32Array
}

export type ToChecker = {type: 'rows'; seq: number; rows: PackedRows}
export type FromChecker = {type: 'checked'; seq: number; checked: CheckedRows} | (WorkerErrorMessage & {seq?: number})

export function shapeOf(roster: Roster): RosterShape {
  const shape: RosterShape = {
    dataset: roster.dataset,
    source: roster.source,
    headerRow: roster.headerRow,
    columns: roster.columns,
    fieldIndex: [...roster.fieldIndex],
    duplicateFields: [...roster.duplicateFields],
  }
  if (roster.department !== undefined) shape.department = roster.department
  return shape
}

/** The roster the shape describes, without rows (the worker's rules read only its header). */
export function rosterOf(shape: RosterShape): Roster {
  const roster: Roster = {
    dataset: shape.dataset,
    source: shape.source,
    headerRow: shape.headerRow,
    preamble: [],
    columns: shape.columns,
    fieldIndex: new Map(shape.fieldIndex),
    duplicateFields: new Map(shape.duplicateFields),
    rows: (async function* () {})(),
    rowCount: 0,
  }
  if (shape.department !== undefined) roster.department = shape.department
  return roster
}

export function packRows(rows: readonly RosterRow[]): PackedRows {
  const numbers = new Int32Array(rows.length)
  const counts = new Uint32Array(rows.length)
  const ragged = new Int32Array(rows.length).fill(-1)
  const cells: string[] = []
  const faults: number[] = []
  const longs: number[] = []
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!
    numbers[i] = row.ref.row
    counts[i] = row.cells.length
    for (const c of row.cells) cells.push(c)
    if (row.ragged !== undefined) ragged[i] = row.ragged
    if (row.fault) faults.push(i)
    if (row.longNumbers) for (const col of row.longNumbers) longs.push(i, col)
  }
  return {file: rows[0]?.ref.file ?? '', numbers, counts, cells, ragged, faults: Int32Array.from(faults), longs: Int32Array.from(longs)}
}

export function unpackRows(packed: PackedRows, dataset: string): RosterRow[] {
  const {file, numbers, counts, cells, ragged, faults, longs} = packed
  const rows: RosterRow[] = new Array<RosterRow>(numbers.length)
  let at = 0
  for (let i = 0; i < numbers.length; i++) {
    const ref: RecordRef = {dataset, file, row: numbers[i]!}
    const n = counts[i]!
    const row: RosterRow = {ref, cells: cells.slice(at, at + n)}
    at += n
    if (ragged[i]! >= 0) row.ragged = ragged[i]!
    rows[i] = row
  }
  for (const i of faults) rows[i]!.fault = 'unbalanced-quote'
  for (let k = 0; k < longs.length; k += 2) (rows[longs[k]!]!.longNumbers ??= []).push(longs[k + 1]!)
  return rows
}
