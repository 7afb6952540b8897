import {EXCEL_MAX_COLUMN, EXCEL_MAX_ROW} from './limits.js'
import {type CellText, EMPTY, decodeExcelEscapes, formatDate, formatKind, loadSerialToDate, renderNumber, xmlDecodeAgain} from './render.js'
import type {SharedStrings} from './shared-strings.js'
import type {CellFormats} from './styles.js'
import {type XmlHandler, attr, decodeText, readAttrs} from './xml-scanner.js'

// The rows of `<sheetData>`, cell by cell, as the text each cell shows. What a cell shows follows
// the exceljs-based reader this one replaced (tests/helpers/xlsx-reader-exceljs.ts), quirks
// included, so that a roster reads the same: a formula shows its cached result, a formula in a
// date format shows that result as a date, `t="str"` text is decoded once more, and so on.

/** A fault in the rows that makes the sheet unreadable; the reader names the file. */
export class SheetError extends Error {}

export interface ParsedRow {
  row: number
  cells: string[]
  longs: number[] | undefined
}

const CELL_ATTRS = ['r', 's', 't'] as const

const CAPTURE_NONE = 0
const CAPTURE_VALUE = 1
const CAPTURE_FORMULA = 2
const CAPTURE_RUN = 3

/** Column number of a cell reference's letters (`AB12` → 28); 0 when it has none. */
function columnOf(ref: string): number {
  let col = 0
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i)
    if (c >= 65 && c <= 90) col = col * 26 + c - 64
    else if (c === 36 /* $ */ && col === 0) continue
    else break
    if (col > EXCEL_MAX_COLUMN) return col
  }
  return col
}

/** An ISO 8601 date of a `t="d"` cell (written by some exporters) as a UTC date. */
function isoDate(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim())
  if (!m) return undefined
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)))
  return Number.isNaN(d.getTime()) ? undefined : d
}

export class SheetRowsHandler implements XmlHandler {
  /** Rows completed since the owner last took them. */
  readonly rows: ParsedRow[] = []
  /** `</sheetData>` was reached: the rest of the part is not needed. */
  done = false

  private inSheetData = false
  private inRow = false
  private lastRow = 0
  private row = 0
  private cells: string[] = []
  private longs: number[] | undefined

  private inCell = false
  private lastCol = 0
  private col = 0
  private type: string | undefined
  private format: string | undefined
  private formula = false
  private value: string | undefined
  private runs: string[] | undefined
  private inInline = false
  private inRun = false
  private phonetic = 0
  private capture = CAPTURE_NONE

  constructor(
    private readonly strings: SharedStrings | undefined,
    private readonly formats: CellFormats,
    readonly date1904: boolean,
  ) {}

  open(name: string, attrs: string, selfClosing: boolean): void {
    if (!this.inSheetData) {
      if (name === 'sheetData') this.inSheetData = !selfClosing
      return
    }
    if (this.inCell) {
      this.openInCell(name, attrs)
      return
    }
    if (name === 'c') {
      if (!this.inRow) return
      this.startCell(attrs)
      return
    }
    if (name === 'row') this.startRow(attr(attrs, 'r'))
  }

  /** Whether a whole `<row>` element may be read now (sheet-bytes.ts reads it on its own). */
  get betweenRows(): boolean {
    return this.inSheetData && !this.inRow && !this.done
  }

  /** A row begins: its number from its `r` attribute, or the one after the row before. */
  startRow(r: string | undefined): void {
    const n = r === undefined ? NaN : parseInt(r, 10)
    // A row without a number follows the one before it, as Excel reads it.
    this.row = Number.isNaN(n) ? this.lastRow + 1 : n
    if (this.row < 1 || this.row > EXCEL_MAX_ROW) {
      throw new SheetError(this.row > EXCEL_MAX_ROW ? `has a row numbered ${this.row.toLocaleString('en')}, past Excel's last row (${EXCEL_MAX_ROW.toLocaleString('en')})` : `has a row numbered ${r}`)
    }
    if (this.row <= this.lastRow) throw new SheetError(`lists row ${this.row} after row ${this.lastRow} (rows out of order)`)
    this.inRow = true
    this.cells = []
    this.longs = undefined
    this.lastCol = 0
  }

