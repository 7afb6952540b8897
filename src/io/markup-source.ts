import iconv from 'iconv-lite'
import {isAscii} from 'node:buffer'
import {createReadStream} from 'node:fs'
import {pipeline} from 'node:stream'

import {UserError} from '../errors.js'
import {detectEncoding, parseEncodingName} from './decode.js'

// Many government systems export a "spreadsheet" named .xls that is really markup: an HTML page
// holding a <table> (what Excel itself writes as "Web page", and what report servers send with an
// Excel content type), or Excel 2003's XML Spreadsheet. This module tells them apart by their
// first bytes and decodes them as one stream of text in one encoding.

export type MarkupKind = 'html' | 'spreadsheetml' | 'xml'

/** Bytes looked at to recognise markup: Excel's HTML carries a long <style> before its table. */
export const SNIFF_BYTES = 1 << 16

const SPREADSHEET_NS = 'urn:schemas-microsoft-com:office:spreadsheet'

/** The opening text of a file, decoded well enough to read its (ASCII) markup. */
function openingText(head: Buffer): string {
  const detection = detectEncoding(head)
  const body = head.subarray(detection.bomLength, SNIFF_BYTES)
  if (detection.encoding === 'utf-16le' || detection.encoding === 'utf-16be') return new TextDecoder(detection.encoding).decode(body)
  // Markup is ASCII in UTF-8 and GB18030 alike; latin1 keeps every byte as one character.
  return body.toString('latin1')
}

/**
 * What markup a file holds, from its first bytes (at least SNIFF_BYTES when the file is that
 * long): an HTML table, Excel 2003's XML Spreadsheet, other XML, or `undefined` for anything that
 * does not start with a tag (CSV, tab-separated text, binary).
 */
export function sniffMarkup(head: Buffer): MarkupKind | undefined {
  const text = openingText(head).replace(/^[\s\ufeff]+/, '')
  if (!text.startsWith('<')) return undefined
  const lower = text.toLowerCase()
  if (lower.startsWith('<?xml') && lower.includes(SPREADSHEET_NS) && /<([\w-]+:)?workbook[\s>]/.test(lower)) return 'spreadsheetml'
  if (/<(!doctype\s+html|html|table|head|body|meta|title|style)[\s/>]/.test(lower)) return 'html'
  return lower.startsWith('<?xml') ? 'xml' : undefined
}

export interface MarkupEncoding {
  /** As the report names it: `utf-8`, `utf-8-bom`, `gb18030`, `utf-16le`, `utf-16be`, or a declared one. */
  name: string
  /** iconv-lite's name for it. */
  iconv: string
  bomLength: number
}

const ICONV: Record<string, string> = {'utf-8': 'utf8', 'utf-8-bom': 'utf8', 'gb18030': 'gb18030', 'utf-16le': 'utf16le', 'utf-16be': 'utf16be'}

/** The charset a page or an XML declaration names (`<meta charset=gb2312>`, `encoding="GBK"`). */
export function declaredCharset(sample: Buffer): string | undefined {
  const text = sample.subarray(0, SNIFF_BYTES).toString('latin1')
  const declared =
    /^\s*(?:\ufeff|\u00ef\u00bb\u00bf)?<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(text)?.[1] ??
    /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(text)?.[1]
  return declared?.toLowerCase()
}

function named(name: string): MarkupEncoding {
  return {name, iconv: ICONV[name] ?? name, bomLength: 0}
}

/**
 * The encoding of an HTML or XML export. A byte-order mark decides, then `--encoding`; otherwise
 * the bytes outrank the declaration, because exporting systems often declare what their template
 * says rather than what they wrote: text that is valid UTF-8 with hanzi is UTF-8, other text
 * GB18030 (or the legacy charset the page declares, when it is not a Chinese one); an all-ASCII
 * opening follows the declaration, UTF-8 when there is none.
 */
export function markupEncoding(sample: Buffer, forced: string | undefined, file: string): MarkupEncoding {
  const auto = detectEncoding(sample)
  if (auto.bomLength > 0) return {...named(auto.encoding), bomLength: auto.bomLength}
  if (forced) {
    const encoding = parseEncodingName(forced)
    if (!encoding) throw new UserError({en: `unknown encoding "${forced}" (use utf8, utf8-bom, gb18030, gbk, utf16le or utf16be)`, zh: `未知的编码“${forced}”（可用 utf8、utf8-bom、gb18030、gbk、utf16le 或 utf16be）`}, file)
    return named(encoding === 'utf-8-bom' ? 'utf-8' : encoding)
  }
  if (auto.encoding === 'utf-16le' || auto.encoding === 'utf-16be') return named(auto.encoding)
  const declaredName = declaredCharset(sample)
  const declared = declaredName ? parseEncodingName(declaredName) ?? (iconv.encodingExists(declaredName) ? declaredName : undefined) : undefined
  const legacy = declared && declared !== 'utf-8' && declared !== 'utf-8-bom' && declared !== 'gb18030' && !declared.startsWith('utf-16') ? declared : undefined
  if (!isAscii(sample)) {
    // Valid UTF-8 without one 3-byte character (no hanzi in that reading) is GB18030 text that
    // happens to parse (女 is C5 AE, Ů in UTF-8), unless the page says UTF-8.
    const utf8 = auto.encoding === 'utf-8' && (declared === 'utf-8' || sample.some((b) => b >= 0xe0))
    return named(utf8 ? 'utf-8' : (legacy ?? 'gb18030'))
  }
  if (!declared || declared.startsWith('utf-16') || declared === 'utf-8-bom') return named('utf-8')
  return named(declared)
}

/**
 * The file's text as a stream of strings. Bytes the encoding cannot decode are refused (one line,
 * naming the file), never turned silently into U+FFFD inside a name or an ID.
 */
export async function* decodedText(file: string, encoding: MarkupEncoding): AsyncGenerator<string> {
  const source = createReadStream(file, {start: encoding.bomLength, highWaterMark: 1 << 16})
  const text = pipeline(source, iconv.decodeStream(encoding.iconv, {stripBOM: false}), () => {})
  try {
    for await (const chunk of text) {
      const s = String(chunk)
      if (s.includes('\uFFFD')) {
        throw new UserError({en: `undecodable bytes (not valid ${encoding.name}); save the file again as .xlsx, or give --encoding`, zh: `有无法解码的字节（不是有效的 ${encoding.name}）；请把文件另存为 .xlsx，或用 --encoding 指定编码`}, file)
      }
      yield s
    }
  } catch (error) {
    if (error instanceof UserError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code && /^E[A-Z]+$/.test(code)) throw new UserError({en: `cannot read (${code})`, zh: `无法读取（${code}）`}, file)
    throw error
  } finally {
    source.destroy()
  }
}
