import {cutShort} from '../link/load.js'
import type {Roster, RosterRow} from '../schema/roster.js'
import {ROW} from './other-lists-protocol.js'
import {leftBehindReason, registrationStatus, xcStatusValues} from './values.js'

// What the second pass asks of a row of a list other than the primary one, beyond its values:
// read on the main thread (crosscheck.ts) and in the worker (other-lists-worker.ts) by this one
// function, so that both give the same report.

/** ROW.SKIP for a row whose cells are shifted; else its death record and left-behind flag. */
export function otherRowFlags(roster: Pick<Roster, 'fieldIndex' | 'columns'>, row: RosterRow, department: string): number {
  if (row.ragged !== undefined && !cutShort(roster, row)) return ROW.SKIP
  // A child off the primary list matters only by a death record or a left-behind flag.
  const status = xcStatusValues(roster, row)
  let flags = 0
  if (department === 'public-security' && registrationStatus(status) === 'deceased') flags |= ROW.DECEASED
  // The reason's text differs by language, whether there is one does not.
  if (leftBehindReason(status, 'en') !== undefined) flags |= ROW.LEFT_BEHIND
  return flags
}
