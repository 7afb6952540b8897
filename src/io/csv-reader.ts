import {createReadStream} from 'node:fs'
import {open} from 'node:fs/promises'
import {isAscii} from 'node:buffer'
import {pipeline} from 'node:stream'

import {UserError} from '../errors.js'
import {BlockDecoder, type DecodeState, type Detection, RosterDecoder, detectEncoding, looksBinary, parseEncodingName, reportedEncoding} from './decode.js'
import type {RawRow, ReadOptions, RowSource} from './types.js'

const SAMPLE_BYTES = 1 << 16
// An ASCII-only opening (a long English title, numeric columns) says nothing about the encoding:
// keep reading until a non-ASCII byte appears or this much has been seen.
const MAX_SAMPLE_BYTES = 4 << 20

/** The first 64 KB of a file, read on while it is all ASCII (at most 4 MB): enough to tell its encoding. */
export async function readSample(file: string): Promise<Buffer> {
  const handle = await open(file, 'r')
  try {
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      const buf = Buffer.alloc(SAMPLE_BYTES)
      const {bytesRead} = await handle.read(buf, 0, SAMPLE_BYTES, total)
      if (bytesRead === 0) break
      const part = buf.subarray(0, bytesRead)
      chunks.push(part)
      total += bytesRead
      if (bytesRead < SAMPLE_BYTES || total >= MAX_SAMPLE_BYTES || part.includes(0)) break
      // A non-ASCII byte in the last few only starts a character: read on to see it whole.
      if (!isAscii(part.subarray(0, part.length - 8))) break
    }
    return Buffer.concat(chunks)
  } finally {
    await handle.close()
  }
}

/** Picks the delimiter that splits the first lines most consistently (tab, comma, semicolon, |). */
export function detectDelimiter(text: string, fallback = ','): string {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 30)
  let best = fallback
  let bestScore = 0
  for (const d of ['\t', ',', ';', '|']) {
    const counts = lines.map((l) => countOutsideQuotes(l, d))
    const nonZero = counts.filter((c) => c > 0)
    if (nonZero.length === 0) continue
    const mode = mostCommon(nonZero)
    const score = counts.filter((c) => c === mode).length * Math.log2(mode + 1)
    if (score > bestScore) {
      bestScore = score
      best = d
    }
  }
  return best
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0
  let quoted = false
  for (const ch of line) {
    if (ch === '"') quoted = !quoted
    else if (ch === d && !quoted) n++
  }
  return n
}

function mostCommon(values: number[]): number {
  const freq = new Map<number, number>()
  let best = values[0] ?? 0
  for (const v of values) {
    const f = (freq.get(v) ?? 0) + 1
    freq.set(v, f)
    if (f > (freq.get(best) ?? 0)) best = v
  }
  return best
}

function decodeSample(sample: Buffer, detection: Detection, file: string): string {
  const body = sample.subarray(detection.bomLength)
  if (detection.encoding === 'utf-16le' || detection.encoding === 'utf-16be') return new TextDecoder(detection.encoding).decode(body)
  const cut = Math.max(body.lastIndexOf(0x0a), body.lastIndexOf(0x0d))
  if (cut < 0) return new TextDecoder(detection.encoding === 'gb18030' ? 'gb18030' : 'utf-8').decode(body)
  return new BlockDecoder(detection.encoding, file, false).decode(body.subarray(0, cut + 1))
}

// ---------------------------------------------------------------------------------------------
// The CSV grammar as Excel reads it: records end at LF, CRLF or CR; a cell that starts with a
// quote runs to the matching quote (`""` is a quote), may hold delimiters and line breaks, and
// text after its closing quote is kept (`"abc"d` is `abcd`); a quote inside an unquoted cell is
// an ordinary character. Written by hand rather than with csv-parse for two reasons: speed
// (indexOf jumps instead of a byte loop) and recovery — a stray opening quote must not swallow
// the rest of the file, so the reader has to know where the quote opened.

/** A record as the parser yields it. */
export interface ParsedRecord {
  cells: string[]
  fault?: 'unbalanced-quote'
}

