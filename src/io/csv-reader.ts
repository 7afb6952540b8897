import {parse} from 'csv-parse'
import {createReadStream} from 'node:fs'
import {open} from 'node:fs/promises'
import {createInterface} from 'node:readline'

import {UserError} from '../errors.js'
import {type DecodeState, type Detection, RosterDecoder, detectEncoding, looksBinary, parseEncodingName} from './decode.js'
import type {RawRow, ReadOptions, RowSource} from './types.js'

const SAMPLE_BYTES = 1 << 16
// An ASCII-only opening (a long English title, numeric columns) says nothing about the encoding:
// keep reading until a non-ASCII byte appears or this much has been seen.
const MAX_SAMPLE_BYTES = 4 << 20

async function readSample(file: string): Promise<Buffer> {
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
      if (part.some((b) => b >= 0x80 || b === 0) || total >= MAX_SAMPLE_BYTES) break
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

function decodeSample(sample: Buffer, detection: Detection): string {
  const decoder = new TextDecoder(detection.encoding === 'utf-16be' ? 'utf-16be' : detection.encoding === 'utf-16le' ? 'utf-16le' : 'utf-8')
  if (detection.encoding === 'gb18030') return new TextDecoder('gb18030').decode(sample)
  return decoder.decode(sample.subarray(detection.bomLength))
}

/** Opens a CSV/TSV roster as a stream of rows; memory stays flat however long the file is. */
export async function readCsv(file: string, options: ReadOptions = {}): Promise<RowSource> {
  const sample = await readSample(file)
  let detection: Detection
  if (options.encoding) {
    const forced = parseEncodingName(options.encoding)
    if (!forced) throw new UserError(`unknown encoding "${options.encoding}" (use utf8, utf8-bom, gb18030, gbk, utf16le or utf16be)`, file)
    const auto = detectEncoding(sample)
    const bom = forced === auto.encoding || (forced === 'utf-8' && auto.encoding === 'utf-8-bom') ? auto.bomLength : 0
    detection = {encoding: forced, bomLength: bom}
  } else {
    detection = detectEncoding(sample)
  }
  if (looksBinary(sample, detection.encoding)) {
    throw new UserError('is a binary file, not a CSV/TSV or .xlsx roster', file)
  }
  const delimiter = /\.tsv$/i.test(file) ? '\t' : detectDelimiter(decodeSample(sample.subarray(0, SAMPLE_BYTES * 4), detection))
  const state: DecodeState = {used: new Set()}
  const info = {file, format: 'csv' as const, encoding: detection.encoding as string, delimiter}

  async function* rows(): AsyncGenerator<RawRow> {
    const decoder = new RosterDecoder(detection.encoding, file, Boolean(options.encoding), state)
    const source = createReadStream(file, {start: detection.bomLength, highWaterMark: 1 << 20})
    const parser = parse({
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      record_delimiter: ['\r\n', '\n', '\r'],
      bom: true,
    })
    source.on('error', (e) => parser.destroy(e))
    decoder.on('error', (e) => parser.destroy(e))
    source.pipe(decoder).pipe(parser)
    let row = 0
    let linesDone = 0
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        row++
        linesDone = parser.info.lines
        yield {row, cells: record}
      }
    } catch (error) {
      const code = (error as {code?: string}).code
      if (code === 'CSV_QUOTE_NOT_CLOSED') {
        // The file ends inside a quoted cell. Rather than lose everything after the stray quote,
        // read the remaining lines as plain text, one row each, and flag the first one.
        yield* recoverUnquoted(file, detection, delimiter, linesDone, row)
      } else if (error instanceof UserError) {
        throw error
      } else if (code?.startsWith('CSV_')) {
        throw new UserError(`cannot parse CSV near line ${parser.info.lines}: ${(error as Error).message.split('\n')[0]}`, file, row + 1)
      } else {
        throw error
      }
    } finally {
      source.destroy()
      if (state.used.size > 1) info.encoding = [...state.used].join('+')
      else if (state.used.size === 1 && !info.encoding.startsWith('utf-16')) {
        const [only] = state.used
        if (only === 'gb18030' || detection.encoding !== 'utf-8-bom') info.encoding = only!
      }
    }
  }

  return {info, rows: rows()}
}

async function* recoverUnquoted(file: string, detection: Detection, delimiter: string, linesDone: number, rowsDone: number): AsyncGenerator<RawRow> {
  const decoder = new RosterDecoder(detection.encoding, file, false)
  const lines = createInterface({input: createReadStream(file, {start: detection.bomLength}).pipe(decoder), crlfDelay: Infinity})
  let line = 0
  let row = rowsDone
  for await (const text of lines) {
    line++
    if (line <= linesDone) continue
    row++
    const cells = text.split(delimiter).map((c) => c.replace(/^"|"$/g, '').replace(/""/g, '"'))
    yield row === rowsDone + 1 ? {row, cells, fault: 'unbalanced-quote'} : {row, cells}
  }
}
