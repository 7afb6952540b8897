import {mkdirSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

import {UserError} from '../../../src/errors.js'
import {bom, byRow, gb, readAll, rejection, storedZip, tempDir, utf16le, utf8, writeBytes, writeWorkbook} from './helpers.js'

const tmp = tempDir()

async function refusal(file: string): Promise<UserError> {
  const error = await rejection(readAll(file))
  expect(error).toBeInstanceOf(UserError)
  const e = error as UserError
  expect(e.exitCode).toBe(2)
  expect(e.file).toBe(file)
  expect(e.line.startsWith(`${file}: `)).toBe(true)
  expect(e.line).not.toContain('\n')
  return e
}

function pseudoRandom(n: number, seed = 7): Buffer {
  const out = Buffer.alloc(n)
  let x = seed
  for (let i = 0; i < n; i++) out[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24
  return out
}

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 0x10, 0, 0, 0, 0x10, 8, 6, 0, 0, 0]),
  pseudoRandom(2000, 3),
])

async function workbookBytes(): Promise<Buffer> {
  const file = await writeWorkbook(tmp(`source-${Math.random()}.xlsx`), (wb) => {
    const ws = wb.addWorksheet('花名册')
    ws.addRow(['姓名', '性别', '身份证号'])
    for (let i = 0; i < 200; i++) ws.addRow([`张${i}`, '男', '430102201105061234'])
  })
  return readFileSync(file)
}

describe('input that cannot be read is one line naming the file, exit 2', () => {
  it('a missing file', async () => {
    expect((await refusal(tmp('nope.csv'))).message).toBe('no such file')
  })

  it('a directory', async () => {
    const dir = tmp('a-folder.csv')
    mkdirSync(dir)
    expect((await refusal(dir)).message).toContain('is a directory')
  })

  it('a device that never ends', async () => {
    expect((await refusal('/dev/zero')).message).toContain('is not a regular file')
  })

  it('an empty 0-byte file', async () => {
    expect((await refusal(writeBytes(tmp('empty.csv'), ''))).message).toContain('is empty (0 bytes)')
  })

  it.each([
    ['random bytes', 'random.csv', pseudoRandom(20_000)],
    ['a PNG image', 'photo.csv', PNG],
    ['a PNG image without extension', 'photo', PNG],
    ['an executable', 'tool.txt', Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0', 'latin1'), Buffer.alloc(64), pseudoRandom(4000, 9)])],
  ])('a binary file: %s', async (_label, name, bytes) => {
    expect((await refusal(writeBytes(tmp(name), bytes))).message).toContain('binary file')
  })

  it('a truncated .xlsx (a real workbook cut in half)', async () => {
    const bytes = await workbookBytes()
    const e = await refusal(writeBytes(tmp('cut.xlsx'), bytes.subarray(0, bytes.length >> 1)))
    expect(e.message).toMatch(/^is not a readable \.xlsx workbook \(truncated, corrupt or another format/)
  })

  it('a zip that is not a workbook', async () => {
    const e = await refusal(writeBytes(tmp('archive.xlsx'), storedZip({'readme.txt': 'hello', 'data/roster.csv': '姓名,性别\n'})))
    expect(e.message).toBe('is not an .xlsx workbook: a zip archive without any worksheet')
  })

  it('an .xlsx that is not a zip', async () => {
    const e = await refusal(writeBytes(tmp('fake.xlsx'), bom('姓名,性别\n张三,男\n')))
    expect(e.message).toContain('not a zip file')
  })

  it.each([
    ['by its OLE signature', 'old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)])],
    ['by its OLE signature, whatever the extension', 'old.csv', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)])],
    ['as a bare BIFF worksheet of Excel 2.x–4.0 (no OLE container)', 'older.xls', Buffer.from([0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00, 0x20, 0x00])],
  ])('an Excel 97–2003 .xls is refused %s, saying to save as .xlsx', async (_label, name, bytes) => {
    const e = await refusal(writeBytes(tmp(name), bytes))
    expect(e.message).toContain('Excel 97–2003 (.xls)')
    expect(e.message).toContain('save it as .xlsx')
  })

  it('a password-protected .xlsx (an OLE container) is named as such', async () => {
    const e = await refusal(writeBytes(tmp('locked.xlsx'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)])))
    expect(e.message).toContain('password')
  })

  it('a workbook saved with a .csv name is read as the workbook it is', async () => {
    const file = writeBytes(tmp('really-a-workbook.csv'), await workbookBytes())
    const {rows, info} = await readAll(file)
    expect(info.format).toBe('xlsx')
    expect(rows[1]!.cells).toEqual(['张0', '男', '430102201105061234'])
  })
})

