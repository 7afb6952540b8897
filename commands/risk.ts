import {Args, Flags} from '@oclif/core'

import {UserError} from '../src/errors.js'
import {DEFAULT_RISK_CONFIG, loadRiskConfig} from '../src/risk/config.js'
import type {Finding, Lang, Report} from '../src/findings/model.js'
import type {RiskConfig, RiskFactor} from '../src/risk/config.js'
import {assessRisk, factorLabel} from '../src/risk/risk.js'
import {parseDatasetArgs} from '../src/schema/dataset-args.js'
import {ReportCommand} from './_base.js'
import {packetFlags, parseAgeLimit, parseThresholds, sharedFlags} from './_flags.js'

export default class Risk extends ReportCommand {
  static override summary = "Each child's risk level and the factors behind it, for the village child director's visits"
  static override description = `Rates every child of the roster FILE still in care (children that the lists show dead, moved out, or 16 and over are not rated: RISK_NOT_RATED says why) from a table of factors — no guardian, guardian ill, disabled, under 18 or elderly, a parent dead, in prison or missing, the child ill or disabled, out of school, on no education list, unreachable, both parents away — each with a weight; the score is their sum and the level (high, medium, low) follows from thresholds. Being left-behind alone never makes a child high-risk. Department lists given as DEPT=FILE speak for the child: public-security (dead or moved out), education (6–15 and not enrolled), disabled-persons-federation, and any list's health and parent columns.

The report's risks list one entry per child in the order of the visits (county, town, village, then the highest score first), each child has one info finding (RISK_HIGH, RISK_MEDIUM, RISK_LOW) naming its factors, and the breakdown counts them per county, town and village. --config FILE (JSON or YAML) changes weights, thresholds and ages; the table and its defaults are in docs/risk.md.

${ReportCommand.exitCodesHelp}`

  static override examples = [
    '<%= config.bin %> risk 花名册.xlsx education=学籍.xlsx public-security=户籍.csv --as-of 2026-12-01',
    '<%= config.bin %> risk 花名册.csv --config risk.yaml --format xlsx --output 走访清单.xlsx',
  ]

  static override strict = false
  static override args = {
    file: Args.string({ignoreStdin: true, description: 'the roster to rate (FILE or NAME=FILE)', required: true}),
    lists: Args.string({ignoreStdin: true, description: 'DEPT=FILE department lists (education, public-security, disabled-persons-federation, …)'}),
  }

  static override flags = {
    config: Flags.string({char: 'c', description: 'risk table: factor weights, level thresholds, ages (JSON or YAML; see docs/risk.md)'}),
    'age-limit': sharedFlags.ageLimit({description: 'age from which a child is not rated: 16 (left-behind children) or 18 (children in difficulty); overrides the configuration'}),
    match: sharedFlags.match,
    possible: sharedFlags.possible,
    ...packetFlags,
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Risk)
    const options = this.commonOptions(flags)
    const [roster, ...lists] = parseDatasetArgs(argv as string[])
    if (!roster) throw new UserError('give the roster to rate: liushou risk FILE [DEPT=FILE...]')
    const config = flags.config ? loadRiskConfig(flags.config) : {...DEFAULT_RISK_CONFIG}
    const ageLimit = parseAgeLimit(flags['age-limit'])
    if (ageLimit !== undefined) config.ageLimit = ageLimit
    const progress = this.startProgress(flags)
    const report = await assessRisk(roster, lists, {
      ...options,
      config,
      ...parseThresholds(flags),
      onProgress: (phase, done, total, subject) => {
        progress.phase(phase, total === undefined ? {} : {total})
        progress.update(done, subject)
      },
    })
    await this.writePackets(report, flags, options, {risk: {labels: visitLabels(report, options.lang, config)}})
    await this.emitReport(report, flags, options)
  }
}

const LEVELS = {zh: {high: '高', medium: '中', low: '低'}, en: {high: 'high', medium: 'medium', low: 'low'}} as const

/** A visit list line's level and factors, read from the report's risks. */
function visitLabels(report: Report, lang: Lang, config: RiskConfig): (f: Finding) => {level: string; factors: string} | undefined {
  const byRow = new Map((report.risks ?? []).map((r) => [`${r.dataset}\u0000${r.row}`, r]))
  return (f) => {
    const r = byRow.get(`${f.dataset}\u0000${f.row}`)
    if (!r) return undefined
    return {level: LEVELS[lang][r.level], factors: r.factors.map((x) => factorLabel(x as RiskFactor, lang, config)).join(lang === 'zh' ? '；' : '; ')}
  }
}
