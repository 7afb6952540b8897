import {packageVersion} from '../package-root.js'
import type {FindingCollector} from './collector.js'
import type {InputInfo, Report} from './model.js'

export interface AssembleInput {
  command: string
  asOf: string
  inputs: InputInfo[]
  collector: FindingCollector
  rows: number
}

export function assembleReport({command, asOf, inputs, collector, rows}: AssembleInput): Report {
  return {
    tool: 'liushou',
    version: packageVersion(),
    command,
    asOf,
    generatedAt: new Date().toISOString(),
    inputs,
    summary: collector.summary(rows),
    findings: collector.findings(inputs.map((i) => i.dataset)),
  }
}
