import {rowReader, headerOf} from '../care/columns.js'
import {DEFAULT_RISK_CONFIG, type RiskConfig} from '../risk/config.js'
import {childAge, rowFacts} from '../risk/factors.js'
import {rate, settleChildFactors} from '../risk/risk.js'
import {mapHeader} from '../schema/headers.js'
import type {Column, Roster} from '../schema/roster.js'

// A child's risk over time (registry child's `risks`): each snapshot of the primary list rated as
// `liushou risk` rates a child, from the child's row in that snapshot and — for RISK_NOT_ENROLLED —
// whether the child is on the education snapshot of that date. What risk learns from the other
// departments' rows (a parent's death on the household register, an illness on the disabled
// persons' federation's list) is not read here: the stored rows are the primary list's.

/** One rated snapshot of a child. */
export interface RiskAt {
  asOf: string
  level: 'high' | 'medium' | 'low'
  factors: string[]
}

/** The columns and field index of a stored snapshot file. */
export type StoredLayout = Pick<Roster, 'columns' | 'fieldIndex'>

/** The layout of a stored snapshot file, from its header as ingested. */
export function storedRoster(header: readonly string[]): StoredLayout {
  const columns: Column[] = header.map((h, index) => {
    const field = h ? mapHeader(h) : undefined
    return field ? {index, header: h, field} : {index, header: h}
  })
  const fieldIndex = new Map<string, number>()
  for (const c of columns) if (c.field && !fieldIndex.has(c.field)) fieldIndex.set(c.field, c.index)
  return {columns, fieldIndex}
}

/**
 * The rating of one stored row as of its snapshot's date, or undefined when `risk` would not rate
 * it (the child aged out, dead or moved out: RISK_NOT_RATED). `onStudentRoster` is undefined when
 * there is no education snapshot of that date to judge enrolment by.
 */
export function rateStoredRow(
  roster: StoredLayout,
  cells: readonly string[],
  asOf: string,
  onStudentRoster: boolean | undefined,
  config: RiskConfig = DEFAULT_RISK_CONFIG,
): RiskAt | undefined {
  const get = rowReader(roster, cells, cells.length)
  const facts = rowFacts(get, (field) => headerOf(roster, field), asOf, config)
  if (facts.registration) return undefined
  const age = childAge(facts.birth, asOf) ?? facts.age
  if (age !== undefined && age >= config.ageLimit) return undefined
  const factors = new Set(facts.factors)
  settleChildFactors(factors, [facts], age, onStudentRoster, config)
  const rated = rate(factors, config)
  return {asOf, level: rated.level, factors: rated.factors}
}
