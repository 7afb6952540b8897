import iconv from 'iconv-lite'
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

const UTF8_FATAL = new TextDecoder('utf-8', {fatal: true})

/** Valid UTF-8, ignoring a multi-byte sequence cut off at the end of the sample. */
function isUtf8(sample: Buffer): boolean {
  let end = sample.length
  // Step back over an incomplete trailing sequence (at most 3 continuation bytes).
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = sample[end - i]!
    if ((b & 0xc0) === 0x80) continue
    if (b >= 0xc0) end -= i
    break
  }
  try {
    UTF8_FATAL.decode(sample.subarray(0, end))
    return true
  } catch {
    return false
  }
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

/** Detects the encoding from the first bytes of a file (see readDetectionSample for how many). */
export function detectEncoding(sample: Buffer): Detection {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return {encoding: 'utf-8-bom', bomLength: 3}
  if (sample[0] === 0xff && sample[1] === 0xfe) return {encoding: 'utf-16le', bomLength: 2}
  if (sample[0] === 0xfe && sample[1] === 0xff) return {encoding: 'utf-16be', bomLength: 2}
  const utf16 = looksUtf16(sample)
  if (utf16) return {encoding: utf16, bomLength: 0}
  return {encoding: isUtf8(sample) ? 'utf-8' : 'gb18030', bomLength: 0}
}

/** True when the sample is mostly control bytes: an image, a zip, an executable — not text. */
export function looksBinary(sample: Buffer, encoding: TextEncoding): boolean {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return false
  const n = Math.min(sample.length, 8192)
  if (n === 0) return false
  let control = 0
  for (let i = 0; i < n; i++) {
    const b = sample[i]!
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++
  }
  return control / n > 0.1
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

const REPLACEMENT = '\uFFFD'
const UTF8_REPLACEMENT_BYTES = Buffer.from([0xef, 0xbf, 0xbd])

export interface DecodeState {
  /** Encodings actually met, for the report's `encoding` (e.g. `utf-8+gb18030` for a mixed file). */
  used: Set<TextEncoding>
}

/**
 * Buffer → string transform. For UTF-8 and GB18030 it decodes whole line-aligned blocks on the
 * fast path and falls back to per-line decoding when a block fails, so a mixed file keeps every
 * row. Only bytes that decode in neither encoding stop the run (exit 2, naming the line).
 */
export class RosterDecoder extends Transform {
  private pending: Buffer = Buffer.alloc(0)
  private linesBefore = 0
  private readonly utf16?: ReturnType<typeof iconv.getDecoder>

  constructor(
    private readonly encoding: TextEncoding,
    private readonly file: string,
    private readonly strict: boolean,
    readonly state: DecodeState = {used: new Set()},
  ) {
    super({readableObjectMode: false, decodeStrings: true, encoding: 'utf8'})
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
      const data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk
      // CR is a line end too (old Mac files, mixed line ends); both bytes are safe cut points
      // in UTF-8 and GB18030, where they never occur inside a multi-byte character.
      let cut = data.lastIndexOf(0x0a)
      if (cut < 0) cut = data.lastIndexOf(0x0d)
      if (cut < 0) {
        this.pending = data
        done()
        return
      }
      this.pending = data.subarray(cut + 1)
      this.push(this.decodeBlock(data.subarray(0, cut + 1)))
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
      } else if (this.pending.length > 0) {
        this.push(this.decodeBlock(this.pending))
      }
      done()
    } catch (error) {
      done(error as Error)
    }
  }

  private decodeBlock(block: Buffer): string {
    const primary = this.encoding === 'gb18030' ? 'gb18030' : 'utf-8'
    const fast = this.tryDecode(block, primary)
    if (fast !== undefined) {
      this.state.used.add(primary)
      this.linesBefore += countNewlines(block)
      return fast
    }
    return this.decodeLines(block, primary)
  }

  private tryDecode(bytes: Buffer, encoding: 'utf-8' | 'gb18030'): string | undefined {
    if (encoding === 'utf-8') {
      try {
        return UTF8_FATAL.decode(bytes)
      } catch {
        return undefined
      }
    }
    const text = iconv.decode(bytes, 'gb18030')
    if (text.includes(REPLACEMENT) && !bytes.includes(UTF8_REPLACEMENT_BYTES)) return undefined
    return text
  }

  private decodeLines(block: Buffer, primary: 'utf-8' | 'gb18030'): string {
    const fallback = primary === 'utf-8' ? 'gb18030' : 'utf-8'
    const parts: string[] = []
    let start = 0
    while (start < block.length) {
      const nl = block.indexOf(0x0a, start)
      const end = nl < 0 ? block.length : nl + 1
      const line = block.subarray(start, end)
      this.linesBefore++
      let text = this.tryDecode(line, primary)
      if (text !== undefined) this.state.used.add(primary)
      else if (!this.strict && (text = this.tryDecode(line, fallback)) !== undefined) this.state.used.add(fallback)
      if (text === undefined) {
        const hint = this.strict ? `not valid ${this.encoding}` : 'neither UTF-8 nor GB18030'
        throw new UserError(`undecodable bytes (${hint}) on line ${this.linesBefore}; save the file again as UTF-8 or GB18030 CSV`, this.file)
      }
      parts.push(text)
      start = end
    }
    return parts.join('')
  }
}

function countNewlines(buf: Buffer): number {
  let n = 0
  let i = -1
  while ((i = buf.indexOf(0x0a, i + 1)) >= 0) n++
  return n
}
