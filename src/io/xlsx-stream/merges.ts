import {EXCEL_MAX_COLUMN, XLSX_LIMITS, cellRef} from './limits.js'
import {handler} from './xml-part.js'
import {XmlScanner, attr} from './xml-scanner.js'

// Merged ranges: a sheet lists them after its rows (`<mergeCells>` follows `<sheetData>`), so they
// are read by a first pass over the sheet that looks for nothing else, before any row is read.
// A range's value is its top-left cell's, shown in every cell of the range.

/** A merged range, 1-based and inclusive. */
export interface MergeRange {
  top: number
  left: number
  bottom: number
  right: number
  ref: string
}

/** Why a sheet's merged ranges are refused; the reader adds the file and the advice. */
export class MergeError extends Error {}

/** The scanner of the `<mergeCells>` part of a sheet: collects the ranges into `out`. */
export function mergeCellsParser(out: MergeRange[], part: string): XmlScanner {
  const scanner: XmlScanner = new XmlScanner(
    handler({
      // The scan starts at `<mergeCells>`; what follows its end is not needed.
      close(tag) {
        if (tag === 'mergeCells') scanner.stopped = true
      },
      open(tag, attrs) {
        if (tag !== 'mergeCell') return
        if (out.length >= XLSX_LIMITS.merges) throw new MergeError(`${part} has more than ${XLSX_LIMITS.merges.toLocaleString('en')} merged ranges`)
        const ref = attr(attrs, 'ref') ?? ''
        const parts = ref.split(':')
        const a = cellRef(parts[0] ?? '')
        const b = parts.length === 1 ? a : parts.length === 2 ? cellRef(parts[1]!) : undefined
        if (!a || !b) throw new MergeError(`${part} has a merged range outside the sheet (${JSON.stringify(ref.slice(0, 40))})`)
        // An inverted range (`M9:L8`) is the same range, as Excel and exceljs read it.
        out.push({top: Math.min(a[0], b[0]), left: Math.min(a[1], b[1]), bottom: Math.max(a[0], b[0]), right: Math.max(a[1], b[1]), ref})
      },
    }),
    XLSX_LIMITS.textChars,
  )
  return scanner
}

/**
 * Sorts the ranges by their top row and checks them: the cells they cover (each is written on
 * every row it spans) within the limit, and no cell in two ranges. The overlap check sweeps the
 * ranges by top row, keeping per column the last row an earlier range covers: linear in the
 * covered columns, which the cell limit bounds.
 */
export function checkMerges(ranges: MergeRange[], part: string): MergeRange[] {
  let cells = 0
  for (const m of ranges) cells += (m.bottom - m.top + 1) * (m.right - m.left + 1)
  if (cells > XLSX_LIMITS.mergedCells) throw new MergeError(`the merged ranges of ${part} cover ${cells.toLocaleString('en')} cells`)
  const sorted = [...ranges].sort((x, y) => x.top - y.top || x.left - y.left)
  const coveredTo = new Int32Array(EXCEL_MAX_COLUMN + 1)
  const owner: (MergeRange | undefined)[] = []
  for (const m of sorted) {
    for (let c = m.left; c <= m.right; c++) {
      if (coveredTo[c]! >= m.top) throw new MergeError(`${part}: the merged range ${m.ref} overlaps ${owner[c]?.ref ?? 'another'}, cells already merged`)
    }
    for (let c = m.left; c <= m.right; c++) {
      coveredTo[c] = m.bottom
      owner[c] = m
    }
  }
  return sorted
}

interface Active {
  range: MergeRange
  text: string
  longNumber: boolean
}

/**
 * Writes the merged values into rows as they pass, in row order: a range's value is taken from
 * its top-left cell when its top row passes, and written into every other cell of the range.
 */
export class MergeApplier {
  private next = 0
  private active: Active[] = []
  readonly lastRow: number

  constructor(private readonly sorted: MergeRange[]) {
    let last = 0
    for (const m of sorted) if (m.bottom > last) last = m.bottom
    this.lastRow = last
  }

  get idle(): boolean {
    return this.active.length === 0 && this.next >= this.sorted.length
  }

  /** Applies the ranges to row `row` (rows must come in ascending order, gaps included). */
  apply(row: number, cells: string[], longs: number[] | undefined): number[] | undefined {
    if (this.active.length > 0) this.active = this.active.filter((a) => a.range.bottom >= row)
    while (this.next < this.sorted.length && this.sorted[this.next]!.top <= row) {
      const range = this.sorted[this.next++]!
      if (range.bottom < row) continue
      const at = range.left - 1
      this.active.push({range, text: cells[at] ?? '', longNumber: longs?.includes(at) ?? false})
    }
    if (this.active.length === 0) return longs
    let flags = longs
    for (const {range, text, longNumber} of this.active) {
      for (let c = range.left; c <= range.right; c++) {
        if (row === range.top && c === range.left) continue
        const at = c - 1
        while (cells.length < at) cells.push('')
        cells[at] = text
        const had = flags?.indexOf(at) ?? -1
        if (longNumber && had < 0) (flags ??= []).push(at)
        else if (!longNumber && had >= 0) flags!.splice(had, 1)
      }
    }
    if (flags && flags.length > 1) flags.sort((x, y) => x - y)
    return flags && flags.length > 0 ? flags : undefined
  }
}
