import {Args, Flags} from '@oclif/core'

import {diffSnapshots} from '../src/diff/diff.js'
import {UserError} from '../src/errors.js'
import {parseDatasetArgs} from '../src/schema/dataset-args.js'
import {ReportCommand} from './_base.js'
import {parseAgeLimit, parseDateFlag, parseThresholds, sharedFlags} from './_flags.js'

export default class Diff extends ReportCommand {
  static override summary = 'Children who entered, left and changed between two snapshots of a roster'
  static override description = `Links the children of two snapshots of a roster (and of any department lists given as DEPT=FILE) with the linkage engine of dedupe — child by child, never by row position — and reports, always listed: DIFF_ENTERED (on the new snapshot's row), DIFF_CHANGED (one per field whose canonical value changed: value new, expected old; a format-only difference is no change) and one exit per child that left, on the old snapshot's row, with its reason from the data: DIFF_EXIT_DECEASED and DIFF_EXIT_MOVED_OUT (public-security list), DIFF_EXIT_AGED_OUT (16 at --as-of), DIFF_EXIT_PARENTS_RETURNED (a parent marked 在家 or the guardian, on the new snapshot or a list), else DIFF_EXIT_UNEXPLAINED (an error). See docs/diff.md.

--as-of is the new snapshot's date (default: the date of its title, 截至…, else its latest 填报日期, else today); --old-as-of the old one's (default likewise from the old snapshot).

${ReportCommand.exitCodesHelp}`

  static override examples = [
    '<%= config.bin %> diff 2026年三季度.xlsx 2026年四季度.xlsx public-security=户籍.csv --as-of 2026-12-01',
    '<%= config.bin %> diff old.csv new.csv education=学籍.xlsx --format html --output 变动.html',
  ]

  static override strict = false
  static override args = {
    old: Args.string({ignoreStdin: true, description: 'the old snapshot (FILE or NAME=FILE)', required: true}),
    new: Args.string({ignoreStdin: true, description: 'the new snapshot (FILE or NAME=FILE)', required: true}),
    lists: Args.string({ignoreStdin: true, description: 'DEPT=FILE department lists (public-security tells deaths and moves)'}),
  }

  static override flags = {
    'old-as-of': Flags.string({description: "the old snapshot's reference date, YYYY-MM-DD (default: its latest 填报日期)"}),
    'age-limit': sharedFlags.ageLimit({default: '16', description: 'age at which a child leaves the roster: 16 (left-behind children) or 18 (children in difficulty)'}),
    match: sharedFlags.match,
    possible: sharedFlags.possible,
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Diff)
    const options = this.commonOptions(flags)
    const [oldArg, newArg, ...listArgs] = parseDatasetArgs(argv as string[])
    if (!oldArg || !newArg) throw new UserError('give the old and the new snapshot: liushou diff OLD NEW [DEPT=FILE...]')
    const progress = this.startProgress(flags)
    const report = await diffSnapshots(oldArg, newArg, listArgs, {
      ...options,
      ...(flags['old-as-of'] ? {oldAsOf: parseDateFlag('old-as-of', flags['old-as-of'])} : {}),
      ...parseThresholds(flags),
      ageLimit: parseAgeLimit(flags['age-limit']) ?? 16,
      inferAsOf: flags['as-of'] === undefined,
      onProgress: (phase, done, total, subject) => {
        progress.phase(phase, total === undefined ? {} : {total})
        progress.update(done, subject)
      },
    })
    await this.emitReport(report, flags, options)
  }
}
