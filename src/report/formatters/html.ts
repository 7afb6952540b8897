import {codeDefinition, isFindingCode} from '../../findings/codes.js'
import {departmentName} from '../../schema/dataset-args.js'
import {fieldLabel} from '../../schema/fields.js'
import {PATH_SEPARATOR} from '../../findings/breakdown.js'
import {listedOf} from '../../findings/listed.js'
import type {BreakdownEntry, BreakdownLevel, Finding, Lang, MaskMode, Report, Severity} from '../../findings/model.js'
import {beijingTime} from '../beijing-time.js'
import {STATE_LABELS, relatedText} from '../finding-columns.js'
import {REPORT_CSS, REPORT_JS} from './html-assets.js'
import {type Bar, SEVERITIES, barChart, esc, shareMeter} from './html-svg.js'

// One self-contained HTML file (docs/formats.md): summary figures, bar charts of findings by
// code and by county → town → village (click a unit to see the units below it), the share of each
// list confirmed by each department (crosscheck), and the findings table with a filter and a search
// box. Styles, script, charts and data are all inline; a Content-Security-Policy forbids loading
// anything, and no `://` appears anywhere in the file. The report arrives masked.

export interface HtmlOptions {
  lang: Lang
  /** For the note on masking; the report is masked already. */
  mask?: MaskMode
}

const RANK: Record<Severity, number> = {info: 0, warning: 1, error: 2}
/** Bars per chart panel; the rest are counted in a note. */
const MAX_BARS = 40
const GEO_LEVELS: readonly BreakdownLevel[] = ['province', 'city', 'county', 'town', 'village']

const COMMANDS: Record<Lang, Record<string, string>> = {
  zh: {validate: '名册校验', normalize: '名册规范化', dedupe: '重复记录查找', crosscheck: '部门交叉比对', diff: '名册变动比对', risk: '风险评估'},
  en: {validate: 'Roster validation', normalize: 'Roster normalization', dedupe: 'Duplicate search', crosscheck: 'Cross-department check', diff: 'Roster changes', risk: 'Risk assessment'},
}

