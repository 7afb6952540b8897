// Reading rosters into the linkage engine's record store in one pass, with a callback that keeps
// whatever else the command needs of each row. Shared by `diff` and `risk`.

import {type RecordStore, rowValues} from './records.js'
import type {CommonOptions} from '../options.js'
import type {InputInfo} from '../findings/model.js'
import {inputInfo} from '../rules/validate.js'
import {type Roster, type RosterRow, openRoster} from '../schema/roster.js'

const STUDENT_ID = /^[GLgl](\d{17}[\dXx])$/

export interface DatasetInput {
  file: string
  dataset?: string
  department?: string
}

export interface LoadedRow {
  row: RosterRow
  /** Record index in the store. */
  index: number
  /**
   * Cells readable at their columns: every cell of a regular row; of a row with cells missing
   * at its end (a CSV row cut short), the ones it has. 0 for a row whose cells are shifted.
   */
  readable: number
}

export interface LoadedDataset {
  info: InputInfo
  /** Header and field map (the rows have been read). */
  roster: Roster
  /** Index of the dataset in `store.datasets`. */
  position: number
}

/**
 * A row whose cells are shifted (more cells than the header, a broken quote) is read as nothing;
 * a row cut short keeps the cells it has (Excel and hand edits drop trailing empty cells).
 */
function readableCells(roster: Roster, row: RosterRow): number {
  if (row.ragged === undefined) return Math.max(row.cells.length, roster.columns.length)
  if (row.fault !== undefined || row.cells.length > roster.columns.length) return 0
  return row.cells.length
}

export async function loadDataset(
  store: RecordStore,
  input: DatasetInput,
  options: Pick<CommonOptions, 'encoding' | 'sheet' | 'columns'>,
  onRow: (loaded: LoadedRow, roster: Roster) => void,
  onProgress?: (rows: number) => void,
): Promise<LoadedDataset> {
  const roster = await openRoster(input.file, {
    dataset: input.dataset,
    department: input.department,
    encoding: options.encoding,
    sheet: options.sheet,
    columns: options.columns,
  })
  const position = store.beginDataset(roster.dataset, roster.source.file, roster.department)
  let rows = 0
  for await (const row of roster.rows) {
    const readable = readableCells(roster, row)
    const values = readable > 0 && row.ragged !== undefined ? rowValues(roster, {ref: row.ref, cells: row.cells}) : rowValues(roster, row)
    if (readable === 0) values.unread = true
    else if (values.idNumber === undefined) {
      // Education's 全国学籍号 is G (or L) and the ID number: the child's ID when there is no ID column.
      const student = cellAt(roster, {row, readable}, 'studentId')
      const id = student ? STUDENT_ID.exec(student.normalize('NFKC').trim())?.[1] : undefined
      if (id) values.idNumber = id
    }
    const index = store.add(values)
    onRow({row, index, readable}, roster)
    rows++
    if (onProgress && (rows & 0x3fff) === 0) onProgress(rows)
  }
  return {info: inputInfo(roster, rows), roster, position}
}

/** The cell of `field`, or undefined when the roster has no such column or the row does not reach it. */
export function cellAt(roster: Pick<Roster, 'fieldIndex'>, loaded: Pick<LoadedRow, 'row' | 'readable'>, field: string): string | undefined {
  const i = roster.fieldIndex.get(field)
  if (i === undefined || i >= loaded.readable) return undefined
  return loaded.row.cells[i] ?? ''
}
