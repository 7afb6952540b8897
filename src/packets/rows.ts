import type {InputInfo} from '../findings/model.js'
import {unitsOf} from '../findings/units.js'
import type {ColumnOverrides} from '../schema/headers.js'
import {type Roster, openRoster} from '../schema/roster.js'
import {detach} from '../strings.js'
import {IDENTITY_FIELDS, type IdentityCells} from './identity.js'

// What a packet line shows of the row a finding sits on, and where the row belongs: the inputs are
// read again (once each, streaming) for the rows that have findings only.

export interface RowFacts {
  identity: IdentityCells
  reportingUnit?: string
  town?: string
  village?: string
  guardianPhone?: string
}

export interface ReadOptions {
  encoding?: string
  sheet?: string
  columns?: ColumnOverrides
}

export interface InputRows {
  /** Facts of the wanted rows, by row number. */
  rows: Map<number, RowFacts>
  /** Header of each canonical field of the input (the roster's own words). */
  headers: Map<string, string>
  department?: string
}

/** The facts of a row from its cells and its file's field → column map. */
export function factsOf(fieldIndex: ReadonlyMap<string, number>, cells: readonly string[]): RowFacts {
  const get = (field: string): string => {
    const i = fieldIndex.get(field)
    return i === undefined ? '' : (cells[i] ?? '')
  }
  const identity: IdentityCells = {}
  for (const f of IDENTITY_FIELDS) {
    const v = get(f)
    if (v !== '') identity[f] = detach(v)
  }
  const units = unitsOf({reportingUnit: get('reportingUnit'), regionCode: get('regionCode'), county: get('county'), town: get('town'), village: get('village')})
  const facts: RowFacts = {identity}
  if (units.reportingUnit) facts.reportingUnit = units.reportingUnit
  if (units.town) facts.town = units.town
  if (units.village) facts.village = units.village
  const phone = get('guardianPhone').trim()
  if (phone) facts.guardianPhone = detach(phone)
  return facts
}

/** Rows wanted, by file (a department's list may be several files). */
export type WantedRows = ReadonlyMap<string, ReadonlySet<number>>

/** Where the facts of the rows come from: the input files read again, or the registry's snapshots. */
export type RowFactsSource = (wanted: WantedRows) => Promise<Map<string, InputRows>>

/**
 * Reads, for each input file of a report, the facts of the rows in `wanted` (file → rows). An input
 * that cannot be read again yields no facts: its lines go out with what the findings carry.
 */
export async function readRowFacts(inputs: readonly InputInfo[], wanted: WantedRows, read: ReadOptions): Promise<Map<string, InputRows>> {
  const out = new Map<string, InputRows>()
  for (const input of inputs) {
    const rows = wanted.get(input.file)
    if (!rows || rows.size === 0) continue
    let roster: Roster
    try {
      roster = await openRoster(input.file, {dataset: input.dataset, department: input.department, encoding: input.encoding ?? read.encoding, sheet: input.sheet ?? read.sheet, columns: read.columns})
    } catch {
      continue
    }
    const headers = new Map<string, string>()
    for (const [field, i] of roster.fieldIndex) {
      const h = roster.columns[i]?.header
      if (h) headers.set(field, h)
    }
    const facts = new Map<number, RowFacts>()
    for await (const row of roster.rows) if (rows.has(row.ref.row) && row.ragged === undefined) facts.set(row.ref.row, factsOf(roster.fieldIndex, row.cells))
    const entry: InputRows = {rows: facts, headers}
    if (input.department) entry.department = input.department
    out.set(input.file, entry)
  }
  return out
}
