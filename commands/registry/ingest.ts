import {Args, Flags} from '@oclif/core'

import {ingestLists} from '../../src/registry/ingest.js'
import {registryReport} from '../../src/registry/report.js'
import {ReportCommand, errorLine} from '../_base.js'
import {parseThresholds, sharedFlags} from '../_flags.js'
import {parseLists, registryFlags, registryPath, withRegistry} from '../_registry.js'

export default class RegistryIngest extends ReportCommand {
  static override summary = 'Store departments’ lists in the registry: a snapshot each, every child under one stable number, findings followed over time'
  static override description = `Stores each list as a snapshot of that department as of --as-of (the date the list describes): every original cell, the canonical values, the row numbers and the files' SHA-256. Each row gets its child number (儿童编号, LS + county code + - + sequence): the number of the registered child it is, or a new one, never re-deciding who is who; a row that could be two registered children gets a new number and REG_UNCERTAIN, never a merge. The departments' latest snapshots are then validated and cross-checked, and each finding's state recorded (new, open, resolved, waived). Everything happens in one transaction: an interrupted ingest leaves the registry as it was. A list already stored for that department and date (same files) changes nothing. See docs/registry.md.

${ReportCommand.exitCodesHelp}`

  static override examples = [
    '<%= config.bin %> registry ingest civil-affairs=2026年9月花名册.xlsx --as-of 2026-09-01',
    '<%= config.bin %> registry ingest civil-affairs=民政.csv education=学籍/ public-security=户籍.csv --as-of 2026-12-01 --registry 泸溪县.duckdb',
  ]

  static override strict = false
  static override args = {lists: Args.string({ignoreStdin: true, description: 'DEPT=FILE (or DEPT=FOLDER) for each list; a department may be given several files', required: true})}
  static override flags = {
    ...registryFlags,
    primary: Flags.string({description: 'the primary list’s department, recorded at the first ingest (default: civil-affairs)'}),
    match: sharedFlags.match,
    possible: sharedFlags.possible,
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(RegistryIngest)
    const options = this.commonOptions(flags)
    if (flags['as-of'] === undefined) this.userError('--as-of is required: the date the lists describe (YYYY-MM-DD)')
    const lists = parseLists(argv as string[])
    const file = registryPath(flags.registry)
    const progress = this.startProgress(flags)
    const report = await withRegistry(file, true, async (registry) => {
      const result = await ingestLists(registry, {
        ...options,
        lists,
        ...(flags.primary ? {primary: flags.primary} : {}),
        ...parseThresholds(flags),
        onProgress: (phase, done, total) => {
          progress.phase(phase, total === undefined ? {} : {total})
          progress.update(done)
        },
      })
      // An unchanged ingest reports the registry as it stands: the latest ingest's findings.
      const r = await registryReport(registry, result.ingestId ?? (await registry.latestIngest())?.id, {command: 'registry ingest', asOf: options.asOf, includeInfo: options.includeInfo})
      r.registry = result.summary
      return r
    })
    const unchanged = report.registry?.snapshots.filter((s) => s.unchanged) ?? []
    for (const s of unchanged) {
      process.stderr.write(options.lang === 'zh' ? `liushou: ${s.department} ${options.asOf} 的名册已登记（文件相同），未作更改\n` : `liushou: ${s.department}'s list of ${options.asOf} is stored already (same files): nothing changed\n`)
    }
    process.stderr.write(
      options.lang === 'zh'
        ? `liushou: 登记册 ${errorLine(file)}：${report.registry?.children ?? 0} 名儿童，本期新增 ${report.registry?.entered ?? 0}、退出 ${report.registry?.exited ?? 0}\n`
        : `liushou: registry ${errorLine(file)}: ${report.registry?.children ?? 0} children; ${report.registry?.entered ?? 0} entered, ${report.registry?.exited ?? 0} left since the previous snapshot\n`,
    )
    await this.emitReport(report, flags, options)
  }
}
