import path from 'node:path'

import {codeDefinition, isFindingCode} from '../../findings/codes.js'
import {findingsOf} from '../../findings/report-findings.js'
import type {Finding, Lang, Report, Severity} from '../../findings/model.js'
import {fieldLabel} from '../../schema/fields.js'
import {STATE_LABELS} from '../finding-columns.js'
import {childLines, registryLines, stateLine} from './table-registry.js'
import {type GridColumn, fitColumns, gridOverhead, naturalWidth, renderGrid, textWidth, wrapLines} from '../text-grid.js'

export {wrapToWidth} from '../text-grid.js'

// The human report on a terminal (docs/formats.md, "table"): what was read and the counts first,
// then at most --limit findings, then the counts again in one line with what was left out and
// how to get it. Every line fits the terminal's width (80 columns at least); only the findings
// shown are read and laid out, so a 64,000-finding report takes as long as a 50-finding one.

const T = {
  zh: {
    inputs: '输入',
    rows: '行',
    summary: '汇总',
    colon: '：',
    counts: (s: Report['summary']) => `${s.rows} 行，${s.errors} 个错误，${s.warnings} 个警告，${s.infos} 条提示`,
    none: '未发现问题。',
    byCode: ['代码', '级别', '数量'],
    where: '行',
    value: '字段 / 值',
    problem: '问题',
    expected: '应为',
    severity: {error: '错误', warning: '警告', info: '提示'} as Record<Severity, string>,
    state: STATE_LABELS.zh,
    listedAll: (n: number) => `列出全部 ${n} 条`,
    listed: (shown: number, total: number, hint: string) => `未列出 ${total - shown} 条：--limit 0 全部列出；${hint} 全部保存`,
    hidden: (n: number, states: boolean) => `${n} 条${states ? '提示或已豁免、已解决的问题' : '提示'}未列出（加 --include-info 列出）`,
    risk: {head: ['村（社区）', '行', '姓名', '风险', '因素'], notRated: '未评估'},
    sep: '；',
  },
  en: {
    inputs: 'Inputs',
    rows: 'rows',
    summary: 'Summary',
    colon: ': ',
    counts: (s: Report['summary']) => `${s.rows} rows, ${s.errors} errors, ${s.warnings} warnings, ${s.infos} infos`,
    none: 'No findings.',
    byCode: ['code', 'severity', 'count'],
    where: 'row',
    value: 'field / value',
    problem: 'problem',
    expected: 'expected',
    severity: {error: 'error', warning: 'warning', info: 'info'} as Record<Severity, string>,
    state: STATE_LABELS.en,
    listedAll: (n: number) => `all ${n} listed`,
    listed: (shown: number, total: number, hint: string) => `${total - shown} not listed (--limit 0 lists all; ${hint} saves all)`,
    hidden: (n: number, states: boolean) => `${n} ${states ? 'infos, waived or resolved findings' : 'infos'} not listed (add --include-info to list them)`,
    risk: {head: ['village', 'row', 'name', 'risk', 'factors'], notRated: 'not rated'},
    sep: '; ',
  },
} as const

export interface TableOptions {
  lang: Lang
  /** Terminal columns (80 at least); default 120 when the table does not go to a terminal. */
  width?: number
  /** Findings listed at most; 0 or absent: all. */
  limit?: number
  /** What writes every finding to a file, for the closing line. */
  reportHint?: string
}

export const MIN_WIDTH = 80
const FILE_WIDTH = 120

// A terminal shows what the table holds: a pasted 10 MB cell is clipped, and control characters
// from a hostile file — an escape sequence that recolours or clears the screen, a bidi override —
// are shown as visible `\uXXXX`.
const MAX_VALUE = 200
const MAX_TEXT = 2000

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** Text safe for a terminal table cell: clipped to `max` characters, control characters escaped. */
export function displayText(text: string, max: number): string {
  const clipped = text.length > max ? `${[...text.slice(0, max)].slice(0, -1).join('')}… (+${text.length - max + 1})` : text
  return clipped.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/\t/g, ' ')
}

