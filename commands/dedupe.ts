import {Args, Flags} from '@oclif/core'
import path from 'node:path'

import {type OutputFile, assertOutputs, writeFileAtomic} from '../src/io/atomic-write.js'
import {type DedupeResult, dedupeFiles} from '../src/dedupe/dedupe.js'
import {modelJson, writeAssignments, writeMerged} from '../src/dedupe/outputs.js'
import {explainPair, findRecord} from '../src/link/explain.js'
import type {Report} from '../src/findings/model.js'
import {parseListArgs} from '../src/schema/dataset-lists.js'
import {ReportCommand} from './_base.js'
import type {CommandZh} from './_zh.js'
import {parseOutputEncoding, parseThresholds, sharedFlags} from './_flags.js'

export default class Dedupe extends ReportCommand {
  static override summary = 'Find every record of the same child within and across rosters'
  static override description = `Links the rows of one or more rosters into children: blocking on ID pieces, birth date, name pinyin, county, guardian and phone; comparisons of ID, name (homophones, look-alike and traditional characters), birth date (lunar, day–month swaps), sex, region and household; Fellegi–Sunter weights learnt from the data by EM, with a term-frequency adjustment for common names. Clusters never hold two different valid ID numbers (twins stay apart). The report lists the clusters with per-pair evidence, DUP_MATCH on every row of a match cluster but its first, DUP_POSSIBLE on the rows of a possible one. No row is ever dropped. A FILE may be given as DEPT=FILE to name its dataset, and may be a folder; files given with one DEPT (or a quoted glob) are one list, each row keeping its own file and row (--explain DATASET:FILE:ROW), and --merged is one roster for all of them.

${ReportCommand.exitCodesHelp}`

  static zh: CommandZh = {
    summary: '在一份或多份名单中找出同一儿童的所有记录',
    description: `把一份或多份名单的各行归并为儿童：按身份证号片段、出生日期、姓名拼音、县、监护人和电话分块；比较身份证号、姓名（同音、形近、繁简）、出生日期（农历、日月颠倒）、性别、区划和家庭；用 EM 从数据中估计 Fellegi–Sunter 权重，并按常见姓名调整。同一组里不会有两个不同的有效身份证号（双胞胎不会合并）。报告列出各组及其逐对证据：match 组除第一行外每行一个 DUP_MATCH，possible 组每行一个 DUP_POSSIBLE。从不删除任何一行。文件可写作 部门=文件，以此命名数据集，也可以是文件夹；同一部门的多个文件（或带引号的通配符）作为一份名单，每行仍注明所在的文件和行（--explain 数据集:文件:行号），--merged 把它们写成一份名册。

${ReportCommand.exitCodesHelpZh}`,
    examples: [
      {description: '查找花名册中的重复记录', command: '<%= config.bin %> dedupe 花名册.xlsx'},
      {description: '跨两份名单查找，报告存为 JSON', command: '<%= config.bin %> dedupe 民政=花名册.csv 教育=学籍.xlsx --output 重复.json'},
      {description: '查看第 12 行与第 57 行的比对过程', command: '<%= config.bin %> dedupe 花名册.csv --explain 12 57'},
      {description: '写出每行所属的组，以及合并后的名册', command: '<%= config.bin %> dedupe 花名册.csv --assignments 分组.csv --merged 合并.xlsx'},
    ],
    flags: {
      explain: '显示两行的得分是怎样算出的：行号 行号（多个文件时写 数据集:行号；一份名单有多个文件时写 数据集:文件:行号）',
      assignments: '写出每一输入行及其所属的组（.csv、.tsv 或 .xlsx；仅本人可读）',
      merged: '每个儿童写出一条最佳记录，注明每个值来自哪些行（.csv、.tsv 或 .xlsx；仅本人可读）',
      model: '把训练得到的模型（m、u、权重、EM 过程、分块数据）写成 JSON',
    },
    args: {files: '名单文件（.csv、.tsv、.xlsx）或文件夹，或 部门=文件（同一部门可写多次）'},
  }

  static override examples = [
    '<%= config.bin %> dedupe 花名册.xlsx',
    '<%= config.bin %> dedupe civil-affairs=民政.csv education=学籍.xlsx --json --output dedupe.json',
    '<%= config.bin %> dedupe roster.csv --explain 12 57',
    '<%= config.bin %> dedupe roster.csv --assignments clusters.csv --merged merged.xlsx',
  ]

