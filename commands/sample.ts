import {Flags} from '@oclif/core'

import {detectLang, parseAsOf} from '../src/options.js'
import {generateSamples} from '../src/sample/index.js'
import {BaseCommand} from './_base.js'

export default class Sample extends BaseCommand {
  static override summary = 'Write realistic synthetic rosters of three departments, with a documented list of injected faults'
  static override description = `Writes a civil-affairs roster (CSV in GB18030 with a title row), an education student roster (.xlsx with 全国学籍号) and a public-security household register extract (CSV with 人员状态) for real Hunan villages, with families, siblings, twins, same-name children, injected faults and duplicates; faults.json and FAULTS.md list every injected fault with its file, row, field and the code expected, truth.csv the child behind every row. The same seed always writes the same files.

EXIT CODES
  0  written
  2  bad options, or the folder cannot be written`

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
