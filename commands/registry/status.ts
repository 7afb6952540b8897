import {primaryMovement} from '../../src/registry/ingest.js'
import {registryReport, snapshotInputs} from '../../src/registry/report.js'
import {registryRowFacts} from '../../src/registry/packet-rows.js'
import {ReportCommand} from '../_base.js'
import {packetFlags} from '../_flags.js'
import {registryFlags, registryPath, withRegistry} from '../_registry.js'

export default class RegistryStatus extends ReportCommand {
  static override summary = 'The registry’s latest state: open and new findings, entries and exits (the nightly report)'
  static override description = `Reports the findings of the latest ingest on or before --as-of (default: the latest) with their states: open and new ones listed (with the date each was first seen), resolved and waived ones counted (listed with --include-info); the children, and how many entered and left the primary list since its previous snapshot. The exit status follows --fail-on over open and new findings only: the nightly job's exit code.

${ReportCommand.exitCodesHelp}`

  static override examples = ['<%= config.bin %> registry status', '<%= config.bin %> registry status --as-of 2026-12-01 --format html --output 动态管理.html']
  static override flags = {...registryFlags, ...packetFlags}

  async run(): Promise<void> {
    const {flags} = await this.parse(RegistryStatus)
    const options = this.commonOptions(flags)
    const report = await withRegistry(
      registryPath(flags.registry),
      false,
      async (registry) => {
        const ingests = (await registry.ingests()).filter((i) => flags['as-of'] === undefined || i.asOf <= options.asOf)
        const ingest = ingests.sort((a, b) => a.asOf.localeCompare(b.asOf) || a.id - b.id).at(-1)
        const asOf = ingest?.asOf ?? options.asOf
        const r = await registryReport(registry, ingest?.id, {command: 'registry status', asOf, includeInfo: options.includeInfo})
        const primary = (await registry.primaryDepartment()) ?? 'civil-affairs'
        const inputs = await snapshotInputs(registry, asOf)
        const departments = [...new Set(inputs.map((i) => i.dataset))]
        r.registry = {
          asOf,
          snapshots: departments.map((d) => ({department: d, files: inputs.filter((i) => i.dataset === d).map((i) => i.file), rows: inputs.filter((i) => i.dataset === d).reduce((n, i) => n + i.rows, 0)})),
          children: await registry.childCount(),
          ...(await primaryMovement(registry, primary, asOf)),
        }
        // Packets read the rows they show from the registry: the files ingested may be gone.
        const facts = registryRowFacts(registry, asOf)
        await this.writePackets(r, flags, options, {rows: facts.rows, sources: await facts.sources()})
        return r
      },
      true,
    )
    await this.emitReport(report, flags, options)
  }
}
