import {describe, expect, it} from 'vitest'

import {UserError} from '../../../src/errors.js'
import {byRow, gb, readAll, rejection, tempDir, utf8, writeBytes} from './helpers.js'

const tmp = tempDir()

function workbook(sheets: string, declaration = '<?xml version="1.0"?>'): string {
  return `${declaration}
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">
 <Styles><Style ss:ID="Default" ss:Name="Normal"><Alignment ss:Vertical="Center"/></Style></Styles>
${sheets}
</Workbook>`
}

const ROSTER = `<Worksheet ss:Name="花名册">
  <Table ss:ExpandedColumnCount="5" x:FullColumns="1">
   <Column ss:Width="60"/>
   <Row><Cell ss:MergeAcross="3"><Data ss:Type="String">长沙县留守儿童花名册</Data></Cell></Row>
   <Row ss:Index="3"><Cell><Data ss:Type="String">姓名</Data></Cell><Cell><Data ss:Type="String">身份证号</Data></Cell><Cell><Data ss:Type="String">出生日期</Data></Cell><Cell><Data ss:Type="String">村</Data></Cell><Cell><Data ss:Type="String">在校</Data></Cell></Row>
   <Row>
    <Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>李</B>小红</ss:Data><Comment ss:Author="x"><ss:Data>核实过</ss:Data></Comment></Cell>
    <Cell><Data ss:Type="String">430121201503040021</Data></Cell>
    <Cell><Data ss:Type="DateTime">2015-03-04T00:00:00.000</Data></Cell>
    <Cell ss:MergeDown="1"><Data ss:Type="String">蓝田村</Data></Cell>
    <Cell><Data ss:Type="Boolean">1</Data></Cell>
   </Row>
   <Row>
    <Cell><Data ss:Type="String">王&amp;明&#10;(曾用名)</Data></Cell>
    <Cell><Data ss:Type="Number">4.30121201405061E+17</Data></Cell>
    <Cell ss:Index="5"><Data ss:Type="Boolean">0</Data></Cell>
   </Row>
   <Row><Cell ss:Index="2"><Data ss:Type="Number">430121201405060031</Data></Cell><Cell><Data ss:Type="Number">12.50</Data></Cell></Row>
  </Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Selected/></WorksheetOptions>
 </Worksheet>`

const SECOND = '<Worksheet ss:Name="汇总"><Table><Row><Cell><Data ss:Type="String">合计</Data></Cell></Row></Table></Worksheet>'

describe('an Excel 2003 XML Spreadsheet', () => {
  it('reads the first worksheet with rows at their numbers, merged cells on every cell, values as Excel shows them', async () => {
    const file = writeBytes(tmp('roster.xls'), utf8(workbook(ROSTER + SECOND)))
    const {rows, info} = await readAll(file)
    expect(info).toEqual({file, format: 'xml', encoding: 'utf-8', sheet: '花名册'})
    expect(byRow(rows)).toEqual({
      1: ['长沙县留守儿童花名册', '长沙县留守儿童花名册', '长沙县留守儿童花名册', '长沙县留守儿童花名册'],
      2: [],
      3: ['姓名', '身份证号', '出生日期', '村', '在校'],
      // Rich text is its text; the cell's comment is not.
      4: ['李小红', '430121201503040021', '2015-03-04', '蓝田村', 'TRUE'],
      5: ['王&明\n(曾用名)', '430121201405061000', '', '蓝田村', 'FALSE'],
      // Digits the file holds are kept, even past Excel's 15.
      6: ['', '430121201405060031', '12.5'],
    })
    // The ID written as a floating-point number is flagged as Excel-mangled, as in an .xlsx.
    expect(rows.find((r) => r.row === 5)!.longNumbers).toEqual([1])
    expect(rows.find((r) => r.row === 6)!.longNumbers).toBeUndefined()
  })

  it.each([
    ['its name', '汇总'],
    ['its number', '2'],
  ])('reads the sheet --sheet names by %s', async (_label, sheet) => {
    const {rows, info} = await readAll(writeBytes(tmp(`sheet-${sheet}.xls`), utf8(workbook(ROSTER + SECOND))), {sheet})
    expect(info.sheet).toBe('汇总')
    expect(byRow(rows)).toEqual({1: ['合计']})
  })

  it('names the sheets when --sheet names none of them', async () => {
    const file = writeBytes(tmp('no-such-sheet.xls'), utf8(workbook(ROSTER + SECOND)))
    const e = await rejection(readAll(file, {sheet: '明细'}))
    expect(e).toBeInstanceOf(UserError)
    expect((e as UserError).line).toBe(`${file}: no sheet "明细" (sheets: 花名册, 汇总)`)
  })

  it('decodes GB18030 declared as GB2312', async () => {
    const file = writeBytes(tmp('gb.xls'), gb(workbook(SECOND, '<?xml version="1.0" encoding="GB2312"?>')))
    const {rows, info} = await readAll(file)
    expect(info.encoding).toBe('gb18030')
    expect(rows[0]!.cells).toEqual(['合计'])
  })

  it.each([
    ['broken markup', workbook('<Worksheet><Table><Row><Cell></Row></Table></Worksheet>')],
    ['an HTML entity XML does not know', workbook('<Worksheet><Table><Row><Cell><Data ss:Type="String">a&nbsp;b</Data></Cell></Row></Table></Worksheet>')],
  ])('refuses %s in one line, saying to save as .xlsx', async (_label, xml) => {
    const file = writeBytes(tmp(`bad-${xml.length}.xls`), utf8(xml))
    const e = await rejection(readAll(file))
    expect(e).toBeInstanceOf(UserError)
    expect((e as UserError).line).toMatch(/^.*bad-\d+\.xls: is not a readable Excel 2003 XML spreadsheet \([a-z][^:]+, line 6\); save it from Excel as \.xlsx$/)
  })
})
