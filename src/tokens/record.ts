// One row of a tokenized roster, read into what linkage compares (the tokenized counterpart of
// src/link/plain/read.ts `rowValues`): dedupe and crosscheck call `readTokenizedRow` on each row of
// a file whose `tokenMarker` is set, and compare with the functions of tokens.ts.

import {lookupCode} from '../schema/code-lists.js'
import type {Roster, RosterRow} from '../schema/roster.js'
import {normalizeRegionName} from '../cn/region.js'
import {trimSpaces} from '../cn/text.js'
import {
  type BirthToken,
  type IdToken,
  type NameToken,
  type RegionToken,
  parseBirthToken,
  parseIdToken,
  parseNameToken,
  parseRegionToken,
  phoneTokens,
  plainToken,
  tokenKind,
} from './tokens.js'

export interface TokenizedRecord {
  row: number
  /** The row's cells are shifted (ragged): nothing was read. */
  unread?: boolean
  name?: NameToken
  id?: IdToken
  /** Birth dates the row holds: the written one, then the one inside the ID. */
  births: BirthToken[]
  /** Clear birth year (written date first, else the ID's), when kept. */
  birthYear?: number
  /** M/F from the gender column (clear or token-less) or the ID; `sexToken` when not kept. */
  sex?: 'M' | 'F'
  sexToken?: string
  /** Region: the region-code token, or the ID's clear county when the row has no code. */
  region?: RegionToken
  /** Place names: clear (normalized) or `pl` tokens, each compared by equality. */
  county?: string
  town?: string
  village?: string
  guardianName?: NameToken
  fatherName?: NameToken
  motherName?: NameToken
  /** Token of the guardian's valid ID number. */
  guardianId?: string
  /** Phone tokens of the row (guardian's first), at most the first two distinct. */
  phones: string[]
  householdId?: string
  studentId?: string
  reportingUnit?: string
}

/** Reads the tokens of one row of a tokenized roster. */
export function readTokenizedRow(roster: Pick<Roster, 'fieldIndex'>, row: RosterRow): TokenizedRecord {
  if (row.ragged !== undefined) return {row: row.ref.row, unread: true, births: [], phones: []}
  const cell = (field: string): string => {
    const i = roster.fieldIndex.get(field)
    return i === undefined ? '' : trimSpaces(row.cells[i] ?? '')
  }
  const r: TokenizedRecord = {row: row.ref.row, births: [], phones: []}
  const name = parseNameToken(cell('name'))
  if (name) r.name = name
  const id = parseIdToken(cell('idNumber'))
  if (id) r.id = id
  const birth = parseBirthToken(cell('birthDate'))
  if (birth) r.births.push(birth)
  if (id?.birth) r.births.push(id.birth)
  const year = birth?.year ?? id?.birth?.year
  if (year !== undefined) r.birthYear = year

  const gender = cell('gender')
  if (tokenKind(gender) === 'sx') {
    const t = plainToken(gender)
    if (t) r.sexToken = t
  } else if (gender !== '') {
    const g = lookupCode('gender', gender)
    if (g === '男') r.sex = 'M'
    else if (g === '女') r.sex = 'F'
  }
  if (!r.sex && id?.sex) r.sex = id.sex

  const region = parseRegionToken(cell('regionCode'))
  if (region) r.region = region
  else if (id?.county) r.region = {county: id.county}
  const place = (field: 'county' | 'town' | 'village'): void => {
    const v = cell(field)
    if (v === '') return
    r[field] = tokenKind(v) === 'pl' ? (plainToken(v) ?? '') : normalizeRegionName(v)
  }
  place('county')
  place('town')
  place('village')

  for (const f of ['guardianName', 'fatherName', 'motherName'] as const) {
    const t = parseNameToken(cell(f))
    if (t) r[f] = t
  }
  const g = parseIdToken(cell('guardianIdNumber'))
  // A guardian ID equal to the child's is an error of the row, not a family link.
  if (g?.kind === 'id' && g.token && g.token !== id?.token) r.guardianId = g.token
  for (const f of ['guardianPhone', 'phone', 'fatherPhone', 'motherPhone']) {
    for (const t of phoneTokens(cell(f))) {
      if (r.phones.length < 2 && !r.phones.includes(t)) r.phones.push(t)
    }
  }
  for (const f of ['householdId', 'studentId', 'reportingUnit'] as const) {
    const v = cell(f)
    if (v === '') continue
    r[f] = tokenKind(v) === 'tx' ? (plainToken(v) ?? '') : v
  }
  return r
}
