import {Flags} from '@oclif/core'

import {registryApply} from '../../src/registry/apply.js'
import {ReportCommand} from '../_base.js'
import {registryFlags, registryPath} from '../_registry.js'
import type {CommandZh} from '../_zh.js'

export default class RegistryApply extends ReportCommand {
  static override summary = 'Apply the answers to packets of registry status: corrections become a new snapshot, confirmations waivers'
  static override description = `Reads the returned packets (made with registry status --packets) and applies them to the registry, as liushou apply does to a roster file: 已更正 (corrected) values are checked and written into a new snapshot of the list they touch, as of the answer date (the latest 核实日期) — the same rows and child numbers, only answered cells changed; 情况属实 (confirmed) findings are waived in the registry; the lists are then checked again and each finding's state recorded, in one transaction. Lines whose row is no longer the same child are refused, line by line. See docs/packets.md.

${ReportCommand.exitCodesHelp}
  1 also when any answer line was refused (APPLY_REFUSED_IDENTITY, APPLY_INVALID_VALUE)`

  static override examples = ['<%= config.bin %> registry apply --answers 12月核实单-回收/']
  static zh: CommandZh = {
    summary: '把 registry status 核实单的答复写入数据库：更正生成新快照，属实的问题记为豁免',
    description: `读取回收的核实单（由 registry status --packets 生成），像 liushou apply 处理名单文件一样写入数据库：已更正的值经核对后写入所涉名单的一份新快照，日期为答复日期（最晚的核实日期）——行和儿童编号不变，只改答复涉及的单元格；情况属实的问题在数据库中记为已豁免；随后重新核查各名单并记录每个问题的状态，全部在一个事务中完成。某行已不是同一儿童的答复逐行拒绝。见 docs/packets.md。

${ReportCommand.exitCodesHelpZh}
  有答复被拒绝（APPLY_REFUSED_IDENTITY、APPLY_INVALID_VALUE）时退出码也为 1`,
    examples: [{description: '写入回收文件夹中的全部核实单', command: '<%= config.bin %> registry apply --answers 12月核实单-回收/'}],
    flags: {answers: '回收的核实单：工作簿，或存放工作簿的文件夹'},
  }

  static override flags = {
    ...registryFlags,
    answers: Flags.string({description: 'returned packets: workbooks, or folders of them', required: true, multiple: true}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(RegistryApply)
    // --exceptions and --baseline of the report flags do not apply: the registry keeps the waivers.
    const options = this.commonOptions({...flags, exceptions: undefined, baseline: undefined})
    const result = await this.withRegistry(registryPath(flags.registry), false, (registry) => registryApply(registry, {...options, answers: flags.answers}))
    process.stderr.write(
      options.lang === 'zh'
        ? `liushou: 更正 ${result.corrected} 处（新快照截至 ${result.report.asOf}），情况属实 ${result.confirmed} 条（已豁免），仍待处理 ${result.open} 条，拒绝 ${result.refused} 条\n`
        : `liushou: ${result.corrected} corrected (a new snapshot as of ${result.report.asOf}), ${result.confirmed} confirmed (waived), ${result.open} still open, ${result.refused} refused\n`,
    )
    await this.emitReport(result.report, flags, options)
  }
}
