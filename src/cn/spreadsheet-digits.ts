// What a spreadsheet keeps of an 18-digit ID number held as a number: 15 significant digits, the
// rest zeros. Excel cuts after the fifteenth; LibreOffice rounds, from the nearest double's
// sixteenth digit. A roster that went through either holds 433122201103250000 or
// 433122201103251000 for 433122201103250473; linkage must know both for the same child.

/**
 * Whether a spreadsheet keeping `kept.length` significant digits of the number `digits` can show
 * `kept`: Excel cuts after the fifteenth (…291658 → …291000), LibreOffice rounds, from the
 * nearest double's sixteenth digit (…250473 → …2505 → …251000).
 */
export function keptBySpreadsheet(digits: string, kept: string): boolean {
  const n = kept.length
  return digits.slice(0, n) === kept || roundedDigits(digits, n) === kept || roundedDigits(roundedDigits(digits, n + 1), n) === kept
}

/** The first n digits of a number's digits, rounded at the next one (half up), as a spreadsheet shows them. */
export function roundedDigits(digits: string, n: number): string {
  if (digits.length <= n) return digits
  const next = digits.charCodeAt(n) - 48
  if (!(next >= 5 && next <= 9)) return digits.slice(0, n)
  const out = digits.slice(0, n).split('')
  for (let k = n - 1; k >= 0; k--) {
    if (out[k] !== '9') {
      out[k] = String(Number(out[k]) + 1)
      return out.join('')
    }
    out[k] = '0'
  }
  return '1' + out.join('')
}
