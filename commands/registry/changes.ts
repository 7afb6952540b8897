import {Flags} from '@oclif/core'

import {registryChanges} from '../../src/registry/views.js'
import {ReportCommand} from '../_base.js'
import {parseAgeLimit, parseDateFlag, sharedFlags} from '../_flags.js'
import {registryFlags, registryPath} from '../_registry.js'
import type {CommandZh} from '../_zh.js'

export default class RegistryChanges extends ReportCommand {
  static override summary = 'Children who entered, left (with the reason) and changed between two snapshots of the primary list, by child number'
  static override description = `The DIFF_* findings of liushou diff between the primary list's snapshots latest on or before --from (default: the one before the latest) and --to (default: the latest), children followed by their child numbers; exit reasons come from the public-security and education snapshots latest on or before --to. Each finding names the snapshot's file as ingested.

${ReportCommand.exitCodesHelp}`

  static override examples = ['<%= config.bin %> registry changes', '<%= config.bin %> registry changes --from 2026-09-01 --to 2026-12-01 --format xlsx --output 变动.xlsx']
  static zh: CommandZh = {
    summary: '主名单两期快照之间新增、退出（附原因）和变更的儿童，按儿童编号',
    description: `对主名单在 --from（默认：最新一期之前的一期）和 --to（默认：最新一期）当日或之前的最新快照做 liushou diff，得到 DIFF_* 问题，儿童按儿童编号跟踪；退出原因取自 --to 当日或之前的公安和教育快照。每条问题写明快照入库时的文件。

${ReportCommand.exitCodesHelpZh}`,
    examples: [
      {description: '最近两期之间的变动', command: '<%= config.bin %> registry changes'},
      {description: '指定两期并存为 Excel 工作簿', command: '<%= config.bin %> registry changes --from 2026-09-01 --to 2026-12-01 --format xlsx --output 变动.xlsx'},
    ],
    flags: {
      from: '较早的一期：此日期（YYYY-MM-DD）当日或之前的最新快照',
      to: '较晚的一期：此日期（YYYY-MM-DD）当日或之前的最新快照',
    },
  }

  static override flags = {
    ...registryFlags,
    from: Flags.string({description: 'the earlier snapshot: the latest on or before this date (YYYY-MM-DD)'}),
    to: Flags.string({description: 'the later snapshot: the latest on or before this date (YYYY-MM-DD)'}),
    'age-limit': sharedFlags.ageLimit({default: '16'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(RegistryChanges)
    const options = this.commonOptions(flags)
    const report = await this.withRegistry(
      registryPath(flags.registry),
      false,
      (registry) =>
        registryChanges(registry, {
          ...options,
          ...(flags.from ? {from: parseDateFlag('from', flags.from)} : {}),
          ...(flags.to ? {to: parseDateFlag('to', flags.to)} : {}),
          ageLimit: parseAgeLimit(flags['age-limit']) ?? 16,
        }),
      true,
    )
    await this.emitReport(report, flags, options)
  }
}