/**
 * A quoted cell spanning more line breaks than this is taken for a stray quote: no roster cell
 * holds thousands of lines, and the limit keeps an unclosed quote from buffering the whole file.
 */
export const MAX_QUOTED_LINE_BREAKS = 10_000

/** Longer than any real cell and within what a JavaScript string can hold. */
export const MAX_CELL_CHARS = 1 << 28

/** A cell past MAX_CELL_CHARS; the reader turns it into a UserError naming the row. */
export class CellTooLongError extends Error {}

const QUOTE = 0x22
const LF = 0x0a
const CR = 0x0d

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote was the last character of the previous chunk, inside a quoted cell. */
  QuoteSeen,
}

function countBreaks(s: string): number {
  let n = 0
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++
  for (let i = s.indexOf('\r'); i >= 0; i = s.indexOf('\r', i + 1)) n++
  return n
}

/** Splits one line as plain text, for a record whose quote never closed. */
function plainCells(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((c, i) => {
    if (c.length >= 2 && c.startsWith('"') && c.endsWith('"')) return c.slice(1, -1).replaceAll('""', '"')
    return i === 0 && c.startsWith('"') ? c.slice(1) : c
  })
}

/** Incremental CSV parser: push decoded text chunks, collect complete records. */
export class CsvRecordParser {
  private cells: string[] = []
  /** The part of the current cell that came in earlier chunks. */
  private field = ''
  private state = State.FieldStart
  /** Raw text of the current quoted cell from its opening quote, from earlier chunks. */
  private quoteRaw = ''
  /** Line breaks inside the current quoted cell. */
  private quoteBreaks = 0
  private pendingCr = false
  private first = true

  constructor(private readonly delimiter: string) {
    if (delimiter.length !== 1) throw new Error(`delimiter must be one character, not ${JSON.stringify(delimiter)}`)
  }

  push(chunk: string, out: ParsedRecord[]): void {
    if (chunk === '') return
    let s = chunk
    if (this.first) {
      this.first = false
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1)
    }
    let i = 0
    if (this.pendingCr) {
      this.pendingCr = false
      if (s.charCodeAt(0) === LF) i = 1
    }
    const d = this.delimiter
    const dc = d.charCodeAt(0)
    let len = s.length
    // Next delimiter, LF, CR and quote at or after i; `len` when there is none.
    let nd = -1
    let nl = -1
    let nc = -1
    let nq = -1
    let quoteStart = 0

