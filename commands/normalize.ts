import {Args, Flags} from '@oclif/core'

import {normalizeFile} from '../src/normalize/normalize.js'
import {normalizeSummary} from '../src/normalize/summary.js'
import {ReportCommand} from './_base.js'
import {parseAgeLimit, parseOutputEncoding, sharedFlags} from './_flags.js'

export default class Normalize extends ReportCommand {
  static override summary = 'Write a cleaned copy of a roster with every change logged'
  static override description = `Writes the same rows in the same order with the same columns, each value in canonical form where that is certain (IDs upper-case 18 digits, dates YYYY-MM-DD, 男/女, GB 3304 ethnic names, phones, names without inner spaces, code-list synonyms mapped), and appends 姓名拼音, 拼音首字母, 证件出生日期, 证件性别, 年龄 and 区划名称. A value that cannot be made canonical with certainty is left as it is and reported. The output's format follows its extension (.csv, .tsv or .xlsx). stdout carries a short summary, or the JSON report of what is left to fix with --format json.

${ReportCommand.exitCodesHelp}`

  static override examples = [
    '<%= config.bin %> normalize 花名册.csv --output 花名册-规范.csv --changes changes.csv',
    '<%= config.bin %> normalize roster.xlsx --output clean.xlsx --changes changes.json --json',
    '<%= config.bin %> normalize old.csv --output legacy.csv --output-encoding gb18030',
  ]

  static override args = {file: Args.string({ignoreStdin: true, description: 'the roster to normalize (.csv, .tsv, .xlsx)', required: true})}
  static override flags = {
    output: Flags.string({char: 'o', description: 'the cleaned roster (.csv, .tsv or .xlsx); never the input unless --in-place', required: true}),
    changes: Flags.string({description: 'write the change log here: one line per changed cell (.csv, .tsv, .xlsx or .json)'}),
    'output-encoding': sharedFlags.outputEncoding,
    'in-place': sharedFlags.inPlace,
    report: sharedFlags.report,
    'age-limit': sharedFlags.ageLimit({default: '16'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Normalize)
    const options = this.commonOptions(flags)
    const result = await normalizeFile(args.file, {
      ...options,
      output: flags.output,
      changes: flags.changes,
      outputEncoding: parseOutputEncoding(flags['output-encoding']),
      inPlace: flags['in-place'],
      ageLimit: parseAgeLimit(flags['age-limit']) ?? 16,
    })
    const format = this.reportFormat({...flags, output: flags.report})
    if (format === 'table') {
      process.stdout.write(normalizeSummary(result.report, result.changed, flags.output, options.lang))
      this.exitFor(result.report, options)
      return
    }
    await this.emitReport(result.report, {...flags, output: flags.report}, options)
  }
}
