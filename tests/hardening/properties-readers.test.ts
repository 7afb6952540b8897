// Issue #8, item 2 (readers): random text, bytes and workbooks through every reader layer — the
// CSV record parser, the decoders, encoding and delimiter detection, openRows on files, openRoster
// — never throw anything but a UserError (a one-line message, exit 2), never hang, and lose
// nothing: every character of the text is in some cell, every row is in the roster or its preamble.
import fc from 'fast-check'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {Readable} from 'node:stream'
import {afterAll, describe, expect, it} from 'vitest'

import iconv from 'iconv-lite'

import {UserError} from '../../src/errors.js'
import {CsvRecordParser, type ParsedRecord, detectDelimiter} from '../../src/io/csv-reader.js'
import {BlockDecoder, RosterDecoder, detectEncoding, looksBinary, parseEncodingName, type TextEncoding} from '../../src/io/decode.js'
import {openRows} from '../../src/io/open.js'
import {isBlankRow} from '../../src/io/types.js'
import {openRoster} from '../../src/schema/roster.js'
import {FILE_RUNS, RUNS, WORKBOOK_RUNS, hostile, tokenString} from './arbitraries.js'
import {zip} from './harness.js'

const LIMIT = 180_000
const dir = mkdtempSync(path.join(os.tmpdir(), 'liushou-props-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))
let fileNo = 0
const tempFile = (ext: string): string => path.join(dir, `f${fileNo++}${ext}`)

// ------------------------------------------------------------------------------------------------
// CSV text

/** CSV-shaped text: cells, delimiters, quotes in every position, all three line ends, junk. */
const csvText = fc
  .array(
    fc.oneof(
      {arbitrary: fc.constantFrom(',', ';', '\t', '|', '"', '""', '\r', '\n', '\r\n', '\r\r\n', '\ufeff', '\0'), weight: 5},
      {arbitrary: tokenString(4), weight: 4},
      {arbitrary: fc.string({unit: 'binary', maxLength: 6}), weight: 1},
    ),
    {maxLength: 60},
  )
  .map((parts) => parts.join(''))

function parseIn(text: string, delimiter: string, cuts: number[]): ParsedRecord[] {
  const parser = new CsvRecordParser(delimiter)
  const out: ParsedRecord[] = []
  let at = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const c = Math.min(cut, text.length)
    parser.push(text.slice(at, c), out)
    at = c
  }
  parser.push(text.slice(at), out)
  parser.end(out)
  return out
}

/** What a cell keeps of the text: everything but the structure (quotes, delimiter, line ends). */
function content(text: string, delimiter: string): string {
  return text.split('"').join('').split(delimiter).join('').replace(/[\r\n]/g, '')
}

describe('CsvRecordParser on any text', () => {
  it.each([',', '\t', ';'])('never throws; the same records however the text is cut; no character lost (delimiter %j)', (delimiter) => {
    fc.assert(
      fc.property(csvText, fc.array(fc.nat(), {maxLength: 6}), (text, cutSeeds) => {
        const whole = parseIn(text, delimiter, [])
        const cut = parseIn(text, delimiter, cutSeeds.map((s) => s % (text.length + 1)))
        expect(cut).toEqual(whole)
        const body = text.startsWith('\ufeff') ? text.slice(1) : text
        expect(content(whole.map((r) => r.cells.join('')).join(''), delimiter)).toBe(content(body, delimiter))
        for (const r of whole) {
          expect(r.cells.length).toBeGreaterThan(0)
          if (r.fault !== undefined) expect(r.fault).toBe('unbalanced-quote')
        }
      }),
      {numRuns: RUNS},
    )
  }, LIMIT)

  it('detectDelimiter: always one of tab, comma, semicolon, bar', () => {
    fc.assert(
      fc.property(fc.oneof(csvText, hostile), (text) => {
        expect(['\t', ',', ';', '|']).toContain(detectDelimiter(text))
      }),
      {numRuns: RUNS},
    )
  }, LIMIT)
})

// ------------------------------------------------------------------------------------------------
// Bytes

const bytes = fc.oneof(
  fc.uint8Array({maxLength: 300}),
  // Text-like bytes: ASCII with line ends and the lead and trail bytes of UTF-8 and GB18030.
  fc.array(fc.oneof(fc.integer({min: 0x20, max: 0x7e}), fc.constantFrom(0x0a, 0x0d, 0x00, 0x22, 0x2c, 0x80, 0x81, 0xa1, 0xbf, 0xc5, 0xae, 0xd5, 0xe4, 0xb8, 0xad, 0xef, 0xbb, 0xfe, 0xff, 0x30, 0x39)), {maxLength: 300}).map((a) => Uint8Array.from(a)),
)

const ENCODINGS: TextEncoding[] = ['utf-8', 'utf-8-bom', 'gb18030', 'utf-16le', 'utf-16be']

function isUserError(error: unknown): boolean {
  return error instanceof UserError
}

describe('decoding any bytes', () => {
  it('detectEncoding, looksBinary, parseEncodingName: never throw', () => {
    fc.assert(
      fc.property(bytes, hostile, (b, name) => {
        const d = detectEncoding(Buffer.from(b))
        expect(ENCODINGS).toContain(d.encoding)
        looksBinary(Buffer.from(b), d.encoding)
        const parsed = parseEncodingName(name)
        if (parsed !== undefined) expect(ENCODINGS).toContain(parsed)
      }),
      {numRuns: RUNS},
    )
  }, LIMIT)

  it('BlockDecoder: text or a UserError naming the line, in either encoding, forced or not', () => {
    fc.assert(
      fc.property(bytes, fc.constantFrom<TextEncoding>('utf-8', 'gb18030'), fc.boolean(), (b, encoding, strict) => {
        try {
          expect(typeof new BlockDecoder(encoding, 'x.csv', strict).decode(Buffer.from(b))).toBe('string')
        } catch (error) {
          expect(isUserError(error)).toBe(true)
        }
      }),
      {numRuns: RUNS},
    )
  }, LIMIT)

  it('RosterDecoder: valid text decodes to itself however the bytes are chunked', async () => {
    const text = fc.array(fc.constantFrom(...'张王李子涵欣怡𠮷䶮汉族男女,，0123456789abcXYZ "\r\n'), {maxLength: 80}).map((a) => a.join(''))
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom<TextEncoding>('utf-8', 'gb18030', 'utf-16le', 'utf-16be'), fc.array(fc.nat(), {maxLength: 5}), async (t, encoding, cutSeeds) => {
        const encoded = iconv.encode(t, encoding === 'utf-8' ? 'utf8' : encoding === 'gb18030' ? 'gb18030' : encoding === 'utf-16le' ? 'utf16le' : 'utf16be')
        const decoded = await decodeChunked(encoded, encoding, cutSeeds)
        expect(decoded).toBe(t)
      }),
      {numRuns: RUNS},
    )
  }, LIMIT)

  it('RosterDecoder: any bytes give text or a UserError, never another error', async () => {
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom<TextEncoding>('utf-8', 'gb18030', 'utf-16le', 'utf-16be'), fc.boolean(), fc.array(fc.nat(), {maxLength: 5}), async (b, encoding, strict, cutSeeds) => {
        try {
          expect(typeof (await decodeChunked(Buffer.from(b), encoding, cutSeeds, strict))).toBe('string')
        } catch (error) {
          expect(isUserError(error)).toBe(true)
        }
      }),
      {numRuns: RUNS},
    )
  }, LIMIT)
})

