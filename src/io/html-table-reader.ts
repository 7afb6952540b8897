import {UserError} from '../errors.js'
import {readSample} from './csv-reader.js'
import {decodedText, markupEncoding} from './markup-source.js'
import {MAX_COLSPAN, MAX_ROWSPAN, TableGrid, spanValue} from './table-grid.js'
import type {RawRow, ReadOptions, RowSource} from './types.js'

// The first <table> of an HTML page, read as a sheet: each <tr> is a row (numbered from 1 as the
// table's rows), each <td>/<th> a cell holding its text. This is what an ".xls" exported by many
// government systems is. Not a general HTML parser: enough of HTML's tokenizer to find tags,
// comments and raw text (<style>, <script>) in a stream, with the table model's implied ends
// (a <td> ends the cell before it, a <tr> the row before it) and row and column spans.

/** No roster cell holds this much text; a page that does is not a roster. */
export const MAX_HTML_CELL_CHARS = 1 << 24
/** A tag longer than this (an attribute holding a whole document) means the markup is damaged. */
const MAX_TAG_CHARS = 1 << 20

/** Elements whose content is text up to their end tag, never markup. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'noscript', 'iframe', 'noembed', 'noframes'])
const ROW_GROUPS = new Set(['tbody', 'thead', 'tfoot'])
/** Block boundaries that start a new line inside a cell, as <br> does. */
const LINE_BLOCKS = new Set(['p', 'div', 'li'])

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  middot: '·', bull: '•', hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  laquo: '«', raquo: '»', times: '×', divide: '÷', plusmn: '±', deg: '°', yen: '¥', cent: '¢', pound: '£',
  euro: '€', copy: '©', reg: '®', trade: '™', sect: '§', para: '¶', micro: 'µ', sup1: '¹', sup2: '²', sup3: '³',
  frac12: '½', frac14: '¼', frac34: '¾', zwj: '\u200d', zwnj: '\u200c', shy: '\u00ad',
}
/** Named references that browsers decode even without their semicolon (HTML's legacy list). */
const LEGACY = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg', 'times', 'divide', 'middot', 'deg', 'plusmn', 'yen', 'cent', 'pound', 'sect', 'para', 'micro', 'sup1', 'sup2', 'sup3', 'frac12', 'frac14', 'frac34', 'laquo', 'raquo', 'shy'])
/** HTML maps numeric references 0x80–0x9F as Windows-1252 does (`&#150;` is an en dash). */
const CP1252: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
  0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a,
  0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
}

