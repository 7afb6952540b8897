import {findingsOf} from '../../findings/report-findings.js'
import {type StreamList, listedOf} from '../../findings/listed.js'
import type {Report} from '../../findings/model.js'

const INDENT = '    '

/** The report's arrays that can be long enough to need streaming, in no particular order. */
const STREAMED = ['findings', 'clusters', 'links', 'risks'] as const

/**
 * The report as pretty-printed JSON, in chunks: a million-row roster's findings (or dedupe's
 * clusters) would exceed the largest string V8 can build, so each element of a long array is
 * serialized on its own and written as it comes.
 */
export function* formatJsonChunks(report: Report): Generator<string> {
  // Findings (and crosscheck's links) are read as streamed lists: never built as arrays here.
  const itemsOf = (key: (typeof STREAMED)[number]): Iterable<unknown> & {length: number} => (key === 'findings' ? findingsOf(report) : (listedOf(report, key) ?? []))
  const arrays = STREAMED.filter((key) => itemsOf(key).length > 0)
  // Key order stays the report's own: only the arrays' places are marked, then filled in.
  const marked: Record<string, unknown> = {}
  for (const key of Object.keys(report)) marked[key] = (STREAMED as readonly string[]).includes(key) ? [] : report[key as keyof Report]
  if (arrays.length === 0) {
    yield `${JSON.stringify(marked, null, 2)}\n`
    return
  }
  arrays.forEach((key, i) => (marked[key] = [String.fromCharCode(i)]))
  let rest = JSON.stringify(marked, null, 2)
  for (let i = 0; i < arrays.length; i++) {
    const marker = `${INDENT}"\\u000${i}"`
    const at = rest.indexOf(marker)
    yield rest.slice(0, at)
    const items = itemsOf(arrays[i]!)
    let first = true
    let batch: string[] = []
    const written: Iterable<string> = (items as StreamList<unknown>).prettyJson?.(INDENT) ?? mapIterable(items, (item) => JSON.stringify(item, null, 2).replace(/\n/g, `\n${INDENT}`))
    // Each element after the first opens with the comma: the JSON stays valid whatever `length`
    // a streamed list reports (a count read before the iteration must not decide the commas).
    for (const item of written) {
      batch.push((first ? '' : ',\n') + INDENT + item)
      first = false
      if (batch.length >= 1000) {
        yield batch.join('')
        batch = []
      }
    }
    if (!first) batch.push('\n')
    if (batch.length > 0) yield batch.join('')
    rest = rest.slice(at + marker.length).replace(/^\n/, '')
  }
  yield `${rest}\n`
}

function* mapIterable<T, U>(items: Iterable<T>, fn: (item: T) => U): Generator<U> {
  for (const item of items) yield fn(item)
}

export function formatJson(report: Report): string {
  return [...formatJsonChunks(report)].join('')
}
