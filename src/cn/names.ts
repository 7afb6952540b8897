// Names of children, guardians and parents (姓名). Allowed: the Han ideographs of GB 18030
// (URO, Extensions A–I, compatibility ideographs), 〇, and the middle dot U+00B7 between the
// parts of a transliterated minority name (阿卜杜拉·艾买提).
//
// Decisions:
// - A single Han character is valid (rare but real, and 无/空/略 are caught as junk words).
// - Leading and trailing spaces are trimmed silently: they are invisible in Excel and every
//   reader trims cells; only inner spaces are NAME_FORMAT (张 三).
// - `format` is set only when the name is otherwise valid: it means "normalize fixes this".
// - A middle dot at either end or doubled is NAME_INVALID (no certain fix).
// - Private-use characters (rare characters typed with a custom font, 造字) are NAME_INVALID:
//   other departments cannot read or match them; the standard Unicode character is needed.
// - Kangxi radicals (U+2F00–U+2FD5), pasted from PDFs, look exactly like ideographs: folded to
//   the ideograph by NFKC and reported as NAME_FORMAT.

import {MIDDLE_DOT, isHanCodePoint, isMiddleDotLookalike, isSpaceCode, trimSpaces} from './text.js'

export interface Reason {
  zh: string
  en: string
}

export interface NameCheck {
  /** Inner spaces removed, full-width folded, middle-dot look-alikes → '·' (U+00B7). */
  cleaned: string
  /** NAME_INVALID reason. */
  invalid?: Reason
  /** NAME_FORMAT reason (only when not invalid). */
  format?: Reason
}

// Words that stand in for a missing name or describe a parent's situation instead of naming
// them. Matched against the whole cleaned name, case-insensitively.
const JUNK_WORDS = new Set([
  '离异', '离婚', '已离婚', '离异未归', '改嫁', '再婚', '无', '没有', '暂无', '无名', '不详', '未详', '未知', '不知',
  '不知道', '不清楚', '空', '空白', '缺', '略', '待定', '待查', '待补', '待填', '未填', '未录入', '同上', '同左', '见上',
  '测试', '某某', '某', '某人', '已故', '死亡', '去世', '病故', '亡故', '失踪', '失联', '外出', '服刑', '本人', '户主', '父亲',
  '母亲', '爷爷', '奶奶', '外公', '外婆', '姓名', '未取名', '未起名', '无姓名',
  'null', 'n/a', 'na', 'none', 'nil', 'nan', 'undefined', 'test', 'x', 'xx', 'xxx', '-', '--', '/', '\\', '?', '??', '*',
  '.', '·', '0',
])

const R_EMPTY: Reason = {zh: '为空', en: 'empty'}
const R_JUNK: Reason = {zh: '不是姓名（如“无”“不详”“离异”）', en: 'not a name (a placeholder or remark such as 无, 不详, 离异)'}
const R_PLACEHOLDER: Reason = {zh: '“某”“某某”是占位而非真实姓名', en: '某 / 某某 is a placeholder, not a real name'}
const R_DIGIT: Reason = {zh: '含数字', en: 'contains digits'}
const R_LATIN: Reason = {zh: '含拉丁字母', en: 'contains Latin letters'}
const R_PUA: Reason = {
  zh: '含私用区字符（自造字），其他系统无法识别；请改用标准汉字编码',
  en: 'contains a private-use character (a custom-font rare character) other systems cannot read; use the standard Unicode character',
}
const R_SYMBOL: Reason = {zh: '含不允许的符号', en: 'contains characters that are not allowed in a name'}
const R_DOT: Reason = {zh: '间隔号位置不对（不能在首尾或连用）', en: 'misplaced middle dot (at either end, or doubled)'}

const F_SPACES: Reason = {zh: '含空格', en: 'contains spaces'}
const F_DOT: Reason = {zh: '间隔号应为“·”（U+00B7）', en: 'the middle dot must be · (U+00B7)'}
const F_FULLWIDTH: Reason = {zh: '含全角字符', en: 'contains full-width characters'}
const F_RADICAL: Reason = {zh: '含外形同汉字的部首字符', en: 'contains radical characters that look like ideographs'}

