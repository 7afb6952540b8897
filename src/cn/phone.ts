// Mainland China phone numbers (联系电话) as rosters hold them.
//
// Decisions:
// - Mobile: 11 digits starting 13–19, with or without +86 / 0086 / 86, spaces, dashes, dots,
//   full-width digits; canonical is the 11 digits.
// - Landline: trunk 0 + area code + a 7–8 digit local number. The area code is split by the
//   national numbering plan (010 and 02x have two digits after the 0, every other area three),
//   not by where the writer put a dash, so 073184567890 and 0731-84567890 are one number:
//   canonical 0731-84567890. With +86 the trunk 0 is restored (+86 731 8456 7890).
// - A local number without an area code is invalid (docs/rules.md PHONE_INVALID: a landline with its area code).
// - Extensions (转123, 分机123, ext 123, x123, #123, or a short trailing dash group such as
//   0731-84567890-123) are kept: canonical 0731-84567890转123. An extension on a mobile is invalid.
// - Several numbers in one cell (13800138000/13900139000, separated by / , ， 、 ; ； | 或):
//   valid when every one is; kind is the first one's, canonical joins the canonical forms with '/'
//   so that normalize never drops a number.
// - 400/800 service numbers and anything else are invalid.

import {isAsciiDigitCode, isSpaceCode, toHalfWidth, trimSpaces} from './text.js'

export type ParsedPhone =
  | {kind: 'empty'}
  | {kind: 'mobile' | 'landline'; canonical: string; canonicalChanged: boolean}
  | {kind: 'invalid'}

const EMPTY: ParsedPhone = Object.freeze({kind: 'empty'})
const INVALID: ParsedPhone = Object.freeze({kind: 'invalid'})

const RE_MULTI = /[/,，、;；|]|或/
const RE_EXTENSION = /(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i

interface One {
  kind: 'mobile' | 'landline'
  canonical: string
}

function isMobile(d: string): boolean {
  if (d.length !== 11 || d.charCodeAt(0) !== 0x31) return false
  const c = d.charCodeAt(1)
  return c >= 0x33 && c <= 0x39
}

function landline(d: string): string | undefined {
  if (d.charCodeAt(0) !== 0x30) return undefined
  const c1 = d.charCodeAt(1)
  let areaLen: number
  if (c1 === 0x32 || (c1 === 0x31 && d.charCodeAt(2) === 0x30)) areaLen = 3
  else if (c1 >= 0x33 && c1 <= 0x39) areaLen = 4
  else return undefined
  const localLen = d.length - areaLen
  if (localLen < 7 || localLen > 8) return undefined
  return d.slice(0, areaLen) + '-' + d.slice(areaLen)
}

// Digits of one number, or undefined when it holds characters a phone number cannot.
// `groups` receives the digit groups as the writer separated them by '-'.
function digitsOf(s: string, groups: string[] | undefined): {digits: string; plus: boolean} | undefined {
  let digits = ''
  let plus = false
  let group = ''
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (isAsciiDigitCode(c)) {
      digits += s[i]
      group += s[i]
    } else if (c === 0x2b && digits === '' && !plus) {
      plus = true
    } else if (c === 0x2d || c === 0x2014 || c === 0x2013 || c === 0x2212) {
      if (groups !== undefined && group !== '') groups.push(group)
      group = ''
    } else if (!(isSpaceCode(c) || c === 0x28 || c === 0x29 || c === 0x2e || c === 0xff08 || c === 0xff09)) {
      return undefined
    }
  }
  if (groups !== undefined && group !== '') groups.push(group)
  return {digits, plus}
}

function withoutCountryCode(digits: string, plus: boolean): string {
  // +86 / 0086 may precede either kind (a landline then drops its trunk 0); a bare 86 only
  // precedes a mobile, since 86… could be a local number.
  let rest: string | undefined
  if (digits.startsWith('0086')) rest = digits.slice(4)
  else if (plus && digits.startsWith('86')) rest = digits.slice(2)
  else if (digits.length === 13 && digits.startsWith('86') && isMobile(digits.slice(2))) return digits.slice(2)
  if (rest === undefined) return digits
  return isMobile(rest) || rest.charCodeAt(0) === 0x30 ? rest : '0' + rest
}

function parseOne(part: string): One | undefined {
  let s = part
  let extension = ''
  const ext = RE_EXTENSION.exec(s)
  if (ext !== null) {
    extension = ext[1] ?? ''
    s = s.slice(0, ext.index)
  }
  const groups: string[] = []
  const read = digitsOf(s, groups)
  if (read === undefined || read.digits === '') return undefined
  const digits = withoutCountryCode(read.digits, read.plus)
  if (isMobile(digits)) return extension === '' ? {kind: 'mobile', canonical: digits} : undefined
  let canonical = landline(digits)
  if (canonical === undefined && extension === '' && groups.length >= 3) {
    // 0731-84567890-123: a short last dash group is an extension.
    const last = groups[groups.length - 1] ?? ''
    if (last.length <= 5) {
      canonical = landline(withoutCountryCode(read.digits.slice(0, read.digits.length - last.length), read.plus))
      if (canonical !== undefined) extension = last
    }
  }
  if (canonical === undefined) return undefined
  return {kind: 'landline', canonical: extension === '' ? canonical : canonical + '转' + extension}
}

/** Reads a phone cell: mobile or landline with its canonical form, empty, or invalid. */
export function parsePhone(raw: string): ParsedPhone {
  // Fast path: a bare 11-digit mobile number.
  if (raw.length === 11 && isMobile(raw)) {
    let ok = true
    for (let i = 2; i < 11 && ok; i++) ok = isAsciiDigitCode(raw.charCodeAt(i))
    if (ok) return {kind: 'mobile', canonical: raw, canonicalChanged: false}
  }
  const s = toHalfWidth(trimSpaces(raw))
  if (s === '') return EMPTY
  if (!RE_MULTI.test(s)) {
    const one = parseOne(s)
    return one === undefined ? INVALID : {kind: one.kind, canonical: one.canonical, canonicalChanged: one.canonical !== raw}
  }
  const parts = s.split(RE_MULTI)
  let kind: One['kind'] | undefined
  let canonical = ''
  for (const p of parts) {
    if (trimSpaces(p) === '') continue
    const one = parseOne(p)
    if (one === undefined) return INVALID
    kind ??= one.kind
    canonical = canonical === '' ? one.canonical : canonical + '/' + one.canonical
  }
  if (kind === undefined) return INVALID
  return {kind, canonical, canonicalChanged: canonical !== raw}
}
