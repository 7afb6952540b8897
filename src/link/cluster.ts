// Clustering: connected components over the scored pairs, with a guard. Edges are taken from the
// most probable down (a union–find forest); a union is refused when both sides already hold a
// valid ID number and the numbers differ (identity.ts), so that a cluster never holds two
// children with different IDs however the chain of pairs runs (twins, same-name children,
// siblings) — and when it would join two records known to be two children under one number
// (identity.ts: twins typed under one number, a row carrying a sibling's).
//
// Two layers: match clusters are components over `match` edges; possible clusters are components
// over all edges at or above the possible threshold that join two or more match clusters (or
// single records). A possible cluster is for a person to review; it is never merged.

import {EDGE, type Edge, EdgeList} from './edges.js'
import {guardedNumber} from './identity.js'
import type {RecordStore} from './records.js'
import {collectBetweenPhases} from '../memory.js'

export interface LinkCluster {
  id: string
  decision: 'match' | 'possible'
  /** The lowest probability among the edges that hold the cluster together. */
  score: number
  /** Record indexes, in dataset then row order. */
  members: number[]
  /** Indexes into the edge list: the edges that hold the cluster together (a spanning tree); one shared, frozen empty list when spans are not kept. */
  edges: number[]
}

export interface Clustering {
  clusters: LinkCluster[]
  /** Record → index of its match cluster in `clusters`, or -1. */
  matchOf: Int32Array
  /** Record → index of its possible cluster in `clusters`, or -1. */
  possibleOf: Int32Array
  /** Unions the guard refused (two different valid IDs would have shared a cluster). */
  guardRefusals: number
  /** Unions refused because the possible cluster would have grown past `maxPossibleSize`. */
  sizeRefusals: number
}

export interface ClusterOptions {
  /** Largest possible cluster (a chain of common names would otherwise grow without end). */
  maxPossibleSize?: number
  /** Keep each cluster's spanning edges (dedupe's evidence); crosscheck reads none and saves their memory. */
  spans?: boolean
  /** Whether a record's valid number counts for the guard (default identity.ts guardedNumber; a run's: RunIdentity.holdsNumber). */
  holdsNumber?: (i: number) => boolean
  /** The records that are other children than record i though they hold its number (RunIdentity.sharers): never one cluster. */
  apart?: (i: number) => readonly number[]
  /** The records with such others (the only ones `apart` is asked about). */
  apartRecords?: readonly number[]
}

/** The spanning edges of every cluster when they are not kept: one shared empty list, not one per cluster. */
const NO_EDGES: number[] = Object.freeze([]) as unknown as number[]

class GuardedForest {
  readonly parent: Int32Array
  readonly size: Int32Array
  /** A record of the component holding a valid 18-digit ID, or -1. */
  readonly idHolder: Int32Array
  /** A record holding the component's second valid ID (joined by a bridge edge), or -1. */
  readonly idHolder2: Int32Array
  /** The datasets (the first 31) the component has records on: a bridge never adds a second number on one list. */
  readonly datasets: Int32Array
  /** Per component root, its records that other records must never join (few: see ClusterOptions.apart). */
  private readonly apartMembers: Map<number, number[]>
  private readonly apart: (i: number) => readonly number[]

