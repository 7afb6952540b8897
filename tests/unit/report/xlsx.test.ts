import ExcelJS from 'exceljs'
import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../../src/cn/id-number.js'
import {formatXlsx, sheetName} from '../../../src/report/formatters/xlsx.js'
import {maskReport} from '../../../src/findings/mask.js'
import type {MaskMode, Report} from '../../../src/findings/model.js'
import {validateFiles} from '../../../src/rules/validate.js'
import {tempDir, writeTemp} from '../../helpers/cli.js'

const id = (first17: string) => first17 + checkDigit(first17)
const CHILD = id('43012120150304002')
const CHILD2 = id('43012120140101003')
const BAD_CHECK = CHILD2.slice(0, 17) + (CHILD2.endsWith('0') ? '1' : '0')

const HEADER = ['序号', '姓名', '性别', '身份证号', '出生日期', '监护人姓名', '监护人联系电话']
// Row 1 is a title, row 2 the header: data rows are 3, 4, 5, 6.
const ROWS = [
  ['1', '李小红', '女', CHILD, '2015-03-04', '李大山', '13812345678'],
  ['2', '李 小明', '男', BAD_CHECK, '2014-01-01', '李大山', '13812345678'],
  ['3', '=HYPERLINK("x","y")', '男', CHILD2, '2014-01-01', '@李大山', '12345'],
  ['4', '王五', '男', '', '2014-01-01', '王大', '13912345678'],
]

function csv(rows: string[][]): string {
  const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)
  return `某镇农村留守儿童花名册\r\n${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`
}

async function build(mask: MaskMode, lang: 'zh' | 'en' = 'zh'): Promise<{report: Report; workbook: ExcelJS.Workbook}> {
  const dir = tempDir()
  const file = writeTemp(dir, '花名册.csv', csv([HEADER, ...ROWS]))
  const report = await validateFiles([{file}], {asOf: '2026-06-30', lang, mask, includeInfo: false, failOn: 'error', ageLimit: 16})
  const bytes = await formatXlsx(maskReport(report, mask), {lang, mask})
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  return {report, workbook}
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined
  return fill?.fgColor?.argb
}

function noteText(cell: ExcelJS.Cell): string {
  const note = cell.note as ExcelJS.Comment | string | undefined
  if (!note) return ''
  if (typeof note === 'string') return note
  return note.texts?.map((t) => (typeof t === 'string' ? t : t.text)).join('') ?? ''
}

