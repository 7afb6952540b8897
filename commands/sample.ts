import {Flags} from '@oclif/core'

import {detectLang, parseAsOf} from '../src/options.js'
import {generateSamples} from '../src/sample/index.js'
import {BaseCommand} from './_base.js'
import type {CommandZh} from './_zh.js'

export default class Sample extends BaseCommand {
  static override summary = 'Write realistic synthetic rosters of three departments, with a documented list of injected faults'
  static override description = `Writes a civil-affairs roster (CSV in GB18030 with a title row), an education student roster (.xlsx with 全国学籍号) and a public-security household register extract (CSV with 人员状态) for real Hunan villages, with families, siblings, twins, same-name children, injected faults and duplicates; faults.json and FAULTS.md list every injected fault with its file, row, field and the code expected, truth.csv the child behind every row. The same seed always writes the same files. A folder it creates is readable by its owner only (0700).

EXIT CODES
  0  written
  2  bad options, or the folder cannot be written`

  static zh: CommandZh = {
    summary: '写出三个部门的仿真名单，附注入错误的完整清单',
    description: `写出湖南真实村庄的民政花名册（GB18030 编码的 CSV，带标题行）、学籍名单（带全国学籍号的 .xlsx）和户籍名单摘录（带人员状态的 CSV），其中有家庭、兄弟姐妹、双胞胎、同名儿童、注入的错误和重复记录；faults.json 和 FAULTS.md 列出每处注入错误的文件、行、字段和应报的代码，truth.csv 给出每行背后的真实儿童。同一种子总是写出相同的文件。新建的文件夹仅本人可读（0700）。

退出码
  0  已写出
  2  选项有误，或文件夹无法写入`,
    examples: [
      {description: '在 samples 文件夹中写出仿真名单', command: '<%= config.bin %> sample --output samples'},
      {description: '用另一个种子写出 2000 名儿童的名单', command: '<%= config.bin %> sample --seed 7 --children 2000 --output /tmp/rosters'},
    ],
    flags: {
      output: '写入名单的文件夹（不存在时创建）',
      seed: '生成器的种子：同一种子写出相同的文件',
      children: '仿真地区的儿童人数（民政花名册列出其中的留守儿童）',
      'as-of': '计算年龄和年级的基准日期，YYYY-MM-DD（默认：北京时间今天）',
      lang: '汇总信息的语言',
    },
  }

  static override examples = ['<%= config.bin %> sample --output samples', '<%= config.bin %> sample --seed 7 --children 2000 --output /tmp/rosters']

  static override flags = {
    output: Flags.string({char: 'o', description: 'folder to write the rosters into (created when missing)', required: true}),
    seed: Flags.integer({description: 'seed of the generator: the same seed writes the same files', default: 42}),
    children: Flags.integer({description: 'children in the synthetic area (the civil-affairs roster lists the left-behind among them)', default: 300}),
    'as-of': Flags.string({description: 'reference date for ages and grades, YYYY-MM-DD (default: today in Asia/Shanghai)'}),
    lang: Flags.string({description: 'language of the summary', options: ['zh', 'en']}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Sample)
    const lang = (flags.lang as 'zh' | 'en' | undefined) ?? detectLang()
    this.lang = lang
    const manifest = await generateSamples({seed: flags.seed, children: flags.children, outputDir: flags.output, asOf: parseAsOf(flags['as-of'])})
    const lines = manifest.files.map((f) => `  ${f.file}  ${f.rows} ${lang === 'zh' ? '行' : 'rows'}`)
    const faults = manifest.faults.length
    process.stdout.write(
      lang === 'zh'
        ? `已写入 ${flags.output}（种子 ${flags.seed}，${manifest.children} 名儿童，注入 ${faults} 处错误）：\n${lines.join('\n')}\n`
        : `Wrote ${flags.output} (seed ${flags.seed}, ${manifest.children} children, ${faults} injected faults):\n${lines.join('\n')}\n`,
    )
  }
}
