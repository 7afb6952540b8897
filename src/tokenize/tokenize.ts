import {realpathSync} from 'node:fs'
import path from 'node:path'

import {UserError} from '../errors.js'
import {assertNotInput} from '../io/atomic-write.js'
import {type OutputEncoding, createTableWriter} from '../io/write-table.js'
import type {CommonOptions} from '../options.js'
import {assembleReport} from '../findings/assemble.js'
import {FindingCollector} from '../findings/collector.js'
import type {Report} from '../findings/model.js'
import {headerFindings} from '../rules/structure.js'
import {inputInfo} from '../rules/validate.js'
import {FIELD_BY_KEY} from '../schema/fields.js'
import {mapHeader} from '../schema/headers.js'
import {openRoster} from '../schema/roster.js'
import {type CellStatus, type Encoded, type KeepItem, TokenEncoder} from '../tokens/encoder.js'
import type {TokenKey} from '../tokens/key.js'
import {markerHeader, tokenMarker} from '../tokens/marker.js'
import {type ColumnAction, actionLabel, columnActions} from './policy.js'

export interface TokenizeOptions extends CommonOptions {
  key: TokenKey
  /** The key file, which no output may overwrite and no input may be. */
  keyFile?: string
  output: string
  keep: ReadonlySet<KeepItem>
  drop?: readonly string[]
  pass?: readonly string[]
  outputEncoding: OutputEncoding
  inPlace: boolean
  dataset?: string
  onProgress?: (rows: number) => void
}

export interface ColumnResult {
  index: number
  /** The header as written in the input. */
  header: string
  field?: string
  action: 'tokenized' | 'dropped' | 'clear'
  /** Cells per outcome; `dropped` counts cells that held something. */
  cells: Partial<Record<CellStatus | 'dropped', number>>
  /** First rows whose cell was only partly kept or left empty as unreadable. */
  rows: number[]
}

export interface TokenizeResult {
  report: Report
  rows: number
  columns: ColumnResult[]
  /** Ragged rows (cells shifted): written blank. */
  ragged: number[]
  fingerprint: string
  keep: KeepItem[]
}

const MAX_ROWS_LISTED = 20

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b)
  } catch {
    return path.resolve(a) === path.resolve(b)
  }
}

/**
 * `liushou tokenize`: the same rows in the same order (blank rows kept, so that row N of the
 * output is row N of the input), each identity replaced by its keyed token, free text dropped,
 * the rest in clear; the header names each mapped column by its canonical Chinese label and
 * carries the marker column that names the key.
 */
