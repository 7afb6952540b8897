// --explain: how the match probability of one pair of records was built, step by step from the
// prior, as Splink's waterfall chart shows it: each comparison's level, its weight in bits
// (log2 of m/u, the term-frequency adjustment included for names) and the running total, then
// the probability and the decision with the rules that capped it.

import {C_NAME, COMPARISONS, levelOf} from './comparisons.js'
import {type PairFacts, type Rule, verdictText} from './identity.js'
import {type LinkResult, scorePair} from './link.js'
import type {RecordStore} from './records.js'
import type {Lang, MaskMode, RecordRef} from '../findings/model.js'

export interface ExplainStep {
  key: string
  label: string
  level: string
  weight: number
  cumulative: number
  /** The two values compared (masked), when there are values to show. */
  values?: [string, string]
  m?: number
  u?: number
  note?: string
}

export interface Explanation {
  a: RecordRef
  b: RecordRef
  prior: number
  steps: ExplainStep[]
  weight: number
  probability: number
  thresholds: {match: number; possible: number}
  decision: 'match' | 'possible' | 'none'
  /** Why a pair scoring at or above the match threshold is not a match, or why it is never one child. */
  capped?: string
  /** The identity rule that decided (src/link/identity.ts). */
  rule: Rule
  /** Never one child, whatever the score: two valid numbers, or one number on two children. */
  guard: boolean
  /** Blocking keys the two records share (empty: never compared as candidates). */
  blockingKeys: string[]
  cluster: {match?: string; possible?: string; same: boolean}
}

/**
 * The levels of COMPARISONS (comparisons.ts) in Chinese, for --explain on a Chinese run; the JSON keeps
 * the level names, which are API (a cluster's evidence). tests/unit/link/explain-levels.test.ts
 * checks that every level has its label.
 */
export const LEVEL_ZH: Record<string, Record<string, string>> = {
  idNumber: {
    missing: '缺失',
    exact: '完全一致',
    '15-18-equivalent': '15 位与 18 位对应',
    'same-invalid': '相同（均无效）',
    'one-substitution': '一位之差',
    'adjacent-swap': '相邻两位颠倒',
    'excel-prefix': '表格软件保留的前 15 位一致',
    'excel-partial': '表格软件损坏，部分一致',
    'different-valid': '不同（均有效）',
    different: '不同',
    'few-digits': '两三位之差',
    'region-changed': '区划代码变更，其余一致',
    'same-region-and-birth': '区划与出生日期相同，顺序码不同',
  },
  name: {
    missing: '缺失',
    exact: '一致',
    variant: '繁简或异体字',
    homophone: '同音',
    lookalike: '形近字',
    swapped: '字序颠倒',
    'pinyin-close': '拼音相近',
    'one-character': '一字之差',
    'given-name-only': '仅名字相同',
    different: '不同',
  },
  birthDate: {
    missing: '缺失',
    exact: '一致',
    'lunar-gregorian': '农历与公历对应',
    'day-month-swap': '日、月颠倒',
    'year-month': '年月一致',
    near: '相近',
    'year-only': '仅年份一致',
    different: '不同',
  },
  gender: {missing: '缺失', same: '相同', different: '不同'},
  region: {missing: '缺失', village: '同村', town: '同乡镇', county: '同县', city: '同市', province: '同省', different: '不同'},
  household: {missing: '缺失', strong: '多项一致', one: '一项一致', none: '不一致'},
}

/**
 * Where two ID numbers differ (1-based positions), for a masked explanation: 430524********3785
 * twice says nothing when the numbers differ in a hidden digit. Positions reveal no digit.
 */
export function idDifference(a: string, b: string, lang: Lang): string | undefined {
  if (a === b || a === '' || b === '') return undefined
  const positions: number[] = []
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) positions.push(i + 1)
  if (a.length !== b.length) return lang === 'zh' ? `两个号码位数不同（${a.length} 位与 ${b.length} 位）` : `the numbers have ${a.length} and ${b.length} characters`
  const list = positions.length > 6 ? `${positions.slice(0, 6).join(lang === 'zh' ? '、' : ', ')}…` : positions.join(lang === 'zh' ? '、' : ', ')
  return lang === 'zh' ? `两个号码在第 ${list} 位不同（共 ${positions.length} 位）` : `the numbers differ at position${positions.length === 1 ? '' : 's'} ${list} (${positions.length} in all)`
}

function householdNote(s: RecordStore, a: number, b: number, lang: Lang): string {
  const d = s.representation.household(a, b)
  const parts: string[] = []
  if (lang === 'zh') {
    const same = {same: '相同', different: '不同', missing: ''}
    if (d.guardianId !== 'missing') parts.push(`监护人身份证号${same[d.guardianId]}`)
    if (d.phone !== 'missing') parts.push(`电话${same[d.phone]}`)
    if (d.namesCompared) parts.push(`${d.namesAgree} 个监护人/父母姓名相同`)
    return parts.join('，')
  }
  if (d.guardianId !== 'missing') parts.push(`guardian ID ${d.guardianId}`)
  if (d.phone !== 'missing') parts.push(`phone ${d.phone}`)
  if (d.namesCompared) parts.push(`${d.namesAgree} guardian/parent name(s) shared`)
  return parts.join(', ')
}

