import {Args, Flags} from '@oclif/core'

import {UserError} from '../../src/errors.js'
import {detectLang} from '../../src/options.js'
import {findChild} from '../../src/registry/views.js'
import {BaseCommand} from '../_base.js'
import {registryFlags, registryPath} from '../_registry.js'
import type {CommandZh} from '../_zh.js'

export default class RegistryMerge extends BaseCommand {
  static override summary = 'Record that two child numbers are one child (a person’s decision): the older number is kept'
  static override description = `Records, with who decided and why, that two child numbers (or ID numbers) stand for one child. Whichever order they are given in, the older number is kept and the other resolves to it from now on: in every report, export and child file. The engine never merges two children itself.

EXIT CODES
  0  recorded
  2  no such child, the two are one already, or the registry cannot be written`

  static override examples = ['<%= config.bin %> registry merge LS433122-0000042 LS433122-0000317 --by 张科员 --reason "同一儿童，身份证号已更正"']
  static zh: CommandZh = {
    summary: '记录两个儿童编号是同一儿童（人工决定）：保留较早的编号',
    description: `记录两个儿童编号（或身份证号）是同一儿童，连同决定人和理由。无论给出的顺序如何，都保留较早的编号，另一个编号此后在所有报告、导出和档案中都指向它。程序本身从不合并两个儿童。

退出码
  0  已记录
  2  没有这个儿童、两者已是同一儿童，或数据库无法写入`,
    examples: [{description: '合并两个编号', command: '<%= config.bin %> registry merge LS433122-0000042 LS433122-0000317 --by 张科员 --reason "同一儿童，身份证号已更正"'}],
    flags: {by: '决定人', reason: '判定为同一儿童的理由', lang: '确认信息的语言'},
    args: {keep: '要保留的儿童编号（或身份证号）', other: '是同一儿童的另一个儿童编号（或身份证号）'},
  }

  static override args = {
    keep: Args.string({ignoreStdin: true, description: 'child number (or ID number) to keep', required: true}),
    other: Args.string({ignoreStdin: true, description: 'child number (or ID number) that is the same child', required: true}),
  }

  static override flags = {
    ...registryFlags,
    by: Flags.string({description: 'who decided', required: true}),
    reason: Flags.string({description: 'why the two are one child', required: true}),
    lang: Flags.string({description: 'language of the confirmation', options: ['zh', 'en']}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(RegistryMerge)
    this.lang = (flags.lang as 'zh' | 'en' | undefined) ?? detectLang()
    const [keep, other] = await this.withRegistry(registryPath(flags.registry), false, async (registry) => {
      const a = await findChild(registry, args.keep)
      const b = await findChild(registry, args.other)
      if (a === b) throw new UserError({en: `${args.keep} and ${args.other} are one child already (${a})`, zh: `${args.keep} 和 ${args.other} 已经是同一儿童（${a}）`})
      // SPEC: the older number is kept — the one created first.
      const [ia, ib] = [await registry.child(a), await registry.child(b)]
      const older = (ia?.createdIngest ?? 0) < (ib?.createdIngest ?? 0) || ((ia?.createdIngest ?? 0) === (ib?.createdIngest ?? 0) && a < b)
      const [k, o] = older ? [a, b] : [b, a]
      await registry.transaction((tx) => tx.merge({keep: k, other: o, by: flags.by, reason: flags.reason}))
      return [k, o]
    })
    process.stdout.write(this.lang === 'zh' ? `已记录：${o(other)} 与 ${keep} 为同一儿童，保留较早的编号 ${keep}\n` : `Recorded: ${o(other)} is the same child as ${keep}; the older number ${keep} is kept\n`)
  }
}

const o = (s: string | undefined) => s ?? ''
