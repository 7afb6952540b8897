import {decodeExcelEscapes} from './render.js'
import {XmlScanner, decodeText} from './xml-scanner.js'
import {handler} from './xml-part.js'
import {XLSX_LIMITS} from './limits.js'

// The shared-strings table (`t="s"` cells hold an index into it): the one part of a sheet's
// content held whole, so it is kept compact: every string's UTF-8 bytes in one buffer, and where
// each starts. On the benchmark workbook (2.05 million strings), measured by bench/xlsx-read.js.

export interface SharedStrings {
  readonly count: number
  /** The text of entry `index`; undefined past the end of the table. */
  get(index: number): string | undefined
}

/** Strings appended one by one into one growing UTF-8 buffer with an offset table. */
export class CompactStrings implements SharedStrings {
  private bytes = Buffer.allocUnsafe(1 << 16)
  private used = 0
  private starts = new Float64Array(1 << 12)
  count = 0

  add(text: string): void {
    if (this.count + 1 >= this.starts.length) {
      const grown = new Float64Array(this.starts.length * 2)
      grown.set(this.starts)
      this.starts = grown
    }
    const need = this.used + text.length * 3
    if (need > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.bytes.length * 2))
      this.bytes.copy(grown, 0, 0, this.used)
      this.bytes = grown
    }
    this.used += this.bytes.write(text, this.used, 'utf8')
    this.count++
    this.starts[this.count] = this.used
  }

  /** Gives back the spare room of the growing buffers once the table is complete. */
  seal(): this {
    this.bytes = Buffer.from(this.bytes.subarray(0, this.used))
    this.starts = this.starts.slice(0, this.count + 1)
    return this
  }

  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.count)) return undefined
    return this.bytes.toString('utf8', this.starts[index], this.starts[index + 1])
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
  return new XmlScanner(
    handler({
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
    }),
    XLSX_LIMITS.textChars,
  )
}
