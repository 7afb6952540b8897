import {Args} from '@oclif/core'

import {childFile} from '../../src/registry/views.js'
import {ReportCommand} from '../_base.js'
import {registryFlags, registryPath} from '../_registry.js'
import type {CommandZh} from '../_zh.js'

export default class RegistryChild extends ReportCommand {
  static override summary = 'One child’s file (一人一档): every row of every snapshot, the changes and the findings'
  static override description = `Finds the child by child number (LS430524-0000123) or ID number and reports the child's findings of the latest ingest with their states, plus child: the numbers merged into it, every row of every department's snapshot with its cells, and the changes between consecutive snapshots field by field.

${ReportCommand.exitCodesHelp}`

  static override examples = ['<%= config.bin %> registry child LS433122-0000042', '<%= config.bin %> registry child 433122201305186959 --json']
  static zh: CommandZh = {
    summary: '一人一档：某个儿童在每期快照中的每一行、历次变更和问题',
    description: `按儿童编号（如 LS430524-0000123）或身份证号查找儿童，报告该儿童在最近一次入库中的问题及其状态，另附 child：并入该编号的其他编号、各部门每期快照中的每一行及其单元格、相邻两期之间逐字段的变更。

${ReportCommand.exitCodesHelpZh}`,
    examples: [
      {description: '按儿童编号查看档案', command: '<%= config.bin %> registry child LS433122-0000042'},
      {description: '按身份证号查看，输出 JSON', command: '<%= config.bin %> registry child 433122201305186959 --json'},
    ],
    args: {child: '儿童编号或身份证号'},
  }

  static override args = {child: Args.string({ignoreStdin: true, description: 'child number or ID number', required: true})}
  static override flags = {...registryFlags}

  async run(): Promise<void> {
    const {args, flags} = await this.parse(RegistryChild)
    const options = this.commonOptions(flags)
    const report = await this.withRegistry(registryPath(flags.registry), false, (registry) => childFile(registry, args.child, options), true)
    await this.emitReport(report, flags, options)
  }
}
