import type {ReadOptions, RowSource} from './types.js'
import {workerScript} from './worker-script.js'
import {readXlsxInThread} from './xlsx-stream/read.js'
import {readXlsxInWorker} from './xlsx-stream/worker-source.js'

// .xlsx cells rendered as the text a person sees in Excel, streamed row by row
// (src/io/xlsx-stream/): memory follows the shared strings and the merged ranges, not the rows.

export {formatDate, formatNumber, plainDigits} from './xlsx-stream/render.js'
export {XLSX_LIMITS} from './xlsx-stream/limits.js'

let worker: URL | null | undefined

/**
 * The reading worker's script: there when the code runs built (dist/), absent when it runs from
 * its TypeScript sources (the unit tests), where the workbook is read on the calling thread, as it
 * is on a single core (the worker costs 1.4 s more CPU on the benchmark workbook, which only a
 * second core repays). LIUSHOU_XLSX_THREAD=main forces the calling thread.
 */
function workerUrl(): URL | null {
  if (worker === undefined) worker = workerScript(new URL('./xlsx-stream/worker.js', import.meta.url), 'LIUSHOU_XLSX_THREAD')
  return worker
}

export async function readXlsx(file: string, options: ReadOptions = {}): Promise<RowSource> {
  const url = workerUrl()
  return url ? readXlsxInWorker(file, options, url) : readXlsxInThread(file, options)
}