  /** The row is complete. */
  finishRow(): void {
    this.inRow = false
    this.lastRow = this.row
    this.rows.push({row: this.row, cells: this.cells, longs: this.longs})
  }

  /** Forgets the row begun (read the other way after all). */
  abandonRow(): void {
    this.inRow = false
    this.cells = []
    this.longs = undefined
    this.lastCol = 0
  }

  /** The column of a cell: from its reference, or the one after the cell before (0: none given). */
  cellColumn(fromRef: number): number {
    const col = fromRef === 0 ? this.lastCol + 1 : fromRef
    this.lastCol = col
    return col
  }

  formatOf(style: number): string | undefined {
    return style ? this.formats.formatOf(style) : undefined
  }

  private readonly found: (string | undefined)[] = [undefined, undefined, undefined]

  private startCell(attrs: string): void {
    this.inCell = true
    const found = this.found
    readAttrs(attrs, CELL_ATTRS, found)
    const ref = found[0]
    let col = ref === undefined ? 0 : columnOf(ref)
    if (col > EXCEL_MAX_COLUMN) throw new SheetError(`has a cell past Excel's last column (${JSON.stringify(ref!.slice(0, 20))})`)
    // A cell without a reference is the one after the cell before it.
    if (col === 0) col = this.lastCol + 1
    if (col > EXCEL_MAX_COLUMN) throw new SheetError(`has a row of more than ${EXCEL_MAX_COLUMN.toLocaleString('en')} cells`)
    this.col = col
    this.lastCol = col
    this.type = found[2]
    const s = found[1]
    const style = s === undefined ? 0 : parseInt(s, 10)
    // Style 0 is never looked up, as exceljs did not.
    this.format = style ? this.formats.formatOf(style) : undefined
    this.formula = false
    this.value = undefined
    this.runs = undefined
    this.inInline = false
    this.inRun = false
    this.phonetic = 0
    this.capture = CAPTURE_NONE
  }

  private openInCell(name: string, attrs: string): void {
    switch (name) {
      case 'v':
        this.capture = CAPTURE_VALUE
        return
      case 'f': {
        const shareType = attr(attrs, 't')
        if (shareType) this.formula = true
        this.capture = CAPTURE_FORMULA
        return
      }
      case 'is':
        this.inInline = true
        return
      case 'rPh':
        this.phonetic++
        this.capture = CAPTURE_NONE
        return
      case 'r':
        if (this.inInline && this.phonetic === 0) {
          ;(this.runs ??= []).push('')
          this.inRun = true
        }
        return
      case 't':
        if (this.phonetic > 0) return
        this.capture = this.inRun ? CAPTURE_RUN : CAPTURE_VALUE
        return
      default:
        return
    }
  }

  text(raw: string, cdata: boolean): void {
    switch (this.capture) {
      case CAPTURE_NONE:
        return
      case CAPTURE_FORMULA:
        this.formula = true
        return
      case CAPTURE_VALUE: {
        const t = cdata ? raw : decodeText(raw)
        this.value = this.value === undefined ? t : this.value + t
        return
      }
      case CAPTURE_RUN: {
        const runs = this.runs!
        runs[runs.length - 1] += cdata ? raw : decodeText(raw)
        return
      }
    }
  }

  close(name: string): void {
    if (!this.inSheetData) return
    if (this.inCell) {
      switch (name) {
        case 'c':
          this.inCell = false
          this.finishCell()
          return
        case 'v':
        case 'f':
        case 't':
          this.capture = CAPTURE_NONE
          return
        case 'rPh':
          if (this.phonetic > 0) this.phonetic--
          return
        case 'is':
          this.inInline = false
          return
        case 'r':
          this.inRun = false
          return
        default:
          return
      }
    }
    if (name === 'row' && this.inRow) {
      this.finishRow()
    } else if (name === 'sheetData') {
      this.inSheetData = false
      this.done = true
    }
  }

