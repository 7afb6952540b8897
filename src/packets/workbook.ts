import type ExcelJS from 'exceljs'

import {CODES, isFindingCode} from '../findings/codes.js'
import type {Finding} from '../findings/model.js'
import {excelJs} from '../io/exceljs-load.js'
import {maskName, maskValue, maskVillage, scrubText} from '../mask.js'
import type {Lang, MaskMode} from '../types.js'
import {ANSWER_COLUMNS, ANSWERS, LINE_COLUMNS, LINE_HEADERS, type LineColumn, RISK_COLUMNS, SHEETS} from './columns.js'
import type {RowFacts} from './rows.js'

// One recipient's packet: a cover sheet (说明) that says what to do, and the lines to check (待核实)
// with the answer columns an official fills in. The sheet is protected without a password, so only
// the answer cells take typing; 核实结果 is a drop-down; the hidden 校验 column lets `apply` refuse
// an answer whose row is no longer the same child.

export interface PacketLine {
  finding: Finding
  facts?: RowFacts
  /** The header of the finding's cell in its roster (字段). */
  column?: string
  /** The row is on the recipient's own list: its ID and current value are shown whole. */
  own: boolean
  /** The row's identity hash (identity.ts), empty when the row could not be read again. */
  check: string
  /** Risk packets: the child's level and factors (labels). */
  risk?: {level: string; factors: string}
}

export interface PacketMeta {
  recipient: string
  command: string
  /** The date the lists describe (`--as-of`). */
  period: string
  deadline?: string
  generatedAt: string
  version: string
  sources: {file: string; sha256: string}[]
  lang: Lang
  mask: MaskMode
  /** A risk packet: the child director's visit list. */
  risk: boolean
}

const T = {
  zh: {
    title: '核实单',
    recipient: '收件单位',
    period: '数据截至',
    deadline: '请于此日期前反馈',
    noDeadline: '（未定）',
    command: '核查类型',
    lines: '待核实条数',
    byCode: '按问题代码',
    codeHead: ['问题代码', '条数', '含义'],
    howTitle: '填写说明',
    how: [
      '请逐条核实“待核实”工作表中的问题，只在右侧五列（核实结果、更正后的值、核实说明、核实人、核实日期）填写，其他列已锁定。',
      '核实结果从下拉列表选择：已更正（并在“更正后的值”填写正确的值）；情况属实（问题所述情况确实如此，如儿童确已辍学，请在核实说明中写明）；无法核实；非本单位（请在核实说明中写明应由哪个单位核实）。',
      '核实日期按 YYYY-MM-DD 填写，如 2026-09-15。可以调整行的顺序或另存为新文件名，但不要删除或修改“问题编号”和隐藏的“校验”列。',
      '填好后将本文件发回；县级数据员用 liushou apply 导入，更正会写入名册，情况属实的问题以后不再列出。',
    ],
    visitTitle: '走访说明',
    visit: ['本表为儿童主任走访清单，按走访顺序排列（风险高者在前），列出风险等级、风险因素和监护人电话。走访后请在核实结果中选择“情况属实”或“已更正”，并在核实说明中记录走访情况。'],
    sources: '数据来源（SHA-256）',
    generated: '生成',
  },
  en: {
    title: 'Checking packet',
    recipient: 'Recipient',
    period: 'Data as of',
    deadline: 'Please answer by',
    noDeadline: '(not set)',
    command: 'Check',
    lines: 'Lines to check',
    byCode: 'By code',
    codeHead: ['Code', 'Lines', 'Meaning'],
    howTitle: 'What to do',
    how: [
      'Check each line of the sheet 待核实 and fill in only the five columns on the right (Result, Corrected value, Note, Checked by, Checked on); the other columns are locked.',
      'Choose the Result from the drop-down: corrected (and write the right value under Corrected value); confirmed (the situation is real, e.g. the child did drop out: say so in the Note); cannot verify; not ours (say in the Note which unit should check it).',
      'Write the date as YYYY-MM-DD, e.g. 2026-09-15. You may reorder the lines or save under another name, but do not delete or change the Finding id and the hidden Check column.',
      'Send the file back; the county data officer imports it with liushou apply: corrections go into the roster, and confirmed findings are not listed again.',
    ],
    visitTitle: 'Visits',
    visit: ['This is the child director’s visit list, in visit order (highest risk first), with the risk level, the factors and the guardian’s phone. After the visit choose confirmed or corrected as the Result and note what you found.'],
    sources: 'Sources (SHA-256)',
    generated: 'Generated',
  },
} as const

