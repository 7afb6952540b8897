// The report contract (docs/formats.md, schemas/report.schema.json). Every command returns one of these; every
// formatter renders one. Field names and shapes are public API.

import type {FindingCode} from './codes.js'
import type {RecordRef, RelatedRef, Severity, FailOn} from '../types.js'

export type {FailOn, Lang, MaskMode, RecordRef, RelatedRef, Severity} from '../types.js'

/** What became of a finding against what was known before (registry, --exceptions, --baseline). */
export type FindingState = 'new' | 'open' | 'resolved' | 'waived' | 'known'

export interface Finding extends RecordRef {
  code: FindingCode
  severity: Severity
  message: string
  hint?: string
  field?: string
  column?: string
  value?: string
  expected?: string
  related?: RelatedRef[]
  /** Stable id of the finding (fingerprint.ts): the same problem of the same child keeps it across runs. */
  fingerprint: string
  /** Who and where: the row's child name and place, as the roster writes them (masked per --mask). */
  name?: string
  town?: string
  village?: string
  state?: FindingState
  childId?: string
  firstSeen?: string
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
  /**
   * Why the child counts as left behind (国发〔2016〕13号): both parents away, one away and the other
   * without guardianship capacity (at home ill, disabled or unable to care; dead, in prison or
   * missing), or otherwise (including a roster row that shows a parent at home and able).
   */
  basis?: 'both-away' | 'one-away-other-incapable' | 'other'
}

export interface Summary {
  rows: number
  findings: number
  errors: number
  warnings: number
  infos: number
  byCode: Record<string, number>
  /** Present when any finding has a state: errors, warnings and infos split by state. */
  byState?: Partial<Record<FindingState, {errors: number; warnings: number; infos: number}>>
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
  /** registry subcommands: the registry after the command (SPEC "The registry"). */
  registry?: RegistryInfo
  /** registry child: one child's file (一人一档). */
  child?: ChildFile
}

export interface RegistryInfo {
  asOf: string
  snapshots: {department: string; files: string[]; rows: number; unchanged?: boolean}[]
  children: number
  entered: number
  exited: number
  /** registry status: the exits since the previous snapshot by their DIFF_EXIT_* code. */
  exitsByReason?: Record<string, number>
}

export interface ChildFile {
  childId: string
  merged: string[]
  /** `fields`: the canonical field of each header that has one (what masking goes by). */
  rows: {asOf: string; department: string; file: string; row: number; cells: Record<string, string>; fields?: Record<string, string>}[]
  changes: {asOf: string; field: string; before: string; after: string}[]
  risks: {asOf: string; level: string; factors: string[]}[]
}

const SEVERITY_RANK: Record<Severity, number> = {info: 0, warning: 1, error: 2}
// The exit code ignores findings that are waived, known (in the baseline) or resolved.
const SETTLED: readonly FindingState[] = ['waived', 'known', 'resolved']

/** Exit status (docs/architecture.md "Contracts"): 1 when any finding not settled is at or above `failOn`, else 0. */
export function exitCodeFor(summary: Summary, failOn: FailOn): 0 | 1 {
  if (failOn === 'never') return 0
  const threshold = SEVERITY_RANK[failOn]
  const open = {errors: summary.errors, warnings: summary.warnings, infos: summary.infos}
  for (const state of SETTLED) {
    const settled = summary.byState?.[state]
    if (!settled) continue
    open.errors -= settled.errors
    open.warnings -= settled.warnings
    open.infos -= settled.infos
  }
  if (open.errors > 0 && SEVERITY_RANK.error >= threshold) return 1
  if (open.warnings > 0 && SEVERITY_RANK.warning >= threshold) return 1
  if (open.infos > 0 && SEVERITY_RANK.info >= threshold) return 1
  return 0
}
