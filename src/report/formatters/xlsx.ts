import type ExcelJS from 'exceljs'
import {PassThrough} from 'node:stream'

import {excelJs} from '../../io/exceljs-load.js'
import {openRows} from '../../io/open.js'
import type {ColumnOverrides} from '../../schema/headers.js'
import {openRoster} from '../../schema/roster.js'
import {maskValue, scrubText} from '../../findings/mask.js'
import type {Finding, InputInfo, Lang, MaskMode, Report, Severity} from '../../findings/model.js'
import {departmentName} from '../../schema/dataset-args.js'
import {fieldLabel} from '../../schema/fields.js'
import {beijingTime} from '../beijing-time.js'
import {FINDING_HEADERS, STATE_LABELS, findingCells} from '../finding-columns.js'

// The workbook a data officer opens: a summary sheet, the findings (frozen header, auto-filter,
// columns sized to their content) and, for each input, its original rows at their original row
// numbers with every offending cell filled (red errors, yellow warnings, blue infos) and a comment
// naming the code and the message. The report arrives masked; the input rows are re-read here and
// masked by --mask per the field each column maps to. Every cell is a text cell, so nothing is
// ever a formula (formula injection: src/io/neutralize.ts). Written with exceljs's streaming writer: memory holds
// the finished file, not a model of every cell.

export interface XlsxOptions {
  lang: Lang
  mask: MaskMode
  read?: {encoding?: string; sheet?: string; columns?: ColumnOverrides}
}

/** Excel's limits: rows a sheet holds, characters a cell holds. */
const MAX_ROWS = 1_048_576
const MAX_CELL = 32_767
const MAX_COMMENT = 4000
const MAX_WIDTH = 60