async function decodeChunked(b: Buffer, encoding: TextEncoding, cutSeeds: number[], strict = false): Promise<string> {
  const cuts = [...new Set(cutSeeds.map((s) => s % (b.length + 1)))].sort((x, y) => x - y)
  const chunks: Buffer[] = []
  let at = 0
  for (const c of cuts) {
    chunks.push(b.subarray(at, c))
    at = c
  }
  chunks.push(b.subarray(at))
  const decoder = new RosterDecoder(encoding, 'x.csv', strict)
  const out: string[] = []
  const done = new Promise<void>((resolve, reject) => {
    decoder.on('data', (s: string) => out.push(s))
    decoder.on('end', resolve)
    decoder.on('error', reject)
  })
  Readable.from(chunks.filter((c) => c.length > 0)).pipe(decoder)
  await done
  return out.join('')
}

// ------------------------------------------------------------------------------------------------
// Files

/** Reads every row of a file; returns the rows, or the UserError it was refused with. */
async function readFile(file: string): Promise<{rows: {row: number; cells: string[]}[]} | {refused: UserError}> {
  try {
    const source = await openRows(file)
    const rows: {row: number; cells: string[]}[] = []
    for await (const r of source.rows) rows.push(r)
    return {rows}
  } catch (error) {
    if (error instanceof UserError) return {refused: error}
    throw error
  }
}

