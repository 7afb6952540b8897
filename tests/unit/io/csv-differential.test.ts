import {parse} from 'csv-parse/sync'
import {stringify} from 'csv-stringify/sync'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {CsvRecordParser, type ParsedRecord} from '../../../src/io/csv-reader.js'

// The reader parses CSV itself (see the commit that replaced csv-parse: recovery from unclosed
// quotes and speed). On every well-formed file it must agree with csv-parse, record for record.

const cell = fc.oneof(
  fc.string({maxLength: 12}),
  fc.constantFrom('', '张子涵', '43012120150304002X', 'a,b', 'say "hi"', 'line\nbreak', 'crlf\r\nbreak', ' padded ', '"', ',', '𠮷䶮'),
)
const table = fc.array(fc.array(cell, {minLength: 1, maxLength: 6}), {minLength: 1, maxLength: 20})

function ours(text: string, delimiter: string, cut: number): string[][] {
  const parser = new CsvRecordParser(delimiter)
  const out: ParsedRecord[] = []
  parser.push(text.slice(0, cut), out)
  parser.push(text.slice(cut), out)
  parser.end(out)
  return out.map((r) => r.cells)
}

describe('CsvRecordParser agrees with csv-parse', () => {
  it.each([',', '\t', ';'])('on random well-formed tables (delimiter %j), cut anywhere', (delimiter) => {
    fc.assert(
      fc.property(table, fc.boolean(), fc.nat(), (rows, crlf, cutSeed) => {
        // A record of one empty cell is a blank line, which both read differently by design.
        const records = rows.filter((r) => !(r.length === 1 && r[0] === ''))
        if (records.length === 0) return
        const text = stringify(records, {delimiter, record_delimiter: crlf ? '\r\n' : '\n', quoted_match: /[\r\n]/})
        const expected = parse(text, {delimiter, relax_column_count: true, skip_empty_lines: false}) as string[][]
        expect(ours(text, delimiter, cutSeed % (text.length + 1))).toEqual(expected)
      }),
      {numRuns: 2000},
    )
  })
})