const FILL: Record<Severity, string> = {error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7'}
const FONT: Record<Severity, string> = {error: 'FF9C0006', warning: 'FF9C5700', info: 'FF1F4E79'}
const HEADER_FILL = 'FFD9E1F2'
const RANK: Record<Severity, number> = {info: 0, warning: 1, error: 2}

const T = {
  zh: {
    summary: '汇总',
    findings: '问题清单',
    title: 'liushou 核查报告',
    tool: '工具',
    version: '版本',
    command: '命令',
    asOf: '基准日期',
    lang: 'zh' as Lang,
    generatedAt: '生成时间',
    beijing: '（北京时间）',
    mask: '脱敏方式',
    maskModes: {none: '不脱敏', ids: '证件号和电话已脱敏', all: '证件号、电话、姓名和地址已脱敏'},
    inputs: '输入文件',
    inputHead: ['数据集', '部门', '文件', '格式', '编码', '工作表', '行数', '问题行所在工作表'],
    totals: '合计',
    totalHead: ['行数', '问题', '错误', '警告', '提示'],
    byCode: '按代码统计',
    byCodeHead: ['代码', '级别', '数量', '已列出'],
    hiddenInfos: (n: number) => `另有 ${n} 条提示只计数未列出（加 --include-info 列出）。`,
    legend: '原始行工作表中：红色为错误，黄色为警告，蓝色为提示；批注写明代码和说明。',
    findingsHead: FINDING_HEADERS.zh,
    findingsColumn: '问题（liushou）',
    severity: {error: '错误', warning: '警告', info: '提示'},
    state: STATE_LABELS.zh,
    unreadable: (reason: string) => `无法重新读取该文件，原始行未列出：${reason}`,
    truncated: (n: number) => `超过 Excel 的行数上限，后 ${n} 行未列出。`,
    none: '未发现问题。',
  },
  en: {
    summary: 'Summary',
    findings: 'Findings',
    title: 'liushou report',
    tool: 'tool',
    version: 'version',
    command: 'command',
    asOf: 'as of',
    lang: 'en' as Lang,
    generatedAt: 'generated at',
    beijing: ' (Beijing time)',
    mask: 'masking',
    maskModes: {none: 'not masked', ids: 'ID numbers and phones masked', all: 'ID numbers, phones, names and addresses masked'},
    inputs: 'Inputs',
    inputHead: ['dataset', 'department', 'file', 'format', 'encoding', 'sheet', 'rows', 'rows shown in sheet'],
    totals: 'Totals',
    totalHead: ['rows', 'findings', 'errors', 'warnings', 'infos'],
    byCode: 'By code',
    byCodeHead: ['code', 'severity', 'count', 'listed'],
    hiddenInfos: (n: number) => `${n} info finding(s) counted but not listed (add --include-info to list them).`,
    legend: 'In the original-row sheets: red marks errors, yellow warnings, blue infos; each comment names the code and the message.',
    findingsHead: FINDING_HEADERS.en,
    findingsColumn: 'findings (liushou)',
    severity: {error: 'error', warning: 'warning', info: 'info'},
    state: STATE_LABELS.en,
    unreadable: (reason: string) => `The file could not be read again, so its rows are not shown: ${reason}`,
    truncated: (n: number) => `Past Excel's row limit: the last ${n} rows are not shown.`,
    none: 'No findings.',
  },
} as const

type Texts = (typeof T)[Lang]

/** Display width in Excel's character units: CJK and full-width characters count two. */
export function textWidth(text: string): number {
  let w = 0
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1
  return w
}

function clip(text: string, max = MAX_CELL): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/** A value as a text cell: never a number that loses digits, never a formula. */
function setText(cell: ExcelJS.Cell, value: string): void {
  cell.value = clip(value)
  cell.numFmt = '@'
}

/** Sheet names: at most 31 characters, none of []:*?/\ and unique in the workbook (case-insensitive). */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = (wanted.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').trim() || 'Sheet').slice(0, 31)
  let name = base
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`
    name = base.slice(0, 31 - suffix.length) + suffix
  }
  taken.add(name.toLowerCase())
  return name
}

function severityStyle(cell: ExcelJS.Cell, severity: Severity): void {
  cell.fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: FILL[severity]}}
  cell.font = {color: {argb: FONT[severity]}}
}

function headerStyle(cell: ExcelJS.Cell): void {
  cell.font = {bold: true}
  cell.fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: HEADER_FILL}}
}

function worst(findings: Finding[]): Severity {
  let out: Severity = 'info'
  for (const f of findings) if (RANK[f.severity] > RANK[out]) out = f.severity
  return out
}

/** The comment of a cell: one paragraph per finding, code first. */
function commentText(findings: Finding[], t: Texts): string {
  const text = findings
    .map((f) => {
      const expected = f.expected !== undefined ? `\n→ ${f.expected}` : ''
      const hint = f.hint ? `\n${f.hint}` : ''
      return `${f.code} (${t.severity[f.severity]})\n${f.message}${expected}${hint}`
    })
    .join('\n\n')
  return clip(text, MAX_COMMENT)
}

function note(findings: Finding[], t: Texts): ExcelJS.Comment {
  return {texts: [{text: commentText(findings, t)}], margins: {insetmode: 'auto'}} as unknown as ExcelJS.Comment
}

// ------------------------------------------------------------------------------------------- sheets

function summarySheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, report: Report, mask: MaskMode, t: Texts, sheets: Map<string, string>, notes: string[]): void {
  const ws = workbook.addWorksheet(t.summary, {views: [{showGridLines: false}]})
  const rows: (string | number)[][] = []
  const styles: ('title' | 'section' | 'head' | 'plain')[] = []
  const push = (cells: (string | number)[], style: 'title' | 'section' | 'head' | 'plain' = 'plain') => {
    rows.push(cells)
    styles.push(style)
  }
  push([t.title], 'title')
  push([t.tool, `${report.tool} ${report.version}`])
  push([t.command, report.command])
  push([t.asOf, report.asOf])
  push([t.generatedAt, `${beijingTime(report.generatedAt)}${t.beijing}`])
  push([t.mask, t.maskModes[mask]])
  push([])
  push([t.inputs], 'section')
  push([...t.inputHead], 'head')
  for (const i of report.inputs) push([i.dataset, i.department === undefined ? '' : departmentName(i.department, t.lang), i.file, i.format, i.encoding ?? '', i.sheet ?? '', i.rows, sheets.get(i.file) ?? ''])
  push([])
  push([t.totals], 'section')
  push([...t.totalHead], 'head')
  const s = report.summary
  push([s.rows, s.findings, s.errors, s.warnings, s.infos])
  push([])
  push([t.byCode], 'section')
  push([...t.byCodeHead], 'head')
  const listed = new Map<string, Finding[]>()
  for (const f of report.findings) {
    const list = listed.get(f.code)
    if (list) list.push(f)
    else listed.set(f.code, [f])
  }
  const codes = Object.entries(s.byCode).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  for (const [code, n] of codes) {
    const fs = listed.get(code) ?? []
    // Unlisted codes are infos: only infos go unlisted.
    const severity = fs.length > 0 ? worst(fs) : 'info'
    push([code, t.severity[severity], n, fs.length])
  }
  if (codes.length === 0) push([t.none])
  const listedInfos = report.findings.filter((f) => f.severity === 'info').length
  push([])
  if (s.infos > listedInfos) push([t.hiddenInfos(s.infos - listedInfos)])
  push([t.legend])
  for (const n of notes) push([n])

  const widths = [16, 14, 28, 8, 10, 12, 10, 18]
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w))
  rows.forEach((cells, r) => {
    const row = ws.getRow(r + 1)
    cells.forEach((value, c) => {
      const cell = row.getCell(c + 1)
      if (typeof value === 'number') cell.value = value
      else setText(cell, value)
      const style = styles[r]
      if (style === 'title') cell.font = {bold: true, size: 14}
      else if (style === 'section') cell.font = {bold: true, size: 12}
      else if (style === 'head') headerStyle(cell)
    })
    // Severity column of the by-code table carries its colour.
    if (styles[r] === 'plain' && r > 0 && styles[r - 1] !== 'title') {
      const code = cells[0]
      if (typeof code === 'string' && code in s.byCode && cells.length === 4) {
        const fs = listed.get(code) ?? []
        severityStyle(row.getCell(2), fs.length > 0 ? worst(fs) : 'info')
      }
    }
    row.commit()
  })
  ws.commit()
}

function findingSheetCells(f: Finding, t: Texts): (string | number)[] {
  return findingCells(f, {severity: (s) => t.severity[s], state: (s) => t.state[s], ...(t.lang === 'zh' ? {field: (key: string) => fieldLabel(key, 'zh')} : {})})
}

function findingsSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, report: Report, t: Texts): void {
  const head = [...t.findingsHead]
  const listed = report.findings.slice(0, MAX_ROWS - 1)
  const rows = listed.map((f) => findingSheetCells(f, t))
  // Widths that fit: the longest value of each column (capped), read from a sample of the rows.
  const sample = rows.length > 5000 ? rows.filter((_, i) => i % Math.ceil(rows.length / 5000) === 0) : rows
  const widths = head.map((h, c) => Math.min(MAX_WIDTH, Math.max(textWidth(h) + 4, ...sample.map((r) => textWidth(String(r[c] ?? '')) + 2))))
  const last = `${columnLetter(head.length)}${rows.length + 1}`
  const ws = workbook.addWorksheet(t.findings, {views: [{state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2'}]})
  ws.autoFilter = `A1:${last}`
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w))
  const header = ws.getRow(1)
  head.forEach((h, c) => {
    const cell = header.getCell(c + 1)
    setText(cell, h)
    headerStyle(cell)
  })
  header.commit()
  rows.forEach((cells, r) => {
    const row = ws.getRow(r + 2)
    cells.forEach((value, c) => {
      const cell = row.getCell(c + 1)
      if (typeof value === 'number') cell.value = value
      else setText(cell, value)
    })
    severityStyle(row.getCell(4), listed[r]!.severity)
    row.getCell(10).alignment = {wrapText: false}
    row.commit()
  })
  ws.commit()
}

function columnLetter(n: number): string {
  let s = ''
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s
  return s
}

interface CellMarks {
  /** Findings per column index; -1 holds the row's findings that name no column. */
  byColumn: Map<number, Finding[]>
}

/** Puts each finding of one file on its row and column. */
function markFindings(findings: Finding[], columns: {index: number; header: string; field?: string}[], fieldIndex: Map<string, number>): Map<number, CellMarks> {
  const marks = new Map<number, CellMarks>()
  for (const f of findings) {
    let index: number | undefined
    if (f.column !== undefined) {
      const named = columns.filter((c) => c.header === f.column)
      index = (named.find((c) => c.field === f.field) ?? named[0])?.index
    }
    if (index === undefined && f.field !== undefined) index = fieldIndex.get(f.field)
    let m = marks.get(f.row)
    if (!m) marks.set(f.row, (m = {byColumn: new Map()}))
    const key = index ?? -1
    m.byColumn.set(key, [...(m.byColumn.get(key) ?? []), f])
  }
  return marks
}

/** What a first pass over an input tells: its header, where data starts, its width and size. */
interface InputLayout {
  columns: {index: number; header: string; field?: string}[]
  fieldIndex: Map<string, number>
  headerRow: number
  firstDataRow: number
  width: number
  /** Column widths that fit the header and the first rows. */
  widths: number[]
  /** Data rows past Excel's last row. */
  beyondLimit: number
}

const WIDTH_SAMPLE_ROWS = 2000

function readOptions(input: InputInfo, options: XlsxOptions): {encoding?: string; sheet?: string} {
  const sheet = input.sheet ?? options.read?.sheet
  return {...(options.read?.encoding ? {encoding: options.read.encoding} : {}), ...(sheet ? {sheet} : {})}
}

/** Pass 1: the header and its mapping, the first data row, the widest row, column widths. */
async function surveyInput(input: InputInfo, options: XlsxOptions): Promise<InputLayout | {unreadable: string}> {
  try {
    const roster = await openRoster(input.file, {...readOptions(input, options), ...(options.read?.columns ? {columns: options.read.columns} : {})})
    const widths = roster.columns.map((c) => {
      const field = c.field ?? ''
      const base = /IdNumber$|^idNumber$|studentId/.test(field) ? 20 : /Phone$/.test(field) ? 13 : 6
      return Math.max(base, textWidth(c.header) + 3)
    })
    let firstDataRow = Infinity
    let widest = 0
    let seen = 0
    let beyondLimit = 0
    for await (const row of roster.rows) {
      if (row.ref.row < firstDataRow) firstDataRow = row.ref.row
      if (row.ref.row > MAX_ROWS) beyondLimit++
      if (row.cells.length > widest) widest = row.cells.length
      if (seen++ < WIDTH_SAMPLE_ROWS) {
        row.cells.forEach((cell, i) => {
          widths[i] = Math.max(widths[i] ?? 6, textWidth(cell) + 2)
        })
      }
    }
    const width = Math.max(roster.columns.length, widest, 1)
    return {
      columns: roster.columns,
      fieldIndex: roster.fieldIndex,
      headerRow: roster.headerRow,
      firstDataRow,
      width,
      widths: Array.from({length: width}, (_, i) => Math.min(MAX_WIDTH, widths[i] ?? 8)),
      beyondLimit,
    }
  } catch (error) {
    return {unreadable: scrubText(((error as {line?: string}).line ?? (error as Error).message ?? String(error)).split('\n')[0] ?? '')}
  }
}

/** Pass 2: the input's rows at their own row numbers, offending cells filled and commented. */
async function inputSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  input: InputInfo,
  layout: InputLayout | {unreadable: string},
  findings: Finding[],
  options: XlsxOptions,
  t: Texts,
): Promise<void> {
  if ('unreadable' in layout) {
    const ws = workbook.addWorksheet(name)
    const row = ws.getRow(1)
    setText(row.getCell(1), t.unreadable(layout.unreadable))
    row.commit()
    ws.commit()
    return
  }
  const {columns, headerRow, firstDataRow, width} = layout
  const marks = markFindings(findings, columns, layout.fieldIndex)
  const findingsCol = width + 1

  const ySplit = Math.min(firstDataRow === Infinity ? headerRow : firstDataRow - 1, 50)
  const ws = workbook.addWorksheet(name, {views: [{state: 'frozen', xSplit: 0, ySplit, activeCell: 'A1'}]})
  layout.widths.forEach((w, c) => (ws.getColumn(c + 1).width = w))
  ws.getColumn(findingsCol).width = 36

  // exceljs's streaming writer commits a row by shifting its array of pending rows once per row
  // number skipped, each shift costing the array's length: a stray cell on row 1,048,576 after a
  // few rows of data took hours. Committing the skipped rows (empty, so not written) is linear.
  let nextRow = 1
  const writeRow = (rowNumber: number, cells: string[]): void => {
    for (; nextRow < rowNumber; nextRow++) ws.getRow(nextRow).commit()
    nextRow = rowNumber + 1
    const row = ws.getRow(rowNumber)
    const isHeader = headerRow > 0 && rowNumber >= headerRow && rowNumber < firstDataRow
    const isData = rowNumber >= firstDataRow
    for (let c = 0; c < cells.length; c++) {
      const raw = cells[c] ?? ''
      if (raw === '') continue
      // Data cells are masked by their column's field; titles and stray text get the pattern sweep.
      const field = isData ? columns[c]?.field : undefined
      setText(row.getCell(c + 1), isHeader ? raw : maskValue(field, raw, options.mask))
      if (isHeader) headerStyle(row.getCell(c + 1))
    }
    if (rowNumber === headerRow) {
      const cell = row.getCell(findingsCol)
      setText(cell, t.findingsColumn)
      headerStyle(cell)
    }
    const m = marks.get(rowNumber)
    if (m) {
      const all: Finding[] = []
      for (const [c, fs] of m.byColumn) {
        all.push(...fs)
        if (c < 0) continue
        const cell = row.getCell(c + 1)
        if (cell.value === null || cell.value === undefined) setText(cell, '')
        severityStyle(cell, worst(fs))
        cell.note = note(fs, t)
      }
      const summary = row.getCell(findingsCol)
      setText(summary, [...new Set(all.map((f) => f.code))].join('; '))
      severityStyle(summary, worst(all))
      const unplaced = m.byColumn.get(-1)
      if (unplaced) summary.note = note(unplaced, t)
      marks.delete(rowNumber)
    }
    row.commit()
  }

  // Every row as read (titles, header, data), plus any row that only a finding names (a header
  // finding on an empty file), in row order as the streaming writer needs.
  const pending = [...marks.keys()].filter((r) => r <= MAX_ROWS).sort((a, b) => a - b)
  let p = 0
  const flushUpTo = (row: number) => {
    for (; p < pending.length && pending[p]! < row; p++) if (marks.has(pending[p]!)) writeRow(pending[p]!, [])
  }
  const source = await openRows(input.file, readOptions(input, options))
  for await (const raw of source.rows) {
    if (raw.row > MAX_ROWS) break
    flushUpTo(raw.row)
    if (raw.cells.length === 0 && !marks.has(raw.row)) continue
    writeRow(raw.row, raw.cells)
  }
  flushUpTo(Infinity)
  ws.commit()
}

// -------------------------------------------------------------------------------------------- entry

export async function formatXlsx(report: Report, options: XlsxOptions): Promise<Uint8Array> {
  const t = T[options.lang]
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve)
    stream.on('error', reject)
  })
  const workbook = new (excelJs().stream.xlsx.WorkbookWriter)({stream, useStyles: true, useSharedStrings: false})
  workbook.creator = 'liushou'
  workbook.created = new Date(report.generatedAt)

  // Sheet names first: the summary names the sheet that shows each file's rows.
  const taken = new Set<string>([t.summary.toLowerCase(), t.findings.toLowerCase()])
  const sheets = new Map<string, string>()
  for (const input of report.inputs) if (!sheets.has(input.file)) sheets.set(input.file, sheetName(input.dataset, taken))

  const byFile = new Map<string, Finding[]>()
  for (const f of report.findings) {
    const list = byFile.get(f.file)
    if (list) list.push(f)
    else byFile.set(f.file, [f])
  }

  // A first pass over each input gives the summary its notes (an input that cannot be read again,
  // rows past Excel's limit); then the sheets are written in order, each committed before the next.
  const notes: string[] = []
  const jobs: {name: string; input: InputInfo; layout: InputLayout | {unreadable: string}}[] = []
  const seen = new Set<string>()
  for (const input of report.inputs) {
    if (seen.has(input.file)) continue
    seen.add(input.file)
    const layout = await surveyInput(input, options)
    if ('unreadable' in layout) notes.push(`${input.file}: ${t.unreadable(layout.unreadable)}`)
    else if (layout.beyondLimit > 0) notes.push(`${input.file}: ${t.truncated(layout.beyondLimit)}`)
    jobs.push({name: sheets.get(input.file)!, input, layout})
  }

  summarySheet(workbook, report, options.mask, t, sheets, notes)
  findingsSheet(workbook, report, t)
  for (const job of jobs) await inputSheet(workbook, job.name, job.input, job.layout, byFile.get(job.input.file) ?? [], options, t)
  await workbook.commit()
  await ended
  return new Uint8Array(Buffer.concat(chunks))
}
