import path from 'node:path'

import {openRows} from '../io/open.js'
import {type RawRow, type ReadOptions, type SourceInfo, isBlankRow} from '../io/types.js'
import type {RecordRef} from '../report/model.js'
import {type ColumnOverrides, mapHeader} from './headers.js'

// A roster is a row source whose header has been found and mapped to canonical fields
// (SPEC "Canonical fields": the first of the first 20 rows with three or more mapped cells).

export const HEADER_SEARCH_ROWS = 20
const MIN_MAPPED = 3

export interface Column {
  index: number
  /** The header as written (a two-row header joined: `父亲/姓名`). */
  header: string
  field?: string
}

export interface RosterRow {
  ref: RecordRef
  cells: string[]
  /** Cell count when it differs from the header's (a ragged row). */
  ragged?: number
  longNumbers?: number[]
  fault?: RawRow['fault']
}

export interface RosterOptions extends ReadOptions {
  dataset?: string
  department?: string
  columns?: ColumnOverrides
}

export interface Roster {
  dataset: string
  department?: string
  source: SourceInfo
  /** Excel row number of the (first) header row; 0 when the file has no rows at all. */
  headerRow: number
  columns: Column[]
  /** Column index of each mapped field (the first column when several map to one field). */
  fieldIndex: Map<string, number>
  /** Fields that more than one column maps to, with all their columns. */
  duplicateFields: Map<string, Column[]>
  rows: AsyncIterable<RosterRow>
  /** Data rows yielded so far (all of them once `rows` is exhausted). */
  readonly rowCount: number
}

export function datasetName(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, '')
}

function mappedCount(cells: string[], overrides?: ColumnOverrides): number {
  const seen = new Set<string>()
  for (const c of cells) {
    const field = mapHeader(c, overrides)
    if (field) seen.add(field)
  }
  return seen.size
}

const DATA_LIKE = /\d{6,}|^\d{4}[-/.年]\d{1,2}|^\d+(\.\d+)?$/

/** Whether `below` is the second row of a two-row header under `top` (父亲 over 姓名 → fatherName). */
function isSubHeader(top: string[], below: string[], overrides?: ColumnOverrides): boolean {
  if (below.some((c) => DATA_LIKE.test(c.trim()))) return false
  let joinedHits = 0
  let group = ''
  for (let i = 0; i < below.length; i++) {
    const t = (top[i] ?? '').trim()
    if (t) group = t
    const b = below[i]?.trim() ?? ''
    if (!b || b === t) continue
    const owner = t || group
    if (mapHeader(owner + b, overrides) && !mapHeader(t, overrides)) joinedHits++
    else if (!mapHeader(b, overrides) && !mapHeader(owner + b, overrides)) return false
  }
  return joinedHits >= 1
}

function joinHeaders(top: string[], below: string[], overrides?: ColumnOverrides): string[] {
  const width = Math.max(top.length, below.length)
  const out: string[] = []
  let group = ''
  for (let i = 0; i < width; i++) {
    const t = (top[i] ?? '').trim()
    const b = (below[i] ?? '').trim()
    if (t) group = t
    if (!b || b === t) out.push(t)
    else if (!t) out.push(mapHeader(group + b, overrides) ? `${group}/${b}` : b)
    else out.push(mapHeader(t + b, overrides) || !mapHeader(t, overrides) ? `${t}/${b}` : t)
  }
  return out
}

function trimTrailingEmpty(cells: string[]): string[] {
  let end = cells.length
  while (end > 0 && (cells[end - 1] ?? '').trim() === '') end--
  return end === cells.length ? cells : cells.slice(0, end)
}

export async function openRoster(file: string, options: RosterOptions = {}): Promise<Roster> {
  const source = await openRows(file, options)
  const dataset = options.dataset ?? datasetName(file)
  const iterator = source.rows[Symbol.asyncIterator]()
  const buffered: RawRow[] = []
  let exhausted = false
  while (buffered.length < HEADER_SEARCH_ROWS + 1) {
    const next = await iterator.next()
    if (next.done) {
      exhausted = true
      break
    }
    if (!isBlankRow(next.value.cells)) buffered.push(next.value)
  }

  let headerAt = buffered.findIndex((r, i) => i < HEADER_SEARCH_ROWS && mappedCount(r.cells, options.columns) >= MIN_MAPPED)
  if (headerAt < 0) headerAt = buffered.length > 0 ? 0 : -1
  let headerCells = headerAt >= 0 ? buffered[headerAt]!.cells : []
  let bodyStart = headerAt + 1
  const below = buffered[headerAt + 1]
  if (headerAt >= 0 && below && isSubHeader(headerCells, below.cells, options.columns)) {
    headerCells = joinHeaders(headerCells, below.cells, options.columns)
    bodyStart++
  }
  headerCells = trimTrailingEmpty(headerCells.map((h) => h.replace(/\s+/g, ' ').trim()))

  const columns: Column[] = headerCells.map((header, index) => {
    const field = mapHeader(header.replace('/', ''), options.columns) ?? mapHeader(header, options.columns)
    return field ? {index, header, field} : {index, header}
  })
  const fieldIndex = new Map<string, number>()
  const duplicateFields = new Map<string, Column[]>()
  for (const col of columns) {
    if (!col.field) continue
    if (!fieldIndex.has(col.field)) fieldIndex.set(col.field, col.index)
    else duplicateFields.set(col.field, [...(duplicateFields.get(col.field) ?? [columns[fieldIndex.get(col.field)!]!]), col])
  }

  const width = columns.length
  const strictWidth = source.info.format === 'csv'
  let rowCount = 0
  const ref = (row: number): RecordRef => ({dataset, file, row})

  function toRosterRow(raw: RawRow): RosterRow {
    rowCount++
    const out: RosterRow = {ref: ref(raw.row), cells: raw.cells}
    const n = raw.cells.length
    // Cells past the header that are empty are formatting debris, not a structural fault; a CSV
    // row with fewer cells is one (Excel always writes every separator), an .xlsx row is not.
    if (n > width ? trimTrailingEmpty(raw.cells).length > width : strictWidth && n < width) out.ragged = n
    if (raw.fault) {
      out.fault = raw.fault
      out.ragged ??= n
    }
    if (raw.longNumbers) out.longNumbers = raw.longNumbers
    return out
  }

  async function* rows(): AsyncGenerator<RosterRow> {
    for (let i = Math.max(bodyStart, 0); i < buffered.length; i++) yield toRosterRow(buffered[i]!)
    buffered.length = 0
    if (exhausted) return
    for (;;) {
      const next = await iterator.next()
      if (next.done) return
      if (!isBlankRow(next.value.cells)) yield toRosterRow(next.value)
    }
  }

  const headerRow = headerAt >= 0 ? buffered[headerAt]!.row : 0
  const roster: Roster = {
    dataset,
    source: source.info,
    headerRow,
    columns,
    fieldIndex,
    duplicateFields,
    rows: rows(),
    get rowCount() {
      return rowCount
    },
  }
  if (options.department) roster.department = options.department
  return roster
}

/** The cell of a mapped field, or '' when the roster has no such column or the row is short. */
export function cellOf(roster: Pick<Roster, 'fieldIndex'>, row: RosterRow, field: string): string {
  const i = roster.fieldIndex.get(field)
  return i === undefined ? '' : (row.cells[i] ?? '')
}
