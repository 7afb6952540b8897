// Pairs of records packed into one float64, `a * PAIR_SHIFT + b` with a < b: millions of
// candidate pairs sort as plain numbers and take eight bytes each.

export const PAIR_SHIFT = 2 ** 26
export const MAX_RECORDS = PAIR_SHIFT

export function pairKey(a: number, b: number): number {
  return a < b ? a * PAIR_SHIFT + b : b * PAIR_SHIFT + a
}

export function pairA(packed: number): number {
  return Math.floor(packed / PAIR_SHIFT)
}

export function pairB(packed: number): number {
  return packed % PAIR_SHIFT
}
