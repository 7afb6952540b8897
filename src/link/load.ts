// The one way rosters enter a linkage run (dedupe, crosscheck, diff, risk, the registry): each
// input is opened, checked against the inputs before it — all tokenized with one key, or none,
// checked before a row is read so that a refusal costs no reading — and its rows read into the
// record store by the representation that fits, plain or tokenized, chosen once, at the first
// input. A caller that needs more of a row than linkage does (diff's compared fields, risk's care
// facts) sees each row as it passes.

import type {InputInfo} from '../findings/model.js'
import type {CommonOptions} from '../options.js'
import {inputInfo} from '../rules/validate.js'
import type {DatasetInput} from '../schema/dataset-args.js'
import {type RosterInput, datasetNameOf, filesOf} from '../schema/dataset-lists.js'
import {type Roster, type RosterRow, openRoster} from '../schema/roster.js'
import {type TokenMarker, assertComparableInputs, tokenMarker} from '../tokens/marker.js'
import {plainRecords} from './plain/plain.js'
import type {RecordStore} from './records.js'
import type {Representation} from './representation.js'
import {tokenizedRecords} from './tokenized/tokenized.js'

export type {DatasetInput} from '../schema/dataset-args.js'
export type {ListInput, RosterInput} from '../schema/dataset-lists.js'

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
  /** The tokenized roster's marker; undefined for a plain roster. */
  marker?: TokenMarker
}

/** A list of one or more files read into the store as one dataset (schema/dataset-lists.ts). */
export interface LoadedList {
  /** Each file as it was read, in reading order (`inputs` of the report: one entry a file). */
  files: LoadedDataset[]
  /** Index of the dataset in `store.datasets`. */
  position: number
}

export type ReadOptions = Pick<CommonOptions, 'encoding' | 'sheet' | 'columns'>

/**
 * A ragged row with fewer cells than the header and no broken quote: Excel and hand edits drop
 * trailing cells, so the cells it has are in their columns and are read (as diff reads them). A
 * row with more cells, or a broken quote, is shifted and read as nothing.
 */
export function cutShort(roster: Pick<Roster, 'columns'>, row: RosterRow): boolean {
  return row.ragged !== undefined && row.fault === undefined && row.cells.length < roster.columns.length
}

/**
 * A row whose cells are shifted (more cells than the header, a broken quote) is read as nothing;
 * a row cut short keeps the cells it has (Excel and hand edits drop trailing empty cells).
 */
function readableCells(roster: Roster, row: RosterRow): number {
  if (row.ragged === undefined) return Math.max(row.cells.length, roster.columns.length)
  return cutShort(roster, row) ? row.cells.length : 0
}

/** The cell of `field`, or undefined when the roster has no such column or the row does not reach it. */
export function cellAt(roster: Pick<Roster, 'fieldIndex'>, loaded: Pick<LoadedRow, 'row' | 'readable'>, field: string): string | undefined {
  const i = roster.fieldIndex.get(field)
  if (i === undefined || i >= loaded.readable) return undefined
  return loaded.row.cells[i] ?? ''
}

/** Reads the inputs of one linkage run into one store. */
export class RosterLoader {
  private readonly seen: {file: string; marker: TokenMarker | undefined}[] = []
  /** One line per tokenized input that kept other things in clear than the first: they link on less. */
  warnings: string[] = []

  constructor(
    readonly store: RecordStore,
    private readonly options: ReadOptions,
  ) {}

  /** Opens the input with the run's read options (encoding, sheet, columns). */
  open(input: DatasetInput): Promise<Roster> {
    return openRoster(input.file, {dataset: input.dataset, department: input.department, encoding: this.options.encoding, sheet: this.options.sheet, columns: this.options.columns})
  }

  /**
   * Reads an input (or a roster already opened) into the store as one dataset, after checking it
   * can be linked with the inputs before it (a UserError naming the file otherwise). With
   * `sameDataset`, the roster is the next file of the dataset read last (loadList).
   */
  async load(input: DatasetInput | Roster, onRow?: (loaded: LoadedRow, roster: Roster) => void, onProgress?: (rows: number) => void, sameDataset = false): Promise<LoadedDataset> {
    const roster = 'rows' in input ? input : await this.open(input)
    const marker = tokenMarker(roster)
    this.seen.push({file: roster.source.file, marker})
    this.warnings = assertComparableInputs(this.seen)
    // The first input decides the representation of the run (assertComparableInputs keeps the rest alike).
    const representation: Representation = marker ? tokenizedRecords(this.store, marker) : plainRecords(this.store)
    const position = sameDataset ? this.store.datasets.length - 1 : this.store.beginDataset(roster.dataset, roster.source.file, roster.department)
    if (sameDataset) this.store.nextFile(roster.source.file)
    const add = representation.rowAdder(roster)
    let rows = 0
    for await (const row of roster.rows) {
      const readable = readableCells(roster, row)
      const index = add(row, readable)
      onRow?.({row, index, readable}, roster)
      rows++
      if (onProgress && (rows & 0x3fff) === 0) onProgress(rows)
    }
    const loaded: LoadedDataset = {info: inputInfo(roster, rows), roster, position}
    if (marker) loaded.marker = marker
    return loaded
  }

  /**
   * Reads a list of one or more files (a department given as several files, a folder, a glob)
   * into the store as one dataset, file after file in the order given: records run on from file
   * to file and each keeps its own file (the store's `file` column) and row. `onProgress` counts
   * the list's rows.
   */
  async loadList(input: RosterInput, onRow?: (loaded: LoadedRow, roster: Roster) => void, onProgress?: (rows: number) => void): Promise<LoadedList> {
    const dataset = datasetNameOf(input)
    const files: LoadedDataset[] = []
    let before = 0
    for (const file of filesOf(input)) {
      const roster = await this.open({file, dataset, ...(input.department ? {department: input.department} : {})})
      const base = before
      const loaded = await this.load(roster, onRow, onProgress && ((n) => onProgress(base + n)), files.length > 0)
      before += loaded.info.rows
      files.push(loaded)
    }
    return {files, position: files[0]!.position}
  }

  /** The markers of the inputs read so far (undefined for a plain one), in order. */
  get markers(): (TokenMarker | undefined)[] {
    return this.seen.map((s) => s.marker)
  }
}
