// The marks on a blocking-key hash kept outside a run (blocking.ts keyHashes; a registry's index
// of its records' keys, src/registry/linkage.ts): kept apart from blocking so that the registry
// reads them without the engine.

/** Bits of a key hash kept outside a run (a registry's index of its records' keys): a collision only adds a candidate. */
export const KEPT_KEY_BITS = 48
/** Marks on a kept hash above its bits: the key is sparse; the record of a sparse key's value has a valid ID. */
export const SPARSE_MARK = 2 ** KEPT_KEY_BITS
export const VALID_MARK = 2 ** (KEPT_KEY_BITS + 1)

/** The kept hashes a record's hash (keyHashes) may be paired with: a sparse key's value of a valid ID only with those of records without one. */
export function keptProbes(hash: number, emit: (probe: number) => void): void {
  if (hash < SPARSE_MARK) emit(hash)
  else if (hash >= VALID_MARK + SPARSE_MARK) emit(hash - VALID_MARK)
  else {
    emit(hash)
    emit(hash + VALID_MARK)
  }
}
