import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {UserError} from '../../../src/errors.js'
import {HtmlTableParser, decodeEntities} from '../../../src/io/html-table-reader.js'
import type {RawRow} from '../../../src/io/types.js'
import {validateFiles} from '../../../src/rules/validate.js'
import {openRoster} from '../../../src/schema/roster.js'
import {reportSchemaErrors} from '../../helpers/report-schema.js'
import {bom, byRow, gb, readAll, rejection, tempDir, utf16le, utf8, writeBytes} from './helpers.js'

const tmp = tempDir()

/** The rows of an HTML text fed to the parser in pieces of `size` characters. */
function parse(html: string, size = html.length): Record<number, string[]> {
  const parser = new HtmlTableParser('t.xls')
  const out: RawRow[] = []
  for (let i = 0; i < html.length && !parser.done; i += size) parser.push(html.slice(i, i + size), out)
  if (!parser.done) parser.end(out)
  return byRow(out)
}

// What a county system's "export to Excel" sends: Excel's HTML, a style block, a title row.
const EXPORT = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<style><!-- td {mso-number-format:"\\@";} .t > td {} --></style>
<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>花名册</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->
</head><body>
<table border="1">
<tr><td colspan="4" align=center>长沙县农村留守儿童花名册</td></tr>
<tr><th>姓名</th><th>性别</th><th>身份证号</th><th>村（居）</th></tr>
<tr><td>李小红</td><td>女</td><td style="mso-number-format:'\\@'">430121201503040021</td><td rowspan="2">蓝田村</td></tr>
<tr><td>王&nbsp;明</td><td>男</td><td>43012120140506003X</td></tr>
</table>
<p>导出时间：2026-06-30</p>
</body></html>`

describe('an HTML table (what many systems export as .xls)', () => {
  it('reads the first table: rows numbered as its rows, cells as their text, spans on every cell', async () => {
    const {rows, info} = await readAll(writeBytes(tmp('export.xls'), gb(EXPORT)))
    expect(info).toEqual({file: tmp('export.xls'), format: 'html', encoding: 'gb18030'})
    expect(byRow(rows)).toEqual({
      1: ['长沙县农村留守儿童花名册', '长沙县农村留守儿童花名册', '长沙县农村留守儿童花名册', '长沙县农村留守儿童花名册'],
      2: ['姓名', '性别', '身份证号', '村（居）'],
      3: ['李小红', '女', '430121201503040021', '蓝田村'],
      4: ['王 明', '男', '43012120140506003X', '蓝田村'],
    })
  })

  it('is a roster like any other: the title row skipped, the header mapped', async () => {
    const roster = await openRoster(writeBytes(tmp('roster.xls'), gb(EXPORT)))
    expect(roster.headerRow).toBe(2)
    expect([...roster.fieldIndex.keys()]).toEqual(['name', 'gender', 'idNumber', 'village'])
    const rows = []
    for await (const r of roster.rows) rows.push([r.ref.row, r.cells[0]])
    expect(rows).toEqual([
      [3, '李小红'],
      [4, '王 明'],
    ])
  })

  it('is validated like any roster, and the report names its format html', async () => {
    const file = writeBytes(tmp('validate.xls'), gb(EXPORT))
    const report = await validateFiles([{file}], {asOf: '2026-06-30', lang: 'en', mask: 'ids', includeInfo: false, failOn: 'error', ageLimit: 16})
    expect(report.inputs).toEqual([{dataset: 'validate', file, format: 'html', encoding: 'gb18030', rows: 2}])
    expect(reportSchemaErrors(report)).toEqual([])
    // 王 明's name is tidied; the row numbers are the table's.
    expect(report.findings.map((f) => [f.row, f.code])).toContainEqual([4, 'NAME_FORMAT'])
  })

  it.each([
    ['a <meta charset> naming GBK', '<meta charset="GBK">', gb],
    ['no declaration at all', '', gb],
  ])('decodes GB18030 with %s', async (_label, meta, encode) => {
    const file = writeBytes(tmp(`gb-${meta.length}.xls`), encode(`<html><head>${meta}</head><body><table><tr><td>姓名</td><td>女</td></tr></table></body></html>`))
    const {rows, info} = await readAll(file)
    expect(info.encoding).toBe('gb18030')
    expect(rows[0]!.cells).toEqual(['姓名', '女'])
  })

  it('believes the bytes over a page that declares gb2312 but is UTF-8', async () => {
    const {rows, info} = await readAll(writeBytes(tmp('liar.xls'), utf8('<meta charset=gb2312><table><tr><td>张三</td><td>男</td></tr></table>')))
    expect(info.encoding).toBe('utf-8')
    expect(rows[0]!.cells).toEqual(['张三', '男'])
  })

  it('reads a lone 女 in GB18030 (bytes that are also valid UTF-8) as GB18030', async () => {
    const {rows} = await readAll(writeBytes(tmp('nv.xls'), gb('<table><tr><td>女</td></tr></table>')))
    expect(rows[0]!.cells).toEqual(['女'])
  })

  it.each([
    ['UTF-8 with BOM', bom, 'utf-8-bom'],
    ['UTF-16 LE with BOM', utf16le, 'utf-16le'],
  ])('decodes %s', async (_label, encode, name) => {
    const {rows, info} = await readAll(writeBytes(tmp(`${name}.xls`), encode('<table>\r\n<tr><td>姓名</td><td>性别</td></tr>\r\n<tr><td>张三</td><td>男</td></tr></table>')))
    expect(info.encoding).toBe(name)
    expect(byRow(rows)).toEqual({1: ['姓名', '性别'], 2: ['张三', '男']})
  })

  it('decodes UTF-16 without a BOM', async () => {
    const {rows, info} = await readAll(writeBytes(tmp('utf16-nobom.xls'), utf16le('<table><tr><td>张三</td><td>男</td></tr></table>').subarray(2)))
    expect(info.encoding).toBe('utf-16le')
    expect(rows[0]!.cells).toEqual(['张三', '男'])
  })

  it('a file that starts with <table> is enough; --encoding forces the decoding', async () => {
    const file = writeBytes(tmp('bare.xls'), gb('<table><tr><td>张三</td></tr></table>'))
    const {rows} = await readAll(file, {encoding: 'gbk'})
    expect(rows[0]!.cells).toEqual(['张三'])
  })

  it('refuses bytes the forced encoding cannot decode, in one line', async () => {
    const file = writeBytes(tmp('wrong-encoding.xls'), gb('<table><tr><td>张三</td></tr></table>'))
    const e = await rejection(readAll(file, {encoding: 'utf8'}))
    expect(e).toBeInstanceOf(UserError)
    expect((e as UserError).line).toBe(`${file}: undecodable bytes (not valid utf-8); save the file again as .xlsx, or give --encoding`)
  })

  it('refuses a page without a table, naming the file', async () => {
    const file = writeBytes(tmp('no-table.xls'), utf8('<html><body><p>系统维护中</p></body></html>'))
    const e = await rejection(readAll(file))
    expect(e).toBeInstanceOf(UserError)
    expect((e as UserError).exitCode).toBe(2)
    expect((e as UserError).line).toMatch(/no-table\.xls: is an HTML page without a table/)
  })
})

describe('cells', () => {
  it('decode character references', () => {
    expect(decodeEntities('李&amp;王 &lt;3&gt; &quot;a&quot; &#30007;&#x5973; &middot; &#150; &amp &copy x')).toBe('李&王 <3> "a" 男女 · – & © x')
    // Unknown names and names that need their semicolon stay as written.
    expect(decodeEntities('&foo; &middotx &#0; &#xD800;')).toBe('&foo; &middotx \uFFFD \uFFFD')
  })

  it('collapse white space as a browser does; <br> is a line break; &nbsp; alone is empty', () => {
    const rows = parse(`<table><tr>
      <td>  张
         三 </td><td>&nbsp;</td><td>湖南省<br>长沙县<BR/>黄兴镇</td><td><p>一</p><p>二</p></td><td><span>王</span><b>五</b></td>
    </tr></table>`)
    expect(rows[1]).toEqual(['张 三', '', '湖南省\n长沙县\n黄兴镇', '一\n二', '王五'])
  })

  it('expand rowspan and colspan as merged cells: the value on every cell', () => {
    const rows = parse(`<table>
      <tr><td rowspan="3">蓝田村</td><td colspan="2" rowspan="2">张家</td><td>1</td></tr>
      <tr><td>2</td></tr>
      <tr><td>a</td><td>b</td><td>c</td></tr>
      <tr><td>d</td><td colspan=0>e</td><td colspan="x">f</td></tr>
    </table>`)
    expect(rows).toEqual({
      1: ['蓝田村', '张家', '张家', '1'],
      2: ['蓝田村', '张家', '张家', '2'],
      3: ['蓝田村', 'a', 'b', 'c'],
      4: ['d', 'e', 'f'],
    })
  })

  it('end a rowspan at the end of its row group (tbody)', () => {
    const rows = parse('<table><thead><tr><th rowspan="5">村</th><th>姓名</th></tr></thead><tbody><tr><td>蓝田</td><td>张三</td></tr></tbody></table>')
    expect(rows).toEqual({1: ['村', '姓名'], 2: ['蓝田', '张三']})
  })

  it('follow the implied ends of HTML: no </td>, no </tr>', () => {
    expect(parse('<TABLE><TR><TD>a<TD>b<TR><TH>c<td>d</TABLE>')).toEqual({1: ['a', 'b'], 2: ['c', 'd']})
  })

  it('keep a blank row at its number', () => {
    expect(parse('<table><tr><td>a</td></tr><tr></tr><tr><td></td></tr><tr><td>b</td></tr></table>')).toEqual({1: ['a'], 2: [], 3: [], 4: ['b']})
  })

  it('take a table nested in a cell as that cell text', () => {
    expect(parse('<table><tr><td>x<table><tr><td>1</td><td>2</td></tr></table></td><td>y</td></tr></table>')).toEqual({1: ['x 1 2', 'y']})
  })
})

describe('markup that is not the table', () => {
  it('skips comments, <style>, <script> and <!…> even when they hold table tags', () => {
    const html = `<!DOCTYPE html><!-- <table><tr><td>no</td></tr></table> --><script>var s = "<table><tr><td>no"</script>
      <style>td:after{content:"</td>"}</style><![if !supportMisalignedColumns]><table><tr><td>yes</td><td title="a>b">1 &lt; 2</td></tr></table>`
    expect(parse(html)).toEqual({1: ['yes', '1 < 2']})
  })

  it('stops at the end of the first table', () => {
    expect(parse('<table><tr><td>1</td></tr></table><table><tr><td>2</td></tr></table><p>x')).toEqual({1: ['1']})
  })

  it('gives the same rows however the text is cut into chunks', () => {
    const whole = parse(EXPORT)
    for (const size of [1, 2, 3, 5, 7, 64]) expect(parse(EXPORT, size)).toEqual(whole)
    const tricky = '<table><tr><td>a&amp;b</td><!-- x -- y --><td>&#30007;</td></tr><script>"</td>"</script><tr><td>c<br/>d</td></tr></table>'
    const expected = {1: ['a&b', '男'], 2: ['c\nd']}
    for (let size = 1; size <= tricky.length; size++) expect(parse(tricky, size)).toEqual(expected)
  })

  it('any soup of tags, comments, references and text: the same rows whatever the chunks, or a one-line refusal', () => {
    const piece = fc.constantFrom(
      '<table>', '</table>', '<tr>', '</tr>', '<td>', '</td>', '<th rowspan="2">', '<td colspan=3>', '<tbody>', '<br>', '<p>',
      '<!--', '-->', '<script>', '</script>', '<style>', '</style>', '<!x>', '<?y?>', '&amp;', '&nbsp;', '&#30007;', '&', '<', '>',
      '"', "'", '=', ' ', '\n', '张三', '430121201503040021', '<td title="a>b">', '<a href=\'x\'>', '</a>',
    )
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 60}), fc.integer({min: 1, max: 9}), (pieces, size) => {
        const html = `<table><tr><td>${pieces.join('')}`
        const run = (n: number): Record<number, string[]> | string => {
          try {
            return parse(html, n)
          } catch (error) {
            expect(error).toBeInstanceOf(UserError)
            expect((error as UserError).line).not.toContain('\n')
            return (error as UserError).message
          }
        }
        expect(run(size)).toEqual(run(html.length || 1))
      }),
      {numRuns: 500},
    )
  })

  it('caps spans: a colspan of 100,000 is HTML 1000 columns; past Excel last column the row is refused', () => {
    const rows = parse('<table><tr><td colspan="100000">x</td><td>y</td></tr></table>')
    expect(rows[1]).toHaveLength(1001)
    expect(rows[1]![1000]).toBe('y')
    const wide = `<table><tr>${'<td colspan="1000">x</td>'.repeat(17)}</tr></table>`
    expect(() => parse(wide)).toThrow(/row 1 reaches past Excel's last column \(16,384\)/)
  })

  it('refuses spans that would cover more than 2,000,000 cells (a few bytes each a thousand cells)', () => {
    const hostile = `<table><tr><td colspan="1000" rowspan="3000">x</td></tr>${'<tr>'.repeat(10)}</table>`
    expect(() => parse(hostile)).toThrow(/merged cells \(spans\) covering more than 2,000,000 cells by row 1/)
    // A village spanning its thirty children is nothing of the kind.
    expect(Object.keys(parse(`<table><tr><td rowspan="30">蓝田村</td><td>1</td></tr>${'<tr><td>2</td></tr>'.repeat(29)}</table>`))).toHaveLength(30)
  })
})
