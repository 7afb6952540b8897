import {describe, expect, it} from 'vitest'

import {defineFindings} from '../../../src/findings/report-findings.js'
import type {Finding, Report} from '../../../src/findings/model.js'
import {formatTable} from '../../../src/report/formatters/table.js'
import {textWidth, wrapLines, wrapToWidth} from '../../../src/report/text-grid.js'

const ID = '430121********002X'

function finding(i: number, extra: Partial<Finding> = {}): Finding {
  return {
    dataset: 'civil-affairs',
    file: 'ca.csv',
    row: i + 2,
    code: 'ID_CHECKSUM',
    severity: 'error',
    fingerprint: (i + 1).toString(16).padStart(16, '0'),
    message: '身份证号校验码错误',
    hint: '按 GB 11643 计算的校验位应为 6；多为录入时错了一位或两位颠倒，请对照户口簿核实',
    field: 'idNumber',
    column: '公民身份号码',
    value: ID,
    name: '王小明',
    town: '浦市镇',
    village: '汇龙村',
    ...extra,
  }
}

function report(findings: Finding[], extra: Partial<Report> = {}): Report {
  const errors = findings.filter((f) => f.severity === 'error').length
  return {
    tool: 'liushou',
    version: '0',
    command: 'validate',
    asOf: '2026-06-30',
    generatedAt: '2026-06-30T00:00:00.000Z',
    inputs: [{dataset: 'civil-affairs', file: 'ca.csv', format: 'csv', rows: findings.length + 5}],
    summary: {rows: findings.length + 5, findings: findings.length, errors, warnings: findings.length - errors, infos: 0, byCode: {ID_CHECKSUM: errors, NAME_FORMAT: findings.length - errors}},
    findings,
    ...extra,
  }
}

const lines = (text: string) => text.replace(/\n$/, '').split('\n')
const findingRows = (text: string) => lines(text).filter((l) => /^│ \S/.test(l) && /[0-9a-f]{16}/.test(l))

describe('wrapping', () => {
  it('breaks at spaces, and inside Chinese text that has none, never past the width', () => {
    const text = `Same child as row 81 (duplicate cluster M077, 3 rows)\n${'出生日期与教育记录不一致'.repeat(6)}`
    const wrapped = wrapLines(text, 20)
    for (const line of wrapped) expect(textWidth(line)).toBeLessThanOrEqual(20)
    expect(wrapped.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''))
    expect(wrapped[0]).toBe('Same child as row 81')
  })

  it('keeps a line that fits as it is', () => {
    expect(wrapToWidth('王芳 2015-03-04', 46)).toBe('王芳 2015-03-04')
    expect(wrapToWidth('', 10)).toBe('')
  })

  it('never splits an ID number or a code when a line can hold it; fills a line with Chinese first', () => {
    const text = `相关行：civil-affairs:12 ${ID}；public-security:7 ${ID} PARENT_AGE_IMPLAUSIBLE`
    for (const width of [18, 20, 24, 31]) {
      const wrapped = wrapLines(text, width)
      for (const line of wrapped) expect(textWidth(line)).toBeLessThanOrEqual(width)
      expect(wrapped.filter((l) => l.includes(ID)).length).toBe(2)
      // A 22-character code is whole on any line that can hold it.
      if (width >= 22) expect(wrapped.some((l) => l.includes('PARENT_AGE_IMPLAUSIBLE'))).toBe(true)
    }
    // Chinese after a short word fills the line rather than moving down whole.
    expect(wrapLines('→ 手机号为11位（1开头），固定电话写作区号-号码', 30)[0]).toMatch(/^→ 手机号/)
  })

  it('measures Chinese and full-width punctuation as two columns, combining marks as none', () => {
    expect(textWidth('汇龙村')).toBe(6)
    expect(textWidth('（１）')).toBe(6)
    expect(textWidth('a\u0301')).toBe(1)
    expect(textWidth('430121********002X')).toBe(18)
  })
})

