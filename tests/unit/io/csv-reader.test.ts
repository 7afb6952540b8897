import fc from 'fast-check'
import {createWriteStream} from 'node:fs'
import {once} from 'node:events'
import v8 from 'node:v8'
import vm from 'node:vm'
import {describe, expect, it} from 'vitest'

import {CsvRecordParser, MAX_QUOTED_LINE_BREAKS, type ParsedRecord, detectDelimiter} from '../../../src/io/csv-reader.js'
import {isBlankRow} from '../../../src/io/types.js'
import {openRows} from '../../../src/io/open.js'
import {byRow, gb, readAll, tempDir, utf8, writeBytes} from './helpers.js'

const tmp = tempDir()

function parse(text: string, delimiter = ',', chunks: number[] = []): ParsedRecord[] {
  const parser = new CsvRecordParser(delimiter)
  const out: ParsedRecord[] = []
  let at = 0
  for (const size of chunks) {
    parser.push(text.slice(at, at + size), out)
    at += size
  }
  parser.push(text.slice(at), out)
  parser.end(out)
  return out
}

const cells = (records: ParsedRecord[]) => records.map((r) => r.cells)

describe('delimiters', () => {
  const rows = [
    ['姓名', '性别', '身份证号'],
    ['张三', '男', '430102201105061234'],
    ['李四', '女', '43010220110506124X'],
  ]
  it.each([
    ['comma', 'a.csv', ','],
    ['tab in a .tsv', 'b.tsv', '\t'],
    ['tab in a .csv', 'c.csv', '\t'],
    ['tab in a .txt', 'd.txt', '\t'],
    ['semicolon', 'e.csv', ';'],
  ])('reads %s', async (_label, name, d) => {
    const file = writeBytes(tmp(name), gb(rows.map((r) => r.join(d)).join('\r\n') + '\r\n'))
    const {rows: read, info} = await readAll(file)
    expect(info.delimiter).toBe(d)
    expect(read.map((r) => r.cells)).toEqual(rows)
  })

  it('a .tsv is tab-separated even when its cells hold commas', async () => {
    const file = writeBytes(tmp('commas.tsv'), utf8('姓名\t住址\n张三\t湘江路1号,2栋,3单元\n'))
    const {rows: read} = await readAll(file)
    expect(read[1]!.cells).toEqual(['张三', '湘江路1号,2栋,3单元'])
  })

  it('is not fooled by delimiters inside quotes or a title line', () => {
    expect(detectDelimiter('XX镇农村留守儿童花名册\n姓名;性别;住址\n张三;男;"长沙,湘江路"\n李四;女;"a,b,c"\n')).toBe(';')
    expect(detectDelimiter('一列\n甲\n乙\n')).toBe(',')
  })
})

describe('the CSV grammar', () => {
  it('quoted cells hold delimiters, doubled quotes and line breaks', () => {
    expect(cells(parse('a,"b,c","say ""hi""","x\ny\r\nz"\n1,2,3,4\n'))).toEqual([
      ['a', 'b,c', 'say "hi"', 'x\ny\r\nz'],
      ['1', '2', '3', '4'],
    ])
  })

  it("keeps text after a closing quote on the same line and quotes inside unquoted cells, as Excel does", () => {
    expect(cells(parse('"abc"d,e"f"g,"h""i"\n'))).toEqual([['abcd', 'e"f"g', 'h"i']])
  })

  it('ends records at LF, CRLF and CR alike, in one file', () => {
    expect(cells(parse('a,b\r\nc,d\re,f\ng,h\r\n\r\ni,j'))).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', 'h'], [''], ['i', 'j']])
  })

  it('keeps empty cells, a trailing empty cell and blank lines', () => {
    expect(cells(parse(',,,\n\na,\n"",x\n'))).toEqual([['', '', '', ''], [''], ['a', ''], ['', 'x']])
  })

  it('drops a BOM left in the text and reads a file without a final line break', () => {
    expect(cells(parse('\uFEFF姓名,性别\n张三,男'))).toEqual([['姓名', '性别'], ['张三', '男']])
  })

  it('gives the same records however the text is cut into chunks', () => {
    const text = '姓名,住址,备注\r\n张三,"湘江路1号,\r\n2栋","说""好"""\r\n李四,"a""b",x"y\r\n"q"r,,\r"\r\n",\n王五,,"'
    const whole = parse(text)
    fc.assert(
      fc.property(fc.array(fc.integer({min: 0, max: 8}), {maxLength: 40}), (sizes) => {
        expect(parse(text, ',', sizes)).toEqual(whole)
      }),
      {numRuns: 500},
    )
  })

  it('parses random well-formed CSV back to its cells, whatever the chunking', () => {
    const cell = fc.stringMatching(/^[a-z张三,"\r\n ]{0,6}$/)
    const quote = (c: string) => (/[,"\r\n]/.test(c) || c === '' ? `"${c.replaceAll('"', '""')}"` : c)
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, {minLength: 1, maxLength: 4}), {minLength: 1, maxLength: 6}),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.integer({min: 1, max: 7}), {maxLength: 20}),
        (table, eol, sizes) => {
          const text = table.map((r) => r.map(quote).join(',')).join(eol) + eol
          expect(cells(parse(text, ',', sizes))).toEqual(table)
        },
      ),
      {numRuns: 500},
    )
  })
})

