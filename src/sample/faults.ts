// What the sample declares about itself: every injected fault at its file, Excel row and field,
// with the code liushou is expected to report, so that tests can measure recall and precision.

import {VALIDATE_CODES} from '../findings/codes/validate.js'

export type Severity = 'error' | 'warning' | 'info'
/** Which command is expected to report the fault. */
export type FaultKind = 'validate' | 'dedupe' | 'crosscheck'

export interface RowRef {
  file: string
  row: number
}

export interface Fault extends RowRef {
  /** F001 …, in file and row order. */
  id: string
  kind: FaultKind
  code: string
  severity: Severity
  /** Canonical field (see `liushou schema`). */
  field?: string
  /** The header as written in the file. */
  column?: string
  /** The cell as written. */
  value?: string
  /** The true value (what a correct roster would hold). */
  expected?: string
  description: string
  /** Hidden identity of the child on that row. */
  childId?: string
  related?: RowRef[]
  /**
   * A finding a correct tool may or may not report (e.g. a conflict on an ID that is itself
   * invalid, or on the second row of a duplicated child): neither a miss nor a false alarm.
   */
  optional?: boolean
}

/** One row of a rendered roster: the cells as written, the child it is about, its Excel row. */
export interface SheetRow {
  childId: string
  cells: string[]
  /** Excel row number, set when the file's row order is final. */
  row: number
  /** Marks rows with a structural change (a short ragged row) so later edits keep off them. */
  ragged?: boolean
}

/** A fault attached to a row object while the rows are still being ordered. */
export interface FaultDraft {
  file: string
  at: SheetRow | 'header'
  kind: FaultKind
  code: string
  field?: string
  column?: string
  value?: string
  expected?: string
  description: string
  related?: (SheetRow & {file: string})[]
  /** Overrides the default severity of the code. */
  severity?: Severity
  optional?: boolean
}

const CROSS_SEVERITY: Record<string, Severity> = {
  XC_NOT_ENROLLED: 'warning',
  XC_NOT_REGISTERED: 'error',
  XC_DECEASED: 'error',
  XC_MOVED_OUT: 'warning',
  XC_UNLISTED: 'warning',
  XC_FIELD_CONFLICT: 'error',
  XC_DUPLICATE_REGISTRATION: 'error',
  XC_AMBIGUOUS: 'warning',
  DUP_MATCH: 'warning',
  DUP_POSSIBLE: 'info',
}

export function severityOf(code: string): Severity {
  const v = (VALIDATE_CODES as Record<string, {severity: Severity}>)[code]
  return v?.severity ?? CROSS_SEVERITY[code] ?? 'warning'
}

export function resolveFaults(drafts: FaultDraft[], headerRows: Map<string, number>): Fault[] {
  const faults = drafts.map((d): Fault => {
    const row = d.at === 'header' ? (headerRows.get(d.file) ?? 1) : d.at.row
    const f: Fault = {id: '', file: d.file, row, kind: d.kind, code: d.code, severity: d.severity ?? severityOf(d.code), description: d.description}
    if (d.field !== undefined) f.field = d.field
    if (d.column !== undefined) f.column = d.column
    if (d.value !== undefined) f.value = d.value
    if (d.expected !== undefined) f.expected = d.expected
    if (d.at !== 'header') f.childId = d.at.childId
    if (d.related && d.related.length > 0) f.related = d.related.map((r) => ({file: r.file, row: r.row}))
    if (d.optional) f.optional = true
    return f
  })
  const fileOrder = [...new Set(drafts.map((d) => d.file))]
  faults.sort((a, b) => fileOrder.indexOf(a.file) - fileOrder.indexOf(b.file) || a.row - b.row || a.code.localeCompare(b.code) || (a.field ?? '').localeCompare(b.field ?? ''))
  faults.forEach((f, i) => (f.id = `F${String(i + 1).padStart(3, '0')}`))
  return faults
}
