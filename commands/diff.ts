import {Args, Flags} from '@oclif/core'

import {diffSnapshots} from '../src/diff/diff.js'
import {UserError} from '../src/errors.js'
import {parseListArg, parseListArgs} from '../src/schema/dataset-lists.js'
import {ReportCommand} from './_base.js'
import type {CommandZh} from './_zh.js'
import {parseAgeLimit, parseDateFlag, parseThresholds, sharedFlags} from './_flags.js'

export default class Diff extends ReportCommand {
  static override summary = 'Children who entered, left and changed between two snapshots of a roster'
  static override description = `Links the children of two snapshots of a roster (and of any department lists given as DEPT=FILE) with the linkage engine of dedupe — child by child, never by row position — and reports, always listed: DIFF_ENTERED (on the new snapshot's row), DIFF_CHANGED (one per field whose canonical value changed: value new, expected old; a format-only difference is no change) and one exit per child that left, on the old snapshot's row, with its reason from the data: DIFF_EXIT_DECEASED and DIFF_EXIT_MOVED_OUT (public-security list), DIFF_EXIT_AGED_OUT (16 at --as-of), DIFF_EXIT_PARENTS_RETURNED (a parent marked 在家 or the guardian, on the new snapshot or a list), else DIFF_EXIT_UNEXPLAINED (an error). See docs/diff.md.

--as-of is the new snapshot's date (default: the date of its title, 截至…, else its latest 填报日期, else today); --old-as-of the old one's (default likewise from the old snapshot).

${ReportCommand.exitCodesHelp}`

  static zh: CommandZh = {
    summary: '两期名单之间新增、退出和变更的儿童',
    description: `用与 dedupe 相同的匹配引擎，逐个儿童（而不是按行的位置）对应两期名单（以及写作 部门=文件 的部门名单），并总是列出：DIFF_ENTERED（在新一期的行上）、DIFF_CHANGED（每个规范值有变化的字段一条：value 为新值，expected 为旧值；只是写法不同不算变化），以及每个退出的儿童一条退出记录（在上一期的行上），原因取自数据：DIFF_EXIT_DECEASED 和 DIFF_EXIT_MOVED_OUT（户籍名单）、DIFF_EXIT_AGED_OUT（--as-of 时已满 16 周岁）、DIFF_EXIT_PARENTS_RETURNED（新一期或其他名单中父亲或母亲为“在家”或成为监护人），否则为 DIFF_EXIT_UNEXPLAINED（错误）。见 docs/diff.md。

--as-of 是新一期的日期（默认：标题中的“截至……”，否则最晚的填报日期，否则今天）；--old-as-of 是上一期的日期（默认同样取自上一期）。

${ReportCommand.exitCodesHelpZh}`,
    examples: [
      {description: '比较两个季度的花名册，结合户籍名单判断退出原因', command: '<%= config.bin %> diff 2026年三季度.xlsx 2026年四季度.xlsx 公安=户籍.csv --as-of 2026-12-01'},
      {description: '结合学籍名单，生成网页报告', command: '<%= config.bin %> diff 上期.csv 本期.csv 教育=学籍.xlsx --output 变动.html'},
    ],
    flags: {
      'old-as-of': '上一期的基准日期，YYYY-MM-DD（默认：其最晚的填报日期）',
      'age-limit': '儿童退出名册的年龄：16（留守儿童）或 18（困境儿童）',
    },
    args: {old: '上一期名单（文件或 名称=文件；多个文件时写文件夹或带引号的通配符）', new: '新一期名单（文件或 名称=文件；多个文件时写文件夹或带引号的通配符）', lists: '部门名单，写作 部门=文件（公安名单说明死亡和迁出）；同一部门可写多个文件或文件夹'},
  }

  static override examples = [
    '<%= config.bin %> diff 2026年三季度.xlsx 2026年四季度.xlsx public-security=户籍.csv --as-of 2026-12-01',
    '<%= config.bin %> diff old.csv new.csv education=学籍.xlsx --format html --output 变动.html',
  ]

  static override strict = false
  static override args = {
    old: Args.string({ignoreStdin: true, description: 'the old snapshot (FILE or NAME=FILE; a folder or a quoted glob for a snapshot of several files)', required: true}),
    new: Args.string({ignoreStdin: true, description: 'the new snapshot (FILE or NAME=FILE; a folder or a quoted glob for a snapshot of several files)', required: true}),
    lists: Args.string({ignoreStdin: true, description: 'DEPT=FILE department lists (public-security tells deaths and moves); a department may be given several files or a folder'}),
  }

  static override flags = {
    'old-as-of': Flags.string({description: "the old snapshot's reference date, YYYY-MM-DD (default: its latest 填报日期)"}),
    'age-limit': sharedFlags.ageLimit({default: '16', description: 'age at which a child leaves the roster: 16 (left-behind children) or 18 (children in difficulty)'}),
    match: sharedFlags.match,
    possible: sharedFlags.possible,
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Diff)
    const options = this.commonOptions(flags)
    const [oldText, newText, ...listTexts] = argv as string[]
    // OLD and NEW one argument each (a file, a folder or a quoted glob); the lists may repeat a department.
    const [oldArg, newArg, listArgs] = oldText && newText ? [parseListArg(oldText), parseListArg(newText), parseListArgs(listTexts)] : []
    if (!oldArg || !newArg || !listArgs) throw new UserError({en: 'give the old and the new snapshot: liushou diff OLD NEW [DEPT=FILE...]', zh: '请给出上一期和新一期名单：liushou diff 上期 本期 [部门=文件...]'})
    const progress = this.startProgress(flags)
    const report = await diffSnapshots(oldArg, newArg, listArgs, {
      ...options,
      ...(flags['old-as-of'] ? {oldAsOf: parseDateFlag('old-as-of', flags['old-as-of'])} : {}),
      ...parseThresholds(flags),
      ageLimit: parseAgeLimit(flags['age-limit']) ?? 16,
      inferAsOf: flags['as-of'] === undefined,
      onProgress: (phase, done, total, subject) => {
        progress.phase(phase, total === undefined ? {} : {total})
        progress.update(done, subject)
      },
    })
    await this.emitReport(report, flags, options)
  }
}
