import type {ReadOptions, RowSource} from './types.js'
import {readXlsxStream} from './xlsx-stream/read.js'

// .xlsx cells rendered as the text a person sees in Excel, streamed row by row
// (src/io/xlsx-stream/): memory follows the shared strings and the merged ranges, not the rows.

export {formatDate, formatNumber, plainDigits} from './xlsx-stream/render.js'
export {XLSX_LIMITS} from './xlsx-stream/limits.js'

export async function readXlsx(file: string, options: ReadOptions = {}): Promise<RowSource> {
  return readXlsxStream(file, options)
}
