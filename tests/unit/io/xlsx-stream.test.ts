// The streaming .xlsx reader on what the exceljs reader got wrong or never saw: cached results of
// 0 and FALSE, `t="d"` dates, Chinese built-in date formats, rows and cells without references,
// prefixed elements; and on damaged or hostile zips: rows out of order, a row past Excel's last,
// zip bombs, parts that inflate past their declared size, checksums. Also the worker that reads
// the rows on the other core (built code, dist/): the same rows, errors and early stops.
import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'

import {UserError} from '../../../src/errors.js'
import type {RawRow} from '../../../src/io/types.js'
import {XLSX_LIMITS} from '../../../src/io/xlsx-reader.js'
import {readXlsxInThread} from '../../../src/io/xlsx-stream/read.js'
import {CompactStrings, SharedStringsReader} from '../../../src/io/xlsx-stream/shared-strings.js'
import {SheetBytesReader} from '../../../src/io/xlsx-stream/sheet-bytes.js'
import {SheetRowsHandler} from '../../../src/io/xlsx-stream/sheet-rows.js'
import {XmlScanner} from '../../../src/io/xlsx-stream/xml-scanner.js'
import {readXlsxInWorker} from '../../../src/io/xlsx-stream/worker-source.js'
import {zipArchive} from '../../helpers/zip.js'
import {byRow, readAll, rejection, tempDir, writeBytes} from './helpers.js'

const tmp = tempDir('liushou-xlsx-stream-')
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'

/** A one-sheet workbook around `sheetData` (and whatever follows it), deflated or stored. */
function workbook(sheet: string, {styles, strings, method = 'deflate'}: {styles?: string; strings?: string[]; method?: 'deflate' | 'store'} = {}): Buffer {
  const parts: [string, string][] = [
    ['_rels/.rels', `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    [
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>${styles ? `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>` : ''}${strings ? `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
    ],
    ['xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}">${sheet}</worksheet>`],
  ]
  if (styles) parts.push(['xl/styles.xml', `<styleSheet xmlns="${MAIN}">${styles}</styleSheet>`])
  if (strings) parts.push(['xl/sharedStrings.xml', `<sst xmlns="${MAIN}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`])
  return zipArchive(parts, method)
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`

describe('cells the exceljs reader showed wrongly or not at all', () => {
  it('shows a cached formula result of 0 or FALSE (exceljs dropped falsy results)', async () => {
    const file = writeBytes(tmp('falsy.xlsx'), workbook(`<sheetData><row r="1"><c r="A1"><f>B1-B1</f><v>0</v></c><c r="B1" t="b"><f>1=2</f><v>0</v></c><c r="C1" t="b"><f>1=1</f><v>1</v></c></row></sheetData>`))
    expect((await readAll(file)).rows).toEqual([{row: 1, cells: ['0', 'FALSE', 'TRUE']}])
  })

  it('reads ISO dates of t="d" cells and the Chinese built-in date formats (ids 27–36, 50–58)', async () => {
    const styles = '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="31"/><xf numFmtId="57"/></cellXfs>'
    const file = writeBytes(tmp('dates.xlsx'), workbook(`<sheetData><row r="1"><c r="A1" t="d"><v>2011-05-06T00:00:00</v></c><c r="B1" s="1"><v>40669</v></c><c r="C1" s="2"><v>40669</v></c></row></sheetData>`, {styles}))
    expect((await readAll(file)).rows).toEqual([{row: 1, cells: ['2011-05-06', '2011-05-06', '2011-05-06']}])
  })

  it('numbers rows and cells without a reference after the ones before them, and reads prefixed elements', async () => {
    const file = writeBytes(
      tmp('no-refs.xlsx'),
      workbook(`<sheetData><row>${inline('B1', '姓名')}<c t="inlineStr"><is><t>性别</t></is></c></row><row><c t="inlineStr"><is><t>张三</t></is></c></row><row r="5"><c r="A5"><v>1</v></c></row></sheetData>`),
    )
    expect(byRow((await readAll(file)).rows)).toEqual({1: ['', '姓名', '性别'], 2: ['张三'], 3: [], 4: [], 5: ['1']})
    const prefixed = writeBytes(
      tmp('prefixed.xlsx'),
      zipArchive(
        [
          ['xl/workbook.xml', `<x:workbook xmlns:x="${MAIN}" xmlns:r="${REL}"><x:sheets><x:sheet name="S" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`],
          ['xl/_rels/workbook.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>`],
          ['xl/worksheets/sheet1.xml', `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>名单</x:t></x:is></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>`],
        ],
        'deflate',
      ),
    )
    expect((await readAll(prefixed)).rows).toEqual([{row: 1, cells: ['名单', '名单']}])
  })

  it('finds the merged ranges wherever the chunks of the inflated sheet cut them', async () => {
    // Enough rows that the sheet inflates in several chunks, the merges at its very end.
    const rows = Array.from({length: 4000}, (_, i) => `<row r="${i + 1}">${inline(`A${i + 1}`, `孩${i}`)}${i % 2 === 0 ? inline(`B${i + 1}`, `监护${i}`) : ''}</row>`).join('')
    const merges = Array.from({length: 2000}, (_, f) => `<mergeCell ref="B${2 * f + 1}:B${2 * f + 2}"/>`).join('')
    for (const method of ['deflate', 'store'] as const) {
      const file = writeBytes(tmp(`chunks-${method}.xlsx`), workbook(`<sheetData>${rows}</sheetData><mergeCells count="2000">${merges}</mergeCells>`, {method}))
      const read = (await readAll(file)).rows
      expect(read).toHaveLength(4000)
      expect(read[3999]!.cells).toEqual(['孩3999', '监护3998'])
      expect(read.every((r) => r.cells[1] === `监护${(r.row - 1) & ~1}`)).toBe(true)
    }
  })
})

