import type {Lang, Report} from '../findings/model.js'
import {CHANGE_REASONS, type ChangeReason} from '../schema/change-reasons.js'

/** normalize's short human summary: rows, cells changed per reason, what is left to fix by hand. */
export function normalizeSummary(report: Report, changed: Partial<Record<ChangeReason, number>>, output: string, lang: Lang): string {
  const zh = lang === 'zh'
  const lines: string[] = []
  const input = report.inputs[0]
  const total = Object.values(changed).reduce((a, b) => a + (b ?? 0), 0)
  lines.push(zh ? `${input?.file ?? ''} → ${output}：${report.summary.rows} 行，修改 ${total} 个单元格` : `${input?.file ?? ''} → ${output}: ${report.summary.rows} rows, ${total} cells changed`)
  for (const [reason, n] of Object.entries(changed).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))) {
    lines.push(`  ${reason.padEnd(20)} ${String(n).padStart(7)}  ${CHANGE_REASONS[reason as ChangeReason][lang]}`)
  }
  const left = Object.entries(report.summary.byCode).sort((a, b) => b[1] - a[1])
  if (left.length > 0) {
    lines.push(zh ? `需人工处理（${report.summary.errors} 错误，${report.summary.warnings} 警告）：` : `Left to fix by hand (${report.summary.errors} errors, ${report.summary.warnings} warnings):`)
    for (const [code, n] of left) lines.push(`  ${code.padEnd(22)} ${String(n).padStart(7)}`)
    lines.push(zh ? '用 --format json 或 liushou validate 查看每一行。' : 'See every row with --format json or liushou validate.')
  }
  return `${lines.join('\n')}\n`
}
