// Inline fixtures for the reader tests: files are written to a fresh temporary directory, never
// committed. GB18030 bytes come from iconv-lite, workbooks from exceljs.
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import {afterAll} from 'vitest'

import {openRows} from '../../../src/io/open.js'
import type {RawRow, ReadOptions} from '../../../src/io/types.js'

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
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name)
    const data = Buffer.from(content)
    const crc = zlib.crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    locals.push(local, nameBytes, data)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, nameBytes)
    offset += 30 + nameBytes.length + data.length
  }
  const dir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(files).length, 8)
  end.writeUInt16LE(Object.keys(files).length, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, dir, end])
}