describe('the shared-strings table', () => {
  it('reads the same entries however the inflated bytes are cut, the fast ones and the others in order', () => {
    const entries = [
      '<si><t>张三</t></si>',
      '<si><t xml:space="preserve"> 李 四 </t></si>',
      '<si><r><rPr><b/></rPr><t>王</t></r><r><t>芳</t></r></si>',
      '<si><t>a&amp;b</t></si>',
      '<si><t>line_x000D_break</t></si>',
      '<si><t/></si>',
      '<si/>',
      '<si><t>欧阳</t><rPh sb="0" eb="1"><t>オウヨウ</t></rPh></si>',
      '<si><t>430102200105061234</t></si>',
    ]
    const expected = ['张三', ' 李 四 ', '王芳', 'a&b', 'line\rbreak', '', '', '欧阳', '430102200105061234']
    const xml = Buffer.from(`<?xml version="1.0"?><sst xmlns="${MAIN}" count="9">${entries.join('')}</sst>`)
    for (let cut = 0; cut <= xml.length; cut++) {
      for (const second of [cut, Math.min(xml.length, cut + 7)]) {
        const store = new CompactStrings()
        const reader = new SharedStringsReader(store)
        reader.write(xml.subarray(0, cut))
        reader.write(xml.subarray(cut, second))
        reader.write(xml.subarray(second))
        reader.end()
        store.seal()
        const got = Array.from({length: store.count}, (_, i) => store.get(i))
        if (JSON.stringify(got) !== JSON.stringify(expected)) expect({cut, second, got}).toEqual({cut, second, got: expected})
      }
    }
  })
})

