import {Command, Flags, Interfaces} from '@oclif/core'
import path from 'node:path'

import {assertOutputs, writeFileAtomic} from '../src/io/atomic-write.js'
import {type Bilingual, isUserError} from '../src/errors.js'
import {exitCodeFor, type FailOn, type Lang, type MaskMode, type Report, type Summary} from '../src/findings/model.js'
import {releaseFindings} from '../src/findings/report-findings.js'
import {loadFindingStates} from '../src/findings/states.js'
import type {PacketsBy} from '../src/packets/route.js'
import type {Registry} from '../src/registry/index.js'
import {type PacketOptions, writePackets} from '../src/packets/write.js'
import {parseDateFlag} from './_flags.js'
import {maskReport} from '../src/findings/mask.js'
import {scrubText} from '../src/mask.js'
import {boundHeapGrowth} from '../src/memory.js'
import {createProgress, noProgress, type Progress} from '../src/report/progress.js'
import {availableFormats, formatForFile, renderReport} from '../src/report/render.js'
import {type CommonOptions, detectLang, langOf, loadColumnOverrides, parseAsOf} from '../src/options.js'
import {translateOclifError} from './_messages.js'
import {stdoutClosed, writeStdout} from './_stdout.js'
import {EXIT_CODES_ZH} from './_zh.js'
import {type Explanation, renderExplanation} from '../src/link/explain.js'

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof ReportCommand)['baseFlags'] & T['flags']>

const EXIT_CODES = `EXIT CODES
  0    ran; nothing at or above --fail-on (waived, known and resolved findings do not count)
  1    findings at or above --fail-on (default: error)
  2    usage, configuration or input that cannot be read at all
  129  stopped by SIGHUP, 130 by Ctrl-C (SIGINT), 143 by SIGTERM: no partial output is left
  A reader that closes the pipe early (| head) ends the output quietly; the status is still the findings'.`



// oclif's own wording around a flag or argument error, dropped from the one line shown.
const OCLIF_NOISE = /^(The following errors? occurred:|See more help with --help)$/

/**
 * The one line an error shows on stderr: its lines joined, ID numbers and phones masked whatever
 * --mask says (a file may be named after a child's ID), control characters made visible so that
 * a hostile file or sheet name cannot drive the terminal.
 */
