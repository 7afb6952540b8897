import iconv from 'iconv-lite'
import {isAscii, isUtf8} from 'node:buffer'
import {Transform, type TransformCallback} from 'node:stream'

import {UserError} from '../errors.js'

// Encoding handling for text rosters. Excel on Chinese Windows saves CSV as GB18030/GBK, newer
// tools as UTF-8 (with or without BOM), "Unicode text" as UTF-16 with BOM; files stitched together
// from several sources mix UTF-8 and GBK lines. Decoding works on line-aligned blocks so that a
// block that fails as a whole can be decoded line by line without losing a row.

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be'

export interface Detection {
  encoding: TextEncoding
  /** Bytes of byte-order mark to skip. */
  bomLength: number
}

/** Valid UTF-8, ignoring a multi-byte sequence cut off at the end of the sample. */
function isUtf8Sample(sample: Buffer): boolean {
  let end = sample.length
  // Step back over an incomplete trailing sequence (at most 3 continuation bytes).
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = sample[end - i]!
    if ((b & 0xc0) === 0x80) continue
    if (b >= 0xc0) end -= i
    break
  }
  return isUtf8(sample.subarray(0, end))
}

function looksUtf16(sample: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(sample.length, 4096) & ~1
  if (n < 4) return undefined
  let evenZero = 0
  let oddZero = 0
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) evenZero++
    if (sample[i + 1] === 0) oddZero++
  }
  const pairs = n / 2
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le'
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be'
  return undefined
}

/** Detects the encoding from the first bytes of a file (see readSample for how many). */
export function detectEncoding(sample: Buffer): Detection {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return {encoding: 'utf-8-bom', bomLength: 3}
  if (sample[0] === 0xff && sample[1] === 0xfe) return {encoding: 'utf-16le', bomLength: 2}
  if (sample[0] === 0xfe && sample[1] === 0xff) return {encoding: 'utf-16be', bomLength: 2}
  const utf16 = looksUtf16(sample)
  if (utf16) return {encoding: utf16, bomLength: 0}
  return {encoding: isUtf8Sample(sample) ? 'utf-8' : 'gb18030', bomLength: 0}
}

/**
 * True when the sample is not text: an image, a zip, an executable. Text in UTF-8 or GB18030
 * has no control bytes besides tab and line ends, while compressed or random data has about
 * one in ten; a few strays (a NUL pasted from a database) do not make a roster binary.
 */
export function looksBinary(sample: Buffer, encoding: TextEncoding): boolean {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return false
  const n = Math.min(sample.length, 8192)
  if (n === 0) return false
  let control = 0
  for (let i = 0; i < n; i++) {
    const b = sample[i]!
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++
  }
  return control >= 2 && control / n > 0.02
}

const ALIASES: Record<string, TextEncoding> = {
  'utf8': 'utf-8',
  'utf-8': 'utf-8',
  'utf8-bom': 'utf-8-bom',
  'utf-8-bom': 'utf-8-bom',
  'utf8bom': 'utf-8-bom',
  'gb18030': 'gb18030',
  'gbk': 'gb18030',
  'gb2312': 'gb18030',
  'cp936': 'gb18030',
  'ansi': 'gb18030',
  'utf16': 'utf-16le',
  'utf-16': 'utf-16le',
  'utf16le': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf16be': 'utf-16be',
  'utf-16be': 'utf-16be',
  'unicode': 'utf-16le',
}

export function parseEncodingName(name: string): TextEncoding | undefined {
  return ALIASES[name.trim().toLowerCase().replace(/_/g, '-')] ?? ALIASES[name.trim().toLowerCase().replace(/[-_]/g, '')]
}

export const ENCODING_NAMES = Object.keys(ALIASES)

/**
 * No roster has a line this long; a file that does (a binary or a one-line dump) is refused
 * rather than buffered until a JavaScript string cannot hold it.
 */
export const MAX_LINE_BYTES = 256 << 20

const REPLACEMENT = '\uFFFD'
/** U+FFFD as GB18030 writes it: a file that already carries one is not undecodable. */
const GB_REPLACEMENT_BYTES = Buffer.from([0x84, 0x31, 0xa4, 0x37])

export interface DecodeState {
  /** Encodings actually met, for the report's `encoding` (e.g. `utf-8+gb18030` for a mixed file). */
  used: Set<TextEncoding>
}

/** The encoding a source reports: `utf-8+gb18030` when both were met, else what was detected or met. */
export function reportedEncoding(detected: TextEncoding, used: ReadonlySet<TextEncoding>): string {
  if (detected === 'utf-16le' || detected === 'utf-16be') return detected
  const utf8 = used.has('utf-8')
  const gb = used.has('gb18030')
  if (utf8 && gb) return 'utf-8+gb18030'
  if (gb) return 'gb18030'
  if (utf8) return detected === 'utf-8-bom' ? 'utf-8-bom' : 'utf-8'
  return detected
}

