// Inline fixtures for the reader tests: files are written to a fresh temporary directory, never
// committed. GB18030 bytes come from iconv-lite, workbooks from exceljs.
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll} from 'vitest'

import {openRows} from '../../../src/io/open.js'
import type {RawRow, ReadOptions} from '../../../src/io/types.js'
import {zipArchive} from '../../helpers/zip.js'

/** A temporary directory removed after the test file. */
export function tempDir(prefix = 'liushou-io-'): (name: string) => string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  afterAll(() => rmSync(dir, {recursive: true, force: true}))
  return (name: string) => path.join(dir, name)
}

export function writeBytes(file: string, bytes: Buffer | string): string {
  writeFileSync(file, bytes)
  return file
}

export const gb = (text: string): Buffer => iconv.encode(text, 'gb18030')
export const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8')
export const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')])
export const utf16be = (text: string): Buffer => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')])
export const bom = (text: string): Buffer => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)])

export async function readAll(file: string, options: ReadOptions = {}): Promise<{rows: RawRow[]; info: Awaited<ReturnType<typeof openRows>>['info']}> {
  const source = await openRows(file, options)
  const rows: RawRow[] = []
  for await (const r of source.rows) rows.push(r)
  return {rows, info: source.info}
}

/** Rows as `row: cells` pairs, blank rows included, for compact assertions. */
export function byRow(rows: RawRow[]): Record<number, string[]> {
  return Object.fromEntries(rows.map((r) => [r.row, r.cells]))
}

/** Builds an .xlsx with exceljs; `build` fills the workbook. */
export async function writeWorkbook(file: string, build: (wb: ExcelJS.Workbook) => void | Promise<void>): Promise<string> {
  const wb = new ExcelJS.Workbook()
  await build(wb)
  await wb.xlsx.writeFile(file)
  return file
}

/** Catches the error of a promise (the test fails when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error & {file?: string; row?: number; line?: string; exitCode?: number}> {
  try {
    await p
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection')
}

/** A zip archive of stored (uncompressed) entries: enough to fake "a zip that is not a workbook". */
export function storedZip(files: Record<string, string>): Buffer {
  return zipArchive(Object.entries(files), 'store')
}
