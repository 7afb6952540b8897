import {Args, Flags} from '@oclif/core'
import path from 'node:path'

import {applyAnswers} from '../src/packets/apply.js'
import {parseDatasetArgs} from '../src/schema/dataset-args.js'
import {ReportCommand, errorLine} from './_base.js'
import {parseOutputEncoding, sharedFlags} from './_flags.js'

export default class Apply extends ReportCommand {
  static override summary = 'Apply the answers of returned packets to a roster'
  static override description = `Reads the packets (made with --packets on validate, crosscheck or risk) that towns, villages and departments filled in and sent back — re-saved by Excel or WPS, lines reordered, files renamed all allowed — and applies their answers to ROSTER: 已更正 (corrected) writes the checked corrected value into a new roster (same rows, order and columns; only answered cells change), 情况属实 (confirmed) adds the finding to the exceptions file so that later runs waive it, 无法核实 and 非本单位 stay open. A line whose row is no longer the same child (another roster, or the row changed since) is refused, line by line. ROSTER may be given as DEPT=FILE. See docs/packets.md.

${ReportCommand.exitCodesHelp}
  1 also when any answer line was refused (APPLY_REFUSED_IDENTITY, APPLY_INVALID_VALUE)`

  static override examples = [
    '<%= config.bin %> apply 花名册.csv --answers 回收/ --output 花名册-已更正.csv --exceptions 例外.jsonl',
    '<%= config.bin %> apply civil-affairs=民政.xlsx --answers 黄兴镇.xlsx 安沙镇.xlsx --output 民政-更正.xlsx --changes 修改记录.csv --report apply.json',
  ]

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
    this.startProgress({...flags, output: flags.report})
    const result = await applyAnswers({
      ...options,
      roster: roster!,
      answers: flags.answers,
      output: flags.output,
      ...(flags.changes ? {changes: flags.changes} : {}),
      exceptions,
      outputEncoding: parseOutputEncoding(flags['output-encoding']),
    })
    process.stderr.write(
      options.lang === 'zh'
        ? `liushou: 已写入 ${errorLine(flags.output)}：更正 ${result.corrected} 处，情况属实 ${result.confirmed} 条（记入 ${errorLine(exceptions)}），仍待处理 ${result.open} 条，拒绝 ${result.refused} 条\n`
        : `liushou: wrote ${errorLine(flags.output)}: ${result.corrected} corrected, ${result.confirmed} confirmed (in ${errorLine(exceptions)}), ${result.open} still open, ${result.refused} refused\n`,
    )
    await this.emitReport(result.report, {...flags, output: flags.report}, options)
  }
}
