import {Args, Flags} from '@oclif/core'
import {type CrosscheckConfig, loadCrosscheckConfig, resolveConfig} from '../src/crosscheck/config.js'
import {crosscheck, explainCrosscheck} from '../src/crosscheck/crosscheck.js'
import {UserError} from '../src/errors.js'
import {DEPARTMENTS, isDepartment} from '../src/schema/dataset-args.js'
import {ReportCommand, errorLine} from './_base.js'
import {parseThresholds, sharedFlags} from './_flags.js'

export default class Crosscheck extends ReportCommand {
  static override summary = 'Reconcile the departments’ lists and report every disagreement'
  static override description = `Links the children of several departments' lists (civil affairs, education, public security, …) with the linkage engine of dedupe and reports every XC code (docs/crosscheck.md) on the row whose value is wrong: children not enrolled (6–15) or not registered, recorded dead or moved out, left-behind children missing from the primary list, fields that disagree with the authoritative department (public security for identity, education for school), duplicate registrations and ambiguous candidates. The report's links list every child found on two or more lists; its breakdown gives, per reporting unit, county, town and village, the share of the primary list each department confirms.

Either a configuration file (JSON or YAML: datasets, primary list, authorities, as-of date, severity overrides, thresholds; see docs/crosscheck.md) or DEPT=FILE arguments, DEPT one of: ${DEPARTMENTS.join(', ')}.

${ReportCommand.exitCodesHelp}`

  static override examples = [
    '<%= config.bin %> crosscheck civil-affairs=民政.csv education=学籍.xlsx public-security=户籍.csv',
    '<%= config.bin %> crosscheck --config reconcile.yaml --format html --output 核查报告.html',
    '<%= config.bin %> crosscheck civil-affairs=民政.csv public-security=户籍.csv --explain civil-affairs:12 public-security:40',
  ]

  static override strict = false
  static override args = {lists: Args.string({description: 'DEPT=FILE for each list (when there is no --config)'})}
  static override flags = {
    config: Flags.string({char: 'c', description: 'configuration file (JSON or YAML)'}),
    primary: Flags.string({description: 'the primary list (default: civil-affairs)'}),
    match: sharedFlags.match,
    possible: sharedFlags.possible,
    explain: Flags.string({description: 'print how two rows were weighed and the rule that decided: DATASET:ROW DATASET:ROW (no report)', multiple: true}),
    ambiguous: Flags.string({
      description: 'XC_AMBIGUOUS when the runner-up candidate on a list holds at least this share of the two best candidates’ odds (default 0.2: the best is less than 4 times as likely; 0 turns the check off)',
    }),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Crosscheck)
    const options = this.commonOptions(flags)
    const config = flags.config ? loadCrosscheckConfig(flags.config) : fromArguments(argv as string[], flags.primary)
    if (flags.config && flags.primary) {
      if (!config.datasets.some((d) => d.name === flags.primary)) throw new UserError(`--primary: no dataset is named "${flags.primary}"`)
      config.primary = flags.primary
    }
    if (flags.explain !== undefined && flags.explain.length !== 2) this.userError('--explain takes two rows: --explain DATASET:ROW DATASET:ROW')
    const progress = this.startProgress(flags)
    const run = {
      ...options,
      ...parseThresholds(flags, config.thresholds),
      ...ambiguousShare(flags.ambiguous),
      onWarning: (message: string) => process.stderr.write(`liushou: warning: ${errorLine(message)}\n`),
      onProgress: (phase: string, done: number, total?: number, subject?: string) => {
        progress.phase(phase, total === undefined ? {} : {total})
        progress.update(done, subject)
      },
    }
    if (flags.explain !== undefined) {
      await this.emitExplanation(await explainCrosscheck(config, run, flags.explain as [string, string]), flags, options)
      return
    }
    await this.emitReport(await crosscheck(config, run), flags, options)
  }
}

function ambiguousShare(value: string | undefined): {ambiguous?: number} {
  if (value === undefined) return {}
  const n = Number(value)
  if (!(n >= 0 && n <= 0.5)) throw new UserError(`--ambiguous must be a share between 0 and 0.5, not "${value}"`)
  return {ambiguous: n}
}

function fromArguments(args: string[], primary?: string): CrosscheckConfig {
  if (args.length < 2) throw new UserError('give at least two lists as DEPT=FILE (e.g. civil-affairs=民政.csv education=学籍.xlsx), or --config FILE')
  const datasets = args.map((arg) => {
    const m = /^([a-z-]+)=(.+)$/.exec(arg)
    if (!m || !isDepartment(m[1]!)) throw new UserError(`"${arg}" is not DEPT=FILE with DEPT one of ${DEPARTMENTS.join(', ')}`)
    return {department: m[1] as (typeof DEPARTMENTS)[number], path: m[2]!}
  })
  const raw: Parameters<typeof resolveConfig>[0] = {datasets}
  if (primary) raw.primary = primary
  return resolveConfig(raw, '.', 'arguments')
}
