// A cell's value rendered as the text a person sees in Excel. The rules are those the exceljs-based
// reader applied (a number is a date when its format shows one, in one of two tests; Excel's 15
// significant digits; a handful of simple formats), so that a roster reads the same text as before.

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

export function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return ''
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
  const h = d.getUTCHours()
  const m = d.getUTCMinutes()
  const s = d.getUTCSeconds()
  if (h === 0 && m === 0 && s === 0) return date
  const time = `${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`
  // Excel's day zero carries pure times.
  return date === '1899-12-30' ? time : `${date} ${time}`
}

/** Expands `4.30102200105061e+17` to `430102200105061000`: Excel keeps 15 significant digits. */
export function plainDigits(n: number): string {
  const [mantissa = '0', exp = '0'] = n.toPrecision(15).split('e')
  const e = Number(exp)
  const negative = mantissa.startsWith('-')
  const [intPart = '0', frac = ''] = mantissa.replace('-', '').split('.')
  let digits = intPart + frac
  const pointAt = intPart.length + e
  let out: string
  if (pointAt >= digits.length) out = digits + '0'.repeat(pointAt - digits.length)
  else if (pointAt <= 0) out = `0.${'0'.repeat(-pointAt)}${digits}`
  else out = `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`
  if (out.includes('.')) out = out.replace(/\.?0+$/, '')
  digits = out
  return negative ? `-${digits}` : digits
}

export function formatNumber(n: number, numFmt: string | undefined): string {
  if (!Number.isFinite(n)) return String(n)
  const fmt = (numFmt ?? 'General').split(';')[0]!.trim()
  if (/%$/.test(fmt)) {
    const decimals = /\.(0+)%$/.exec(fmt)?.[1]?.length ?? 0
    return `${(n * 100).toFixed(decimals)}%`
  }
  const zeroPad = /^(0+)$/.exec(fmt)
  if (zeroPad && Number.isInteger(n) && n >= 0 && n < 1e15) return String(n).padStart(zeroPad[1]!.length, '0')
  const fixed = /^#?,?#*0*\.(0+)$/.exec(fmt)
  if (fixed && Math.abs(n) < 1e15) return n.toFixed(fixed[1]!.length)
  return plainDigits(n)
}

/**
 * The first of the two date tests: the one exceljs applies while loading (date letters, lowercase
 * but for `M`, once `[...]` and quoted text are removed). A number that passes it was a date
 * before any rendering, even one that no calendar holds (then it shows as nothing).
 */
export function isLoadDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false
  return /[ymdhMsb]/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''))
}

/**
 * The second: date letters in either case once quoted text, `[...]` sections and escapes are
 * removed. `General` and scientific `0.00E+00` have none of these letters.
 */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false
  const bare = numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '')
  return /[ymdhsb]/i.test(bare)
}

/** A serial as exceljs turns it into a date (its rounding, so that seconds fall the same way). */
export function loadSerialToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000))
}

function serialToDate(serial: number, date1904: boolean): Date {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30)
  return new Date(epoch + Math.round(serial * 86_400_000))
}

export interface CellText {
  text: string
  longNumber: boolean
}

export const EMPTY: CellText = {text: '', longNumber: false}

interface FormatKind {
  loadDate: boolean
  date: boolean
}

const GENERAL: FormatKind = {loadDate: false, date: false}
const kinds = new Map<string, FormatKind>()

/** Both date tests of a format, computed once per format code. */
export function formatKind(numFmt: string | undefined): FormatKind {
  if (!numFmt) return GENERAL
  let kind = kinds.get(numFmt)
  if (!kind) {
    kind = {loadDate: isLoadDateFormat(numFmt), date: isDateFormat(numFmt)}
    if (kinds.size < 10_000) kinds.set(numFmt, kind)
  }
  return kind
}

/** A number cell: a date when its format says so, else digits as Excel shows them. */
export function renderNumber(value: number, numFmt: string | undefined, date1904: boolean): CellText {
  const kind = formatKind(numFmt)
  if (kind.loadDate) return {text: formatDate(loadSerialToDate(value, date1904)), longNumber: false}
  if (kind.date) {
    const date = formatDate(serialToDate(value, date1904))
    if (date) return {text: date, longNumber: false}
  }
  return {text: formatNumber(value, numFmt), longNumber: Number.isInteger(value) && Math.abs(value) >= 1e15}
}

/** `&lt;` and its kin decoded once more, as exceljs does for text typed `str` (quirk kept). */
export function xmlDecodeAgain(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case '&lt;':
        return '<'
      case '&gt;':
        return '>'
      case '&amp;':
        return '&'
      case '&apos;':
        return "'"
      case '&quot;':
        return '"'
      default:
        return c
    }
  })
}

/** Excel's escape of a character XML cannot hold, `_x000D_`, in shared and rich text. */
export function decodeExcelEscapes(text: string): string {
  if (!text.includes('_x')) return text
  return text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}
