// Romanisation of personal names (姓名拼音) per GB/T 28039-2011: surname and given name as two
// words, each capitalised, the given name's syllables written together, ü kept (Lü Xin), an
// apostrophe before a syllable starting with a, o or e inside a word (Zhang Xin'an).
//
// Decisions:
// - Surnames read as surnames (单 Shan, 曾 Zeng, 解 Xie, 仇 Qiu, 区 Ou, 朴 Piao, 查 Zha) via
//   pinyin-pro's `surname: 'head'`, plus a few it reads wrongly (种 Chong, 重 Chong, 秘 Bi).
// - A compound surname (复姓) is recognised only in names of three characters or more (欧阳明月),
//   so a two-character 东方 stays 东 + 方. Compounds whose first character is itself a common
//   surname and whose second is a common given-name character (钟离, 宗政, 乐正) are left out:
//   宗政华 is far more often 宗 + 政华.
// - Minority names with ·: no surname in the Han sense. `splitSurname` treats the last part as
//   the surname (the father's name in Uyghur names, the family name in transliterated Western
//   names) and the other parts as the given name, unless the first part is a known clan name
//   (爱新觉罗·溥仪); `namePinyin` romanises each part in the written order.
// - nameInitials: one letter per character, compound surnames included (欧阳明月 → OYMY), as
//   Chinese information systems write 拼音首字母.
// - surnamePinyin and pinyinKey are comparison keys: lower case, toneless, ASCII (ü → v, as
//   typed on a keyboard), no spaces. namePinyin is for display and keeps ü.
// - Characters other than Han, 〇 and · are ignored. A Han character pinyin-pro cannot read
//   (rare Extension B+ characters) is kept as itself in namePinyin and the keys, so that
//   identical names still compare equal, and has no initial; 𠮷 (a variant of 吉) is read ji.

import {createRequire} from 'node:module'
import type * as PinyinPro from 'pinyin-pro'

import {MIDDLE_DOT, isHanCodePoint, isMiddleDotLookalike, isSpaceCode} from './text.js'

// pinyin-pro takes ~45 ms to load and ~20 ms more on first use (dictionaries); only normalize,
// dedupe, crosscheck and tokenize need it, so it is loaded on first use (createRequire).
let pinyinPro: typeof PinyinPro | undefined

// Asked for toneless syllables, pinyin-pro runs nine regex replacements on every syllable of
// every call: half its time on a name. There are only about 1,500 toned syllables, so each one's
// toneless form is made once, by pinyin-pro's own conversion, and remembered. The bound only
// matters for characters it cannot read, which come back as themselves.
const TONELESS_LIMIT = 20_000
const toneless = new Map<string, string>()

/** Toneless syllables (ü kept), one per code point; surname readings for the head when asked. */
function pinyinArray(text: string, surnameHead: boolean): string[] {
  const pp = (pinyinPro ??= createRequire(import.meta.url)('pinyin-pro') as typeof PinyinPro)
  const read = surnameHead ? pp.pinyin(text, {type: 'array', surname: 'head'}) : pp.pinyin(text, {type: 'array'})
  for (let i = 0; i < read.length; i++) {
    const syllable = read[i] ?? ''
    let plain = toneless.get(syllable)
    if (plain === undefined) {
      plain = pp.convert(syllable, {format: 'toneNone'}) as string
      if (toneless.size < TONELESS_LIMIT) toneless.set(syllable, plain)
    }
    read[i] = plain
  }
  return read
}

const COMPOUND_SURNAMES: ReadonlyMap<string, readonly string[]> = new Map(
  (
    [
      ['欧阳', 'ou yang'], ['太史', 'tai shi'], ['端木', 'duan mu'], ['上官', 'shang guan'], ['司马', 'si ma'],
      ['东方', 'dong fang'], ['独孤', 'du gu'], ['南宫', 'nan gong'], ['万俟', 'mo qi'], ['闻人', 'wen ren'],
      ['夏侯', 'xia hou'], ['诸葛', 'zhu ge'], ['尉迟', 'yu chi'], ['公羊', 'gong yang'], ['赫连', 'he lian'],
      ['澹台', 'tan tai'], ['皇甫', 'huang fu'], ['濮阳', 'pu yang'], ['公冶', 'gong ye'], ['太叔', 'tai shu'],
      ['申屠', 'shen tu'], ['公孙', 'gong sun'], ['慕容', 'mu rong'], ['仲孙', 'zhong sun'], ['长孙', 'zhang sun'],
      ['宇文', 'yu wen'], ['司徒', 'si tu'], ['鲜于', 'xian yu'], ['司空', 'si kong'], ['闾丘', 'lü qiu'],
      ['子车', 'zi ju'], ['亓官', 'qi guan'], ['司寇', 'si kou'], ['巫马', 'wu ma'], ['公西', 'gong xi'],
      ['颛孙', 'zhuan sun'], ['壤驷', 'rang si'], ['公良', 'gong liang'], ['漆雕', 'qi diao'],
      ['宰父', 'zai fu'], ['谷梁', 'gu liang'], ['拓跋', 'tuo ba'], ['夹谷', 'jia gu'], ['轩辕', 'xuan yuan'],
      ['令狐', 'ling hu'], ['段干', 'duan gan'], ['百里', 'bai li'], ['呼延', 'hu yan'], ['东郭', 'dong guo'],
      ['南门', 'nan men'], ['羊舌', 'yang she'], ['微生', 'wei sheng'], ['梁丘', 'liang qiu'], ['左丘', 'zuo qiu'],
      ['东门', 'dong men'], ['西门', 'xi men'], ['第五', 'di wu'], ['南荣', 'nan rong'], ['呼衍', 'hu yan'],
      ['完颜', 'wan yan'], ['爱新觉罗', 'ai xin jue luo'],
    ] as const
  ).map(([k, v]) => [k, v.split(' ')]),
)