  constructor(
    private readonly s: RecordStore,
    from?: GuardedForest,
    options: ClusterOptions = {},
  ) {
    const n = s.size
    if (from) {
      this.parent = from.parent.slice()
      this.size = from.size.slice()
      this.idHolder = from.idHolder.slice()
      this.idHolder2 = from.idHolder2.slice()
      this.datasets = from.datasets.slice()
      this.apart = from.apart
      this.apartMembers = new Map([...from.apartMembers].map(([root, members]) => [root, members.slice()]))
      return
    }
    const holdsNumber = options.holdsNumber ?? ((i: number) => guardedNumber(s, i))
    this.apart = options.apart ?? (() => [])
    this.apartMembers = new Map((options.apartRecords ?? []).map((i) => [i, [i]]))
    this.parent = new Int32Array(n)
    this.size = new Int32Array(n).fill(1)
    this.idHolder = new Int32Array(n).fill(-1)
    this.idHolder2 = new Int32Array(n).fill(-1)
    this.datasets = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      this.parent[i] = i
      this.datasets[i] = datasetBit(s, i)
      if (holdsNumber(i)) this.idHolder[i] = i
    }
  }

  /** Every record's component root: what the clusters are built from once the forest is let go. */
  roots(): Int32Array {
    const out = new Int32Array(this.parent.length)
    for (let i = 0; i < out.length; i++) out[i] = this.find(i)
    return out
  }

  find(x: number): number {
    let r = x
    while (this.parent[r] !== r) r = this.parent[r]!
    while (this.parent[x] !== r) {
      const next = this.parent[x]!
      this.parent[x] = r
      x = next
    }
    return r
  }

  /**
   * 'joined', 'same' (already one component), 'guard' or 'size' (refused). Components whose valid
   * IDs share none are joined only by a bridge edge, and a component never holds more than two.
   */
  union(a: number, b: number, maxSize: number, bridge = false): 'joined' | 'same' | 'guard' | 'size' {
    let ra = this.find(a)
    let rb = this.find(b)
    if (ra === rb) return 'same'
    // A bridge says "this list holds the child under another number": not when the child is
    // already on that list (its row there keeps the number; this one is another child's).
    if (bridge && ((this.datasets[ra]! & datasetBit(this.s, b)) !== 0 || (this.datasets[rb]! & datasetBit(this.s, a)) !== 0)) return 'guard'
    if (!this.mergeIds(ra, rb, bridge) || this.keptApart(ra, rb)) return 'guard'
    if (this.size[ra]! + this.size[rb]! > maxSize) return 'size'
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra]
    this.parent[rb] = ra
    this.size[ra]! += this.size[rb]!
    this.idHolder[ra] = this.merged1
    this.idHolder2[ra] = this.merged2
    this.datasets[ra]! |= this.datasets[rb]!
    const moved = this.apartMembers.get(rb)
    if (moved !== undefined) {
      this.apartMembers.delete(rb)
      const kept = this.apartMembers.get(ra)
      if (kept === undefined) this.apartMembers.set(ra, moved)
      else kept.push(...moved)
    }
    return 'joined'
  }

  /** Whether components ra and rb hold two records that must never be one child (both sides hold such records, when they do). */
  private keptApart(ra: number, rb: number): boolean {
    const xa = this.apartMembers.get(ra)
    const xb = this.apartMembers.get(rb)
    if (xa === undefined || xb === undefined) return false
    const [small, other] = xa.length <= xb.length ? [xa, rb] : [xb, ra]
    for (const m of small) for (const p of this.apart(m)) if (this.find(p) === other) return true
    return false
  }

  // The holders of the joined component's IDs (mergeIds' result; fields, not a tuple per union).
  private merged1 = -1
  private merged2 = -1

  /** Whether the guard lets two components join; their distinct valid IDs' holders in merged1/2. */
  private mergeIds(ra: number, rb: number, bridge: boolean): boolean {
    const ha = this.idHolder[ra]!
    const hb = this.idHolder[rb]!
    const set = (x: number, y: number): boolean => {
      this.merged1 = x
      this.merged2 = y
      return true
    }
    if (ha < 0) return set(hb, this.idHolder2[rb]!)
    if (hb < 0) return set(ha, this.idHolder2[ra]!)
    if (this.idHolder2[ra]! < 0 && this.idHolder2[rb]! < 0) {
      if (this.s.sameId(ha, hb)) return set(ha, -1)
      return bridge && set(ha, hb)
    }
    const out: number[] = []
    let shared = false
    for (const h of [this.idHolder[ra]!, this.idHolder2[ra]!]) if (h >= 0) out.push(h)
    const fromA = out.length
    for (const h of [this.idHolder[rb]!, this.idHolder2[rb]!]) {
      if (h < 0) continue
      const same = out.findIndex((x) => this.s.sameId(x, h))
      if (same >= 0) {
        if (same < fromA) shared = true
        continue
      }
      out.push(h)
    }
    if ((fromA > 0 && out.length > fromA && !shared && !bridge) || out.length > 2) return false
    return set(out[0] ?? -1, out[1] ?? -1)
  }
}

function datasetBit(s: RecordStore, i: number): number {
  const d = s.ds[i]!
  return d < 31 ? 1 << d : 0
}

/**
 * Whether record indexes already run in dataset-file-row order, as records read file by file are:
 * then index order is record order, and a million clusters sort by plain numbers.
 */
