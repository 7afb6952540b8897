import {describe, expect, it} from 'vitest'

import {formatHtml, jsonForScript} from '../../../src/report/formatters/html.js'
import {barChart, fitLabel} from '../../../src/report/formatters/html-svg.js'
import type {Report} from '../../../src/findings/model.js'

const NASTY = '</script><!--<script>alert(1)</script> https://example.org/x.png'

function sample(): Report {
  return {
    tool: 'liushou',
    version: '0.1.0',
    command: 'crosscheck',
    asOf: '2026-06-30',
    generatedAt: '2026-06-30T04:05:06.000Z',
    inputs: [
      {dataset: 'civil-affairs', department: 'civil-affairs', file: 'ca.csv', format: 'csv', encoding: 'gb18030', rows: 4},
      {dataset: 'education', department: 'education', file: 'edu.xlsx', format: 'xlsx', sheet: '学籍', rows: 2},
    ],
    summary: {rows: 6, findings: 5, errors: 2, warnings: 2, infos: 1, byCode: {ID_CHECKSUM: 2, NAME_FORMAT: 1, XC_NOT_ENROLLED: 1, NOT_CANONICAL: 1}},
    findings: [
      {dataset: 'civil-affairs', file: 'ca.csv', row: 2, code: 'ID_CHECKSUM', severity: 'error', fingerprint: '0000000000000002', message: '身份证号校验码错误', field: 'idNumber', column: '身份证号', value: '430121********1234'},
      {dataset: 'civil-affairs', file: 'ca.csv', row: 3, code: 'ID_CHECKSUM', severity: 'error', fingerprint: '0000000000000003', message: NASTY, field: 'idNumber', value: NASTY},
      {dataset: 'civil-affairs', file: 'ca.csv', row: 4, code: 'NAME_FORMAT', severity: 'warning', fingerprint: '0000000000000004', message: '姓名格式不规范：含空格', field: 'name', value: '张 三', expected: '张三'},
      {dataset: 'education', file: 'edu.xlsx', row: 2, code: 'XC_NOT_ENROLLED', severity: 'warning', fingerprint: '0000000000000005', message: 'not on the education list', related: [{dataset: 'education', file: 'edu.xlsx', row: 9}]},
    ],
    breakdown: [
      {level: 'reportingUnit', unit: '黄兴镇中心校', rows: 4, byCode: {ID_CHECKSUM: 2}},
      {level: 'county', unit: '长沙县', rows: 4, byCode: {ID_CHECKSUM: 2, NAME_FORMAT: 1}, confirmed: {education: 0.75, 'public-security': 1}},
      {level: 'county', unit: '浏阳市', rows: 2, byCode: {XC_NOT_ENROLLED: 1}, confirmed: {education: 0.5}},
      {level: 'town', unit: '长沙县 / 黄兴镇', rows: 3, byCode: {ID_CHECKSUM: 2}},
      {level: 'town', unit: '长沙县 / 江背镇', rows: 1, byCode: {NAME_FORMAT: 1}},
      {level: 'town', unit: '浏阳市 / 淮川街道', rows: 2, byCode: {XC_NOT_ENROLLED: 1}},
      {level: 'village', unit: '长沙县 / 黄兴镇 / 蓝田村', rows: 3, byCode: {ID_CHECKSUM: 2}},
    ],
    links: [],
  }
}

function dataOf(html: string): {findings: unknown[][]} {
  const m = /<script type="application\/json" id="liushou-data">([\s\S]*?)<\/script>/.exec(html)
  expect(m).not.toBeNull()
  return JSON.parse(m![1]!) as {findings: unknown[][]}
}