describe('rows read from the bytes', () => {
  it('gives the rows the XML scanner gives, however the bytes are cut, unusual rows and all', () => {
    const strings = new CompactStrings()
    for (const t of ['姓名', '张三', '李四']) strings.add(t)
    strings.seal()
    const formats = {formatOf: (s: number) => (s === 1 ? 'yyyy-mm-dd' : s === 2 ? '0.00' : undefined)}
    const rows = [
      '<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" s="1"><v>40669</v></c></row>',
      '<row r="2">\n  <c r="A2" t="s"><v>2</v></c>\n  <c r="C2" s="2"><v>3.14159</v></c><c r="D2"><v>430102200105061234</v></c></row>',
      '<row r="3"><c r="A3" t="inlineStr"><is><t>王&amp;芳</t></is></c><c r="B3" t="str"><f>A1</f><v>&amp;lt;x</v></c></row>',
      '<!-- <row r="9"><c r="A9"><v>1</v></c></row> -->',
      '<row r="4"/>',
      '<row r = "5"><c r="B5" t="b"><v>1</v></c><c r="C5" t="e"><v>#N/A</v></c></row>',
      '<row><c t="s"><v>1</v></c><c><f t="shared" si="0"/><v>7</v></c></row>',
      '<row r="8"><c r="A8" s="1"><v>40669.5</v></c><c r="B8"><v>1e3</v></c><c r="C8" t="d"><v>2011-05-06</v></c><c r="D8"><v>12345678901234567</v></c></row>',
    ]
    const xml = Buffer.from(`<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>${rows.join('')}</sheetData><mergeCells count="0"/></worksheet>`)
    const read = (pieces: Buffer[], bytes: boolean) => {
      const handler = new SheetRowsHandler(strings, formats, false)
      const scanner = new XmlScanner(handler)
      const out: unknown[] = []
      if (bytes) {
        const reader = new SheetBytesReader(handler, scanner)
        for (const p of pieces) if (!handler.done) reader.write(p)
        if (!handler.done) reader.end()
      } else {
        for (const p of pieces) scanner.write(p.toString('utf8'))
        scanner.end()
      }
      out.push(...handler.rows)
      return out
    }
    const expected = read([xml], false)
    expect(expected).toHaveLength(7)
    expect(expected[0]).toEqual({row: 1, cells: ['姓名', '张三', '2011-05-06'], longs: undefined})
    for (let cut = 0; cut <= xml.length; cut += 1) {
      const second = Math.min(xml.length, cut + 37)
      const got = read([xml.subarray(0, cut), xml.subarray(cut, second), xml.subarray(second)], true)
      if (JSON.stringify(got) !== JSON.stringify(expected)) expect({cut, got}).toEqual({cut, got: expected})
    }
  })
})

describe('damaged and hostile workbooks: one line naming the file', () => {
  const refusal = async (name: string, bytes: Buffer): Promise<string> => {
    const file = writeBytes(tmp(name), bytes)
    const error = await rejection(readAll(file))
    expect(error).toBeInstanceOf(UserError)
    expect(error.line).not.toContain('\n')
    expect(error.line!.startsWith(`${file}: `)).toBe(true)
    return error.message
  }

  it('rows out of order, or past Excel’s last row', async () => {
    expect(await refusal('order.xlsx', workbook(`<sheetData><row r="2">${inline('A2', 'b')}</row><row r="1">${inline('A1', 'a')}</row></sheetData>`))).toContain('out of order')
    expect(await refusal('past.xlsx', workbook(`<sheetData><row r="1">${inline('A1', 'a')}</row><row r="1048577"/></sheetData>`))).toContain("past Excel's last row")
    expect(await refusal('column.xlsx', workbook(`<sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData>`))).toContain('last column')
  })

  it('a shared string past the end of the table, or no table at all', async () => {
    expect(await refusal('sst.xlsx', workbook(`<sheetData><row r="1"><c r="A1" t="s"><v>5</v></c></row></sheetData>`, {strings: ['a']}))).toContain('past the end of the table')
    expect(await refusal('no-sst.xlsx', workbook(`<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>`))).toContain('shared string 0')
  })

  it('a zip bomb: refused from the directory, before it is inflated', async () => {
    const size = XLSX_LIMITS.ratioFloor + (1 << 20)
    const bomb = workbook(`<sheetData><row r="1"><c r="A1"><v>${'0'.repeat(size)}</v></c></row></sheetData>`)
    expect(bomb.length).toBeLessThan(size / XLSX_LIMITS.maxRatio)
    expect(await refusal('bomb.xlsx', bomb)).toMatch(/xl\/worksheets\/sheet1\.xml unpacks to [\d,]+ times its packed size \(a zip bomb\)/)
  })

  it('a part that inflates past the size its directory declares, or whose checksum is wrong, or noise', async () => {
    const name = Buffer.from('xl/worksheets/sheet1.xml')
    /** Offset of the sheet's central directory record, and of its data. */
    const locate = (zip: Buffer): {central: number; data: number} => {
      let central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))
      while (!zip.subarray(central + 46, central + 46 + name.length).equals(name)) central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), central + 4)
      const local = zip.readUInt32LE(central + 42)
      return {central, data: local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)}
    }
    const deflated = workbook(`<sheetData><row r="1">${inline('A1', '张三'.repeat(200))}</row></sheetData>`)
    const {central, data} = locate(deflated)
    const understated = Buffer.from(deflated)
    understated.writeUInt32LE(deflated.readUInt32LE(central + 24) - 10, central + 24)
    expect(await refusal('understated.xlsx', understated)).toContain('than the')
    const noise = Buffer.from(deflated)
    for (let i = data + 8; i < data + 40; i++) noise[i] = (i * 97) & 0xff
    expect(await refusal('noise.xlsx', noise)).toContain('is not a readable .xlsx workbook')
    const stored = workbook(`<sheetData><row r="1">${inline('A1', '张三')}</row></sheetData>`, {method: 'store'})
    const flipped = Buffer.from(stored)
    const text = flipped.indexOf(Buffer.from('张三'))
    flipped[text + 1] = flipped[text + 1]! ^ 1
    expect(await refusal('crc.xlsx', flipped)).toContain('checksum mismatch')
  })

  it('XML that is not well-formed, and a DOCTYPE', async () => {
    expect(await refusal('unbalanced.xlsx', workbook(`<sheetData><row r="1"><c r="A1"><v>1</c></row></sheetData>`))).toContain('closes')
    expect(await refusal('entity.xlsx', workbook(`<sheetData><row r="1">${inline('A1', '&nbsp;')}</row></sheetData>`))).toContain('unknown entity')
    expect(await refusal('doctype.xlsx', zipArchive([['xl/workbook.xml', `<!DOCTYPE x [<!ENTITY a "aaaa">]><workbook xmlns="${MAIN}"/>`]], 'deflate'))).toContain('DOCTYPE')
  })
})