// Surname readings pinyin-pro's surname mode gets wrong.
const SURNAME_READING: ReadonlyMap<string, string> = new Map([
  ['种', 'chong'],
  ['重', 'chong'],
  ['秘', 'bi'],
])

// Readings for name characters outside pinyin-pro's dictionary.
const EXTRA_READING: ReadonlyMap<string, string> = new Map([['𠮷', 'ji']])

interface Romanised {
  /** The surname as written (Han only), for splitSurname. */
  surname: string
  given: string
  surnameSyl: string[]
  /** Syllables per written word: [surname, given] for Han names, one per part for · names. */
  words: string[][]
}

function hasAstral(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) return true
  }
  return false
}

/** Spaces removed, full-width and dot look-alikes folded, anything but Han, 〇 and · dropped. */
function prepare(name: string): string {
  let i = 0
  while (i < name.length && isHanCodePoint(name.charCodeAt(i))) i++
  if (i === name.length) return name
  let out = name.slice(0, i)
  for (; i < name.length; i++) {
    let cp = name.codePointAt(i) ?? 0
    if (cp > 0xffff) i++
    if (isSpaceCode(cp)) continue
    if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0
    if (isHanCodePoint(cp) || cp === 0x3007) out += String.fromCodePoint(cp)
    else if (cp === 0xb7 || isMiddleDotLookalike(cp)) out += MIDDLE_DOT
    else if (cp >= 0x2f00 && cp <= 0x2fd5) out += String.fromCodePoint(cp).normalize('NFKC')
  }
  return out
}

function isPinyinSyllable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (!((c >= 0x61 && c <= 0x7a) || c === 0xfc)) return false
  }
  return s.length > 0
}

const charReadings = new Map<string, string>()
function readChar(ch: string): string {
  let r = charReadings.get(ch)
  if (r === undefined) {
    r = EXTRA_READING.get(ch) ?? pinyinArray(ch, false)[0] ?? ch
    if (!isPinyinSyllable(r)) r = ch
    if (charReadings.size < 100_000) charReadings.set(ch, r)
  }
  return r
}

/** One toneless syllable (ü kept) per character; the character itself when it has no reading. */
function syllables(text: string, asName: boolean): string[] {
  if (text === '') return []
  const read = pinyinArray(text, asName)
  // pinyin-pro returns one element per code point; only astral characters need Array.from.
  const chars: readonly string[] | string = hasAstral(text) ? Array.from(text) : text
  if (read.length !== chars.length) return Array.from(text, readChar)
  for (let i = 0; i < read.length; i++) {
    const r = read[i] ?? ''
    if (!isPinyinSyllable(r)) read[i] = readChar(chars[i] ?? r)
  }
  return read
}

function splitHan(name: string): [string, string] {
  const chars: readonly string[] | string = hasAstral(name) ? Array.from(name) : name
  if (chars.length >= 3) {
    const two = (chars[0] ?? '') + (chars[1] ?? '')
    if (COMPOUND_SURNAMES.has(two)) return [two, name.slice(two.length)]
    if (chars.length >= 5) {
      const four = chars.slice(0, 4)
      const key = typeof four === 'string' ? four : four.join('')
      if (COMPOUND_SURNAMES.has(key)) return [key, name.slice(key.length)]
    }
  }
  const first = chars[0] ?? ''
  return [first, name.slice(first.length)]
}

function romanise(prepared: string): Romanised {
  if (prepared.includes(MIDDLE_DOT)) {
    const parts = prepared.split(MIDDLE_DOT).filter((p) => p !== '')
    const words = parts.map((p) => syllables(p, false))
    // A clan name written first (爱新觉罗·溥仪) is the surname; otherwise the last part is.
    const first = parts[0] ?? ''
    const at = parts.length > 1 && COMPOUND_SURNAMES.has(first) ? 0 : parts.length - 1
    const fixed = COMPOUND_SURNAMES.get(parts[at] ?? '')
    if (fixed !== undefined) words[at] = fixed.slice()
    return {
      surname: parts[at] ?? '',
      given: parts.filter((_, i) => i !== at).join(MIDDLE_DOT),
      surnameSyl: words[at] ?? [],
      words,
    }
  }
  const [surname, given] = splitHan(prepared)
  const surnameSyl =
    COMPOUND_SURNAMES.get(surname)?.slice() ??
    (SURNAME_READING.has(surname) ? [SURNAME_READING.get(surname) ?? ''] : partSyllables(surnameReadings, surname, true).slice())
  return {surname, given, surnameSyl, words: [surnameSyl, partSyllables(givenReadings, given, false).slice()]}
}

