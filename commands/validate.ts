import {Args} from '@oclif/core'
import path from 'node:path'

import {validateFiles} from '../src/rules/validate.js'
import {parseDatasetArgs} from '../src/schema/dataset-args.js'
import {ReportCommand} from './_base.js'
import {packetFlags, parseAgeLimit, sharedFlags} from './_flags.js'

export default class Validate extends ReportCommand {
  static override summary = 'Check every row of one or more rosters against the schema and the rules'
  static override description = `Reads .csv/.tsv (UTF-8, UTF-8 with BOM, GB18030/GBK, UTF-16 with BOM) and .xlsx rosters, finds the header, maps it to the canonical fields and reports every rule code of docs/rules.md with the Excel row number, the field, the masked value, the expected value and a hint. A FILE may be given as DEPT=FILE to name its dataset.

${ReportCommand.exitCodesHelp}`

  static override examples = [
    '<%= config.bin %> validate samples/civil-affairs.csv',
    '<%= config.bin %> validate roster.xlsx --sheet 花名册 --as-of 2026-06-30 --format csv --output findings.csv',
    '<%= config.bin %> validate a.csv b.xlsx --json --fail-on warning',
  ]

  static override strict = false
  static override args = {files: Args.string({ignoreStdin: true, description: 'roster files (.csv, .tsv, .xlsx), or DEPT=FILE', required: true})}
  static override flags = {
    'age-limit': sharedFlags.ageLimit({default: '16'}),
    ...packetFlags,
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Validate)
    const options = this.commonOptions(flags)
    const progress = this.startProgress(flags)
    progress.phase('reading')
    const onProgress = (rows: number, file: string) => progress.update(rows, path.basename(file))
    const report = await validateFiles(parseDatasetArgs(argv as string[]), {...options, ageLimit: parseAgeLimit(flags['age-limit']) ?? 16, onProgress})
    await this.writePackets(report, flags, options)
    await this.emitReport(report, flags, options)
  }
}
