import {createHash} from 'node:crypto'
import path from 'node:path'

import {parseDate} from '../cn/dates.js'
import {assembleReport} from '../findings/assemble.js'
import {FindingCollector} from '../findings/collector.js'
import type {InputInfo, Report} from '../findings/model.js'
import type {CommonOptions} from '../options.js'
import {AnswerApplier} from '../packets/applier.js'
import {type AnswerLine, readAnswers} from '../packets/read.js'
import {packageVersion} from '../package-root.js'
import {canonicalOf} from './canonical.js'
import {IngestChecks, materializeLatest} from './checks.js'
import {primaryMovement, privateTempDir} from './ingest.js'
import type {Registry} from './registry.js'
import type {RegistryInfo} from '../findings/model.js'

// `registry apply --answers …` (docs/packets.md): the answers to packets of `registry status`, into
// the registry. The corrections become a new snapshot of each list they touch, as of the answer
// date — the same rows and children, only answered cells changed — and confirmed findings become
// the registry's waivers; then the lists are checked again and the findings' states recorded, in
// one transaction.

function answerDate(lines: readonly AnswerLine[], fallback: string): string {
  let latest: string | undefined
  for (const l of lines) {
    const d = parseDate(l.checkedOn)
    if (d.kind === 'date' && (!latest || d.iso > latest)) latest = d.iso
  }
  return latest ?? fallback
}

export async function registryApply(registry: Registry, options: CommonOptions & {answers: string[]}): Promise<{report: Report; corrected: number; confirmed: number; open: number; refused: number}> {
  const lang = options.lang
  const {lines, packets} = await readAnswers(options.answers)
  const asOf = answerDate(lines, options.asOf)
  const collector = new FindingCollector({lang, includeInfo: true, listSettled: options.includeInfo})
  const departments = new Set(await registry.departments())
  const byDepartment = new Map<string, AnswerLine[]>()
  const appliers: AnswerApplier[] = []
  for (const line of lines) {
    if (departments.has(line.dataset)) byDepartment.set(line.dataset, [...(byDepartment.get(line.dataset) ?? []), line])
    else collector.add({code: 'APPLY_OTHER_ROSTER', ref: {dataset: path.basename(line.packet), file: line.packet, row: line.line}, params: {dataset: line.dataset}})
  }

  const temp = privateTempDir()
  let info: RegistryInfo | undefined
  try {
    info = await registry.transaction(async (tx) => {
      const ingest = byDepartment.size > 0 ? await tx.beginIngest({asOf, version: packageVersion()}) : undefined
      const snapshots: RegistryInfo['snapshots'] = []
      for (const [department, own] of byDepartment) {
        const snapshot = (await tx.latestSnapshot(department, asOf)) ?? (await tx.latestSnapshot(department, '9999-12-31'))
        const applier = new AnswerApplier(collector, department, asOf, lang)
        appliers.push(applier)
        const byRow = applier.byRow(own)
        if (!snapshot || !ingest) {
          for (const list of byRow.values()) applier.unmatched(list)
          continue
        }
        // The new snapshot's files are the old ones corrected: their key says so, so that the
        // same answers applied twice are two snapshots only if the answers differ.
        const digest = createHash('sha256').update(JSON.stringify(own.map((l) => [l.fingerprint, l.result, l.corrected]))).digest('hex')
        const files = snapshot.files.map((f) => ({...f, sha256: createHash('sha256').update(`${f.sha256}:${digest}`).digest('hex')}))
        const writer = await tx.snapshotWriter({department, asOf, ingestId: ingest.id, files})
        const columns = snapshot.files.map((f) => ({
          columns: f.header.map((header, index) => ({index, header, ...(f.fields[index] ? {field: f.fields[index]!} : {})})),
          fieldIndex: new Map(f.fields.flatMap((field, i) => (field ? ([[field, i]] as [string, number][]) : []))),
        }))
        let rows = 0
        for await (const r of tx.snapshotRows(snapshot.id)) {
          const answers = byRow.get(r.row)
          let canonical = r.canonical
          if (answers) {
            byRow.delete(r.row)
            if (applier.applyRow(r.row, r.cells, columns[r.fileIndex]!, answers)) canonical = canonicalOf(snapshot.files[r.fileIndex]!.fields.map((field, i) => [field, i] as const), r.cells)
          }
          await writer.append({fileIndex: r.fileIndex, row: r.row, cells: r.cells, canonical, childId: r.childId})
          rows++
        }
        await writer.finish()
        for (const list of byRow.values()) applier.unmatched(list)
        for (const c of applier.confirmations) {
          const stored = await tx.findingByFingerprint(c.line.fingerprint)
          await tx.waive({
            fingerprint: c.line.fingerprint,
            reason: c.line.note,
            by: c.by,
            date: c.line.checkedOn || asOf,
            ...(stored?.code ? {code: stored.code} : {}),
            ...(stored?.field ? {field: stored.field} : {}),
            ...(stored?.department ? {department: stored.department} : {}),
            ...(stored?.childId ? {childId: stored.childId} : {}),
          })
        }
        snapshots.push({department, files: snapshot.files.map((f) => f.name), rows})
      }
      const primary = (await tx.primaryDepartment()) ?? 'civil-affairs'
      if (ingest) {
        const lists = await materializeLatest(tx, asOf, temp.dir)
        const checks = await IngestChecks.start(tx, ingest, options)
        try {
          await checks.validate(lists)
          await checks.record(ingest.id, lists, await checks.crosscheck(lists, primary))
        } finally {
          checks.close()
        }
      }
      return {asOf, snapshots, children: await tx.childCount(), ...(await primaryMovement(tx, primary, asOf))}
    })
  } finally {
    temp.remove()
  }
  const inputs: InputInfo[] = packets.map((p) => ({dataset: path.basename(p.file), file: p.file, format: 'xlsx', sheet: p.sheet, rows: p.lines}))
  const report = assembleReport({command: 'registry apply', asOf, inputs, collector, rows: lines.length})
  if (info) report.registry = info
  const sum = (k: 'corrected' | 'confirmed' | 'open' | 'refused') => appliers.reduce((n, a) => n + a[k], 0)
  return {report, corrected: sum('corrected'), confirmed: sum('confirmed'), open: sum('open'), refused: sum('refused')}
}
