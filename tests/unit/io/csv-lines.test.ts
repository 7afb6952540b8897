import {stringify} from 'csv-stringify/sync'
import fc from 'fast-check'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {neutralizeCell} from '../../../src/io/neutralize.js'
import {writeTable} from '../../../src/io/write-table.js'
import {tempDir} from '../../helpers/cli.js'

describe('CSV output', () => {
  it('is byte for byte what csv-stringify writes (CRLF, minimal quoting, neutralised cells)', async () => {
    const dir = tempDir()
    let n = 0
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.oneof(fc.string({maxLength: 8}).filter((c) => !/[\r\n]/.test(c)), fc.constantFrom('a,b', 'x"y', '=1+1', '-2', '张三', '')), {minLength: 1, maxLength: 5}), {minLength: 1, maxLength: 6}), async (rows) => {
        // One difference by design: a row of one empty cell is written as an empty line (a blank
        // row kept in place), where csv-stringify writes "".
        if (rows.some((r) => r.length === 1 && r[0] === '')) return
        const file = path.join(dir, `t${n++}.csv`)
        await writeTable(file, ['h1', 'h2'], rows, {encoding: 'utf8'})
        const expected = stringify([['h1', 'h2'], ...rows.map((r) => r.map(neutralizeCell))], {record_delimiter: '\r\n'})
        expect(readFileSync(file, 'utf8')).toBe(expected)
      }),
      {numRuns: 300},
    )
  })

  it('quotes a cell with a line break (csv-stringify leaves a lone LF unquoted under CRLF records)', async () => {
    const file = path.join(tempDir(), 'lf.csv')
    await writeTable(file, ['h'], [['l\nm'], ['a\r\nb']], {encoding: 'utf8'})
    expect(readFileSync(file, 'utf8')).toBe('h\r\n"l\nm"\r\n"a\r\nb"\r\n')
  })
})
