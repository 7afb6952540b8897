import {UserError} from '../../errors.js'
import type {PartLimits} from './zip.js'

// What a workbook may cost before it is refused in one line. Rows are streamed, so nothing here
// grows with the rows: the limits bound the parts held in memory (shared strings, styles, the
// workbook's list of sheets, merged ranges) and catch zip bombs and damaged files early. They are
// far above any roster: Excel itself stops at 1,048,576 rows and 16,384 columns.
export const XLSX_LIMITS = {
  /** Inflated size of a part read whole (the workbook, its relationships, styles, shared strings). */
  partBytes: 512 << 20,
  /** Inflated size of the worksheet, which is streamed (a zip without zip64 stops at 4 GiB). */
  sheetBytes: 4 * 2 ** 30,
  /**
   * Inflated/packed ratio past which a part of more than `ratioFloor` bytes is a zip bomb: sheet
   * XML packs 5–10× (the benchmark's 683,000-row sheet 6.5×, its shared strings 4.5×), a sheet of
   * nothing but empty styled cells about 100×; deflate cannot pack better than 1,032×.
   */
  maxRatio: 400,
  ratioFloor: 16 << 20,
  /** Longest text of one cell, or tag, in the XML (Excel's limit is 32,767 characters a cell). */
  textChars: 16 << 20,
  /** Merged ranges in one worksheet. */
  merges: 1_000_000,
  /** Cells covered by the merged ranges of one worksheet: each is written on every row it covers. */
  mergedCells: 50_000_000,
}

export const EXCEL_MAX_ROW = 1_048_576
export const EXCEL_MAX_COLUMN = 16_384

export const PART_LIMITS: PartLimits = {maxBytes: XLSX_LIMITS.partBytes, maxRatio: XLSX_LIMITS.maxRatio, ratioFloor: XLSX_LIMITS.ratioFloor}
export const SHEET_LIMITS: PartLimits = {maxBytes: XLSX_LIMITS.sheetBytes, maxRatio: XLSX_LIMITS.maxRatio, ratioFloor: XLSX_LIMITS.ratioFloor}

/** A workbook the reader will not read: what is wrong, and what the user can do. */
export class DamagedWorkbook extends Error {}

export function refuseDamaged(file: string, why: string): UserError {
  return new UserError(`${why}: the workbook is damaged or not a roster; open it in Excel or WPS and save it again, or save the sheet as CSV`, file)
}

/** An A1-style reference inside Excel's grid → [row, column]; undefined for anything else. */
export function cellRef(ref: string): [number, number] | undefined {
  const m = /^\$?([A-Z]{1,3})\$?([1-9]\d{0,6})$/.exec(ref)
  if (!m) return undefined
  let col = 0
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64
  const row = Number(m[2])
  return col <= EXCEL_MAX_COLUMN && row <= EXCEL_MAX_ROW ? [row, col] : undefined
}
