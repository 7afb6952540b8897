import {Args} from '@oclif/core'

import {childFile} from '../../src/registry/views.js'
import {ReportCommand} from '../_base.js'
import {registryFlags, registryPath, withRegistry} from '../_registry.js'

export default class RegistryChild extends ReportCommand {
  static override summary = 'One child’s file (一人一档): every row of every snapshot, the changes and the findings'
  static override description = `Finds the child by child number (LS430524-0000123) or ID number and reports the child's findings of the latest ingest with their states, plus child: the numbers merged into it, every row of every department's snapshot with its cells, and the changes between consecutive snapshots field by field.

${ReportCommand.exitCodesHelp}`

  static override examples = ['<%= config.bin %> registry child LS433122-0000042', '<%= config.bin %> registry child 433122201305186959 --json']
  static override args = {child: Args.string({ignoreStdin: true, description: 'child number or ID number', required: true})}
  static override flags = {...registryFlags}

  async run(): Promise<void> {
    const {args, flags} = await this.parse(RegistryChild)
    const options = this.commonOptions(flags)
    const report = await withRegistry(registryPath(flags.registry), false, (registry) => childFile(registry, args.child, options), true)
    await this.emitReport(report, flags, options)
  }
}
