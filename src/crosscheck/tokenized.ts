// The values crosscheck compares, read from a tokenized row. What tokenize keeps in clear (sex,
// school, grade, statuses, the left-behind flag, the county, birth year) is read as xcValues reads
// it; identities become the part of their token that says "the same value", so that two lists
// disagree exactly when the values behind the tokens differ:
//
// - ID number: `tk1:id:T` (`idc` for a number failing its check, `idx:P` for one Excel damaged);
// - name, guardian's name: the cell's token (filter and exact-name token: equal for equal names);
// - birth date: `tk1:bd:.D`, the date's token (a year-month or an unreadable date is not compared);
// - region code: what every list of the run holds in the same form (see regionScheme).
//
// Each shown value is thus a token or the start of the cell's token: no personal data in clear.
// The birth year gives ages (XC_NOT_ENROLLED, XC_UNLISTED), counted from the middle of the year.

import type {Roster, RosterRow} from '../schema/roster.js'
import {detach} from '../strings.js'
import type {TokenMarker} from '../tokens/marker.js'
import {readTokenizedRow} from '../tokens/record.js'
import {parseBirthToken, parseRegionToken, tokenKind} from '../tokens/tokens.js'
import {type XcValues, xcValues} from './values.js'

/**
 * How region codes compare across the run's lists: `code` — every list kept the village, the
 * codes are in clear; `tokens` — every list kept the county and none the village: the county in
 * clear, the town and village as tokens; `county` — every list kept at least the county; `hidden`
 * — every list tokenized the county too: county, town and village tokens; `none` — the lists
 * keep different things and share no form.
 */
export type RegionScheme = 'code' | 'tokens' | 'county' | 'hidden' | 'none'

export function regionScheme(markers: readonly TokenMarker[]): RegionScheme {
  const keeps = (item: 'county' | 'village'): number => markers.filter((m) => m.keep.includes(item)).length
  const village = keeps('village')
  const county = keeps('county')
  if (village === markers.length) return 'code'
  if (village === 0 && county === markers.length) return 'tokens'
  if (village === 0 && county === 0) return 'hidden'
  // A kept village puts the whole code in clear, and the county with it.
  return markers.every((m) => m.keep.includes('county') || m.keep.includes('village')) ? 'county' : 'none'
}

function regionValue(cell: string, scheme: RegionScheme): string {
  if (scheme === 'none' || cell === '') return ''
  const r = parseRegionToken(cell)
  if (!r) return ''
  // Tokens have one length (12 characters): region codes still compare on their common prefix.
  switch (scheme) {
    case 'code':
      return r.code ?? ''
    case 'county':
      return r.county ?? ''
    case 'tokens':
      return r.county === undefined ? '' : r.county + (r.town9 ?? '') + (r.town9 ? (r.village12 ?? '') : '')
    case 'hidden':
      return r.county6 === undefined ? '' : r.county6 + (r.town9 ?? '') + (r.town9 ? (r.village12 ?? '') : '')
  }
}

/** The crosscheck values of one row of a tokenized roster. */
export function xcTokenValues(roster: Pick<Roster, 'fieldIndex'>, row: RosterRow, scheme: RegionScheme): XcValues {
  const v = xcValues(roster, row)
  const cell = (field: string): string => {
    const i = roster.fieldIndex.get(field)
    return i === undefined ? '' : (row.cells[i] ?? '').trim()
  }
  const r = readTokenizedRow(roster, row)
  const id = r.id
  v.idValid = id?.kind === 'id'
  v.idNumber = id === undefined ? '' : id.kind === 'idx' ? (id.prefix15 ? `tk1:idx:${id.prefix15}` : '') : id.token ? `tk1:${id.kind}:${id.token}` : ''
  const name = cell('name')
  v.name = tokenKind(name) === 'nm' ? detach(name) : ''
  const guardian = cell('guardianName')
  v.guardianName = tokenKind(guardian) === 'nm' ? detach(guardian) : ''
  const written = parseBirthToken(cell('birthDate'))?.date
  v.birthDate = written ? `tk1:bd:.${written}` : ''
  if (r.birthYear !== undefined) v.birthYear = r.birthYear
  if (r.sexToken !== undefined) v.gender = `tk1:sx:${r.sexToken}`
  v.regionCode = regionValue(cell('regionCode'), scheme)
  return v
}
