import {Args, Flags} from '@oclif/core'
import path from 'node:path'

import {applyAnswers} from '../src/packets/apply.js'
import {parseDatasetArgs} from '../src/schema/dataset-args.js'
import {ReportCommand, type ReportFlag, errorLine} from './_base.js'
import {parseOutputEncoding, sharedFlags} from './_flags.js'
import type {CommandZh} from './_zh.js'

export default class Apply extends ReportCommand {
  static override summary = 'Apply the answers of returned packets to a roster'
  static override description = `Reads the packets (made with --packets on validate, crosscheck or risk) that towns, villages and departments filled in and sent back — re-saved by Excel or WPS, lines reordered, files renamed all allowed — and applies their answers to ROSTER: 已更正 (corrected) writes the checked corrected value into a new roster (same rows, order and columns; only answered cells change), 情况属实 (confirmed) adds the finding to the exceptions file so that later runs waive it, 无法核实 and 非本单位 stay open. A line whose row is no longer the same child (another roster, or the row changed since) is refused, line by line. ROSTER may be given as DEPT=FILE. See docs/packets.md.

${ReportCommand.exitCodesHelp}
  1 also when any answer line was refused (APPLY_REFUSED_IDENTITY, APPLY_INVALID_VALUE)`

  static override examples = [
    '<%= config.bin %> apply 花名册.csv --answers 回收/ --output 花名册-已更正.csv --exceptions 例外.jsonl',
    '<%= config.bin %> apply civil-affairs=民政.xlsx --answers 黄兴镇.xlsx 安沙镇.xlsx --output 民政-更正.xlsx --changes 修改记录.csv --report apply.json',
  ]

  static zh: CommandZh = {
    summary: '把回收的核实单中的答复写回名单',
    description: `读取各乡镇、村和部门填好寄回的核实单（由 validate、crosscheck 或 risk 的 --packets 生成；经 Excel 或 WPS 重新保存、行序调整、文件改名都可以），把答复写回名单：已更正——核对后的更正值写入一份新名单（行、行序和列不变，只改答复涉及的单元格）；情况属实——该问题记入例外文件，以后运行时记为已豁免；无法核实、非本单位——仍待处理。某行已不是同一儿童（换了名单或该行已改动）的答复逐行拒绝。名单可写作 部门=文件。见 docs/packets.md。

${ReportCommand.exitCodesHelpZh}
  有答复被拒绝（APPLY_REFUSED_IDENTITY、APPLY_INVALID_VALUE）时退出码也为 1`,
    examples: [
      {description: '把回收文件夹中的核实单写回名单，情况属实的问题记入例外文件', command: '<%= config.bin %> apply 花名册.csv --answers 回收/ --output 花名册-已更正.csv --exceptions 例外.jsonl'},
      {description: '指定部门和两份核实单，另存修改记录和报告', command: '<%= config.bin %> apply 民政=民政.xlsx --answers 黄兴镇.xlsx 安沙镇.xlsx --output 民政-更正.xlsx --changes 修改记录.csv --report apply.json'},
    ],
    flags: {
      answers: '回收的核实单：工作簿，或存放工作簿的文件夹（index.xlsx 会跳过）',
      output: '更正后的名单（.csv、.tsv 或 .xlsx）；不能是输入文件',
      changes: '把修改记录写入此文件（.csv、.tsv 或 .xlsx）：行、列、修改前、修改后、核实人、核实日期、核实单',
      exceptions: '确认属实的问题追加到此例外文件（JSON Lines；不存在时创建；默认：--output 同目录下的 例外.jsonl）',
    },
    args: {roster: '生成核实单时所用的名单（文件或 部门=文件）'},
  }

  // --output is the corrected roster: the report goes to --report.
  static override reportFlag: ReportFlag = 'report'

  static override args = {roster: Args.string({ignoreStdin: true, description: 'the roster the packets were made from (FILE or DEPT=FILE)', required: true})}
  static override flags = {
    answers: Flags.string({description: 'returned packets: workbooks, or folders of them (index.xlsx is passed over)', required: true, multiple: true}),
    output: Flags.string({char: 'o', description: 'the corrected roster (.csv, .tsv or .xlsx); never the input', required: true}),
    changes: Flags.string({description: 'write the log of changed cells here (.csv, .tsv or .xlsx): row, column, before, after, who, when, packet'}),
    exceptions: Flags.string({description: 'exceptions file that confirmed findings are appended to (JSON Lines; created when missing; default: 例外.jsonl beside --output)'}),
    'output-encoding': sharedFlags.outputEncoding,
    report: sharedFlags.report,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Apply)
    // --exceptions is where apply writes; it is not a list of findings to waive here.
    const options = this.commonOptions({...flags, exceptions: undefined})
    const [roster] = parseDatasetArgs([args.roster])
    const exceptions = flags.exceptions ?? path.join(path.dirname(flags.output), '例外.jsonl')
    this.startProgress(flags)
    const result = await applyAnswers({
      ...options,
      roster: roster!,
      answers: flags.answers,
      output: flags.output,
      ...(flags.changes ? {changes: flags.changes} : {}),
      exceptions,
      outputEncoding: parseOutputEncoding(flags['output-encoding']),
    })
    this.stderrLine(
      options.lang === 'zh'
        ? `liushou: 已写入 ${errorLine(flags.output)}：更正 ${result.corrected} 处，情况属实 ${result.confirmed} 条（记入 ${errorLine(exceptions)}），仍待处理 ${result.open} 条，拒绝 ${result.refused} 条`
        : `liushou: wrote ${errorLine(flags.output)}: ${result.corrected} corrected, ${result.confirmed} confirmed (in ${errorLine(exceptions)}), ${result.open} still open, ${result.refused} refused`,
    )
    await this.emitReport(result.report, flags, options)
  }
}
