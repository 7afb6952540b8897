import {Args, Flags} from '@oclif/core'

import {assertOutputs, writeFileAtomic} from '../src/io/atomic-write.js'
import {normalizeFile} from '../src/normalize/normalize.js'
import {normalizeSummary} from '../src/normalize/summary.js'
import {type ReportFlag, ReportCommand} from './_base.js'
import type {CommandZh} from './_zh.js'
import {parseAgeLimit, parseKind, parseOutputEncoding, sharedFlags} from './_flags.js'
import {parseDatasetArgs} from '../src/schema/dataset-args.js'

export default class Normalize extends ReportCommand {
  static override summary = 'Write a cleaned copy of a roster with every change logged'
  static override description = `Writes the same rows in the same order with the same columns, each value in canonical form where that is certain (IDs upper-case 18 digits, dates YYYY-MM-DD, 男/女, GB 3304 ethnic names, phones, names without inner spaces, code-list synonyms mapped), and appends 姓名拼音, 拼音首字母, 证件出生日期, 证件性别, 年龄 and 区划名称. A value that cannot be made canonical with certainty is left as it is and reported. The output's format follows its extension (.csv, .tsv or .xlsx); it holds every value in clear and is created readable by its owner only (0600). stdout carries a short summary, or the JSON report of what is left to fix with --format json; --report FILE writes the report to a file (its format from the extension). FILE may be DEPT=FILE.

${ReportCommand.exitCodesHelp}`

  static zh: CommandZh = {
    summary: '写出规范后的名单副本，并记录每一处修改',
    description: `行、行序和列都不变，能确定时把每个值改为规范写法（身份证号大写 18 位，日期 YYYY-MM-DD，男/女，GB 3304 民族名称，电话，姓名去掉中间空格，代码表同义词），并追加 姓名拼音、拼音首字母、证件出生日期、证件性别、年龄 和 区划名称 列。不能确定的值保持原样并报告。输出格式由扩展名决定（.csv、.tsv 或 .xlsx）；规范后的名单含完整个人信息，文件仅本人可读（0600）。标准输出是简短的汇总，或用 --format json 输出仍需人工处理的问题报告；--report 文件 把报告写入文件（格式由扩展名决定）。文件可写作 部门=文件。

${ReportCommand.exitCodesHelpZh}`,
    examples: [
      {description: '规范花名册，修改记录存为 CSV', command: '<%= config.bin %> normalize 花名册.csv --output 花名册-规范.csv --changes 修改记录.csv'},
      {description: '输出 Excel 工作簿，修改记录存为 JSON，报告写入文件', command: '<%= config.bin %> normalize 花名册.xlsx --output 规范.xlsx --changes 修改记录.json --report 报告.json'},
      {description: '为旧系统输出 GB18030 编码的 CSV', command: '<%= config.bin %> normalize 花名册.csv --output 导入.csv --output-encoding gb18030'},
    ],
    flags: {
      output: '规范后的名单（.csv、.tsv 或 .xlsx）；除非加 --in-place，不能是输入文件',
      changes: '把修改记录写入此文件：每个改动的单元格一行（.csv、.tsv、.xlsx 或 .json）',
      'age-limit': '超出范围的年龄（AGE_OUT_OF_RANGE）：16（留守儿童，默认）或 18（困境儿童）',
    },
    args: {file: '要规范的名单（.csv、.tsv、.xlsx），或 部门=文件'},
  }

  static override examples = [
    '<%= config.bin %> normalize 花名册.csv --output 花名册-规范.csv --changes changes.csv',
    '<%= config.bin %> normalize roster.xlsx --output clean.xlsx --changes changes.json --json',
    '<%= config.bin %> normalize old.csv --output legacy.csv --output-encoding gb18030',
  ]

  // --output is the cleaned roster: the report goes to --report.
  static override reportFlag: ReportFlag = 'report'

  static override args = {file: Args.string({ignoreStdin: true, description: 'the roster to normalize (.csv, .tsv, .xlsx), or DEPT=FILE', required: true})}
  static override flags = {
    output: Flags.string({char: 'o', description: 'the cleaned roster (.csv, .tsv or .xlsx); never the input unless --in-place', required: true}),
    changes: Flags.string({description: 'write the change log here: one line per changed cell (.csv, .tsv, .xlsx or .json)'}),
    'output-encoding': sharedFlags.outputEncoding,
    'in-place': sharedFlags.inPlace,
    report: sharedFlags.report,
    'age-limit': sharedFlags.ageLimit({default: '16'}),
    kind: sharedFlags.kind,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Normalize)
    const options = this.commonOptions(flags)
    // FILE, or DEPT=FILE (民政=花名册.csv): the department gives the dataset and the default kind.
    const [input] = parseDatasetArgs([args.file])
    const file = input!.file
    const outputs = [{flag: 'output', file: flags.output, inPlace: flags['in-place'], canInPlace: true}]
    if (flags.changes) outputs.push({flag: 'changes', file: flags.changes, inPlace: false, canInPlace: false})
    if (flags.report) outputs.push({flag: 'report', file: flags.report, inPlace: false, canInPlace: false})
    assertOutputs(outputs, [file])
    const format = this.reportFormat(flags)
    const result = await normalizeFile(file, {
      ...options,
      ...(input!.dataset ? {dataset: input!.dataset} : {}),
      ...(input!.department ? {department: input!.department} : {}),
      ...(flags.kind ? {kind: parseKind(flags.kind)} : {}),
      output: flags.output,
      changes: flags.changes,
      outputEncoding: parseOutputEncoding(flags['output-encoding']),
      inPlace: flags['in-place'],
      ageLimit: parseAgeLimit(flags['age-limit']) ?? 16,
    })
    if (format === 'table') {
      // normalize's table is its short summary; it names the cleaned roster itself.
      const summary = normalizeSummary(result.report, result.changed, flags.output, options.lang)
      if (flags.report) {
        await writeFileAtomic(flags.report, summary, {private: options.mask !== 'all'})
        this.saySaved(result.report.summary, flags.output, flags.report)
      } else await this.print(summary)
      this.exitFor(result.report, options)
      return
    }
    await this.emitReport(result.report, flags, options, flags.output)
  }
}
