import Table from 'cli-table3'

import type {Lang, Report} from '../model.js'
import {relatedText} from './csv.js'

const T = {
  zh: {
    inputs: '输入',
    rows: '行',
    summary: '汇总',
    errors: '错误',
    warnings: '警告',
    infos: '提示',
    none: '未发现问题。',
    head: ['文件', '行', '级别', '代码', '字段', '值', '说明'],
    byCode: ['代码', '数量'],
    hiddenInfos: (n: number) => `另有 ${n} 条提示未列出（加 --include-info 列出）。`,
    severity: {error: '错误', warning: '警告', info: '提示'},
  },
  en: {
    inputs: 'Inputs',
    rows: 'rows',
    summary: 'Summary',
    errors: 'errors',
    warnings: 'warnings',
    infos: 'infos',
    none: 'No findings.',
    head: ['file', 'row', 'severity', 'code', 'field', 'value', 'message'],
    byCode: ['code', 'count'],
    hiddenInfos: (n: number) => `${n} info finding(s) not listed (add --include-info to list them).`,
    severity: {error: 'error', warning: 'warning', info: 'info'},
  },
} as const

/** The human report: inputs, counts by code, then every listed finding. */
export function formatTable(report: Report, lang: Lang): string {
  const t = T[lang]
  const out: string[] = []
  for (const input of report.inputs) {
    const extra = [input.encoding, input.sheet].filter(Boolean).join(', ')
    out.push(`${t.inputs}: ${input.file}${extra ? ` (${extra})` : ''} — ${input.rows} ${t.rows}`)
  }
  const s = report.summary
  out.push(`${t.summary}: ${s.rows} ${t.rows}, ${s.errors} ${t.errors}, ${s.warnings} ${t.warnings}, ${s.infos} ${t.infos}`)
  const codes = Object.entries(s.byCode).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  if (codes.length > 0) {
    const byCode = new Table({head: [...t.byCode], style: {head: [], border: []}})
    for (const [code, n] of codes) byCode.push([code, String(n)])
    out.push(byCode.toString())
  }
  if (report.findings.length === 0) {
    out.push(s.findings === 0 ? t.none : '')
  } else {
    const table = new Table({head: [...t.head], style: {head: [], border: []}, wordWrap: true, colWidths: [null, null, null, null, null, 24, 48] as unknown as number[]})
    for (const f of report.findings) {
      const message = f.hint ? `${f.message}\n→ ${f.hint}` : f.message
      const related = relatedText(f)
      table.push([f.file, String(f.row), t.severity[f.severity], f.code, f.field ?? f.column ?? '', f.value ?? '', related ? `${message}\n[${related}]` : message])
    }
    out.push(table.toString())
  }
  const listedInfos = report.findings.filter((f) => f.severity === 'info').length
  if (s.infos > listedInfos) out.push(t.hiddenInfos(s.infos - listedInfos))
  return `${out.filter((l) => l !== '').join('\n')}\n`
}
