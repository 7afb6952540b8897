import {describe, expect, it} from 'vitest'

import {BlockDecoder, detectEncoding, looksBinary, parseEncodingName, reportedEncoding} from '../../../src/io/decode.js'
import {UserError} from '../../../src/errors.js'
import {bom, byRow, gb, readAll, rejection, tempDir, utf16be, utf16le, utf8, writeBytes} from './helpers.js'

const tmp = tempDir()

// 𠮷 (U+20BB7) is a 4-byte sequence in GB18030; 䶮 (U+4DAE) is FE9F in GB18030-2022.
const ROSTER = '姓名,性别,身份证号,现住址\n吉𠮷,男,430102201105061234,长沙县䶮村\n王芳,女,43010220110506124X,"湘江路1号,2栋"\n'
const EXPECTED = {
  1: ['姓名', '性别', '身份证号', '现住址'],
  2: ['吉𠮷', '男', '430102201105061234', '长沙县䶮村'],
  3: ['王芳', '女', '43010220110506124X', '湘江路1号,2栋'],
}

describe('encoding detection', () => {
  it.each([
    ['utf-8', utf8(ROSTER), 'utf-8'],
    ['utf-8 with BOM', bom(ROSTER), 'utf-8-bom'],
    ['gb18030', gb(ROSTER), 'gb18030'],
  ])('reads %s', async (_label, bytes, encoding) => {
    const file = writeBytes(tmp(`${encoding}.csv`), bytes)
    const {rows, info} = await readAll(file)
    expect(byRow(rows)).toEqual(EXPECTED)
    expect(info.encoding).toBe(encoding)
    expect(info.delimiter).toBe(',')
  })

  it('keeps the 4-byte GB18030 sequences of rare characters', () => {
    expect(gb('𠮷')).toEqual(Buffer.from([0x95, 0x34, 0xb2, 0x35]))
    expect(new BlockDecoder('gb18030', 'x.csv', false).decode(gb('𠮷䶮\n'))).toBe('𠮷䶮\n')
  })

  it("reads Excel's Unicode text: UTF-16LE with BOM, tab-separated", async () => {
    const tsv = '姓名\t性别\t身份证号\t现住址\r\n吉𠮷\t男\t430102201105061234\t长沙县䶮村\r\n王芳\t女\t43010220110506124X\t"湘江路1号,2栋"\r\n'
    const file = writeBytes(tmp('unicode.txt'), utf16le(tsv))
    const {rows, info} = await readAll(file)
    expect(info.encoding).toBe('utf-16le')
    expect(info.delimiter).toBe('\t')
    expect(byRow(rows)).toEqual(EXPECTED)
  })

  it('reads UTF-16BE with BOM', async () => {
    const file = writeBytes(tmp('be.csv'), utf16be(ROSTER))
    const {rows, info} = await readAll(file)
    expect(info.encoding).toBe('utf-16be')
    expect(byRow(rows)).toEqual(EXPECTED)
  })

  it('reads UTF-16LE without BOM by its zero bytes', () => {
    expect(detectEncoding(Buffer.from('姓名\tab\r\n', 'utf16le'))).toEqual({encoding: 'utf-16le', bomLength: 0})
  })

  it('detects GB18030 after a pure-ASCII first 64 KB', async () => {
    const filler = Array.from({length: 3000}, (_, i) => `${i},abcdefghijklmnop,0123456789`).join('\n')
    expect(filler.length).toBeGreaterThan(65_536)
    const file = writeBytes(tmp('late.csv'), gb(`id,name,code\n${filler}\n3000,张三,𠮷\n`))
    const {rows, info} = await readAll(file)
    expect(info.encoding).toBe('gb18030')
    expect(rows.at(-1)).toEqual({row: 3002, cells: ['3000', '张三', '𠮷']})
  })

  it('detects GB18030 whose first character straddles the end of the sample', async () => {
    // The first non-ASCII byte is the last byte of the first 64 KB read.
    const head = 'a,b,c\n'
    const pad = 'x'.repeat(65_536 - head.length - 1)
    const file = writeBytes(tmp('straddle.csv'), Buffer.concat([Buffer.from(head + pad), gb('张,三,四\n王,五,六\n')]))
    const {rows, info} = await readAll(file)
    expect(info.encoding).toBe('gb18030')
    expect(rows[1]!.cells).toEqual([`${pad}张`, '三', '四'])
    expect(rows[2]!.cells).toEqual(['王', '五', '六'])
  })

  it('keeps every row of a file mixing UTF-8 and GB18030 lines', async () => {
    const lines = ['姓名,性别,村', '张三,男,汇龙村', '李𠮷,女,䶮村', '王五,男,城关街道', '赵六,女,新华社区']
    // Lines 2 and 4 in GB18030, the others in UTF-8, starting with either.
    for (const firstGb of [false, true]) {
      const bytes = Buffer.concat(lines.map((l, i) => ((i % 2 === 1) !== firstGb ? gb(`${l}\r\n`) : utf8(`${l}\r\n`))))
      const file = writeBytes(tmp(`mixed-${firstGb}.csv`), bytes)
      const {rows, info} = await readAll(file)
      expect(rows.map((r) => r.cells.join(','))).toEqual(lines)
      expect(info.encoding).toBe('utf-8+gb18030')
    }
  })

  it('keeps a mixed file right when the UTF-8 lines would also be valid GB18030', async () => {
    // "张三" in UTF-8 (E5 BC A0 E4 B8 89) decodes as GB18030 mojibake without any error.
    const bytes = Buffer.concat([gb('姓名,村\n王芳,汇龙村\n'), utf8('张三,新村\n'), gb('李四,老村\n')])
    const {rows, info} = await readAll(writeBytes(tmp('mojibake.csv'), bytes))
    expect(rows.map((r) => r.cells[0])).toEqual(['姓名', '王芳', '张三', '李四'])
    expect(info.encoding).toBe('utf-8+gb18030')
  })

  it('reads a GB18030 line whose few hanzi are also valid UTF-8 as GB18030', async () => {
    // 女 is C5 AE in GB18030, which is also Ů in UTF-8; the file's other lines settle it.
    expect(gb('女')).toEqual(Buffer.from([0xc5, 0xae]))
    const {rows, info} = await readAll(writeBytes(tmp('ambiguous.csv'), gb('姓名,性别,村\n张三,男,汇龙村\n,女,\n')))
    expect(rows[2]!.cells).toEqual(['', '女', ''])
    expect(info.encoding).toBe('gb18030')
  })

  it('keeps Latin letters of a UTF-8 file as UTF-8', async () => {
    const {rows, info} = await readAll(writeBytes(tmp('pinyin.csv'), utf8('姓名,拼音\n张三,Zhāng Sān\n,Lǚ\n')))
    expect(rows[2]!.cells).toEqual(['', 'Lǚ'])
    expect(info.encoding).toBe('utf-8')
  })

  it('reports a mixed file across read blocks (several MB)', async () => {
    const utfPart = '张三,男,汇龙村\n'.repeat(120_000)
    const bytes = Buffer.concat([utf8(`姓名,性别,村\n${utfPart}`), gb('李四,女,䶮村\n'), utf8('王五,男,城关\n')])
    const {rows, info} = await readAll(writeBytes(tmp('mixed-big.csv'), bytes))
    expect(rows).toHaveLength(120_003)
    expect(rows.at(-2)!.cells).toEqual(['李四', '女', '䶮村'])
    expect(rows.at(-1)!.cells).toEqual(['王五', '男', '城关'])
    expect(info.encoding).toBe('utf-8+gb18030')
  })

  it('refuses bytes undecodable as UTF-8 and GB18030, naming the file and line', async () => {
    const bytes = Buffer.concat([utf8('姓名,性别\n张三,男\n'), Buffer.from([0xff, 0xfe, 0x2c, 0xff, 0x0a]), utf8('李四,女\n')])
    const file = writeBytes(tmp('broken.csv'), bytes)
    const error = await rejection(readAll(file))
    expect(error).toBeInstanceOf(UserError)
    expect(error.line).toBe(`${file}: undecodable bytes (neither UTF-8 nor GB18030) on line 3; save the file again as UTF-8 or GB18030 CSV, or give --encoding`)
    expect(error.line).not.toContain('\n')
  })

  it('names the right line of an undecodable byte deep in a large file, quickly', async () => {
    const body = gb('张三,男,汇龙村\n'.repeat(150_000))
    const bytes = Buffer.concat([gb('姓名,性别,村\n'), body, Buffer.from([0x31, 0x2c, 0xff, 0x0a]), gb('李四,女,城关\n')])
    const started = performance.now()
    const error = await rejection(readAll(writeBytes(tmp('deep.csv'), bytes)))
    expect(error.message).toContain('on line 150002;')
    expect(performance.now() - started).toBeLessThan(5000)
  })

  it('counts CR-only and CRLF line ends in the line of an undecodable byte', async () => {
    const bytes = Buffer.concat([gb('姓名,性别\r张三,男\r\n李四,女\n'), Buffer.from([0x80, 0xff, 0x0a])])
    const error = await rejection(readAll(writeBytes(tmp('broken-cr.csv'), bytes)))
    expect(error.message).toContain('on line 4')
  })

  it('a U+FFFD already in a GB18030 file is not an error', async () => {
    const {rows} = await readAll(writeBytes(tmp('fffd.csv'), gb('姓名,性别,村\n张\uFFFD,男,村\n')))
    expect(rows[1]!.cells[0]).toBe('张\uFFFD')
  })

  describe('--encoding forces one encoding', () => {
    it('reads GB18030 bytes as given', async () => {
      const file = writeBytes(tmp('forced-gb.csv'), gb(ROSTER))
      const {rows, info} = await readAll(file, {encoding: 'gbk'})
      expect(byRow(rows)).toEqual(EXPECTED)
      expect(info.encoding).toBe('gb18030')
    })

    it('overrides the detection (UTF-8 bytes read as GB18030 give what the user asked for)', async () => {
      const file = writeBytes(tmp('forced-wrong.csv'), utf8('name,village\n张三,新村\n'))
      const {rows} = await readAll(file, {encoding: 'gb18030'})
      expect(rows[1]!.cells[0]).toBe('寮犱笁')
    })

    it('skips a BOM of the forced encoding', async () => {
      const {rows} = await readAll(writeBytes(tmp('forced-bom.csv'), bom(ROSTER)), {encoding: 'utf8'})
      expect(rows[0]!.cells[0]).toBe('姓名')
      const le = await readAll(writeBytes(tmp('forced-le.txt'), utf16le(ROSTER)), {encoding: 'UTF-16LE'})
      expect(le.rows[0]!.cells[0]).toBe('姓名')
    })

    it('refuses bytes invalid in the forced encoding, naming the line', async () => {
      const file = writeBytes(tmp('forced-bad.csv'), gb('姓名,村\n张三,汇龙村\n'))
      const error = await rejection(readAll(file, {encoding: 'utf-8'}))
      expect(error).toBeInstanceOf(UserError)
      expect(error.message).toContain('(not valid utf-8) on line 1')
    })

    it('refuses an unknown encoding name', async () => {
      const error = await rejection(readAll(writeBytes(tmp('unknown-enc.csv'), utf8(ROSTER)), {encoding: 'latin9'}))
      expect(error).toBeInstanceOf(UserError)
      expect(error.message).toContain('unknown encoding "latin9"')
    })

    it('knows the names people type', () => {
      expect(parseEncodingName('GBK')).toBe('gb18030')
      expect(parseEncodingName('utf_8')).toBe('utf-8')
      expect(parseEncodingName('UTF8-BOM')).toBe('utf-8-bom')
      expect(parseEncodingName('unicode')).toBe('utf-16le')
      expect(parseEncodingName('big5')).toBeUndefined()
    })
  })

  it('reports the encoding actually met', () => {
    expect(reportedEncoding('utf-8', new Set())).toBe('utf-8')
    expect(reportedEncoding('utf-8-bom', new Set(['utf-8']))).toBe('utf-8-bom')
    expect(reportedEncoding('gb18030', new Set(['gb18030', 'utf-8']))).toBe('utf-8+gb18030')
    expect(reportedEncoding('utf-8', new Set(['gb18030']))).toBe('gb18030')
    expect(reportedEncoding('utf-16le', new Set(['utf-16le']))).toBe('utf-16le')
  })

  it('tells binary data from text', () => {
    const random = Buffer.alloc(8192)
    let x = 12345
    for (let i = 0; i < random.length; i++) random[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24
    expect(looksBinary(random, detectEncoding(random).encoding)).toBe(true)
    expect(looksBinary(gb(ROSTER.repeat(50)), 'gb18030')).toBe(false)
    // One stray NUL from a database export does not make a roster binary.
    expect(looksBinary(Buffer.concat([utf8(ROSTER.repeat(20)), Buffer.from([0])]), 'utf-8')).toBe(false)
  })
})
