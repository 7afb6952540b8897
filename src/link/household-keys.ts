// The blocking keys of the household, on the store's shared columns: the guardian's ID and the
// phones are numbers in both representations (digits in a plain roster, token bits in a
// tokenized one), so one pair of keys serves both, under each representation's names.

import type {RecordStore} from './records.js'
import type {BlockingKey} from './representation.js'

/** The key's names, and whether it is sparse (a plain roster knows which IDs are valid; tokens cannot say). */
type Names = Pick<BlockingKey, 'id' | 'zh' | 'en' | 'sparse'>

/** Records sharing the guardian's ID number (siblings, and the same child). */
export function guardianIdKey(s: RecordStore, names: Names): BlockingKey {
  return {
    ...names,
    maxBlock: 64,
    window: 16,
    values(i, emit) {
      const g = s.guardianIdHi[i]!
      if (g >= 0) emit(`${g}|${s.guardianIdLo[i]!}`)
    },
  }
}

/** Records sharing a phone number. */
export function phoneKey(s: RecordStore, names: Names): BlockingKey {
  return {
    ...names,
    maxBlock: 64,
    window: 16,
    values(i, emit) {
      const p1 = s.phone1[i]!
      const p2 = s.phone2[i]!
      if (p1 >= 0) emit(String(p1))
      if (p2 >= 0) emit(String(p2))
    },
  }
}