  private finishCell(): void {
    const v = this.runs ? this.runs.map(decodeExcelEscapes).join('') : this.value
    const rendered = this.render(this.type, this.format, v, this.formula)
    this.commit(this.col, rendered.text, rendered.longNumber)
  }

  /** Puts a cell's text at its column of the current row. */
  commit(col: number, text: string, longNumber: boolean): void {
    const at = col - 1
    const cells = this.cells
    if (at === cells.length) {
      cells.push(text)
    } else if (at > cells.length) {
      while (cells.length < at) cells.push('')
      cells.push(text)
    } else {
      // A column met twice, or cells out of order: the later cell wins.
      cells[at] = text
      const had = this.longs?.indexOf(at) ?? -1
      if (had >= 0) this.longs!.splice(had, 1)
    }
    if (longNumber) {
      const longs = (this.longs ??= [])
      longs.push(at)
      if (longs.length > 1 && longs[longs.length - 2]! > at) longs.sort((x, y) => x - y)
    }
  }

  sharedString(index: number, raw: string): string {
    const text = this.strings?.get(index)
    if (text === undefined) {
      throw new SheetError(`refers to shared string ${Number.isNaN(index) ? JSON.stringify(raw.slice(0, 20)) : index.toLocaleString('en')}, past the end of the table (${(this.strings?.count ?? 0).toLocaleString('en')} strings)`)
    }
    return text
  }

  render(t: string | undefined, format: string | undefined, v: string | undefined, formula: boolean): CellText {
    if (formula) {
      // A formula shows its cached result; none cached (or an empty one) shows nothing.
      if (!v) return EMPTY
      let result: string | number | boolean | {error: string}
      if (t === 'str') result = xmlDecodeAgain(v)
      else if (t === 'b') result = parseInt(v, 10) !== 0
      else if (t === 'e') result = {error: v}
      else result = parseFloat(v)
      if (formatKind(format).loadDate) return {text: formatDate(loadSerialToDate(Number(result), this.date1904)), longNumber: false}
      if (typeof result === 'number') return renderNumber(result, format, this.date1904)
      if (typeof result === 'boolean') return {text: result ? 'TRUE' : 'FALSE', longNumber: false}
      if (typeof result === 'string') return {text: result, longNumber: false}
      return {text: result.error, longNumber: false}
    }
    if (v === undefined) return EMPTY
    switch (t) {
      case 's':
        return {text: this.sharedString(parseInt(v, 10), v), longNumber: false}
      case 'str':
        return {text: xmlDecodeAgain(v), longNumber: false}
      case 'inlineStr':
        return {text: v, longNumber: false}
      case 'b':
        return {text: parseInt(v, 10) !== 0 ? 'TRUE' : 'FALSE', longNumber: false}
      case 'e':
        return {text: v, longNumber: false}
      case 'd': {
        const date = isoDate(v)
        if (date) return {text: formatDate(date), longNumber: false}
        return renderNumber(parseFloat(v), format, this.date1904)
      }
      default:
        return renderNumber(parseFloat(v), format, this.date1904)
    }
  }