    while (i < len) {
      const state = this.state
      if (state === State.QuoteSeen) {
        // The quote that ended the previous chunk is judged by the character that follows it.
        if (s.charCodeAt(i) === QUOTE) {
          this.field += '"'
          this.state = State.Quoted
          i++
          continue
        }
        const fault = this.closeQuote(s.charCodeAt(i), () => this.quoteRaw.slice(0, -1), out)
        if (fault !== undefined) {
          s = `${fault}"${s.slice(i)}`
          len = s.length
          i = 0
          nd = nl = nc = nq = -1
        } else if (this.state === State.FieldStart) {
          i = s.charCodeAt(i) === dc ? i + 1 : this.skipBreak(s, i)
        }
        continue
      }
      if (state === State.FieldStart && s.charCodeAt(i) === QUOTE) {
        this.state = State.Quoted
        this.quoteRaw = ''
        this.quoteBreaks = 0
        quoteStart = i
        i++
        continue
      }
      if (state === State.Quoted) {
        if (nq < i) {
          nq = s.indexOf('"', i)
          if (nq < 0) nq = len
        }
        const part = s.slice(i, nq)
        if (part.length > 0) {
          this.field += part
          if (part.includes('\n') || part.includes('\r')) this.quoteBreaks += countBreaks(part)
        }
        if (this.quoteBreaks > MAX_QUOTED_LINE_BREAKS) {
          s = this.fault(this.quoteRaw + s.slice(quoteStart, nq), out) + s.slice(nq)
          len = s.length
          i = 0
          nd = nl = nc = nq = -1
          continue
        }
        if (nq >= len - 1) {
          // The cell goes on in the next chunk, or a quote ends this one: wait for more text.
          if (this.field.length > MAX_CELL_CHARS) throw new CellTooLongError()
          this.quoteRaw += s.slice(quoteStart)
          if (nq === len - 1) this.state = State.QuoteSeen
          return
        }
        if (s.charCodeAt(nq + 1) === QUOTE) {
          this.field += '"'
          i = nq + 2
          continue
        }
        const q = nq
        const from = quoteStart
        const fault = this.closeQuote(s.charCodeAt(q + 1), () => this.quoteRaw + s.slice(from, q), out)
        if (fault !== undefined) {
          s = fault + s.slice(q)
          len = s.length
          i = 0
          nd = nl = nc = nq = -1
          continue
        }
        i = q + 1
        // closeQuote ended the cell: step over its delimiter or line break.
        if (this.state === State.FieldStart) i = s.charCodeAt(i) === dc ? i + 1 : this.skipBreak(s, i)
        continue
      }
      // An unquoted cell (or the text after a closing quote): up to the next delimiter or break.
      if (nd < i) {
        nd = s.indexOf(d, i)
        if (nd < 0) nd = len
      }
      if (nl < i) {
        nl = s.indexOf('\n', i)
        if (nl < 0) nl = len
      }
      if (nc < i) {
        nc = s.indexOf('\r', i)
        if (nc < 0) nc = len
      }
      const end = nd < nl ? (nd < nc ? nd : nc) : nl < nc ? nl : nc
      if (end === len) {
        this.field += s.slice(i)
        this.state = State.Unquoted
        if (this.field.length > MAX_CELL_CHARS) throw new CellTooLongError()
        return
      }
      const value = this.field === '' ? s.slice(i, end) : this.field + s.slice(i, end)
      this.field = ''
      this.cells.push(value)
      this.state = State.FieldStart
      if (end === nd) {
        i = end + 1
      } else {
        out.push({cells: this.cells})
        this.cells = []
        i = this.skipBreak(s, end)
      }
    }
    // The chunk ended inside a quoted cell right after an opening quote or a `""`: keep its raw
    // text too, or a quote that never closes would lose it.
    if (this.state === State.Quoted) this.quoteRaw += s.slice(quoteStart)
  }

  end(out: ParsedRecord[]): void {
    this.pendingCr = false
    if (this.state === State.Quoted || this.state === State.QuoteSeen) {
      const closedAtEnd = this.state === State.QuoteSeen
      if (closedAtEnd) {
        // The file ends with the closing quote.
        this.state = State.FieldStart
        this.cells.push(this.field)
        this.field = ''
        out.push({cells: this.cells})
        this.cells = []
        return
      }
      const rest = this.fault(this.quoteRaw, out)
      if (rest !== '') this.push(rest, out)
      this.end(out)
      return
    }
    if (this.state === State.Unquoted || this.cells.length > 0) {
      this.cells.push(this.field)
      out.push({cells: this.cells})
    }
    this.cells = []
    this.field = ''
    this.state = State.FieldStart
  }

  /** Steps over the line break at `i` (LF, CRLF or CR), remembering a CR that ends the chunk. */
  private skipBreak(s: string, i: number): number {
    if (s.charCodeAt(i) === CR) {
      if (i + 1 === s.length) {
        this.pendingCr = true
        return i + 1
      }
      return s.charCodeAt(i + 1) === LF ? i + 2 : i + 1
    }
    return i + 1
  }

  /**
   * Ends a quoted cell whose closing quote is followed by the character `c`. When the quote turns
   * out to be unbalanced, returns the text to parse again (from the line after the opening quote;
   * `raw` is the cell's raw text from its opening quote, without the closing one).
   */
  private closeQuote(c: number, raw: () => string, out: ParsedRecord[]): string | undefined {
    const dc = this.delimiter.charCodeAt(0)
    if (c === dc || c === LF || c === CR) {
      this.cells.push(this.field)
      this.field = ''
      this.quoteRaw = ''
      this.state = State.FieldStart
      if (c !== dc) {
        out.push({cells: this.cells})
        this.cells = []
      }
      return undefined
    }
    // Text after the closing quote. On one line that is Excel's `"abc"d`; across line breaks
    // it means the quote that opened the cell was a stray one.
    if (this.quoteBreaks > 0) return this.fault(raw(), out)
    this.quoteRaw = ''
    this.state = State.Unquoted
    return undefined
  }

  /**
   * Emits the line on which a stray quote opened as plain text (flagged) and returns the raw text
   * after that line, to be parsed again: every later line is still read.
   */
  private fault(raw: string, out: ParsedRecord[]): string {
    let k = raw.length
    let after = raw.length
    const lf = raw.indexOf('\n')
    const cr = raw.indexOf('\r')
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      k = cr
      after = raw.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1
    } else if (lf >= 0) {
      k = lf
      after = lf + 1
    }
    out.push({cells: [...this.cells, ...plainCells(raw.slice(0, k), this.delimiter)], fault: 'unbalanced-quote'})
    this.cells = []
    this.field = ''
    this.quoteRaw = ''
    this.quoteBreaks = 0
    this.state = State.FieldStart
    return raw.slice(after)
  }
}

