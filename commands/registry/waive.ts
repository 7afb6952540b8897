import {Args, Flags} from '@oclif/core'

import {todayInShanghai} from '../../src/cn/dates.js'
import {UserError} from '../../src/errors.js'
import {detectLang} from '../../src/options.js'
import {BaseCommand} from '../_base.js'
import {registryFlags, registryPath} from '../_registry.js'
import type {CommandZh} from '../_zh.js'

export default class RegistryWaive extends BaseCommand {
  static override summary = 'Waive a finding: recorded with who and why, never reported as open again'
  static override description = `Records that the finding with this fingerprint (问题编号, as in every report) describes a real situation or is accepted: from the next ingest on it is waived — counted, listed only with --include-info, and no longer part of the exit status.

EXIT CODES
  0  recorded
  2  no finding with that fingerprint in the registry, or the registry cannot be written`

  static override examples = ['<%= config.bin %> registry waive 3f2a9c0d1e4b5a67 --by 张科员 --reason "确已辍学，已报教育部门"']
  static zh: CommandZh = {
    summary: '豁免一个问题：记录决定人和理由，此后不再作为未解决问题报告',
    description: `记录该问题编号（fingerprint，每份报告中都有）所述情况属实或可以接受：从下一次入库起记为已豁免——仍计数，只在加 --include-info 时列出，不再影响退出码。

退出码
  0  已记录
  2  数据库中没有该问题编号，或数据库无法写入`,
    examples: [{description: '豁免一个问题', command: '<%= config.bin %> registry waive 3f2a9c0d1e4b5a67 --by 张科员 --reason "确已辍学，已报教育部门"'}],
    flags: {by: '决定人', reason: '豁免的理由', lang: '确认信息的语言'},
    args: {fingerprint: '问题编号（16 位十六进制数）'},
  }

  static override args = {fingerprint: Args.string({ignoreStdin: true, description: 'the finding’s fingerprint (16 hexadecimal digits)', required: true})}
  static override flags = {
    ...registryFlags,
    by: Flags.string({description: 'who decided', required: true}),
    reason: Flags.string({description: 'why the finding is waived', required: true}),
    lang: Flags.string({description: 'language of the confirmation', options: ['zh', 'en']}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(RegistryWaive)
    this.lang = (flags.lang as 'zh' | 'en' | undefined) ?? detectLang()
    const fingerprint = args.fingerprint.trim().toLowerCase()
    if (!/^[0-9a-f]{16}$/.test(fingerprint)) this.userError({en: `"${args.fingerprint}" is no fingerprint (16 hexadecimal digits, as in a report)`, zh: `“${args.fingerprint}”不是问题编号（16 位十六进制数，见报告）`})
    const code = await this.withRegistry(registryPath(flags.registry), false, async (registry) => {
      const finding = await registry.findingByFingerprint(fingerprint)
      if (!finding) throw new UserError({en: `no finding ${fingerprint} in the registry`, zh: `数据库中没有问题编号 ${fingerprint}`})
      await registry.transaction((tx) =>
        tx.waive({
          fingerprint,
          reason: flags.reason,
          by: flags.by,
          date: todayInShanghai(),
          code: finding.code,
          ...(finding.field ? {field: finding.field} : {}),
          ...(finding.department ? {department: finding.department} : {}),
          ...(finding.childId ? {childId: finding.childId} : {}),
        }),
      )
      return finding.code
    })
    process.stdout.write(this.lang === 'zh' ? `已豁免 ${fingerprint}（${code}），下次登记起不再列为待处理\n` : `Waived ${fingerprint} (${code}): not reported as open from the next ingest on\n`)
  }
}
