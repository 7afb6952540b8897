import {closeSync, openSync, readSync} from 'node:fs'
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

const XLS_MESSAGE = {
  en: 'is an Excel 97–2003 (.xls) workbook, which is not read: open it in Excel or WPS and save it as .xlsx',
  zh: '是 Excel 97–2003（.xls）工作簿，不能读取：请用 Excel 或 WPS 打开后另存为 .xlsx',
}

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
 * Whether `file` is a zip (an .xlsx workbook, whatever it is called), from its first four bytes;
 * false when it cannot be read (opening it says why).
 */
export function isWorkbookFile(file: string): boolean {
  let fd: number | undefined
  try {
    fd = openSync(file, 'r')
    const magic = Buffer.alloc(4)
    return readSync(fd, magic, 0, 4, 0) === 4 && magic.equals(ZIP_MAGIC)
  } catch {
    return false
  } finally {
    if (fd !== undefined) closeSync(fd)
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
    if (code === 'ENOENT') throw new UserError({en: 'no such file', zh: '文件不存在'}, file)
    if (code === 'EACCES') throw new UserError({en: 'permission denied', zh: '没有读取权限'}, file)
    throw new UserError({en: `cannot open (${code ?? 'error'})`, zh: `无法打开（${code ?? 'error'}）`}, file)
  }
  if (info.isDirectory()) throw new UserError({en: 'is a directory, not a roster file', zh: '是文件夹，不是名单文件'}, file)
  // A device or pipe reports size 0 and may never end (/dev/zero): rosters are regular files.
  if (!info.isFile()) throw new UserError({en: 'is not a regular file (a device, pipe or socket), not a roster file', zh: '不是普通文件（是设备、管道或套接字），不是名单文件'}, file)
  if (info.size === 0) throw new UserError({en: 'is empty (0 bytes): no header, no rows', zh: '是空文件（0 字节）：没有表头，也没有数据行'}, file)

  const ext = path.extname(file).toLowerCase()
  let magic: Buffer
  try {
    magic = await head(file, SNIFF_BYTES)
  } catch (error) {
    throw new UserError({en: `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, zh: `无法读取（${(error as NodeJS.ErrnoException).code ?? 'error'}）`}, file)
  }
  const isZip = magic.subarray(0, 4).equals(ZIP_MAGIC)
  const isOle = magic.subarray(0, 4).equals(OLE_MAGIC)

  // Excel encrypts a password-protected .xlsx into an OLE container, the same as an .xls's.
  if (isOle && (ext === '.xlsx' || ext === '.xlsm')) {
    throw new UserError({en: 'is password-protected (or an .xls renamed): open it in Excel or WPS, remove the password and save it as .xlsx', zh: '设有密码（或是改了扩展名的 .xls）：请用 Excel 或 WPS 打开，取消密码后另存为 .xlsx'}, file)
  }
  if (isOle) throw new UserError(XLS_MESSAGE, file)
  if (ext === '.xlsx' || ext === '.xlsm') {
    if (!isZip) throw new UserError({en: 'is not an .xlsx workbook (not a zip file); save it from Excel as .xlsx', zh: '不是 .xlsx 工作簿（不是 zip 文件）；请用 Excel 另存为 .xlsx'}, file)
    return readXlsx(file, options)
  }
  if (ext === '.ods' || ext === '.numbers') {
    throw new UserError({en: `${ext} files are not read: save the sheet as .xlsx or CSV`, zh: `不读取 ${ext} 文件：请把工作表另存为 .xlsx 或 CSV`}, file)
  }
  // A workbook renamed to .csv or .xls is still a workbook.
  if (isZip) return readXlsx(file, options)
  if ((ext === '.xls' || ext === '.et') && isBareBiff(magic)) throw new UserError(XLS_MESSAGE, file)
  // The extension says nothing about these: whatever a file is called, markup is read as markup.
  const markup = sniffMarkup(magic)
  if (markup === 'html') return readHtmlTable(file, options)
  if (markup === 'spreadsheetml') return readSpreadsheetMl(file, options)
  if (markup === 'xml') {
    throw new UserError({en: 'is an XML file but not an Excel 2003 XML Spreadsheet: save it from Excel as .xlsx or CSV', zh: '是 XML 文件，但不是 Excel 2003 XML 电子表格：请用 Excel 另存为 .xlsx 或 CSV'}, file)
  }
  return readCsv(file, options)
}
