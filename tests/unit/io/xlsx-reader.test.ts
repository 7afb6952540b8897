import {describe, expect, it} from 'vitest'

import {UserError} from '../../../src/errors.js'
import {formatNumber, plainDigits} from '../../../src/io/xlsx-reader.js'
import {byRow, readAll, rejection, storedZip, tempDir, writeBytes, writeWorkbook} from './helpers.js'

const tmp = tempDir()

describe('sheets', () => {
  const build = (file: string) =>
    writeWorkbook(file, (wb) => {
      wb.addWorksheet('填表说明', {state: 'hidden'}).addRow(['请按要求填写'])
      wb.addWorksheet('花名册').addRow(['姓名', '性别', '身份证号'])
      wb.addWorksheet('汇总').addRow(['乡镇', '人数'])
    })

  it('reads the first visible sheet by default (a hidden first sheet is skipped)', async () => {
    const {rows, info} = await readAll(await build(tmp('sheets.xlsx')))
    expect(info).toMatchObject({format: 'xlsx', sheet: '花名册'})
    expect(rows[0]!.cells).toEqual(['姓名', '性别', '身份证号'])
  })

  it('chooses a sheet by name or by 1-based number', async () => {
    const file = await build(tmp('sheets2.xlsx'))
    expect((await readAll(file, {sheet: '汇总'})).rows[0]!.cells).toEqual(['乡镇', '人数'])
    expect((await readAll(file, {sheet: '3'})).info.sheet).toBe('汇总')
    expect((await readAll(file, {sheet: '1'})).info.sheet).toBe('填表说明')
  })

  it('refuses an unknown sheet, listing the sheets there are', async () => {
    const file = await build(tmp('sheets3.xlsx'))
    for (const sheet of ['名单', '4', '0']) {
      const error = await rejection(readAll(file, {sheet}))
      expect(error).toBeInstanceOf(UserError)
      expect(error.line).toBe(`${file}: no sheet "${sheet}" (sheets: 填表说明, 花名册, 汇总)`)
    }
  })
})

describe('cells as Excel shows them', () => {
  it('renders every kind of value', async () => {
    const file = await writeWorkbook(tmp('cells.xlsx'), (wb) => {
      const ws = wb.addWorksheet('花名册')
      ws.addRow(['kind', 'value'])
      const put = (row: number, value: unknown, numFmt?: string) => {
        const cell = ws.getCell(row, 2)
        cell.value = value as never
        if (numFmt) cell.numFmt = numFmt
        ws.getCell(row, 1).value = row
      }
      put(2, '张三') // shared string
      put(3, {richText: [{text: '王', font: {bold: true}}, {text: '芳'}]})
      put(4, 12345678901)
      put(5, 0.1 + 0.2)
      put(6, 430102200105061234)
      put(7, new Date(Date.UTC(2011, 4, 6)))
      put(8, 40669, 'yyyy"年"m"月"d"日"')
      put(9, {formula: 'DATE(2011,5,6)', result: 40669}, 'yyyy-mm-dd')
      put(10, {formula: 'B4*2', result: 24691357802})
      put(11, {formula: 'B2&"同学"', result: '张三同学'})
      put(12, {formula: 'Sheet9!A1', result: {error: '#REF!'}})
      put(13, true)
      put(14, {text: '学校主页', hyperlink: 'https://example.org'})
      put(15, 0.125, '0.0%')
      put(16, '0731')
      put(17, 12345, '0.00E+00')
      put(18, 1234.5, '#,##0.00')
      put(19, 731, '0000')
      put(20, {error: '#N/A'})
      put(21, false)
      put(22, 2011.05)
      put(23, 0.5, 'h:mm')
    })
    const {rows} = await readAll(file)
    const value = Object.fromEntries(rows.slice(1).map((r) => [r.row, r.cells[1]]))
    expect(value).toEqual({
      2: '张三',
      3: '王芳',
      4: '12345678901',
      5: '0.3',
      6: '430102200105061000',
      7: '2011-05-06',
      8: '2011-05-06',
      9: '2011-05-06',
      10: '24691357802',
      11: '张三同学',
      12: '#REF!',
      13: 'TRUE',
      14: '学校主页',
      15: '12.5%',
      16: '0731',
      17: '12345',
      18: '1234.50',
      19: '0731',
      20: '#N/A',
      21: 'FALSE',
      22: '2011.05',
      23: '12:00',
    })
    expect(rows.find((r) => r.row === 6)!.longNumbers).toEqual([1])
    expect(rows.filter((r) => r.longNumbers).map((r) => r.row)).toEqual([6])
  })

  it('applies a merged value to every cell of the range', async () => {
    const file = await writeWorkbook(tmp('merged.xlsx'), (wb) => {
      const ws = wb.addWorksheet('花名册')
      ws.addRow(['姓名', '监护人姓名', '监护人身份证号'])
      ws.addRow(['张大', '张德福', 430102196005061234])
      ws.addRow(['张二'])
      ws.addRow(['张三'])
      ws.addRow(['李四', '李有才', '430102196105061234'])
      ws.mergeCells('B2:B4')
      ws.mergeCells('C2:C4')
    })
    const {rows} = await readAll(file)
    expect(byRow(rows)).toEqual({
      1: ['姓名', '监护人姓名', '监护人身份证号'],
      2: ['张大', '张德福', '430102196005061000'],
      3: ['张二', '张德福', '430102196005061000'],
      4: ['张三', '张德福', '430102196005061000'],
      5: ['李四', '李有才', '430102196105061234'],
    })
    // The damage sign travels with the value to every cell of the range.
    expect(rows.slice(1, 4).map((r) => r.longNumbers)).toEqual([[2], [2], [2]])
  })

  it('keeps Excel row numbers: empty rows are yielded empty, trailing empty cells dropped', async () => {
    const file = await writeWorkbook(tmp('gaps.xlsx'), (wb) => {
      const ws = wb.addWorksheet('花名册')
      ws.getCell('A1').value = 'XX镇农村留守儿童花名册'
      ws.getCell('A3').value = '姓名'
      ws.getCell('B3').value = '性别'
      ws.getCell('A5').value = '张三'
      ws.getCell('E5').value = ''
      ws.getCell('E5').fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: 'FFFF0000'}}
    })
    const {rows} = await readAll(file)
    expect(rows.map((r) => [r.row, r.cells])).toEqual([
      [1, ['XX镇农村留守儿童花名册']],
      [2, []],
      [3, ['姓名', '性别']],
      [4, []],
      [5, ['张三']],
    ])
  })
})

