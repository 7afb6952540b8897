import {Args, Flags} from '@oclif/core'
import {type CrosscheckConfig, loadCrosscheckConfig, resolveConfig} from '../src/crosscheck/config.js'
import {crosscheck, explainCrosscheck} from '../src/crosscheck/crosscheck.js'
import {UserError} from '../src/errors.js'
import {DEPARTMENTS, DEPARTMENT_ZH, departmentId} from '../src/schema/dataset-args.js'
import {ReportCommand} from './_base.js'
import type {CommandZh} from './_zh.js'
import {packetFlags, parseThresholds, sharedFlags} from './_flags.js'

export default class Crosscheck extends ReportCommand {
  static override summary = 'Reconcile the departments’ lists and report every disagreement'
  static override description = `Links the children of several departments' lists (civil affairs, education, public security, …) with the linkage engine of dedupe and reports every XC code (docs/crosscheck.md) on the row whose value is wrong: children not enrolled (6–15) or not registered, recorded dead or moved out, left-behind children missing from the primary list, fields that disagree with the authoritative department (public security for identity, education for school), duplicate registrations and ambiguous candidates. The report's links list every child found on two or more lists; its breakdown gives, per reporting unit, county, town and village, the share of the primary list each department confirms.

Either a configuration file (JSON or YAML: datasets, primary list, authorities, as-of date, severity overrides, thresholds; see docs/crosscheck.md) or DEPT=FILE arguments, DEPT one of: ${DEPARTMENTS.join(', ')}, or their Chinese names 民政, 教育, 公安, 妇联, 司法, 团委, 残联, 卫健. A department given several times, as a folder (教育=学籍/) or as a quoted glob ('教育=学籍/*.xlsx') is one list, each finding and link member naming its own file and row. Education's confirmed share counts the children aged 6–15 only.

${ReportCommand.exitCodesHelp}`

  static zh: CommandZh = {
    summary: '比对各部门的名单，报告每一处不一致',
    description: `用与 dedupe 相同的匹配引擎，把多个部门的名单（民政、教育、公安……）中的儿童对应起来，并在数值有误的那一行报告每个 XC 代码（docs/crosscheck.md）：6–15 周岁却不在学籍名单中、不在户籍名单中、户籍记载已死亡或已迁出、其他名单标为留守儿童却不在主名册中、字段与权威部门不一致（身份信息以公安为准，学校以教育为准）、重复登记和无法确定的候选记录。报告中的 links 列出在两份及以上名单中出现的每个儿童；breakdown 按填报单位、县、乡镇、村给出各部门核实主名册的比例（教育只计 6–15 周岁的儿童）。

可以用配置文件（JSON 或 YAML：数据集、主名册、权威部门、基准日期、级别调整、阈值；见 docs/crosscheck.md），也可以写 部门=文件，部门写代码或中文名：民政、教育、公安、妇联、司法、团委、残联、卫健（${DEPARTMENTS.join(', ')}）。同一部门写多次、写成文件夹（教育=学籍/）或带引号的通配符（'教育=学籍/*.xlsx'）时作为一份名单，每条问题和 links 中的每个成员仍注明所在的文件和行。

${ReportCommand.exitCodesHelpZh}`,
    examples: [
      {description: '比对民政花名册、学籍和户籍名单', command: '<%= config.bin %> crosscheck 民政=花名册.csv 教育=学籍.xlsx 公安=户籍.csv'},
      {description: '学籍名单为各县的多个工作簿（一个文件夹）', command: '<%= config.bin %> crosscheck 民政=花名册.csv 教育=学籍/ 公安=户籍.csv'},
      {description: '按配置文件比对，生成网页报告（格式由扩展名决定）', command: '<%= config.bin %> crosscheck --config 比对.yaml --output 核查报告.html'},
    ],
    flags: {
      config: '配置文件（JSON 或 YAML）',
      primary: '主名册（默认：民政）',
      explain: '显示两行是如何比对的、由哪条规则决定：数据集:行 数据集:行（不输出报告）',
      ambiguous: '次优候选的可能性占前两名之和的比例达到此值时报告 XC_AMBIGUOUS（默认 0.2：最优候选不到次优的 4 倍；0 表示不检查）',
    },
    args: {lists: '每份名单写作 部门=文件（未用 --config 时）；文件可以是文件夹，同一部门可写多次'},
  }