function codePoint(n: number): string {
  if (!Number.isFinite(n) || n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return '\uFFFD'
  return String.fromCodePoint(CP1252[n] ?? n)
}

/** Decodes character references: numeric ones, and the named ones a roster meets. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z][A-Za-z0-9]{1,31})(;?)/g, (whole, ref: string, semi: string) => {
    if (ref.startsWith('#')) return codePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)))
    const value = NAMED_ENTITIES[ref]
    if (value === undefined || (!semi && !LEGACY.has(ref))) return whole
    return value
  })
}

/** A cell's text as a browser shows it: references decoded, runs of white space one space. */
function cellText(lines: string[]): string {
  return lines
    .map((line) => decodeEntities(line).replace(/[\t\n\f\r \u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/^\n+|\n+$/g, '')
}

interface Tag {
  name: string
  end: boolean
  selfClosing: boolean
  attributes: Record<string, string>
}

function parseTag(raw: string, wantAttributes: boolean): Tag | undefined {
  const m = /^<(\/?)([A-Za-z][^\s/>]*)/.exec(raw)
  if (!m) return undefined
  const tag: Tag = {name: m[2]!.toLowerCase(), end: m[1] === '/', selfClosing: /\/\s*>$/.test(raw), attributes: {}}
  if (wantAttributes) {
    const re = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g
    re.lastIndex = m[0].length
    for (let a = re.exec(raw); a; a = re.exec(raw)) tag.attributes[a[1]!.toLowerCase()] ??= a[2] ?? a[3] ?? a[4] ?? ''
  }
  return tag
}

/** Where the tag that starts at `from` (a `<`) ends: the index of its `>`, or -1 if not yet seen. */
function tagEnd(s: string, from: number): number {
  let quote = ''
  let afterEquals = false
  for (let k = from + 1; k < s.length; k++) {
    const ch = s[k]!
    if (quote) {
      if (ch === quote) quote = ''
      continue
    }
    if (ch === '>') return k
    if ((ch === '"' || ch === "'") && afterEquals) quote = ch
    else if (ch === '=') afterEquals = true
    else if (ch !== ' ' && ch !== '\t' && ch !== '\n' && ch !== '\r') afterEquals = false
  }
  return -1
}

const enum Mode {
  Text,
  Comment,
  /** `<!…>` or `<?…>`: skipped to the next `>`. */
  Bogus,
  Raw,
}

interface OpenCell {
  lines: string[]
  line: string
  chars: number
  across: number
  down: number
}

/** Incremental reader of the first table of an HTML page: push decoded text, collect rows. */
export class HtmlTableParser {
  private mode = Mode.Text
  private rawEnd: RegExp | undefined
  private pending = ''
  /** 0 before the first table, 1 inside it, more inside a table nested in one of its cells. */
  private depth = 0
  private started = false
  private finished = false
  private inRow = false
  private cell: OpenCell | undefined
  private row = 0
  private readonly grid: TableGrid

  constructor(private readonly file: string) {
    this.grid = new TableGrid(file)
  }

  /** True once the first table has ended: the rest of the page is not read. */
  get done(): boolean {
    return this.finished
  }

  push(chunk: string, out: RawRow[]): void {
    const s = this.pending === '' ? chunk : this.pending + chunk
    this.pending = ''
    let i = 0
    while (i < s.length && !this.finished) {
      if (this.mode === Mode.Comment) {
        const j = s.indexOf('-->', i)
        if (j < 0) {
          this.pending = s.slice(Math.max(i, s.length - 2))
          return
        }
        i = j + 3
        this.mode = Mode.Text
        continue
      }
      if (this.mode === Mode.Bogus) {
        const j = s.indexOf('>', i)
        if (j < 0) return
        i = j + 1
        this.mode = Mode.Text
        continue
      }
      if (this.mode === Mode.Raw) {
        const re = this.rawEnd!
        re.lastIndex = i
        const m = re.exec(s)
        if (!m) {
          // Keep enough of the end to see an end tag cut in two by the chunk boundary.
          this.pending = s.slice(Math.max(i, s.length - 16))
          return
        }
        i = m.index
        this.mode = Mode.Text
        continue
      }
      const lt = s.indexOf('<', i)
      if (lt !== i) this.text(s.slice(i, lt < 0 ? s.length : lt))
      if (lt < 0) return
      if (s.length - lt < 4) {
        // `<!--` or `</` cut by the chunk boundary: decide when more has come.
        this.pending = s.slice(lt)
        return
      }
      const next = s[lt + 1]!
      if (s.startsWith('<!--', lt)) {
        this.mode = Mode.Comment
        i = lt + 4
      } else if (next === '!' || next === '?') {
        this.mode = Mode.Bogus
        i = lt + 2
      } else if (next === '/' || /[A-Za-z]/.test(next)) {
        const gt = tagEnd(s, lt)
        if (gt < 0) {
          if (s.length - lt > MAX_TAG_CHARS) throw new UserError({en: `has a tag longer than ${MAX_TAG_CHARS >> 20} MB near row ${this.row}: not a readable HTML table; save it as .xlsx`, zh: `第 ${this.row} 行附近有超过 ${MAX_TAG_CHARS >> 20} MB 的标签：不是可读取的 HTML 表格；请另存为 .xlsx`}, this.file)
          this.pending = s.slice(lt)
          return
        }
        this.tag(s.slice(lt, gt + 1), out)
        i = gt + 1
      } else {
        this.text('<')
        i = lt + 1
      }
    }
  }

  end(out: RawRow[]): void {
    if (this.pending !== '' && this.mode === Mode.Text) this.text(this.pending)
    this.pending = ''
    if (!this.started) throw new UserError({en: 'is an HTML page without a table (<table>): there are no rows to read; save it from Excel as .xlsx', zh: '是不含表格（<table>）的 HTML 网页：没有可读取的行；请用 Excel 另存为 .xlsx'}, this.file)
    if (!this.finished) this.endRow(out)
    this.finished = true
  }

  private text(t: string): void {
    const cell = this.cell
    if (!cell) return
    cell.chars += t.length
    if (cell.chars > MAX_HTML_CELL_CHARS) throw new UserError({en: `has a cell longer than ${MAX_HTML_CELL_CHARS >> 20} M characters: not a roster table`, zh: `有超过 ${MAX_HTML_CELL_CHARS >> 20}M 个字符的单元格：不是名单表格`}, this.file, this.row)
    cell.line += t
  }

  private lineBreak(): void {
    const cell = this.cell
    if (!cell) return
    cell.lines.push(cell.line)
    cell.line = ''
  }

  private tag(raw: string, out: RawRow[]): void {
    const name = /^<\/?([A-Za-z][^\s/>]*)/.exec(raw)?.[1]?.toLowerCase() ?? ''
    const tag = parseTag(raw, name === 'td' || name === 'th')
    if (!tag) return
    if (!tag.end && !tag.selfClosing && RAW_TEXT.has(tag.name)) {
      this.mode = Mode.Raw
      this.rawEnd = new RegExp(`</${tag.name}[\\s/>]`, 'gi')
      return
    }
    if (tag.name === 'table') {
      if (!tag.end) {
        if (!this.started) {
          this.started = true
          this.depth = 1
        } else if (this.depth > 0) this.depth++
      } else if (this.depth > 1) this.depth--
      else if (this.depth === 1) {
        this.endRow(out)
        this.depth = 0
        this.finished = true
      }
      return
    }
    if (tag.name === 'br') {
      this.lineBreak()
      return
    }
    if (LINE_BLOCKS.has(tag.name)) {
      if (this.cell && this.cell.line.trim() !== '') this.lineBreak()
      return
    }
    // Rows and cells of a table nested in a cell are that cell's text, not rows of their own.
    if (this.depth > 1) {
      if (tag.name === 'td' || tag.name === 'th' || tag.name === 'tr') this.text(' ')
      return
    }
    if (this.depth !== 1) return
    if (tag.name === 'tr') {
      this.endRow(out)
      if (!tag.end) this.startRow()
    } else if (tag.name === 'td' || tag.name === 'th') {
      if (tag.end) {
        this.closeCell()
        return
      }
      if (!this.inRow) this.startRow()
      this.closeCell()
      this.cell = {
        lines: [],
        line: '',
        chars: 0,
        across: spanValue(tag.attributes.colspan, MAX_COLSPAN),
        // rowspan="0" reaches to the end of the row group.
        down: spanValue(tag.attributes.rowspan, MAX_ROWSPAN, MAX_ROWSPAN),
      }
    } else if (ROW_GROUPS.has(tag.name)) {
      this.endRow(out)
      this.grid.closeSpans()
    }
  }

  private startRow(): void {
    this.row++
    this.inRow = true
    this.grid.startRow()
  }

  private closeCell(): void {
    const cell = this.cell
    if (!cell) return
    this.cell = undefined
    cell.lines.push(cell.line)
    this.grid.place(cellText(cell.lines), this.row, cell.across, cell.down)
  }

  private endRow(out: RawRow[]): void {
    if (!this.inRow) return
    this.closeCell()
    this.inRow = false
    out.push({row: this.row, cells: this.grid.endRow()})
  }
}

/** Opens the first table of an HTML page (an ".xls" exported as a web page) as rows. */
export async function readHtmlTable(file: string, options: ReadOptions = {}): Promise<RowSource> {
  const encoding = markupEncoding(await readSample(file), options.encoding, file)
  const info = {file, format: 'html' as const, encoding: encoding.name}

  async function* rows(): AsyncGenerator<RawRow> {
    const parser = new HtmlTableParser(file)
    const out: RawRow[] = []
    for await (const chunk of decodedText(file, encoding)) {
      parser.push(chunk, out)
      yield* out
      out.length = 0
      if (parser.done) return
    }
    parser.end(out)
    yield* out
  }

  return {info, rows: rows()}
}