function indexOrdered(s: RecordStore): boolean {
  for (let i = 1; i < s.size; i++) {
    if (s.ds[i]! < s.ds[i - 1]! || (s.ds[i] === s.ds[i - 1] && (s.file[i]! < s.file[i - 1]! || (s.file[i] === s.file[i - 1] && s.row[i]! < s.row[i - 1]!)))) return false
  }
  return true
}

function byRecordOrder(s: RecordStore): (x: number, y: number) => number {
  // A dataset of several files: its files in reading order, each file's rows in order.
  return (x, y) => s.ds[x]! - s.ds[y]! || s.file[x]! - s.file[y]! || s.row[x]! - s.row[y]! || x - y
}

/**
 * Edge indexes from the strongest down, ties by record a then b. Strengths take few distinct
 * values (one per comparison pattern and name frequency): the edges are counted into one bucket
 * per strength, in (a, b) order within each, instead of a comparison sort of millions of edges.
 */
function strengthOrder(strength: Float64Array, ea: Int32Array, eb: Int32Array): Uint32Array {
  const n = strength.length
  let byPair = new Uint32Array(n)
  for (let i = 0; i < n; i++) byPair[i] = i
  let inPairOrder = true
  for (let i = 1; i < n && inPairOrder; i++) inPairOrder = ea[i - 1]! < ea[i]! || (ea[i - 1] === ea[i] && eb[i - 1]! <= eb[i]!)
  // Scored pairs come in (a, b) order (blocking sorts them); edges given otherwise are sorted first.
  if (!inPairOrder) byPair = byPair.sort((x, y) => ea[x]! - ea[y]! || eb[x]! - eb[y]!)
  const distinct = strength.slice().sort()
  let d = 0
  for (let i = 0; i < n; i++) if (i === 0 || !Object.is(distinct[i], distinct[d - 1])) distinct[d++] = distinct[i]!
  const levels = distinct.subarray(0, d)
  // Bucket of each edge: the strongest first.
  const bucket = new Int32Array(n)
  const count = new Int32Array(d + 1)
  for (let i = 0; i < n; i++) {
    let lo = 0
    let hi = d - 1
    const v = strength[i]!
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (levels[mid]! < v) lo = mid + 1
      else hi = mid
    }
    bucket[i] = d - 1 - lo
    count[bucket[i]! + 1]!++
  }
  for (let b = 1; b <= d; b++) count[b]! += count[b - 1]!
  const order = new Uint32Array(n)
  for (const i of byPair) order[count[bucket[i]!]!++] = i
  return order
}

/**
 * The match forest (match edges from the strongest down), then the possible forest over every
 * edge on top of it: each record's root in both, the edges that joined, the unions refused.
 */
function joinComponents(s: RecordStore, strength: Float64Array, ea: Int32Array, eb: Int32Array, flags: Uint8Array, maxPossible: number, options: ClusterOptions) {
  const order = strengthOrder(strength, ea, eb)
  let guardRefusals = 0
  let sizeRefusals = 0
  const matchForest = new GuardedForest(s, undefined, options)
  const matchSpan: number[] = []
  for (const e of order) {
    if (!(flags[e]! & EDGE.MATCH)) continue
    const r = matchForest.union(ea[e]!, eb[e]!, Number.MAX_SAFE_INTEGER, (flags[e]! & EDGE.BRIDGE) !== 0)
    if (r === 'joined') matchSpan.push(e)
    else if (r === 'guard') guardRefusals++
  }
  const possibleForest = new GuardedForest(s, matchForest)
  const possibleSpan: number[] = []
  for (const e of order) {
    const r = possibleForest.union(ea[e]!, eb[e]!, maxPossible, (flags[e]! & EDGE.BRIDGE) !== 0)
    if (r === 'joined') possibleSpan.push(e)
    else if (r === 'guard' && !(flags[e]! & EDGE.MATCH)) guardRefusals++
    else if (r === 'size') sizeRefusals++
  }
  return {matchRoots: matchForest.roots(), possibleRoots: possibleForest.roots(), matchSpan, possibleSpan, guardRefusals, sizeRefusals}
}

