// One linkage run over a record store: blocking → comparison vectors → model (EM, random-pair u,
// TF) → scored pairs → guarded clusters. dedupe links every record with every other; crosscheck
// links only across datasets (`acrossOnly`).

import {type Ambiguity, type AmbiguityOptions, resolveAmbiguity} from './ambiguity.js'
import {type BlockingResult, type KeyStats, candidatePairs} from './blocking.js'
import {type Clustering, clusterEdges} from './cluster.js'
import {C_NAME, COMPARISONS, levelOf} from './comparisons.js'
import {EDGE, EdgeList, type ScoredEdge} from './edges.js'
import {RunIdentity} from './identity.js'
import {type LinkModel, patternWeight, probabilityOf, tfAdjustment, trainModel} from './model.js'
import {pairA, pairB} from './pairs.js'
import type {RecordStore} from './records.js'
import {collectBetweenPhases} from '../memory.js'

/** Default thresholds of the match probability (documented in docs/dedupe.md). */
export const DEFAULT_MATCH = 0.95
export const DEFAULT_POSSIBLE = 0.6

export type LinkPhase = 'blocking' | 'comparing' | 'scoring' | 'clustering'

export interface LinkOptions {
  match?: number
  possible?: number
  /** Only pairs of records from different datasets (crosscheck). */
  acrossOnly?: boolean
  /** Only pairs with a record of one of these datasets (a registry's new rows against its records). */
  onlyWith?: ReadonlySet<number>
  /**
   * A model learnt before, used as it is (a registry's, learnt over all its records): the pairs
   * of a few new rows would teach EM little, and random pairs of the records loaded for them are
   * not random pairs of the population.
   */
  model?: LinkModel
  /** Random pairs sampled to estimate u (default 1,000,000). */
  sampleSize?: number
  maxPossibleSize?: number
  /**
   * Across datasets, link records whose ID numbers differ the way a register re-issues or a
   * typist mistypes them, when the name and birth date agree (identity.ts corroboratedIdChange),
   * even two valid numbers (crosscheck). Off for dedupe: there two valid, different numbers are
   * never one child automatically.
   */
  idChanges?: boolean
  /** Records of these datasets with equally good candidates of different children on another list link to none of them (crosscheck). */
  ambiguity?: AmbiguityOptions
  /** Keep the clusters' spanning edges (dedupe's evidence; default true). */
  spans?: boolean
  onProgress?: (phase: LinkPhase, done: number, total?: number) => void
}

export interface LinkResult {
  model: LinkModel
  blocking: {keys: KeyStats[]; pairs: number; allPairs: number; reduction: number}
  thresholds: {match: number; possible: number}
  /** Pairs at or above the possible threshold that the guard allows, most probable first not guaranteed. */
  edges: EdgeList
  /** Pairs at or above the possible threshold that hold two different valid IDs (never clustered). */
  guarded: EdgeList
  /** Records left unlinked on a list because their candidates there were equally good (`ambiguity`). */
  ambiguities: Ambiguity[]
  clustering: Clustering
  /** The run's identity decisions: records carrying another child's number, the verdict on a pair (identity.ts). */
  identity: RunIdentity
}

/** Weight, TF and probability of one pair under a trained model. */
export function scorePair(model: LinkModel, s: RecordStore, a: number, b: number, pattern: number): {weight: number; tf: number; probability: number} {
  const tf = tfAdjustment(model, s, a, levelOf(pattern, C_NAME))
  const weight = model.priorWeight + patternWeight(model, pattern) + tf
  return {weight, tf, probability: probabilityOf(weight)}
}