describe('number rendering', () => {
  it('writes numbers without exponent and with 15 significant digits, as Excel keeps them', () => {
    expect(plainDigits(430102200105061234)).toBe('430102200105061000')
    expect(plainDigits(4.30102e17)).toBe('430102000000000000')
    expect(plainDigits(1e21)).toBe('1000000000000000000000')
    expect(plainDigits(1e-7)).toBe('0.0000001')
    expect(plainDigits(-2)).toBe('-2')
    expect(plainDigits(0)).toBe('0')
    expect(plainDigits(100)).toBe('100')
    expect(plainDigits(0.1 + 0.2)).toBe('0.3')
    expect(plainDigits(13800138000)).toBe('13800138000')
  })

  it('follows simple number formats', () => {
    expect(formatNumber(0.5, '0%')).toBe('50%')
    expect(formatNumber(0.07, '0.00%')).toBe('7.00%')
    expect(formatNumber(5, '000000')).toBe('000005')
    expect(formatNumber(3.14159, '0.00')).toBe('3.14')
    expect(formatNumber(3, 'General')).toBe('3')
    expect(formatNumber(430102200105061234, '@')).toBe('430102200105061000')
  })
})

describe('workbooks written by other tools', () => {
  // What export systems write that exceljs itself does not: inline strings, the 1904 date system,
  // cached string formula results, typed boolean and error cells, an ID in scientific notation.
  const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${body}`
  const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
  const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'
  interface HandmadeSheet {
    name: string
    sheetId: number
    xml: string
    state?: 'hidden'
  }
  const handmade = (sheets: HandmadeSheet[], date1904 = false) =>
    storedZip({
      '[Content_Types].xml': xml(
        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((s) => `<Override PartName="/xl/worksheets/sheet${s.sheetId}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
      ),
      '_rels/.rels': xml(`<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
      'xl/workbook.xml': xml(
        `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr${date1904 ? ' date1904="1"' : ''}/><sheets>${sheets.map((s) => `<sheet name="${s.name}" sheetId="${s.sheetId}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${s.sheetId}"/>`).join('')}</sheets></workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': xml(
        `<Relationships xmlns="${PKG}">${sheets.map((s) => `<Relationship Id="rId${s.sheetId}" Type="${REL}/worksheet" Target="worksheets/sheet${s.sheetId}.xml"/>`).join('')}<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
      ),
      'xl/styles.xml': xml(
        `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy/m/d"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="49" applyNumberFormat="1"/></cellXfs></styleSheet>`,
      ),
      ...Object.fromEntries(sheets.map((s) => [`xl/worksheets/sheet${s.sheetId}.xml`, xml(`<worksheet xmlns="${MAIN}">${s.xml}</worksheet>`)])),
    })
  const workbook = (sheetXml: string, date1904: boolean) =>
    handmade([{name: '学生信息', sheetId: 1, xml: `<sheetData>${sheetXml}</sheetData><mergeCells count="1"><mergeCell ref="D2:D3"/></mergeCells>`}], date1904)
  const oneCell = (text: string) => `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row></sheetData>`

  it('follows the tab order of the workbook, not the sheet ids', async () => {
    const file = writeBytes(
      tmp('tab-order.xlsx'),
      handmade([
        {name: '说明', sheetId: 3, xml: oneCell('说明'), state: 'hidden'},
        {name: '花名册', sheetId: 2, xml: oneCell('花名册')},
        {name: '旧表', sheetId: 1, xml: oneCell('旧表')},
      ]),
    )
    const {rows, info} = await readAll(file)
    expect(info.sheet).toBe('花名册')
    expect(rows[0]!.cells).toEqual(['花名册'])
    expect((await readAll(file, {sheet: '3'})).info.sheet).toBe('旧表')
  })

  it('refuses a workbook whose every sheet is hidden, unless one is chosen', async () => {
    const file = writeBytes(tmp('all-hidden.xlsx'), handmade([{name: '隐藏', sheetId: 1, xml: oneCell('x'), state: 'hidden'}]))
    const error = await rejection(readAll(file))
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toContain('--sheet')
    expect((await readAll(file, {sheet: '隐藏'})).rows[0]!.cells).toEqual(['x'])
  })

  const sheet = [
    '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>出生日期</t></is></c><c r="C1" t="inlineStr"><is><t>身份证号</t></is></c><c r="D1" t="inlineStr"><is><t>监护人</t></is></c></row>',
    '<row r="2"><c r="A2" t="inlineStr"><is><r><t>张</t></r><r><t>三</t></r></is></c><c r="B2" s="1"><v>40669</v></c><c r="C2"><v>4.30102200105061E+17</v></c><c r="D2" t="inlineStr"><is><t>张德福</t></is></c></row>',
    '<row r="3"><c r="A3" t="str"><f>A2&amp;"弟"</f><v>张三弟</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="e"><v>#DIV/0!</v></c></row>',
    '<row r="4"><c r="A4" s="2" t="s"/><c r="B4" s="2"><v>731</v></c></row>',
  ].join('')

  it('reads inline strings, typed cells and a merged range', async () => {
    const file = writeBytes(tmp('exported.xlsx'), workbook(sheet, false))
    const {rows, info} = await readAll(file)
    expect(info.sheet).toBe('学生信息')
    expect(byRow(rows)).toEqual({
      1: ['姓名', '出生日期', '身份证号', '监护人'],
      2: ['张三', '2011-05-06', '430102200105061000', '张德福'],
      3: ['张三弟', 'TRUE', '#DIV/0!', '张德福'],
      4: ['', '731'],
    })
    expect(rows[1]!.longNumbers).toEqual([2])
  })

  it('reads dates of the 1904 date system', async () => {
    const file = writeBytes(tmp('mac.xlsx'), workbook(sheet, true))
    const {rows} = await readAll(file)
    expect(rows[1]!.cells[1]).toBe('2015-05-07')
  })
})

