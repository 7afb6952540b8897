import {Args, Flags} from '@oclif/core'
import path from 'node:path'

import {assertNotInput, writeFileAtomic} from '../src/io/atomic-write.js'
import {type DedupeResult, dedupeFiles} from '../src/dedupe/dedupe.js'
import {modelJson, writeAssignments, writeMerged} from '../src/dedupe/outputs.js'
import {explainPair, findRecord} from '../src/link/explain.js'
import type {Report} from '../src/findings/model.js'
import {parseDatasetArgs} from '../src/schema/dataset-args.js'
import {ReportCommand, errorLine} from './_base.js'
import {parseOutputEncoding, parseThresholds, sharedFlags} from './_flags.js'

export default class Dedupe extends ReportCommand {
  static override summary = 'Find every record of the same child within and across rosters'
  static override description = `Links the rows of one or more rosters into children: blocking on ID pieces, birth date, name pinyin, county, guardian and phone; comparisons of ID, name (homophones, look-alike and traditional characters), birth date (lunar, day–month swaps), sex, region and household; Fellegi–Sunter weights learnt from the data by EM, with a term-frequency adjustment for common names. Clusters never hold two different valid ID numbers (twins stay apart). The report lists the clusters with per-pair evidence, DUP_MATCH on every row of a match cluster but its first, DUP_POSSIBLE on the rows of a possible one. No row is ever dropped. A FILE may be given as DEPT=FILE to name its dataset.

${ReportCommand.exitCodesHelp}`

  static override examples = [
    '<%= config.bin %> dedupe 花名册.xlsx',
    '<%= config.bin %> dedupe civil-affairs=民政.csv education=学籍.xlsx --json --output dedupe.json',
    '<%= config.bin %> dedupe roster.csv --explain 12 57',
    '<%= config.bin %> dedupe roster.csv --assignments clusters.csv --merged merged.xlsx',
  ]

  static override strict = false
  static override args = {files: Args.string({description: 'roster files (.csv, .tsv, .xlsx), or DEPT=FILE', required: true})}
  static override flags = {
    match: sharedFlags.match,
    possible: sharedFlags.possible,
    explain: Flags.string({description: 'print how the score of two rows was built: ROW ROW (or DATASET:ROW)', multiple: true}),
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
    if (explain !== undefined && explain.length !== 2) this.userError('--explain takes two rows: --explain ROW ROW (or DATASET:ROW)')
    const inputs = parseDatasetArgs(argv as string[])
    const files = inputs.map((i) => i.file)
    for (const out of [flags.assignments, flags.merged, flags.model, flags.output]) if (out) assertNotInput(out, files)

    this.startProgress(flags)
    const report = await this.link(inputs, flags, options, match, possible, explain as [string, string] | undefined)
    if (report) await this.emitReport(report, flags, options)
  }

  /** Links the inputs and writes the side outputs; returns the report to emit (none for --explain). */
  private async link(
    inputs: ReturnType<typeof parseDatasetArgs>,
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
      onWarning: (message) => process.stderr.write(`liushou: warning: ${errorLine(message)}\n`),
      onProgress: (phase, done, total, subject) => {
        if (done === 0) progress.phase(phase, {unit: phase === 'reading' ? 'rows' : 'pairs', ...(total === undefined ? {} : {total}), ...(subject ? {subject: path.basename(subject)} : {})})
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
      if (i === undefined) this.userError(`--explain: no row "${spec}" in the input (write ROW, or DATASET:ROW with several files)`)
      return i
    })
    const [a, b] = records as [number, number]
    if (a === b) this.userError('--explain needs two different rows')
    await this.emitExplanation(explainPair(result.store, result.link, a, b, options.mask, options.lang), flags, options)
  }
}