describe('the table format', () => {
  it('fits 80 and 120 columns: every line, Chinese measured right, IDs whole', () => {
    const r = report(Array.from({length: 30}, (_, i) => finding(i, i % 3 ? {} : {code: 'PARENT_AGE_IMPLAUSIBLE', severity: 'warning', field: 'fatherIdNumber', column: '父亲身份证号', message: '父亲在儿童出生时的年龄不合理：13 岁', related: [{dataset: 'public-security', file: 'ps.csv', row: 77, field: 'idNumber', value: ID}]})))
    for (const width of [80, 120]) {
      const out = formatTable(r, {lang: 'zh', width, limit: 50})
      for (const line of lines(out)) expect(textWidth(line), line).toBeLessThanOrEqual(width)
      // The value column holds each ID whole on one line.
      expect(lines(out).filter((l) => l.includes(ID)).length).toBeGreaterThanOrEqual(30)
    }
  })

  it('lists at most --limit findings, counts first and the counts again last with what was left out', () => {
    const r = report(Array.from({length: 120}, (_, i) => finding(i)))
    const out = formatTable(r, {lang: 'zh', width: 80, limit: 50, reportHint: '--format xlsx --output 报告.xlsx'})
    expect(findingRows(out).length).toBe(50)
    const all = lines(out)
    expect(all[1]).toBe('汇总：125 行，120 个错误，0 个警告，0 条提示')
    expect(all.slice(-2).join('\n')).toContain('未列出 70 条')
    expect(all.slice(-2).join('\n')).toContain('--limit 0')
    expect(all.slice(-2).join('\n')).toContain('--format xlsx --output 报告.xlsx')
    expect(findingRows(formatTable(r, {lang: 'en', limit: 0})).length).toBe(120)
  })

  it('reads only the findings it shows from a streamed report', () => {
    let read = 0
    const list = {
      length: 64_000,
      *[Symbol.iterator]() {
        for (let i = 0; i < 64_000; i++) {
          read++
          yield finding(i)
        }
      },
      release() {},
    }
    const base = report([])
    const {findings: _findings, ...rest} = base
    const streamed = defineFindings({...rest}, list) as Report
    streamed.summary = {...base.summary, rows: 64_000, findings: 64_000, errors: 64_000, byCode: {ID_CHECKSUM: 64_000}}
    const out = formatTable(streamed, {lang: 'en', width: 100, limit: 50})
    expect(read).toBeLessThanOrEqual(51)
    expect(out).toContain('63950 not listed')
  })

  it('draws the counts per code with their severity and no rule between rows', () => {
    const out = formatTable(report([finding(0), finding(1, {code: 'NAME_FORMAT', severity: 'warning'})]), {lang: 'en'})
    const counts = lines(out).slice(2, 8)
    expect(counts.filter((l) => l.startsWith('├')).length).toBe(1)
    expect(counts.join('\n')).toMatch(/ID_CHECKSUM\s+│ error\s+│\s+1 │/)
  })

  it('shows a long Chinese message whole, wrapped, and names the child, the column as the roster writes it and the expected value', () => {
    const message = `${'与公安户籍记录不一致，请核实更正。'.repeat(12)}结束`
    const out = formatTable(report([finding(0, {code: 'XC_FIELD_CONFLICT', message, hint: undefined, field: 'school', column: '就读学校', value: '泸溪县浦市镇中心小学泸溪县浦市镇中心小学', expected: '浦市镇中心小学'})]), {lang: 'zh', width: 80})
    const rows = lines(out).filter((l) => l.startsWith('│') && l.split('│').length === 5)
    const column = (k: number) => rows.map((l) => l.split('│')[k]!.trim()).join('')
    expect(column(3)).toContain(message)
    expect(column(3)).toContain('王小明 · 汇龙村')
    expect(column(2)).toContain('就读学校')
    expect(column(2)).toContain('应为：浦市镇中心小学')
    expect(out).not.toContain('…')
  })

  it('shows risk as the visit list: village, row, name, level and one factor a line', () => {
    const risk = finding(0, {code: 'RISK_HIGH', severity: 'info', field: undefined, column: undefined, value: 'RISK_NO_GUARDIAN RISK_GUARDIAN_ELDERLY', message: '高风险（7 分）：无人监护；监护人年老（70 岁以上）', hint: '优先走访'})
    const out = formatTable(report([risk], {command: 'risk', summary: {rows: 1, findings: 1, errors: 0, warnings: 0, infos: 1, byCode: {RISK_HIGH: 1}}}), {lang: 'zh', width: 80})
    const all = lines(out)
    const body = all.slice(all.findIndex((l) => l.includes('村（社区）'))).filter((l) => l.startsWith('│'))
    expect(body[0]).toMatch(/村（社区）.*行.*姓名.*风险.*因素/)
    expect(body[1]).toMatch(/汇龙村\s+│ 2\s+│ 王小明 │ 高风险（7 分） │ 无人监护/)
    expect(body[2]).toContain('监护人年老（70 岁以上）')
    expect(out).not.toContain('RISK_NO_GUARDIAN')
  })
})
