import {registryStatus} from '../../src/registry/status.js'
import {registryRowFacts} from '../../src/registry/packet-rows.js'
import {ReportCommand} from '../_base.js'
import {packetFlags} from '../_flags.js'
import {registryFlags, registryPath} from '../_registry.js'
import type {CommandZh} from '../_zh.js'

export default class RegistryStatus extends ReportCommand {
  static override summary = 'The registry’s latest state: open and new findings, entries and exits (the nightly report)'
  static override description = `Reports the findings of the latest ingest on or before --as-of (default: the latest) with their states: open and new ones listed (with the date each was first seen), resolved and waived ones counted (listed with --include-info); the children, and how many entered and left the primary list since its previous snapshot. The exit status follows --fail-on over open and new findings only: the nightly job's exit code.

${ReportCommand.exitCodesHelp}`

  static override examples = ['<%= config.bin %> registry status', '<%= config.bin %> registry status --as-of 2026-12-01 --format html --output 动态管理.html']
  static zh: CommandZh = {
    summary: '数据库的最新状态：未解决和新增的问题、新增和退出的儿童（每晚的报告）',
    description: `报告 --as-of（默认：最新）当日或之前最近一次入库的问题及其状态：列出未解决和新增的问题（附首次发现日期），已解决和已豁免的只计数（加 --include-info 列出）；另报儿童人数，以及主名单自上一期以来新增和退出的人数。退出码只按未解决和新增的问题对照 --fail-on 计算：可直接作为每晚任务的退出码。

${ReportCommand.exitCodesHelpZh}`,
    examples: [
      {description: '最新状态', command: '<%= config.bin %> registry status'},
      {description: '指定日期，存为 HTML 报告', command: '<%= config.bin %> registry status --as-of 2026-12-01 --format html --output 动态管理.html'},
      {description: '为每个填报单位生成核实单', command: '<%= config.bin %> registry status --packets 12月核实单/ --deadline 2026-12-20'},
    ],
    flags: {'as-of': '报告此日期当日或之前最近一次入库的状态，YYYY-MM-DD（默认：最新一次）'},
  }

  static override flags = {...registryFlags, ...packetFlags}

  async run(): Promise<void> {
    const {flags} = await this.parse(RegistryStatus)
    const options = this.commonOptions(flags)
    const report = await this.withRegistry(
      registryPath(flags.registry),
      false,
      async (registry) => {
        const r = await registryStatus(registry, {...options, ...(flags['as-of'] === undefined ? {} : {onOrBefore: options.asOf})})
        // Packets read the rows they show from the registry: the files ingested may be gone.
        const facts = registryRowFacts(registry, r.asOf)
        await this.writePackets(r, flags, options, {rows: facts.rows, sources: await facts.sources()})
        return r
      },
      true,
    )
    await this.emitReport(report, flags, options)
  }
}