// NAME_FORMAT causes as bit flags, so the per-name loop only ORs numbers.
const SPACES = 1
const DOT = 2
const FULLWIDTH = 4
const RADICAL = 8

const formatReasons = new Map<number, Reason>()
function formatReason(flags: number): Reason {
  let r = formatReasons.get(flags)
  if (r === undefined) {
    const parts: Reason[] = []
    if (flags & SPACES) parts.push(F_SPACES)
    if (flags & DOT) parts.push(F_DOT)
    if (flags & FULLWIDTH) parts.push(F_FULLWIDTH)
    if (flags & RADICAL) parts.push(F_RADICAL)
    r = {zh: parts.map((p) => p.zh).join('；'), en: parts.map((p) => p.en).join('; ')}
    formatReasons.set(flags, r)
  }
  return r
}

// Character classes, as plain numbers: the loop below runs on every name of every row.
const HAN = 0
const DOT_CHAR = 1
const OTHER = 2

function isLatin(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
}

/** Checks one name cell; see the module comment for the decisions. */
export function checkName(raw: string): NameCheck {
  const s = trimSpaces(raw)
  const n = s.length
  if (n === 0) return {cleaned: '', invalid: R_EMPTY}

  // Fast path: Han only (the common case) — nothing to clean.
  let i = 0
  for (; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) break
    if (!isHanCodePoint(c) && c !== 0x3007) break
  }
  if (i === n) return JUNK_WORDS.has(s) ? {cleaned: s, invalid: R_JUNK} : placeholderCheck(s)

  let cleaned = s.slice(0, i)
  let flags = 0
  let digit = false
  let latin = false
  let pua = false
  let symbol = false
  let badDot = false
  let prev = i > 0 ? HAN : -1
  for (; i < n; i++) {
    let cp = s.codePointAt(i) ?? 0
    if (cp > 0xffff) i++
    if (isSpaceCode(cp)) {
      flags |= SPACES
      continue
    }
    if (cp >= 0xff01 && cp <= 0xff5e) {
      cp -= 0xfee0
      if (cp !== 0x2e) flags |= FULLWIDTH
    }
    let kind: number
    if (isHanCodePoint(cp) || cp === 0x3007) {
      kind = HAN
      cleaned += String.fromCodePoint(cp)
    } else if (cp >= 0x2f00 && cp <= 0x2fd5) {
      kind = HAN
      flags |= RADICAL
      cleaned += String.fromCodePoint(cp).normalize('NFKC')
    } else if (cp === 0xb7 || isMiddleDotLookalike(cp)) {
      kind = DOT_CHAR
      if (cp !== 0xb7) flags |= DOT
      if (prev === -1 || prev === DOT_CHAR) badDot = true
      cleaned += MIDDLE_DOT
    } else {
      kind = OTHER
      if (cp >= 0x30 && cp <= 0x39) {
        digit = true
      } else if (isLatin(cp)) {
        latin = true
      } else if ((cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) {
        pua = true
      } else {
        symbol = true
      }
      cleaned += String.fromCodePoint(cp)
    }
    prev = kind
  }
  if (prev === DOT_CHAR) badDot = true

  const result: NameCheck = {cleaned}
  if (JUNK_WORDS.has(cleaned) || JUNK_WORDS.has(cleaned.toLowerCase())) result.invalid = R_JUNK
  else if (isPlaceholder(cleaned)) result.invalid = R_PLACEHOLDER
  else if (digit) result.invalid = R_DIGIT
  else if (latin) result.invalid = R_LATIN
  else if (pua) result.invalid = R_PUA
  else if (symbol) result.invalid = R_SYMBOL
  else if (badDot) result.invalid = R_DOT
  else if (cleaned.length === 0) result.invalid = R_EMPTY
  else if (flags !== 0) result.format = formatReason(flags)
  return result
}

// 张某某 and 李某 are how documents anonymise a person; nobody is named that.
function isPlaceholder(s: string): boolean {
  return s.includes('某某') || (s.length === 2 && s.charCodeAt(1) === 0x67d0)
}

function placeholderCheck(s: string): NameCheck {
  return isPlaceholder(s) ? {cleaned: s, invalid: R_PLACEHOLDER} : {cleaned: s}
}
