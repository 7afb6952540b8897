import {StringDecoder} from 'node:string_decoder'

import {UserError} from '../../errors.js'
import type {RawRow, ReadOptions, RowSource} from '../types.js'
import {EXCEL_MAX_ROW, PART_LIMITS, SHEET_LIMITS, XLSX_LIMITS, refuseDamaged} from './limits.js'
import {MergeApplier, MergeError, type MergeRange, checkMerges, mergeCellsParser} from './merges.js'
import {CompactStrings, type SharedStrings, SharedStringsReader} from './shared-strings.js'
import {SheetBytesReader} from './sheet-bytes.js'
import {SheetError, SheetRowsHandler} from './sheet-rows.js'
import {type CellFormats, NO_FORMATS, parseStyles} from './styles.js'
import {type SheetEntry, parseRels, parseWorkbook, relsPathOf, workbookPath} from './workbook.js'
import {XmlError, XmlScanner} from './xml-scanner.js'
import {ZipArchive, ZipError, ZipLimitError, type ZipPart} from './zip.js'

// The streaming .xlsx reader: the zip's directory gives each part directly; the workbook, its
// styles and shared strings are read first, then the chosen sheet twice — once for its merged
// ranges (listed after the rows) and its checksum, once for the rows, yielded one by one. Memory
// follows the shared strings and the merged ranges, never the rows.

function unreadable(file: string, why: string): UserError {
  return new UserError(`is not a readable .xlsx workbook (truncated, corrupt or another format: ${why.slice(0, 160)})`, file)
}

/** Any fault of the archive or its XML, as the one-line error the user sees. */
function asUserError(error: unknown, file: string, sheet?: string): unknown {
  if (error instanceof UserError) return error
  if (error instanceof ZipLimitError || error instanceof MergeError) return refuseDamaged(file, error.message)
  if (error instanceof SheetError) return refuseDamaged(file, `sheet "${sheet ?? ''}" ${error.message}`)
  if (error instanceof ZipError) return unreadable(file, error.message)
  if (error instanceof XmlError) return unreadable(file, `${sheet === undefined ? '' : `sheet "${sheet}": `}${error.message}`)
  return error
}

function pickSheet(sheets: SheetEntry[], file: string, wanted?: string): SheetEntry {
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

async function readSharedStrings(zip: ZipArchive, part: ZipPart): Promise<SharedStrings> {
  const store = new CompactStrings()
  const reader = new SharedStringsReader(store)
  for await (const chunk of zip.chunks(part, PART_LIMITS)) reader.write(chunk)
  reader.end()
  return store.seal()
}

const MERGE_TAG = Buffer.from('mergeCells')

/** Where a `<mergeCells` (or `<x:mergeCells`) tag starts in `buf`, from `from`; -1 when none. */
function mergeTagAt(buf: Buffer, from: number): number {
  for (let at = buf.indexOf(MERGE_TAG, from); at >= 0; at = buf.indexOf(MERGE_TAG, at + 1)) {
    let lt = at - 1
    if (buf[lt] === 0x3a /* : */) {
      lt--
      while (lt >= 0 && lt > at - 24 && buf[lt] !== 0x3c && buf[lt] !== 0x3e && buf[lt] !== 0x20) lt--
    }
    if (lt >= 0 && buf[lt] === 0x3c) return lt
  }
  return -1
}

/**
 * The first pass over the sheet: inflates it all (checking its checksum), looks for nothing but
 * the `<mergeCells>` element and reads the ranges in it.
 */
async function readMerges(zip: ZipArchive, part: ZipPart): Promise<MergeRange[]> {
  const ranges: MergeRange[] = []
  let scanner: XmlScanner | undefined
  let decoder: StringDecoder | undefined
  let tail = Buffer.alloc(0)
  // Large chunks: the pass only searches bytes, and costs per chunk.
  for await (const chunk of zip.chunks(part, SHEET_LIMITS, true, 1 << 20)) {
    if (scanner) {
      if (!scanner.stopped) scanner.write(decoder!.write(chunk))
      continue
    }
    // The tag may straddle two chunks: the end of the previous one is searched with this one's head.
    let start: Buffer | undefined
    if (tail.length > 0) {
      const j = mergeTagAt(Buffer.concat([tail, chunk.subarray(0, 32)]), 0)
      if (j >= 0 && j < tail.length) start = Buffer.concat([tail.subarray(j), chunk])
    }
    if (!start) {
      const at = mergeTagAt(chunk, 0)
      if (at >= 0) start = chunk.subarray(at)
    }
    if (!start) {
      tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 32)))
      continue
    }
    scanner = mergeCellsParser(ranges, part.name)
    decoder = new StringDecoder('utf8')
    scanner.write(decoder.write(start))
  }
  return checkMerges(ranges, part.name)
}

