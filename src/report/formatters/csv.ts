import {stringify} from 'csv-stringify/sync'

import {neutralizeCell} from '../../io/neutralize.js'
import {findingsOf} from '../../findings/report-findings.js'
import type {Finding, Lang, Report} from '../../findings/model.js'
import {type CellLabels, FINDING_HEADERS, findingCells, labelsFor} from '../finding-columns.js'

// With --lang en, severity, state and field as the JSON writes them (programs read such a CSV);
// with --lang zh, for the people who open it in Excel under its Chinese headers: 错误, 监护人身份证号.
function findingRow(f: Finding, labels: CellLabels): string[] {
  return findingCells(f, labels).map((c) => neutralizeCell(String(c)))
}

const BATCH = 1000

/**
 * One finding a row; UTF-8 with BOM so that Excel on Chinese Windows opens it correctly. In
 * chunks of a thousand rows, the findings read as they stream (millions of them would not fit).
 */
export function* formatCsvChunks(report: Report, lang: Lang): Generator<string> {
  const options = {record_delimiter: '\r\n'}
  yield `\uFEFF${stringify([[...FINDING_HEADERS[lang]]], options)}`
  const labels = labelsFor(lang)
  let batch: string[][] = []
  for (const f of findingsOf(report)) {
    batch.push(findingRow(f, labels))
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
