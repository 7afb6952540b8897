// The Fellegi–Sunter model of one linkage run, learnt from the data itself (no labels):
//
// - m (how often a true match lands on each level) by EM over the candidate pairs' comparison
//   vectors (see em.ts), started from documented priors, or from the pairs with equal valid IDs
//   when there are enough of them;
// - u (how often a non-match does) from random pairs of records, as Splink does: blocking makes
//   candidate non-matches agree far more often than pairs at large (they were blocked *because*
//   they share a birth date or a surname), so their u would understate the evidence. A random
//   pair that happens to be a candidate counts with its EM non-match probability;
// - λ, the prior probability that two records are one child: the matches EM expects among the
//   candidates over all pairs of records;
// - a term-frequency adjustment (Splink's TF adjustment, fastLink's down-weighting of common
//   names): agreeing on 张子涵 is weaker evidence than agreeing on a rare name.
//
// A pair's match weight is log2 of the prior odds plus, per comparison, log2(m/u) of its level
// (plus the TF adjustment for names); its probability is 1 / (1 + 2^-weight).

import {BIRTH, BITS, C_BIRTH, C_ID, C_NAME, COMPARISONS, ID, NAME} from './comparisons.js'
import {type EmResult, estimate, levelAt, posterior} from './em.js'
import {PAIR_SHIFT} from './pairs.js'
import type {RecordStore} from './records.js'

export interface ModelOptions {
  /** Only pairs across datasets are ever compared (crosscheck). */
  acrossOnly?: boolean
  /** Random pairs sampled for u (default 1,000,000; all pairs when there are fewer). */
  sampleSize?: number
  seed?: number
}

export interface LinkModel {
  /** Prior probability that two records (of all pairs) are one child. */
  lambda: number
  /** log2(λ / (1 − λ)). */
  priorWeight: number
  m: number[][]
  u: number[][]
  /** log2(m/u) per comparison and level (0 for `missing`). */
  weights: number[][]
  em: {
    candidates: number
    patterns: number
    /** Share of matches among the candidate pairs. */
    lambda: number
    iterations: number
    converged: boolean
    /** The training sessions that estimated m (a session with too few pairs keeps the priors). */
    sessions: {name: string; pairs: number; iterations: number; used: boolean}[]
    /** Set when the estimated m was not plausible and the priors were used instead (and why). */
    fallback?: string
  }
  /** Random pairs behind u (all pairs when `exhaustive`). */
  sampled: number
  exhaustive: boolean
  /** Expected matches among all pairs (EM's estimate). */
  expectedMatches: number
  tf: {nameSumSq: number; pinyinSumSq: number}
}

/** Weight of the prior u (COMPARISONS[].priorU), in random pairs. */
const PRIOR_U_PAIRS = 1000
/** Prior share of rows that repeat another (added to EM's expected matches). */
const PRIOR_DUPLICATE_RATE = 0.005

const log2 = Math.log2

function priors(): number[][] {
  return COMPARISONS.map((c) => c.priorM.slice())
}

/** Level frequencies of the patterns (a first guess of u: most candidates are non-matches). */
function marginals(patterns: number[], counts: number[]): number[][] {
  const out = COMPARISONS.map((c) => new Array<number>(c.labels.length).fill(0.5))
  patterns.forEach((p, i) => {
    for (let k = 0; k < COMPARISONS.length; k++) {
      const l = levelAt(p, k, BITS)
      if (l !== 0) out[k]![l]! += counts[i]!
    }
  })
  return out
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function isCandidate(pairs: Float64Array, a: number, b: number): boolean {
  const key = a < b ? a * PAIR_SHIFT + b : b * PAIR_SHIFT + a
  let lo = 0
  let hi = pairs.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const v = pairs[mid]!
    if (v === key) return true
    if (v < key) lo = mid + 1
    else hi = mid - 1
  }
  return false
}

interface Session {
  name: string
  fixed: number[]
  pairs: number
  iterations: number
  /** Estimated m, or undefined when the session had too few pairs. */
  m?: number[][]
}

/** Fewest pairs a training session needs to estimate m. */
const MIN_SESSION_PAIRS = 30

/**
 * EM over the patterns `select` accepts, with the comparisons of the rule (`fixed`) blanked out
 * (they agree by construction and would say nothing).
 */
