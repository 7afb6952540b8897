// The records the linkage engine works on: one per roster row, held column by column in typed
// arrays so that a million rows fit in a few hundred megabytes. The store keeps what every
// record has whatever its form — its dataset and row, what its ID cell holds and the number's
// two halves, the sex, the guardian's ID, the phones, the report date — and the engine reads
// only these. The rest of a record (names, dates, places, tokens) belongs to the store's
// representation (representation.ts): plain (plain/) or tokenized (tokenized/), bound once, before
// the first record is read, by the loader (load.ts). A store never holds both.

import {parseDate} from '../cn/dates.js'
import type {RecordRef} from '../findings/model.js'
import type {Representation} from './representation.js'

/** What the child's ID cell holds, as far as linkage is concerned. */
export const IdKind = {
  None: 0,
  /** A valid 18-digit number (in `idHi`/`idLo`). */
  Valid: 1,
  /** A valid 15-digit number; its 18-digit upgrade is stored. */
  Valid15: 2,
  /** 18 characters with a wrong check character (as typed, after the certain fixes). */
  Checksum: 3,
  /** Damaged by a spreadsheet: only the significant digits that survived are known. */
  Excel: 4,
  /** Anything else that is not empty (wrong length, stray characters). */
  Other: 5,
} as const

export interface DatasetInfo {
  dataset: string
  department?: string
  /** The dataset's first file (its only one, mostly). */
  file: string
  /**
   * Its files in reading order (a department given as several files or a folder): a record's
   * `file` column indexes this list; its row is that file's own.
   */
  files: string[]
  /** Index of the dataset's first record in the store. */
  first: number
  /** Records of the dataset (= its data rows). */
  count: number
}

/** What the store itself reads of a row; the representation reads the rest. */
export interface RecordBasics {
  row: number
  /** The row's cells are shifted (ragged): read as empty, never linked. */
  unread?: boolean
  reportDate?: string
  /** Mapped cells that are not empty. */
  filled?: number
}

export type Column = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array

/** Columns to grow, trim and release together, each with the value of a record that has none. */
export type ColumnFills<K extends string> = readonly (readonly [K, number])[]

/** Grows every column of `owner` listed in `fills` to `capacity`, keeping its values. */
export function growColumns<K extends string>(owner: Record<K, Column>, fills: ColumnFills<K>, capacity: number): void {
  for (const [key, fill] of fills) {
    const a = owner[key]
    const b = new (a.constructor as new (n: number) => Column)(capacity)
    if (fill !== 0) b.fill(fill)
    b.set(a)
    owner[key] = b
  }
}

/** Cuts every column listed in `fills` to its first `size` values (0: lets them go). */
export function cutColumns<K extends string>(owner: Record<K, Column>, fills: ColumnFills<K>, size: number): void {
  for (const [key] of fills) {
    const a = owner[key]
    owner[key] = size === 0 ? new (a.constructor as new (n: number) => Column)(0) : a.slice(0, size)
  }
}

/** Every column of the store with the value of a record that has none (-1 for ids, 0 otherwise). */
const COLUMN_FILLS = [
  ['ds', 0], ['row', 0], ['file', 0], ['idKind', 0], ['idHi', -1], ['idLo', -1], ['sex', 0], ['guardianIdHi', -1], ['guardianIdLo', -1],
  ['phone1', -1], ['phone2', -1], ['reportDate', 0], ['filled', 0], ['unread', 0],
] as const satisfies ColumnFills<keyof RecordStore>

type ColumnKey = (typeof COLUMN_FILLS)[number][0]

/** Columnar store of records; index `i` is the i-th row read, datasets one after another. */
export class RecordStore {
  size = 0
  private capacity = 0
  readonly datasets: DatasetInfo[] = []
  private bound: Representation | undefined

  ds = new Uint16Array(0)
  row = new Uint32Array(0)
  /** The record's file among its dataset's `files` (0 for a dataset of one file): two bytes a record. */
  file = new Uint16Array(0)
  idKind = new Uint8Array(0)
  /**
   * The child's ID in two non-negative int32 halves, as the representation encodes it (an
   * 18-character number, or a token), -1 when none: equal halves are the same number. Strings
   * would take ten times the memory.
   */
  idHi = new Int32Array(0)
  idLo = new Int32Array(0)
  /** 1 male, 2 female, 0 unknown (the gender column, else the ID). */
  sex = new Uint8Array(0)
  /** A valid guardian ID in two halves, -1 when none. */
  guardianIdHi = new Int32Array(0)
  guardianIdLo = new Int32Array(0)
  /** Up to two phone numbers (guardian's, child's, parents'), as numbers, -1 when none. */
  phone1 = new Float64Array(0)
  phone2 = new Float64Array(0)
  reportDate = new Int32Array(0)
  /** Mapped cells that are not empty (the completeness of the row). */
  filled = new Uint8Array(0)
  /** Rows whose cells are shifted (ragged): read as empty, never linked. */
  unread = new Uint8Array(0)

  /** Set by releaseValues: adding records or linking would read values that are gone. */
  released = false

