import {findingsOf} from '../../findings/report-findings.js'
import type {FailOn, Finding, Lang, Report, Severity} from '../../findings/model.js'
import {type SpillOrder, SpillStore} from '../../findings/spill-store.js'
import {relatedText} from '../finding-columns.js'

// JUnit XML for CI (docs/formats.md: one test case per file and rule). One <testsuite> per
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

/** One finding as a line: `row 12 · 张*涵 汇龙村 · idNumber (身份证号) = 430102********1234 · message → hint [related] #fingerprint`. */
function findingLine(f: Finding, lang: Lang): string {
  const t = T[lang]
  const where = [f.field, f.column && f.column !== f.field ? `(${f.column})` : ''].filter(Boolean).join(' ')
  const value = f.value !== undefined ? ` = ${f.value}` : ''
  const expected = f.expected !== undefined ? (lang === 'zh' ? `（应为 ${f.expected}）` : ` (expected ${f.expected})`) : ''
  const hint = f.hint ? ` → ${f.hint}` : ''
  const related = relatedText(f)
  const who = [f.name, f.village ?? f.town].filter(Boolean).join(' ')
  return `${t.row} ${f.row}${who ? ` · ${who}` : ''}${where ? ` · ${where}` : ''}${value}${expected} · ${f.message}${hint}${related ? ` [${related}]` : ''} #${f.fingerprint}${f.state ? ` (${f.state})` : ''}`
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

/** What one file's findings of one code add up to; their lines wait in a spill store. */
interface CaseTally {
  count: number
  worst: Severity
  first: string
}

const caseKey = (file: string, code: string) => `${code}\u0000${file}`

const LINE_ORDER: SpillOrder<{key: string; line: string}> = {group: (l) => l.key, position: () => 0, bytes: (l) => 120 + 2 * l.line.length}

/**
 * JUnit XML in chunks. One pass over the findings counts each (file, code) case and files its
 * lines away (in memory up to a limit, then on disk, like the report's own findings); the XML
 * is then written case by case, so millions of findings never sit in memory or in one string.
 */
export function* formatJunitChunks(report: Report, options: JunitOptions): Generator<string> {
  const lang = options.lang
  const failOn = options.failOn ?? 'error'
  const t = T[lang]

  // Every input gets a suite; a finding on a file that is no input (should not happen) gets one too.
  const suites: {file: string; dataset: string; rows?: number; department?: string}[] = report.inputs.map((i) => ({
    file: i.file,
    dataset: i.dataset,
    rows: i.rows,
    ...(i.department ? {department: i.department} : {}),
  }))
  const suiteFiles = new Set(suites.map((s) => s.file))
  const listedCodes = new Set<string>()
  const tallies = new Map<string, CaseTally>()
  const lines = new SpillStore(LINE_ORDER)
  try {
    for (const f of findingsOf(report)) {
      listedCodes.add(f.code)
      if (!suiteFiles.has(f.file)) {
        suiteFiles.add(f.file)
        suites.push({file: f.file, dataset: f.dataset})
      }
      const key = caseKey(f.file, f.code)
      const tally = tallies.get(key)
      if (!tally) tallies.set(key, {count: 1, worst: f.severity, first: f.message})
      else {
        tally.count++
        if (RANK[f.severity] > RANK[tally.worst]) tally.worst = f.severity
      }
      lines.add({key, line: xmlEscape(findingLine(f, lang))})
    }
    // Codes of the listed findings, in the order of the summary (then any other listed code).
    const codes = [...Object.keys(report.summary.byCode).filter((c) => listedCodes.has(c)), ...[...listedCodes].filter((c) => !(c in report.summary.byCode))]
    const failuresOf = (file: string) => codes.filter((code) => {
      const tally = tallies.get(caseKey(file, code))
      return tally !== undefined && failsAt(tally.worst, failOn)
    }).length
    const testsOf = () => Math.max(1, codes.length)
    const totalTests = suites.length * testsOf()
    const totalFailures = suites.reduce((n, s) => n + failuresOf(s.file), 0)

    const name = `liushou ${report.command}`
    yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${attr(name)}" tests="${totalTests}" failures="${totalFailures}" errors="0" time="0">\n`
    for (let s = 0; s < suites.length; s++) {
      const suite = suites[s]!
      const cls = attr(classname(report, suite.dataset))
      const properties = [
        ['dataset', suite.dataset],
        ...(suite.department ? [['department', suite.department]] : []),
        ...(suite.rows !== undefined ? [['rows', String(suite.rows)]] : []),
        ['asOf', report.asOf],
      ]
        .map(([name, value]) => `      <property name="${attr(name!)}" value="${attr(value!)}"/>`)
        .join('\n')
      yield (
        `${s > 0 ? '\n' : ''}  <testsuite name="${attr(suite.file)}" tests="${testsOf()}" failures="${failuresOf(suite.file)}" errors="0" skipped="0" time="0" timestamp="${attr(report.generatedAt.replace(/Z$/, ''))}">\n` +
        `    <properties>\n${properties}\n    </properties>\n`
      )
      if (codes.length === 0) yield `    <testcase classname="${cls}" name="${attr(t.clean)}" time="0"/>`
      for (let c = 0; c < codes.length; c++) {
        const code = codes[c]!
        const sep = c > 0 ? '\n' : ''
        const key = caseKey(suite.file, code)
        const tally = tallies.get(key)
        if (!tally) {
          yield `${sep}    <testcase classname="${cls}" name="${attr(code)}" time="0"/>`
          continue
        }
        const fails = failsAt(tally.worst, failOn)
        const message = `${code}: ${t.findings(tally.count)} — ${tally.first}`
        yield fails
          ? `${sep}    <testcase classname="${cls}" name="${attr(code)}" time="0">\n      <failure message="${attr(message)}" type="${tally.worst}">\n`
          : `${sep}    <testcase classname="${cls}" name="${attr(code)}" time="0">\n      <system-out>${xmlEscape(`${code}: ${t.belowThreshold(tally.count)}`)}\n`
        yield* joinedLines(lines.iterateGroup(key))
        yield fails ? `\n      </failure>\n    </testcase>` : `\n      </system-out>\n    </testcase>`
      }
      yield `\n  </testsuite>`
    }
    yield `\n</testsuites>\n`
  } finally {
    lines.release()
  }
}

/** Lines joined by line breaks, a thousand to a chunk. */
function* joinedLines(items: Iterable<{line: string}>): Generator<string> {
  let batch: string[] = []
  let first = true
  for (const {line} of items) {
    batch.push(line)
    if (batch.length >= 1000) {
      yield (first ? '' : '\n') + batch.join('\n')
      first = false
      batch = []
    }
  }
  if (batch.length > 0) yield (first ? '' : '\n') + batch.join('\n')
}

export function formatJunit(report: Report, options: JunitOptions): string {
  return [...formatJunitChunks(report, options)].join('')
}
