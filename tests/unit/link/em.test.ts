import {describe, expect, it} from 'vitest'

import {type FsParams, estimate, posterior} from '../../../src/link/em.js'

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

function draw(rng: () => number, probabilities: number[]): number {
  let x = rng()
  for (let l = 1; l < probabilities.length; l++) {
    x -= probabilities[l]!
    if (x < 0) return l
  }
  return probabilities.length - 1
}

// Planted parameters: four comparisons, level 0 is "missing", levels 1… from agreement to
// disagreement (m and u over the non-missing levels each sum to 1).
const PLANTED: FsParams = {
  lambda: 0.15,
  m: [
    [0, 0.9, 0.06, 0.04],
    [0, 0.75, 0.15, 0.07, 0.03],
    [0, 0.85, 0.15],
    [0, 0.6, 0.3, 0.1],
  ],
  u: [
    [0, 0.02, 0.08, 0.9],
    [0, 0.05, 0.1, 0.25, 0.6],
    [0, 0.3, 0.7],
    [0, 0.1, 0.3, 0.6],
  ],
}

/** Unlabelled pairs from the planted model, as counts of distinct patterns. */
function sample(n: number, missingRate: number, seed: number): {patterns: number[]; counts: number[]} {
  const rng = mulberry32(seed)
  const byPattern = new Map<number, number>()
  for (let i = 0; i < n; i++) {
    const match = rng() < PLANTED.lambda
    let p = 0
    for (let k = 0; k < PLANTED.m.length; k++) {
      const l = rng() < missingRate ? 0 : draw(rng, (match ? PLANTED.m : PLANTED.u)[k]!)
      p |= l << (k * 4)
    }
    byPattern.set(p, (byPattern.get(p) ?? 0) + 1)
  }
  return {patterns: [...byPattern.keys()], counts: [...byPattern.values()]}
}

/** A neutral start: agreement likelier among matches, nothing more. */
function start(): FsParams {
  return {
    lambda: 0.5,
    m: PLANTED.m.map((row) => row.map((_, l) => (l === 0 ? 0 : row.length - l))),
    u: PLANTED.u.map((row) => row.map((_, l) => (l === 0 ? 0 : l))),
  }
}

function expectClose(estimated: FsParams, tolerance: number): void {
  expect(Math.abs(estimated.lambda - PLANTED.lambda)).toBeLessThan(tolerance)
  PLANTED.m.forEach((row, k) => {
    row.forEach((v, l) => {
      if (l === 0) return
      expect(Math.abs(estimated.m[k]![l]! - v), `m[${k}][${l}]`).toBeLessThan(tolerance)
      expect(Math.abs(estimated.u[k]![l]! - PLANTED.u[k]![l]!), `u[${k}][${l}]`).toBeLessThan(tolerance)
    })
  })
}

describe('EM (Fellegi–Sunter)', () => {
  it('recovers planted m and u probabilities from unlabelled pairs within 0.05', () => {
    const {patterns, counts} = sample(200_000, 0, 1)
    const result = estimate(patterns, counts, start())
    expect(result.converged).toBe(true)
    expectClose(result, 0.05)
  })

  it('recovers them with values missing at random (left out of the likelihood)', () => {
    const {patterns, counts} = sample(200_000, 0.2, 2)
    expectClose(estimate(patterns, counts, start()), 0.05)
  })

  it('works on the counts of distinct patterns: the same answer as pair by pair', () => {
    const {patterns, counts} = sample(20_000, 0.1, 3)
    const expanded: number[] = []
    patterns.forEach((p, i) => {
      for (let c = 0; c < counts[i]!; c++) expanded.push(p)
    })
    const a = estimate(patterns, counts, start())
    const b = estimate(expanded, expanded.map(() => 1), start())
    expect(a.lambda).toBeCloseTo(b.lambda, 6)
    expect(a.m[1]![1]).toBeCloseTo(b.m[1]![1]!, 6)
  })

  it('anchors fix the class of the patterns they name', () => {
    const {patterns, counts} = sample(50_000, 0, 4)
    // Agreement on comparison 0 declared a match, disagreement a non-match.
    const anchor = (p: number): number | undefined => ((p & 0xf) === 1 ? 1 : (p & 0xf) === 3 ? 0 : undefined)
    const anchored = estimate(patterns, counts, start(), {anchor})
    expect(anchored.m[0]![3]).toBeLessThan(1e-6)
    expect(anchored.u[0]![1]).toBeLessThan(1e-6)
    expect(posterior(1 | (3 << 4) | (2 << 8) | (3 << 12), anchored)).toBeGreaterThan(0.5)
  })

  it('keeps m fixed when asked, estimating λ and u only', () => {
    const {patterns, counts} = sample(100_000, 0, 5)
    const result = estimate(patterns, counts, {...start(), m: PLANTED.m}, {fixedM: true})
    PLANTED.m.forEach((row, k) => row.forEach((v, l) => expect(result.m[k]![l]).toBeCloseTo(v, 12)))
    expect(Math.abs(result.lambda - PLANTED.lambda)).toBeLessThan(0.02)
  })
})
