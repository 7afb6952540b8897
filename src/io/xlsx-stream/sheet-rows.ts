import {EXCEL_MAX_COLUMN, EXCEL_MAX_ROW} from './limits.js'
import {type CellText, EMPTY, formatDate, isLoadDateFormat, loadSerialToDate, renderNumber, xmlDecodeAgain, decodeExcelEscapes} from './render.js'
import type {SharedStrings} from './shared-strings.js'
import type {CellFormats} from './styles.js'
import {type XmlHandler, attr, decodeText} from './xml-scanner.js'

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
    private readonly date1904: boolean,
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
    if (name === 'row') {
      const r = attr(attrs, 'r')
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
  }

  private startCell(attrs: string): void {
    this.inCell = true
    const ref = attr(attrs, 'r')
    let col = ref === undefined ? 0 : columnOf(ref)
    if (col > EXCEL_MAX_COLUMN) throw new SheetError(`has a cell past Excel's last column (${JSON.stringify(ref!.slice(0, 20))})`)
    // A cell without a reference is the one after the cell before it.
    if (col === 0) col = this.lastCol + 1
    if (col > EXCEL_MAX_COLUMN) throw new SheetError(`has a row of more than ${EXCEL_MAX_COLUMN.toLocaleString('en')} cells`)
    this.col = col
    this.lastCol = col
    this.type = attr(attrs, 't')
    const s = attr(attrs, 's')
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
      this.inRow = false
      this.lastRow = this.row
      this.rows.push({row: this.row, cells: this.cells, longs: this.longs})
    } else if (name === 'sheetData') {
      this.inSheetData = false
      this.done = true
    }
  }

  private finishCell(): void {
    const rendered = this.render()
    const at = this.col - 1
    const cells = this.cells
    if (at === cells.length) {
      cells.push(rendered.text)
    } else if (at > cells.length) {
      while (cells.length < at) cells.push('')
      cells.push(rendered.text)
    } else {
      // A column met twice, or cells out of order: the later cell wins.
      cells[at] = rendered.text
      const had = this.longs?.indexOf(at) ?? -1
      if (had >= 0) this.longs!.splice(had, 1)
    }
    if (rendered.longNumber) {
      const longs = (this.longs ??= [])
      longs.push(at)
      if (longs.length > 1 && longs[longs.length - 2]! > at) longs.sort((x, y) => x - y)
    }
  }

  private render(): CellText {
    const t = this.type
    const v = this.runs ? this.runs.map(decodeExcelEscapes).join('') : this.value
    if (this.formula) {
      // A formula shows its cached result; none cached (or an empty one) shows nothing.
      if (!v) return EMPTY
      let result: string | number | boolean | {error: string}
      if (t === 'str') result = xmlDecodeAgain(v)
      else if (t === 'b') result = parseInt(v, 10) !== 0
      else if (t === 'e') result = {error: v}
      else result = parseFloat(v)
      if (isLoadDateFormat(this.format)) return {text: formatDate(loadSerialToDate(Number(result), this.date1904)), longNumber: false}
      if (typeof result === 'number') return renderNumber(result, this.format, this.date1904)
      if (typeof result === 'boolean') return {text: result ? 'TRUE' : 'FALSE', longNumber: false}
      if (typeof result === 'string') return {text: result, longNumber: false}
      return {text: result.error, longNumber: false}
    }
    if (v === undefined) return EMPTY
    switch (t) {
      case 's': {
        const index = parseInt(v, 10)
        const text = this.strings?.get(index)
        if (text === undefined) {
          throw new SheetError(`refers to shared string ${Number.isNaN(index) ? JSON.stringify(v.slice(0, 20)) : index.toLocaleString('en')}, past the end of the table (${(this.strings?.count ?? 0).toLocaleString('en')} strings)`)
        }
        return {text, longNumber: false}
      }
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
        return renderNumber(parseFloat(v), this.format, this.date1904)
      }
      default:
        return renderNumber(parseFloat(v), this.format, this.date1904)
    }
  }
}
