import {SaxesParser} from 'saxes'

import {UserError} from '../errors.js'
import {readSample} from './csv-reader.js'
import {decodedText, markupEncoding} from './markup-source.js'
import {MAX_COLUMNS, TableGrid} from './table-grid.js'
import type {RawRow, ReadOptions, RowSource} from './types.js'
import {formatDate, formatNumber} from './xlsx-reader.js'

// Excel 2003's "XML Spreadsheet" (SpreadsheetML), another ".xls" that is not a BIFF workbook:
//   <Workbook><Worksheet ss:Name="…"><Table><Row ss:Index="3"><Cell ss:MergeAcross="1">
//   <Data ss:Type="String">…</Data></Cell></Row></Table></Worksheet></Workbook>
// Read in one streaming pass with saxes (no DTD, no external entities): the first worksheet, or
// the one --sheet names, with each row at its own number and merged cells' value on every cell.

const EXCEL_MAX_ROW = 1_048_576
const MAX_CELL_CHARS = 1 << 24

function local(name: string): string {
  const colon = name.indexOf(':')
  return colon < 0 ? name : name.slice(colon + 1)
}

/** An attribute by its local name (`ss:Index` or `Index`). */
function attribute(attributes: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(attributes)) if (local(key) === name) return value
  return undefined
}

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined
  const n = Number(value)
  return n >= 1 ? n : undefined
}

interface CellText {
  text: string
  longNumber: boolean
}

/** A Data element's text as a person sees it in Excel, as the .xlsx reader renders its cells. */
function render(type: string, text: string): CellText {
  if (type === 'Number') {
    // Digits as the file holds them: an 18-digit ID written as a number keeps every digit here.
    if (/^-?\d+$/.test(text.trim())) return {text: text.trim(), longNumber: false}
    const n = Number(text)
    if (text.trim() === '' || !Number.isFinite(n)) return {text, longNumber: false}
    return {text: formatNumber(n, undefined), longNumber: Number.isInteger(n) && Math.abs(n) >= 1e15}
  }
  if (type === 'DateTime') {
    const date = /^\d{4}-\d\d-\d\dT[\d:.]+$/.test(text.trim()) ? formatDate(new Date(`${text.trim()}Z`)) : ''
    return {text: date || text, longNumber: false}
  }
  if (type === 'Boolean') return {text: text.trim() === '1' ? 'TRUE' : text.trim() === '0' ? 'FALSE' : text, longNumber: false}
  return {text, longNumber: false}
}

interface PendingCell {
  column: number | undefined
  across: number
  down: number
  type: string
  text: string
  hasData: boolean
}