function sharedKeys(s: RecordStore, a: number, b: number): string[] {
  const out: string[] = []
  for (const key of s.representation.blockingKeys) {
    const va = new Set<string>()
    key.values(a, (v) => va.add(v))
    let shared = false
    key.values(b, (v) => {
      if (va.has(v)) shared = true
    })
    if (shared) out.push(key.id)
  }
  return out
}

/** The waterfall of one pair under the trained model of `link`. */
export function explainPair(s: RecordStore, link: LinkResult, a: number, b: number, mask: MaskMode = 'ids', lang: Lang = 'en'): Explanation {
  const model = link.model
  const representation = s.representation
  const compared = representation.compare(a, b)
  const pattern = link.identity.read(a, b, compared)
  const {weight, tf, probability} = scorePair(model, s, a, b, pattern)
  const steps: ExplainStep[] = []
  let cumulative = model.priorWeight
  COMPARISONS.forEach((c, k) => {
    const l = levelOf(pattern, k)
    const w = model.weights[k]![l]! + (k === C_NAME ? tf : 0)
    cumulative += w
    const step: ExplainStep = {key: c.key, label: c.en, level: c.labels[l]!, weight: w, cumulative}
    if (l !== 0) {
      step.m = model.m[k]![l]!
      step.u = model.u[k]![l]!
    }
    if (c.key === 'household') {
      const note = householdNote(s, a, b, lang)
      if (note) step.note = note
    } else if (c.key === 'idNumber' && pattern !== compared) {
      step.values = [representation.shownValue(a, c.key, mask), representation.shownValue(b, c.key, mask)]
      const carrier = link.identity.carries(a) ? s.label(a) : s.label(b)
      step.note = lang === 'zh' ? `${carrier} 的号码是另一个儿童的：不计入` : `the number on ${carrier} is another child's: not counted`
    } else {
      step.values = [representation.shownValue(a, c.key, mask), representation.shownValue(b, c.key, mask)]
      if (c.key === 'idNumber' && mask !== 'none' && representation.kind === 'plain') {
        // Masked numbers may differ only in hidden digits: say where, never which.
        const clear = (i: number) => representation.shownValue(i, c.key, 'none').split(' ')[0] ?? ''
        const difference = idDifference(clear(a), clear(b), lang)
        if (difference) step.note = difference
      }
    }
    if (k === C_NAME && tf !== 0) {
      const bits = `${tf >= 0 ? '+' : ''}${tf.toFixed(2)}`
      step.note = lang === 'zh' ? `含词频调整 ${bits}（常见姓名的一致说明力较弱）` : `term frequency ${bits} bits included`
    }
    if (k === C_NAME) {
      const note = representation.nameNote(a, b, lang)
      if (note !== undefined) step.note = step.note ? `${note}; ${step.note}` : note
    }
    steps.push(step)
  })
  const verdict = link.identity.judge(a, b, pattern)
  const guard = verdict.guard
  const {match, possible} = link.thresholds
  let decision: Explanation['decision'] = probability >= match && verdict.corroborated ? 'match' : probability >= possible ? 'possible' : 'none'
  let capped: string | undefined
  if (guard) decision = 'none'
  const facts: PairFacts = {
    labels: [s.label(a), s.label(b)],
    fits: [representation.idFit(a), representation.idFit(b)],
    acrossLists: s.ds[a] !== s.ds[b],
    twin: link.identity.hasTwin(a) || link.identity.hasTwin(b),
  }
  if (guard || probability >= match) capped = verdictText(verdict, pattern, facts, lang)
  const {matchOf, possibleOf, clusters} = link.clustering
  const cluster: Explanation['cluster'] = {same: matchOf[a]! >= 0 && matchOf[a] === matchOf[b]}
  if (matchOf[a]! >= 0 && matchOf[a] === matchOf[b]) cluster.match = clusters[matchOf[a]!]!.id
  if (possibleOf[a]! >= 0 && possibleOf[a] === possibleOf[b]) cluster.possible = clusters[possibleOf[a]!]!.id
  const out: Explanation = {
    a: s.ref(a),
    b: s.ref(b),
    prior: model.priorWeight,
    steps,
    weight,
    probability,
    thresholds: {match, possible},
    decision,
    rule: verdict.rule,
    guard,
    blockingKeys: sharedKeys(s, a, b),
    cluster,
  }
  if (capped !== undefined) out.capped = capped
  return out
}

/**
 * A record named on the command line (--explain): `ROW` (the only input, or the first), `DATASET:ROW`,
 * `FILE:ROW` or, in a dataset of several files, `DATASET:FILE:ROW` (FILE by its name alone will do;
 * `DATASET:ROW` is then the row of the first file that has it). Undefined when no record has that row.
 */