  static override examples = [
    '<%= config.bin %> crosscheck civil-affairs=民政.csv education=学籍.xlsx public-security=户籍.csv',
    '<%= config.bin %> crosscheck --config reconcile.yaml --format html --output 核查报告.html',
    '<%= config.bin %> crosscheck civil-affairs=民政.csv public-security=户籍.csv --explain civil-affairs:12 public-security:40',
  ]

  static override strict = false
  static override args = {lists: Args.string({ignoreStdin: true, description: 'DEPT=FILE for each list (when there is no --config); FILE may be a folder, a department may be given several files'})}
  static override flags = {
    config: Flags.string({char: 'c', description: 'configuration file (JSON or YAML)'}),
    primary: Flags.string({description: 'the primary list (default: civil-affairs)'}),
    match: sharedFlags.match,
    possible: sharedFlags.possible,
    ...packetFlags,
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
      const primary = departmentId(flags.primary) ?? flags.primary
      if (!config.datasets.some((d) => d.name === primary)) throw new UserError({en: `--primary: no dataset is named "${flags.primary}"`, zh: `--primary：没有名为“${flags.primary}”的数据集`})
      config.primary = primary
    }
    if (flags.explain !== undefined && flags.explain.length !== 2) this.userError({en: '--explain takes two rows: --explain DATASET:ROW DATASET:ROW', zh: '--explain 需要两行：--explain 数据集:行号 数据集:行号'})
    const progress = this.startProgress(flags)
    const run = {
      ...options,
      ...parseThresholds(flags, config.thresholds),
      ...ambiguousShare(flags.ambiguous),
      onWarning: (message: string) => this.warnLine(message),
      onProgress: (phase: string, done: number, total?: number, subject?: string) => {
        progress.phase(phase, total === undefined ? {} : {total})
        progress.update(done, subject)
      },
    }
    if (flags.explain !== undefined) {
      await this.emitExplanation(await explainCrosscheck(config, run, flags.explain as [string, string]), flags, options)
      return
    }
    const report = await crosscheck(config, run)
    await this.writePackets(report, flags, options)
    await this.emitReport(report, flags, options)
  }
}

function ambiguousShare(value: string | undefined): {ambiguous?: number} {
  if (value === undefined) return {}
  const n = Number(value)
  if (!(n >= 0 && n <= 0.5)) throw new UserError({en: `--ambiguous must be a share between 0 and 0.5, not "${value}"`, zh: `--ambiguous 必须是 0 到 0.5 之间的比例，而不是“${value}”`})
  return {ambiguous: n}
}

function fromArguments(args: string[], primary?: string): CrosscheckConfig {
  if (args.length < 2) {
    throw new UserError({
      en: 'give at least two lists as DEPT=FILE (e.g. civil-affairs=民政.csv education=学籍.xlsx, or 民政=… 教育=…), or --config FILE',
      zh: '请至少给出两份名单，写作 部门=文件（如 民政=花名册.csv 教育=学籍.xlsx），或用 --config 配置文件',
    })
  }
  // One list per department: `education=a.xlsx education=b.xlsx` (or a folder, or a quoted glob) is one list of two files.
  const paths = new Map<(typeof DEPARTMENTS)[number], string[]>()
  for (const arg of args) {
    const m = /^([^=]+)=(.+)$/.exec(arg)
    const department = m ? departmentId(m[1]!) : undefined
    if (!m || !department) {
      throw new UserError({
        en: `"${arg}" is not DEPT=FILE with DEPT one of ${DEPARTMENTS.join(', ')} (or ${Object.keys(DEPARTMENT_ZH).join(', ')})`,
        zh: `“${arg}”不是 部门=文件 的写法；部门可写 ${Object.keys(DEPARTMENT_ZH).join('、')}（或 ${DEPARTMENTS.join(', ')}）`,
      })
    }
    paths.set(department, [...(paths.get(department) ?? []), m[2]!])
  }
  if (paths.size < 2) {
    throw new UserError({
      en: 'give the lists of at least two departments as DEPT=FILE (e.g. civil-affairs=民政.csv education=学籍.xlsx), or --config FILE',
      zh: '请至少给出两个部门的名单，写作 部门=文件（如 民政=花名册.csv 教育=学籍.xlsx），或用 --config 配置文件',
    })
  }
  const datasets = [...paths].map(([department, list]) => ({department, path: list.length === 1 ? list[0]! : list}))
  const raw: Parameters<typeof resolveConfig>[0] = {datasets}
  if (primary) raw.primary = departmentId(primary) ?? primary
  return resolveConfig(raw, '.', 'arguments')
}
