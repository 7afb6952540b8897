import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import type {ReadOptions, RowSource} from './types.js'
import {readXlsxInThread} from './xlsx-stream/read.js'
import {readXlsxInWorker} from './xlsx-stream/worker-source.js'

// .xlsx cells rendered as the text a person sees in Excel, streamed row by row
// (src/io/xlsx-stream/): memory follows the shared strings and the merged ranges, not the rows.

export {formatDate, formatNumber, plainDigits} from './xlsx-stream/render.js'
export {XLSX_LIMITS} from './xlsx-stream/limits.js'

let worker: URL | null | undefined

/**
 * The reading worker's script: there when the code runs built (dist/), absent when it runs from
 * its TypeScript sources (the unit tests), where the workbook is read on the calling thread.
 * LIUSHOU_XLSX_THREAD=main forces the calling thread (to measure one against the other).
 */
function workerUrl(): URL | null {
  if (worker === undefined) {
    const url = new URL('./xlsx-stream/worker.js', import.meta.url)
    worker = process.env.LIUSHOU_XLSX_THREAD !== 'main' && url.protocol === 'file:' && import.meta.url.endsWith('.js') && existsSync(fileURLToPath(url)) ? url : null
  }
  return worker
}

export async function readXlsx(file: string, options: ReadOptions = {}): Promise<RowSource> {
  const url = workerUrl()
  return url ? readXlsxInWorker(file, options, url) : readXlsxInThread(file, options)
}
