/** One row as a reader yields it: cells as a person sees them, with the row number Excel shows. */
export interface RawRow {
  row: number
  cells: string[]
  /** Column indexes of numeric cells too long for a spreadsheet's 15 significant digits. */
  longNumbers?: number[]
  /** Set when the reader had to recover the row from a structural fault. */
  fault?: 'unbalanced-quote'
}

export interface SourceInfo {
  file: string
  /** `html`: the first table of a web page; `xml`: an Excel 2003 XML Spreadsheet (both often named .xls). */
  format: 'csv' | 'xlsx' | 'html' | 'xml'
  encoding?: string
  sheet?: string
  delimiter?: string
}

export interface RowSource {
  info: SourceInfo
  rows: AsyncIterable<RawRow>
}

export interface ReadOptions {
  /** Forces the input encoding of a CSV/TSV file; detected when absent. */
  encoding?: string
  /** Sheet name or 1-based index of an .xlsx workbook; the first visible sheet when absent. */
  sheet?: string
}

export function isBlankRow(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false
  return true
}
