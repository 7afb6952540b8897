import iconv from 'iconv-lite'
import path from 'node:path'
import {PassThrough} from 'node:stream'

import {UserError} from '../errors.js'
import {writeFileAtomic} from './atomic-write.js'
import {excelJs} from './exceljs-load.js'
import {neutralizeCell} from './neutralize.js'

// Table writers for the rosters the tool writes back (normalize's cleaned copy, samples):
// .csv/.tsv text in the encoding asked for, or .xlsx with every cell a text cell (an ID never
// turns into 4.30102E+17 and `=…` is never a formula). Always atomic: temporary file, then rename.

export type OutputEncoding = 'utf8-bom' | 'utf8' | 'gb18030'

export interface WriteTableOptions {
  /** Text encoding of .csv/.tsv output; default `utf8-bom` (what Excel opens without garbling). */
  encoding?: OutputEncoding
  /** Worksheet name of .xlsx output; default `Sheet1`. */
  sheetName?: string
  /**
   * .xlsx: columns (0-based) given Excel's Text number format `@`, so that values typed into them
   * later stay text too. Default: every column. Cells are written as text whatever this says.
   */
  textColumns?: number[]
  /** Rows written above the header (a title such as `XX县农村留守儿童花名册`). */
  preamble?: string[][]
  /** The table holds unmasked personal data: created 0600 (atomic-write.ts WriteOptions). */
  private?: boolean
  /** .xlsx: the header row frozen and given an auto-filter (a log to sort and filter in Excel). */
  filter?: boolean
  /**
   * .csv/.tsv: every cell written as it is, a leading = + - or @ included: for a private file that
   * only liushou reads back (a registry snapshot written out for the checks), where a neutralized
   * `+86 138…` would be checked as another value than the list holds.
   */
  verbatim?: boolean
}

export interface TableWriter {
  /**
   * Queues one row; the promise resolves when the writer is ready for more (back-pressure). The
   * row is read before write() returns and not kept: the caller may refill the same array.
   */
  write(row: readonly string[]): Promise<void>
  /** Finishes the file and moves it into place. */
  close(): Promise<void>
  /** Gives up: the target is left untouched and the temporary file removed. */
  abort(): Promise<void>
  /** Data rows written so far (the header and preamble not counted). */
  readonly rows: number
}

type Format = 'csv' | 'tsv' | 'xlsx'

export function tableFormat(file: string): Format {
  const ext = path.extname(file).toLowerCase()
  if (ext === '.xlsx') return 'xlsx'
  if (ext === '.tsv' || ext === '.txt') return 'tsv'
  if (ext === '.csv') return 'csv'
  throw new UserError({en: `cannot write "${ext || 'no extension'}" files: use .csv, .tsv or .xlsx`, zh: `不能写出“${ext || '无扩展名'}”文件：请用 .csv、.tsv 或 .xlsx`}, file)
}

function encodeText(text: string, encoding: OutputEncoding): Buffer {
  if (encoding === 'gb18030') return iconv.encode(text, 'gb18030')
  return Buffer.from(text, 'utf8')
}

const QUOTE_NEEDED: Record<string, RegExp> = {',': /[",\r\n]/, '\t': /["\t\r\n]/}

function quoteTest(delimiter: string): RegExp {
  return QUOTE_NEEDED[delimiter] ?? new RegExp(`["\r\n${delimiter.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}]`)
}

/** Whether neutralizeCell might change the cell: only one starting with = + - or @. */
function mayBeFormula(cell: string): boolean {
  const c = cell.charCodeAt(0)
  return c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40
}

/**
 * One CSV line as Excel writes it, without its CRLF: a cell quoted (quotes doubled) only when it
 * holds the delimiter, a quote or a line break — csv-stringify's output for these options,
 * written here because csv-stringify took a sixth of normalize's time on a million rows. A row
 * with nothing to quote or neutralize (nearly all of them) is one native join rather than a
 * string built cell by cell.
 */
function csvLine(row: readonly string[], delimiter: string, needsQuote: RegExp, verbatim = false): string {
  let plain = true
  for (let i = 0; i < row.length; i++) {
    const cell = row[i] ?? ''
    if ((!verbatim && mayBeFormula(cell)) || needsQuote.test(cell)) {
      plain = false
      break
    }
  }
  if (plain) return row.join(delimiter)
  const cells = new Array<string>(row.length)
  for (let i = 0; i < row.length; i++) {
    const cell = verbatim ? (row[i] ?? '') : neutralizeCell(row[i] ?? '')
    cells[i] = needsQuote.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell
  }
  return cells.join(delimiter)
}

function csvLines(rows: readonly (readonly string[])[], delimiter: string, verbatim = false): string {
  const needsQuote = quoteTest(delimiter)
  let out = ''
  for (const row of rows) out += `${csvLine(row, delimiter, needsQuote, verbatim)}\r\n`
  return out
}

/** Writes a whole table at once. For long outputs see {@link createTableWriter}. */
export async function writeTable(file: string, header: string[], rows: string[][], options: WriteTableOptions = {}): Promise<void> {
  const writer = await createTableWriter(file, header, options)
  try {
    for (const row of rows) await writer.write(row)
  } catch (error) {
    await writer.abort()
    throw error
  }
  await writer.close()
}

/** A bounded queue of chunks consumed by writeFileAtomic: memory stays flat for any row count. */
class ChunkChannel implements AsyncIterable<Uint8Array> {
  private readonly queue: Uint8Array[] = []
  private queuedBytes = 0
  private ended = false
  private failed: Error | undefined
  private wakeConsumer: (() => void) | undefined
  private wakeProducers: (() => void)[] = []

  constructor(private readonly highWater = 1 << 20) {}