/** Opens a CSV/TSV roster as a stream of rows; memory stays flat however long the file is. */
export async function readCsv(file: string, options: ReadOptions = {}): Promise<RowSource> {
  const sample = await readSample(file)
  const auto = detectEncoding(sample)
  let detection: Detection = auto
  if (options.encoding) {
    const forced = parseEncodingName(options.encoding)
    if (!forced) throw new UserError({en: `unknown encoding "${options.encoding}" (use utf8, utf8-bom, gb18030, gbk, utf16le or utf16be)`, zh: `未知的编码“${options.encoding}”（可用 utf8、utf8-bom、gb18030、gbk、utf16le 或 utf16be）`}, file)
    // The file's byte-order mark is skipped when it is the forced encoding's own.
    const ownBom = forced === auto.encoding || (forced === 'utf-8' && auto.encoding === 'utf-8-bom')
    detection = {encoding: forced, bomLength: ownBom ? auto.bomLength : 0}
  }
  if (looksBinary(sample, detection.encoding)) {
    throw new UserError({en: 'is a binary file, not a CSV/TSV or .xlsx roster', zh: '是二进制文件，不是 CSV/TSV 或 .xlsx 名单'}, file)
  }
  const strict = Boolean(options.encoding)
  const delimiter = /\.tsv$/i.test(file) ? '\t' : detectDelimiter(decodeSample(sample.subarray(0, SAMPLE_BYTES * 4), detection, file))
  const state: DecodeState = {used: new Set()}
  const info = {file, format: 'csv' as const, encoding: detection.encoding as string, delimiter}

  async function* rows(): AsyncGenerator<RawRow> {
    const source = createReadStream(file, {start: detection.bomLength, highWaterMark: 1 << 16})
    const decoder = new RosterDecoder(detection.encoding, file, strict, state)
    const text = pipeline(source, decoder, () => {})
    const parser = new CsvRecordParser(delimiter)
    const out: ParsedRecord[] = []
    let row = 0
    try {
      for await (const chunk of text) {
        parser.push(chunk as string, out)
        for (const r of out) yield r.fault ? {row: ++row, cells: r.cells, fault: r.fault} : {row: ++row, cells: r.cells}
        out.length = 0
      }
      parser.end(out)
      for (const r of out) yield r.fault ? {row: ++row, cells: r.cells, fault: r.fault} : {row: ++row, cells: r.cells}
    } catch (error) {
      if (error instanceof UserError) throw error
      if (error instanceof CellTooLongError) throw new UserError({en: `has a cell longer than ${MAX_CELL_CHARS >> 20} M characters: not a CSV/TSV roster`, zh: `有超过 ${MAX_CELL_CHARS >> 20}M 个字符的单元格：不是 CSV/TSV 名单`}, file, row + 1)
      const code = (error as NodeJS.ErrnoException).code
      if (code && /^E[A-Z]+$/.test(code)) throw new UserError({en: `cannot read (${code})`, zh: `无法读取（${code}）`}, file, row + 1)
      throw error
    } finally {
      source.destroy()
      info.encoding = reportedEncoding(detection.encoding, state.used)
    }
  }

  return {info, rows: rows()}
}
