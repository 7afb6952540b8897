import {Flags} from '@oclif/core'

import {registryChanges} from '../../src/registry/views.js'
import {ReportCommand} from '../_base.js'
import {parseAgeLimit, parseDateFlag, sharedFlags} from '../_flags.js'
import {registryFlags, registryPath, withRegistry} from '../_registry.js'

export default class RegistryChanges extends ReportCommand {
  static override summary = 'Children who entered, left (with the reason) and changed between two snapshots of the primary list, by child number'
  static override description = `The DIFF_* findings of liushou diff between the primary list's snapshots latest on or before --from (default: the one before the latest) and --to (default: the latest), children followed by their child numbers; exit reasons come from the public-security and education snapshots latest on or before --to. Each finding names the snapshot's file as ingested.

${ReportCommand.exitCodesHelp}`

  static override examples = ['<%= config.bin %> registry changes', '<%= config.bin %> registry changes --from 2026-09-01 --to 2026-12-01 --format xlsx --output 变动.xlsx']
  static override flags = {
    ...registryFlags,
    from: Flags.string({description: 'the earlier snapshot: the latest on or before this date (YYYY-MM-DD)'}),
    to: Flags.string({description: 'the later snapshot: the latest on or before this date (YYYY-MM-DD)'}),
    'age-limit': sharedFlags.ageLimit({default: '16'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(RegistryChanges)
    const options = this.commonOptions(flags)
    const report = await withRegistry(
      registryPath(flags.registry),
      false,
      (registry) =>
        registryChanges(registry, {
          ...options,
          ...(flags.from ? {from: parseDateFlag('from', flags.from)} : {}),
          ...(flags.to ? {to: parseDateFlag('to', flags.to)} : {}),
          ageLimit: parseAgeLimit(flags['age-limit']) ?? 16,
        }),
      true,
    )
    await this.emitReport(report, flags, options)
  }
}
