// Scored pairs of records, as linkage hands them to clustering (cluster.ts) and to the checks of
// ambiguous candidates (ambiguity.ts).

import {type Column, type ColumnFills, growColumns} from './records.js'

export interface Edge {
  a: number
  b: number
  probability: number
  /** Match weight in bits: orders edges whose probabilities both round to 1. */
  weight?: number
  match: boolean
  /**
   * The two records are one child under two valid numbers (a number re-issued or re-coded, across
   * lists: identity.ts judgePair): the guard lets this edge through, and the cluster then holds both.
   */
  bridge?: boolean
}

export interface ScoredEdge extends Edge {
  pattern: number
  /** Total match weight in bits (prior included). */
  weight: number
  /** The TF adjustment included in the name's weight. */
  tf: number
  /** The child's own identity agrees (a `match` needs it; see identity.ts). */
  corroborated: boolean
}

/** Bits of EdgeList's flags column. */
export const EDGE = {MATCH: 1, BRIDGE: 2, CORROBORATED: 4} as const

const FIRST_CAPACITY = 1024

/** EdgeList's columns, grown together (records.ts growColumns); no value stands for a missing edge. */
const EDGE_COLUMNS = [['as', 0], ['bs', 0], ['probabilities', 0], ['weights', 0], ['tfs', 0], ['patterns', 0], ['flagBits', 0]] as const satisfies ColumnFills<string>
type EdgeColumn = (typeof EDGE_COLUMNS)[number][0]

/** The match weight an edge without one orders by: the log-odds of its probability. */
export function weightOf(edge: Edge): number {
  return edge.weight ?? Math.log2(edge.probability / Math.max(1e-300, 1 - edge.probability))
}

/**
 * Scored edges in typed columns. Crosscheck of 4.5 million rows scores 3.2 million edges: as
 * objects they took about 160 bytes each on the heap (435 MB, all of it promoted and marked again
 * at every full collection); here they take 37 bytes each, outside the heap. `at` and iteration
 * give objects, for the few consumers that read edges one by one.
 */
export class EdgeList implements Iterable<ScoredEdge> {
  private as: Int32Array
  private bs: Int32Array
  private probabilities: Float64Array
  private weights: Float64Array
  private tfs: Float64Array
  private patterns: Uint32Array
  private flagBits: Uint8Array
  private count = 0

  constructor(capacity = FIRST_CAPACITY) {
    const n = Math.max(1, capacity)
    this.as = new Int32Array(n)
    this.bs = new Int32Array(n)
    this.probabilities = new Float64Array(n)
    this.weights = new Float64Array(n)
    this.tfs = new Float64Array(n)
    this.patterns = new Uint32Array(n)
    this.flagBits = new Uint8Array(n)
  }

  /** Edges given as objects (a library caller's, a test's): pattern and TF 0 where absent. */
  static of(edges: Iterable<Edge | ScoredEdge>): EdgeList {
    const list = new EdgeList()
    for (const e of edges) {
      const scored = e as Partial<ScoredEdge>
      const flags = (e.match ? EDGE.MATCH : 0) | (e.bridge ? EDGE.BRIDGE : 0) | (scored.corroborated ? EDGE.CORROBORATED : 0)
      list.add(e.a, e.b, e.probability, weightOf(e), scored.tf ?? 0, scored.pattern ?? 0, flags)
    }
    return list
  }

  get length(): number {
    return this.count
  }

  /** Appends an edge; `flags` are EDGE bits. */
  add(a: number, b: number, probability: number, weight: number, tf: number, pattern: number, flags: number): void {
    if (this.count === this.as.length) this.grow()
    const i = this.count++
    this.as[i] = a
    this.bs[i] = b
    this.probabilities[i] = probability
    this.weights[i] = weight
    this.tfs[i] = tf
    this.patterns[i] = pattern
    this.flagBits[i] = flags
  }

  a(i: number): number {
    return this.as[i]!
  }

  b(i: number): number {
    return this.bs[i]!
  }

  probability(i: number): number {
    return this.probabilities[i]!
  }

  weight(i: number): number {
    return this.weights[i]!
  }

  pattern(i: number): number {
    return this.patterns[i]!
  }

  flags(i: number): number {
    return this.flagBits[i]!
  }

  isMatch(i: number): boolean {
    return (this.flagBits[i]! & EDGE.MATCH) !== 0
  }

  /** The edge is no longer a match (its record is ambiguous: ambiguity.ts). */
  demote(i: number): void {
    this.flagBits[i]! &= ~EDGE.MATCH
  }

  /** The columns clustering reads, as views of the edges held (no copy). */
  columns(): {a: Int32Array; b: Int32Array; probability: Float64Array; weight: Float64Array; flags: Uint8Array} {
    const n = this.count
    return {a: this.as.subarray(0, n), b: this.bs.subarray(0, n), probability: this.probabilities.subarray(0, n), weight: this.weights.subarray(0, n), flags: this.flagBits.subarray(0, n)}
  }

  /** The i-th edge as an object (a copy: changing it changes nothing here). */
  at(i: number): ScoredEdge {
    const flags = this.flagBits[i]!
    const edge: ScoredEdge = {
      a: this.as[i]!,
      b: this.bs[i]!,
      probability: this.probabilities[i]!,
      match: (flags & EDGE.MATCH) !== 0,
      pattern: this.patterns[i]!,
      weight: this.weights[i]!,
      tf: this.tfs[i]!,
      corroborated: (flags & EDGE.CORROBORATED) !== 0,
    }
    if (flags & EDGE.BRIDGE) edge.bridge = true
    return edge
  }

  *[Symbol.iterator](): Iterator<ScoredEdge> {
    for (let i = 0; i < this.count; i++) yield this.at(i)
  }

  private grow(): void {
    growColumns(this as unknown as Record<EdgeColumn, Column>, EDGE_COLUMNS, this.as.length * 2)
  }
}
