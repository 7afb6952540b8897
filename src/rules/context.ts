import {ageAt, parseDate, type ParsedDate} from '../cn/dates.js'
import {analyzeId, type IdAnalysis} from '../cn/id-number.js'
import type {RowUnits} from '../findings/breakdown.js'
import type {FindingInput} from '../findings/collector.js'
import {type Subject, type SubjectCells, subjectOf} from '../findings/subject.js'
import {unitsOf} from '../findings/units.js'
import type {Lang} from '../findings/model.js'
import type {ListKind} from '../schema/dataset-args.js'
import {ruleApplies} from './kinds.js'
import type {Roster, RosterRow} from '../schema/roster.js'
import {DATED_CODES} from './dated.js'

export type AgeLimit = 16 | 18

export interface RuleOptions {
  asOf: string
  lang: Lang
  /** 16 for left-behind children, 18 for children in difficulty (困境儿童). */
  ageLimit: AgeLimit
  /** NOT_LEFT_BEHIND on left-behind rosters (`validate --check-eligibility`); off by default. */
  checkEligibility?: boolean
  /**
   * What the list is (schema/dataset-args.ts LIST_KINDS): AGE_OUT_OF_RANGE and NOT_LEFT_BEHIND
   * apply to the left-behind roster only. Absent: left-behind.
   */
  kind?: ListKind
  /**
   * Only the rules that read the as-of date, and only their DATED_CODES (dated.ts): the registry
   * checks a snapshot it checked at the previous ingest so, and carries the other findings over.
   */
  datedOnly?: boolean
}

/**
 * What the rules of one row share, computed once: cell access by field, the ID analyses and the
 * child's birth date. Rules are plain functions of this context.
 */
export class RowContext {
  private readonly ids = new Map<string, IdAnalysis>()
  private birthDateParsed?: ParsedDate
  private rowUnits?: RowUnits
  private rowSubject?: Subject
  /** One function for the context's life: findings ask it for the subject only when they need it. */
  private readonly subjectOfRow = (): Subject => (this.rowSubject ??= subjectOf(this.subjectCells()))
  /** Field → column index as a plain object: looked up a dozen times a row. */
  private readonly index: Record<string, number | undefined>
  row!: RosterRow

  constructor(
    readonly roster: Roster,
    readonly options: RuleOptions,
    private readonly sink: (finding: FindingInput) => void,
  ) {
    this.index = Object.fromEntries(roster.fieldIndex)
  }

  /** Points the context at the next row; one context serves a whole roster. */
  reset(row: RosterRow): this {
    this.row = row
    this.ids.clear()
    this.birthDateParsed = undefined
    this.rowUnits = undefined
    this.rowSubject = undefined
    return this
  }

  emit(finding: Omit<FindingInput, 'ref'>): void {
    if (this.options.datedOnly && !DATED_CODES.has(finding.code)) return
    // A ragged row's cells are shifted: its findings are keyed by the row, not by guessed cells.
    this.sink({...finding, ref: this.row.ref, subject: this.row.ragged === undefined ? this.subjectOfRow : undefined})
  }

  /** The reporting unit, county, town and village of the row (findings/units.ts). */
  units(): RowUnits {
    this.rowUnits ??= unitsOf(this.unitCells())
    return this.rowUnits
  }

  private unitCells() {
    return {reportingUnit: this.get('reportingUnit'), regionCode: this.get('regionCode'), county: this.get('county'), town: this.get('town'), village: this.get('village')}
  }

  /** The cells the row's subject is read from (findings/subject.ts), as the roster writes them. */
  subjectCells(): SubjectCells {
    return {...this.unitCells(), idNumber: this.get('idNumber'), name: this.get('name'), birthDate: this.get('birthDate')}
  }

  has(field: string): boolean {
    return this.index[field] !== undefined
  }

  get(field: string): string {
    const i = this.index[field]
    return i === undefined ? '' : (this.row.cells[i] ?? '')
  }

  /** The column header of a field, for `Finding.column`. */
  column(field: string): string | undefined {
    const i = this.index[field]
    return i === undefined ? undefined : this.roster.columns[i]?.header
  }

  /** Whether the field's cell was a number too long for a spreadsheet (an .xlsx damage sign). */
  isLongNumber(field: string): boolean {
    if (!this.row.longNumbers) return false
    const i = this.index[field]
    return i !== undefined && this.row.longNumbers.includes(i)
  }
  id(field: string): IdAnalysis {
    let a = this.ids.get(field)
    if (!a) {
      a = analyzeId(this.get(field))
      this.ids.set(field, a)
    }
    return a
  }

  /** The ID's content, usable only when the number passed the format checks (docs/rules.md: one ID code per number). */
  usableId(field: string): IdAnalysis | undefined {
    if (!this.has(field) || this.isLongNumber(field)) return undefined
    const a = this.id(field)
    if (a.problem || !a.canonical || a.birthInvalid || !a.birth) return undefined
    if (a.birth.iso > this.options.asOf) return undefined
    return a
  }

  /** The list's kind: which rules apply (left-behind unless the run says otherwise). */
  get kind(): ListKind {
    return this.options.kind ?? 'left-behind'
  }

  /** Whether rule `code` runs on this list (kinds.ts: AGE_OUT_OF_RANGE, NOT_LEFT_BEHIND on left-behind rosters only). */
  applies(code: string): boolean {
    return ruleApplies(code, this.kind)
  }

  birthDate(): ParsedDate {
    this.birthDateParsed ??= parseDate(this.get('birthDate'))
    return this.birthDateParsed
  }

  /**
   * The child's birth date for age rules: the ID's when it is usable (public security's record),
   * else the birth date column's (a full date or a year-month).
   */
  childBirth(): {iso: string; from: 'idNumber' | 'birthDate'} | undefined {
    const id = this.usableId('idNumber')
    if (id?.birth) return {iso: id.birth.iso, from: 'idNumber'}
    const b = this.birthDate()
    if (b.kind === 'date' || b.kind === 'month') return {iso: b.iso, from: 'birthDate'}
    return undefined
  }

  childAge(): number | undefined {
    const birth = this.childBirth()
    if (!birth) return undefined
    const age = ageAt(birth.iso, this.options.asOf)
    return Number.isNaN(age) ? undefined : age
  }
}
