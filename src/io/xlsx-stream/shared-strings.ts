import {decodeExcelEscapes} from './render.js'
import {StringDecoder} from 'node:string_decoder'

import {XmlError, XmlScanner, decodeText} from './xml-scanner.js'
import {handler} from './xml-part.js'
import {XLSX_LIMITS} from './limits.js'

// The shared-strings table (`t="s"` cells hold an index into it): the one part of a sheet's
// content held whole, so it is kept compact: every string's UTF-8 bytes in one buffer, and where
// each starts. Measured on the benchmark workbook (2.2 million strings, reading the 683,000 rows):
// 172–178 MB peak instead of 381–388 MB with one JS string per entry, for about the same time
// (decoding a string on each use costs what building two million strings up front does).

export interface SharedStrings {
  readonly count: number
  /** The text of entry `index`; undefined past the end of the table. */
  get(index: number): string | undefined
}

/**
 * Buffer's own decoder and encoder, without the checks of `toString` and `write` around them
 * (half the cost of a lookup of a short string); undocumented, there since Node 0.x.
 */
interface RawBuffer extends Buffer {
  utf8Slice(start: number, end: number): string
  utf8Write(text: string, offset: number): number
}

/** Strings appended one by one into one growing UTF-8 buffer with an offset table. */
export class CompactStrings implements SharedStrings {
  private bytes = Buffer.allocUnsafe(1 << 16) as RawBuffer
  private used = 0
  private starts = new Uint32Array(1 << 12)
  count = 0

  add(text: string): void {
    if (this.count + 1 >= this.starts.length) {
      const grown = new Uint32Array(this.starts.length * 2)
      grown.set(this.starts)
      this.starts = grown
    }
    const need = this.used + text.length * 3
    if (need > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.bytes.length * 2)) as RawBuffer
      this.bytes.copy(grown, 0, 0, this.used)
      this.bytes = grown
    }
    this.used += this.bytes.utf8Write(text, this.used)
    this.count++
    this.starts[this.count] = this.used
  }

  /** Adds the UTF-8 text `bytes[from, to)` as it is. */
  addBytes(bytes: Buffer, from: number, to: number): void {
    if (this.count + 1 >= this.starts.length) {
      const grown = new Uint32Array(this.starts.length * 2)
      grown.set(this.starts)
      this.starts = grown
    }
    const n = to - from
    if (this.used + n > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.used + n, this.bytes.length * 2)) as RawBuffer
      this.bytes.copy(grown, 0, 0, this.used)
      this.bytes = grown
    }
    const out = this.bytes
    let at = this.used
    // Short texts copied by hand: a call to copy() costs more than the bytes.
    if (n <= 48) for (let k = from; k < to; k++) out[at++] = bytes[k]!
    else at += bytes.copy(out, at, from, to)
    this.used = at
    this.count++
    this.starts[this.count] = at
  }

  /** Gives back the spare room of the growing buffers once the table is complete. */
  seal(): this {
    this.bytes = Buffer.from(this.bytes.subarray(0, this.used)) as RawBuffer
    this.starts = this.starts.slice(0, this.count + 1)
    return this
  }

  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.count)) return undefined
    return this.bytes.utf8Slice(this.starts[index]!, this.starts[index + 1]!)
  }
}

const PRESERVE = Buffer.from(' xml:space="preserve">')
const END = Buffer.from('</t></si>')

/**
 * The shared-strings part from its inflated bytes. An entry of the common shape,
 * `<si><t>text</t></si>` (or `<t xml:space="preserve">`) whose text needs no decoding, is copied
 * into the table as bytes, without becoming a JS string; everything else (the part's header,
 * rich text, phonetic guides, entities, Excel's `_x000D_` escapes) goes through the XML scanner
 * in order. On the benchmark workbook's 2.2 million entries: about a third of the time of
 * scanning them all as text.
 */
export class SharedStringsReader {
  private carry: Buffer | undefined
  private readonly scanner: XmlScanner
  private readonly decoder = new StringDecoder('utf8')

  constructor(private readonly store: CompactStrings) {
    this.scanner = sharedStringsParser(store)
  }