/** Clusters `edges` (match and possible) over the records of `s`. */
export function clusterEdges(s: RecordStore, edges: EdgeList | readonly Edge[], options: ClusterOptions = {}): Clustering {
  const maxPossible = options.maxPossibleSize ?? 50
  const spans = options.spans ?? true
  // The edges' fields in typed arrays: the passes below read them in strength order, which is no
  // order in memory, and millions of edge objects would miss the cache at every read.
  const {a: ea, b: eb, probability, weight: strength, flags} = (edges instanceof EdgeList ? edges : EdgeList.of(edges)).columns()
  const {matchRoots, possibleRoots, matchSpan, possibleSpan, guardRefusals, sizeRefusals} = joinComponents(s, strength, ea, eb, flags, maxPossible, options)
  // The forests (ten arrays of a number per record) are gone before the clusters' objects are
  // made: on 4.5 million records, clustering was crosscheck's memory peak with both still held.
  collectBetweenPhases(s.size)

  const ordered = indexOrdered(s)
  const cmp = ordered ? (x: number, y: number): number => x - y : byRecordOrder(s)
  const matchOf = new Int32Array(s.size).fill(-1)
  const possibleOf = new Int32Array(s.size).fill(-1)

  // Clusters are numbered by their first record and filled from counts in typed arrays: a Map of
  // arrays grown by push held several times the clusters' own size, for a million clusters.
  const groups = (decision: LinkCluster['decision'], roots: Int32Array, span: readonly number[], inside: readonly number[]): LinkCluster[] => {
    const spanned = new Uint8Array(s.size)
    for (const e of span) spanned[roots[ea[e]!]!] = 1
    const groupOf = new Int32Array(s.size).fill(-1)
    const size: number[] = []
    for (let i = 0; i < s.size; i++) {
      const r = roots[i]!
      if (!spanned[r]) continue
      if (groupOf[r]! < 0) {
        groupOf[r] = size.length
        size.push(0)
      }
      size[groupOf[r]!]!++
    }
    const out: LinkCluster[] = size.map((n) => ({id: '', decision, score: 1, members: new Array<number>(n), edges: spans ? [] : NO_EDGES}))
    const filled = new Int32Array(out.length)
    for (let i = 0; i < s.size; i++) {
      const g = groupOf[roots[i]!]!
      if (g >= 0) out[g]!.members[filled[g]!++] = i
    }
    // The score is the weakest edge that holds the cluster: its span's, and for a possible cluster
    // the match edges within it (`inside`), which are its evidence too.
    for (const list of [span, inside]) {
      for (const e of list) {
        const g = groupOf[roots[ea[e]!]!]!
        if (g < 0) continue
        const c = out[g]!
        if (probability[e]! < c.score) c.score = probability[e]!
        if (spans) c.edges.push(e)
      }
    }
    for (const c of out) {
      if (spans) c.edges = c.edges.sort((x, y) => x - y).slice()
      // Members were gathered in index order, which may not be record order.
      if (!ordered) c.members.sort(cmp)
    }
    return out
  }
  // Each list runs in first-record order when index order is record order: one merge, no sort.
  const byFirst = (x: LinkCluster, y: LinkCluster): number => cmp(x.members[0]!, y.members[0]!)
  const matches = groups('match', matchRoots, matchSpan, [])
  const possibles = groups('possible', possibleRoots, possibleSpan, matchSpan)
  if (!ordered) {
    matches.sort(byFirst)
    possibles.sort(byFirst)
  }
  const clusters: LinkCluster[] = new Array<LinkCluster>(matches.length + possibles.length)
  const width = (n: number): number => String(Math.max(1, n)).length
  const matchWidth = width(matches.length)
  const possibleWidth = width(possibles.length)
  let im = 0
  let ip = 0
  for (let k = 0; k < clusters.length; k++) {
    // At one first record, the match cluster comes before the possible one.
    const takeMatch = ip >= possibles.length || (im < matches.length && byFirst(matches[im]!, possibles[ip]!) <= 0)
    const c = takeMatch ? matches[im++]! : possibles[ip++]!
    c.id = takeMatch ? `M${String(im).padStart(matchWidth, '0')}` : `P${String(ip).padStart(possibleWidth, '0')}`
    clusters[k] = c
    for (const r of c.members) (takeMatch ? matchOf : possibleOf)[r] = k
  }
  return {clusters, matchOf, possibleOf, guardRefusals, sizeRefusals}
}