describe('the reading worker (built code)', () => {
  const workerUrl = new URL('../../../dist/src/io/xlsx-stream/worker.js', import.meta.url)
  const collect = async (rows: AsyncIterable<RawRow>, limit = Infinity): Promise<RawRow[]> => {
    const out: RawRow[] = []
    for await (const r of rows) {
      out.push(r)
      if (out.length >= limit) break
    }
    return out
  }

  it('is built (npm run build)', () => {
    expect(existsSync(fileURLToPath(workerUrl))).toBe(true)
  })

  it('gives the rows the calling thread reads, long-number flags included, over many batches; stops early; passes errors on', async () => {
    const rows = Array.from({length: 5000}, (_, i) => `<row r="${i + 2}">${inline(`A${i + 2}`, `孩${i}`)}<c r="C${i + 2}"><v>${i % 3 === 0 ? '4.30102200105061E+17' : i}</v></c></row>`).join('')
    const file = writeBytes(tmp('worker.xlsx'), workbook(`<sheetData><row r="1">${inline('A1', '姓名')}</row>${rows}<row r="6000"/></sheetData><mergeCells><mergeCell ref="B2:B4"/></mergeCells>`))
    const expected = await readXlsxInThread(file)
    const actual = await readXlsxInWorker(file, {}, workerUrl)
    expect(actual.info).toEqual(expected.info)
    const all = await collect(actual.rows)
    expect(all).toEqual(await collect(expected.rows))
    expect(all).toHaveLength(6000)
    expect(all.filter((r) => r.longNumbers).length).toBe(1667)

    const early = await readXlsxInWorker(file, {}, workerUrl)
    expect((await collect(early.rows, 3)).map((r) => r.row)).toEqual([1, 2, 3])

    const bad = writeBytes(tmp('worker-bad.xlsx'), workbook(`<sheetData><row r="1">${inline('A1', 'a')}</row><row r="1"/></sheetData>`))
    const source = await readXlsxInWorker(bad, {}, workerUrl)
    const error = await rejection(collect(source.rows))
    expect(error).toBeInstanceOf(UserError)
    expect(error.line).toContain(`${bad}: sheet "花名册" lists row 1 after row 1`)
    const missing = await rejection(readXlsxInWorker(tmp('absent.xlsx'), {}, workerUrl))
    expect(missing).toBeInstanceOf(UserError)
  })
})
