import type ExcelJS from 'exceljs'
import {readFile} from 'node:fs/promises'
import zlib from 'node:zlib'

import {UserError} from '../../src/errors.js'
import {excelJs} from '../../src/io/exceljs-load.js'
import type {RawRow, ReadOptions, RowSource} from '../../src/io/types.js'
import {installLinearMerges} from './exceljs-merges.js'

// The .xlsx reader liushou had before the streaming one (src/io/xlsx-stream/), kept as it was:
// the reference the streaming reader is compared with on generated workbooks
// (tests/unit/io/xlsx-stream-differential.test.ts). It loads the whole workbook with exceljs
// (3.86 GB for a 683,000-row sheet), which is why it was replaced. Not used by the product.

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

export function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return ''
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
  const h = d.getUTCHours()
  const m = d.getUTCMinutes()
  const s = d.getUTCSeconds()
  if (h === 0 && m === 0 && s === 0) return date
  const time = `${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`
  // Excel's day zero carries pure times.
  return date === '1899-12-30' ? time : `${date} ${time}`
}

/** Expands `4.30102200105061e+17` to `430102200105061000`: Excel keeps 15 significant digits. */
export function plainDigits(n: number): string {
  const [mantissa = '0', exp = '0'] = n.toPrecision(15).split('e')
  const e = Number(exp)
  const negative = mantissa.startsWith('-')
  const [intPart = '0', frac = ''] = mantissa.replace('-', '').split('.')
  let digits = intPart + frac
  const pointAt = intPart.length + e
  let out: string
  if (pointAt >= digits.length) out = digits + '0'.repeat(pointAt - digits.length)
  else if (pointAt <= 0) out = `0.${'0'.repeat(-pointAt)}${digits}`
  else out = `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`
  if (out.includes('.')) out = out.replace(/\.?0+$/, '')
  digits = out
  return negative ? `-${digits}` : digits
}

/**
 * Whether a number format shows a date or time: exceljs's own test (date letters left once quoted
 * text, `[...]` sections and escapes are removed), case-insensitive as Excel is. `General` and
 * scientific `0.00E+00` have none of these letters.
 */
function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false
  const bare = numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '')
  return /[ymdhsb]/i.test(bare)
}

function excelSerialToDate(serial: number, date1904: boolean): Date {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30)
  return new Date(epoch + Math.round(serial * 86_400_000))
}

export function formatNumber(n: number, numFmt: string | undefined): string {
  if (!Number.isFinite(n)) return String(n)
  const fmt = (numFmt ?? 'General').split(';')[0]!.trim()
  if (/%$/.test(fmt)) {
    const decimals = /\.(0+)%$/.exec(fmt)?.[1]?.length ?? 0
    return `${(n * 100).toFixed(decimals)}%`
  }
  const zeroPad = /^(0+)$/.exec(fmt)
  if (zeroPad && Number.isInteger(n) && n >= 0 && n < 1e15) return String(n).padStart(zeroPad[1]!.length, '0')
  const fixed = /^#?,?#*0*\.(0+)$/.exec(fmt)
  if (fixed && Math.abs(n) < 1e15) return n.toFixed(fixed[1]!.length)
  return plainDigits(n)
}

interface CellText {
  text: string
  longNumber: boolean
}

function richText(value: {richText: {text: string}[]}): string {
  return value.richText.map((r) => r.text).join('')
}

function renderValue(value: unknown, numFmt: string | undefined, date1904: boolean): CellText {
  if (value === null || value === undefined) return {text: '', longNumber: false}
  if (typeof value === 'number') {
    if (isDateFormat(numFmt)) {
      const date = formatDate(excelSerialToDate(value, date1904))
      if (date) return {text: date, longNumber: false}
    }
    return {text: formatNumber(value, numFmt), longNumber: Number.isInteger(value) && Math.abs(value) >= 1e15}
  }
  if (typeof value === 'string') return {text: value, longNumber: false}
  if (typeof value === 'boolean') return {text: value ? 'TRUE' : 'FALSE', longNumber: false}
  if (value instanceof Date) return {text: formatDate(value), longNumber: false}
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>
    if (Array.isArray(v.richText)) return {text: richText(v as {richText: {text: string}[]}), longNumber: false}
    if ('error' in v) return {text: String(v.error), longNumber: false}
    if ('formula' in v || 'sharedFormula' in v || 'result' in v) return renderValue(v.result, numFmt, date1904)
    if ('text' in v) return renderValue(v.text, numFmt, date1904)
  }
  return {text: String(value), longNumber: false}
}