  write(chunk: Buffer): void {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk
    this.carry = undefined
    const n = buf.length
    let sent = 0
    let i = 0
    // Byte by byte rather than with indexOf and compare: a native call per entry costs more than
    // the entry's thirty bytes.
    scan: while (i < n) {
      while (i < n && buf[i] !== 0x3c) i++
      if (i + 7 > n) break
      // `<si><t`
      if (buf[i + 1] !== 0x73 || buf[i + 2] !== 0x69 || buf[i + 3] !== 0x3e || buf[i + 4] !== 0x3c || buf[i + 5] !== 0x74) {
        i++
        continue
      }
      const si = i
      let from: number
      const c6 = buf[i + 6]
      if (c6 === 0x3e) {
        from = i + 7
      } else if (c6 === 0x20) {
        if (i + 6 + PRESERVE.length > n) break
        for (let k = 1; k < PRESERVE.length; k++) {
          if (buf[i + 6 + k] !== PRESERVE[k]) {
            i += 6
            continue scan
          }
        }
        from = i + 6 + PRESERVE.length
      } else {
        i += 6
        continue
      }
      let lt = from
      let plain = true
      for (; lt < n; lt++) {
        const b = buf[lt]!
        if (b === 0x3c) break
        // `&` (an entity), CR (a line end to normalise), `_x` (an Excel escape): the slow way.
        if (b === 0x26 || b === 0x0d || (b === 0x5f && buf[lt + 1] === 0x78)) plain = false
      }
      if (lt + END.length > n) break
      for (let k = 0; k < END.length; k++) {
        if (buf[lt + k] !== END[k]) plain = false
      }
      if (!plain) {
        i = lt
        continue
      }
      if (si > sent) this.scanner.write(this.decoder.write(buf.subarray(sent, si)))
      this.store.addBytes(buf, from, lt)
      sent = i = lt + END.length
    }
    // An entry the chunk cuts waits for the next one, so that it can take the fast way whole.
    let keep = n
    const last = buf.lastIndexOf('<si', n - 1)
    const lastLt = buf.lastIndexOf(0x3c, n - 1)
    if (last >= sent && buf.indexOf('</si>', last) < 0) keep = last
    else if (lastLt >= sent && lastLt > buf.lastIndexOf(0x3e, n - 1)) keep = lastLt
    if (keep > sent) this.scanner.write(this.decoder.write(buf.subarray(sent, keep)))
    if (keep < n) {
      if (n - keep > XLSX_LIMITS.textChars) throw new XmlError(`an entry of more than ${XLSX_LIMITS.textChars >> 20} MB`)
      this.carry = Buffer.from(buf.subarray(keep))
    }
  }

  end(): void {
    if (this.carry) this.scanner.write(this.decoder.write(this.carry))
    this.carry = undefined
    this.scanner.write(this.decoder.end())
    this.scanner.end()
  }
}

/** The shared-strings part, fed chunk by chunk: rich runs joined, phonetic guides (rPh) left out. */
export function sharedStringsParser(store: {add(text: string): void}): XmlScanner {
  let inSi = false
  let phonetic = 0
  let inT = false
  let inRun = false
  let plain: string | undefined
  let runs: string[] | undefined
  let text = ''
  const h = handler({
      open(tag) {
        if (tag === 'si') {
          inSi = true
          plain = undefined
          runs = undefined
        } else if (!inSi) {
          return
        } else if (tag === 'rPh') {
          phonetic++
        } else if (phonetic > 0) {
          return
        } else if (tag === 'r') {
          inRun = true
          ;(runs ??= []).push('')
        } else if (tag === 't') {
          inT = true
          text = ''
        }
      },
      text(raw, cdata) {
        if (inT) text += cdata ? raw : decodeText(raw)
      },
      close(tag) {
        if (tag === 'si') {
          if (inSi) store.add(runs ? runs.join('') : (plain ?? ''))
          inSi = false
          phonetic = 0
          inRun = false
        } else if (tag === 'rPh') {
          if (phonetic > 0) phonetic--
        } else if (phonetic > 0) {
          return
        } else if (tag === 'r') {
          inRun = false
        } else if (tag === 't' && inT) {
          inT = false
          // exceljs keeps the last plain `<t>` of an item; a run keeps the text of its `<t>`.
          const value = decodeExcelEscapes(text)
          if (inRun && runs) runs[runs.length - 1] += value
          else plain = value
        }
      },
  })
  // The fast path: `<si><t>text</t></si>` (or `<t xml:space="preserve">`), the shape of nearly
  // every entry, read in place; anything else goes through the events above.
  h.element = (s: string, lt: number): number => {
    if (inSi || s.charCodeAt(lt + 1) !== 115 || !s.startsWith('<si><t', lt)) return -1
    let from: number
    if (s.charCodeAt(lt + 6) === 62) from = lt + 7
    else if (s.startsWith(' xml:space="preserve">', lt + 6)) from = lt + 28
    else return -1
    const end = s.indexOf('<', from)
    if (end < 0 || !s.startsWith('</t></si>', end)) return -1
    const raw = s.slice(from, end)
    store.add(decodeExcelEscapes(decodeText(raw)))
    return end + 9
  }
  return new XmlScanner(h, XLSX_LIMITS.textChars)
}
