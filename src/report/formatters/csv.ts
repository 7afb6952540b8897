import {stringify} from 'csv-stringify/sync'

import {neutralizeCell} from '../../io/neutralize.js'
import {findingsOf} from '../../findings/report-findings.js'
import type {Finding, Lang, Report} from '../../findings/model.js'
import {FINDING_HEADERS, findingCells} from '../finding-columns.js'

// Severity and state as the JSON writes them: a CSV is read by programs as often as by people.
const AS_IS = {severity: (s: string) => s, state: (s: string) => s}

function findingRow(f: Finding): string[] {
  return findingCells(f, AS_IS).map((c) => neutralizeCell(String(c)))
}

const BATCH = 1000

/**
 * One finding a row; UTF-8 with BOM so that Excel on Chinese Windows opens it correctly. In
 * chunks of a thousand rows, the findings read as they stream (millions of them would not fit).
 */
export function* formatCsvChunks(report: Report, lang: Lang): Generator<string> {
  const options = {record_delimiter: '\r\n'}
  yield `\uFEFF${stringify([[...FINDING_HEADERS[lang]]], options)}`
  let batch: string[][] = []
  for (const f of findingsOf(report)) {
    batch.push(findingRow(f))
    if (batch.length >= BATCH) {
      yield stringify(batch, options)
      batch = []
    }
  }
  if (batch.length > 0) yield stringify(batch, options)
}

export function formatCsv(report: Report, lang: Lang): string {
  return [...formatCsvChunks(report, lang)].join('')
}
