// Hostile input for the property tests: what a roster cell can hold after Excel, WPS, a database
// export or an attacker had it — every code point (lone surrogates, NUL, bidi controls), the
// characters the parsers care about, and runs long enough to expose super-linear work.
import fc from 'fast-check'

/**
 * Cases per property: 10,000 for pure functions (issue #8: "at least 10,000 cases per property in
 * CI"); LIUSHOU_FC_RUNS raises or lowers it for a local soak.
 */
export const RUNS = Number(process.env.LIUSHOU_FC_RUNS ?? 10_000)

/** Fewer cases for properties that write a file or unzip a workbook per case (see docs/hardening.md). */
export const FILE_RUNS = Number(process.env.LIUSHOU_FC_FILE_RUNS ?? 2_000)
export const WORKBOOK_RUNS = Number(process.env.LIUSHOU_FC_WORKBOOK_RUNS ?? 1_000)

const TOKENS = [
  ...'0123456789０１２３４５６７８９xXｘＸ',
  ' ', '\u3000', '\t', '\u00a0', '\u200b', '\ufeff', "'", '’', '"', ',', ';', '|', '\r', '\n', '\r\n', '\0',
  '.', '-', '/', '+', 'E+17', 'e', ':', '年', '月', '日', '号', '上午', 'T', 'Z',
  '·', '•', '・', '．', '﹒', '\u2027', '张', '王', '李', '欧阳', '阿依古丽', '吉𠮷', '䶮', '汨', '汩', '乾', '幹',
  '男', '女', '1', '2', '9', '汉族', '苗', '土家族', '离异', '无', '不详', '祖辈监护', '外出务工',
  '433122', '4301', '110101', '810000', '13812345678', '0743-', '+86', '省', '市', '县', '镇', '街道', '村', '社区', '居委会',
  '=', '@', '=cmd|', '\u202e', '\u2066', '\u001b[31m', '\ufffd', '\ud800', '\udfff', '😀', '👨‍👩‍👧', '\u{10ffff}', '\u0301',
]

/** A string of tokens that matter to the parsers, mixed with arbitrary code points. */
export const tokenString = (maxLength = 24): fc.Arbitrary<string> =>
  fc.array(fc.oneof({arbitrary: fc.constantFrom(...TOKENS), weight: 4}, {arbitrary: fc.string({unit: 'binary', maxLength: 3}), weight: 1}), {maxLength}).map((parts) => parts.join(''))

/** Lone surrogates and other broken UTF-16 that no file decodes to but a caller could pass. */
const brokenUtf16 = fc.array(fc.integer({min: 0xd800, max: 0xdfff}), {maxLength: 4}).map((codes) => String.fromCharCode(...codes))

/** Any string a cell could hold: mostly short, sometimes long enough to catch quadratic work. */
export const hostile: fc.Arbitrary<string> = fc.oneof(
  {arbitrary: tokenString(), weight: 6},
  {arbitrary: fc.string({unit: 'binary', maxLength: 40}), weight: 3},
  {arbitrary: fc.string({unit: 'grapheme', maxLength: 40}), weight: 2},
  {arbitrary: fc.tuple(tokenString(6), brokenUtf16, tokenString(6)).map((p) => p.join('')), weight: 1},
  {arbitrary: fc.tuple(fc.constantFrom(...TOKENS), fc.integer({min: 200, max: 5000})).map(([t, n]) => t.repeat(n).slice(0, 20_000)), weight: 1},
)

/** Digits of a given length (an ID body), sometimes full-width. */
export const digits = (n: number): fc.Arbitrary<string> => fc.array(fc.integer({min: 0, max: 9}), {minLength: n, maxLength: n}).map((d) => d.join(''))

/** Integers of every size a cell or a caller could carry, NaN and infinities included. */
export const anyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer({min: -3000, max: 3000}),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 1e300, 5e-324),
)

/** ISO dates across the whole proleptic range a Date can hold, and strings that only look like one. */
export const isoish: fc.Arbitrary<string> = fc.oneof(
  fc.date({min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true}).map((d) => d.toISOString().slice(0, 10)),
  fc.tuple(fc.integer({min: 0, max: 99999}), fc.integer({min: -1, max: 14}), fc.integer({min: -1, max: 40})).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  hostile,
)
