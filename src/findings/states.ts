import {readFileSync} from 'node:fs'

import {UserError} from '../errors.js'
import type {FindingState} from './model.js'

// States (docs/architecture.md "Contracts"): an exceptions file (JSON Lines, one
// finding a person has looked at and accepted, per line) marks matching findings `waived`; an
// earlier JSON report given as a baseline marks the findings it already had `known`, so that a CI
// job fails only on what a submission newly breaks. Both match by fingerprint alone: the code,
// field and dataset on an exception line are there for the person reading the file.

export interface ExceptionEntry {
  fingerprint: string
  code?: string
  field?: string
  dataset?: string
  reason?: string
  by?: string
  date?: string
  packet?: string
  /** Line of the exceptions file (1-based): where EXCEPTION_STALE points. */
  line: number
}

const FINGERPRINT = /^[0-9a-f]{16}$/

const WHAT_ZH: Record<string, string> = {exceptions: '例外', baseline: '基线报告'}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UserError({en: code === 'ENOENT' ? `no such ${what} file` : `cannot read the ${what} file (${code ?? 'error'})`, zh: code === 'ENOENT' ? `${WHAT_ZH[what] ?? what}文件不存在` : `无法读取${WHAT_ZH[what] ?? what}文件（${code ?? 'error'}）`}, file)
  }
}

const OPTIONAL_TEXT = ['code', 'field', 'dataset', 'reason', 'by', 'date', 'packet'] as const

/** Reads an exceptions file; a line that is not an exception is a UserError naming the line. */
export function readExceptions(file: string): ExceptionEntry[] {
  const entries: ExceptionEntry[] = []
  const lines = readText(file, 'exceptions').split(/\r\n|\n|\r/)
  lines.forEach((text, i) => {
    if (text.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      throw new UserError({en: 'is not a JSON object (one exception per line: {"fingerprint": …, "reason": …})', zh: '不是 JSON 对象（每行一条例外：{"fingerprint": …, "reason": …}）'}, file, i + 1)
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UserError({en: 'is not a JSON object', zh: '不是 JSON 对象'}, file, i + 1)
    const record = value as Record<string, unknown>
    const fingerprint = typeof record.fingerprint === 'string' ? record.fingerprint.trim().toLowerCase() : ''
    if (!FINGERPRINT.test(fingerprint)) throw new UserError({en: 'has no valid "fingerprint" (16 hexadecimal digits, as in a report)', zh: '没有有效的 "fingerprint"（报告中的 16 位十六进制问题编号）'}, file, i + 1)
    const entry: ExceptionEntry = {fingerprint, line: i + 1}
    for (const key of OPTIONAL_TEXT) if (typeof record[key] === 'string') entry[key] = record[key]
    entries.push(entry)
  })
  return entries
}

/** The fingerprints of an earlier JSON report's findings. */
export function readBaseline(file: string): Set<string> {
  let report: unknown
  try {
    report = JSON.parse(readText(file, 'baseline'))
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError({en: 'is not a JSON report (make it with --format json)', zh: '不是 JSON 报告（用 --format json 生成）'}, file)
  }
  const findings = (report as {findings?: unknown} | null)?.findings
  if (!Array.isArray(findings)) throw new UserError({en: 'is not a liushou JSON report: it has no "findings" list', zh: '不是 liushou 的 JSON 报告：没有 "findings" 列表'}, file)
  const out = new Set<string>()
  for (const f of findings) {
    const fp = (f as {fingerprint?: unknown} | null)?.fingerprint
    if (typeof fp !== 'string') throw new UserError({en: 'has findings without a fingerprint: make the baseline again with this version of liushou', zh: '其中的问题没有问题编号：请用当前版本的 liushou 重新生成基线'}, file)
    out.add(fp)
  }
  return out
}

/** What a run knows of earlier decisions: the exceptions and the baseline, with what matched. */
export class FindingStates {
  private readonly exceptions = new Map<string, ExceptionEntry>()
  private readonly matched = new Set<string>()

  constructor(
    exceptions: readonly ExceptionEntry[] = [],
    private readonly baseline?: ReadonlySet<string>,
    /** The exceptions file, where EXCEPTION_STALE findings sit. */
    readonly exceptionsFile?: string,
  ) {
    for (const e of exceptions) if (!this.exceptions.has(e.fingerprint)) this.exceptions.set(e.fingerprint, e)
  }

  stateOf(fingerprint: string): FindingState | undefined {
    if (this.exceptions.has(fingerprint)) {
      this.matched.add(fingerprint)
      return 'waived'
    }
    if (this.baseline) return this.baseline.has(fingerprint) ? 'known' : 'new'
    return undefined
  }

  /** Exceptions no finding of this run matched, in file order. */
  stale(): ExceptionEntry[] {
    return [...this.exceptions.values()].filter((e) => !this.matched.has(e.fingerprint)).sort((a, b) => a.line - b.line)
  }
}

/** Loads `--exceptions` and `--baseline` (either may be absent); undefined when neither is given. */
export function loadFindingStates(options: {exceptions?: string; baseline?: string}): FindingStates | undefined {
  if (options.exceptions === undefined && options.baseline === undefined) return undefined
  const exceptions = options.exceptions === undefined ? [] : readExceptions(options.exceptions)
  const baseline = options.baseline === undefined ? undefined : readBaseline(options.baseline)
  return new FindingStates(exceptions, baseline, options.exceptions)
}