const HEADER_FILL = 'FFDDEBF7'
const ANSWER_FILL = 'FFFFF2CC'

function text(cell: ExcelJS.Cell, value: string): void {
  // A string value is a text cell, never a formula (formula injection), and numbers keep their digits.
  cell.value = value
  cell.numFmt = '@'
}

function meaning(code: string, lang: Lang): string {
  if (!isFindingCode(code)) return ''
  return CODES[code].message[lang].replace(/[：:] ?\{\w+\}$/, '').replace(/\{\w+\}/g, '…')
}

/** The cells of one line, masked as SPEC's packets ask: whole ID and value only on the recipient's own rows. */
function lineCells(line: PacketLine, mask: MaskMode): Record<LineColumn, string> {
  const f = line.finding
  const id = line.facts?.identity.idNumber ?? ''
  const value = f.value ?? ''
  const name = f.name ?? line.facts?.identity.name ?? ''
  const village = line.facts?.village ?? f.village ?? ''
  return {
    fingerprint: f.fingerprint,
    dataset: f.dataset,
    row: String(f.row),
    name: mask === 'all' ? maskName(scrubText(name)) : scrubText(name),
    idNumber: line.own ? id : maskValue('idNumber', id, mask),
    birthDate: line.facts?.identity.birthDate ?? '',
    village: mask === 'all' ? maskVillage(village) : scrubText(village),
    code: f.code,
    column: line.column ?? f.column ?? '',
    problem: scrubText(f.message),
    hint: scrubText(f.hint ?? ''),
    current: line.own ? value : maskValue(f.field, value, mask),
    authoritative: f.expected === undefined ? '' : maskValue(f.field, f.expected, mask),
    result: '',
    corrected: '',
    note: '',
    checkedBy: '',
    checkedOn: '',
    check: line.check,
  }
}

function coverSheet(wb: ExcelJS.Workbook, lines: readonly PacketLine[], meta: PacketMeta): void {
  const t = T[meta.lang]
  const ws = wb.addWorksheet(SHEETS.cover)
  ws.columns = [{width: 22}, {width: 14}, {width: 70}]
  const add = (cells: string[], bold = false) => {
    const row = ws.addRow([])
    cells.forEach((c, i) => text(row.getCell(i + 1), c))
    if (bold) row.font = {bold: true}
    return row
  }
  add([`${t.title} · ${meta.recipient}`], true).font = {bold: true, size: 14}
  add([t.recipient, meta.recipient])
  add([t.command, meta.command])
  add([t.period, meta.period])
  add([t.deadline, meta.deadline ?? t.noDeadline])
  add([t.lines, String(lines.length)])
  add([])
  add([t.byCode], true)
  const head = add([...t.codeHead], true)
  head.eachCell((c) => (c.fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: HEADER_FILL}}))
  const counts = new Map<string, number>()
  for (const l of lines) counts.set(l.finding.code, (counts.get(l.finding.code) ?? 0) + 1)
  for (const [code, n] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) add([code, String(n), meaning(code, meta.lang)])
  add([])
  add([meta.risk ? t.visitTitle : t.howTitle], true)
  for (const line of meta.risk ? [...t.visit, ...t.how.slice(2)] : t.how) {
    const row = add(['', '', line])
    row.getCell(3).alignment = {wrapText: true, vertical: 'top'}
  }
  add([])
  add([t.sources], true)
  for (const s of meta.sources) add([s.file, '', s.sha256])
  add([t.generated, `liushou ${meta.version}`, meta.generatedAt])
}

