import type {Lang} from '../types.js'

// The sheets and columns of a packet workbook (docs/packets.md): public API like the report, since
// officials fill them in and `liushou apply` reads them back by these headers, in either language.

export const SHEETS = {cover: '说明', lines: '待核实'} as const

export const LINE_COLUMNS = [
  'fingerprint',
  'dataset',
  'row',
  'name',
  'idNumber',
  'birthDate',
  'village',
  'code',
  'column',
  'problem',
  'hint',
  'current',
  'authoritative',
  'result',
  'corrected',
  'note',
  'checkedBy',
  'checkedOn',
  'check',
] as const

export type LineColumn = (typeof LINE_COLUMNS)[number]

export const LINE_HEADERS: Record<Lang, Record<LineColumn, string>> = {
  zh: {
    fingerprint: '问题编号',
    dataset: '数据集',
    row: '行号',
    name: '儿童姓名',
    idNumber: '身份证号',
    birthDate: '出生日期',
    village: '村（社区）',
    code: '问题代码',
    column: '字段',
    problem: '问题说明',
    hint: '建议',
    current: '当前值',
    authoritative: '权威值',
    result: '核实结果',
    corrected: '更正后的值',
    note: '核实说明',
    checkedBy: '核实人',
    checkedOn: '核实日期',
    check: '校验',
  },
  en: {
    fingerprint: 'Finding id',
    dataset: 'Dataset',
    row: 'Row',
    name: 'Child name',
    idNumber: 'ID number',
    birthDate: 'Birth date',
    village: 'Village',
    code: 'Code',
    column: 'Column',
    problem: 'Problem',
    hint: 'Hint',
    current: 'Current value',
    authoritative: 'Authoritative value',
    result: 'Result',
    corrected: 'Corrected value',
    note: 'Note',
    checkedBy: 'Checked by',
    checkedOn: 'Checked on',
    check: 'Check',
  },
}

/** The columns an official fills in: unlocked in the protected sheet. */
export const ANSWER_COLUMNS: readonly LineColumn[] = ['result', 'corrected', 'note', 'checkedBy', 'checkedOn']

/** Extra columns of a risk packet (the child director's visit list), before the answers. */
export const RISK_COLUMNS = {zh: {level: '风险等级', factors: '风险因素', phone: '监护人电话'}, en: {level: 'Risk level', factors: 'Risk factors', phone: "Guardian's phone"}} as const

export type Answer = 'corrected' | 'confirmed' | 'cannot-verify' | 'not-ours'

export const ANSWERS: Record<Lang, Record<Answer, string>> = {
  zh: {corrected: '已更正', confirmed: '情况属实', 'cannot-verify': '无法核实', 'not-ours': '非本单位'},
  en: {corrected: 'corrected', confirmed: 'confirmed', 'cannot-verify': 'cannot verify', 'not-ours': 'not ours'},
}

/** The answer a cell holds, in either language, whatever its spaces and case; undefined when empty or unknown. */
export function answerOf(text: string): Answer | undefined {
  const t = text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase()
  if (t === '') return undefined
  for (const lang of ['zh', 'en'] as const) {
    for (const [answer, label] of Object.entries(ANSWERS[lang]) as [Answer, string][]) if (label.toLowerCase() === t) return answer
  }
  return undefined
}

/** The column a header names, in either language (after folding spaces and full-width forms). */
export function lineColumnOf(header: string): LineColumn | undefined {
  const h = header.normalize('NFKC').replace(/\s+/g, '').toLowerCase()
  for (const lang of ['zh', 'en'] as const) {
    for (const [column, label] of Object.entries(LINE_HEADERS[lang]) as [LineColumn, string][]) {
      if (label.normalize('NFKC').replace(/\s+/g, '').toLowerCase() === h) return column
    }
  }
  return undefined
}