describe('an .xls is read by what it holds, not by its name', () => {
  it('a workbook (.xlsx) renamed .xls is read as a workbook', async () => {
    const {rows, info} = await readAll(writeBytes(tmp('renamed.xls'), await workbookBytes()))
    expect(info.format).toBe('xlsx')
    expect(rows[1]!.cells).toEqual(['张0', '男', '430102201105061234'])
  })

  it.each([
    ['an HTML table', 'web.xls', '<html><head><meta charset="gb2312"></head><body><table><tr><td>姓名</td><td>性别</td></tr><tr><td>张三</td><td>男</td></tr></table></body></html>', 'html'],
    ['an HTML table that starts with <table>', 'bare.xls', '<table><tr><td>姓名</td><td>性别</td></tr><tr><td>张三</td><td>男</td></tr></table>', 'html'],
    [
      'an Excel 2003 XML Spreadsheet',
      'xml2003.xls',
      '<?xml version="1.0" encoding="gb2312"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Sheet1"><Table><Row><Cell><Data ss:Type="String">姓名</Data></Cell><Cell><Data ss:Type="String">性别</Data></Cell></Row><Row><Cell><Data ss:Type="String">张三</Data></Cell><Cell><Data ss:Type="String">男</Data></Cell></Row></Table></Worksheet></Workbook>',
      'xml',
    ],
    ['tab-separated text', 'tabs.xls', '姓名\t性别\r\n张三\t男\r\n', 'csv'],
  ])('%s named .xls (GB18030) is read as such', async (_label, name, text, format) => {
    const {rows, info} = await readAll(writeBytes(tmp(name), gb(text)))
    expect(info.format).toBe(format)
    expect(info.encoding).toBe('gb18030')
    expect(byRow(rows)).toEqual({1: ['姓名', '性别'], 2: ['张三', '男']})
  })

  it("Excel's \"Unicode text\" (UTF-16 with BOM, tab-separated) named .xls is read as text", async () => {
    const {rows, info} = await readAll(writeBytes(tmp('unicode.xls'), utf16le('姓名\t性别\r\n张三\t男\r\n')))
    expect(info).toMatchObject({format: 'csv', encoding: 'utf-16le', delimiter: '\t'})
    expect(rows[1]!.cells).toEqual(['张三', '男'])
  })

  it('an HTML table is read whatever the file is called (.htm, .csv)', async () => {
    for (const name of ['page.htm', 'mislabelled.csv']) {
      const {info} = await readAll(writeBytes(tmp(name), utf8('<!DOCTYPE html><table><tr><td>a</td></tr></table>')))
      expect(info.format).toBe('html')
    }
  })

  it('other XML is refused, saying what would be read', async () => {
    const e = await refusal(writeBytes(tmp('feed.xls'), utf8('<?xml version="1.0"?><rss><channel/></rss>')))
    expect(e.message).toBe('is an XML file but not an Excel 2003 XML Spreadsheet: save it from Excel as .xlsx or CSV')
  })
})

describe('messages', () => {
  it('are short enough to read', async () => {
    const bytes = await workbookBytes()
    for (const [name, content] of [
      ['cut2.xlsx', bytes.subarray(0, 3000)],
      ['archive2.xlsx', storedZip({'readme.txt': 'hello'})],
    ] as const) {
      const e = await refusal(writeBytes(tmp(name), content))
      expect(e.line.length).toBeLessThan(250)
    }
  })
})
