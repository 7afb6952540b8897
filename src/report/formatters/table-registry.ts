import {fillTemplate} from '../../findings/codes.js'
import {RISK_FACTOR_LABELS} from '../../findings/codes/risk.js'
import type {ChildFile, FindingState, Lang, RegistryInfo, Summary} from '../../findings/model.js'
import {departmentName} from '../../schema/dataset-args.js'
import {fieldLabel} from '../../schema/fields.js'
import {STATE_LABELS} from '../finding-columns.js'
import {fitColumns, renderGrid} from '../text-grid.js'

// The registry's parts of the terminal table: the findings' states (the nightly question: what is
// new, what is still open, what was fixed), the registry's counts, and one child's file (一人一档)
// — the rows of every snapshot and what changed between them.

const T = {
  zh: {
    states: '状态',
    registry: (r: RegistryInfo) => `登记册：截至 ${r.asOf} 共 ${r.children} 名儿童；主名单本期新增 ${r.entered}、退出 ${r.exited}`,
    snapshot: (department: string, rows: number, unchanged: boolean) => `${department} ${rows} 行${unchanged ? '（未变）' : ''}`,
    snapshots: '快照',
    exits: '退出和不再留守的原因',
    child: (c: ChildFile) => `儿童编号：${c.childId}${c.merged.length > 0 ? `（并入：${c.merged.join('、')}）` : ''}；${c.rows.length} 行记录，${c.changes.length} 处变更`,
    rowsHead: ['日期', '部门', '文件 / 行', '记录'],
    changesHead: ['日期', '字段', '原值', '新值'],
    risksHead: ['日期', '风险', '风险因素'],
    levels: {high: '高', medium: '中', low: '低'} as Record<string, string>,
    factorSep: '；',
    none: '无',
    sep: '，',
    cellSep: '；',
    colon: '：',
  },
  en: {
    states: 'States',
    registry: (r: RegistryInfo) => `Registry: ${r.children} children as of ${r.asOf}; primary list ${r.entered} entered, ${r.exited} exited`,
    snapshot: (department: string, rows: number, unchanged: boolean) => `${department} ${rows} rows${unchanged ? ' (unchanged)' : ''}`,
    snapshots: 'Snapshots',
    exits: 'Exits and children no longer left behind, by reason',
    child: (c: ChildFile) => `Child number: ${c.childId}${c.merged.length > 0 ? ` (merged: ${c.merged.join(', ')})` : ''}; ${c.rows.length} rows, ${c.changes.length} changes`,
    rowsHead: ['date', 'department', 'file / row', 'record'],
    changesHead: ['date', 'field', 'before', 'after'],
    risksHead: ['date', 'risk', 'factors'],
    levels: {high: 'high', medium: 'medium', low: 'low'} as Record<string, string>,
    factorSep: '; ',
    none: 'none',
    sep: ', ',
    cellSep: '; ',
    colon: ': ',
  },
} as const

const EXIT_LABELS: Record<Lang, Record<string, string>> = {
  zh: {DIFF_EXIT_AGED_OUT: '年满 16 周岁', DIFF_EXIT_MOVED_OUT: '迁出', DIFF_EXIT_PARENTS_RETURNED: '父母返乡', DIFF_EXIT_DECEASED: '死亡', DIFF_EXIT_UNEXPLAINED: '原因不明'},
  en: {DIFF_EXIT_AGED_OUT: 'aged out', DIFF_EXIT_MOVED_OUT: 'moved out', DIFF_EXIT_PARENTS_RETURNED: 'parents returned', DIFF_EXIT_DECEASED: 'deceased', DIFF_EXIT_UNEXPLAINED: 'unexplained'},
}

const STATE_ORDER: FindingState[] = ['new', 'open', 'resolved', 'waived', 'known']

/** `状态：新增 12，未解决 40，已解决 3` — findings of every severity by state; undefined without states. */
export function stateLine(summary: Summary, lang: Lang): string | undefined {
  const by = summary.byState
  if (!by) return undefined
  const parts = STATE_ORDER.flatMap((state) => {
    const n = by[state]
    const total = n ? n.errors + n.warnings + n.infos : 0
    return total > 0 ? [`${STATE_LABELS[lang][state]} ${total}`] : []
  })
  return parts.length > 0 ? `${T[lang].states}${T[lang].colon}${parts.join(T[lang].sep)}` : undefined
}

/** The registry's counts and the snapshots the command read or stored. */
export function registryLines(info: RegistryInfo, lang: Lang): string[] {
  const t = T[lang]
  const lines = [t.registry(info)]
  const exits = Object.entries(info.exitsByReason ?? {}).filter(([, n]) => n > 0)
  if (exits.length > 0) lines.push(`${t.exits}${t.colon}${exits.map(([code, n]) => `${EXIT_LABELS[lang][code] ?? code} ${n}`).join(t.sep)}`)
  if (info.snapshots.length > 0) lines.push(`${t.snapshots}${t.colon}${info.snapshots.map((s) => t.snapshot(departmentName(s.department, lang), s.rows, s.unchanged === true)).join(t.sep)}`)
  return lines
}

// The cells a person looks for first in a child's row; the rest stay in the JSON.
const KEY_FIELDS = ['name', 'idNumber', 'birthDate', 'gender', 'town', 'village', 'school', 'guardianName', 'guardianPhone', 'fatherStatus', 'motherStatus']

function recordText(row: ChildFile['rows'][number], lang: Lang): string {
  const t = T[lang]
  const byField = new Map<string, [string, string]>()
  for (const [header, value] of Object.entries(row.cells)) {
    const field = row.fields?.[header]
    if (field && !byField.has(field)) byField.set(field, [header, value])
  }
  const shown = KEY_FIELDS.flatMap((f) => {
    const cell = byField.get(f)
    return cell ? [`${cell[0]}${t.colon}${cell[1]}`] : []
  })
  return shown.join(t.cellSep)
}

/** One child's file: who, the rows of every snapshot, the changes between snapshots, the risk at each snapshot. */
export function childLines(child: ChildFile, lang: Lang, width: number, clip: (text: string) => string): string[] {
  const t = T[lang]
  const out = [t.child(child)]
  if (child.rows.length > 0) {
    const rows = child.rows.map((r) => [r.asOf, departmentName(r.department, lang), `${r.file}:${r.row}`, recordText(r, lang)].map(clip))
    out.push(...renderGrid(fitColumns(t.rowsHead, rows, width, [10, 14, 30]), rows, {separators: true}))
  }
  if (child.changes.length > 0) {
    const rows = child.changes.map((c) => [c.asOf, fieldLabel(c.field, lang), c.before, c.after].map(clip))
    out.push(...renderGrid(fitColumns(t.changesHead, rows, width, [10, 16, 24]), rows, {separators: true}))
  }
  if (child.risks.length > 0) {
    const rows = child.risks.map((r) => [r.asOf, t.levels[r.level] ?? r.level, r.factors.length > 0 ? r.factors.map((f) => factorText(f, lang)).join(t.factorSep) : t.none].map(clip))
    out.push(...renderGrid(fitColumns(t.risksHead, rows, width, [10, 6]), rows, {separators: true}))
  }
  return out
}

// The registry rates with the default risk configuration (src/registry/risks.ts): its ages fill the labels.
const DEFAULT_AGES = {elderly: 70, young: 3, old: 65}

function factorText(code: string, lang: Lang): string {
  const label = (RISK_FACTOR_LABELS as Record<string, Record<Lang, string>>)[code]
  return label ? fillTemplate(label[lang], DEFAULT_AGES) : code
}
