import {Args, Flags} from '@oclif/core'

import {generateKeyFile, loadKey} from '../src/tokens/key.js'
import {parseKeep, parseList} from '../src/tokenize/policy.js'
import {tokenizeSummary} from '../src/tokenize/summary.js'
import {tokenizeFile} from '../src/tokenize/tokenize.js'
import {ReportCommand, errorLine} from './_base.js'
import {parseOutputEncoding, sharedFlags} from './_flags.js'

export default class Tokenize extends ReportCommand {
  static override summary = 'Replace identities by keyed tokens so that departments can cross-check without exchanging them'
  static override description = `Writes the same rows in the same order with every identity replaced by a keyed token: ID numbers, full birth dates, phones, household and student numbers become HMAC-SHA-256 tokens; names become Bloom filters of their pinyin bigrams, so that homophones and typos still match; the village, the region code and the reporting unit become tokens. Birth year, sex and county stay in clear by default (--keep). Addresses, remarks and columns that map to no canonical field are emptied (--pass lets a named one through, --drop empties more). dedupe and crosscheck recognise tokenized files made with the same key. The key never appears in any output or message; share it out of band (see docs/tokenize.md).

${ReportCommand.exitCodesHelp}`

  static override examples = [
    '<%= config.bin %> tokenize --generate-key 泸溪县.key',
    '<%= config.bin %> tokenize 花名册.xlsx --key 泸溪县.key --output 花名册-令牌.xlsx',
    '<%= config.bin %> tokenize roster.csv --key shared.key --output tokens.csv --keep birthYear,gender --drop health,disability',
  ]

  static override args = {file: Args.string({ignoreStdin: true, description: 'the roster to tokenize (.csv, .tsv, .xlsx)'})}
  static override flags = {
    key: Flags.string({description: 'key file: at least 32 random bytes as hex or base64 (make one with --generate-key); required to tokenize'}),
    output: Flags.string({char: 'o', description: 'the tokenized roster (.csv, .tsv or .xlsx); never the input unless --in-place; required to tokenize'}),
    keep: Flags.string({description: 'what stays in clear: a comma list of birthYear, gender, county, village, or none', default: 'birthYear,gender,county'}),
    drop: Flags.string({description: 'also empty these columns (canonical fields or headers, comma-separated), e.g. health,disability'}),
    pass: Flags.string({description: 'let these columns through in clear although they are emptied by default (unmapped columns, address, remarks); IDs and mobiles inside are still tokenized'}),
    'generate-key': Flags.string({description: 'write a new random key to this file (readable by you only) and exit'}),
    'output-encoding': sharedFlags.outputEncoding,
    'in-place': sharedFlags.inPlace,
    report: sharedFlags.report,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Tokenize)
    const options = this.commonOptions(flags)
    const generate = flags['generate-key']
    if (generate !== undefined) {
      if (args.file || flags.output) this.userError('--generate-key only makes a key: run tokenize again with --key to tokenize a roster')
      const {fingerprint} = generateKeyFile(generate)
      process.stdout.write(
        options.lang === 'zh'
          ? `已生成新密钥：${errorLine(generate)}（指纹 ${fingerprint}，仅本人可读）。请另行安全传递给对方部门，切勿与数据一起发送。\n`
          : `Wrote a new key to ${errorLine(generate)} (fingerprint ${fingerprint}, readable by you only). Share it with the other department out of band, never together with the data.\n`,
      )
      return
    }
    if (!args.file) this.userError('missing the roster to tokenize: liushou tokenize FILE --key KEYFILE --output OUT')
    if (!flags.key) this.userError('--key KEYFILE is required (make a key with: liushou tokenize --generate-key FILE)')
    if (!flags.output) this.userError('--output FILE is required: the tokenized roster (.csv, .tsv or .xlsx)')
    const keep = parseKeep(flags.keep)
    const key = loadKey(flags.key, (warning) => process.stderr.write(`liushou: warning: ${errorLine(warning)}\n`))
    const result = await tokenizeFile(args.file, {
      ...options,
      key,
      keyFile: flags.key,
      output: flags.output,
      keep,
      drop: parseList(flags.drop),
      pass: parseList(flags.pass),
      outputEncoding: parseOutputEncoding(flags['output-encoding']),
      inPlace: flags['in-place'],
    })
    const format = this.reportFormat({...flags, output: flags.report})
    if (format === 'table') {
      process.stdout.write(tokenizeSummary(result, args.file, flags.output, options.lang))
      this.exitFor(result.report, options)
      return
    }
    await this.emitReport(result.report, {...flags, output: flags.report}, options)
  }
}
