import {stringify} from 'csv-stringify/sync'

import {neutralizeCell} from '../../io/neutralize.js'
import {findingsOf} from '../../findings/report-findings.js'
import type {Finding, Lang, Report} from '../../findings/model.js'

const HEADERS: Record<Lang, string[]> = {
  zh: ['数据集', '文件', '行号', '级别', '代码', '字段', '列', '值', '应为', '说明', '处理建议', '相关行'],
  en: ['dataset', 'file', 'row', 'severity', 'code', 'field', 'column', 'value', 'expected', 'message', 'hint', 'related'],
}

export function relatedText(f: Finding): string {
  return (f.related ?? []).map((r) => `${r.dataset}:${r.row}${r.value !== undefined ? `=${r.value}` : ''}`).join('; ')
}

function findingRow(f: Finding): string[] {
  return [f.dataset, f.file, String(f.row), f.severity, f.code, f.field ?? '', f.column ?? '', f.value ?? '', f.expected ?? '', f.message, f.hint ?? '', relatedText(f)].map(neutralizeCell)
}

const BATCH = 1000

/**
 * One finding a row; UTF-8 with BOM so that Excel on Chinese Windows opens it correctly. In
 * chunks of a thousand rows, the findings read as they stream (millions of them would not fit).
 */
export function* formatCsvChunks(report: Report, lang: Lang): Generator<string> {
  const options = {record_delimiter: '\r\n'}
  yield `\uFEFF${stringify([HEADERS[lang]], options)}`
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