function pickSheet(workbook: ExcelJS.Workbook, file: string, wanted?: string): ExcelJS.Worksheet {
  const sheets = workbook.worksheets
  if (sheets.length === 0) throw new UserError('is not an .xlsx workbook: a zip archive without any worksheet', file)
  if (wanted !== undefined) {
    const byName = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.trim() === wanted.trim())
    if (byName) return byName
    if (/^\d+$/.test(wanted)) {
      const byIndex = sheets[Number(wanted) - 1]
      if (byIndex) return byIndex
    }
    throw new UserError(`no sheet "${wanted}" (sheets: ${sheets.map((s) => s.name).join(', ')})`, file)
  }
  const visible = sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden')
  if (!visible) throw new UserError('every sheet of the workbook is hidden; choose one with --sheet', file)
  return visible
}

// exceljs builds an object for every cell, and for every cell of a merged range (its quadratic
// check between ranges is replaced: exceljs-merges.ts): a damaged or hostile workbook (a zip
// bomb, a merge over the whole sheet, a million cells of nothing) would exhaust memory or run
// for hours. The zip is
// checked first and such a file refused in one line. The limits are far above any roster.
export const XLSX_LIMITS = {
  /** Uncompressed size of one part (a worksheet's XML). */
  partBytes: 512 << 20,
  /** Cells written in one worksheet. */
  cells: 10_000_000,
  /** Cells covered by the merged ranges of one worksheet. */
  mergedCells: 2_000_000,
  /** Merged ranges in one worksheet. */
  merges: 50_000,
}
const EXCEL_MAX_ROW = 1_048_576

function refuseDamaged(file: string, why: string): never {
  throw new UserError(`${why}: the workbook is damaged or not a roster; open it in Excel or WPS and save it again, or save the sheet as CSV`, file)
}

/** An A1-style reference inside Excel's grid → [row, column]; undefined for anything else. */
function cellRef(ref: string): [number, number] | undefined {
  const m = /^\$?([A-Z]{1,3})\$?([1-9]\d{0,6})$/.exec(ref)
  if (!m) return undefined
  let col = 0
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64
  const row = Number(m[2])
  return col <= 16_384 && row <= EXCEL_MAX_ROW ? [row, col] : undefined
}

function countOf(xml: Buffer, needle: Buffer): number {
  let n = 0
  for (let at = xml.indexOf(needle); at >= 0; at = xml.indexOf(needle, at + needle.length)) n++
  return n
}

