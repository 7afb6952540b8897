import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {UserError} from '../../../src/errors.js'
import {openRows} from '../../../src/io/open.js'
import {createTableWriter, writeTable} from '../../../src/io/write-table.js'
import {openRoster} from '../../../src/schema/roster.js'

const dir = mkdtempSync(path.join(tmpdir(), 'liushou-write-table-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))
const at = (name: string): string => path.join(dir, name)

async function readAll(file: string): Promise<string[][]> {
  const source = await openRows(file)
  const rows: string[][] = []
  for await (const r of source.rows) rows.push(r.cells)
  return rows
}

const HEADER = ['姓名', '身份证号', '出生日期', '备注']
// 𠮷 (U+20BB7, Extension B) and 䶮 (U+4DAE, Extension A) are in GB 18030 but not in GBK.
const ROWS = [
  ['吉𠮷', '430102200105061234', '2001-05-06', '=1+1'],
  ['刘䶮', '43010220010506123X', '2001-05-06', '-2'],
  ['阿卜杜拉·艾力', "'430102200105061234", '2001/5/6', 'a, "quoted"\nsecond line'],
]

describe('writeTable: CSV', () => {
  it('writes GB18030 that round-trips characters GBK cannot hold', async () => {
    const file = at('gb.csv')
    await writeTable(file, HEADER, ROWS, {encoding: 'gb18030'})
    const bytes = readFileSync(file)
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false)
    expect(iconv.decode(bytes, 'gb18030')).toContain('吉𠮷')
    // GBK has no code for 𠮷: the reason the writer uses GB18030.
    expect(iconv.decode(iconv.encode('𠮷', 'gbk'), 'gbk')).not.toBe('𠮷')
    const source = await openRows(file)
    expect(source.info.encoding).toBe('gb18030')
    const rows = await readAll(file)
    expect(rows[0]).toEqual(HEADER)
    expect(rows[1]).toEqual(['吉𠮷', '430102200105061234', '2001-05-06', "'=1+1"])
    expect(rows[2]).toEqual(['刘䶮', '43010220010506123X', '2001-05-06', '-2'])
    expect(rows[3]).toEqual(['阿卜杜拉·艾力', "'430102200105061234", '2001/5/6', 'a, "quoted"\nsecond line'])
  })

  it('defaults to UTF-8 with a byte-order mark, CRLF line ends', async () => {
    const file = at('bom.csv')
    await writeTable(file, ['a', 'b'], [['1', '张三']])
    const bytes = readFileSync(file)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.subarray(3).toString('utf8')).toBe('a,b\r\n1,张三\r\n')
  })

  it('writes plain UTF-8 on request', async () => {
    const file = at('plain.csv')
    await writeTable(file, ['a'], [['张三']], {encoding: 'utf8'})
    expect(readFileSync(file, 'utf8')).toBe('a\r\n张三\r\n')
  })

  it('neutralises formulas but keeps negative numbers and phone numbers', async () => {
    const file = at('formula.csv')
    await writeTable(file, ['v'], [['=1+1'], ['-2'], ['+8613800138000'], ['@SUM(A1)'], ['-1+2'], ['=HYPERLINK("x")']], {encoding: 'utf8'})
    const rows = await readAll(file)
    expect(rows.slice(1).map((r) => r[0])).toEqual(["'=1+1", '-2', '+8613800138000', "'@SUM(A1)", "'-1+2", "'=HYPERLINK(\"x\")"])
  })

  it('writes every cell as it is when verbatim (a private file liushou reads back)', async () => {
    const file = at('verbatim.csv')
    const cells = ['=1+1', '+86 150 5253 4555', '-', '@SUM(A1)', 'a,"b"']
    await writeTable(file, ['-v'], cells.map((c) => [c]), {encoding: 'utf8', verbatim: true})
    const rows = await readAll(file)
    expect(rows.map((r) => r[0])).toEqual(['-v', ...cells])
  })

  it('writes preamble rows above the header (a title row), which the roster reader skips', async () => {
    const file = at('title.csv')
    await writeTable(file, ['姓名', '性别', '身份证号'], [['张三', '男', '430102200105061234']], {
      encoding: 'gb18030',
      preamble: [['XX县农村留守儿童花名册', '', '']],
    })
    const roster = await openRoster(file)
    expect(roster.headerRow).toBe(2)
    const rows = []
    for await (const r of roster.rows) rows.push(r)
    expect(rows.map((r) => r.ref.row)).toEqual([3])
  })

  it('writes .tsv with tabs', async () => {
    const file = at('t.tsv')
    await writeTable(file, ['a', 'b'], [['x y', 'z']], {encoding: 'utf8'})
    expect(readFileSync(file, 'utf8')).toBe('a\tb\r\nx y\tz\r\n')
  })

  it('refuses an unknown extension and a missing folder with a user error', async () => {
    await expect(writeTable(at('x.json'), ['a'], [])).rejects.toBeInstanceOf(UserError)
    await expect(writeTable(at('no/such/dir/x.csv'), ['a'], [['1']])).rejects.toBeInstanceOf(UserError)
  })
})

