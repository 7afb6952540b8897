// Traditional and simplified forms of names (繁简): 張子涵 and 张子涵 are the same name. Old
// household registers, Hong Kong and Taiwan input methods and some ID systems write traditional
// or variant characters; comparing names folds them to simplified first.
//
// Decisions:
// - OpenCC (opencc-js, Apache-2.0) with the Hong Kong → mainland configuration (hk2s), applied
//   character by character. Hong Kong rather than Taiwan: tw2s turns the simplified 么 into 幺
//   and 著 into 着, which a name must keep. Character by character rather than by phrase:
//   OpenCC's phrase table is for words (乾坤, 著名), and a name's characters are not a word,
//   so one character's result must not depend on its neighbours.
// - Kept as written (KEEP): characters that are standard simplified characters in names but
//   that OpenCC, alone, folds to another character: 乾 (qián, as in 乾隆; 干 is a different
//   character), 於 (the surname Yū), 昇 and 陞 (name characters; OpenCC's own phrase list keeps
//   them in personal names such as 李昇 and 楊聯陞). Those pairs sound the same, so the
//   same-pinyin comparison still links 李昇 and 李升.
// - Also folded (NAME_VARIANTS): variant characters that OpenCC leaves alone, each a certain
//   variant of one standard character (第一批异体字整理表, or a Japanese or Korean glyph form that
//   Unicode encodes apart): 髙→高, 淸→清, 靑→青, 吿→告, 硏→研, 栢→柏, 寳→宝, 冨→富, 暎→映,
//   煕/熈→熙, 峩→峨, 碁→棋, 呉→吴, 姫→姬, 兎→兔, 嶋→岛, 﨑→崎. Not folded: 堃/坤, 喆/哲, 淼/渺,
//   犇/奔, 甯/宁, 凃/涂: each is a standard character of its own for names or surnames.
// - The result is a comparison key, not a correction: normalize must not write it back over a
//   name (昇 and 乾 are kept, but 後 becomes 后 whatever the person's papers say).
// - opencc-js's traditional-to-simplified build (110 KB) is loaded on first use; each
//   character's result is cached, and a name without a character to fold is returned as is.

import {createRequire} from 'node:module'
import type * as OpenCC from 'opencc-js'

const KEEP: ReadonlySet<string> = new Set(['乾', '於', '昇', '陞'])

const NAME_VARIANTS: ReadonlyMap<string, string> = new Map([
  ['髙', '高'],
  ['淸', '清'],
  ['靑', '青'],
  ['吿', '告'],
  ['硏', '研'],
  ['栢', '柏'],
  ['寳', '宝'],
  ['冨', '富'],
  ['暎', '映'],
  ['煕', '熙'],
  ['熈', '熙'],
  ['峩', '峨'],
  ['碁', '棋'],
  ['呉', '吴'],
  ['姫', '姬'],
  ['兎', '兔'],
  ['嶋', '岛'],
  ['﨑', '崎'],
])

let converter: OpenCC.ConverterFunction | undefined
// Code point → its simplified form; only characters that change are stored with a different
// value, so a lookup answers "unchanged" without building a string.
const cache = new Map<number, string>()

function foldOnce(ch: string): string {
  if (KEEP.has(ch)) return ch
  const variant = NAME_VARIANTS.get(ch)
  if (variant !== undefined) return variant
  converter ??= (createRequire(import.meta.url)('opencc-js/t2cn') as typeof OpenCC).Converter({from: 'hk', to: 'cn'})
  return converter(ch)
}

function simplifyCodePoint(cp: number, ch: string): string {
  const hit = cache.get(cp)
  if (hit !== undefined) return hit
  // A fold can land on a character that folds again (薴 → 苧 → 苎; U+2F870, the compatibility
  // form of 寳, → 寳 → 宝): fold until nothing changes, so that the key of a key is the key.
  let out = foldOnce(ch)
  for (let n = 0; n < 4 && out !== ch; n++) {
    const next = Array.from(out, foldOnce).join('')
    if (next === out) break
    out = next
  }
  cache.set(cp, out)
  return out
}

/** True for code points OpenCC or NAME_VARIANTS may change: CJK ideographs and compatibility forms. */
function mayFold(cp: number): boolean {
  return cp >= 0x3400
}

/**
 * The name with traditional and variant characters folded to simplified, as a comparison key:
 * 張子涵 → 张子涵, 歐陽 → 欧阳, 髙 → 高. Simplified input and non-Han characters are unchanged.
 */
export function toSimplified(name: string): string {
  let out: string | undefined
  let i = 0
  while (i < name.length) {
    const cp = name.codePointAt(i) as number
    const width = cp > 0xffff ? 2 : 1
    if (mayFold(cp)) {
      const ch = width === 1 ? name[i]! : name.slice(i, i + 2)
      const s = simplifyCodePoint(cp, ch)
      if (s !== ch) out = (out ?? name.slice(0, i)) + s
      else if (out !== undefined) out += ch
    } else if (out !== undefined) out += width === 1 ? name[i] : name.slice(i, i + 2)
    i += width
  }
  return out ?? name
}

/** True when two names are equal once traditional and variant characters are folded (劉/刘). */
export function sameUpToVariants(a: string, b: string): boolean {
  return a === b || toSimplified(a) === toSimplified(b)
}