describe('openRows on any file', () => {
  it('random bytes under any extension: rows numbered 1, 2, 3…, or a one-line UserError naming the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(bytes, csvText.map((t) => Buffer.from(t))), fc.constantFrom('.csv', '.tsv', '.txt', '.xlsx', '.xls', ''), async (b, ext) => {
        const file = tempFile(ext)
        writeFileSync(file, b)
        const r = await readFile(file)
        if ('refused' in r) {
          expect(r.refused.line.startsWith(file)).toBe(true)
          expect(r.refused.line).not.toContain('\n')
        } else {
          r.rows.forEach((row, i) => expect(row.row).toBe(i + 1))
        }
      }),
      {numRuns: FILE_RUNS},
    )
  }, LIMIT)

  it('random workbooks (any cell type, reference, shared string, number format, merge, sheet state): rows or a UserError, within 5 s each', async () => {
    await fc.assert(
      fc.asyncProperty(workbook, async (parts) => {
        const file = tempFile('.xlsx')
        writeFileSync(file, zip(parts))
        const r = await readFile(file)
        if ('rows' in r) {
          for (let i = 1; i < r.rows.length; i++) expect(r.rows[i]!.row).toBeGreaterThan(r.rows[i - 1]!.row)
          for (const row of r.rows) for (const c of row.cells) expect(typeof c).toBe('string')
        }
      }),
      {numRuns: WORKBOOK_RUNS, timeout: 5000},
    )
  }, LIMIT)
})

describe('openRoster on any CSV', () => {
  const HEADERS = ['序号', '姓名', '性别', '身份证号', '出生日期', '父亲', '母亲', '监护人', '村', '备注', '填报单位：', '花名册', '']
  const rosterText = fc
    .array(
      fc.array(fc.oneof({arbitrary: fc.constantFrom(...HEADERS), weight: 3}, {arbitrary: tokenString(3), weight: 2}, {arbitrary: fc.constantFrom('"', '"a,b"', '""'), weight: 1}), {maxLength: 8}),
      {maxLength: 30},
    )
    .map((rows) => rows.map((r) => r.join(',')).join('\r\n'))

  it('every row is a data row, a header or title row, or a blank row: none lost, none twice', async () => {
    await fc.assert(
      fc.asyncProperty(rosterText, async (text) => {
        const file = tempFile('.csv')
        writeFileSync(file, text)
        const raw = await readFile(file)
        let roster
        try {
          roster = await openRoster(file)
        } catch (error) {
          expect(isUserError(error)).toBe(true)
          expect('refused' in raw).toBe(true)
          return
        }
        if ('refused' in raw) throw new Error(`openRows refused what openRoster read: ${raw.refused.line}`)
        const seen = new Map<number, string>()
        for (const p of roster.preamble) seen.set(p.row, 'preamble')
        for await (const row of roster.rows) {
          expect(seen.has(row.ref.row)).toBe(false)
          seen.set(row.ref.row, 'data')
        }
        expect(roster.rowCount).toBe([...seen.values()].filter((k) => k === 'data').length)
        for (const r of raw.rows) {
          if (seen.has(r.row)) continue
          expect(isBlankRow(r.cells)).toBe(true)
        }
        for (const n of seen.keys()) expect(n).toBeLessThanOrEqual(Math.max(raw.rows.length, 1))
      }),
      {numRuns: FILE_RUNS},
    )
  }, LIMIT)
})

// ------------------------------------------------------------------------------------------------
// Workbooks built part by part, with everything a hostile or broken writer can put in them.

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

