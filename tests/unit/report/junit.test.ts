import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../../src/cn/id-number.js'
import {formatJunit, xmlEscape} from '../../../src/report/formatters/junit.js'
import {maskReport} from '../../../src/findings/mask.js'
import type {FailOn, Report} from '../../../src/findings/model.js'
import {validateFiles} from '../../../src/rules/validate.js'
import {tempDir, writeTemp} from '../../helpers/cli.js'

// A small, strict XML reader for the test: elements, attributes, text, CDATA-free content and the
// five predefined entities plus character references. It throws on anything malformed, so a
// report that parses here is well-formed.

interface XmlNode {
  name: string
  attrs: Record<string, string>
  children: XmlNode[]
  text: string
}

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
    return {lt: '<', gt: '>', amp: '&', quot: '"', apos: "'"}[e as 'lt'] ?? m
  })
}

function parseXml(xml: string): XmlNode {
  let i = 0
  const fail = (what: string): never => {
    throw new Error(`${what} at ${i}: ${JSON.stringify(xml.slice(i, i + 40))}`)
  }
  const skipSpace = () => {
    while (i < xml.length && /\s/.test(xml[i]!)) i++
  }
  if (xml.startsWith('<?xml')) {
    i = xml.indexOf('?>') + 2
    if (i < 2) fail('unterminated declaration')
  }
  const name = (): string => {
    const m = /^[A-Za-z_][\w.-]*/.exec(xml.slice(i, i + 100))
    if (!m) fail('expected a name')
    i += m![0].length
    return m![0]
  }
  const element = (): XmlNode => {
    if (xml[i] !== '<') fail('expected <')
    i++
    const node: XmlNode = {name: name(), attrs: {}, children: [], text: ''}
    for (;;) {
      skipSpace()
      if (xml.startsWith('/>', i)) {
        i += 2
        return node
      }
      if (xml[i] === '>') {
        i++
        break
      }
      const key = name()
      skipSpace()
      if (xml[i] !== '=') fail('expected =')
      i++
      skipSpace()
      const quote = xml[i]
      if (quote !== '"' && quote !== "'") fail('expected a quote')
      const end = xml.indexOf(quote!, i + 1)
      const raw = xml.slice(i + 1, end)
      if (raw.includes('<')) fail('< in an attribute')
      if (key in node.attrs) fail('duplicate attribute')
      node.attrs[key] = decode(raw)
      i = end + 1
    }
    for (;;) {
      const lt = xml.indexOf('<', i)
      if (lt < 0) fail('unterminated element')
      const text = xml.slice(i, lt)
      if (/&(?!(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);)/i.test(text)) fail('bare &')
      node.text += decode(text)
      i = lt
      if (xml.startsWith('</', i)) {
        i += 2
        if (name() !== node.name) fail('mismatched end tag')
        skipSpace()
        if (xml[i] !== '>') fail('expected >')
        i++
        return node
      }
      node.children.push(element())
    }
  }
  skipSpace()
  const root = element()
  skipSpace()
  if (i !== xml.length) fail('content after the root element')
  return root
}

const id = (first17: string) => first17 + checkDigit(first17)
const A = id('43012120150304002')
const B = id('43012120140101003')
const bad = (v: string) => v.slice(0, 17) + (v.endsWith('0') ? '1' : '0')

async function report(): Promise<Report> {
  const dir = tempDir()
  const header = '姓名,性别,身份证号,出生日期,监护人联系电话'
  const one = writeTemp(dir, 'a.csv', `${header}\n李小红,女,${bad(A)},2015-03-04,12345\n李 明,男,${B},2014-01-01,13812345678\n王<五>,男,${bad(B)},2014-01-01,13812345678\n`)
  const two = writeTemp(dir, 'b&c.csv', `${header}\n张三,女,${A},2015-03-04,13812345678\n`)
  const r = await validateFiles([{file: one}, {file: two}], {asOf: '2026-06-30', lang: 'zh', mask: 'ids', includeInfo: false, failOn: 'error', ageLimit: 16})
  return maskReport(r, 'ids')
}

function suites(xml: string): XmlNode[] {
  const root = parseXml(xml)
  expect(root.name).toBe('testsuites')
  return root.children.filter((c) => c.name === 'testsuite')
}

