// Scored pairs of records, as linkage hands them to clustering (cluster.ts) and to the checks of
// ambiguous candidates (ambiguity.ts).

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