function escapeXml(s: string): string {
  return s.replace(/[<>&"]/g, (c) => ({'<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;'})[c]!)
}

const xmlText = fc.oneof({arbitrary: tokenString(6).map(escapeXml), weight: 5}, {arbitrary: fc.constantFrom('<', '&', ']]>', '&#0;', '&#xD800;', '&bogus;'), weight: 1})
const ref = fc.oneof(
  {arbitrary: fc.tuple(fc.integer({min: 1, max: 30}), fc.integer({min: 1, max: 12})).map(([r, c]) => `${String.fromCharCode(64 + c)}${r}`), weight: 6},
  {arbitrary: fc.constantFrom('', 'A0', 'XFD1048576', 'XFE1', 'ZZZZ9', '1A', 'A-1', 'AAAAAAAAAA1', 'A99999999999'), weight: 1},
)
const cell = fc.record({
  r: fc.option(ref, {nil: undefined}),
  t: fc.option(fc.constantFrom('s', 'str', 'inlineStr', 'n', 'b', 'e', 'd', 'zz', ''), {nil: undefined}),
  s: fc.option(fc.integer({min: 0, max: 4}), {nil: undefined}),
  v: fc.oneof(xmlText, fc.integer({min: -5, max: 70000}).map(String), fc.double().map(String), fc.constantFrom('#REF!', '#DIV/0!', '4.33122201305187E+17', '1e308', '-1e308', 'NaN', '')),
  f: fc.option(fc.constantFrom('SUM(A1:A2)', '#REF!+1', 'A1&B1', ''), {nil: undefined}),
})
const rowNumber = fc.oneof({arbitrary: fc.integer({min: 1, max: 40}), weight: 8}, {arbitrary: fc.constantFrom(0, -1, 1_048_576, 1_048_577, 99_999_999), weight: 1})
const sheetRows = fc.array(fc.record({r: fc.option(rowNumber, {nil: undefined}), cells: fc.array(cell, {maxLength: 8})}), {maxLength: 12})
const numFmt = fc.oneof(fc.constantFrom('yyyy-mm-dd', 'yyyy"年"m"月"d"日"', '0', '@', '0.00E+00', '0.00%', '[$-F800]dddd', 'General', '[Red]0;[Blue]-0', '"""', '[', ';;;', 'mm:ss.0', 'e'), xmlText)

const workbook: fc.Arbitrary<[string, string][]> = fc
  .record({
    rows: sheetRows,
    shared: fc.option(fc.array(xmlText, {maxLength: 5}), {nil: undefined}),
    merges: fc.array(fc.tuple(ref, ref).map(([a, b]) => `${a}:${b}`), {maxLength: 3}),
    dimension: fc.option(fc.oneof(fc.tuple(ref, ref).map(([a, b]) => `${a}:${b}`), xmlText), {nil: undefined}),
    state: fc.constantFrom('visible', 'hidden', 'veryHidden', 'bogus'),
    sheetName: fc.oneof(fc.constantFrom('Sheet1', '花名册', ''), xmlText),
    date1904: fc.boolean(),
    formats: fc.array(numFmt, {maxLength: 3}),
  })
  .map((w) => {
    const rows = w.rows
      .map((row) => {
        const cells = row.cells
          .map((c) => {
            const attrs = `${c.r !== undefined ? ` r="${c.r}"` : ''}${c.t !== undefined ? ` t="${c.t}"` : ''}${c.s !== undefined ? ` s="${c.s}"` : ''}`
            const body = c.t === 'inlineStr' ? `<is><t>${c.v}</t></is>` : `${c.f !== undefined ? `<f>${c.f}</f>` : ''}<v>${c.v}</v>`
            return `<c${attrs}>${body}</c>`
          })
          .join('')
        return `<row${row.r !== undefined ? ` r="${row.r}"` : ''}>${cells}</row>`
      })
      .join('')
    const merges = w.merges.length ? `<mergeCells count="${w.merges.length}">${w.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : ''
    const dimension = w.dimension !== undefined ? `<dimension ref="${w.dimension}"/>` : ''
    const fmts = w.formats.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${escapeXml(f)}"/>`).join('')
    const xfs = ['<xf numFmtId="0"/>', ...w.formats.map((_, i) => `<xf numFmtId="${164 + i}" applyNumberFormat="1"/>`), '<xf numFmtId="14" applyNumberFormat="1"/>'].join('')
    const parts: [string, string][] = [
      [
        '[Content_Types].xml',
        `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${w.shared ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
      ],
      ['_rels/.rels', `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
      ['xl/workbook.xml', `${XML}<workbook xmlns="${NS}" xmlns:r="${RNS}">${w.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="${w.sheetName}" sheetId="1" state="${w.state}" r:id="rId1"/></sheets></workbook>`],
      [
        'xl/_rels/workbook.xml.rels',
        `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>${w.shared ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' : ''}</Relationships>`,
      ],
      ['xl/styles.xml', `${XML}<styleSheet xmlns="${NS}"><numFmts count="${w.formats.length}">${fmts}</numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="${w.formats.length + 2}">${xfs}</cellXfs></styleSheet>`],
      ['xl/worksheets/sheet1.xml', `${XML}<worksheet xmlns="${NS}" xmlns:r="${RNS}">${dimension}<sheetData>${rows}</sheetData>${merges}</worksheet>`],
    ]
    if (w.shared) parts.push(['xl/sharedStrings.xml', `${XML}<sst xmlns="${NS}" count="${w.shared.length}">${w.shared.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`])
    return parts
  })
