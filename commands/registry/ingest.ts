import {Args, Flags} from '@oclif/core'

import {assertListsReadable, ingestLists} from '../../src/registry/ingest.js'
import {registryReport} from '../../src/registry/report.js'
import {phaseTimer} from '../../src/registry/timing.js'
import {ReportCommand, errorLine} from '../_base.js'
import {parseThresholds, sharedFlags} from '../_flags.js'
import {registryFlags, registryPath} from '../_registry.js'
import {parseDepartmentLists} from '../../src/schema/dataset-lists.js'
import type {CommandZh} from '../_zh.js'
import {departmentName} from '../../src/schema/dataset-args.js'

export default class RegistryIngest extends ReportCommand {
  static override summary = 'Store departments’ lists in the registry: a snapshot each, every child under one stable number, findings followed over time'
  static override description = `Stores each list as a snapshot of that department as of --as-of (the date the list describes): every original cell, the canonical values, the row numbers and the files' SHA-256. Each row gets its child number (儿童编号, LS + county code + - + sequence): the number of the registered child it is, or a new one, never re-deciding who is who; a row that could be two registered children gets a new number and REG_UNCERTAIN, never a merge. The departments' latest snapshots are then validated and cross-checked, and each finding's state recorded (new, open, resolved, waived). Everything happens in one transaction: an interrupted ingest leaves the registry as it was. A list already stored for that department and date (same files) changes nothing. See docs/registry.md.

${ReportCommand.exitCodesHelp}`

  static override examples = [
    '<%= config.bin %> registry ingest civil-affairs=2026年9月花名册.xlsx --as-of 2026-09-01',
    '<%= config.bin %> registry ingest civil-affairs=民政.csv education=学籍/ public-security=户籍.csv --as-of 2026-12-01 --registry 泸溪县.duckdb',
  ]

  static zh: CommandZh = {
    summary: '把各部门的名单存入数据库：每份一期快照，每个儿童一个稳定编号，问题跟踪到解决',
    description: `把每份名单存为该部门截至 --as-of（名单所反映的日期）的一期快照：保留每个原始单元格、规范值、行号和文件的 SHA-256。每行得到儿童编号（LS + 县级区划代码 + - + 序号）：是已登记儿童就沿用其编号，否则给新编号，已有的判定不再重算；可能是两个已登记儿童的行给新编号并报 REG_UNCERTAIN，绝不合并。随后对各部门的最新快照做校验和比对，记录每个问题的状态（新增、未解决、已解决、已豁免）。全部在一个事务中完成：中断的入库不改变数据库。同一部门同一日期已存过的名单（相同文件）不做任何改变。见 docs/registry.md。

${ReportCommand.exitCodesHelpZh}`,
    examples: [
      {description: '存入 9 月的民政花名册', command: '<%= config.bin %> registry ingest 民政=2026年9月花名册.xlsx --as-of 2026-09-01'},
      {description: '一次存入三个部门的名单（学籍为一个文件夹），指定数据库文件', command: '<%= config.bin %> registry ingest 民政=民政.csv 教育=学籍/ 公安=户籍.csv --as-of 2026-12-01 --registry 泸溪县.duckdb'},
    ],
    flags: {
      primary: '主名单的部门，首次入库时记录（默认：civil-affairs，民政）',
      'as-of': '名单所反映的日期（快照日期），YYYY-MM-DD，也是计算年龄的基准日期（默认：北京时间今天）',
    },
    args: {lists: '每份名单写作 部门=文件（或 部门=文件夹）；一个部门可给多个文件'},
  }

  static override strict = false
  static override args = {lists: Args.string({ignoreStdin: true, description: 'DEPT=FILE (or DEPT=FOLDER) for each list; a department may be given several files', required: true})}
  static override flags = {
    ...registryFlags,
    primary: Flags.string({description: 'the primary list’s department, recorded at the first ingest (default: civil-affairs)'}),
    match: sharedFlags.match,
    possible: sharedFlags.possible,
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(RegistryIngest)
    const options = this.commonOptions(flags)
    if (flags['as-of'] === undefined) this.userError({en: '--as-of is required: the date the lists describe (YYYY-MM-DD)', zh: '必须给出 --as-of：名单所反映的日期（YYYY-MM-DD）'})
    const lists = parseDepartmentLists(argv as string[])
    await assertListsReadable(lists)
    const file = registryPath(flags.registry)
    const progress = this.startProgress(flags)
    const mark = phaseTimer()
    const report = await this.withRegistry(file, true, async (registry) => {
      const result = await ingestLists(registry, {
        ...options,
        lists,
        ...(flags.primary ? {primary: flags.primary} : {}),
        ...parseThresholds(flags),
        onProgress: (phase, done, total) => {
          progress.phase(phase, total === undefined ? {} : {total})
          progress.update(done)
        },
      })
      mark('ingest and commit')
      // An unchanged ingest reports the registry as it stands: the latest ingest's findings.
      const r = await registryReport(registry, result.ingestId ?? (await registry.latestIngest())?.id, {command: 'registry ingest', asOf: options.asOf, includeInfo: options.includeInfo})
      r.registry = result.summary
      mark('report')
      return r
    })
    const unchanged = report.registry?.snapshots.filter((s) => s.unchanged) ?? []
    for (const s of unchanged) {
      this.stderrLine(options.lang === 'zh' ? `liushou: ${departmentName(s.department, 'zh')} ${options.asOf} 的名册已登记（文件相同），未作更改` : `liushou: ${s.department}'s list of ${options.asOf} is stored already (same files): nothing changed`)
    }
    this.stderrLine(
      options.lang === 'zh'
        ? `liushou: 登记册 ${errorLine(file)}：${report.registry?.children ?? 0} 名儿童，本期新增 ${report.registry?.entered ?? 0}、退出 ${report.registry?.exited ?? 0}`
        : `liushou: registry ${errorLine(file)}: ${report.registry?.children ?? 0} children; ${report.registry?.entered ?? 0} entered, ${report.registry?.exited ?? 0} left since the previous snapshot`,
    )
    mark('close')
    await this.emitReport(report, flags, options)
    mark('emit')
  }
}