/** The report as a terminal reads it. `options` may be just the language (every finding, 120 columns). */
export function formatTable(report: Report, options: TableOptions | Lang): string {
  const o: TableOptions = typeof options === 'string' ? {lang: options} : options
  const t = T[o.lang]
  const width = Math.max(MIN_WIDTH, Math.floor(o.width ?? FILE_WIDTH))
  const limit = o.limit && o.limit > 0 ? o.limit : Number.POSITIVE_INFINITY
  const out: string[] = []
  const line = (text: string) => out.push(...wrapLines(text, width))

  for (const input of report.inputs) {
    const extra = [input.encoding, input.sheet].filter(Boolean).join(', ')
    line(`${t.inputs}${t.colon}${displayText(input.file, MAX_TEXT)}${extra ? ` (${displayText(extra, MAX_TEXT)})` : ''} — ${input.rows} ${t.rows}`)
  }
  const s = report.summary
  line(`${t.summary}${t.colon}${t.counts(s)}`)
  const states = stateLine(s, o.lang)
  if (states) line(states)
  if (report.registry) for (const l of registryLines(report.registry, o.lang)) line(l)
  if (report.child) out.push(...childLines(report.child, o.lang, width, (text) => displayText(text, MAX_VALUE)))
  const codes = Object.entries(s.byCode).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  if (codes.length > 0) out.push(...codeTable(codes, t, width))

  // Only the findings shown are read: the rest of a streamed report stays on disk.
  const listed = findingsOf(report)
  const shown: Finding[] = []
  if (Number.isFinite(limit)) {
    for (const f of listed) {
      if (shown.length >= limit) break
      shown.push(f)
    }
  } else {
    for (const f of listed) shown.push(f)
  }
  if (shown.length === 0) {
    if (s.findings === 0) line(t.none)
  } else {
    out.push(...(report.command === 'risk' ? riskTable(shown, t, width, multiFileDatasets(report)) : findingTable(shown, report, o.lang, width)))
  }

  // The closing line: the counts again (the top has scrolled away), what was left out, and how to get it.
  const total = listed.length
  const parts = [`${t.summary}${t.colon}${t.counts(s)}`]
  if (total > 0) parts.push(shown.length < total ? t.listed(shown.length, total, o.reportHint ?? '--format xlsx --output report.xlsx') : t.listedAll(total))
  if (s.findings > total) parts.push(t.hidden(s.findings - total, s.byState !== undefined))
  // One line where the terminal is wide enough, else one line a part.
  const closing = parts.join(t.sep)
  if (textWidth(closing) <= width) out.push(closing)
  else for (const part of parts) line(part)
  return `${out.join('\n')}\n`
}

function codeTable(codes: [string, number][], t: (typeof T)[Lang], width: number): string[] {
  const severity = (code: string): string => (isFindingCode(code) ? t.severity[codeDefinition(code).severity] : '')
  const rows = codes.map(([code, n]) => [displayText(code, MAX_VALUE), severity(code), String(n)])
  const columns: GridColumn[] = t.byCode.map((head, i) => ({head, width: Math.max(textWidth(head), ...rows.map((r) => textWidth(r[i]!))), ...(i === 2 ? {align: 'right' as const} : {})}))
  // A hostile code name cannot widen the grid past the terminal.
  const room = width - gridOverhead(3) - columns[1]!.width - columns[2]!.width
  columns[0]!.width = Math.min(columns[0]!.width, Math.max(10, room))
  return renderGrid(columns, rows)
}

/**
 * Datasets given as several files (a department's county workbooks): a row number alone is
 * ambiguous there, so their rows are written `FILE:ROW` (the file's name without its folder).
 */
function multiFileDatasets(report: Report): Set<string> {
  const files = new Map<string, Set<string>>()
  for (const i of report.inputs) files.set(i.dataset, (files.get(i.dataset) ?? new Set()).add(i.file))
  return new Set([...files].filter(([, f]) => f.size > 1).map(([d]) => d))
}

const rowText = (r: {dataset: string; file: string; row: number}, multi: ReadonlySet<string>): string => (multi.has(r.dataset) ? `${path.basename(r.file)}:${r.row}` : String(r.row))

/** Several datasets: the row column names the dataset too. */
function whereText(f: Finding, several: boolean, multi: ReadonlySet<string>): string {
  return several ? `${displayText(f.dataset, MAX_VALUE)}\n${rowText(f, multi)}` : rowText(f, multi)
}