export function linkStore(s: RecordStore, options: LinkOptions = {}): LinkResult {
  const match = options.match ?? DEFAULT_MATCH
  const possible = options.possible ?? DEFAULT_POSSIBLE
  if (!(possible > 0 && possible <= match && match <= 1)) throw new RangeError(`thresholds must satisfy 0 < possible ≤ match ≤ 1 (got ${possible}, ${match})`)
  if (s.released) throw new Error('the store released its values')
  s.trim()
  // What reading left behind (the columns' earlier, smaller copies among it) goes before the pairs come.
  collectBetweenPhases(s.size)
  // The candidate pairs and their comparison vectors (tens of millions for millions of rows) live
  // only inside scoreCandidates: clustering, the memory peak, runs without them.
  const identity = new RunIdentity(s, {idChanges: options.idChanges ?? false})
  const {model, blocking, edges, guarded} = scoreCandidates(s, identity, match, possible, options)
  collectBetweenPhases(s.size)
  const ambiguities = options.ambiguity ? resolveAmbiguity(s, edges, options.ambiguity) : []
  options.onProgress?.('clustering', 0)
  const clusterOptions: Parameters<typeof clusterEdges>[2] = {}
  if (options.maxPossibleSize !== undefined) clusterOptions.maxPossibleSize = options.maxPossibleSize
  if (options.spans !== undefined) clusterOptions.spans = options.spans
  clusterOptions.holdsNumber = (i) => identity.holdsNumber(i)
  clusterOptions.apart = (i) => identity.sharers(i)
  clusterOptions.apartRecords = identity.sharingRecords()
  const clustering = clusterEdges(s, edges, clusterOptions)
  return {model, blocking, thresholds: {match, possible}, edges, guarded, ambiguities, clustering, identity}
}

function scoreCandidates(s: RecordStore, identity: RunIdentity, match: number, possible: number, options: LinkOptions): Pick<LinkResult, 'model' | 'blocking' | 'edges' | 'guarded'> {
  const acrossOnly = options.acrossOnly ?? false
  const progress = options.onProgress

  progress?.('blocking', 0)
  const blocks: BlockingResult = candidatePairs(s, {acrossOnly, ...(options.onlyWith ? {onlyWith: options.onlyWith} : {}), onProgress: (d, t) => progress?.('blocking', d, t)})
  const pairs = blocks.pairs
  const n = pairs.length

  progress?.('comparing', 0, n)
  const patterns = new Uint32Array(n)
  const representation = s.representation
  representation.compareAll(pairs, patterns, progress && ((i) => progress('comparing', i, n)))
  // Records carrying another child's number, and how the run reads their pairs (identity.ts).
  identity.learn(pairs, patterns)

  progress?.('scoring', 0, n)
  const modelOptions: Parameters<typeof trainModel>[4] = {acrossOnly}
  if (options.sampleSize !== undefined) modelOptions.sampleSize = options.sampleSize
  const model = options.model ?? trainModel(s, pairs, patterns, blocks.allPairs, modelOptions)
  // The comparators' packed copy of the records (80 bytes a record) is not read past training;
  // whoever compares again (an --explain) has it rebuilt.
  representation.endComparing()
  const edges = new EdgeList()
  const guarded = new EdgeList()
  const base = new Map<number, number>()
  for (let i = 0; i < n; i++) {
    const p = patterns[i]!
    let w = base.get(p)
    if (w === undefined) {
      w = model.priorWeight + patternWeight(model, p)
      base.set(p, w)
    }
    const a = pairA(pairs[i]!)
    // A cheap bound first: the TF adjustment is at most ±10 bits.
    if (probabilityOf(w + 10) < possible) continue
    const tf = tfAdjustment(model, s, a, levelOf(p, C_NAME))
    const weight = w + tf
    const probability = probabilityOf(weight)
    if (probability < possible) continue
    const b = pairB(pairs[i]!)
    const verdict = identity.judge(a, b, p)
    // The clusters' guard lets a bridge join two valid numbers (cluster.ts); a guarded pair is never a match.
    const flags = (verdict.corroborated ? EDGE.CORROBORATED : 0) | (verdict.bridge ? EDGE.BRIDGE : 0)
    if (verdict.guard) guarded.add(a, b, probability, weight, tf, p, flags)
    else edges.add(a, b, probability, weight, tf, p, flags | (probability >= match && verdict.corroborated ? EDGE.MATCH : 0))
    if (progress && (i & 0xffff) === 0) progress('scoring', i, n)
  }
  return {model, blocking: {keys: blocks.keys, pairs: n, allPairs: blocks.allPairs, reduction: blocks.allPairs > 0 ? 1 - n / blocks.allPairs : 0}, edges, guarded}
}

/** Level and weight of every comparison of an edge: the evidence a report shows (no values). */
export function edgeFields(model: LinkModel, edge: Pick<ScoredEdge, 'pattern' | 'tf'>): Record<string, {level: string; weight: number}> {
  const out: Record<string, {level: string; weight: number}> = {}
  COMPARISONS.forEach((c, k) => {
    const l = levelOf(edge.pattern, k)
    const w = model.weights[k]![l]! + (k === C_NAME ? edge.tf : 0)
    out[c.key] = {level: c.labels[l]!, weight: Math.round(w * 100) / 100}
  })
  return out
}