/** End of the line starting at `start` (just past its LF, CRLF or lone CR), or the block's end. */
function lineEnd(block: Buffer, start: number, nextLf: number, nextCr: number): number {
  if (nextCr >= 0 && (nextLf < 0 || nextCr < nextLf)) return block[nextCr + 1] === 0x0a ? nextCr + 2 : nextCr + 1
  return nextLf >= 0 ? nextLf + 1 : block.length
}

/** Line breaks in a block: LF, CRLF and lone CR each count once. */
function countLineBreaks(block: Buffer): number {
  let n = 0
  for (let i = block.indexOf(0x0a); i >= 0; i = block.indexOf(0x0a, i + 1)) n++
  for (let i = block.indexOf(0x0d); i >= 0; i = block.indexOf(0x0d, i + 1)) if (block[i + 1] !== 0x0a) n++
  return n
}

/**
 * Stateful block decoder for UTF-8/GB18030 text. A block that is valid UTF-8 is decoded in one
 * call; otherwise each line is classified (ASCII, UTF-8, other) and runs of lines of one kind are
 * decoded together, UTF-8 first: valid UTF-8 is self-checking, whereas almost any byte string is
 * "valid" GB18030, so trying GB18030 first would turn UTF-8 lines into mojibake without an error.
 */
export class BlockDecoder {
  /** Lines fully decoded so far, for the line number of an error. */
  private lines = 0

  get linesDone(): number {
    return this.lines
  }

  constructor(
    private readonly encoding: TextEncoding,
    private readonly file: string,
    /** Forced encoding (`--encoding`): no fallback to the other one. */
    private readonly strict: boolean,
    readonly state: DecodeState = {used: new Set()},
  ) {}

  /** Decodes a block that ends at a line break (or the end of the file). */
  decode(block: Buffer): string {
    if (this.strict && this.encoding === 'gb18030') return this.decodeGb(block, this.lines)
    // In a GB18030 file, a block that happens to be valid UTF-8 without a single CJK character in
    // that reading (a line holding only 女, C5 AE, reads as Ů) is GB18030 like such a line in a
    // mixed block: whether it is decoded right must not depend on where a chunk ends.
    if (isUtf8(block) && (isAscii(block) || !this.gbAfterAll(block))) {
      const text = block.toString('utf8')
      if (text.length !== block.length) this.state.used.add('utf-8')
      this.lines += countLineBreaks(block)
      return text
    }
    if (this.strict) this.fail(block, this.lines, (line) => isUtf8(line))
    return this.decodeMixed(block)
  }

  private decodeMixed(block: Buffer): string {
    const parts: string[] = []
    let runStart = 0
    let runLine = this.lines
    let runKind: 'u' | 'g' | undefined
    let nextLf = block.indexOf(0x0a)
    let nextCr = block.indexOf(0x0d)
    let start = 0
    let line = this.lines
    while (start < block.length) {
      if (nextLf >= 0 && nextLf < start) nextLf = block.indexOf(0x0a, start)
      if (nextCr >= 0 && nextCr < start) nextCr = block.indexOf(0x0d, start)
      const end = lineEnd(block, start, nextLf, nextCr)
      const bytes = block.subarray(start, end)
      const kind = isAscii(bytes) ? undefined : isUtf8(bytes) && !this.gbAfterAll(bytes) ? 'u' : 'g'
      if (kind && runKind && kind !== runKind) {
        parts.push(this.decodeRun(block.subarray(runStart, start), runKind, runLine))
        runStart = start
        runLine = line
      }
      if (kind) runKind = kind
      line++
      start = end
    }
    parts.push(this.decodeRun(block.subarray(runStart), runKind, runLine))
    this.lines += countLineBreaks(block)
    return parts.join('')
  }

  /**
   * A line valid in both encodings without a single 3-byte UTF-8 character (no CJK in the UTF-8
   * reading): in a GB18030 file that is a GB18030 line with a hanzi or two whose bytes happen to
   * form Latin or Cyrillic UTF-8 (女 C5 AE reads as Ů), not a UTF-8 line.
   */
  private gbAfterAll(line: Buffer): boolean {
    if (this.encoding !== 'gb18030') return false
    for (let i = 0; i < line.length; i++) if (line[i]! >= 0xe0) return false
    return !iconv.decode(line, 'gb18030').includes(REPLACEMENT)
  }

  private decodeRun(bytes: Buffer, kind: 'u' | 'g' | undefined, firstLine: number): string {
    if (kind === 'g') return this.decodeGb(bytes, firstLine)
    if (kind === 'u') this.state.used.add('utf-8')
    return bytes.toString('utf8')
  }

