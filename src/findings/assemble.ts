import {packageVersion} from '../package-root.js'
import type {FindingCollector} from './collector.js'
import {defineFindings} from './report-findings.js'
import type {InputInfo, Report} from './model.js'

export interface AssembleInput {
  command: string
  asOf: string
  inputs: InputInfo[]
  collector: FindingCollector
  rows: number
}

/**
 * The report of a run. Its findings are read from the collector when they are read (see
 * report-findings.ts): the streaming formats never hold them all, `report.findings` builds the array.
 */
export function assembleReport({command, asOf, inputs, collector, rows}: AssembleInput): Report {
  // Exceptions that matched nothing are findings too (on the exceptions file), listed after the inputs.
  const staleOn = collector.addStaleExceptions()
  const order = inputs.map((i) => i.dataset)
  if (staleOn !== undefined) order.push(staleOn)
  const head: Omit<Report, 'findings'> = {
    tool: 'liushou',
    version: packageVersion(),
    command,
    asOf,
    generatedAt: new Date().toISOString(),
    inputs,
    summary: collector.summary(rows),
  }
  return defineFindings(head, collector.list(order))
}