function runSession(name: string, patterns: number[], counts: number[], select: (p: number) => boolean, fixed: number[], uStart: number[][], anchor: (p: number) => number | undefined): Session {
  const ps: number[] = []
  const cs: number[] = []
  let pairs = 0
  let mask = 0
  for (const k of fixed) mask |= 0xf << (k * BITS)
  patterns.forEach((p, i) => {
    if (!select(p)) return
    ps.push(p & ~mask)
    cs.push(counts[i]!)
    pairs += counts[i]!
  })
  if (pairs < MIN_SESSION_PAIRS) return {name, fixed, pairs, iterations: 0}
  // The anchors are read on the full pattern; blanked patterns are anchored by index.
  const anchors = new Map<number, number | undefined>()
  patterns.forEach((p) => {
    if (select(p)) anchors.set(p & ~mask, anchors.has(p & ~mask) && anchors.get(p & ~mask) !== anchor(p) ? undefined : anchor(p))
  })
  const em = estimate(ps, cs, {lambda: 0.9, m: priors(), u: uStart}, {priorM: priors(), strength: 20, anchor: (p) => anchors.get(p)})
  return {name, fixed, pairs, iterations: em.iterations, m: em.m}
}

/** m is plausible when matches mostly agree on name and on birth date, as one child's records do. */
function implausible(m: number[][]): string | undefined {
  const nameAgree = m[C_NAME]!.slice(NAME.EXACT, NAME.SWAPPED + 1).reduce((x, y) => x + y, 0)
  const birthAgree = m[C_BIRTH]!.slice(BIRTH.EXACT, BIRTH.PARTIAL + 1).reduce((x, y) => x + y, 0)
  if (nameAgree < 0.5) return `names agree in only ${(nameAgree * 100).toFixed(0)}% of the estimated matches`
  if (birthAgree < 0.5) return `birth dates agree in only ${(birthAgree * 100).toFixed(0)}% of the estimated matches`
  return undefined
}

/**
 * Trains the model on the candidate pairs (`pairs`, packed and sorted, with their comparison
 * vectors `patterns`).
 */
