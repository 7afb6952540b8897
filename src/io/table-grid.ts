import {UserError} from '../errors.js'

/** Excel's last column (XFD): no spreadsheet row is wider, whatever a span claims. */
export const MAX_COLUMNS = 16_384

/** HTML's own caps on spans (WHATWG "rules for parsing non-negative integers" of colspan/rowspan). */
export const MAX_COLSPAN = 1000
export const MAX_ROWSPAN = 65_534

/**
 * Cells a table's spans may cover, as the .xlsx reader bounds merged cells (XLSX_LIMITS): a
 * four-byte `<tr>` under a thousand-column rowspan would otherwise be a thousand cells.
 */
export const MAX_SPANNED_CELLS = 2_000_000

interface Span {
  column: number
  text: string
  /** Rows below the current one that the cell still covers. */
  rows: number
}

/**
 * Lays out the cells of a table whose cells may span rows and columns (HTML rowspan/colspan,
 * SpreadsheetML MergeDown/MergeAcross), the way Excel shows a merged range read by this tool:
 * the value in every cell of the range. One row is held at a time; a cell spanning down is kept
 * only as long as it reaches, in a list of the spans still open, so a row costs its own width.
 */
export class TableGrid {
  private cells: (string | undefined)[] = []
  private next = 0
  private open: Span[] = []
  private spanned = 0

  constructor(private readonly file: string) {}

  /** Starts a row: the cells that spans from above cover are filled first. */
  startRow(): void {
    this.cells = []
    this.next = 0
    if (this.open.length === 0) return
    const still: Span[] = []
    for (const span of this.open) {
      this.cells[span.column] = span.text
      if (--span.rows > 0) still.push(span)
    }
    this.open = still
  }

  /**
   * Places a cell at `column` (0-based; the next free column when absent), `across` columns wide
   * and `down` rows high. Columns already covered by a span from above keep their value.
   * Returns the column the cell starts at.
   */
  place(text: string, row: number, across = 1, down = 1, column?: number): number {
    let c = column ?? this.next
    if (column === undefined) while (this.cells[c] !== undefined) c++
    const end = c + Math.max(1, across)
    if (across > 1 || down > 1) {
      this.spanned += Math.max(1, across) * Math.max(1, down) - 1
      if (this.spanned > MAX_SPANNED_CELLS) {
        throw new UserError({en: `has merged cells (spans) covering more than ${MAX_SPANNED_CELLS.toLocaleString('en')} cells by row ${row}: a damaged table; save it from Excel as .xlsx`, zh: `到第 ${row} 行为止，合并单元格覆盖超过 ${MAX_SPANNED_CELLS.toLocaleString('en')} 个单元格：表格已损坏；请用 Excel 另存为 .xlsx`}, this.file, row)
      }
    }
    if (end > MAX_COLUMNS) throw new UserError({en: `row ${row} reaches past Excel's last column (${MAX_COLUMNS.toLocaleString('en')}): not a roster table`, zh: `第 ${row} 行超出 Excel 的最后一列（${MAX_COLUMNS.toLocaleString('en')}）：不是名单表格`}, this.file, row)
    for (let k = c; k < end; k++) {
      if (this.cells[k] !== undefined && k !== c) continue
      this.cells[k] = text
      if (down > 1) this.open.push({column: k, text, rows: down - 1})
    }
    this.next = end
    return c
  }

  /** The finished row, holes empty, trailing empty cells dropped (as the .xlsx reader does). */
  endRow(): string[] {
    const out = Array.from(this.cells, (c) => c ?? '')
    while (out.length > 0 && out[out.length - 1] === '') out.pop()
    this.cells = []
    return out
  }

  /** A new row group (HTML tbody/thead/tfoot): spans end at its boundary. */
  closeSpans(): void {
    this.open = []
  }
}

/** A span attribute as HTML reads it: leading digits; absent, zero or junk is 1, capped. */
export function spanValue(value: string | undefined, max: number, zeroMeans = 1): number {
  if (value === undefined) return 1
  const m = /^\s*\+?(\d+)/.exec(value)
  if (!m) return 1
  const n = Number(m[1])
  if (n === 0) return zeroMeans
  return Math.min(n, max)
}
