// The report contract of SPEC ("Report contract"). Every command returns one of these; every
// formatter renders one. Field names and shapes are public API.

export type Severity = 'error' | 'warning' | 'info'
export type FailOn = Severity | 'never'
export type Lang = 'zh' | 'en'
export type MaskMode = 'none' | 'ids' | 'all'

export interface RecordRef {
  dataset: string
  file: string
  row: number
}

export interface RelatedRef extends RecordRef {
  field?: string
  value?: string
}

export interface Finding extends RecordRef {
  code: string
  severity: Severity
  message: string
  hint?: string
  field?: string
  column?: string
  value?: string
  expected?: string
  related?: RelatedRef[]
}

export interface InputInfo {
  dataset: string
  department?: string
  file: string
  format: 'csv' | 'xlsx' | 'html' | 'xml'
  encoding?: string
  sheet?: string
  rows: number
}

export type BreakdownLevel = 'reportingUnit' | 'province' | 'city' | 'county' | 'town' | 'village'

export interface BreakdownEntry {
  level: BreakdownLevel
  unit: string
  rows: number
  byCode: Record<string, number>
  confirmed?: Record<string, number>
}

export interface ClusterEvidence {
  a: number
  b: number
  score: number
  fields: Record<string, {level: string; weight: number}>
}

export interface Cluster {
  id: string
  decision: 'match' | 'possible'
  score: number
  members: RecordRef[]
  evidence: ClusterEvidence[]
}

export interface Link {
  id: string
  score: number
  members: (RecordRef & {department?: string})[]
}

export interface Risk extends RecordRef {
  level: 'high' | 'medium' | 'low'
  score: number
  factors: string[]
}

export interface Summary {
  rows: number
  findings: number
  errors: number
  warnings: number
  infos: number
  byCode: Record<string, number>
}

export interface Report {
  tool: 'liushou'
  version: string
  command: string
  asOf: string
  generatedAt: string
  inputs: InputInfo[]
  summary: Summary
  findings: Finding[]
  breakdown?: BreakdownEntry[]
  clusters?: Cluster[]
  links?: Link[]
  risks?: Risk[]
}

const SEVERITY_RANK: Record<Severity, number> = {info: 0, warning: 1, error: 2}

/** Exit status per SPEC: 1 when any finding is at or above `failOn`, else 0. */
export function exitCodeFor(summary: Summary, failOn: FailOn): 0 | 1 {
  if (failOn === 'never') return 0
  const threshold = SEVERITY_RANK[failOn]
  if (summary.errors > 0 && SEVERITY_RANK.error >= threshold) return 1
  if (summary.warnings > 0 && SEVERITY_RANK.warning >= threshold) return 1
  if (summary.infos > 0 && SEVERITY_RANK.info >= threshold) return 1
  return 0
}