describe('xlsx report', () => {
  it('has a summary sheet, a findings sheet and one sheet of original rows per input', async () => {
    const {report, workbook} = await build('ids')
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['汇总', '问题清单', '花名册'])
    const summary = workbook.getWorksheet('汇总')!
    const values: unknown[] = []
    summary.eachRow((row) => values.push(...(row.values as unknown[])))
    expect(values).toContain('ID_CHECKSUM')
    expect(values).toContain(report.summary.rows)
    expect(values).toContain(report.summary.errors)
  })

  it('gives the time it was made in Beijing time, as the HTML does, and fields and departments in Chinese', async () => {
    const report: Report = {
      tool: 'liushou',
      version: '0',
      command: 'validate',
      asOf: '2026-06-30',
      generatedAt: '2026-06-30T18:05:00.000Z',
      inputs: [{dataset: 'education', department: 'education', file: '/nonexistent/x.csv', format: 'csv', rows: 1}],
      summary: {rows: 1, findings: 1, errors: 1, warnings: 0, infos: 0, byCode: {ID_CHECKSUM: 1}},
      findings: [{dataset: 'education', file: '/nonexistent/x.csv', row: 2, code: 'ID_CHECKSUM', severity: 'error', fingerprint: '0000000000000008', message: 'm', field: 'guardianIdNumber'}],
    }
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(await formatXlsx(report, {lang: 'zh', mask: 'ids'})) as unknown as ArrayBuffer)
    const values: unknown[] = []
    workbook.getWorksheet('汇总')!.eachRow((row) => values.push(...(row.values as unknown[])))
    // 18:05 UTC is 02:05 the next day in Beijing.
    expect(values).toContain('2026-07-01 02:05（北京时间）')
    expect(values).toContain('教育（学籍）')
    const finding = workbook.getWorksheet('问题清单')!.getRow(2)
    expect(finding.getCell(9).value).toBe('监护人身份证号')
    expect(finding.getCell(7).value).toBe('错误')
  })

  it('lists every finding under a frozen, filtered header with fitting widths', async () => {
    const {report, workbook} = await build('ids')
    const ws = workbook.getWorksheet('问题清单')!
    expect(ws.rowCount).toBe(report.findings.length + 1)
    expect(ws.views[0]).toMatchObject({state: 'frozen', ySplit: 1})
    expect(ws.autoFilter).toBe(`A1:Q${report.findings.length + 1}`)
    expect(ws.getRow(1).getCell(8).value).toBe('代码')
    const codes: string[] = []
    for (let r = 2; r <= ws.rowCount; r++) codes.push(String(ws.getRow(r).getCell(8).value))
    expect(codes).toEqual(report.findings.map((f) => f.code))
    // The message column is wider than the row-number column, and no column is absurdly wide.
    const widths = ws.columns.map((c) => c.width ?? 0)
    expect(widths[9]).toBeGreaterThan(widths[2]!)
    expect(Math.max(...widths)).toBeLessThanOrEqual(60)
    // The severity cell carries its colour.
    const errorRow = report.findings.findIndex((f) => f.severity === 'error') + 2
    expect(fillOf(ws.getRow(errorRow).getCell(4))).toBe('FFFFC7CE')
  })

  it('fills each offending cell red or yellow, with a comment naming the code and message', async () => {
    const {report, workbook} = await build('ids')
    const ws = workbook.getWorksheet('花名册')!
    // Rows keep their numbers: the title in row 1, the header in row 2.
    expect(ws.getRow(1).getCell(1).value).toBe('某镇农村留守儿童花名册')
    expect(ws.getRow(2).getCell(4).value).toBe('身份证号')

    const checksum = report.findings.find((f) => f.code === 'ID_CHECKSUM')!
    expect(checksum.row).toBe(4)
    const idCell = ws.getRow(4).getCell(4)
    expect(fillOf(idCell)).toBe('FFFFC7CE')
    expect(noteText(idCell)).toContain('ID_CHECKSUM')
    expect(noteText(idCell)).toContain(checksum.message)

    const nameFormat = report.findings.find((f) => f.code === 'NAME_FORMAT')!
    expect(nameFormat.row).toBe(4)
    const nameCell = ws.getRow(4).getCell(2)
    expect(fillOf(nameCell)).toBe('FFFFEB9C')
    expect(noteText(nameCell)).toContain('NAME_FORMAT')

    const phone = report.findings.find((f) => f.code === 'PHONE_INVALID')!
    expect(fillOf(ws.getRow(phone.row).getCell(7))).toBe('FFFFEB9C')

    const missing = report.findings.find((f) => f.code === 'REQUIRED_MISSING')!
    expect(missing.row).toBe(6)
    expect(fillOf(ws.getRow(6).getCell(4))).toBe('FFFFC7CE')
    expect(noteText(ws.getRow(6).getCell(4))).toContain('REQUIRED_MISSING')

    // Clean cells are left alone, and a findings column sums up each row.
    expect(fillOf(ws.getRow(3).getCell(4))).toBeUndefined()
    expect(ws.getRow(3).getCell(4).note).toBeUndefined()
    expect(String(ws.getRow(4).getCell(HEADER.length + 1).value)).toContain('ID_CHECKSUM')
    expect(String(ws.getRow(4).getCell(HEADER.length + 1).value)).toContain('NAME_FORMAT')
    expect(ws.getRow(3).getCell(HEADER.length + 1).value).toBeNull()
  })

  it('masks the original rows per --mask', async () => {
    const ids = (await build('ids')).workbook.getWorksheet('花名册')!
    expect(ids.getRow(3).getCell(4).value).toBe(`${CHILD.slice(0, 6)}********${CHILD.slice(-4)}`)
    expect(ids.getRow(3).getCell(7).value).toBe('138****5678')
    expect(ids.getRow(3).getCell(2).value).toBe('李小红')

    const all = (await build('all')).workbook.getWorksheet('花名册')!
    expect(all.getRow(3).getCell(2).value).toBe('李*红')
    expect(all.getRow(3).getCell(6).value).toBe('李*山')

    const none = (await build('none')).workbook.getWorksheet('花名册')!
    expect(none.getRow(3).getCell(4).value).toBe(CHILD)
    expect(none.getRow(3).getCell(7).value).toBe('13812345678')
  })

  it('never writes a formula: formula-like cells are text cells', async () => {
    const {workbook} = await build('none')
    for (const ws of workbook.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)
          expect(cell.formula).toBeUndefined()
        }),
      )
    }
    const ws = workbook.getWorksheet('花名册')!
    const cell = ws.getRow(5).getCell(2)
    expect(cell.type).toBe(ExcelJS.ValueType.String)
    expect(cell.value).toBe('=HYPERLINK("x","y")')
    expect(cell.numFmt).toBe('@')
    expect(ws.getRow(5).getCell(6).type).toBe(ExcelJS.ValueType.String)
    const findings = workbook.getWorksheet('问题清单')!
    let sawFormulaText = false
    findings.eachRow((row) => {
      if (row.getCell(11).value === '=HYPERLINK("x","y")') sawFormulaText = row.getCell(11).type === ExcelJS.ValueType.String
    })
    expect(sawFormulaText).toBe(true)
  })

  it('writes English labels with --lang en', async () => {
    const {workbook} = await build('ids', 'en')
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Summary', 'Findings', '花名册'])
    expect(workbook.getWorksheet('Findings')!.getRow(1).getCell(8).value).toBe('code')
  })

  it('explains, rather than fails, when an input cannot be read again', async () => {
    const report: Report = {
      tool: 'liushou',
      version: '0',
      command: 'validate',
      asOf: '2026-06-30',
      generatedAt: '2026-06-30T00:00:00.000Z',
      inputs: [{dataset: 'gone', file: '/nonexistent/gone.csv', format: 'csv', rows: 1}],
      summary: {rows: 1, findings: 1, errors: 1, warnings: 0, infos: 0, byCode: {ID_CHECKSUM: 1}},
      findings: [{dataset: 'gone', file: '/nonexistent/gone.csv', row: 2, code: 'ID_CHECKSUM', severity: 'error', fingerprint: '0000000000000008', message: 'm', field: 'idNumber'}],
    }
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(await formatXlsx(report, {lang: 'en', mask: 'ids'})) as unknown as ArrayBuffer)
    expect(String(workbook.getWorksheet('gone')!.getRow(1).getCell(1).value)).toContain('could not be read')
  })

  it('makes valid, unique sheet names', () => {
    const taken = new Set<string>(['summary'])
    expect(sheetName('Summary', taken)).toBe('Summary (2)')
    expect(sheetName('a/b:c', taken)).toBe('a_b_c')
    expect(sheetName('x'.repeat(40), taken)).toHaveLength(31)
  })
})