const T = {
  zh: {
    htmlLang: 'zh-CN',
    title: '报告',
    asOf: '基准日期',
    generated: '生成于',
    beijing: '北京时间',
    summary: '概况',
    summarySub: (files: number) => `共 ${files} 个文件。问题按级别计数，包括未列出的提示。`,
    rows: '行数',
    findings: '问题',
    severity: {error: '错误', warning: '警告', info: '提示'} as Record<Severity, string>,
    badge: {error: '错误', warning: '警告', info: '提示'} as Record<Severity, string>,
    clustersMatch: '重复组（确认）',
    clustersPossible: '重复组（疑似）',
    links: '跨部门关联儿童',
    risk: {high: '高风险', medium: '中风险', low: '低风险'} as Record<string, string>,
    basis: {'both-away': '父母均外出', 'one-away-other-incapable': '一方外出、另一方无监护能力', other: '其他留守情形'} as Record<string, string>,
    inputs: '输入文件',
    inputHead: ['数据集', '部门', '文件', '格式', '行数', '列出的问题'],
    byCode: '按问题代码',
    byCodeSub: '每个代码的问题数（含只计数的提示）。点击条形可在下方表格中只看该代码。',
    byArea: '按地区',
    byAreaSub: '县 → 乡镇 → 村：每个单位的问题数，按问题多少排序。点击带下划线的单位查看其下级单位。',
    noArea: '名册中没有行政区划代码或县、乡镇、村列，无法按地区统计。',
    allAreas: '全部地区',
    rowsNote: (n: number) => `${n.toLocaleString('en-US')} 行`,
    moreUnits: (n: number) => `另有 ${n} 个单位问题较少，未在图中列出。`,
    byUnit: '按填报单位',
    byUnitSub: '每个填报单位的问题数。',
    confirmed: '各部门核实比例',
    confirmedSub: '每个单位的名单中，能在各部门名单上找到的比例。',
    unit: '单位',
    level: {province: '省', city: '市', county: '县', town: '乡镇', village: '村', reportingUnit: '填报单位'} as Record<BreakdownLevel, string>,
    findingsTitle: '问题清单',
    findingsSub: '可按级别、代码、数据集筛选，或输入关键词搜索（多个词用空格分开，同时满足）。',
    search: '搜索：姓名、代码、说明、行号……',
    any: {severity: '全部级别', code: '全部代码', dataset: '全部数据集'},
    head: ['级别', '代码 / 问题编号', '数据集', '行', '儿童（村）', '字段（列）', '值 / 应为', '说明'],
    expected: '应为：',
    related: '相关行：',
    showing: '显示 {shown} 条，符合 {matching} 条，共列出 {total} 条',
    showMore: '显示更多',
    noMatch: '没有符合条件的问题。',
    noFindings: '未发现问题。',
    hiddenInfos: (n: number) => `另有 ${n.toLocaleString('en-US')} 条提示只计数未列出（加 --include-info 列出）。`,
    noscript: '问题表格需要浏览器启用 JavaScript；图表和汇总不受影响。',
    mask: {none: '本报告未脱敏，含完整身份证号和电话，请妥善保管。', ids: '身份证号和电话号码已脱敏。', all: '身份证号、电话、姓名和地址已脱敏。'} as Record<MaskMode, string>,
    footer: '本报告由 liushou 在本机生成，不引用任何外部资源，打开时不联网。',
  },
  en: {
    htmlLang: 'en',
    title: 'report',
    asOf: 'as of',
    generated: 'generated',
    beijing: 'Beijing time',
    summary: 'Summary',
    summarySub: (files: number) => `${files} file${files === 1 ? '' : 's'}. Findings are counted by severity, unlisted infos included.`,
    rows: 'rows',
    findings: 'findings',
    severity: {error: 'errors', warning: 'warnings', info: 'infos'} as Record<Severity, string>,
    badge: {error: 'error', warning: 'warning', info: 'info'} as Record<Severity, string>,
    clustersMatch: 'duplicate clusters (match)',
    clustersPossible: 'duplicate clusters (possible)',
    links: 'children linked across lists',
    risk: {high: 'high risk', medium: 'medium risk', low: 'low risk'} as Record<string, string>,
    basis: {'both-away': 'both parents away', 'one-away-other-incapable': 'one away, the other unable to care', other: 'left behind otherwise'} as Record<string, string>,
    inputs: 'Inputs',
    inputHead: ['dataset', 'department', 'file', 'format', 'rows', 'listed findings'],
    byCode: 'Findings by code',
    byCodeSub: 'Findings per code (counted infos included). Click a bar to show only that code in the table below.',
    byArea: 'Findings by area',
    byAreaSub: 'County → town → village: findings per unit, most first. Click an underlined unit to see the units below it.',
    noArea: 'The rosters have no region code and no county, town or village columns: no breakdown by area.',
    allAreas: 'All areas',
    rowsNote: (n: number) => `${n.toLocaleString('en-US')} rows`,
    moreUnits: (n: number) => `${n} more unit${n === 1 ? '' : 's'} with fewer findings not drawn.`,
    byUnit: 'Findings by reporting unit',
    byUnitSub: 'Findings per reporting unit.',
    confirmed: 'Share confirmed by each department',
    confirmedSub: "For each unit, the share of its list that each department's list confirms.",
    unit: 'unit',
    level: {province: 'province', city: 'city', county: 'county', town: 'town', village: 'village', reportingUnit: 'reporting unit'} as Record<BreakdownLevel, string>,
    findingsTitle: 'Findings',
    findingsSub: 'Filter by severity, code or dataset, or search (several words: all must match).',
    search: 'Search: name, code, message, row…',
    any: {severity: 'all severities', code: 'all codes', dataset: 'all datasets'},
    head: ['severity', 'code / finding id', 'dataset', 'row', 'child (village)', 'field (column)', 'value / expected', 'message'],
    expected: 'expected: ',
    related: 'related: ',
    showing: 'Showing {shown} of {matching} matching ({total} listed)',
    showMore: 'Show more',
    noMatch: 'No matching findings.',
    noFindings: 'No findings.',
    hiddenInfos: (n: number) => `${n.toLocaleString('en-US')} info finding(s) counted but not listed (add --include-info to list them).`,
    noscript: 'The findings table needs JavaScript; the charts and the summary do not.',
    mask: {none: 'Not masked: this report holds full ID numbers and phones. Keep it safe.', ids: 'ID numbers and phone numbers are masked.', all: 'ID numbers, phones, names and addresses are masked.'} as Record<MaskMode, string>,
    footer: 'Made by liushou on this computer. The page loads nothing from anywhere and works offline.',
  },
}