export function trainModel(s: RecordStore, pairs: Float64Array, patterns: Uint32Array, allPairs: number, options: ModelOptions = {}): LinkModel {
  // Distinct vectors and their counts.
  const byPattern = new Map<number, number>()
  for (let i = 0; i < patterns.length; i++) byPattern.set(patterns[i]!, (byPattern.get(patterns[i]!) ?? 0) + 1)
  const distinct = [...byPattern.keys()]
  const counts = distinct.map((p) => byPattern.get(p)!)
  const total = patterns.length

  // m by EM in two training sessions, as Splink does: each session looks at the pairs that agree
  // on one rule and estimates the m of the comparisons the rule leaves free. One EM over all
  // candidates would find families instead of children (siblings share guardian, phone, village
  // and surname; blocking on guardian and phone brings every sibling pair in).
  //   A: the same valid ID (one child, with near certainty) → name, birth date, sex, region, household;
  //   B: the same written name and birth date → ID (and sex, region, household when A is empty).
  // Anchors fix the class of the pairs whose IDs decide it: equal valid IDs a match, different
  // valid IDs not. Too few pairs for a session: its comparisons keep the documented priors.
  const anchor = (p: number): number | undefined => {
    const id = levelAt(p, C_ID)
    return id === ID.EXACT || id === ID.LEGACY15 ? 1 : id === ID.DIFFERENT_VALID ? 0 : undefined
  }
  const uStart = marginals(distinct, counts)
  const sessionA = runSession('same-id', distinct, counts, (p) => anchor(p) === 1, [C_ID], uStart, anchor)
  const sessionB = runSession(
    'same-name-and-birth',
    distinct,
    counts,
    (p) => {
      const n = levelAt(p, C_NAME)
      return (n === NAME.EXACT || n === NAME.VARIANT) && levelAt(p, C_BIRTH) === BIRTH.EXACT
    },
    [C_NAME, C_BIRTH],
    uStart,
    anchor,
  )
  const m = priors()
  const from = (session: Session, k: number): boolean => {
    if (session.m === undefined || session.fixed.includes(k)) return false
    m[k] = session.m[k]!
    return true
  }
  for (let k = 0; k < COMPARISONS.length; k++) if (!from(sessionA, k)) from(sessionB, k)
  const fallback = implausible(m)
  if (fallback !== undefined) m.splice(0, m.length, ...priors())
  // λ (and the candidates' own u) by EM over every candidate, m held.
  const em: EmResult = estimate(distinct, counts, {lambda: 0.05, m, u: uStart}, {fixedM: true, anchor})

  // u from random pairs; a sampled pair that is a candidate counts as a non-match by 1 − g.
  const gOf = new Map<number, number>()
  const g = (p: number): number => {
    let v = gOf.get(p)
    if (v === undefined) {
      v = posterior(p, em)
      gOf.set(p, v)
    }
    return v
  }
  const uCounts = COMPARISONS.map((c) => new Array<number>(c.labels.length).fill(0))
  const readable: number[] = []
  for (let i = 0; i < s.size; i++) if (!s.unread[i]) readable.push(i)
  const representation = s.representation
  const acrossOnly = options.acrossOnly ?? false
  const sampleSize = options.sampleSize ?? 1_000_000
  const exhaustive = allPairs <= sampleSize
  let sampled = 0
  const count = (a: number, b: number): void => {
    const p = representation.compare(a, b)
    const w = isCandidate(pairs, a, b) ? 1 - g(p) : 1
    for (let k = 0; k < COMPARISONS.length; k++) uCounts[k]![levelAt(p, k)]! += w
    sampled++
  }
  if (exhaustive) {
    for (let x = 0; x < readable.length; x++) {
      for (let y = x + 1; y < readable.length; y++) {
        const a = readable[x]!
        const b = readable[y]!
        if (acrossOnly && s.ds[a] === s.ds[b]) continue
        count(a, b)
      }
    }
  } else {
    // Drawn first and compared in record order: memory is then read front to back rather than at
    // random (millions of records), and whether a pair is a candidate is one merge with the
    // sorted candidates rather than a binary search per pair.
    const rnd = mulberry32(options.seed ?? 20160214)
    const drawn = new Float64Array(sampleSize)
    let m = 0
    let attempts = 0
    while (m < sampleSize && attempts < sampleSize * 20) {
      attempts++
      const a = readable[Math.floor(rnd() * readable.length)]!
      const b = readable[Math.floor(rnd() * readable.length)]!
      if (a === b || (acrossOnly && s.ds[a] === s.ds[b])) continue
      drawn[m++] = a < b ? a * PAIR_SHIFT + b : b * PAIR_SHIFT + a
    }
    const ordered = drawn.subarray(0, m).sort()
    let c = 0
    for (let i = 0; i < m; i++) {
      const key = ordered[i]!
      while (c < pairs.length && pairs[c]! < key) c++
      const p = representation.compare(Math.floor(key / PAIR_SHIFT), key % PAIR_SHIFT)
      const w = c < pairs.length && pairs[c] === key ? 1 - g(p) : 1
      for (let k = 0; k < COMPARISONS.length; k++) uCounts[k]![levelAt(p, k)]! += w
      sampled++
    }
  }
  const u = uCounts.map((row, k) => {
    const sum = row.slice(1).reduce((x, y) => x + y, 0)
    const prior = COMPARISONS[k]!.priorU
    return row.map((v, l) => (l === 0 ? 0 : (v + 0.5 + PRIOR_U_PAIRS * prior[l]!) / (sum + 0.5 * (row.length - 1) + PRIOR_U_PAIRS)))
  })
  // A disagreement never counts for a match, however rare it is among random pairs (two records
  // of one province never sit in different provinces: u is tiny, and so is m).
  const weights = m.map((row, k) => row.map((v, l) => (l === 0 ? 0 : COMPARISONS[k]!.disagrees[l] ? Math.min(0, log2(v / u[k]![l]!)) : log2(v / u[k]![l]!))))
  // EM's count of matches, plus a prior of one repeated row in two hundred: a few candidate pairs
  // (a village roster of fifty rows) cannot tell EM how common duplicates are.
  const expectedMatches = em.lambda * total + PRIOR_DUPLICATE_RATE * readable.length
  const lambda = Math.min(0.5, Math.max(1e-12, expectedMatches / Math.max(1, allPairs)))

  const {nameSumSq, pinyinSumSq} = representation.tfSums()
  const model: LinkModel = {
    lambda,
    priorWeight: log2(lambda / (1 - lambda)),
    m,
    u,
    weights,
    em: {
      candidates: total,
      patterns: distinct.length,
      lambda: em.lambda,
      iterations: em.iterations,
      converged: em.converged,
      sessions: [sessionA, sessionB].map((x) => ({name: x.name, pairs: x.pairs, iterations: x.iterations, used: x.m !== undefined})),
    },
    sampled,
    exhaustive,
    expectedMatches,
    tf: {nameSumSq, pinyinSumSq},
  }
  if (fallback !== undefined) model.em.fallback = fallback
  return model
}

/**
 * The term-frequency adjustment of a name agreement (bits): log2(Σf² / f_v), where f_v is the
 * share of records named v. Zero unless the names agree exactly or as homophones.
 */
export function tfAdjustment(model: LinkModel, s: RecordStore, a: number, nameLevel: number): number {
  return s.representation.tf(a, nameLevel, model.tf)
}

/** Sum of the level weights of a pattern, without prior and TF. */
export function patternWeight(model: LinkModel, pattern: number): number {
  let w = 0
  for (let k = 0; k < COMPARISONS.length; k++) w += model.weights[k]![levelAt(pattern, k)]!
  return w
}

export function probabilityOf(weight: number): number {
  return 1 / (1 + 2 ** -weight)
}
