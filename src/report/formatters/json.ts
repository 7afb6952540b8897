import type {Report} from '../model.js'

const INDENT = '    '

/**
 * The report as pretty-printed JSON, in chunks: a million-row roster's findings would exceed the
 * largest string V8 can build, so each finding is serialized on its own and written as it comes.
 */
export function* formatJsonChunks(report: Report): Generator<string> {
  const findings = report.findings
  if (findings.length === 0) {
    yield `${JSON.stringify(report, null, 2)}\n`
    return
  }
  // Key order stays the report's own: only the findings' place is marked, then filled in.
  const head = JSON.stringify({...report, findings: ['\u0000']}, null, 2)
  const [before, after] = head.split(`${INDENT}"\\u0000"`) as [string, string]
  yield before
  let batch: string[] = []
  for (let i = 0; i < findings.length; i++) {
    batch.push(INDENT + JSON.stringify(findings[i], null, 2).replace(/\n/g, `\n${INDENT}`) + (i < findings.length - 1 ? ',\n' : '\n'))
    if (batch.length >= 1000) {
      yield batch.join('')
      batch = []
    }
  }
  if (batch.length > 0) yield batch.join('')
  yield `${after.replace(/^\n/, '')}\n`
}

export function formatJson(report: Report): string {
  return [...formatJsonChunks(report)].join('')
}
