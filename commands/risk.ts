import {Args, Flags} from '@oclif/core'

import {UserError} from '../src/errors.js'
import {DEFAULT_RISK_CONFIG, loadRiskConfig} from '../src/risk/config.js'
import type {Finding, Lang, Report} from '../src/findings/model.js'
import type {RiskConfig, RiskFactor} from '../src/risk/config.js'
import {assessRisk, factorLabel} from '../src/risk/risk.js'
import {parseListArgs} from '../src/schema/dataset-lists.js'
import {ReportCommand} from './_base.js'
import type {CommandZh} from './_zh.js'
import {packetFlags, parseAgeLimit, parseThresholds, sharedFlags} from './_flags.js'

export default class Risk extends ReportCommand {
  static override summary = "Each child's risk level and the factors behind it, for the village child director's visits"
  static override description = `Rates every child of the roster FILE still in care (children that the lists show dead, moved out, or 16 and over are not rated: RISK_NOT_RATED says why) from a table of factors — no guardian, guardian ill, disabled, under 18 or elderly, a parent dead, in prison or missing, the child ill or disabled, out of school, on no education list, unreachable, both parents away — each with a weight; the score is their sum and the level (high, medium, low) follows from thresholds. Being left-behind alone never makes a child high-risk. Department lists given as DEPT=FILE speak for the child: public-security (dead or moved out), education (6–15 and not enrolled), disabled-persons-federation, and any list's health and parent columns.

The report's risks list one entry per child in the order of the visits (county, town, village, then the highest score first), each child has one info finding (RISK_HIGH, RISK_MEDIUM, RISK_LOW) naming its factors, and the breakdown counts them per county, town and village. --config FILE (JSON or YAML) changes weights, thresholds and ages; the table and its defaults are in docs/risk.md.

${ReportCommand.exitCodesHelp}`

  static zh: CommandZh = {
    summary: '每个儿童的风险等级及其风险因素，供村儿童主任走访使用',
    description: `对名单中仍在册的每个儿童评估风险（名单显示已死亡、已迁出或已满 16 周岁的儿童不评估，RISK_NOT_RATED 说明原因）。风险因素各有权重：无人监护，监护人患病、残疾、未满 18 周岁或年老，父亲或母亲死亡、服刑或失踪，儿童患病或残疾，失学，不在任何学籍名单中，联系不上，父母均外出务工；得分为各因素之和，等级（高、中、低）由阈值决定。仅是留守儿童不会使儿童成为高风险。写作 部门=文件 的部门名单提供更多信息：公安（死亡或迁出）、教育（6–15 周岁且未入学）、残联，以及任何名单中的健康和父母状况列。

报告的 risks 按走访顺序（县、乡镇、村，再按得分从高到低）每个儿童一条；每个儿童有一条“提示”（RISK_HIGH、RISK_MEDIUM、RISK_LOW）列出其风险因素；breakdown 按县、乡镇、村计数。--config 文件（JSON 或 YAML）可调整权重、阈值和年龄；风险因素表及默认值见 docs/risk.md。

${ReportCommand.exitCodesHelpZh}`,
    examples: [
      {description: '结合学籍和户籍名单评估风险', command: '<%= config.bin %> risk 花名册.xlsx 教育=学籍.xlsx 公安=户籍.csv --as-of 2026-12-01'},
      {description: '按自定义风险表生成走访清单工作簿', command: '<%= config.bin %> risk 花名册.csv --config 风险.yaml --output 走访清单.xlsx'},
    ],
    flags: {
      config: '风险表：因素权重、等级阈值、年龄（JSON 或 YAML；见 docs/risk.md）',
      'age-limit': '不再评估的年龄：16（留守儿童）或 18（困境儿童）；优先于配置文件',
    },
    args: {file: '要评估的名单（文件或 名称=文件；也可以是文件夹，或同一部门写多次）', lists: '部门名单，写作 部门=文件（教育、公安、残联……）；同一部门可写多个文件或文件夹'},
  }

  static override examples = [
    '<%= config.bin %> risk 花名册.xlsx education=学籍.xlsx public-security=户籍.csv --as-of 2026-12-01',
    '<%= config.bin %> risk 花名册.csv --config risk.yaml --format xlsx --output 走访清单.xlsx',
  ]

  static override strict = false
  static override args = {
    file: Args.string({ignoreStdin: true, description: 'the roster to rate (FILE or NAME=FILE; a folder, or one NAME given several files)', required: true}),
    lists: Args.string({ignoreStdin: true, description: 'DEPT=FILE department lists (education, public-security, disabled-persons-federation, …); a department may be given several files or a folder'}),
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
    const [roster, ...lists] = parseListArgs(argv as string[])
    if (!roster) throw new UserError({en: 'give the roster to rate: liushou risk FILE [DEPT=FILE...]', zh: '请给出要评估的名单：liushou risk 文件 [部门=文件...]'})
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
  // By file and row too: a roster given as several files has a row 2 in each.
  const byRow = new Map((report.risks ?? []).map((r) => [`${r.dataset}\u0000${r.file}\u0000${r.row}`, r]))
  return (f) => {
    const r = byRow.get(`${f.dataset}\u0000${f.file}\u0000${f.row}`)
    if (!r) return undefined
    return {level: LEVELS[lang][r.level], factors: r.factors.map((x) => factorLabel(x as RiskFactor, lang, config)).join(lang === 'zh' ? '；' : '; ')}
  }
}
