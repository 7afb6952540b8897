import path from 'node:path'

import type {Finding, FindingState, Lang, Severity} from '../findings/model.js'
import {fieldLabel} from '../schema/fields.js'

// The columns of a finding wherever findings are a table (CSV, the xlsx findings sheet), in the
// order of the report contract (docs/formats.md): where the row is, who it is, what is wrong, its id and state.

export const FINDING_COLUMNS = ['dataset', 'file', 'row', 'name', 'town', 'village', 'severity', 'code', 'field', 'column', 'value', 'expected', 'message', 'hint', 'related', 'fingerprint', 'state'] as const

export const FINDING_HEADERS: Record<Lang, readonly string[]> = {
  zh: ['数据集', '文件', '行号', '姓名', '乡镇（街道）', '村（社区）', '级别', '代码', '字段', '列', '值', '应为', '说明', '处理建议', '相关行', '问题编号', '状态'],
  en: FINDING_COLUMNS,
}

export const STATE_LABELS: Record<Lang, Record<FindingState, string>> = {
  zh: {new: '新增', open: '未解决', resolved: '已解决', waived: '已豁免', known: '已知'},
  en: {new: 'new', open: 'open', resolved: 'resolved', waived: 'waived', known: 'known'},
}

/** `dataset:row` each; `dataset:file:row` for a row in another file of the finding's dataset (a list of several files). */
export function relatedText(f: Finding): string {
  return (f.related ?? []).map((r) => `${r.dataset}:${r.dataset === f.dataset && r.file !== f.file ? `${path.basename(r.file)}:` : ''}${r.row}${r.value !== undefined ? `=${r.value}` : ''}`).join('; ')
}

/** How a findings table labels its cells: as the JSON writes them, or for people in a language. */
export interface CellLabels {
  severity: (s: Severity) => string
  state: (s: FindingState) => string
  /** The field's name (default: its key, as in the JSON). */
  field?: (key: string) => string
}

/** Labels for people reading `lang`: 错误/警告/提示, states, field names (监护人身份证号). */
export function labelsFor(lang: Lang): CellLabels {
  const severity = SEVERITY_LABELS[lang]
  const state = STATE_LABELS[lang]
  return lang === 'en' ? {severity: (s) => s, state: (s) => s} : {severity: (s) => severity[s], state: (s) => state[s], field: (key) => fieldLabel(key, lang)}
}

export const SEVERITY_LABELS: Record<Lang, Record<Severity, string>> = {
  zh: {error: '错误', warning: '警告', info: '提示'},
  en: {error: 'error', warning: 'warning', info: 'info'},
}

/** A finding's cells in FINDING_COLUMNS order; severity, state and field as `label` writes them. */
export function findingCells(f: Finding, label: CellLabels): (string | number)[] {
  return [
    f.dataset,
    f.file,
    f.row,
    f.name ?? '',
    f.town ?? '',
    f.village ?? '',
    label.severity(f.severity),
    f.code,
    f.field === undefined ? '' : (label.field?.(f.field) ?? f.field),
    f.column ?? '',
    f.value ?? '',
    f.expected ?? '',
    f.message,
    f.hint ?? '',
    relatedText(f),
    f.fingerprint,
    f.state === undefined ? '' : label.state(f.state),
  ]
}