  private decodeGb(bytes: Buffer, firstLine: number): string {
    const text = iconv.decode(bytes, 'gb18030')
    if (text.includes(REPLACEMENT) && !bytes.includes(GB_REPLACEMENT_BYTES)) {
      this.fail(bytes, firstLine, (line) => !iconv.decode(line, 'gb18030').includes(REPLACEMENT))
    }
    if (!isAscii(bytes)) this.state.used.add('gb18030')
    if (this.strict) this.lines += countLineBreaks(bytes)
    return text
  }

  /** Throws for the first line of `bytes` that `decodes` rejects (`firstLine` lines precede it). */
  private fail(bytes: Buffer, firstLine: number, decodes: (line: Buffer) => boolean): void {
    let start = 0
    let line = firstLine
    let nextLf = bytes.indexOf(0x0a)
    let nextCr = bytes.indexOf(0x0d)
    while (start < bytes.length) {
      if (nextLf >= 0 && nextLf < start) nextLf = bytes.indexOf(0x0a, start)
      if (nextCr >= 0 && nextCr < start) nextCr = bytes.indexOf(0x0d, start)
      const end = lineEnd(bytes, start, nextLf, nextCr)
      line++
      const text = bytes.subarray(start, end)
      if (!decodes(text) && (this.strict || !isUtf8(text))) {
        const hint = this.strict ? `not valid ${this.encoding}` : 'neither UTF-8 nor GB18030'
        throw new UserError({en: `undecodable bytes (${hint}) on line ${line}; save the file again as UTF-8 or GB18030 CSV, or give --encoding`, zh: `第 ${line} 行有无法解码的字节（${hint}）；请把文件重新另存为 UTF-8 或 GB18030 编码的 CSV，或用 --encoding 指定编码`}, this.file)
      }
      start = end
    }
  }
}

/**
 * Buffer → string transform over BlockDecoder (UTF-8, GB18030 and mixed) or iconv (UTF-16).
 * Blocks are cut after the last line break of what has arrived: LF and CR never occur inside a
 * multi-byte character in UTF-8 or GB18030, so every block decodes on its own.
 */
export class RosterDecoder extends Transform {
  /** Bytes after the last line break seen, kept as parts so a long line is copied once. */
  private pending: Buffer[] = []
  private pendingLength = 0
  private readonly utf16?: ReturnType<typeof iconv.getDecoder>
  private readonly blocks: BlockDecoder

  constructor(
    encoding: TextEncoding,
    private readonly file: string,
    strict: boolean,
    readonly state: DecodeState = {used: new Set()},
  ) {
    super({readableObjectMode: false, decodeStrings: true, encoding: 'utf8'})
    this.blocks = new BlockDecoder(encoding, file, strict, state)
    if (encoding === 'utf-16le' || encoding === 'utf-16be') {
      this.utf16 = iconv.getDecoder(encoding === 'utf-16le' ? 'utf16le' : 'utf16be', {stripBOM: true})
      state.used.add(encoding)
    }
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      if (this.utf16) {
        const text = this.utf16.write(chunk)
        if (text) this.push(text)
        done()
        return
      }
      let cut = chunk.lastIndexOf(0x0a)
      // A CR ending the chunk may be the first half of a CRLF: it waits for the next chunk.
      const cr = chunk.length >= 2 ? chunk.lastIndexOf(0x0d, chunk.length - 2) : -1
      if (cr > cut) cut = cr
      if (cut < 0 && this.pendingLength > 0 && chunk[0] === 0x0a) cut = 0
      if (cut < 0) {
        this.pending.push(chunk)
        this.pendingLength += chunk.length
        if (this.pendingLength > MAX_LINE_BYTES) {
          throw new UserError({en: `line ${this.blocks.linesDone + 1} is longer than ${MAX_LINE_BYTES >> 20} MB: not a CSV/TSV roster`, zh: `第 ${this.blocks.linesDone + 1} 行超过 ${MAX_LINE_BYTES >> 20} MB：不是 CSV/TSV 名单`}, this.file)
        }
        done()
        return
      }
      const head = chunk.subarray(0, cut + 1)
      const block = this.pendingLength > 0 ? Buffer.concat([...this.pending, head]) : head
      const rest = chunk.subarray(cut + 1)
      this.pending = rest.length > 0 ? [rest] : []
      this.pendingLength = rest.length
      this.push(this.blocks.decode(block))
      done()
    } catch (error) {
      done(error as Error)
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (this.utf16) {
        const rest = this.utf16.end()
        if (rest) this.push(rest)
      } else if (this.pendingLength > 0) {
        this.push(this.blocks.decode(Buffer.concat(this.pending)))
      }
      done()
    } catch (error) {
      done(error as Error)
    }
  }
}