describe('writeTable: xlsx', () => {
  it('writes every cell as text: IDs stay digits, formulas stay strings', async () => {
    const file = at('t.xlsx')
    await writeTable(file, HEADER, ROWS, {sheetName: '花名册'})
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const sheet = wb.getWorksheet('花名册')
    expect(sheet).toBeDefined()
    const id = sheet!.getCell('B2')
    expect(id.type).toBe(ExcelJS.ValueType.String)
    expect(id.value).toBe('430102200105061234')
    expect(id.numFmt).toBe('@')
    const formula = sheet!.getCell('D2')
    expect(formula.type).toBe(ExcelJS.ValueType.String)
    expect(formula.formula).toBeUndefined()
    expect(formula.value).toBe('=1+1')
    expect(sheet!.getCell('D3').value).toBe('-2')
    expect(sheet!.getCell('A2').value).toBe('吉𠮷')

    const roster = await openRoster(file)
    expect(roster.columns.map((c) => c.field)).toEqual(['name', 'idNumber', 'birthDate', 'remarks'])
    const cells = []
    for await (const r of roster.rows) cells.push(r.cells)
    expect(cells).toEqual(ROWS)
  })
})

describe('createTableWriter', () => {
  it('streams many rows and moves the file into place only on close', async () => {
    const file = at('big.csv')
    const writer = await createTableWriter(file, ['序号', '姓名'], {encoding: 'gb18030'})
    for (let i = 0; i < 30_000; i++) await writer.write([String(i + 1), '张𠮷'])
    expect(existsSync(file)).toBe(false)
    await writer.close()
    expect(writer.rows).toBe(30_000)
    const rows = await readAll(file)
    expect(rows).toHaveLength(30_001)
    expect(rows[30_000]).toEqual(['30000', '张𠮷'])
  })

  it('does not keep the rows it is given: one array may be refilled for every row', async () => {
    for (const name of ['reused.csv', 'reused.xlsx']) {
      const file = at(name)
      const writer = await createTableWriter(file, ['序号', '备注'])
      const row = ['', '']
      // 1,200 rows: more than one CSV batch, so rows queued before a flush are checked too.
      for (let i = 1; i <= 1_200; i++) {
        row[0] = String(i)
        row[1] = i % 2 === 0 ? '=A1' : `第${i}行`
        await writer.write(row)
      }
      await writer.close()
      const rows = await readAll(file)
      expect(rows).toHaveLength(1_201)
      expect(rows[1]).toEqual(['1', '第1行'])
      expect(rows[600]).toEqual(['600', name.endsWith('.csv') ? "'=A1" : '=A1'])
      expect(rows[1_200]).toEqual(['1200', name.endsWith('.csv') ? "'=A1" : '=A1'])
    }
  })

  it('streams .xlsx', async () => {
    const file = at('big.xlsx')
    const writer = await createTableWriter(file, ['序号', '身份证号'])
    for (let i = 0; i < 2_000; i++) await writer.write([String(i + 1), '430102200105061234'])
    await writer.close()
    const rows = await readAll(file)
    expect(rows).toHaveLength(2_001)
    expect(rows[2_000]).toEqual(['2000', '430102200105061234'])
  })

  it('reports an unwritable .xlsx target instead of hanging', async () => {
    await expect(writeTable(at('no/such/dir/x.xlsx'), ['a'], [['1'], ['2']])).rejects.toBeInstanceOf(UserError)
    const writer = await createTableWriter(at('aborted.xlsx'), ['a'])
    await writer.write(['1'])
    await writer.abort()
    expect(existsSync(at('aborted.xlsx'))).toBe(false)
  })

  it('leaves nothing behind when aborted', async () => {
    const file = at('aborted.csv')
    const writer = await createTableWriter(file, ['a'])
    await writer.write(['1'])
    await writer.abort()
    expect(existsSync(file)).toBe(false)
    expect(readdirSync(dir).filter((n) => n.startsWith('.liushou-tmp-'))).toEqual([])
  })
})
