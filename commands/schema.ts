import {Flags} from '@oclif/core'
import Table from 'cli-table3'

import {detectLang} from '../src/options.js'
import {describeSchema} from '../src/schema/describe.js'
import {BaseCommand} from './_base.js'
import type {CommandZh} from './_zh.js'

export default class Schema extends BaseCommand {
  static override summary = 'Print the canonical fields, their header synonyms and the code lists'
  static zh: CommandZh = {
    summary: '显示标准字段、表头同义词和代码表',
    description: '列出每个标准字段及其中文名称、类型、代码表和能识别的表头写法，以及每个代码表（性别、民族、就学状况、健康状况、监护类型、关系、父母状况、户口性质、人员状态、是否）的值、代码和同义词。',
    examples: [
      {description: '在终端中查看', command: '<%= config.bin %> schema'},
      {description: '存为 JSON', command: '<%= config.bin %> schema --format json > schema.json'},
    ],
    flags: {format: 'table（终端默认）或 json', json: '等同于 --format json', lang: '名称的语言'},
  }

  static override examples = ['<%= config.bin %> schema', '<%= config.bin %> schema --format json > schema.json']
  static override flags = {
    format: Flags.string({char: 'f', description: 'table (default on a terminal) or json', options: ['table', 'json']}),
    json: Flags.boolean({description: 'alias of --format json'}),
    lang: Flags.string({description: 'language of the labels', options: ['zh', 'en']}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Schema)
    const schema = describeSchema()
    const format = flags.json ? 'json' : (flags.format ?? (process.stdout.isTTY ? 'table' : 'json'))
    if (format === 'json') {
      process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`)
      return
    }
    const lang = (flags.lang as 'zh' | 'en' | undefined) ?? detectLang()
    const fields = new Table({head: lang === 'zh' ? ['字段', '名称', '类型', '代码表', '表头同义词'] : ['field', 'label', 'kind', 'code list', 'header synonyms'], wordWrap: true, colWidths: [20, 16, 8, 18, 70] as unknown as number[], style: {head: [], border: []}})
    for (const f of schema.fields) fields.push([f.key, f[lang], f.kind, f.list ?? '', f.synonyms.join(' ')])
    const lists = new Table({head: lang === 'zh' ? ['代码表', '值', '代码', '同义词'] : ['list', 'value', 'code', 'synonyms'], wordWrap: true, colWidths: [18, 14, 6, 70] as unknown as number[], style: {head: [], border: []}})
    for (const list of schema.codeLists) for (const v of list.values) lists.push([list.name, v.value, v.code ?? '', v.synonyms.join(' ')])
    process.stdout.write(`${fields.toString()}\n${lists.toString()}\n`)
  }
}