export async function tokenizeFile(file: string, options: TokenizeOptions): Promise<TokenizeResult> {
  if (options.keyFile) {
    if (samePath(file, options.keyFile)) throw new UserError({en: 'is the key file: give the roster to tokenize, and the key with --key', zh: '是密钥文件：请给出要令牌化的名单，密钥用 --key 指定'}, file)
    if (samePath(options.output, options.keyFile)) throw new UserError({en: 'is the key file; choose another --output', zh: '是密钥文件；请为 --output 另选文件名'}, options.output)
  }
  assertNotInput(options.output, [file], options.inPlace)
  const roster = await openRoster(file, {dataset: options.dataset, encoding: options.encoding, sheet: options.sheet, columns: options.columns})
  const existing = tokenMarker(roster)
  if (existing) throw new UserError({en: `is already tokenized (key ${existing.key}); tokenize the department's own roster instead`, zh: `已经令牌化（密钥 ${existing.key}）；请令牌化本部门的原始名单`}, file)

  const encoder = new TokenEncoder(options.key, options.keep)
  const actions = columnActions(roster.columns, {keep: options.keep, drop: options.drop, pass: options.pass})
  const width = roster.columns.length
  const guard = (text: string, where: string): string => {
    // Never echo the cell: it holds the key.
    if (options.key.appearsIn(text)) throw new UserError({en: `${where} holds the tokenize key itself; remove it from the roster (and make a new key: this one is no longer secret)`, zh: `${where} 含有令牌化密钥本身；请从名单中删除（并生成新密钥：这个密钥已不再保密）`}, file)
    return text
  }

  // Titles above the header pass through (with IDs and mobiles tokenized); the header rows keep
  // their group labels, the last one names each mapped column canonically; every header row gets
  // the marker, so that a two-row header joins it onto itself.
  const marker = markerHeader(options.key.fingerprint, options.keep)
  const headerRows = roster.preamble.filter((r) => roster.headerRow > 0 && r.row >= roster.headerRow)
  const titleRows = roster.preamble.filter((r) => !(roster.headerRow > 0 && r.row >= roster.headerRow))
  const preamble: string[][] = titleRows.map((r) => r.cells.map((c, i) => guard(encoder.scrub(c), `row ${r.row}, column ${i + 1}`)))
  const header: string[] = []
  headerRows.forEach((r, k) => {
    const last = k === headerRows.length - 1
    const cells = padTo(r.cells.slice(0, width), width).map((c, i) => {
      const col = roster.columns[i]
      // A header that reads as its field on its own stays as the department wrote it (村 is not
      // renamed 村（居）); one that needed --columns or the row above it gets the canonical name.
      if (last && col?.field) return headerRows.length === 1 && mapHeader(c) === col.field ? c : (FIELD_BY_KEY.get(col.field)?.zh ?? c)
      return guard(encoder.scrub(c), `row ${r.row}, column ${i + 1}`)
    })
    cells.push(marker)
    if (last) header.push(...cells)
    else preamble.push(cells)
  })
  if (header.length === 0) header.push(...padTo([], width), marker)

  const writer = await createTableWriter(options.output, header, {
    encoding: options.outputEncoding,
    preamble,
    sheetName: roster.source.sheet,
    // Pseudonymised, not anonymised: birth year, sex and county stay in clear beside the tokens.
    private: true,
  })
  const columns: ColumnResult[] = roster.columns.map((c, i) => {
    const r: ColumnResult = {index: c.index, header: c.header, action: actionLabel(actions[i]!), cells: {}, rows: []}
    if (c.field) r.field = c.field
    return r
  })
  const collector = new FindingCollector({lang: options.lang, includeInfo: options.includeInfo, states: options.states})
  collector.registerDataset(roster.dataset, roster.department)
  // A missing name or ID column means the rows go out with little or nothing tokenized (columns
  // that map to no field are emptied): say so, as validate and normalize do.
  for (const finding of headerFindings(roster)) collector.add(finding)
  const ragged: number[] = []
  const fieldAt = (field: string, cells: string[]): string => {
    const i = roster.fieldIndex.get(field)
    return i === undefined ? '' : (cells[i] ?? '')
  }
  let lastRow = roster.preamble.at(-1)?.row ?? 0
  let rows = 0
  try {
    for await (const row of roster.rows) {
      rows++
      if (options.onProgress && (rows & 0x3fff) === 0) options.onProgress(rows)
      for (let r = lastRow + 1; r < row.ref.row; r++) await writer.write([])
      lastRow = row.ref.row
      if (row.ragged !== undefined) {
        // Shifted cells would put a name under a column kept in clear: the row goes out blank,
        // and is reported.
        ragged.push(row.ref.row)
        collector.add({code: 'ROW_RAGGED', ref: row.ref, params: {cells: row.ragged, headers: width, detail: ''}})
        await writer.write([])
        continue
      }
      const cells = padTo([...row.cells], width)
      const places = {county: fieldAt('county', cells), town: fieldAt('town', cells), village: fieldAt('village', cells)}
      const out = new Array<string>(width + 1).fill('')
      for (let i = 0; i < width; i++) {
        const raw = cells[i] ?? ''
        const col = columns[i]!
        const action = actions[i]!
        if (action.kind === 'drop') {
          if (raw.trim() !== '') col.cells.dropped = (col.cells.dropped ?? 0) + 1
          continue
        }
        if (action.kind === 'clear') {
          out[i] = guard(encoder.scrub(raw), `row ${row.ref.row}, column ${col.header || i + 1}`)
          continue
        }
        const e = encode(encoder, action, raw, places)
        out[i] = e.value
        col.cells[e.status] = (col.cells[e.status] ?? 0) + 1
        if ((e.status === 'partial' || e.status === 'unreadable') && col.rows.length < MAX_ROWS_LISTED) col.rows.push(row.ref.row)
      }
      await writer.write(out)
    }
    await writer.close()
  } catch (error) {
    await writer.abort()
    throw error
  }
  const report = assembleReport({command: 'tokenize', asOf: options.asOf, inputs: [inputInfo(roster, rows)], collector, rows})
  return {report, rows, columns, ragged, fingerprint: options.key.fingerprint, keep: [...options.keep]}
}

function encode(encoder: TokenEncoder, action: Exclude<ColumnAction, {kind: 'drop' | 'clear'}>, raw: string, places: {county: string; town: string; village: string}): Encoded {
  switch (action.kind) {
    case 'id':
      return encoder.id(raw, action.child)
    case 'name':
      return encoder.name(raw)
    case 'birth':
      return encoder.birth(raw)
    case 'phone':
      return encoder.phone(raw)
    case 'region':
      return encoder.regionCode(raw)
    case 'place':
      return encoder.place(action.level, places)
    case 'identifier':
      return encoder.identifier(action.purpose, raw)
    case 'sex':
      return encoder.sex(raw)
  }
}

function padTo(cells: string[], width: number): string[] {
  while (cells.length < width) cells.push('')
  return cells
}
