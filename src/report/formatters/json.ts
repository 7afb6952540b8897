import type {Report} from '../model.js'

const INDENT = '    '

/** The report's arrays that can be long enough to need streaming, in no particular order. */
const STREAMED = ['findings', 'clusters', 'links', 'risks'] as const

/**
 * The report as pretty-printed JSON, in chunks: a million-row roster's findings (or dedupe's
 * clusters) would exceed the largest string V8 can build, so each element of a long array is
 * serialized on its own and written as it comes.
 */
export function* formatJsonChunks(report: Report): Generator<string> {
  const arrays = STREAMED.filter((key) => (report[key]?.length ?? 0) > 0)
  if (arrays.length === 0) {
    yield `${JSON.stringify(report, null, 2)}\n`
    return
  }
  // Key order stays the report's own: only the arrays' places are marked, then filled in.
  const marked: Record<string, unknown> = {...report}
  arrays.forEach((key, i) => (marked[key] = [String.fromCharCode(i)]))
  let rest = JSON.stringify(marked, null, 2)
  for (let i = 0; i < arrays.length; i++) {
    const marker = `${INDENT}"\\u000${i}"`
    const at = rest.indexOf(marker)
    yield rest.slice(0, at)
    const items = report[arrays[i]!] as unknown[]
    let batch: string[] = []
    for (let j = 0; j < items.length; j++) {
      batch.push(INDENT + JSON.stringify(items[j], null, 2).replace(/\n/g, `\n${INDENT}`) + (j < items.length - 1 ? ',\n' : '\n'))
      if (batch.length >= 1000) {
        yield batch.join('')
        batch = []
      }
    }
    if (batch.length > 0) yield batch.join('')
    rest = rest.slice(at + marker.length).replace(/^\n/, '')
  }
  yield `${rest}\n`
}

export function formatJson(report: Report): string {
  return [...formatJsonChunks(report)].join('')
}