type Texts = (typeof T)[Lang]

function fmt(n: number): string {
  return n.toLocaleString('en-US')
}

/** A code's meaning from its message template: a trailing `: {reason}` dropped, other slots `…`. */
function codeMeaning(code: string, lang: Lang): string | undefined {
  // summary.byCode comes from a report that may have been read back from JSON: keys are strings.
  if (!isFindingCode(code)) return undefined
  return codeDefinition(code)
    .message[lang].replace(/[：:] ?\{\w+\}$/, '')
    .replace(/\{\w+\}/g, '…')
}


/** Embeds data in a <script type="application/json">: nothing in it can close the element or open a comment. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/:\/\//g, ':\\/\\/')
}

/** The severity a code has in this report: the worst listed; unlisted codes are infos. */
function codeSeverities(report: Report): Map<string, Severity> {
  const out = new Map<string, Severity>()
  for (const f of report.findings) {
    const s = out.get(f.code)
    if (s === undefined || RANK[f.severity] > RANK[s]) out.set(f.code, f.severity)
  }
  for (const code of Object.keys(report.summary.byCode)) if (!out.has(code)) out.set(code, 'info')
  return out
}

function segmentsOf(byCode: Record<string, number>, severities: Map<string, Severity>): {segments: Bar['segments']; total: number} {
  const sums: Record<Severity, number> = {error: 0, warning: 0, info: 0}
  let total = 0
  for (const [code, n] of Object.entries(byCode)) {
    sums[severities.get(code) ?? 'info'] += n
    total += n
  }
  return {segments: SEVERITIES.map((severity) => ({severity, value: sums[severity]})), total}
}

function legend(t: Texts): string {
  return `<div class="legend">${SEVERITIES.map((s) => `<span><i class="${s}"></i>${esc(t.severity[s])}</span>`).join('')}</div>`
}

// ------------------------------------------------------------------------------------------ sections

function header(report: Report, lang: Lang, t: Texts): string {
  const command = COMMANDS[lang][report.command] ?? report.command
  return (
    `<header class="top"><div class="wrap">` +
    `<h1>${esc(lang === 'zh' ? `${command}${t.title}` : `${command} ${t.title}`)}</h1>` +
    `<div class="meta"><span>liushou ${esc(report.version)} · ${esc(report.command)}</span>` +
    `<span>${esc(t.asOf)} ${esc(report.asOf)}</span>` +
    `<span>${esc(t.generated)} ${esc(beijingTime(report.generatedAt))}（${esc(t.beijing)}）</span></div>` +
    `</div></header>`
  )
}

function figure(n: number, label: string, cls = '', data = ''): string {
  return `<div class="figure${cls ? ` ${cls}` : ''}"${data}><div class="n">${fmt(n)}</div><div class="k">${esc(label)}</div></div>`
}