  async push(chunk: Uint8Array): Promise<void> {
    if (this.failed) throw this.failed
    if (chunk.length > 0) {
      this.queue.push(chunk)
      this.queuedBytes += chunk.length
      this.wakeConsumer?.()
    }
    if (this.queuedBytes >= this.highWater) await new Promise<void>((resolve) => this.wakeProducers.push(resolve))
    if (this.failed) throw this.failed
  }

  end(): void {
    this.ended = true
    this.wakeConsumer?.()
  }

  fail(error: Error): void {
    this.failed = error
    this.ended = true
    this.wakeConsumer?.()
    this.releaseProducers()
  }

  private releaseProducers(): void {
    const waiting = this.wakeProducers
    this.wakeProducers = []
    for (const w of waiting) w()
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      if (this.failed) throw this.failed
      const chunk = this.queue.shift()
      if (chunk) {
        this.queuedBytes -= chunk.length
        if (this.queuedBytes < this.highWater) this.releaseProducers()
        yield chunk
        continue
      }
      if (this.ended) return
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve))
      this.wakeConsumer = undefined
    }
  }
}

const CSV_BATCH_ROWS = 500
const READY: Promise<void> = Promise.resolve()

async function createTextWriter(file: string, header: string[], options: WriteTableOptions, delimiter: string): Promise<TableWriter> {
  const encoding = options.encoding ?? 'utf8-bom'
  const needsQuote = quoteTest(delimiter)
  const channel = new ChunkChannel()
  const done = writeFileAtomic(file, channel, {private: options.private === true})
  // Surface a write failure (folder missing, disk full) at the next write() rather than at close().
  let writeError: unknown
  done.catch((error: unknown) => {
    writeError = error
    channel.fail(error instanceof Error ? error : new Error(String(error)))
  })

  // Rows are turned into text as they come (the caller may reuse its array) and written in
  // batches: one join and one encode for CSV_BATCH_ROWS lines.
  let pending: string[] = []
  let rows = 0
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return
    pending.push('')
    const text = pending.join('\r\n')
    pending = []
    await channel.push(encodeText(text, encoding))
  }

  const first = (encoding === 'utf8-bom' ? '\ufeff' : '') + csvLines([...(options.preamble ?? []), header], delimiter, options.verbatim)
  await channel.push(encodeText(first, encoding)).catch(() => {})

  return {
    // Not async: a promise per row is measurable on a million rows, and only every
    // CSV_BATCH_ROWS-th row has anything to wait for.
    write(row) {
      if (writeError) return Promise.reject(writeError)
      pending.push(csvLine(row, delimiter, needsQuote, options.verbatim))
      rows++
      return pending.length >= CSV_BATCH_ROWS ? flush() : READY
    },
    async close() {
      if (!writeError) {
        await flush().catch(() => {})
        channel.end()
      }
      await done
    },
    async abort() {
      channel.fail(new Error('aborted'))
      await done.catch(() => {})
    },
    get rows() {
      return rows
    },
  }
}

async function createXlsxWriter(file: string, header: string[], options: WriteTableOptions): Promise<TableWriter> {
  const stream = new PassThrough()
  const done = writeFileAtomic(file, stream, {private: options.private === true})
  let writeError: unknown
  done.catch((error: unknown) => {
    writeError = error
    stream.destroy()
  })
  const workbook = new (excelJs().stream.xlsx.WorkbookWriter)({stream, useStyles: true, useSharedStrings: false})
  const preamble = options.preamble ?? []
  const headerRow = preamble.length + 1
  const sheet = workbook.addWorksheet(options.sheetName ?? 'Sheet1', options.filter ? {views: [{state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}`}]} : {})
  if (options.filter && header.length > 0) sheet.autoFilter = {from: {row: headerRow, column: 1}, to: {row: headerRow, column: header.length}}
  const width = Math.max(header.length, ...preamble.map((r) => r.length))
  const textColumns = options.textColumns ?? Array.from({length: width}, (_, i) => i)
  for (const c of textColumns) sheet.getColumn(c + 1).numFmt = '@'

  let rowNumber = 0
  let rows = 0
  const addRow = (cells: readonly string[], bold = false): void => {
    rowNumber++
    const row = sheet.getRow(rowNumber)
    cells.forEach((value, i) => {
      const cell = row.getCell(i + 1)
      // A plain string value is a text cell (t="inlineStr"): never a number, never a formula.
      cell.value = value ?? ''
      cell.numFmt = '@'
      if (bold) cell.font = {bold: true}
    })
    row.commit()
  }
  for (const r of preamble) addRow(r, true)
  addRow(header, true)

  const waitDrain = async (): Promise<void> => {
    if (stream.writableNeedDrain) await new Promise<void>((resolve) => stream.once('drain', resolve))
  }

  return {
    async write(row) {
      if (writeError) throw writeError
      addRow(row)
      rows++
      if (rows % 1000 === 0) await waitDrain()
    },
    async close() {
      if (writeError) throw writeError
      sheet.commit()
      // If the file cannot be written, the zip never drains: the write error must win the race.
      const committed = workbook.commit()
      committed.catch(() => {})
      await Promise.race([committed.then(() => done), done])
    },
    async abort() {
      stream.destroy(new Error('aborted'))
      await done.catch(() => {})
    },
    get rows() {
      return rows
    },
  }
}

/**
 * Opens a table for row-by-row writing (normalize writes million-row outputs through this). The
 * target appears, complete, only when `close()` resolves.
 */
export async function createTableWriter(file: string, header: string[], options: WriteTableOptions = {}): Promise<TableWriter> {
  const format = tableFormat(file)
  if (format === 'xlsx') return createXlsxWriter(file, header, options)
  return createTextWriter(file, header, options, format === 'tsv' ? '\t' : ',')
}