// The surname and the given name are read apart and remembered apart: a few hundred surnames
// and far fewer given names than full names (a million-row roster had 214,000 distinct names),
// which keeps most names off pinyin-pro entirely (normalize: about 10% of its time). Reading the
// parts apart gave the same result as reading the whole name on all 213,754 distinct names of
// the 1M-row benchmark roster; on 37,189 other strings (random names, sample text) it differed
// on 62, all polyphones that pinyin-pro reads by their neighbour (了 liao/le, 着 zhuo/zhe),
// where the given name read on its own is no worse a guess.
const PART_CACHE_LIMIT = 100_000
const surnameReadings = new Map<string, readonly string[]>()
const givenReadings = new Map<string, readonly string[]>()

function partSyllables(cache: Map<string, readonly string[]>, text: string, asName: boolean): readonly string[] {
  let read = cache.get(text)
  if (read === undefined) {
    read = syllables(text, asName)
    if (cache.size >= PART_CACHE_LIMIT) cache.clear()
    cache.set(text, read)
  }
  return read
}

// Names repeat (siblings, the same child on several lists, common given names): results are
// cached. Cleared when full rather than evicted one by one, which keeps the hot path to one lookup.
const CACHE_LIMIT = 50_000
const cache = new Map<string, Romanised>()

function analyse(name: string): Romanised {
  let r = cache.get(name)
  if (r === undefined) {
    r = romanise(prepare(name))
    if (cache.size >= CACHE_LIMIT) cache.clear()
    cache.set(name, r)
  }
  return r
}

function capitalise(word: string): string {
  return word === '' ? '' : word.charAt(0).toUpperCase() + word.slice(1)
}

// GB/T 28039 / 汉语拼音正词法: an apostrophe separates a syllable starting with a, o or e from
// the one before it (Xin'an, not Xinan).
function joinWord(syl: readonly string[]): string {
  let out = ''
  for (let i = 0; i < syl.length; i++) {
    const s = syl[i] ?? ''
    const c = s.charCodeAt(0)
    if (i > 0 && (c === 0x61 || c === 0x6f || c === 0x65)) out += "'"
    out += s
  }
  return out
}

function toKey(syl: readonly string[]): string {
  let out = ''
  for (const s of syl) out += s
  return out.replaceAll('ü', 'v')
}

/** Surname and given name; a compound surname (欧阳) when the name has three characters or more. */
export function splitSurname(name: string): {surname: string; given: string} {
  const r = analyse(name)
  return {surname: r.surname, given: r.given}
}

/** 'Zhang Zihan', 'Ouyang Mingyue', 'Lü Xin', 'Abudula Aimaiti' (· names: each part, in order). */
export function namePinyin(name: string): string {
  let out = ''
  for (const w of analyse(name).words) {
    const word = capitalise(joinWord(w))
    if (word !== '') out = out === '' ? word : out + ' ' + word
  }
  return out
}

/** Upper-case first letter of every character's syllable: 张子涵 → ZZH, 欧阳明月 → OYMY. */
export function nameInitials(name: string): string {
  let out = ''
  for (const w of analyse(name).words) for (const s of w) if (isPinyinSyllable(s)) out += s.charAt(0)
  return out.toUpperCase()
}

/** The surname's reading as a comparison key: 单 → 'shan', 欧阳 → 'ouyang', 吕 → 'lv'. */
export function surnamePinyin(name: string): string {
  return toKey(analyse(name).surnameSyl)
}

/** Lower-case toneless syllables without spaces (王芳 and 王方 are both 'wangfang'), ü → v. */
export function pinyinKey(name: string): string {
  let out = ''
  for (const w of analyse(name).words) out += toKey(w)
  return out
}

/** The syllables of a name in written order (toneless, ü kept), e.g. for pinyin n-gram encodings. */
export function nameSyllables(name: string): string[] {
  return analyse(name).words.flat()
}

/** Everything a linkage key needs of a name, from one reading (the functions above, at once). */
export interface NameReading {
  surname: string
  given: string
  /** pinyinKey(name) */
  key: string
  /** surnamePinyin(name) */
  surnameKey: string
  /** nameSyllables(name) */
  syllables: string[]
  /** nameInitials(name) */
  initials: string
}

export function nameReading(name: string): NameReading {
  const r = analyse(name)
  let key = ''
  let initials = ''
  for (const w of r.words) {
    key += toKey(w)
    for (const syllable of w) if (isPinyinSyllable(syllable)) initials += syllable.charAt(0)
  }
  return {surname: r.surname, given: r.given, key, surnameKey: toKey(r.surnameSyl), syllables: r.words.flat(), initials: initials.toUpperCase()}
}
