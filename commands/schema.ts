import {Flags} from '@oclif/core'
import Table from 'cli-table3'

import {detectLang} from '../src/options.js'
import {describeSchema} from '../src/schema/describe.js'
import {BaseCommand} from './_base.js'

export default class Schema extends BaseCommand {
  static override summary = 'Print the canonical fields, their header synonyms and the code lists'
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