  /** How the records are held and compared; bound before the first record is read. */
  get representation(): Representation {
    if (this.bound === undefined) throw new Error('the store has no representation: read its records through one')
    return this.bound
  }

  /** The representation bound so far, if any. */
  get boundRepresentation(): Representation | undefined {
    return this.bound
  }

  /** Binds the representation of the store's records: once, before any record is read. */
  bind(representation: Representation): void {
    if (this.bound !== undefined && this.bound !== representation) throw new Error(`a store of ${this.bound.kind} records cannot take ${representation.kind} ones`)
    if (this.bound === undefined && this.size > 0) throw new Error('bind the representation before reading records')
    this.bound = representation
  }

  /** Both records hold the same ID (equal halves). */
  sameId(a: number, b: number): boolean {
    return this.idHi[a]! >= 0 && this.idHi[a] === this.idHi[b] && this.idLo[a] === this.idLo[b]
  }

  /** Record `i` holds a valid 18-digit number (or its token). */
  validId(i: number): boolean {
    return this.idKind[i] === IdKind.Valid
  }

  ref(i: number): RecordRef {
    const d = this.datasets[this.ds[i]!]!
    return {dataset: d.dataset, file: d.files[this.file[i]!]!, row: this.row[i]!}
  }

  /** `dataset:row` (`dataset:file:row` in a dataset of several files), the short label of a record. */
  label(i: number): string {
    const d = this.datasets[this.ds[i]!]!
    return d.files.length > 1 ? `${d.dataset}:${fileLabel(d.files[this.file[i]!]!)}:${this.row[i]!}` : `${d.dataset}:${this.row[i]!}`
  }

  /** Makes room for `n` records (the store's columns; the representation grows its own). */
  reserve(n: number): void {
    if (this.released) throw new Error('the store released its values')
    if (n <= this.capacity) return
    const cap = Math.max(n, this.capacity * 2, 1024)
    growColumns(this as unknown as Record<ColumnKey, Column>, COLUMN_FILLS, cap)
    this.capacity = cap
  }

  /**
   * Gives back the spare capacity of the columns (up to half of them after doubling): called once
   * the records are read, before linkage holds them for the rest of the run.
   */
  trim(): void {
    this.bound?.trim()
    if (this.capacity === this.size) return
    cutColumns(this as unknown as Record<ColumnKey, Column>, COLUMN_FILLS, this.size)
    this.capacity = this.size
  }

  /**
   * Lets go of every value but the records' datasets, files and rows (`ds`, `file`, `row`, `ref`): for a caller
   * done with linkage that still reports on the records (crosscheck's second pass reads the rows
   * again), a gigabyte for four million records. The store cannot be linked afterwards.
   */
  releaseValues(): void {
    const ds = this.ds.slice(0, this.size)
    const row = this.row.slice(0, this.size)
    const file = this.file.slice(0, this.size)
    cutColumns(this as unknown as Record<ColumnKey, Column>, COLUMN_FILLS, 0)
    this.ds = ds
    this.row = row
    this.file = file
    this.capacity = 0
    this.bound?.release()
    this.released = true
  }

  /** Starts a dataset; records added next belong to it. */
  beginDataset(dataset: string, file: string, department?: string): number {
    if (this.datasets.length >= 0xffff) throw new Error('too many datasets')
    const info: DatasetInfo = {dataset, file, files: [file], first: this.size, count: 0}
    if (department) info.department = department
    this.datasets.push(info)
    return this.datasets.length - 1
  }

  /**
   * Goes on with the current dataset's next file (a department given as several files): records
   * added next belong to the same dataset, in `file`. Returns the file's index in `files`.
   */
  nextFile(file: string): number {
    const info = this.datasets[this.datasets.length - 1]
    if (!info) throw new Error('beginDataset first')
    if (info.files.length >= 0xffff) throw new Error('too many files in one dataset')
    info.files.push(file)
    return info.files.length - 1
  }

  /**
   * Adds one record to the current dataset with what the store itself reads of the row (its
   * representation reads the rest into the same index: see plain/ and tokenized/).
   */
  add(values: RecordBasics): number {
    const i = this.size
    this.reserve(i + 1)
    const dsIndex = this.datasets.length - 1
    if (dsIndex < 0) throw new Error('beginDataset first')
    this.ds[i] = dsIndex
    this.row[i] = values.row
    this.file[i] = this.datasets[dsIndex]!.files.length - 1
    this.size++
    this.datasets[dsIndex]!.count++
    if (values.unread) {
      this.unread[i] = 1
      return i
    }
    if (values.reportDate) this.reportDate[i] = ymd(parseDate(values.reportDate))
    this.filled[i] = Math.min(255, values.filled ?? 0)
    return i
  }
}

/** A file's name without its folder, for short labels. */
export function fileLabel(file: string): string {
  return file.split(/[\\/]/).pop() ?? file
}

/** A parsed date as yyyymmdd, yyyymm00 for a year-month, 0 when none. */
export function ymd(d: ReturnType<typeof parseDate>): number {
  if (d.kind === 'date') return d.year * 10000 + d.month * 100 + d.day
  if (d.kind === 'month') return d.year * 10000 + d.month * 100
  return 0
}