function relatedText(f: Finding, multi: ReadonlySet<string>): string {
  // "dataset:row value", pieces separated by spaces: a line breaks between them, never inside an ID.
  return (f.related ?? []).map((r) => `${r.dataset}:${rowText(r, multi)}${r.value !== undefined && r.value !== '' ? ` ${r.value}` : ''}`).join('; ')
}

function findingTable(shown: Finding[], report: Report, lang: Lang, width: number): string[] {
  const t = T[lang]
  const several = new Set(report.inputs.map((i) => i.dataset)).size > 1 || shown.some((f) => f.dataset !== shown[0]!.dataset)
  const multi = multiFileDatasets(report)
  const cells = shown.map((f) => {
    // The roster's own header where there is one (监护人联系电话), else the field's name in the run's language.
    const label = f.column ?? (f.field ? fieldLabel(f.field, lang) : '')
    const value = [label, f.value ?? '', f.expected !== undefined && f.expected !== '' ? `${t.expected}${t.colon}${f.expected}` : '']
      .filter((x) => x !== '')
      .map((x) => displayText(x, MAX_VALUE))
      .join('\n')
    const head = `${t.severity[f.severity]} ${f.code} ${f.fingerprint}${f.state ? ` ${t.state[f.state]}` : ''}`
    const who = [f.name, f.village ?? f.town].filter(Boolean).join(' · ')
    const related = relatedText(f, multi)
    const text = [head, who, f.message, f.hint ? `→ ${f.hint}` : '', related ? `[${related}]` : ''].filter((x) => x !== '').join('\n')
    return [displayText(whereText(f, several, multi), MAX_VALUE), value, displayText(text, MAX_TEXT)]
  })
  const hasValue = cells.some((c) => c[1] !== '')
  const avail = width - gridOverhead(hasValue ? 3 : 2)
  // The row column: as wide as its widest entry (a dataset name breaks at its hyphens past 16).
  const whereW = Math.max(textWidth(t.where), ...cells.map((c) => naturalWidth(c[0]!, 16)))
  // The value column: its content, at least an ID number's 18 characters, at most a third of the rest.
  const valueW = hasValue ? Math.max(textWidth(t.value), Math.min(Math.max(18, Math.floor((avail - whereW) / 3)), Math.max(...cells.map((c) => naturalWidth(c[1]!, 60))))) : 0
  const textW = avail - whereW - valueW
  const columns: GridColumn[] = [{head: t.where, width: whereW}]
  if (hasValue) columns.push({head: t.value, width: valueW})
  columns.push({head: t.problem, width: textW})
  return renderGrid(columns, cells.map((c) => (hasValue ? c : [c[0]!, c[2]!])), {separators: true})
}

// risk's findings name the level and score before a colon, then the factors and the basis, joined
// by ； (zh) or "; " (en) — a factor's own label may hold 、 or a comma: the templates of
// RISK_HIGH/MEDIUM/LOW/NOT_RATED in findings/codes/risk.ts, the separator in risk/risk.ts.
const LEVEL_SPLIT = /^(.*?)[:：]\s*(.*)$/s

/** risk: the child director's visit list — village, row, name, level, one factor a line. */
function riskTable(shown: Finding[], t: (typeof T)[Lang], width: number, multi: ReadonlySet<string>): string[] {
  const rows = shown.map((f) => {
    const m = LEVEL_SPLIT.exec(f.message)
    const rated = f.code !== 'RISK_NOT_RATED'
    const level = rated ? (m?.[1] ?? f.message) : t.risk.notRated
    const rest = m?.[2] ?? (rated ? '' : f.message)
    const factors = rated ? rest.split(/；|; /).join('\n') : [rest, f.hint ? `→ ${f.hint}` : ''].filter(Boolean).join('\n')
    return [f.village ?? f.town ?? '', rowText(f, multi), f.name ?? '', level, factors].map((x) => displayText(x, MAX_TEXT))
  })
  return renderGrid(fitColumns(t.risk.head, rows, width, [14, 9, 10, 14]), rows, {separators: true})
}