export function findRecord(store: RecordStore, spec: string): number | undefined {
  const m = /^(?:(.*):)?(\d+)$/.exec(spec.trim())
  if (!m) return undefined
  const row = Number(m[2])
  const name = m[1]
  const named = (file: string, n: string) => file === n || file.endsWith(`/${n}`) || file.endsWith(`\\${n}`)
  for (const d of store.datasets) {
    // The files of the dataset the spec can mean, in order.
    const files = d.files
      .map((file, k) => ({file, k}))
      .filter(({file}) => name === undefined || name === d.dataset || named(file, name) || (name.startsWith(`${d.dataset}:`) && named(file, name.slice(d.dataset.length + 1))))
    for (const {k} of files) {
      for (let i = d.first; i < d.first + d.count; i++) if (store.row[i] === row && store.file[i] === k) return i
    }
    if (files.length > 0) return undefined
  }
  return undefined
}

const TEXT = {

  zh: {
    title: '比对',
    head: ['字段', '级别', '权重', '累计', '值'],
    prior: '先验（任意两条记录为同一儿童）',
    probability: '匹配概率',
    decision: {match: '同一儿童（match）', possible: '待核查（possible）', none: '不同儿童'},
    thresholds: '阈值',
    capped: '未判为同一儿童：',
    keys: '共同的分块键',
    noKeys: '无（这两条记录不会被比对）',
    cluster: '所在组',
    labels: {idNumber: '身份证号', name: '姓名', birthDate: '出生日期', gender: '性别', region: '行政区划', household: '家庭'} as Record<string, string>,
  },
  en: {
    title: 'Comparing',
    head: ['field', 'level', 'weight', 'total', 'values'],
    prior: 'prior (two records are one child)',
    probability: 'match probability',
    decision: {match: 'same child (match)', possible: 'to review (possible)', none: 'different children'},
    thresholds: 'thresholds',
    capped: 'not a match: ',
    keys: 'blocking keys shared',
    noKeys: 'none (these records are never compared)',
    cluster: 'cluster',
    labels: {idNumber: 'ID number', name: 'name', birthDate: 'birth date', gender: 'sex', region: 'region', household: 'household'} as Record<string, string>,
  },
} as const

const signed = (x: number): string => (x >= 0 ? '+' : '') + x.toFixed(2)

function bar(weight: number): string {
  const n = Math.min(20, Math.round(Math.abs(weight)))
  return (weight >= 0 ? '+' : '-').repeat(n)
}

/** The waterfall as text for a terminal. */
export function renderExplanation(e: Explanation, lang: Lang): string {
  const t = TEXT[lang]
  const ref = (r: RecordRef): string => `${r.dataset}:${r.row}`
  const lines: string[] = []
  lines.push(`${t.title} ${ref(e.a)} ↔ ${ref(e.b)}`)
  lines.push('')
  const rows: string[][] = [[t.prior, '', signed(e.prior), signed(e.prior), bar(e.prior)]]
  for (const s of e.steps) {
    const values = s.values ? `${s.values[0] || '—'} | ${s.values[1] || '—'}` : (s.note ?? '')
    const level = lang === 'zh' ? (LEVEL_ZH[s.key]?.[s.level] ?? s.level) : s.level
    rows.push([t.labels[s.key] ?? s.label, level, signed(s.weight), signed(s.cumulative), `${bar(s.weight).padEnd(20)} ${values}`])
    if (s.values && s.note) rows.push(['', '', '', '', `${''.padEnd(20)} ${s.note}`])
  }
  const width = (c: number): number => Math.max(...[t.head, ...rows].map((r) => [...(r[c] ?? '')].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)))
  const pad = (text: string, w: number, right = false): string => {
    const len = [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)
    return right ? ' '.repeat(Math.max(0, w - len)) + text : text + ' '.repeat(Math.max(0, w - len))
  }
  const widths = [0, 1, 2, 3].map(width)
  const fmt = (r: string[]): string => [pad(r[0]!, widths[0]!), pad(r[1]!, widths[1]!), pad(r[2]!, widths[2]!, true), pad(r[3]!, widths[3]!, true), r[4] ?? ''].join('  ').trimEnd()
  lines.push(fmt([...t.head]))
  for (const r of rows) lines.push(fmt(r))
  lines.push('')
  lines.push(`${t.probability}: ${e.probability.toFixed(6)} (${signed(e.weight)} bits) → ${t.decision[e.decision]}`)
  lines.push(`${t.thresholds}: match ≥ ${e.thresholds.match}, possible ≥ ${e.thresholds.possible}`)
  if (e.capped) lines.push(`${t.capped}${e.capped}`)
  lines.push(`${t.keys}: ${e.blockingKeys.length > 0 ? e.blockingKeys.join(', ') : t.noKeys}`)
  if (e.cluster.match || e.cluster.possible) lines.push(`${t.cluster}: ${[e.cluster.match, e.cluster.possible].filter(Boolean).join(', ')}`)
  return lines.join('\n') + '\n'
}
