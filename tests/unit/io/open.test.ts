import {mkdirSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

import {UserError} from '../../../src/errors.js'
import {bom, readAll, rejection, storedZip, tempDir, writeBytes, writeWorkbook} from './helpers.js'

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
    ['by extension', 'old.xls', bom('姓名\t性别\n')],
    ['by its OLE signature, whatever the extension', 'old.csv', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)])],
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
