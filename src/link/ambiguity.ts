// Ambiguous candidates (crosscheck's XC_AMBIGUOUS): a record whose best candidates on another list
// are different children that the evidence cannot tell apart — two 王浩然 born the same day in one
// village on the student roster, neither with an ID. Clustering takes edges strongest first, so
// left alone it would join the record to both and make one child of two; instead its edges to that
// list stop being `match` edges (it links to neither), and the ambiguity is reported.
//
// Candidates are grouped by child first: a list's own duplicates (joined by a match edge within the
// list) are one candidate, not rivals — unless nothing but name and birth date joins them and their
// households disagree (identity.ts householdsApart). Two candidates are equally good when the
// runner-up's share of the pair's odds, 2^w2 / (2^w1 + 2^w2), is at least `share` (default 0.2:
// the best is less than four times as likely as the runner-up). A twin's exact name against the other twin's
// homophone is many times more likely, and stays decisive.

import type {EdgeList} from './edges.js'
import {householdsApart} from './identity.js'
import type {RecordStore} from './records.js'

/** Default runner-up share from which two candidates are equally good (documented in docs/crosscheck.md). */
export const DEFAULT_AMBIGUOUS_SHARE = 0.2

export interface Ambiguity {
  /** The record with several candidates. */
  record: number
  /** The dataset (index) they are on. */
  dataset: number
  /** The candidates that are equally good, best first, one per child. */
  candidates: number[]
}

export interface AmbiguityOptions {
  /** Datasets (indexes) whose records are checked; the others only supply candidates. */
  datasets: readonly number[]
  share?: number
}

class Forest {
  readonly parent: Int32Array
  constructor(n: number) {
    this.parent = new Int32Array(n)
    for (let i = 0; i < n; i++) this.parent[i] = i
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]!]!
      x = this.parent[x]!
    }
    return x
  }
  union(a: number, b: number): void {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra !== rb) this.parent[rb] = ra
  }
}

/**
 * Finds the ambiguous records among `options.datasets` and demotes their edges to the list where
 * they are ambiguous (demoted from match). Linear in the edges.
 */
export function resolveAmbiguity(s: RecordStore, edges: EdgeList, options: AmbiguityOptions): Ambiguity[] {
  const share = options.share ?? DEFAULT_AMBIGUOUS_SHARE
  if (!(share > 0) || share > 0.5 || options.datasets.length === 0) return []
  // The runner-up is a rival when w1 − w2 ≤ log2((1 − share) / share).
  const maxGap = Math.log2((1 - share) / share)
  const checked = new Set(options.datasets.filter((d) => d >= 0 && d < s.datasets.length))

  const sameChild = new Forest(s.size)
  for (let k = 0; k < edges.length; k++) {
    const a = edges.a(k)
    const b = edges.b(k)
    if (edges.isMatch(k) && s.ds[a] === s.ds[b] && !householdsApart(edges.pattern(k))) sameChild.union(a, b)
  }

  // Candidate edges per (record, other dataset). Most records have one candidate per list: a
  // first pass counts them (saturating at 2), so that only the few with two or more take memory.
  const lists = s.datasets.length
  // Slots only for the checked datasets' records: (their position among them) × lists + dataset.
  const offset = new Int32Array(lists).fill(-1)
  let checkedRecords = 0
  for (const d of checked) {
    offset[d] = checkedRecords - s.datasets[d]!.first
    checkedRecords += s.datasets[d]!.count
  }
  const slotOf = (r: number, o: number): number => (offset[s.ds[r]!]! + r) * lists + s.ds[o]!
  const count = new Uint8Array(checkedRecords * lists)
  const each = (visit: (r: number, o: number, k: number) => void): void => {
    for (let k = 0; k < edges.length; k++) {
      const a = edges.a(k)
      const b = edges.b(k)
      if (s.ds[a] === s.ds[b]) continue
      if (checked.has(s.ds[a]!)) visit(a, b, k)
      if (checked.has(s.ds[b]!)) visit(b, a, k)
    }
  }
  each((r, o) => {
    const slot = slotOf(r, o)
    if (count[slot]! < 2) count[slot]!++
  })
  const byKey = new Map<number, number[]>()
  each((r, o, k) => {
    const slot = slotOf(r, o)
    if (count[slot]! < 2) return
    const list = byKey.get(slot)
    if (list) list.push(k)
    else byKey.set(slot, [k])
  })

  const out: Ambiguity[] = []
  for (const [slot, list] of byKey) {
    const dataset = slot % lists
    // Either end of the first edge that is not on `dataset` is the record.
    const first = list[0]!
    const record = s.ds[edges.a(first)] === dataset ? edges.b(first) : edges.a(first)
    const other = (k: number): number => (edges.a(k) === record ? edges.b(k) : edges.a(k))
    const weight = (k: number): number => edges.weight(k)
    list.sort((x, y) => weight(y) - weight(x))
    const best = list[0]!
    const bestChild = sameChild.find(other(best))
    const children = new Set([bestChild])
    const candidates = [other(best)]
    for (const k of list) {
      if (weight(best) - weight(k) > maxGap) break
      const child = sameChild.find(other(k))
      if (children.has(child)) continue
      children.add(child)
      candidates.push(other(k))
    }
    if (candidates.length < 2) continue
    for (const k of list) edges.demote(k)
    out.push({record, dataset, candidates})
  }
  out.sort((x, y) => x.record - y.record || x.dataset - y.dataset)
  return out
}
