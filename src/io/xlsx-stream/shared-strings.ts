import {decodeExcelEscapes} from './render.js'
import {XmlScanner, decodeText} from './xml-scanner.js'
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
