import {Command, Flags, Interfaces} from '@oclif/core'
import {assertNotInput, writeFileAtomic} from '../src/io/atomic-write.js'
import {isUserError} from '../src/errors.js'
import {exitCodeFor, type FailOn, type Lang, type MaskMode, type Report} from '../src/findings/model.js'
import {releaseFindings} from '../src/findings/report-findings.js'
import {loadFindingStates} from '../src/findings/states.js'
import {maskReport} from '../src/findings/mask.js'
import {scrubText} from '../src/mask.js'
import {createProgress, noProgress, type Progress} from '../src/report/progress.js'
import {availableFormats, renderReport} from '../src/report/render.js'
import {type CommonOptions, detectLang, loadColumnOverrides, parseAsOf} from '../src/options.js'
import {type Explanation, renderExplanation} from '../src/link/explain.js'

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof ReportCommand)['baseFlags'] & T['flags']>

const EXIT_CODES = `EXIT CODES
  0    ran; nothing at or above --fail-on (waived, known and resolved findings do not count)
  1    findings at or above --fail-on (default: error)
  2    usage, configuration or input that cannot be read at all
  129  stopped by SIGHUP, 130 by Ctrl-C (SIGINT), 143 by SIGTERM: no partial output is left`

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
 * What every liushou command shares: a user-fixable error is one line (masked) and exit 2, oclif's
 * flag errors likewise, a bug shows its stack only with --debug.
 */
export abstract class BaseCommand extends Command {
  protected lang: Lang = detectLang()
  protected debugMode = false
  protected progress: Progress = noProgress()

  protected userError(message: string): never {
    this.progress.done()
    process.stderr.write(`liushou: ${errorLine(message)}\n`)
    this.exit(2)
  }

  override async init(): Promise<void> {
    this.debugMode = this.argv.includes('--debug')
    await super.init()
  }

  override async catch(error: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<unknown> {
    this.progress.done()
    // oclif signals a deliberate exit (this.exit) with an ExitError: let it through.
    if (error.oclif?.exit !== undefined && error.message.startsWith('EEXIT')) throw error
    if (isUserError(error)) {
      process.stderr.write(`liushou: ${errorLine(error.line)}\n`)
      this.exit(2)
    }
    if (error.oclif?.exit !== undefined || error.name === 'CLIError' || /Nonexistent flag|Expected --|Missing required|Unexpected argument|Parsing --/.test(error.message)) {
      // Flag and argument errors from oclif: one line, exit 2.
      process.stderr.write(`liushou: ${errorLine(error.message)} (see --help)\n`)
      this.exit(2)
    }
    if (this.debugMode) process.stderr.write(`${error.stack ?? error.message}\n`)
    else process.stderr.write(`liushou: internal error: ${errorLine(error.message.split('\n')[0] ?? '')} (run again with --debug for details)\n`)
    this.exit(2)
  }
}

/**
 * Shared flags and the report pipeline: a command computes a Report in src/, this class masks,
 * renders and writes it, and turns the findings into the exit status.
 */
export abstract class ReportCommand extends BaseCommand {
  static override baseFlags = {
    'as-of': Flags.string({description: 'reference date for ages, YYYY-MM-DD (default: today in Asia/Shanghai)'}),
    lang: Flags.string({description: 'language of messages (default: zh when the locale is Chinese, else en)', options: ['zh', 'en']}),
    mask: Flags.string({description: 'mask personal data in reports: ids (IDs and phones), all (also names and addresses), none', options: ['none', 'ids', 'all'], default: 'ids'}),
    format: Flags.string({char: 'f', description: 'report format (default: table on a terminal, json otherwise)'}),
    json: Flags.boolean({description: 'alias of --format json'}),
    output: Flags.string({char: 'o', description: 'write the report to this file (atomically) instead of stdout'}),
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

  protected reportFormat(flags: Record<string, unknown>): string {
    const format = flags.json ? 'json' : ((flags.format as string | undefined) ?? (process.stdout.isTTY && !flags.output ? 'table' : 'json'))
    if (!availableFormats().includes(format)) {
      this.userError(`unknown --format "${format}" (choose one of: ${availableFormats().join(', ')})`)
    }
    return format
  }

  /** Live progress on stderr: a no-op when stderr is no terminal, in CI, or when the JSON report goes to stdout. */
  protected startProgress(flags: Record<string, unknown>): Progress {
    const jsonToStdout = !flags.output && this.reportFormat(flags) === 'json'
    this.progress = createProgress({lang: this.lang, allowed: !jsonToStdout})
    return this.progress
  }

  /** Writes an --explain waterfall (its values masked per --mask already): JSON, or text for a terminal. */
  protected async emitExplanation(explanation: Explanation, flags: Record<string, unknown>, options: CommonOptions): Promise<void> {
    this.progress.done()
    const text = this.reportFormat(flags) === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : renderExplanation(explanation, options.lang)
    if (flags.output) await writeFileAtomic(flags.output as string, text)
    else process.stdout.write(text)
  }

  /** Masks, renders and writes the report; sets the exit status from --fail-on. */
  protected async emitReport(report: Report, flags: Record<string, unknown>, options: CommonOptions): Promise<void> {
    const format = this.reportFormat(flags)
    const masked = maskReport(report, options.mask)
    const output = flags.output as string | undefined
    const read = {encoding: options.encoding, sheet: options.sheet, columns: options.columns}
    this.progress.phase('rendering')
    const rendered = await renderReport(masked, format, {lang: options.lang, mask: options.mask, read, failOn: options.failOn})
    this.progress.done()
    if (!output && rendered instanceof Uint8Array && process.stdout.isTTY) {
      this.userError(`--format ${format} writes a binary file: add --output FILE`)
    }
    try {
      if (output) {
        assertNotInput(output, report.inputs.map((i) => i.file))
        await writeFileAtomic(output, rendered)
      } else {
        // Wait for the pipe to take everything: exiting with findings right after a large write
        // would cut the report short.
        const chunks = typeof rendered === 'string' || rendered instanceof Uint8Array ? [rendered] : rendered
        for (const chunk of chunks) {
          if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve))
        }
      }
    } finally {
      // Spilled findings are personal data on disk: gone as soon as the report is written.
      releaseFindings(report)
    }
    this.exitFor(report, options)
  }

  protected exitFor(report: Report, options: CommonOptions): void {
    const code = exitCodeFor(report.summary, options.failOn)
    if (code !== 0) this.exit(code)
  }
}