describe('many merged ranges', () => {
  // Written by hand: exceljs's own writer would run its quadratic check while building the file.
  const familyRows = (families: number) => {
    const rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>监护人姓名</t></is></c></row>']
    const merges: string[] = []
    for (let f = 0; f < families; f++) {
      const top = 2 + f * 2
      rows.push(`<row r="${top}"><c r="A${top}" t="inlineStr"><is><t>孩${f}甲</t></is></c><c r="B${top}" t="inlineStr"><is><t>监护${f}</t></is></c></row>`)
      rows.push(`<row r="${top + 1}"><c r="A${top + 1}" t="inlineStr"><is><t>孩${f}乙</t></is></c><c r="B${top + 1}"/></row>`)
      merges.push(`<mergeCell ref="B${top}:B${top + 1}"/>`)
    }
    return {rows: rows.join(''), merges}
  }
  const sheetZip = (rows: string, merges: string[]) =>
    storedZip({
      '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData><mergeCells count="${merges.length}">${merges.join('')}</mergeCells></worksheet>`,
    })

  it('applies 20,000 family merges, each to its own rows', async () => {
    const {rows, merges} = familyRows(20_000)
    const {rows: read} = await readAll(writeBytes(tmp('families.xlsx'), sheetZip(rows, merges)))
    expect(read).toHaveLength(40_001)
    expect(read[1]!.cells).toEqual(['孩0甲', '监护0'])
    expect(read[2]!.cells).toEqual(['孩0乙', '监护0'])
    expect(read[40_000]!.cells).toEqual(['孩19999乙', '监护19999'])
  })

  it('still refuses overlapping merged ranges, as exceljs does', async () => {
    const {rows, merges} = familyRows(3)
    const error = await rejection(readAll(writeBytes(tmp('overlap.xlsx'), sheetZip(rows, [...merges, '<mergeCell ref="A3:B4"/>']))))
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toContain('already merged')
  })
})
