import {Flags} from '@oclif/core'

import {exportSnapshot} from '../../src/registry/views.js'
import {departmentId, departmentName} from '../../src/schema/dataset-args.js'
import {BaseCommand, errorLine} from '../_base.js'
import {parseDateFlag, parseOutputEncoding, sharedFlags} from '../_flags.js'
import {registryFlags, registryPath} from '../_registry.js'
import {detectLang} from '../../src/options.js'
import {todayInShanghai} from '../../src/cn/dates.js'
import type {CommandZh} from '../_zh.js'

export default class RegistryExport extends BaseCommand {
  static override summary = 'Write a department’s snapshot with the child number (儿童编号) as its first column'
  static override description = `The department's snapshot latest on or before --as-of (default: the primary list), its rows in file order with their original columns, 儿童编号 first. The file (.csv, .tsv or .xlsx by extension) is written atomically and readable by you only.

EXIT CODES
  0  written
  2  no such snapshot, or the file cannot be written`

  static override examples = ['<%= config.bin %> registry export --as-of 2026-12-01 --output 花名册-带编号.xlsx', '<%= config.bin %> registry export --as-of 2026-12-01 --dept education --output 学籍.csv']
  static zh: CommandZh = {
    summary: '导出某部门的一期快照，第一列为儿童编号',
    description: `导出该部门在 --as-of 当日或之前的最新快照（默认：主名单），按原文件的行序和原有的列，第一列为 儿童编号。文件（按扩展名为 .csv、.tsv 或 .xlsx）原子写入，仅本人可读。

退出码
  0  已写入
  2  没有这一期快照，或文件无法写入`,
    examples: [
      {description: '导出带儿童编号的主名单', command: '<%= config.bin %> registry export --as-of 2026-12-01 --output 花名册-带编号.xlsx'},
      {description: '导出教育部门的学籍快照', command: '<%= config.bin %> registry export --as-of 2026-12-01 --dept education --output 学籍.csv'},
    ],
    flags: {
      'as-of': '导出此日期当日或之前的最新快照（默认：今天）',
      output: '要写入的文件（.csv、.tsv 或 .xlsx）',
      dept: '部门（默认：主名单的部门）',
      lang: '汇总行的语言',
    },
  }

  static override flags = {
    ...registryFlags,
    'as-of': Flags.string({description: 'the snapshot latest on or before this date (default: today)'}),
    output: Flags.string({char: 'o', description: 'the file to write (.csv, .tsv or .xlsx)', required: true}),
    dept: Flags.string({description: 'the department (default: the primary list)'}),
    'output-encoding': sharedFlags.outputEncoding,
    lang: Flags.string({description: 'language of the summary line', options: ['zh', 'en']}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(RegistryExport)
    this.lang = (flags.lang as 'zh' | 'en' | undefined) ?? detectLang()
    const department = flags.dept === undefined ? undefined : departmentId(flags.dept)
    if (flags.dept !== undefined && department === undefined) this.userError({en: `--dept: "${flags.dept}" is no department (civil-affairs, education, … or 民政, 教育, …)`, zh: `--dept：“${flags.dept}”不是部门（可写 民政、教育、公安 等或 civil-affairs、education 等）`})
    const asOf = flags['as-of'] ? parseDateFlag('as-of', flags['as-of']) : todayInShanghai()
    const result = await this.withRegistry(
      registryPath(flags.registry),
      false,
      (registry) => exportSnapshot(registry, {asOf, output: flags.output, ...(department ? {department} : {}), encoding: parseOutputEncoding(flags['output-encoding'])}),
      true,
    )
    process.stderr.write(
      this.lang === 'zh'
        ? `liushou: 已写入 ${errorLine(flags.output)}：${departmentName(result.snapshot.department, 'zh')} 截至 ${result.snapshot.asOf} 的名册，${result.rows} 行\n`
        : `liushou: wrote ${errorLine(flags.output)}: ${result.snapshot.department}'s list as of ${result.snapshot.asOf}, ${result.rows} rows\n`,
    )
  }
}