function summarySection(report: Report, t: Texts): string {
  const s = report.summary
  const figures = [
    figure(s.rows, t.rows, '', ' data-figure="rows"'),
    figure(s.findings, t.findings, '', ' data-figure="findings"'),
    figure(s.errors, t.severity.error, 'error', ' data-figure="errors"'),
    figure(s.warnings, t.severity.warning, 'warning', ' data-figure="warnings"'),
    figure(s.infos, t.severity.info, 'info', ' data-figure="infos"'),
  ]
  if (report.clusters) {
    figures.push(figure(report.clusters.filter((c) => c.decision === 'match').length, t.clustersMatch))
    figures.push(figure(report.clusters.filter((c) => c.decision === 'possible').length, t.clustersPossible))
  }
  const links = listedOf(report, 'links')
  if (links) figures.push(figure(links.length, t.links))
  if (report.risks) {
    for (const level of ['high', 'medium', 'low'] as const) {
      figures.push(figure(report.risks.filter((r) => r.level === level).length, t.risk[level] ?? level, level === 'high' ? 'error' : level === 'medium' ? 'warning' : ''))
    }
    // Why the children count as left behind (Risk basis).
    for (const basis of ['both-away', 'one-away-other-incapable', 'other'] as const) {
      figures.push(figure(report.risks.filter((r) => r.basis === basis).length, t.basis[basis] ?? basis, '', ` data-figure="basis-${basis}"`))
    }
  }
  const listedByFile = new Map<string, Record<Severity, number>>()
  for (const f of report.findings) {
    const c = listedByFile.get(f.file) ?? {error: 0, warning: 0, info: 0}
    c[f.severity]++
    listedByFile.set(f.file, c)
  }
  const inputRows = report.inputs
    .map((i) => {
      const c = listedByFile.get(i.file) ?? {error: 0, warning: 0, info: 0}
      const badges = SEVERITIES.filter((sv) => c[sv] > 0)
        .map((sv) => `<span class="badge ${sv}">${esc(t.severity[sv])} ${fmt(c[sv])}</span>`)
        .join(' ')
      const format = [i.format, i.encoding, i.sheet].filter(Boolean).join(' · ')
      return `<tr><td>${esc(i.dataset)}</td><td>${esc(i.department ?? '')}</td><td class="code">${esc(i.file)}</td><td>${esc(format)}</td><td class="num">${fmt(i.rows)}</td><td>${badges || '—'}</td></tr>`
    })
    .join('')
  return (
    `<section class="card" id="summary"><h2>${esc(t.summary)}</h2><p class="sub">${esc(t.summarySub(report.inputs.length))}</p>` +
    `<div class="figures">${figures.join('')}</div>` +
    `<h3 class="note">${esc(t.inputs)}</h3>` +
    `<table class="inputs"><thead><tr>${t.inputHead.map((h, i) => `<th${i === 4 ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${inputRows}</tbody></table>` +
    `</section>`
  )
}

function codeSection(report: Report, lang: Lang, t: Texts, severities: Map<string, Severity>): string {
  const listed = new Map<string, number>()
  for (const f of report.findings) listed.set(f.code, (listed.get(f.code) ?? 0) + 1)
  const codes = Object.entries(report.summary.byCode).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const bars: Bar[] = codes.map(([code, n]) => {
    const severity = severities.get(code) ?? 'info'
    const meaning = codeMeaning(code, lang)
    return {
      label: code,
      ...(meaning ? {sublabel: meaning} : {}),
      segments: [{severity, value: n}],
      value: n,
      data: {code, count: n, severity, listed: listed.get(code) ?? 0},
      title: `${code}${meaning ? ` — ${meaning}` : ''}: ${fmt(n)} (${t.severity[severity]})`,
      action: (listed.get(code) ?? 0) > 0,
    }
  })
  const body = bars.length > 0 ? legend(t) + barChart(bars, {label: t.byCode, labelWidth: 280}) : `<p class="note">${esc(t.noFindings)}</p>`
  return `<section class="card" id="by-code"><h2>${esc(t.byCode)}</h2><p class="sub">${esc(t.byCodeSub)}</p>${body}</section>`
}

interface AreaNode {
  entry: BreakdownEntry
  name: string
  children: AreaNode[]
}

/** The geographic entries as a tree by path prefix (county → town → village). */
function areaTree(entries: BreakdownEntry[]): AreaNode[] {
  const rank = new Map(GEO_LEVELS.map((l, i) => [l, i]))
  const geo = entries.filter((e) => rank.has(e.level)).sort((a, b) => (rank.get(a.level) ?? 0) - (rank.get(b.level) ?? 0))
  const byUnit = new Map<string, AreaNode>()
  const roots: AreaNode[] = []
  for (const entry of geo) {
    const cut = entry.unit.lastIndexOf(PATH_SEPARATOR)
    const name = cut < 0 ? entry.unit : entry.unit.slice(cut + PATH_SEPARATOR.length)
    const node: AreaNode = {entry, name, children: []}
    const parent = cut < 0 ? undefined : byUnit.get(entry.unit.slice(0, cut))
    if (parent && (rank.get(parent.entry.level) ?? 0) < (rank.get(entry.level) ?? 0)) parent.children.push(node)
    else roots.push(node)
    if (!byUnit.has(entry.unit)) byUnit.set(entry.unit, node)
  }
  return roots
}

function areaBars(nodes: AreaNode[], t: Texts, severities: Map<string, Severity>): {bars: Bar[]; more: number} {
  const measured = nodes.map((node) => ({node, ...segmentsOf(node.entry.byCode, severities)}))
  measured.sort((a, b) => b.total - a.total || b.node.entry.rows - a.node.entry.rows || a.node.name.localeCompare(b.node.name, 'zh'))
  const shown = measured.slice(0, MAX_BARS)
  const bars = shown.map(({node, segments, total}): Bar => {
    const top = Object.entries(node.entry.byCode)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([c, n]) => `${c} ${fmt(n)}`)
      .join(', ')
    return {
      label: node.name,
      note: t.rowsNote(node.entry.rows),
      segments,
      value: total,
      data: {unit: node.entry.unit, level: node.entry.level, count: total, rows: node.entry.rows},
      title: `${node.entry.unit}: ${fmt(total)} / ${t.rowsNote(node.entry.rows)}${top ? ` — ${top}` : ''}`,
      action: node.children.length > 0,
    }
  })
  return {bars, more: measured.length - shown.length}
}

function areaSection(report: Report, t: Texts, severities: Map<string, Severity>): string {
  const roots = areaTree(report.breakdown ?? [])
  if (roots.length === 0) return `<section class="card" id="by-area"><h2>${esc(t.byArea)}</h2><p class="note">${esc(t.noArea)}</p></section>`
  const panels: string[] = []
  const panel = (path: string, level: string, nodes: AreaNode[]) => {
    const {bars, more} = areaBars(nodes, t, severities)
    const max = Math.max(1, ...bars.map((b) => b.value))
    panels.push(
      `<div class="area-panel" data-path="${esc(path)}" data-level="${esc(level)}"${path === '' ? '' : ' hidden'}>` +
        barChart(bars, {label: `${t.byArea}: ${path || t.allAreas}`, labelWidth: 200, max}) +
        (more > 0 ? `<p class="more">${esc(t.moreUnits(more))}</p>` : '') +
        `</div>`,
    )
    for (const node of nodes) if (node.children.length > 0) panel(node.entry.unit, node.children[0]!.entry.level, node.children)
  }
  panel('', roots[0]!.entry.level, roots)
  return (
    `<section class="card" id="by-area"><h2>${esc(t.byArea)}</h2><p class="sub">${esc(t.byAreaSub)}</p>` +
    `<nav class="crumbs" aria-label="${esc(t.byArea)}"><span class="here">${esc(t.allAreas)}</span></nav>` +
    legend(t) +
    panels.join('') +
    `</section>`
  )
}

function unitSection(report: Report, t: Texts, severities: Map<string, Severity>): string {
  const units = (report.breakdown ?? []).filter((e) => e.level === 'reportingUnit')
  if (units.length === 0) return ''
  const {bars, more} = areaBars(
    units.map((entry) => ({entry, name: entry.unit, children: []})),
    t,
    severities,
  )
  return (
    `<section class="card" id="by-unit"><h2>${esc(t.byUnit)}</h2><p class="sub">${esc(t.byUnitSub)}</p>` +
    legend(t) +
    barChart(bars, {label: t.byUnit, labelWidth: 240}) +
    (more > 0 ? `<p class="more">${esc(t.moreUnits(more))}</p>` : '') +
    `</section>`
  )
}

function confirmedSection(report: Report, t: Texts, lang: Lang): string {
  const entries = (report.breakdown ?? []).filter((e) => e.confirmed && Object.keys(e.confirmed).length > 0)
  if (entries.length === 0) return ''
  const departments = [...new Set(entries.flatMap((e) => Object.keys(e.confirmed ?? {})))]
  const rows = entries
    .map(
      (e) =>
        `<tr data-unit="${esc(e.unit)}" data-level="${esc(e.level)}"><td>${esc(t.level[e.level] ?? e.level)}</td><td>${esc(e.unit)}</td><td class="num">${fmt(e.rows)}</td>` +
        departments.map((d) => `<td>${e.confirmed?.[d] === undefined ? '—' : shareMeter(e.confirmed[d], {dept: d, unit: e.unit})}</td>`).join('') +
        `</tr>`,
    )
    .join('')
  return (
    `<section class="card" id="confirmed"><h2>${esc(t.confirmed)}</h2><p class="sub">${esc(t.confirmedSub)}</p>` +
    `<div class="table-box"><table><thead><tr><th></th><th>${esc(t.unit)}</th><th class="num">${esc(t.rows)}</th>${departments.map((d) => `<th>${esc(departmentName(d, lang))}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div>` +
    `</section>`
  )
}

function findingRow(f: Finding, lang: Lang): (string | number)[] {
  // [dataset, file, row, severity, code, field, column, value, expected, message, hint, related, name, town, village, fingerprint, state]
  return [
    f.dataset,
    f.file,
    f.row,
    f.severity,
    f.code,
    f.field ? fieldLabel(f.field, lang) : '',
    f.column ?? '',
    f.value ?? '',
    f.expected ?? '',
    f.message,
    f.hint ?? '',
    relatedText(f),
    f.name ?? '',
    f.town ?? '',
    f.village ?? '',
    f.fingerprint,
    f.state ?? '',
  ]
}

function findingsSection(report: Report, t: Texts): string {
  const codes = [...new Set(report.findings.map((f) => f.code))].sort()
  const datasets = [...new Set(report.findings.map((f) => f.dataset))]
  const severities = SEVERITIES.filter((s) => report.findings.some((f) => f.severity === s))
  const option = (value: string, label: string) => `<option value="${esc(value)}">${esc(label)}</option>`
  const listedInfos = report.findings.filter((f) => f.severity === 'info').length
  const hidden = report.summary.infos - listedInfos
  return (
    `<section class="card" id="findings"><h2>${esc(t.findingsTitle)}</h2><p class="sub">${esc(t.findingsSub)}</p>` +
    `<div class="filters">` +
    `<input type="search" id="filter" placeholder="${esc(t.search)}" aria-label="${esc(t.search)}" autocomplete="off">` +
    `<select id="f-severity" aria-label="${esc(t.head[0]!)}">${option('', t.any.severity)}${severities.map((s) => option(s, t.badge[s])).join('')}</select>` +
    `<select id="f-code" aria-label="${esc(t.head[1]!)}">${option('', t.any.code)}${codes.map((c) => option(c, c)).join('')}</select>` +
    (datasets.length > 1 ? `<select id="f-dataset" aria-label="${esc(t.head[2]!)}">${option('', t.any.dataset)}${datasets.map((d) => option(d, d)).join('')}</select>` : '') +
    `<span class="count" id="f-count"></span>` +
    `</div>` +
    `<noscript><p class="note">${esc(t.noscript)}</p></noscript>` +
    `<div class="table-box"><table id="findings-table"><thead><tr>${t.head.map((h, i) => `<th${i === 3 ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody></tbody></table></div>` +
    `<button type="button" class="show-more" id="show-more" hidden>${esc(t.showMore)}</button>` +
    (hidden > 0 ? `<p class="note">${esc(t.hiddenInfos(hidden))}</p>` : '') +
    `</section>`
  )
}

// -------------------------------------------------------------------------------------------- entry

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"

export function formatHtml(report: Report, options: HtmlOptions): string {
  const lang = options.lang
  const t = T[lang]
  const severities = codeSeverities(report)
  const data = {
    lang,
    pathSeparator: PATH_SEPARATOR,
    labels: {badge: t.badge, showing: t.showing, noMatch: t.noMatch, allAreas: t.allAreas, expected: t.expected, related: t.related, state: STATE_LABELS[lang]},
    findings: report.findings.map((f) => findingRow(f, lang)),
  }
  const command = COMMANDS[lang][report.command] ?? report.command
  const title = lang === 'zh' ? `${command}${t.title} · ${report.asOf}` : `${command} ${t.title} · ${report.asOf}`
  return [
    '<!DOCTYPE html>',
    `<html lang="${t.htmlLang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<meta name="generator" content="liushou ${esc(report.version)}">`,
    `<title>${esc(title)}</title>`,
    '<link rel="icon" href="data:,">',
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    header(report, lang, t),
    '<main><div class="wrap">',
    summarySection(report, t),
    codeSection(report, lang, t, severities),
    areaSection(report, t, severities),
    unitSection(report, t, severities),
    confirmedSection(report, t, lang),
    findingsSection(report, t),
    `<footer>${esc(t.mask[options.mask ?? 'ids'])} ${esc(t.footer)}</footer>`,
    '</div></main>',
    `<script type="application/json" id="liushou-data">${jsonForScript(data)}</script>`,
    `<script>${REPORT_JS}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n')
}
