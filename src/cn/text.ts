// Character-level helpers shared by the Chinese primitives. They work on UTF-16 code units or
// code points with plain comparisons: they run on every cell of million-row rosters, so no
// regular expressions and no allocation unless the string really changes.

/**
 * Full-width ASCII (U+FF01–U+FF5E) → ASCII and the ideographic space U+3000 → ' '.
 * Chinese input methods in full-width mode (全角) type ４３０… and ｘ; Excel keeps them as text.
 */
export function toHalfWidth(s: string): string {
  const n = s.length
  let i = 0
  for (; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c === 0x3000 || (c >= 0xff01 && c <= 0xff5e)) break
  }
  if (i === n) return s
  let out = s.slice(0, i)
  for (; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c === 0x3000) out += ' '
    else if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0)
    else out += s[i]
  }
  return out
}

/** True when `c` is a full-width ASCII code unit or the ideographic space. */
export function isFullWidthCode(c: number): boolean {
  return c === 0x3000 || (c >= 0xff01 && c <= 0xff5e)
}

/**
 * Whitespace as spreadsheets and copy-paste leave it: ASCII blanks, NBSP, the ideographic
 * space, zero-width spaces and the BOM (a BOM inside a cell comes from pasted UTF-8 text).
 */
export function isSpaceCode(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x3000 ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x1680 ||
    c === 0xfeff
  )
}

/** `s` without leading and trailing {@link isSpaceCode} characters (String.trim misses U+200B). */
export function trimSpaces(s: string): string {
  let start = 0
  let end = s.length
  while (start < end && isSpaceCode(s.charCodeAt(start))) start++
  while (end > start && isSpaceCode(s.charCodeAt(end - 1))) end--
  return start === 0 && end === s.length ? s : s.slice(start, end)
}

/**
 * Han ideographs of GB 18030-2022: the URO block, Extensions A–I and the compatibility
 * ideographs (names such as 䶮 U+4DAE or 𠮷 U+20BB7 live outside the basic block).
 */
export function isHanCodePoint(cp: number): boolean {
  if (cp < 0x3400) return false
  if (cp <= 0x4dbf) return true // Extension A
  if (cp >= 0x4e00 && cp <= 0x9fff) return true // URO
  if (cp >= 0xf900 && cp <= 0xfaff) return true // compatibility ideographs
  if (cp < 0x20000) return false
  if (cp <= 0x2a6df) return true // B
  if (cp >= 0x2a700 && cp <= 0x2ee5f) return true // C, D, E, F, I
  if (cp >= 0x2f800 && cp <= 0x2fa1f) return true // compatibility supplement
  if (cp >= 0x30000 && cp <= 0x323af) return true // G, H
  return false
}

/** U+00B7, the only middle dot GB/T 28039 and the public-security systems accept in names. */
export const MIDDLE_DOT = '\u00b7'

/**
 * Characters that people type instead of U+00B7 between the parts of a transliterated name:
 * the katakana middle dot of Japanese input methods, bullets, Greek ano teleia (which NFC turns
 * into U+00B7 anyway), the hyphenation point, full stops and the like.
 */
export function isMiddleDotLookalike(cp: number): boolean {
  switch (cp) {
    case 0x002e: // .
    case 0x0387: // Greek ano teleia
    case 0x16eb: // runic single punctuation
    case 0x2022: // bullet •
    case 0x2024: // one dot leader
    case 0x2027: // hyphenation point ‧
    case 0x2219: // bullet operator ∙
    case 0x22c5: // dot operator ⋅
    case 0x25cf: // black circle ●
    case 0x2e31: // word separator middle dot
    case 0x3002: // ideographic full stop 。
    case 0x30fb: // katakana middle dot ・
    case 0x318d: // Hangul araea
    case 0xa78f: // Latin letter sinological dot
    case 0xfe52: // small full stop
    case 0xff0e: // full-width full stop ．
    case 0xff61: // half-width ideographic full stop
    case 0xff65: // half-width katakana middle dot ･
      return true
    default:
      return false
  }
}

/** ASCII decimal digit code unit. */
export function isAsciiDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39
}

// Two-digit strings '00'…'99', so that building ISO dates does not call padStart per field.
export const PAD2: readonly string[] = Array.from({length: 100}, (_, i) => (i < 10 ? '0' : '') + String(i))

/** 'YYYY-MM-DD' for a year of four digits; callers guarantee the ranges. */
export function isoDate(year: number, month: number, day: number): string {
  return String(year) + '-' + (PAD2[month] ?? '') + '-' + (PAD2[day] ?? '')
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** Days in a Gregorian month; 0 for a month outside 1–12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return MONTH_DAYS[month] ?? 0
}