function linesSheet(wb: ExcelJS.Workbook, lines: readonly PacketLine[], meta: PacketMeta): void {
  const lang = meta.lang
  const headers = LINE_HEADERS[lang]
  const ws = wb.addWorksheet(SHEETS.lines, {views: [{state: 'frozen', ySplit: 1}]})
  // Risk packets carry the visit facts before the answers; `apply` reads columns by header.
  const riskColumns = meta.risk ? [RISK_COLUMNS[lang].level, RISK_COLUMNS[lang].factors, RISK_COLUMNS[lang].phone] : []
  const before = LINE_COLUMNS.slice(0, LINE_COLUMNS.indexOf('result'))
  const after = LINE_COLUMNS.slice(LINE_COLUMNS.indexOf('result'))
  const head = [...before.map((c) => headers[c]), ...riskColumns, ...after.map((c) => headers[c])]
  const width: Partial<Record<LineColumn, number>> = {fingerprint: 18, dataset: 14, row: 6, name: 10, idNumber: 21, birthDate: 12, village: 14, code: 22, column: 14, problem: 40, hint: 40, current: 20, authoritative: 20, result: 12, corrected: 20, note: 30, checkedBy: 10, checkedOn: 12, check: 18}
  ws.columns = [...before.map((c) => ({width: width[c] ?? 12})), ...riskColumns.map((_, i) => ({width: i === 1 ? 40 : 14})), ...after.map((c) => ({width: width[c] ?? 12}))]
  const header = ws.addRow([])
  head.forEach((h, i) => {
    const cell = header.getCell(i + 1)
    text(cell, h)
    cell.font = {bold: true}
    cell.fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: HEADER_FILL}}
  })
  const answerAt = new Set(ANSWER_COLUMNS.map((c) => before.length + riskColumns.length + after.indexOf(c) + 1))
  const resultAt = before.length + riskColumns.length + after.indexOf('result') + 1
  const checkAt = before.length + riskColumns.length + after.indexOf('check') + 1
  const choices = `"${Object.values(ANSWERS[lang]).join(',')}"`
  for (const line of lines) {
    const cells = lineCells(line, meta.mask)
    const values = [...before.map((c) => cells[c]), ...(meta.risk ? [line.risk?.level ?? '', line.risk?.factors ?? '', maskValue('guardianPhone', line.facts?.guardianPhone ?? '', meta.mask)] : []), ...after.map((c) => cells[c])]
    const row = ws.addRow([])
    values.forEach((v, i) => text(row.getCell(i + 1), v))
    for (const k of answerAt) {
      const cell = row.getCell(k)
      cell.protection = {locked: false}
      cell.fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: ANSWER_FILL}}
    }
    row.getCell(resultAt).dataValidation = {type: 'list', allowBlank: true, formulae: [choices], showErrorMessage: true}
  }
  ws.getColumn(checkAt).hidden = true
  ws.autoFilter = {from: {row: 1, column: 1}, to: {row: Math.max(1, lines.length + 1), column: head.length}}
}

/** The packet workbook's bytes. */
export async function packetWorkbook(lines: readonly PacketLine[], meta: PacketMeta): Promise<Uint8Array> {
  const wb = new (excelJs().Workbook)()
  wb.creator = 'liushou'
  coverSheet(wb, lines, meta)
  linesSheet(wb, lines, meta)
  // No password: the lock keeps hands off the finding's cells, not a secret (SPEC).
  await wb.getWorksheet(SHEETS.lines)!.protect('', {selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, autoFilter: true, sort: true})
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

export interface IndexEntry {
  recipient: string
  file: string
  lines: number
  errors: number
  warnings: number
  infos: number
  byCode: Record<string, number>
}

/** index.xlsx: one row per packet, with its lines per code. */
export async function indexWorkbook(entries: readonly IndexEntry[], lang: Lang): Promise<Uint8Array> {
  const wb = new (excelJs().Workbook)()
  wb.creator = 'liushou'
  const ws = wb.addWorksheet(lang === 'zh' ? '目录' : 'Index', {views: [{state: 'frozen', ySplit: 1}]})
  const codes = [...new Set(entries.flatMap((e) => Object.keys(e.byCode)))].sort()
  const head = [...(lang === 'zh' ? ['收件单位', '文件', '条数', '错误', '警告', '提示'] : ['Recipient', 'File', 'Lines', 'Errors', 'Warnings', 'Infos']), ...codes]
  const header = ws.addRow([])
  head.forEach((h, i) => {
    const cell = header.getCell(i + 1)
    text(cell, h)
    cell.font = {bold: true}
    cell.fill = {type: 'pattern', pattern: 'solid', fgColor: {argb: HEADER_FILL}}
  })
  for (const e of entries) {
    const row = ws.addRow([])
    text(row.getCell(1), e.recipient)
    text(row.getCell(2), e.file)
    ;[e.lines, e.errors, e.warnings, e.infos, ...codes.map((c) => e.byCode[c] ?? 0)].forEach((n, i) => (row.getCell(i + 3).value = n))
  }
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 24 : i === 1 ? 28 : 10))
  ws.autoFilter = {from: {row: 1, column: 1}, to: {row: Math.max(1, entries.length + 1), column: head.length}}
  return new Uint8Array(await wb.xlsx.writeBuffer())
}