/** Checks the workbook's worksheets against XLSX_LIMITS before exceljs loads it. */
export function preflightXlsx(buffer: Buffer, file: string): void {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  // No directory (truncated) or a zip64 archive: exceljs says what is wrong.
  if (end < 0 || end + 22 > buffer.length) return
  const count = buffer.readUInt16LE(end + 10)
  let at = buffer.readUInt32LE(end + 16)
  for (let i = 0; i < count && at + 46 <= buffer.length; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) return
    const method = buffer.readUInt16LE(at + 10)
    const compressed = buffer.readUInt32LE(at + 20)
    const size = buffer.readUInt32LE(at + 24)
    const nameLength = buffer.readUInt16LE(at + 28)
    const local = buffer.readUInt32LE(at + 42)
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength)
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32)
    if (size > XLSX_LIMITS.partBytes) refuseDamaged(file, `${name} unpacks to ${Math.round(size / 2 ** 20).toLocaleString('en')} MB`)
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(name) || local + 30 > buffer.length) continue
    const dataAt = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28)
    const data = buffer.subarray(dataAt, dataAt + compressed)
    let xml: Buffer
    try {
      xml = method === 8 ? zlib.inflateRawSync(data, {maxOutputLength: XLSX_LIMITS.partBytes}) : data
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') refuseDamaged(file, `${name} unpacks to more than ${XLSX_LIMITS.partBytes >> 20} MB`)
      return
    }
    const cells = countOf(xml, Buffer.from('<c ')) + countOf(xml, Buffer.from('<c>')) + countOf(xml, Buffer.from('<c/>'))
    if (cells > XLSX_LIMITS.cells) refuseDamaged(file, `${name} holds ${cells.toLocaleString('en')} cells`)
    let merges = 0
    let merged = 0
    const tag = Buffer.from('<mergeCell ')
    for (let m = xml.indexOf(tag); m >= 0; m = xml.indexOf(tag, m + tag.length)) {
      merges++
      const ref = /ref="([^"]*)"/.exec(xml.toString('latin1', m, Math.min(m + 200, xml.length)))?.[1] ?? ''
      const parts = ref.split(':')
      const a = cellRef(parts[0] ?? '')
      const b = parts.length === 1 ? a : parts.length === 2 ? cellRef(parts[1]!) : undefined
      // exceljs would read `A99999999999:A-1` as a range of a hundred billion cells.
      if (!a || !b) refuseDamaged(file, `${name} has a merged range outside the sheet (${JSON.stringify(ref.slice(0, 40))})`)
      merged += (Math.abs(b[0] - a[0]) + 1) * (Math.abs(b[1] - a[1]) + 1)
    }
    if (merges > XLSX_LIMITS.merges) refuseDamaged(file, `${name} has ${merges.toLocaleString('en')} merged ranges`)
    if (merged > XLSX_LIMITS.mergedCells) refuseDamaged(file, `the merged ranges of ${name} cover ${merged.toLocaleString('en')} cells`)
  }
}

export async function readXlsxExceljs(file: string, options: ReadOptions = {}): Promise<RowSource> {
  const workbook = new (excelJs().Workbook)()
  let buffer: Buffer
  try {
    buffer = await readFile(file)
  } catch (error) {
    throw new UserError(`cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, file)
  }
  preflightXlsx(buffer, file)
  installLinearMerges()
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer)
  } catch (error) {
    const reason = (error as Error).message?.split('\n')[0] ?? 'unknown error'
    throw new UserError(`is not a readable .xlsx workbook (truncated, corrupt or another format: ${reason.slice(0, 120)})`, file)
  }
  const sheet = pickSheet(workbook, file, options.sheet)
  // A row number past Excel's last row: no spreadsheet wrote it, and reading up to it would
  // walk a hundred million empty rows.
  if (sheet.rowCount > EXCEL_MAX_ROW) refuseDamaged(file, `sheet "${sheet.name}" has a row numbered ${sheet.rowCount.toLocaleString('en')}, past Excel's last row (${EXCEL_MAX_ROW.toLocaleString('en')})`)
  const date1904 = Boolean((workbook.properties as {date1904?: boolean}).date1904)
  const info = {file, format: 'xlsx' as const, sheet: sheet.name}
  const merge = excelJs().ValueType.Merge

  function* rows(): Generator<RawRow> {
    const last = sheet.rowCount
    for (let r = 1; r <= last; r++) {
      const row = sheet.findRow(r)
      if (!row) {
        yield {row: r, cells: []}
        continue
      }
      const cells: string[] = []
      let longNumbers: number[] | undefined
      const count = row.cellCount
      for (let c = 1; c <= count; c++) {
        const cell = row.findCell(c)
        if (!cell) {
          cells.push('')
          continue
        }
        // A merged range reads its top-left cell's value, in that cell's format, on every cell.
        const source = cell.type === merge ? cell.master : cell
        const rendered = renderValue(source.value, source.numFmt, date1904)
        cells.push(rendered.text)
        if (rendered.longNumber) (longNumbers ??= []).push(c - 1)
      }
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop()
      yield longNumbers ? {row: r, cells, longNumbers} : {row: r, cells}
    }
  }

  return {info, rows: toAsync(rows())}
}

async function* toAsync<T>(it: Iterable<T>): AsyncGenerator<T> {
  yield* it
}
