import type {Finding, FindingState, Lang, Severity} from '../findings/model.js'

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

export function relatedText(f: Finding): string {
  return (f.related ?? []).map((r) => `${r.dataset}:${r.row}${r.value !== undefined ? `=${r.value}` : ''}`).join('; ')
}

/** A finding's cells in FINDING_COLUMNS order; severity and state as `label` writes them. */
export function findingCells(f: Finding, label: {severity: (s: Severity) => string; state: (s: FindingState) => string}): (string | number)[] {
  return [
    f.dataset,
    f.file,
    f.row,
    f.name ?? '',
    f.town ?? '',
    f.village ?? '',
    label.severity(f.severity),
    f.code,
    f.field ?? '',
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
