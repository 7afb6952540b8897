import path from 'node:path'

import {openRows} from '../io/open.js'
import {type RawRow, type ReadOptions, type SourceInfo, isBlankRow} from '../io/types.js'
import type {RecordRef} from '../types.js'
import {type ColumnOverrides, mapHeader, normalizeHeader} from './headers.js'

// A roster is a row source whose header has been found and mapped to canonical fields
// (docs/schema.md: the first of the first 20 rows with three or more mapped cells).

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
  /**
   * Every row above the first data row, blank ones included, in order: titles, then the header
   * row, or the two rows of a two-row header (from `headerRow` to the last entry's row). normalize
   * writes them back so that row N of its output is row N of the input.
   */
  preamble: RawRow[]
  columns: Column[]
  /** Column index of each mapped field (the first column when several map to one field). */
  fieldIndex: Map<string, number>
  /** Fields that more than one column maps to, with all their columns. */
  duplicateFields: Map<string, Column[]>
  rows: AsyncIterable<RosterRow>
  /** Data rows yielded so far (all of them once `rows` is exhausted). */
  readonly rowCount: number
}

/**
 * Whether a row with fewer cells than the header is ragged in a file of `format`: in a CSV it is
 * (Excel always writes every separator); a workbook keeps no trailing empty cell, so there it is not.
 */
export function shortRowsAreRagged(format: string): boolean {
  return format === 'csv'
}

export function datasetName(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, '')
}

/** Mapped fields of a row; a label ending in a colon (`填报日期：`) is a form line, not a header. */
function mappedCount(cells: string[], overrides?: ColumnOverrides): number {
  const seen = new Set<string>()
  for (const c of cells) {
    const t = c.trim()
    if (t.endsWith(':') || t.endsWith('：')) continue
    const field = mapHeader(t, overrides)
    if (field) seen.add(field)
  }
  return seen.size
}

const DATA_LIKE = /\d{6,}|^\d{4}[-/.年]\d{1,2}|^\d+(\.\d+)?$/

// A group label over a two-row header names a person (父亲 over 姓名 is the father's name) or a
// topic (基本情况 over 姓名 is the child's). Under a person the sub-header means nothing alone:
// 家庭成员 over 姓名 is not the child's name.
const GROUP_SUFFIX = /(基本情况|基本信息|情况|信息|状况|资料)$/
const PERSON_GROUPS = new Set(
  ['父亲', '母亲', '父', '母', '爸爸', '妈妈', '父母', '家长', '监护人', '实际监护人', '委托监护人', '受托监护人', '主要监护人', '现监护人', '法定监护人', '第一监护人', '第二监护人', '其他监护人', '家庭成员', '成员', '户主', '联系人', '紧急联系人', '帮扶人', '帮扶责任人', '结对帮扶人', '结对人', '包保责任人', '责任人', '儿童主任', '村儿童主任', '委托人', '受托人'].map(normalizeHeader),
)
// A sub-header that names its own person (父母情况 over 父亲姓名) keeps its meaning under a group.
const NAMES_A_PERSON = /^(父|母|爸|妈|监护|委托监护|受托监护|实际监护|主要监护|现监护|法定监护)/

/** The field of a column whose header is `b` under the group label `owner`. */
function joinedField(owner: string, b: string, overrides?: ColumnOverrides): string | undefined {
  const o = overrides && (overrides.get(`${owner}/${b}`) ?? overrides.get(normalizeHeader(`${owner}${b}`)))
  if (o !== undefined) return o ?? undefined
  const direct = mapHeader(owner + b, overrides)
  if (direct) return direct
  const group = normalizeHeader(owner).replace(/\d+$/, '')
  const bare = group.replace(GROUP_SUFFIX, '')
  if (bare !== group && bare !== '') {
    const field = mapHeader(bare + b, overrides)
    if (field) return field
  }
  const alone = mapHeader(b, overrides)
  if (PERSON_GROUPS.has(group) || PERSON_GROUPS.has(bare)) return NAMES_A_PERSON.test(normalizeHeader(b)) ? alone : undefined
  return alone
}

/** The columns of a two-row header; `group` carries a label over the empty cells CSV leaves under a merge. */
function joinColumns(top: string[], below: string[], overrides?: ColumnOverrides): Column[] {
  const width = Math.max(top.length, below.length)
  const out: Column[] = []
  let group = ''
  for (let index = 0; index < width; index++) {
    const t = cleanHeader(top[index] ?? '')
    const b = cleanHeader(below[index] ?? '')
    if (t) group = t
    let column: Column
    if (!b || b === t) {
      column = {index, header: t}
      const field = t ? mapHeader(t, overrides) : undefined
      if (field) column.field = field
    } else {
      const owner = t || group
      const field = owner ? joinedField(owner, b, overrides) : mapHeader(b, overrides)
      column = {index, header: owner ? `${owner}/${b}` : b}
      if (field) column.field = field
    }
    out.push(column)
  }
  return out
}

