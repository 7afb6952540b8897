import type {FailOn, Finding, Lang, Report, Severity} from '../model.js'
import {relatedText} from './csv.js'

// JUnit XML for CI (SPEC "Other formats": one test case per file and rule). One <testsuite> per
// input file; in it one <testcase> per code the run found (in any file), so every suite lists the
// same cases and a clean file shows them passing. A case fails when its file has a finding at or
// above --fail-on (the exit status says the same); findings below it are listed in <system-out>.
// Each failure lists its rows, one line per finding: the listed findings are exactly the JSON's.

const RANK: Record<Severity, number> = {info: 0, warning: 1, error: 2}

const T = {
  zh: {
    row: '行',
    findings: (n: number) => `${n} 条`,
    clean: '未发现问题',
    belowThreshold: (n: number) => `${n} 条，低于 --fail-on，不算失败`,
  },
  en: {
    row: 'row',
    findings: (n: number) => `${n} finding${n === 1 ? '' : 's'}`,
    clean: 'no findings',
    belowThreshold: (n: number) => `${n} finding${n === 1 ? '' : 's'} below --fail-on, not failing`,
  },
} as const

/** Escapes text for XML content and attributes; drops characters XML 1.0 cannot carry. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** Attribute values keep line breaks only as character references. */
function attr(text: string): string {
  return xmlEscape(text).replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;')
}

/** One finding as a line: `row 12 · idNumber (身份证号) = 430102********1234 · message → hint [related]`. */
function findingLine(f: Finding, lang: Lang): string {
  const t = T[lang]
  const where = [f.field, f.column && f.column !== f.field ? `(${f.column})` : ''].filter(Boolean).join(' ')
  const value = f.value !== undefined ? ` = ${f.value}` : ''
  const expected = f.expected !== undefined ? (lang === 'zh' ? `（应为 ${f.expected}）` : ` (expected ${f.expected})`) : ''
  const hint = f.hint ? ` → ${f.hint}` : ''
  const related = relatedText(f)
  return `${t.row} ${f.row}${where ? ` · ${where}` : ''}${value}${expected} · ${f.message}${hint}${related ? ` [${related}]` : ''}`
}

function worst(findings: Finding[]): Severity {
  let out: Severity = 'info'
  for (const f of findings) if (RANK[f.severity] > RANK[out]) out = f.severity
  return out
}

function failsAt(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'never' && RANK[severity] >= RANK[failOn]
}

function classname(report: Report, dataset: string): string {
  return `liushou.${report.command}.${dataset}`
}

export interface JunitOptions {
  lang: Lang
  /** Lowest severity that fails a case (default `error`, as `--fail-on`). */
  failOn?: FailOn
}

export function formatJunit(report: Report, options: JunitOptions): string {
  const lang = options.lang
  const failOn = options.failOn ?? 'error'
  const t = T[lang]

  // Codes of the listed findings, in the order of the summary (then any other listed code).
  const listedCodes = new Set(report.findings.map((f) => f.code))
  const codes = [...Object.keys(report.summary.byCode).filter((c) => listedCodes.has(c)), ...[...listedCodes].filter((c) => !(c in report.summary.byCode))]

  const byFile = new Map<string, Map<string, Finding[]>>()
  for (const f of report.findings) {
    let perCode = byFile.get(f.file)
    if (!perCode) byFile.set(f.file, (perCode = new Map()))
    let list = perCode.get(f.code)
    if (!list) perCode.set(f.code, (list = []))
    list.push(f)
  }

  // Every input gets a suite; a finding on a file that is no input (should not happen) gets one too.
  const suites: {file: string; dataset: string; rows?: number; department?: string}[] = report.inputs.map((i) => ({
    file: i.file,
    dataset: i.dataset,
    rows: i.rows,
    ...(i.department ? {department: i.department} : {}),
  }))
  for (const f of report.findings) {
    if (!suites.some((s) => s.file === f.file)) suites.push({file: f.file, dataset: f.dataset})
  }

  const body: string[] = []
  let totalTests = 0
  let totalFailures = 0
  for (const suite of suites) {
    const perCode = byFile.get(suite.file) ?? new Map<string, Finding[]>()
    const cases: string[] = []
    let failures = 0
    const cls = attr(classname(report, suite.dataset))
    for (const code of codes) {
      const findings = perCode.get(code) ?? []
      if (findings.length === 0) {
        cases.push(`    <testcase classname="${cls}" name="${attr(code)}" time="0"/>`)
        continue
      }
      const severity = worst(findings)
      const lines = findings.map((f) => xmlEscape(findingLine(f, lang))).join('\n')
      if (failsAt(severity, failOn)) {
        failures++
        const first = findings[0]!
        const message = `${code}: ${t.findings(findings.length)} — ${first.message}`
        cases.push(
          `    <testcase classname="${cls}" name="${attr(code)}" time="0">\n` +
            `      <failure message="${attr(message)}" type="${severity}">\n${lines}\n      </failure>\n` +
            `    </testcase>`,
        )
      } else {
        cases.push(
          `    <testcase classname="${cls}" name="${attr(code)}" time="0">\n` +
            `      <system-out>${xmlEscape(`${code}: ${t.belowThreshold(findings.length)}`)}\n${lines}\n      </system-out>\n` +
            `    </testcase>`,
        )
      }
    }
    if (cases.length === 0) cases.push(`    <testcase classname="${cls}" name="${attr(t.clean)}" time="0"/>`)
    totalTests += cases.length
    totalFailures += failures
    const properties = [
      ['dataset', suite.dataset],
      ...(suite.department ? [['department', suite.department]] : []),
      ...(suite.rows !== undefined ? [['rows', String(suite.rows)]] : []),
      ['asOf', report.asOf],
    ]
      .map(([name, value]) => `      <property name="${attr(name!)}" value="${attr(value!)}"/>`)
      .join('\n')
    body.push(
      `  <testsuite name="${attr(suite.file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="0" timestamp="${attr(report.generatedAt.replace(/Z$/, ''))}">\n` +
        `    <properties>\n${properties}\n    </properties>\n` +
        `${cases.join('\n')}\n` +
        `  </testsuite>`,
    )
  }
  const name = `liushou ${report.command}`
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${attr(name)}" tests="${totalTests}" failures="${totalFailures}" errors="0" time="0">\n${body.join('\n')}\n</testsuites>\n`
}