/** Reads a workbook on the calling thread (the worker of worker-source.ts runs this). */
export async function readXlsxInThread(file: string, options: ReadOptions = {}): Promise<RowSource> {
  let sheet: SheetEntry
  let strings: SharedStrings | undefined
  let formats: CellFormats = NO_FORMATS
  let merges: MergeRange[]
  let date1904 = false
  let zip: ZipArchive
  try {
    zip = await ZipArchive.open(file)
  } catch (error) {
    throw asUserError(error, file)
  }
  try {
    const rootRelsPart = zip.part('_rels/.rels')
    const rootRels = rootRelsPart ? parseRels(await zip.read(rootRelsPart, PART_LIMITS), rootRelsPart.name) : undefined
    const bookPath = workbookPath(rootRels)
    const bookPart = zip.part(bookPath) ?? zip.part('xl/workbook.xml')
    const relsPart = bookPart ? zip.part(relsPathOf(bookPart.name)) : undefined
    const rels = relsPart ? parseRels(await zip.read(relsPart, PART_LIMITS), relsPart.name) : new Map()
    const book = bookPart ? parseWorkbook(await zip.read(bookPart, PART_LIMITS), bookPart.name, rels, (p) => zip.part(p) !== undefined) : {sheets: [], date1904: false, styles: undefined, sharedStrings: undefined}
    sheet = pickSheet(book.sheets, file, options.sheet)
    date1904 = book.date1904
    const stylesPart = zip.part(book.styles ?? 'xl/styles.xml')
    if (stylesPart) formats = parseStyles(await zip.read(stylesPart, PART_LIMITS), stylesPart.name)
    const stringsPart = zip.part(book.sharedStrings ?? 'xl/sharedStrings.xml')
    // The first pass over the sheet is mostly inflating, which zlib does off the main thread:
    // it runs while the shared strings are parsed.
    ;[strings, merges] = await Promise.all([stringsPart ? readSharedStrings(zip, stringsPart) : undefined, readMerges(zip, zip.part(sheet.part)!)])
  } catch (error) {
    throw asUserError(error, file)
  } finally {
    zip.close()
  }

  const info = {file, format: 'xlsx' as const, sheet: sheet.name}
  const sheetName = sheet.name
  const sheetPath = sheet.part

  async function* rows(): AsyncGenerator<RawRow> {
    const applier = new MergeApplier(merges)
    let next = 1
    const emit = (row: number, cells: string[], longs: number[] | undefined): RawRow => {
      const flags = applier.idle ? longs : applier.apply(row, cells, longs)
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop()
      return flags && flags.length > 0 ? {row, cells, longNumbers: flags} : {row, cells}
    }
    let archive: ZipArchive | undefined
    try {
      archive = await ZipArchive.open(file)
      const part = archive.part(sheetPath)
      if (!part) throw new ZipError(`${sheetPath} is missing`)
      const handler = new SheetRowsHandler(strings, formats, date1904)
      const reader = new SheetBytesReader(handler, new XmlScanner(handler, XLSX_LIMITS.textChars))
      // The checksum was verified by the first pass.
      for await (const chunk of archive.chunks(part, SHEET_LIMITS, false)) {
        reader.write(chunk)
        for (const parsed of handler.rows) {
          while (next < parsed.row) yield emit(next++, [], undefined)
          yield emit(next++, parsed.cells, parsed.longs)
        }
        handler.rows.length = 0
        if (handler.done) break
      }
      if (!handler.done) {
        reader.end()
        for (const parsed of handler.rows) {
          while (next < parsed.row) yield emit(next++, [], undefined)
          yield emit(next++, parsed.cells, parsed.longs)
        }
        handler.rows.length = 0
      }
      const last = Math.min(Math.max(next - 1, applier.lastRow), EXCEL_MAX_ROW)
      while (next <= last) yield emit(next++, [], undefined)
    } catch (error) {
      throw asUserError(error, file, sheetName)
    } finally {
      archive?.close()
    }
  }

  return {info, rows: rows()}
}