  static override strict = false
  static override args = {files: Args.string({ignoreStdin: true, description: 'roster files (.csv, .tsv, .xlsx) or folders, or DEPT=FILE (a department may be given several files)', required: true})}
  static override flags = {
    match: sharedFlags.match,
    possible: sharedFlags.possible,
    explain: Flags.string({description: 'print how the score of two rows was built: ROW ROW (or DATASET:ROW; DATASET:FILE:ROW in a list of several files)', multiple: true}),
    assignments: Flags.string({description: 'write every input row with its cluster (.csv, .tsv or .xlsx)'}),
    merged: Flags.string({description: 'write one best record per child, with the rows each value came from (.csv, .tsv or .xlsx)'}),
    model: Flags.string({description: 'write the trained model (m, u, weights, EM sessions, blocking figures) as JSON'}),
    'output-encoding': sharedFlags.outputEncoding,
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Dedupe)
    const options = this.commonOptions(flags)
    const {match, possible} = parseThresholds(flags)
    const explain = flags.explain
    if (explain !== undefined && explain.length !== 2) this.userError({en: '--explain takes two rows: --explain ROW ROW (or DATASET:ROW)', zh: '--explain 需要两个行号：--explain 行号 行号（或 数据集:行号）'})
    const inputs = parseListArgs(argv as string[])
    const files = inputs.flatMap((i) => i.files)
    const outputs: OutputFile[] = []
    for (const flag of ['output', 'assignments', 'merged', 'model'] as const) if (flags[flag]) outputs.push({flag, file: flags[flag]})
    assertOutputs(outputs, files)

    this.startProgress(flags)
    const report = await this.link(inputs, flags, options, match, possible, explain as [string, string] | undefined)
    if (report) await this.emitReport(report, flags, options)
  }

  /** Links the inputs and writes the side outputs; returns the report to emit (none for --explain). */
  private async link(
    inputs: ReturnType<typeof parseListArgs>,
    flags: Record<string, unknown> & {assignments?: string; merged?: string; model?: string; 'output-encoding': string},
    options: ReturnType<ReportCommand['commonOptions']>,
    match: number | undefined,
    possible: number | undefined,
    explain: [string, string] | undefined,
  ): Promise<Report | undefined> {
    // The records and pairs live only in this call: they are released before the report is
    // rendered (a million rows' report is large enough on its own).
    const progress = this.progress
    const result = await dedupeFiles(inputs, {
      ...options,
      ...(match === undefined ? {} : {match}),
      ...(possible === undefined ? {} : {possible}),
      onWarning: (message) => this.warnLine(message),
      onProgress: (phase, done, total, subject) => {
        if (done === 0) progress.phase(phase, {...(total === undefined ? {} : {total}), ...(subject ? {subject: path.basename(subject)} : {})})
        else progress.update(done)
      },
    })
    const encoding = parseOutputEncoding(flags['output-encoding'])
    if (flags.assignments) {
      progress.phase('writing', {subject: path.basename(flags.assignments)})
      await writeAssignments(flags.assignments, result, {encoding, mask: options.mask})
    }
    if (flags.merged) {
      progress.phase('writing', {subject: path.basename(flags.merged)})
      await writeMerged(flags.merged, result, {encoding})
    }
    if (flags.model) await writeFileAtomic(flags.model, modelJson(result))
    if (explain !== undefined) {
      await this.explain(result, explain, flags, options)
      return undefined
    }
    return result.report
  }

  private async explain(result: DedupeResult, rows: [string, string], flags: Record<string, unknown>, options: ReturnType<ReportCommand['commonOptions']>): Promise<void> {
    const records = rows.map((spec) => {
      const i = findRecord(result.store, spec)
      if (i === undefined) this.userError({en: `--explain: no row "${spec}" in the input (write ROW, or DATASET:ROW with several files)`, zh: `--explain：输入中没有“${spec}”这一行（写行号；多个文件时写 数据集:行号）`})
      return i
    })
    const [a, b] = records as [number, number]
    if (a === b) this.userError({en: '--explain needs two different rows', zh: '--explain 需要两个不同的行'})
    await this.emitExplanation(explainPair(result.store, result.link, a, b, options.mask, options.lang), flags, options)
  }
}
