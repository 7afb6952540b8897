// How a tokenized file says what it is. tokenize appends one column whose header is the marker
// `liushou-tk1 key=<fingerprint> keep=<items>` (its cells are empty), so that the file keeps
// its rows where they were — row N of the tokenized file is row N of the department's own
// roster, and a finding on it can be traced back — while dedupe and crosscheck can tell a
// tokenized file, and which key made it, from the header alone.

import {UserError} from '../errors.js'
import type {Column} from '../schema/roster.js'
import type {KeepItem} from './encoder.js'
import {KEEP_ITEMS} from './encoder.js'

export const MARKER_PREFIX = 'liushou-tk1'
const MARKER = /liushou-tk1 key=([0-9a-f]{12})(?: keep=([A-Za-z,+]*))?/

export interface TokenMarker {
  version: 'tk1'
  /** Fingerprint of the key (12 hex digits): files made with different keys never match. */
  key: string
  /** What was kept in clear. */
  keep: KeepItem[]
  /** Column index of the marker. */
  column: number
}

export function markerHeader(fingerprint: string, keep: Iterable<KeepItem>): string {
  return `${MARKER_PREFIX} key=${fingerprint} keep=${[...keep].join('+')}`
}

/** The marker of a tokenized roster (from its columns), or undefined for a plain roster. */
export function tokenMarker(roster: {columns: readonly Column[]}): TokenMarker | undefined {
  for (const c of roster.columns) {
    const m = MARKER.exec(c.header)
    if (!m) continue
    const keep = (m[2] ?? '').split(/[,+]/).filter((k): k is KeepItem => (KEEP_ITEMS as readonly string[]).includes(k))
    return {version: 'tk1', key: m[1]!, keep, column: c.index}
  }
  return undefined
}

/**
 * Refuses inputs that cannot be compared: tokenized files next to plain ones (a token never
 * equals a clear value, so nothing would link), or files tokenized with different keys. Call it
 * with every input of a dedupe or crosscheck run before linking. Returns warnings (one line each)
 * for files that kept different things in clear: they still link, on less evidence.
 */
export function assertComparableInputs(inputs: readonly {file: string; marker: TokenMarker | undefined}[]): string[] {
  const tokenized = inputs.filter((i) => i.marker)
  if (tokenized.length === 0) return []
  const plain = inputs.find((i) => !i.marker)
  if (plain) {
    throw new UserError({en: `is not tokenized but ${tokenized[0]!.file} is: tokenize every list with the same key (liushou tokenize FILE --key KEYFILE --output OUT) before comparing them`, zh: `没有令牌化，而 ${tokenized[0]!.file} 已令牌化：比对前请用同一密钥令牌化每份名单（liushou tokenize 文件 --key 密钥文件 --output 输出）`}, plain.file)
  }
  const first = tokenized[0]!
  const other = tokenized.find((i) => i.marker!.key !== first.marker!.key)
  if (other) {
    throw new UserError({en: `was tokenized with key ${other.marker!.key}, ${first.file} with key ${first.marker!.key}: tokens made with different keys never match; tokenize both with one shared key`, zh: `用密钥 ${other.marker!.key} 令牌化，而 ${first.file} 用的是密钥 ${first.marker!.key}：不同密钥生成的令牌永远不会匹配；请用同一个共享密钥令牌化两份名单`}, other.file)
  }
  const keepOf = (m: TokenMarker): string => [...m.keep].sort().join(',')
  return tokenized
    .filter((i) => keepOf(i.marker!) !== keepOf(first.marker!))
    .map((i) => `${i.file}: kept ${keepOf(i.marker!) || 'nothing'} in clear, ${first.file} ${keepOf(first.marker!) || 'nothing'}: what only one of them kept in clear is not compared`)
}
