import type {FindingInput} from '../findings/collector.js'
import type {Roster} from '../schema/roster.js'
import type {RowContext} from './context.js'

/** Findings about the header itself, reported on the header row. */
export function headerFindings(roster: Roster): FindingInput[] {
  const ref = {dataset: roster.dataset, file: roster.source.file, row: Math.max(roster.headerRow, 1)}
  const out: FindingInput[] = []
  if (!roster.fieldIndex.has('name')) out.push({code: 'HEADER_MISSING', ref, field: 'name', params: {field: 'name (姓名)'}})
  if (!roster.fieldIndex.has('idNumber') && !roster.fieldIndex.has('birthDate')) {
    out.push({code: 'HEADER_MISSING', ref, field: 'idNumber', params: {field: 'idNumber / birthDate (身份证号 / 出生日期)'}})
  }
  for (const [field, columns] of roster.duplicateFields) {
    const headers = columns.map((c) => c.header)
    out.push({code: 'HEADER_DUPLICATE', ref, field, column: headers.slice(1).join(', '), value: headers.join(' / '), params: {columns: headers.join(' / ')}})
  }
  return out
}

/** A ragged row is reported once; its cells are shifted, so no other rule reads them. */
export function checkRagged(ctx: RowContext): boolean {
  const cells = ctx.row.ragged
  if (cells === undefined) return false
  const quote = ctx.row.fault === 'unbalanced-quote'
  ctx.emit({
    code: 'ROW_RAGGED',
    params: {
      cells,
      headers: ctx.roster.columns.length,
      detail: quote ? (ctx.options.lang === 'zh' ? '（引号未闭合，已按纯文本读取）' : ' (an unclosed quote; read as plain text)') : '',
    },
  })
  return true
}

export function checkRequired(ctx: RowContext): void {
  if (ctx.has('name') && ctx.get('name').trim() === '') ctx.emit({code: 'REQUIRED_MISSING', field: 'name', column: ctx.column('name'), value: ''})
  if (ctx.has('idNumber')) {
    if (ctx.get('idNumber').trim() === '') ctx.emit({code: 'REQUIRED_MISSING', field: 'idNumber', column: ctx.column('idNumber'), value: ''})
  } else if (ctx.has('birthDate') && ctx.get('birthDate').trim() === '') {
    ctx.emit({code: 'REQUIRED_MISSING', field: 'birthDate', column: ctx.column('birthDate'), value: ''})
  }
}