describe('html report', () => {
  const html = formatHtml(sample(), {lang: 'zh', mask: 'ids'})

  it('is one self-contained file that references nothing outside it', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).not.toMatch(/:\/\//)
    expect(html).not.toMatch(/\b(src|href|action|formaction|poster)\s*=\s*"(?!data:)/i)
    expect(html).not.toMatch(/@import|url\(/i)
    expect(html).toContain("default-src 'none'")
  })

  it('embeds the findings so that no value can end the script or open a comment', () => {
    const scripts = html.match(/<script/g) ?? []
    expect(scripts).toHaveLength(2)
    expect(html.match(/<\/script>/g)).toHaveLength(2)
    expect(html).not.toContain('<!--')
    const data = dataOf(html)
    expect(data.findings).toHaveLength(4)
    expect(data.findings[1]![9]).toBe(NASTY)
    expect(data.findings[1]![7]).toBe(NASTY)
    expect(jsonForScript({a: '</script>'})).toBe('{"a":"\\u003c/script\\u003e"}')
  })

  it('draws one bar per code with its count', () => {
    const bars = [...html.matchAll(/<g class="bar[^"]*" data-code="([^"]+)" data-count="(\d+)" data-severity="(\w+)"/g)]
    expect(Object.fromEntries(bars.map((b) => [b[1], Number(b[2])]))).toEqual(sample().summary.byCode)
    expect(bars.find((b) => b[1] === 'NOT_CANONICAL')![3]).toBe('info')
    expect(bars.find((b) => b[1] === 'ID_CHECKSUM')![3]).toBe('error')
  })

  it('has a drill-down panel per county and town that has units below it', () => {
    const panels = [...html.matchAll(/<div class="area-panel" data-path="([^"]*)" data-level="(\w+)"/g)].map((m) => [m[1], m[2]])
    expect(panels).toEqual([
      ['', 'county'],
      ['长沙县', 'town'],
      ['长沙县 / 黄兴镇', 'village'],
      ['浏阳市', 'town'],
    ])
    // A county bar opens its towns; a village bar opens nothing.
    expect(html).toMatch(/<g class="bar action" data-unit="长沙县" data-level="county" data-count="3" data-rows="4"/)
    expect(html).toMatch(/<g class="bar" data-unit="长沙县 \/ 黄兴镇 \/ 蓝田村" data-level="village" data-count="2"/)
  })

  it('shows the share confirmed by each department when crosscheck gives one', () => {
    expect(html).toContain('各部门核实比例')
    expect(html).toMatch(/data-dept="education" data-unit="长沙县" data-share="0.7500"/)
    expect(html).toMatch(/data-dept="public-security" data-unit="长沙县" data-share="1.0000"/)
    expect(html).toContain('75.0%')
  })

  it('speaks the language asked for', () => {
    expect(html).toContain('<html lang="zh-CN">')
    expect(html).toContain('问题清单')
    expect(html).toContain('部门交叉比对报告')
    const en = formatHtml(sample(), {lang: 'en', mask: 'all'})
    expect(en).toContain('<html lang="en">')
    expect(en).toContain('Findings by code')
    expect(en).toContain('names and addresses are masked')
    expect(en).not.toContain('问题清单')
  })

  it('says so when there is nothing to chart', () => {
    const empty: Report = {...sample(), summary: {rows: 0, findings: 0, errors: 0, warnings: 0, infos: 0, byCode: {}}, findings: [], breakdown: []}
    const out = formatHtml(empty, {lang: 'en'})
    expect(out).toContain('No findings.')
    expect(out).toContain('no breakdown by area')
    expect(out).not.toContain('class="bar')
  })

  it('cuts long labels to fit, keeping the end of a path', () => {
    expect(fitLabel('短', 100)).toBe('短')
    const cut = fitLabel('湖南省长沙市长沙县黄兴镇蓝田村民委员会', 60)
    expect(cut.startsWith('…')).toBe(true)
    expect(cut.endsWith('委员会')).toBe(true)
    const svg = barChart([{label: 'A', segments: [{severity: 'error', value: 3}], value: 3, data: {code: 'A', count: 3}}], {label: 'x'})
    expect(svg).toContain('data-code="A" data-count="3"')
  })
})
