import {describe, expect, it} from 'vitest'

import {formatTable, wrapToWidth} from '../../../src/report/formatters/table.js'
import type {Report} from '../../../src/findings/model.js'

const width = (line: string) => Array.from(line).reduce((n, c) => n + (/[\u4e00-\u9fff\uff00-\uff60\u3000-\u303f]/.test(c) ? 2 : 1), 0)

describe('wrapToWidth', () => {
  it('breaks at spaces, and inside Chinese text that has none, never past the width', () => {
    const text = `Same child as row 81 (duplicate cluster M077, 3 rows)\n${'出生日期与教育记录不一致'.repeat(6)}`
    const lines = wrapToWidth(text, 20).split('\n')
    for (const line of lines) expect(width(line)).toBeLessThanOrEqual(20)
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''))
    expect(lines[0]).toBe('Same child as row 81')
  })

  it('keeps a line that fits as it is', () => {
    expect(wrapToWidth('王芳 2015-03-04', 46)).toBe('王芳 2015-03-04')
    expect(wrapToWidth('', 10)).toBe('')
  })
})

describe('the table format', () => {
  it('shows a long Chinese message whole, wrapped in its column, not cut', () => {
    const message = `${'与公安户籍记录不一致，请核实更正。'.repeat(12)}结束`
    const report = {
      tool: 'liushou', version: '0', command: 'validate', asOf: '2026-06-30', generatedAt: '', inputs: [{dataset: 'a', file: 'a.csv', format: 'csv', rows: 1}],
      summary: {rows: 1, findings: 1, errors: 1, warnings: 0, infos: 0, byCode: {XC_FIELD_CONFLICT: 1}},
      findings: [{dataset: 'a', file: 'a.csv', row: 2, code: 'XC_FIELD_CONFLICT', severity: 'error', fingerprint: '0000000000000009', message, value: '泸溪县浦市镇中心小学泸溪县浦市镇中心小学'}],
    } as Report
    const out = formatTable(report, 'zh')
    // The findings table's lines after its header: one column's text, top to bottom.
    const rows = out.split('\n').filter((l) => l.startsWith('│') && !l.includes('说明') && l.split('│').length === 9)
    const column = (k: number) => rows.map((l) => l.split('│')[k]!.trim()).join('')
    expect(column(7)).toBe(message)
    expect(column(6)).toBe('泸溪县浦市镇中心小学泸溪县浦市镇中心小学')
    expect(out).not.toContain('…')
  })
})
