// Expectation–maximisation for the Fellegi–Sunter model (Winkler 1988; as in Splink and fastLink):
// pairs are a mixture of matches and non-matches; comparison k of a pair lands on level l with
// probability m[k][l] for a match and u[k][l] for a non-match, independently given the class.
// EM estimates λ (the share of matches), m and u from unlabelled pairs. It runs on the counts of
// the distinct comparison vectors, not on every pair: a million candidate pairs have a few
// thousand distinct vectors. Level 0 of every comparison is "missing": it carries no information
// and is left out of the products (fastLink's treatment of missing values).

export interface FsParams {
  lambda: number
  /** m[k][l]: level l of comparison k among matches (l = 0, missing, unused). */
  m: number[][]
  u: number[][]
}

export interface EmResult extends FsParams {
  iterations: number
  converged: boolean
}

export interface EmOptions {
  maxIterations?: number
  tolerance?: number
  /** Dirichlet pseudo-counts pulling m towards `priorM` (0: plain maximum likelihood). */
  strength?: number
  priorM?: number[][]
  /** Keep m as given and estimate only λ and u. */
  fixedM?: boolean
  /** Bits per comparison in a packed pattern. */
  bits?: number
  /**
   * Patterns whose class is known from their meaning (two equal valid IDs: a match; two
   * different valid IDs: not), as a fixed match probability; undefined for the others.
   */
  anchor?: (pattern: number) => number | undefined
}

const FLOOR = 1e-9

export function levelAt(pattern: number, k: number, bits = 4): number {
  return (pattern >>> (k * bits)) & ((1 << bits) - 1)
}

/** Posterior match probability of one pattern under `p`. */
export function posterior(pattern: number, p: FsParams, bits = 4): number {
  let pm = p.lambda
  let pu = 1 - p.lambda
  for (let k = 0; k < p.m.length; k++) {
    const l = levelAt(pattern, k, bits)
    if (l === 0) continue
    pm *= p.m[k]![l]!
    pu *= p.u[k]![l]!
  }
  return pm / (pm + pu)
}

function normalise(row: number[]): number[] {
  let sum = 0
  for (let l = 1; l < row.length; l++) sum += row[l]!
  return row.map((v, l) => (l === 0 ? 0 : Math.max(FLOOR, sum > 0 ? v / sum : 1 / (row.length - 1))))
}

/** Runs EM from `init` on distinct patterns with their counts. */
export function estimate(patterns: ArrayLike<number>, counts: ArrayLike<number>, init: FsParams, options: EmOptions = {}): EmResult {
  const bits = options.bits ?? 4
  const maxIterations = options.maxIterations ?? 500
  const tolerance = options.tolerance ?? 1e-7
  const strength = options.strength ?? 0
  const K = init.m.length
  let p: FsParams = {lambda: init.lambda, m: init.m.map(normalise), u: init.u.map(normalise)}
  const levelsOf = (k: number): number => init.m[k]!.length
  // Levels decoded once.
  const n = patterns.length
  const levels = new Uint8Array(n * K)
  const fixed = new Float64Array(n).fill(-1)
  let total = 0
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) levels[i * K + k] = levelAt(patterns[i]!, k, bits)
    total += counts[i]!
    const a = options.anchor?.(patterns[i]!)
    if (a !== undefined) fixed[i] = a
  }
  if (total === 0) return {...p, iterations: 0, converged: true}

  let iterations = 0
  let converged = false
  const sm = init.m.map((row) => new Float64Array(row.length))
  const su = init.u.map((row) => new Float64Array(row.length))
  while (iterations < maxIterations) {
    iterations++
    for (let k = 0; k < K; k++) {
      sm[k]!.fill(0)
      su[k]!.fill(0)
    }
    let matched = 0
    for (let i = 0; i < n; i++) {
      let pm = p.lambda
      let pu = 1 - p.lambda
      for (let k = 0; k < K; k++) {
        const l = levels[i * K + k]!
        if (l === 0) continue
        pm *= p.m[k]![l]!
        pu *= p.u[k]![l]!
      }
      const g = fixed[i]! >= 0 ? fixed[i]! : pm + pu > 0 ? pm / (pm + pu) : 0
      const c = counts[i]!
      matched += c * g
      for (let k = 0; k < K; k++) {
        const l = levels[i * K + k]!
        if (l === 0) continue
        sm[k]![l]! += c * g
        su[k]![l]! += c * (1 - g)
      }
    }
    const next: FsParams = {lambda: Math.min(1 - FLOOR, Math.max(FLOOR, matched / total)), m: [], u: []}
    for (let k = 0; k < K; k++) {
      const L = levelsOf(k)
      const prior = options.priorM?.[k]
      const mRow: number[] = new Array<number>(L).fill(0)
      const uRow: number[] = new Array<number>(L).fill(0)
      for (let l = 1; l < L; l++) {
        mRow[l] = sm[k]![l]! + (prior ? strength * prior[l]! : 0)
        uRow[l] = su[k]![l]!
      }
      next.m.push(options.fixedM ? p.m[k]!.slice() : normalise(mRow))
      next.u.push(normalise(uRow))
    }
    let change = Math.abs(next.lambda - p.lambda)
    for (let k = 0; k < K; k++) {
      for (let l = 1; l < levelsOf(k); l++) {
        change = Math.max(change, Math.abs(next.m[k]![l]! - p.m[k]![l]!), Math.abs(next.u[k]![l]! - p.u[k]![l]!))
      }
    }
    p = next
    if (change < tolerance) {
      converged = true
      break
    }
  }
  return {...p, iterations, converged}
}