  /**
   * The fast path for a plain cell, `<c r=".." s=".." t="..">` with at most a formula without
   * attributes and a value (`<f>…</f><v>…</v>`), or self-closing: read in place, without the
   * scanner's events; anything else (inline strings, shared formulas, comments, entities in
   * attributes, a cell the chunk cuts) goes the general way. Nothing changes unless it succeeds.
   */
  element(s: string, lt: number): number {
    if (!this.inRow || this.inCell || s.charCodeAt(lt + 1) !== 99 /* c */) return -1
    let i = lt + 2
    let ch = s.charCodeAt(i)
    if (ch !== 32 && ch !== 62 && ch !== 47) return -1
    let col = 0
    let style = 0
    let type: string | undefined
    let selfClosing = false
    // Attributes.
    for (;;) {
      while (ch === 32 || ch === 9 || ch === 10 || ch === 13) ch = s.charCodeAt(++i)
      if (ch === 62 /* > */) break
      if (ch === 47 /* / */) {
        if (s.charCodeAt(i + 1) !== 62) return -1
        selfClosing = true
        i++
        break
      }
      if (Number.isNaN(ch)) return -1
      const eq = s.indexOf('=', i)
      if (eq < 0 || eq - i > 32 || isSpace(s.charCodeAt(eq - 1))) return -1
      const quote = s.charCodeAt(eq + 1)
      if (quote !== 34 && quote !== 39) return -1
      const from = eq + 2
      const close = s.indexOf(quote === 34 ? '"' : "'", from)
      if (close < 0) return -1
      if (eq - i === 1) {
        const name = s.charCodeAt(i)
        if (name === 114 /* r */) {
          for (let k = from; k < close; k++) {
            const c = s.charCodeAt(k)
            if (c >= 65 && c <= 90) col = col * 26 + c - 64
            else if (c === 36 && col === 0) continue
            else if (c >= 48 && c <= 57) break
            else return -1
          }
        } else if (name === 115 /* s */) {
          if (close === from || close - from > 9) return -1
          for (let k = from; k < close; k++) {
            const c = s.charCodeAt(k)
            if (c < 48 || c > 57) return -1
            style = style * 10 + c - 48
          }
        } else if (name === 116 /* t */) {
          type = cellType(s, from, close)
          if (type === undefined) return -1
        }
      }
      i = close + 1
      ch = s.charCodeAt(i)
    }
    if (col === 0) col = this.lastCol + 1
    if (col > EXCEL_MAX_COLUMN) return -1
    // Children: an optional formula without attributes, an optional value, then `</c>`.
    let pos = i + 1
    let formula = false
    let vFrom = -1
    let vTo = -1
    if (!selfClosing) {
      for (;;) {
        if (s.charCodeAt(pos) !== 60) return -1
        const c1 = s.charCodeAt(pos + 1)
        if (c1 === 47 /* / */) {
          if (s.charCodeAt(pos + 2) !== 99 || s.charCodeAt(pos + 3) !== 62) return -1
          pos += 4
          break
        }
        if ((c1 !== 118 /* v */ && c1 !== 102) /* f */ || vFrom >= 0) return -1
        const c2 = s.charCodeAt(pos + 2)
        if (c2 === 47 && s.charCodeAt(pos + 3) === 62) {
          pos += 4
          continue
        }
        if (c2 !== 62) return -1
        const end = s.indexOf('<', pos + 3)
        if (end < 0 || s.charCodeAt(end + 1) !== 47 || s.charCodeAt(end + 2) !== c1 || s.charCodeAt(end + 3) !== 62) return -1
        if (c1 === 102) {
          if (end > pos + 3) formula = true
        } else if (end > pos + 3) {
          // An empty `<v></v>` is no value, as for a parser that sees no text in it.
          vFrom = pos + 3
          vTo = end
        }
        pos = end + 4
      }
    }
    this.lastCol = col
    if (vFrom < 0) {
      this.commit(col, '', false)
      return pos
    }
    if (type === 's' && !formula && vTo - vFrom <= 9) {
      let index = 0
      for (let k = vFrom; k < vTo; k++) {
        const c = s.charCodeAt(k)
        if (c < 48 || c > 57) {
          index = -1
          break
        }
        index = index * 10 + c - 48
      }
      if (index >= 0) {
        this.commit(col, this.sharedString(index, ''), false)
        return pos
      }
    }
    const rendered = this.render(type, style ? this.formats.formatOf(style) : undefined, decodeText(s.slice(vFrom, vTo)), formula)
    this.commit(col, rendered.text, rendered.longNumber)
    return pos
  }
}

const TYPES = ['s', 'n', 'b', 'e', 'd']

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13
}

/** A cell's `t` value as one of the shared constants, undefined for anything to read the slow way. */
export function cellType(s: string, from: number, to: number): string | undefined {
  if (to - from === 1) {
    const c = s[from]!
    return TYPES.includes(c) ? c : undefined
  }
  if (to - from === 3 && s.startsWith('str', from)) return 'str'
  if (to - from === 9 && s.startsWith('inlineStr', from)) return 'inlineStr'
  return undefined
}
