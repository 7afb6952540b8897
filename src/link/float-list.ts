/** A growable float64 list (candidate pairs, key hashes). */
export class FloatList {
  data: Float64Array
  length = 0
  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity)
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.length++] = v
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length)
  }
}

/** `values` sorted in place, each value once: a view of its front (no copy). */
export function sortedDistinct(values: Float64Array): Float64Array {
  values.sort()
  let w = 0
  for (let r = 0; r < values.length; r++) if (r === 0 || values[r] !== values[r - 1]) values[w++] = values[r]!
  return values.subarray(0, w)
}
