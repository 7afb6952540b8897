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

// A terminal shows what the table holds: a pasted 10 MB cell is clipped (cli-table3 wraps every
// character of it, which takes minutes), and control characters from a hostile file — an escape
// sequence that recolours or clears the screen, a bidi override — are shown as visible `\uXXXX`.
const MAX_VALUE = 200
const MAX_TEXT = 2000

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** Text safe for a terminal table cell: clipped to `max` characters, control characters escaped. */
export function displayText(text: string, max: number): string {
  const clipped = text.length > max ? `${[...text.slice(0, max)].slice(0, -1).join('')}… (+${text.length - max + 1})` : text
  return clipped.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/\t/g, ' ')
}

/** The human report: inputs, counts by code, then every listed finding. */
export function formatTable(report: Report, lang: Lang): string {
  const t = T[lang]
  const out: string[] = []
  for (const input of report.inputs) {
    const extra = [input.encoding, input.sheet].filter(Boolean).join(', ')
    out.push(`${t.inputs}: ${displayText(input.file, MAX_TEXT)}${extra ? ` (${displayText(extra, MAX_TEXT)})` : ''} — ${input.rows} ${t.rows}`)
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
      const text = related ? `${message}\n[${related}]` : message
      table.push([displayText(f.file, MAX_VALUE), String(f.row), t.severity[f.severity], f.code, displayText(f.field ?? f.column ?? '', MAX_VALUE), displayText(f.value ?? '', MAX_VALUE), displayText(text, MAX_TEXT)])
    }
    out.push(table.toString())
  }
  const listedInfos = report.findings.filter((f) => f.severity === 'info').length
  if (s.infos > listedInfos) out.push(t.hiddenInfos(s.infos - listedInfos))
  return `${out.filter((l) => l !== '').join('\n')}\n`
}
