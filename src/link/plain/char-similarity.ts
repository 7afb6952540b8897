// The two character-level judgements the name comparator needs from src/cn: whether two
// characters look alike (形近字, src/cn/confusables.ts, a table built from character decomposition
// data) and the simplified form of a name (繁简, src/cn/variants.ts, opencc-js). Kept behind this
// small interface so that the engine depends on one place only.

import {isLookalike} from '../../cn/confusables.js'
import {toSimplified} from '../../cn/variants.js'

/** Whether two single (simplified) characters are look-alikes (汩/汨, 宇/字). */
export function charsLookAlike(a: string, b: string): boolean {
  return a !== b && isLookalike(a, b)
}

/** The name in simplified characters (張子涵 → 张子涵); the name itself when nothing changes. */
export function simplifiedName(name: string): string {
  return toSimplified(name)
}
