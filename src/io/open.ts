import {open, stat} from 'node:fs/promises'
import path from 'node:path'

import {UserError} from '../errors.js'
import {readCsv} from './csv-reader.js'
import {readHtmlTable} from './html-table-reader.js'
import {SNIFF_BYTES, sniffMarkup} from './markup-source.js'
import {readSpreadsheetMl} from './spreadsheetml-reader.js'
import type {ReadOptions, RowSource} from './types.js'
import {readXlsx} from './xlsx-reader.js'

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0])

/**
 * Excel 2.x–4.0 worksheets are bare BIFF records without the OLE container of later .xls files:
 * a BOF record (type 0x0009, 0x0209, 0x0409 or 0x0809) with its length, 4 to 16 bytes.
 */
function isBareBiff(magic: Buffer): boolean {
  if (magic.length < 4) return false
  const type = magic.readUInt16LE(0)
  const length = magic.readUInt16LE(2)
  return (type === 0x0009 || type === 0x0209 || type === 0x0409 || type === 0x0809) && length >= 4 && length <= 16
}

const XLS_MESSAGE = 'is an Excel 97–2003 (.xls) workbook, which is not read: open it in Excel or WPS and save it as .xlsx'

async function head(file: string, n: number): Promise<Buffer> {
  const handle = await open(file, 'r')
  try {
    const buf = Buffer.alloc(n)
    const {bytesRead} = await handle.read(buf, 0, n, 0)
    return buf.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/**
 * Opens any roster the tool reads: .csv/.tsv/.txt text in any supported encoding, .xlsx, and the
 * files systems export as ".xls" without being Excel 97–2003 workbooks — an .xlsx renamed, an
 * HTML table, an Excel 2003 XML Spreadsheet, tab-separated text — told apart by their content.
 * Everything that cannot be read at all becomes a one-line UserError naming the file.
 */
export async function openRows(file: string, options: ReadOptions = {}): Promise<RowSource> {
  let info
  try {
    info = await stat(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new UserError('no such file', file)
    if (code === 'EACCES') throw new UserError('permission denied', file)
    throw new UserError(`cannot open (${code ?? 'error'})`, file)
  }
  if (info.isDirectory()) throw new UserError('is a directory, not a roster file', file)
  // A device or pipe reports size 0 and may never end (/dev/zero): rosters are regular files.
  if (!info.isFile()) throw new UserError('is not a regular file (a device, pipe or socket), not a roster file', file)
  if (info.size === 0) throw new UserError('is empty (0 bytes): no header, no rows', file)

  const ext = path.extname(file).toLowerCase()
  let magic: Buffer
  try {
    magic = await head(file, SNIFF_BYTES)
  } catch (error) {
    throw new UserError(`cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, file)
  }
  const isZip = magic.subarray(0, 4).equals(ZIP_MAGIC)
  const isOle = magic.subarray(0, 4).equals(OLE_MAGIC)

  // Excel encrypts a password-protected .xlsx into an OLE container, the same as an .xls's.
  if (isOle && (ext === '.xlsx' || ext === '.xlsm')) {
    throw new UserError('is password-protected (or an .xls renamed): open it in Excel or WPS, remove the password and save it as .xlsx', file)
  }
  if (isOle) throw new UserError(XLS_MESSAGE, file)
  if (ext === '.xlsx' || ext === '.xlsm') {
    if (!isZip) throw new UserError('is not an .xlsx workbook (not a zip file); save it from Excel as .xlsx', file)
    return readXlsx(file, options)
  }
  if (ext === '.ods' || ext === '.numbers') {
    throw new UserError(`${ext} files are not read: save the sheet as .xlsx or CSV`, file)
  }
  // A workbook renamed to .csv or .xls is still a workbook.
  if (isZip) return readXlsx(file, options)
  if ((ext === '.xls' || ext === '.et') && isBareBiff(magic)) throw new UserError(XLS_MESSAGE, file)
  // The extension says nothing about these: whatever a file is called, markup is read as markup.
  const markup = sniffMarkup(magic)
  if (markup === 'html') return readHtmlTable(file, options)
  if (markup === 'spreadsheetml') return readSpreadsheetMl(file, options)
  if (markup === 'xml') {
    throw new UserError('is an XML file but not an Excel 2003 XML Spreadsheet: save it from Excel as .xlsx or CSV', file)
  }
  return readCsv(file, options)
}
