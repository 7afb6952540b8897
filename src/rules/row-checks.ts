import type {RowUnits, UnitIds} from '../findings/breakdown.js'
import type {FindingInput} from '../findings/collector.js'
import type {Roster, RosterRow} from '../schema/roster.js'
import {checkAge, checkBirthAgainstId, checkGenderAgainstId, checkGuardian, checkParentAges, checkSchoolAge} from './consistency.js'
import {RowContext, type RuleOptions} from './context.js'
import {checkEligibility} from './eligibility.js'
import {checkDates, checkEnums, checkNames, checkPhones} from './fields.js'
import {checkIds} from './identity.js'
import {NO_ID, idHigh, idLow} from './id-set.js'
import {checkRegion} from './region.js'
import {checkRagged, checkRequired} from './structure.js'

// The rules of one row, apart from what needs every row (ID_DUPLICATE): the part of validate that
// can run on either core. A roster's rows are checked by the validator one by one, or in batches
// (checkRows) whose results the validator takes in the rows' order, wherever they were checked.

// Row rules in the order their findings read best: structure, then each value, then values
// against each other.
const ROW_RULES = [checkRequired, checkNames, checkIds, checkDates, checkEnums, checkPhones, checkRegion, checkBirthAgainstId, checkGenderAgainstId, checkAge, checkSchoolAge, checkGuardian, checkParentAges, checkEligibility]

/** The rules that read the as-of date, in ROW_RULES' order: the only ones run with `datedOnly` (dated.ts). */
const DATED_RULES = [checkIds, checkBirthAgainstId, checkGenderAgainstId, checkAge, checkSchoolAge, checkGuardian, checkParentAges]

/**
 * Runs the row rules on the context's row (its findings go to the context's sink) and returns the
 * child's ID as the duplicate check takes it: canonical, from a well-formed number that was not
 * damaged by a spreadsheet; '' for none (a ragged row's cells are shifted: no rule reads them).
 */
export function checkRow(ctx: RowContext, hasId: boolean): string {
  if (checkRagged(ctx)) return ''
  if (ctx.options.datedOnly) {
    // No ID either: ID_DUPLICATE does not depend on the date.
    for (const rule of DATED_RULES) rule(ctx)
    return ''
  }
  for (const rule of ROW_RULES) rule(ctx)
  if (!hasId) return ''
  const id = ctx.id('idNumber')
  return !id.problem && id.canonical && !ctx.isLongNumber('idNumber') ? id.canonical : ''
}

/** A checker's units as the validator has taken them: their ids in the breakdown, their place for the recent names. */
export interface TakenUnits {
  ids: UnitIds
  place: number
}

/** Units a checker numbers before it starts again (units.ts's cache makes new objects past its own size). */
const MAX_UNITS = 100_000

/** What checking a batch of rows gives, for the validator to take in order (plain data: it crosses threads). */
export interface CheckedRows {
  /** The rows' findings in order, each subject read already (the row is gone when they are taken). */
  findings: FindingInput[]
  /**
   * Per row, the number its units have in this checker's table; -1 for a ragged row (its cells are
   * shifted: it counts under no unit). Numbers run on across the checker's batches (a roster's
   * rows share a few thousand villages), so a batch sends only the units it is the first to use.
   */
  unitOf: Int32Array
  /** The units numbered first in this batch, in the order of their numbers. */
  units: RowUnits[]
  /** The numbering started again from 0 with this batch (the checker's table had grown too long). */
  restart: boolean
  /** Per row, checkRow's ID packed (id-set.ts idHigh, idLow); NO_ID in idHi for none. */
  idHi: Uint32Array
  idLo: Uint32Array
  /** The name cells of the rows with an ID, one after another (one string crosses faster than many). */
  names: string
  /** Per row, where its name ends in `names` (a row without an ID adds nothing). */
  nameEnds: Uint32Array
}

/** Checks batches of one roster's rows. */
export class RowChecker {
  private readonly ctx: RowContext
  private readonly hasId: boolean
  private findings: FindingInput[] = []
  /** The units numbered so far (findings/units.ts gives the rows of one village one object). */
  private readonly unitNumbers = new Map<RowUnits, number>()

  constructor(roster: Roster, options: RuleOptions) {
    this.ctx = new RowContext(roster, options, (f) => {
      const subject = typeof f.subject === 'function' ? f.subject() : f.subject
      this.findings.push({...f, subject})
    })
    this.hasId = roster.fieldIndex.has('idNumber')
  }

  check(rows: readonly RosterRow[]): CheckedRows {
    const unitOf = new Int32Array(rows.length).fill(-1)
    const units: RowUnits[] = []
    const restart = this.unitNumbers.size > MAX_UNITS
    if (restart) this.unitNumbers.clear()
    const idHi = new Uint32Array(rows.length).fill(NO_ID)
    const idLo = new Uint32Array(rows.length)
    const nameEnds = new Uint32Array(rows.length)
    let names = ''
    this.findings = []
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!
      const ctx = this.ctx.reset(row)
      if (row.ragged === undefined) {
        const u = ctx.units()
        let n = this.unitNumbers.get(u)
        if (n === undefined) {
          n = this.unitNumbers.size
          units.push(u)
          this.unitNumbers.set(u, n)
        }
        unitOf[i] = n
      }
      const id = checkRow(ctx, this.hasId)
      if (id !== '') {
        idHi[i] = idHigh(id)
        idLo[i] = idLow(id)
        names += ctx.get('name')
      }
      nameEnds[i] = names.length
    }
    return {findings: this.findings, unitOf, units, restart, idHi, idLo, names, nameEnds}
  }
}
