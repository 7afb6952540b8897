import {Args, Flags} from '@oclif/core'

import {generateKeyFile, loadKey} from '../src/tokens/key.js'
import {parseKeep, parseList} from '../src/tokenize/policy.js'
import {tokenizeSummary} from '../src/tokenize/summary.js'
import {tokenizeFile} from '../src/tokenize/tokenize.js'
import {assertOutputs, writeFileAtomic} from '../src/io/atomic-write.js'
import {type ReportFlag, ReportCommand, errorLine} from './_base.js'
import type {CommandZh} from './_zh.js'
import {parseOutputEncoding, sharedFlags} from './_flags.js'

export default class Tokenize extends ReportCommand {
  static override summary = 'Replace identities by keyed tokens so that departments can cross-check without exchanging them'
  static override description = `Writes the same rows in the same order with every identity replaced by a keyed token: ID numbers, full birth dates, phones, household and student numbers become HMAC-SHA-256 tokens; names become Bloom filters of their pinyin bigrams, so that homophones and typos still match; the village, the region code and the reporting unit become tokens. Birth year, sex and county stay in clear by default (--keep). Addresses, remarks and columns that map to no canonical field are emptied (--pass lets a named one through, --drop empties more). dedupe and crosscheck recognise tokenized files made with the same key. The key never appears in any output or message; share it out of band (see docs/tokenize.md). A tokenized roster is pseudonymised, not anonymised: it is created readable by its owner only (0600).

${ReportCommand.exitCodesHelp}`

  static zh: CommandZh = {
    summary: '用带密钥的令牌替换身份信息，使各部门不交换身份信息也能比对',
    description: `按原有的行和行序写出名单，其中每项身份信息都替换为带密钥的令牌：身份证号、完整的出生日期、电话、户号和学籍号变为 HMAC-SHA-256 令牌；姓名变为其拼音二元组的 Bloom 过滤器，同音字和笔误仍能匹配；村、区划代码和填报单位变为令牌。出生年份、性别和县默认保留明文（--keep）。地址、备注和无法对应到标准字段的列清空（--pass 可放行指定的列，--drop 清空更多列）。dedupe 和 crosscheck 能识别用同一密钥生成的令牌文件。密钥不会出现在任何输出或提示中；请另行传递（见 docs/tokenize.md）。令牌化的名单是假名化而不是匿名化的数据，文件仅本人可读（0600）。

${ReportCommand.exitCodesHelpZh}`,
    examples: [
      {description: '生成新密钥', command: '<%= config.bin %> tokenize --generate-key 泸溪县.key'},
      {description: '令牌化花名册', command: '<%= config.bin %> tokenize 花名册.xlsx --key 泸溪县.key --output 花名册-令牌.xlsx'},
      {description: '只保留出生年份和性别为明文，并清空健康和残疾列', command: '<%= config.bin %> tokenize 花名册.csv --key 共享.key --output 令牌.csv --keep birthYear,gender --drop health,disability'},
    ],
    flags: {
      key: '密钥文件：至少 32 个随机字节，十六进制或 base64（用 --generate-key 生成）；令牌化时必需',
      output: '令牌化后的名单（.csv、.tsv 或 .xlsx）；除非加 --in-place，不能是输入文件；令牌化时必需',
      keep: '保留明文的项：birthYear、gender、county、village 的逗号列表，或 none',
      drop: '另外清空这些列（标准字段名或表头，逗号分隔），如 health,disability',
      pass: '放行这些默认会清空的列（未对应的列、地址、备注）；其中的身份证号和手机号仍会令牌化',
      'generate-key': '把新的随机密钥写入此文件（仅本人可读）后退出',
    },
    args: {file: '要令牌化的名单（.csv、.tsv、.xlsx）'},
  }

  static override examples = [
    '<%= config.bin %> tokenize --generate-key 泸溪县.key',
    '<%= config.bin %> tokenize 花名册.xlsx --key 泸溪县.key --output 花名册-令牌.xlsx',
    '<%= config.bin %> tokenize roster.csv --key shared.key --output tokens.csv --keep birthYear,gender --drop health,disability',
  ]

  // --output is the tokenized roster: the report goes to --report.
  static override reportFlag: ReportFlag = 'report'

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
      if (args.file || flags.output) this.userError({en: '--generate-key only makes a key: run tokenize again with --key to tokenize a roster', zh: '--generate-key 只生成密钥：要令牌化名单，请用 --key 再运行一次 tokenize'})
      const {fingerprint} = generateKeyFile(generate)
      process.stdout.write(
        options.lang === 'zh'
          ? `已生成新密钥：${errorLine(generate)}（指纹 ${fingerprint}，仅本人可读）。请另行安全传递给对方部门，切勿与数据一起发送。\n`
          : `Wrote a new key to ${errorLine(generate)} (fingerprint ${fingerprint}, readable by you only). Share it with the other department out of band, never together with the data.\n`,
      )
      return
    }
    if (!args.file) this.userError({en: 'missing the roster to tokenize: liushou tokenize FILE --key KEYFILE --output OUT', zh: '缺少要令牌化的名单：liushou tokenize 文件 --key 密钥文件 --output 输出'})
    if (!flags.key) this.userError({en: '--key KEYFILE is required (make a key with: liushou tokenize --generate-key FILE)', zh: '需要 --key 密钥文件（用 liushou tokenize --generate-key 文件 生成密钥）'})
    if (!flags.output) this.userError({en: '--output FILE is required: the tokenized roster (.csv, .tsv or .xlsx)', zh: '需要 --output 文件：令牌化后的名单（.csv、.tsv 或 .xlsx）'})
    if (flags.report) assertOutputs([{flag: 'output', file: flags.output, inPlace: flags['in-place'], canInPlace: true}, {flag: 'report', file: flags.report}], [args.file, flags.key])
    const format = this.reportFormat(flags)
    const keep = parseKeep(flags.keep)
    const key = loadKey(flags.key, (warning) => this.warnLine(warning))
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
    if (format === 'table') {
      const summary = tokenizeSummary(result, args.file, flags.output, options.lang)
      if (flags.report) {
        await writeFileAtomic(flags.report, summary)
        this.saySaved(result.report.summary, flags.output, flags.report)
      } else await this.print(summary)
      this.exitFor(result.report, options)
      return
    }
    await this.emitReport(result.report, flags, options, flags.output)
  }
}