/** Opens a worksheet of an Excel 2003 XML Spreadsheet as rows. */
export async function readSpreadsheetMl(file: string, options: ReadOptions = {}): Promise<RowSource> {
  const encoding = markupEncoding(await readSample(file), options.encoding, file)
  const info: {file: string; format: 'xml'; encoding: string; sheet?: string} = {file, format: 'xml', encoding: encoding.name}
  const wanted = options.sheet

  async function* rows(): AsyncGenerator<RawRow> {
    const parser = new SaxesParser({position: true})
    const grid = new TableGrid(file)
    const sheets: string[] = []
    const out: RawRow[] = []
    let chosen = false
    let finished = false
    let inTable = false
    let row = 0
    let inRow = false
    let longNumbers: number[] | undefined
    let cell: PendingCell | undefined
    /** Depth inside a Data element (its rich text has child elements); 0 outside one. */
    let dataDepth = 0
    /** Inside a Comment, whose own Data is not the cell's value. */
    let inComment = false
    let lastCol = -1

    const refuse = (message: string): never => {
      throw new UserError({en: `is not a readable Excel 2003 XML spreadsheet (${message}, line ${parser.line}); save it from Excel as .xlsx`, zh: `不是可读取的 Excel 2003 XML 电子表格（${message}，第 ${parser.line} 行）；请用 Excel 另存为 .xlsx`}, file)
    }
    // saxes says `6:31: unexpected close tag.`; the line is added once, below.
    parser.on('error', (error) => refuse(error.message.replace(/^(?:.*?:)?\d+:\d+: /, '').replace(/\.$/, '')))

    parser.on('opentag', (tag) => {
      const name = local(tag.name)
      if (finished) return
      if (name === 'Worksheet') {
        const sheetName = attribute(tag.attributes as Record<string, string>, 'Name') ?? `Sheet${sheets.length + 1}`
        sheets.push(sheetName)
        if (!chosen) {
          const matches =
            wanted === undefined ||
            sheetName === wanted ||
            sheetName.trim() === wanted.trim() ||
            (/^\d+$/.test(wanted) && Number(wanted) === sheets.length)
          if (matches) {
            chosen = true
            info.sheet = sheetName
          }
        }
        return
      }
      if (!chosen) return
      const attrs = tag.attributes as Record<string, string>
      if (name === 'Table') inTable = true
      else if (!inTable) return
      else if (name === 'Row') {
        const at = positiveInt(attribute(attrs, 'Index'))
        const target = at ?? row + 1
        if (target > EXCEL_MAX_ROW) refuse(`a row numbered ${target.toLocaleString('en')}, past Excel's last row`)
        // Rows the file skips are blank rows at their own numbers, as in the .xlsx reader.
        while (row + 1 < target) {
          row++
          grid.startRow()
          const cells = grid.endRow()
          out.push({row, cells})
        }
        row = target
        grid.startRow()
        inRow = true
        longNumbers = undefined
        lastCol = -1
      } else if (name === 'Cell' && inRow) {
        const at = positiveInt(attribute(attrs, 'Index'))
        if (at !== undefined && at > MAX_COLUMNS) refuse(`a cell in column ${at.toLocaleString('en')}, past Excel's last column`)
        cell = {
          column: at === undefined ? undefined : at - 1,
          across: (positiveInt(attribute(attrs, 'MergeAcross')) ?? 0) + 1,
          down: (positiveInt(attribute(attrs, 'MergeDown')) ?? 0) + 1,
          type: '',
          text: '',
          hasData: false,
        }
      } else if (name === 'Comment') inComment = true
      else if (cell && !inComment && (name === 'Data' || dataDepth > 0)) {
        if (dataDepth === 0) {
          cell.type = attribute(attrs, 'Type') ?? 'String'
          cell.hasData = true
        }
        dataDepth++
      }
    })

    const onText = (text: string): void => {
      if (!cell || dataDepth === 0) return
      if (cell.text.length + text.length > MAX_CELL_CHARS) throw new UserError({en: `has a cell longer than ${MAX_CELL_CHARS >> 20} M characters: not a roster table`, zh: `有超过 ${MAX_CELL_CHARS >> 20}M 个字符的单元格：不是名单表格`}, file, row)
      cell.text += text
    }
    parser.on('text', onText)
    parser.on('cdata', onText)

    parser.on('closetag', (tag) => {
      const name = local(tag.name)
      if (finished || !chosen) return
      if (dataDepth > 0) {
        dataDepth--
        return
      }
      if (name === 'Comment') inComment = false
      else if (name === 'Cell' && cell) {
        const rendered = cell.hasData ? render(cell.type, cell.text) : {text: '', longNumber: false}
        // An explicit ss:Index never goes back over a column already placed.
        const start = grid.place(rendered.text, row, cell.across, cell.down, cell.column !== undefined && cell.column > lastCol ? cell.column : undefined)
        lastCol = start + cell.across - 1
        if (rendered.longNumber) (longNumbers ??= []).push(start)
        cell = undefined
      } else if (name === 'Row' && inRow) {
        const cells = grid.endRow()
        out.push(longNumbers ? {row, cells, longNumbers} : {row, cells})
        inRow = false
      } else if (name === 'Table') inTable = false
      else if (name === 'Worksheet') finished = true
    })

    for await (const chunk of decodedText(file, encoding)) {
      parser.write(chunk)
      yield* out
      out.length = 0
      if (finished) return
    }
    parser.close()
    yield* out
    if (sheets.length === 0) refuse('no Worksheet')
    if (!chosen) throw new UserError({en: `no sheet "${wanted}" (sheets: ${sheets.join(', ')})`, zh: `没有工作表“${wanted}”（工作表：${sheets.join('、')}）`}, file)
  }

  return {info, rows: rows()}
}