describe('rows as Excel numbers them', () => {
  it('a record after a multi-line cell has its record position, not its line number', async () => {
    const file = writeBytes(tmp('multiline.csv'), gb('姓名,住址\r\n张三,"湖南省\r\n长沙县\r\n汇龙村"\r\n李四,城关\r\n'))
    const {rows} = await readAll(file)
    expect(byRow(rows)).toEqual({1: ['姓名', '住址'], 2: ['张三', '湖南省\r\n长沙县\r\n汇龙村'], 3: ['李四', '城关']})
  })

  it('blank lines and ,,,, lines keep their row numbers and count as blank', async () => {
    const file = writeBytes(tmp('blank.csv'), utf8('姓名,性别,村\n\n张三,男,汇龙村\n,,,\n  ,\t, \n李四,女,城关\n'))
    const {rows} = await readAll(file)
    expect(rows.map((r) => [r.row, isBlankRow(r.cells)])).toEqual([
      [1, false],
      [2, true],
      [3, false],
      [4, true],
      [5, true],
      [6, false],
    ])
  })
})

describe('an unbalanced quote loses nothing', () => {
  it('at the end of the file: the rows after it are read as plain text, the first flagged', async () => {
    const file = writeBytes(tmp('unbalanced-end.csv'), gb('姓名,性别,住址\n张三,男,汇龙村\n李四,女,"城关\n王五,男,新村\n赵六,女,老村\n'))
    const {rows} = await readAll(file)
    expect(rows).toEqual([
      {row: 1, cells: ['姓名', '性别', '住址']},
      {row: 2, cells: ['张三', '男', '汇龙村']},
      {row: 3, cells: ['李四', '女', '城关'], fault: 'unbalanced-quote'},
      {row: 4, cells: ['王五', '男', '新村']},
      {row: 5, cells: ['赵六', '女', '老村']},
    ])
  })

  it('on the last line without a line break', () => {
    expect(parse('a,b\n"c,d')).toEqual([{cells: ['a', 'b']}, {cells: ['c', 'd'], fault: 'unbalanced-quote'}])
  })

  it('mid-file, closed by a later stray quote: the swallowed lines come back as rows', () => {
    const records = parse('姓名,性别,备注\n张三,"男,x\n李四,女,y\n王五,男,"好"学生\n赵六,女,z\n')
    expect(records).toEqual([
      {cells: ['姓名', '性别', '备注']},
      {cells: ['张三', '男', 'x'], fault: 'unbalanced-quote'},
      {cells: ['李四', '女', 'y']},
      {cells: ['王五', '男', '好学生']},
      {cells: ['赵六', '女', 'z']},
    ])
  })

  it('a quoted cell spanning thousands of lines is taken for a stray quote', () => {
    const body = Array.from({length: MAX_QUOTED_LINE_BREAKS + 50}, (_, i) => `row${i},x`).join('\n')
    const records = parse(`h1,h2\n"${body}\n`)
    expect(records).toHaveLength(MAX_QUOTED_LINE_BREAKS + 51)
    expect(records[1]).toEqual({cells: ['row0', 'x'], fault: 'unbalanced-quote'})
    expect(records.at(-1)).toEqual({cells: [`row${MAX_QUOTED_LINE_BREAKS + 49}`, 'x']})
  })

  it('several unbalanced quotes in a row', () => {
    expect(parse('"a,b\n"c,d\ne,f')).toEqual([
      {cells: ['a', 'b'], fault: 'unbalanced-quote'},
      {cells: ['c', 'd'], fault: 'unbalanced-quote'},
      {cells: ['e', 'f']},
    ])
  })
})

describe('huge cells', () => {
  it('reads a 10 MB cell, quoted or not, and the rows around it', async () => {
    const big = '张'.repeat(10 << 20)
    const file = writeBytes(tmp('huge.csv'), utf8(`姓名,备注\n张三,${big}\n李四,"${big}"\n王五,x\n`))
    const {rows} = await readAll(file)
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4])
    expect(rows[1]!.cells[1]!.length).toBe(10 << 20)
    expect(rows[2]!.cells[1]!.length).toBe(10 << 20)
    expect(rows[3]!.cells).toEqual(['王五', 'x'])
  })
})

describe('streaming', () => {
  // Heap growth while reading 200,000 rows one by one, measured after forced collections (gc is
  // exposed at run time, so no vitest flag is needed). The file is ~17 MB of text, ~40 MB as JS
  // strings and arrays, so a reader holding its rows would exceed the bound several times over.
  it('reads 200,000 rows with flat memory', async () => {
    const file = tmp('stream.csv')
    const out = createWriteStream(file)
    out.write(gb('序号,姓名,性别,身份证号,住址\r\n'))
    for (let i = 1; i <= 200_000; i++) {
      if (!out.write(gb(`${i},张三${i % 97},男,4301022011050612${String(i % 100).padStart(2, '0')},湖南省长沙县汇龙村${i}号\r\n`))) await once(out, 'drain')
    }
    out.end()
    await once(out, 'close')

    v8.setFlagsFromString('--expose-gc')
    const gc = vm.runInNewContext('gc') as () => void
    gc()
    const before = process.memoryUsage().heapUsed
    let peak = before
    let firstCheckpoint: number | undefined
    let last = before
    const source = await openRows(file)
    let n = 0
    for await (const row of source.rows) {
      n++
      if (n % 20_000 === 0) {
        gc()
        const used = process.memoryUsage().heapUsed
        firstCheckpoint ??= used
        last = used
        peak = Math.max(peak, used)
      }
      if (n === 200_001) expect(row.cells[1]).toBe(`张三${200_000 % 97}`)
    }
    expect(n).toBe(200_001)
    // The working set (1 MB read blocks, their decoded text, one block's records) is ~12 MB and
    // does not grow: holding the rows would add ~4 MB per checkpoint.
    expect(peak - before).toBeLessThan(32 << 20)
    expect(last - firstCheckpoint!).toBeLessThan(8 << 20)
  })
})