export function errorLine(message: string): string {
  const lines = message
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split(/\r\n|\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !OCLIF_NOISE.test(l))
  // eslint-disable-next-line no-control-regex
  return scrubText(lines.join(' ')).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/**
 * What every liushou command shares: a user-fixable error is one line (masked, in the run's
 * language) and exit 2, oclif's flag errors likewise, a bug shows its stack only with --debug.
 */
export abstract class BaseCommand extends Command {
  protected lang: Lang = detectLang()
  protected debugMode = false
  protected progress: Progress = noProgress()

  protected userError(message: string | Bilingual): never {
    const text = typeof message === 'string' ? message : message[this.lang]
    this.stderrLine(`liushou: ${errorLine(text)}`)
    this.exit(2)
  }

  /** A warning on stderr: one line, masked, in the run's language. */
  protected warnLine(message: string): void {
    this.stderrLine(`liushou: ${this.lang === 'zh' ? '警告：' : 'warning: '}${errorLine(message)}`)
  }

  /**
   * One line of the command's own on stderr (a summary, a warning, what was written). The progress
   * line is erased first: a line written under it would run on from it on the terminal.
   */
  protected stderrLine(line: string): void {
    this.progress.done()
    process.stderr.write(`${line}\n`)
  }

  /**
   * Runs `work` on the registry, opened and closed around it (commands/_registry.ts). While another
   * process holds the file the command waits, saying so once in the run's language.
   */
  protected async withRegistry<T>(file: string, create: boolean, work: (registry: Registry) => Promise<T>, readOnly = false): Promise<T> {
    // Loaded here rather than at the top: DuckDB's engine is for the registry commands only.
    const {withRegistry} = await import('./_registry.js')
    return withRegistry(file, create, work, readOnly, (pid) =>
      this.stderrLine(
        `liushou: ${errorLine(this.lang === 'zh' ? `${file}：正被另一个 liushou 使用${pid === undefined ? '' : `（进程 ${pid}）`}，等它结束后继续……` : `${file}: in use by another liushou${pid === undefined ? '' : ` (process ${pid})`}; waiting for it to finish…`)}`,
      ),
    )
  }

  override async init(): Promise<void> {
    this.debugMode = this.argv.includes('--debug')
    // Before the flags are parsed: an error in parsing them speaks the language asked for.
    this.lang = langOf(this.argv)
    boundHeapGrowth()
    await super.init()
  }

  override async catch(error: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<unknown> {
    this.progress.done()
    // oclif signals a deliberate exit (this.exit) with an ExitError: let it through.
    if (error.oclif?.exit !== undefined && error.message.startsWith('EEXIT')) throw error
    if (isUserError(error)) {
      process.stderr.write(`liushou: ${errorLine(error.lineIn(this.lang))}\n`)
      this.exit(2)
    }
    if (error.oclif?.exit !== undefined || error.name === 'CLIError' || /Nonexistent flag|Expected --|Missing required|Unexpected argument|Parsing --/.test(error.message)) {
      // Flag and argument errors from oclif: one line, exit 2.
      process.stderr.write(`liushou: ${errorLine(translateOclifError(error.message, this.lang))}\n`)
      this.exit(2)
    }
    if (this.debugMode) process.stderr.write(`${error.stack ?? error.message}\n`)
    else {
      const first = errorLine(error.message.split('\n')[0] ?? '')
      process.stderr.write(this.lang === 'zh' ? `liushou: 内部错误：${first}（加 --debug 重新运行可查看详情）\n` : `liushou: internal error: ${first} (run again with --debug for details)\n`)
    }
    this.exit(2)
  }
}

/** Where a command's report goes: `--output` (report commands) or `--report` (commands whose --output is data). */
export type ReportFlag = 'output' | 'report'

/** The findings a terminal table lists when --limit is not given (SPEC, "More flags"). */
export const TERMINAL_LIMIT = 50

/**
 * Shared flags and the report pipeline: a command computes a Report in src/, this class masks,
 * renders and writes it, and turns the findings into the exit status.
 */
export abstract class ReportCommand extends BaseCommand {
  static override baseFlags = {
    'as-of': Flags.string({description: 'reference date for ages, YYYY-MM-DD (default: today in Asia/Shanghai)'}),
    lang: Flags.string({description: 'language of messages (default: zh when the locale is Chinese, else en)', options: ['zh', 'en']}),
    mask: Flags.string({description: 'mask personal data in reports: ids (IDs and phones), all (also names and addresses), none', options: ['none', 'ids', 'all'], default: 'ids'}),
    format: Flags.string({char: 'f', description: 'report format: table, json, csv, xlsx, html, junit (default: from the extension of the report file, else table on a terminal, json otherwise)'}),
    json: Flags.boolean({description: 'alias of --format json'}),
    output: Flags.string({char: 'o', description: 'write the report to this file (atomically); its extension picks the format (.json .csv .xlsx .html .xml, any other: json)'}),
    limit: Flags.integer({description: 'findings the table lists at most (default: 50 on a terminal, all otherwise; 0: all)', min: 0}),
    'fail-on': Flags.string({description: 'lowest severity that makes the exit status 1', options: ['error', 'warning', 'info', 'never'], default: 'error'}),
    'include-info': Flags.boolean({description: 'list info findings too (they are always counted in the summary)'}),
    encoding: Flags.string({description: 'force the encoding of CSV/TSV input (utf8, utf8-bom, gb18030, gbk, utf16le, utf16be); detected by default'}),
    sheet: Flags.string({description: 'sheet of an .xlsx input, by name or 1-based number (default: first visible sheet)'}),
    columns: Flags.string({description: 'JSON file mapping original headers to canonical fields: {"原表头": "idNumber"}'}),
    exceptions: Flags.string({description: 'exceptions file (JSON Lines, one {fingerprint, reason, by, date} a line): matching findings are waived'}),
    baseline: Flags.string({description: 'an earlier JSON report: findings it already had are known, and only new ones decide the exit status'}),
    debug: Flags.boolean({description: 'show stack traces of internal errors'}),
  }

  static override enableJsonFlag = false

  static exitCodesHelp = EXIT_CODES
  static exitCodesHelpZh = EXIT_CODES_ZH

  /** The flag that names the report's file: `report` where --output is the data written. */
  static reportFlag: ReportFlag = 'output'

  protected commonOptions(flags: Record<string, unknown>): CommonOptions {
    this.lang = (flags.lang as Lang | undefined) ?? detectLang()
    const options: CommonOptions = {
      asOf: parseAsOf(flags['as-of'] as string | undefined),
      lang: this.lang,
      mask: flags.mask as MaskMode,
      includeInfo: Boolean(flags['include-info']),
      failOn: flags['fail-on'] as FailOn,
    }
    if (flags.encoding) options.encoding = flags.encoding as string
    if (flags.sheet) options.sheet = flags.sheet as string
    if (flags.columns) options.columns = loadColumnOverrides(flags.columns as string)
    const states = loadFindingStates({exceptions: flags.exceptions as string | undefined, baseline: flags.baseline as string | undefined})
    if (states) options.states = states
    return options
  }

  /** The file the report is written to (--output, or --report for data commands); undefined: stdout. */
  protected reportTarget(flags: Record<string, unknown>): string | undefined {
    return flags[(this.constructor as typeof ReportCommand).reportFlag] as string | undefined
  }

  /**
   * The report's format: --format (or --json); else, written to a file, the file's extension
   * (.json .csv .xlsx .html .xml, any other: json); else table on a terminal, json otherwise.
   * --format and an extension that say two different things are a usage error.
   */
  protected reportFormat(flags: Record<string, unknown>): string {
    const target = this.reportTarget(flags)
    const asked = flags.json ? 'json' : (flags.format as string | undefined)
    if (asked !== undefined && !availableFormats().includes(asked)) {
      this.userError({
        en: `unknown --format "${asked}" (choose one of: ${availableFormats().join(', ')})`,
        zh: `未知的报告格式 --format "${asked}"（可选：${availableFormats().join('、')}）`,
      })
    }
    const flag = `--${(this.constructor as typeof ReportCommand).reportFlag}`
    if (target !== undefined) {
      const byExtension = formatForFile(target)
      if (asked !== undefined && byExtension !== undefined && byExtension !== asked) {
        const ext = path.extname(target)
        this.userError({
          en: `--format ${asked} contradicts ${flag} ${target}: a ${ext} file is written as ${byExtension}; drop --format or change the extension`,
          zh: `--format ${asked} 与 ${flag} ${target} 矛盾：${ext} 文件按 ${byExtension} 格式写出；请去掉 --format 或更改扩展名`,
        })
      }
      return asked ?? byExtension ?? 'json'
    }
    return asked ?? (process.stdout.isTTY ? 'table' : 'json')
  }

  /** --limit, else 50 when the table goes to a terminal, else every finding (0). */
  protected findingLimit(flags: Record<string, unknown>): number {
    const limit = flags.limit as number | undefined
    if (limit !== undefined) return limit
    return this.reportTarget(flags) === undefined && process.stdout.isTTY ? TERMINAL_LIMIT : 0
  }

  /** Live progress on stderr: a no-op when stderr is no terminal, in CI, or when the JSON report goes to stdout. */
  protected startProgress(flags: Record<string, unknown>): Progress {
    const jsonToStdout = !this.reportTarget(flags) && this.reportFormat(flags) === 'json'
    this.progress = createProgress({lang: this.lang, allowed: !jsonToStdout})
    return this.progress
  }

  /** Writes an --explain waterfall (its values masked per --mask already): JSON, or text for a terminal. */
  protected async emitExplanation(explanation: Explanation, flags: Record<string, unknown>, options: CommonOptions): Promise<void> {
    this.progress.done()
    const text = this.reportFormat(flags) === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : renderExplanation(explanation, options.lang)
    const output = flags.output as string | undefined
    if (output) {
      await writeFileAtomic(output, text, {private: options.mask !== 'all'})
      process.stderr.write(`liushou: ${errorLine(options.lang === 'zh' ? `已写入 ${output}` : `written to ${output}`)}\n`)
    } else await this.print(text)
  }

  /**
   * Masks, renders and writes the report to stdout or its file (0600 unless --mask all: a report
   * names children); sets the exit status from --fail-on. `written` names the data file a data
   * command wrote, for the one line on stderr.
   */
  protected async emitReport(report: Report, flags: Record<string, unknown>, options: CommonOptions, written?: string): Promise<void> {
    const format = this.reportFormat(flags)
    const masked = maskReport(report, options.mask)
    const target = this.reportTarget(flags)
    const read = {encoding: options.encoding, sheet: options.sheet, columns: options.columns}
    this.progress.phase('rendering')
    const toTerminal = target === undefined && process.stdout.isTTY === true
    const rendered = await renderReport(masked, format, {
      lang: options.lang,
      mask: options.mask,
      read,
      failOn: options.failOn,
      limit: this.findingLimit(flags),
      ...(toTerminal ? {width: process.stdout.columns} : {}),
      reportHint: `--format xlsx --${(this.constructor as typeof ReportCommand).reportFlag} ${options.lang === 'zh' ? '报告.xlsx' : 'report.xlsx'}`,
    })
    this.progress.done()
    if (target === undefined && rendered instanceof Uint8Array && process.stdout.isTTY) {
      this.userError({en: `--format ${format} writes a binary file: add --output FILE`, zh: `--format ${format} 生成的是二进制文件：请加 --output 文件名`})
    }
    try {
      if (target !== undefined) {
        assertOutputs([{flag: (this.constructor as typeof ReportCommand).reportFlag, file: target}], report.inputs.map((i) => i.file))
        await writeFileAtomic(target, rendered, {private: options.mask !== 'all'})
      } else {
        await writeStdout(typeof rendered === 'string' || rendered instanceof Uint8Array ? [rendered] : rendered)
      }
    } finally {
      // Spilled findings are personal data on disk: gone as soon as the report is written.
      releaseFindings(report)
    }
    if (written !== undefined || target !== undefined) this.saySaved(report.summary, written, target)
    this.exitFor(report, options)
  }

  /** The one line on stderr after writing files: where, and what the report counted. */
  protected saySaved(summary: Summary, written: string | undefined, report: string | undefined): void {
    const files = [written, report].filter((f): f is string => f !== undefined)
    const line =
      this.lang === 'zh'
        ? `已写入 ${files.join('、')}：${summary.errors} 个错误，${summary.warnings} 个警告${summary.infos > 0 ? `，${summary.infos} 条提示` : ''}`
        : `written to ${files.join(' and ')}, ${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}${summary.infos > 0 ? `, ${summary.infos} info${summary.infos === 1 ? '' : 's'}` : ''}`
    this.stderrLine(`liushou: ${errorLine(line)}`)
  }

  /** Writes a command's own text (a summary) to stdout, quietly stopping at a closed pipe. */
  protected async print(text: string): Promise<void> {
    await writeStdout([text])
  }

  /**
   * `--packets DIR`: the report's listed findings, one workbook per recipient (src/packets). The
   * report is given unmasked: a packet shows its own rows' IDs whole and masks the rest.
   */
  protected async writePackets(report: Report, flags: Record<string, unknown>, options: CommonOptions, extra: Pick<PacketOptions, 'risk' | 'rows' | 'sources'> = {}): Promise<void> {
    const dir = flags.packets as string | undefined
    if (!dir) return
    const deadline = flags.deadline as string | undefined
    this.progress.phase('writing', {subject: 'packets'})
    const summary = await writePackets(report, {
      dir,
      by: ((flags['packets-by'] as string | undefined) ?? 'unit') as PacketsBy,
      lang: options.lang,
      mask: options.mask,
      ...(deadline ? {deadline: parseDateFlag('deadline', deadline)} : {}),
      read: {encoding: options.encoding, sheet: options.sheet, columns: options.columns},
      ...extra,
    })
    const n = summary.packets.length
    this.stderrLine(
      options.lang === 'zh'
        ? `liushou: 已在 ${errorLine(dir)} 写入 ${n} 份核实单（${summary.lines} 条）和 index.xlsx`
        : `liushou: wrote ${n} packet(s) (${summary.lines} lines) and index.xlsx to ${errorLine(dir)}`,
    )
  }

  protected exitFor(report: Report, options: CommonOptions): void {
    const code = exitCodeFor(report.summary, options.failOn)
    if (code !== 0) this.exit(code)
  }

  /** Whether stdout's reader went away (| head): nothing more is written to it. */
  protected get stdoutClosed(): boolean {
    return stdoutClosed()
  }
}