describe('junit report', () => {
  it('parses, with one suite per input file and one case per code', async () => {
    const r = await report()
    const xml = formatJunit(r, {lang: 'zh'})
    const all = suites(xml)
    expect(all.map((s) => s.attrs.name)).toEqual(r.inputs.map((i) => i.file))
    const codes = [...new Set(r.findings.map((f) => f.code))].sort()
    for (const suite of all) {
      const cases = suite.children.filter((c) => c.name === 'testcase')
      expect(cases.map((c) => c.attrs.name).sort()).toEqual(codes)
      expect(Number(suite.attrs.tests)).toBe(cases.length)
      expect(Number(suite.attrs.failures)).toBe(cases.filter((c) => c.children.some((x) => x.name === 'failure')).length)
    }
    const root = parseXml(xml)
    expect(Number(root.attrs.tests)).toBe(all.reduce((n, s) => n + Number(s.attrs.tests), 0))
    expect(Number(root.attrs.failures)).toBe(all.reduce((n, s) => n + Number(s.attrs.failures), 0))
  })

  it("lists each finding's row once, so its counts equal the JSON report's", async () => {
    const r = await report()
    for (const failOn of ['error', 'warning', 'info', 'never'] as FailOn[]) {
      const counted: Record<string, number> = {}
      for (const suite of suites(formatJunit(r, {lang: 'en', failOn}))) {
        for (const c of suite.children.filter((x) => x.name === 'testcase')) {
          const body = c.children.find((x) => x.name === 'failure' || x.name === 'system-out')
          const lines = body ? body.text.split('\n').filter((l) => /^row \d+/.test(l)) : []
          counted[c.attrs.name!] = (counted[c.attrs.name!] ?? 0) + lines.length
          const json = r.findings.filter((f) => f.file === suite.attrs.name && f.code === c.attrs.name)
          expect(lines.map((l) => Number(/^row (\d+)/.exec(l)![1]))).toEqual(json.map((f) => f.row))
        }
      }
      const listed: Record<string, number> = {}
      for (const f of r.findings) listed[f.code] = (listed[f.code] ?? 0) + 1
      expect(counted).toEqual(listed)
      // Without hidden infos, the listed counts are the summary's.
      expect(counted).toEqual(r.summary.byCode)
    }
  })

  it('fails the cases at or above --fail-on and keeps the rest as passing output', async () => {
    const r = await report()
    const failing = (failOn: FailOn) =>
      suites(formatJunit(r, {lang: 'en', failOn}))
        .flatMap((s) => s.children)
        .filter((c) => c.children.some((x) => x.name === 'failure'))
        .map((c) => c.children.find((x) => x.name === 'failure')!.attrs.type)
    expect(failing('error').every((t) => t === 'error')).toBe(true)
    expect(failing('error').length).toBeGreaterThan(0)
    expect(failing('warning')).toContain('warning')
    expect(failing('never')).toEqual([])
  })

  it('escapes everything, including markup in values and file names', () => {
    const nasty = 'a<b>&"c\']]></failure><x y="'
    const r: Report = {
      tool: 'liushou',
      version: '0',
      command: 'validate',
      asOf: '2026-06-30',
      generatedAt: '2026-06-30T00:00:00.000Z',
      inputs: [{dataset: nasty, file: `${nasty}.csv`, format: 'csv', rows: 1}],
      summary: {rows: 1, findings: 1, errors: 1, warnings: 0, infos: 0, byCode: {NAME_INVALID: 1}},
      findings: [{dataset: nasty, file: `${nasty}.csv`, row: 2, code: 'NAME_INVALID', severity: 'error', fingerprint: '0000000000000007', message: `bad ${nasty}\u0001`, value: nasty, field: 'name'}],
    }
    const [suite] = suites(formatJunit(r, {lang: 'en'}))
    expect(suite!.attrs.name).toBe(`${nasty}.csv`)
    const failure = suite!.children.find((c) => c.name === 'testcase')!.children[0]!
    expect(failure.attrs.message).toContain(`bad ${nasty}`)
    expect(failure.text).toContain(`= ${nasty}`)
    expect(xmlEscape('\u0000x')).toBe('\ufffdx')
  })

  it('gives a clean file a passing case', async () => {
    const r: Report = {
      tool: 'liushou',
      version: '0',
      command: 'validate',
      asOf: '2026-06-30',
      generatedAt: '2026-06-30T00:00:00.000Z',
      inputs: [{dataset: 'ok', file: 'ok.csv', format: 'csv', rows: 3}],
      summary: {rows: 3, findings: 0, errors: 0, warnings: 0, infos: 0, byCode: {}},
      findings: [],
    }
    const [suite] = suites(formatJunit(r, {lang: 'zh'}))
    expect(suite!.attrs).toMatchObject({tests: '1', failures: '0'})
  })
})
