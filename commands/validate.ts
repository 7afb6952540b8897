import {Args, Flags} from '@oclif/core'
import path from 'node:path'

import {validateFiles} from '../src/rules/validate.js'
import {parseListArgs} from '../src/schema/dataset-lists.js'
import {ReportCommand} from './_base.js'
import type {CommandZh} from './_zh.js'
import {packetFlags, parseAgeLimit, parseKind, sharedFlags} from './_flags.js'

export default class Validate extends ReportCommand {
  static override summary = 'Check every row of one or more rosters against the schema and the rules'
  static override description = `Reads .csv/.tsv (UTF-8, UTF-8 with BOM, GB18030/GBK, UTF-16 with BOM) and .xlsx rosters, finds the header, maps it to the canonical fields and reports every rule code of docs/rules.md with the Excel row number, the child's name and village, the field, the masked value, the expected value and a hint. A FILE may be given as DEPT=FILE (the department by its id or Chinese name: 民政=花名册.xlsx, 教育=学籍.xlsx) to name its dataset, and may be a folder; files given with one DEPT (or a folder, or a quoted glob such as '教育=学籍/*.xlsx') are one list, each finding naming its own file and row; the department decides the list's kind and so its rules (--kind): AGE_OUT_OF_RANGE is for the left-behind roster only.

${ReportCommand.exitCodesHelp}`

  static zh: CommandZh = {
    summary: '按字段规范和核查规则逐行检查一份或多份名单',
    description: `读取 .csv/.tsv（UTF-8、带 BOM 的 UTF-8、GB18030/GBK、带 BOM 的 UTF-16）和 .xlsx 名单，识别表头并对应到标准字段，按 docs/rules.md 的每条规则报告问题：Excel 中的行号、儿童姓名和所在村、字段、（脱敏后的）值、应为的值和处理建议。文件可写作 部门=文件（部门写代码或中文名：民政=花名册.xlsx、教育=学籍.xlsx），以此命名数据集，也可以是文件夹；同一部门的多个文件（或一个文件夹、带引号的通配符如 '教育=学籍/*.xlsx'）作为一份名单，每条问题仍注明所在的文件和行；部门决定名单的类型（--kind）和适用的规则：AGE_OUT_OF_RANGE 只用于留守儿童名册。

${ReportCommand.exitCodesHelpZh}`,
    examples: [
      {description: '检查民政的留守儿童名册', command: '<%= config.bin %> validate 民政=花名册.xlsx'},
      {description: '指定工作表和基准日期，把问题清单存为 Excel 工作簿（格式由扩展名决定）', command: '<%= config.bin %> validate 花名册.xlsx --sheet 花名册 --as-of 2026-06-30 --output 问题清单.xlsx'},
      {description: '检查学籍名单（按学籍规则，不报 16 周岁以上）并在有警告时返回 1', command: '<%= config.bin %> validate 教育=学籍.xlsx --json --fail-on warning'},
    ],
    flags: {
      'age-limit': '超出范围的年龄（AGE_OUT_OF_RANGE）：16（留守儿童，默认）或 18（困境儿童）',
      'check-eligibility': '另对留守儿童名册（民政，或未写部门的文件）中父母一方在家且有监护能力的儿童报 NOT_LEFT_BEHIND 警告（按国发〔2016〕13号不属于留守儿童）；写作 在家（残疾）、重病在家 等的家长视为无监护能力（默认不检查）',
    },
    args: {files: '名单文件（.csv、.tsv、.xlsx）或文件夹，或 部门=文件（同一部门可写多次）'},
  }

  static override examples = [
    '<%= config.bin %> validate samples/civil-affairs.csv',
    '<%= config.bin %> validate roster.xlsx --sheet 花名册 --as-of 2026-06-30 --format csv --output findings.csv',
    '<%= config.bin %> validate a.csv b.xlsx --json --fail-on warning',
    '<%= config.bin %> validate civil-affairs=花名册.xlsx --check-eligibility',
  ]

  static override strict = false
  static override args = {files: Args.string({ignoreStdin: true, description: 'roster files (.csv, .tsv, .xlsx) or folders, or DEPT=FILE (a department may be given several files)', required: true})}
  static override flags = {
    'age-limit': sharedFlags.ageLimit({default: '16'}),
    'check-eligibility': Flags.boolean({
      description:
        'also warn NOT_LEFT_BEHIND on a child of a left-behind roster (civil-affairs, or a file given without a department) whose row shows a parent at home and able to care (not left behind by 国发〔2016〕13号); 在家（残疾）, 重病在家 and the like are parents who cannot care',
      default: false,
    }),
    kind: sharedFlags.kind,
    ...packetFlags,
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Validate)
    const options = this.commonOptions(flags)
    const progress = this.startProgress(flags)
    progress.phase('reading')
    const onProgress = (rows: number, file: string) => progress.update(rows, path.basename(file))
    const report = await validateFiles(parseListArgs(argv as string[]), {...options, ageLimit: parseAgeLimit(flags['age-limit']) ?? 16, checkEligibility: flags['check-eligibility'], ...(flags.kind ? {kind: parseKind(flags.kind)} : {}), onProgress})
    await this.writePackets(report, flags, options)
    await this.emitReport(report, flags, options)
  }
}