/** Whether `below` is the second row of a two-row header under `top` (父亲 over 姓名 → fatherName). */
function isSubHeader(top: string[], below: string[], overrides?: ColumnOverrides): boolean {
  let hits = 0
  let unknown = 0
  let group = ''
  for (let i = 0; i < below.length; i++) {
    const t = cleanHeader(top[i] ?? '')
    if (t) group = t
    const b = cleanHeader(below[i] ?? '')
    if (!b || b === t) continue
    if (DATA_LIKE.test(b)) return false
    const owner = t || group
    const field = owner ? joinedField(owner, b, overrides) : mapHeader(b, overrides)
    if (!field) unknown++
    // The second row counts when it changes what the column means.
    else if (field !== (t ? mapHeader(t, overrides) : undefined)) hits++
  }
  return hits >= 1 && unknown <= hits
}

function plainColumns(cells: string[], overrides?: ColumnOverrides): Column[] {
  return cells.map((raw, index) => {
    const header = cleanHeader(raw)
    const field = header ? mapHeader(header, overrides) : undefined
    return field ? {index, header, field} : {index, header}
  })
}

/** Group labels only, over the header's columns: no values, no form fields (`填报单位：XX镇`). */
function isGroupRow(cells: string[], header: string[]): boolean {
  if (trimTrailingEmpty(cells).length > trimTrailingEmpty(header).length) return false
  for (const c of cells) {
    const t = c.trim()
    if (t && (DATA_LIKE.test(t) || t.includes(':') || t.includes('：'))) return false
  }
  return true
}

/**
 * A header whose rows reach three fields only together (`姓名, 父亲, , 母亲` over `, 姓名,
 * 务工地, 姓名`). A title is one value, so it never reads as the top of such a header.
 */
function isTwoRowHeader(top: string[], below: string[] | undefined, overrides?: ColumnOverrides): boolean {
  // When the lower row is a header by itself, the upper one is a title (or a group row, which
  // the search joins once it has found the lower one).
  if (!below || mappedCount(below, overrides) >= MIN_MAPPED) return false
  // One distinct value, even repeated across a merged range, is a title.
  const distinct = new Set(top.map((c) => c.trim()).filter(Boolean))
  if (distinct.size < 2 || !isGroupRow(top, below)) return false
  if (!isSubHeader(top, below, overrides)) return false
  return new Set(joinColumns(top, below, overrides).map((c) => c.field).filter(Boolean)).size >= MIN_MAPPED
}

/** Distinct fields, less the columns that repeat one: how well a header reads. */
function headerScore(columns: Column[]): number {
  const seen = new Set<string>()
  let repeats = 0
  for (const c of columns) {
    if (!c.field) continue
    if (seen.has(c.field)) repeats++
    seen.add(c.field)
  }
  return seen.size - repeats
}

function cleanHeader(h: string): string {
  return h.replace(/\s+/g, ' ').trim()
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

  let headerAt = buffered.findIndex((r, i) => i < HEADER_SEARCH_ROWS && (mappedCount(r.cells, options.columns) >= MIN_MAPPED || isTwoRowHeader(r.cells, buffered[i + 1]?.cells, options.columns)))
  if (headerAt < 0) headerAt = buffered.length > 0 ? 0 : -1
  const top = headerAt >= 0 ? buffered[headerAt]!.cells : []
  let bodyStart = headerAt + 1
  let columns = plainColumns(top, options.columns)
  const above = headerAt > 0 ? buffered[headerAt - 1] : undefined
  const below = buffered[bodyStart]
  if (above && isGroupRow(above.cells, top) && isSubHeader(above.cells, top, options.columns) && headerScore(joinColumns(above.cells, top, options.columns)) > headerScore(columns)) {
    // The header row found is the second of two, under group labels that map to nothing alone
    // (基本情况 / 监护人情况 over 姓名, 姓名): a title row above changes nothing and is not joined.
    columns = joinColumns(above.cells, top, options.columns)
    headerAt--
  } else if (headerAt >= 0 && below && isSubHeader(top, below.cells, options.columns)) {
    columns = joinColumns(top, below.cells, options.columns)
    bodyStart++
  }
  while (columns.length > 0 && columns[columns.length - 1]!.header === '' && !columns[columns.length - 1]!.field) columns.pop()

  const fieldIndex = new Map<string, number>()
  const duplicateFields = new Map<string, Column[]>()
  for (const col of columns) {
    if (!col.field) continue
    if (!fieldIndex.has(col.field)) fieldIndex.set(col.field, col.index)
    else duplicateFields.set(col.field, [...(duplicateFields.get(col.field) ?? [columns[fieldIndex.get(col.field)!]!]), col])
  }

  const width = columns.length
  const strictWidth = shortRowsAreRagged(source.info.format)
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
  const preamble: RawRow[] = []
  if (headerAt >= 0) {
    // Rows are numbered without gaps, so the blank rows skipped while searching come back exactly.
    const last = buffered[bodyStart - 1]!.row
    let next = 0
    for (let r = 1; r <= last; r++) {
      const kept = buffered[next]
      if (kept && kept.row === r) {
        preamble.push(kept)
        next++
      } else {
        preamble.push({row: r, cells: []})
      }
    }
  }
  const roster: Roster = {
    dataset,
    source: source.info,
    headerRow,
    preamble,
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
