import {stringify} from 'csv-stringify/sync'

import {neutralizeCell} from '../../io/neutralize.js'
import type {Finding, Lang, Report} from '../model.js'

const HEADERS: Record<Lang, string[]> = {
  zh: ['数据集', '文件', '行号', '级别', '代码', '字段', '列', '值', '应为', '说明', '处理建议', '相关行'],
  en: ['dataset', 'file', 'row', 'severity', 'code', 'field', 'column', 'value', 'expected', 'message', 'hint', 'related'],
}

export function relatedText(f: Finding): string {
  return (f.related ?? []).map((r) => `${r.dataset}:${r.row}${r.value !== undefined ? `=${r.value}` : ''}`).join('; ')
}

/** One finding a row; UTF-8 with BOM so that Excel on Chinese Windows opens it correctly. */
export function formatCsv(report: Report, lang: Lang): string {
  const rows = report.findings.map((f) =>
    [f.dataset, f.file, String(f.row), f.severity, f.code, f.field ?? '', f.column ?? '', f.value ?? '', f.expected ?? '', f.message, f.hint ?? '', relatedText(f)].map(
      neutralizeCell,
    ),
  )
  return `\uFEFF${stringify([HEADERS[lang], ...rows], {record_delimiter: '\r\n'})}`
}
