// What tokenize does with each column: the decision a privacy officer reads (docs/tokenize.md has
// the table with the reasons).
//
// - Identities become tokens: names (the child's, guardians', parents'), ID numbers, birth dates,
//   phones, and the identifiers that single out a household or a pupil (户号, 学籍号).
// - Location: the county stays in clear by default (`--keep county`), with the province, city and
//   town names above the village; the village, the full region code and the reporting unit (often
//   a village committee) become tokens unless `--keep village`.
// - Free text that names or locates people is dropped (cells emptied, the column kept):
//   addresses, remarks. So are columns that map to no canonical field: nobody has checked what
//   they hold. `--pass` lets a named one through; `--drop` drops more.
// - Everything else (school, grade, school status, health, guardianship type, parents' status
//   and place of work, household-registration status, reporting date) is what crosscheck
//   compares or reports; it stays in clear, with any ID or mobile number inside replaced by its
//   token.

import {UserError} from '../errors.js'
import type {Column} from '../schema/roster.js'
import {isField} from '../schema/fields.js'
import {normalizeHeader} from '../schema/headers.js'
import {DEFAULT_KEEP, KEEP_ITEMS, type KeepItem} from '../tokens/encoder.js'

export type ColumnAction =
  | {kind: 'id'; child: boolean}
  | {kind: 'name'}
  | {kind: 'birth'}
  | {kind: 'phone'}
  | {kind: 'region'}
  | {kind: 'place'; level: 'county' | 'town' | 'village'}
  | {kind: 'identifier'; purpose: 'household' | 'student' | 'unit'}
  | {kind: 'sex'}
  /** In clear, IDs and mobiles inside replaced by tokens. */
  | {kind: 'clear'}
  /** Emptied. */
  | {kind: 'drop'}

/** Fields whose values are always tokenized (no flag passes them in clear). */
const IDENTITY: Readonly<Record<string, ColumnAction>> = {
  idNumber: {kind: 'id', child: true},
  guardianIdNumber: {kind: 'id', child: false},
  fatherIdNumber: {kind: 'id', child: false},
  motherIdNumber: {kind: 'id', child: false},
  name: {kind: 'name'},
  guardianName: {kind: 'name'},
  fatherName: {kind: 'name'},
  motherName: {kind: 'name'},
  birthDate: {kind: 'birth'},
  guardianBirthDate: {kind: 'birth'},
  phone: {kind: 'phone'},
  guardianPhone: {kind: 'phone'},
  fatherPhone: {kind: 'phone'},
  motherPhone: {kind: 'phone'},
  householdId: {kind: 'identifier', purpose: 'household'},
  studentId: {kind: 'identifier', purpose: 'student'},
}

/** Mapped fields dropped by default: free text that names or locates people. */
export const DEFAULT_DROP_FIELDS: readonly string[] = ['address', 'hukouAddress', 'guardianAddress', 'remarks']

export interface PolicyOptions {
  keep: ReadonlySet<KeepItem>
  /** Fields or headers to drop besides the defaults. */
  drop?: readonly string[]
  /** Fields or headers dropped by default that should pass in clear. */
  pass?: readonly string[]
}

/** Parses `--keep`: a comma list of birthYear, gender, county, village, or `none`. */
export function parseKeep(value: string | undefined): Set<KeepItem> {
  if (value === undefined) return new Set(DEFAULT_KEEP)
  const items = value
    .split(/[,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)
  if (items.length === 1 && items[0] === 'none') return new Set()
  const out = new Set<KeepItem>()
  for (const item of items) {
    const match = KEEP_ITEMS.find((k) => k.toLowerCase() === item.toLowerCase())
    if (!match) throw new UserError({en: `--keep: unknown item "${item}" (choose from ${KEEP_ITEMS.join(', ')}, or none)`, zh: `--keep：未知的项“${item}”（可选 ${KEEP_ITEMS.join(', ')}，或 none）`})
    out.add(match)
  }
  // The village in clear says the county too.
  if (out.has('village')) out.add('county')
  return out
}

/** Splits a `--drop` / `--pass` list. */
export function parseList(value: string | undefined): string[] {
  if (value === undefined) return []
  return value
    .split(/[,，]+/)
    .map((s) => s.trim())
    .filter(Boolean)
}

function matches(column: Column, item: string): boolean {
  if (column.field === item) return true
  return column.header === item || (column.header !== '' && normalizeHeader(column.header) === normalizeHeader(item))
}

/** The action for every column of a roster, in column order. */
export function columnActions(columns: readonly Column[], options: PolicyOptions): ColumnAction[] {
  const drop = options.drop ?? []
  const pass = options.pass ?? []
  for (const [flag, list] of [['--drop', drop], ['--pass', pass]] as const) {
    for (const item of list) {
      if (isField(item) || columns.some((c) => matches(c, item))) continue
      throw new UserError({en: `${flag}: "${item}" is neither a canonical field (see liushou schema) nor a column of this file`, zh: `${flag}：“${item}”既不是标准字段（见 liushou schema），也不是此文件的列`})
    }
  }
  for (const item of pass) {
    const field = isField(item) ? item : columns.find((c) => matches(c, item))?.field
    if (field && (IDENTITY[field] || ['gender', 'regionCode', 'county', 'town', 'village', 'reportingUnit'].includes(field))) {
      throw new UserError({en: `--pass: "${item}" is an identity or a location: use --keep (${KEEP_ITEMS.join(', ')}) for what may stay in clear`, zh: `--pass：“${item}”是身份或位置信息：可保留明文的项请用 --keep（${KEEP_ITEMS.join(', ')}）`})
    }
  }
  const keep = options.keep
  return columns.map((c): ColumnAction => {
    if (drop.some((d) => matches(c, d))) return {kind: 'drop'}
    const f = c.field
    if (f === undefined) return pass.some((p) => matches(c, p)) ? {kind: 'clear'} : {kind: 'drop'}
    const identity = IDENTITY[f]
    if (identity) return identity
    switch (f) {
      case 'gender':
        return keep.has('gender') ? {kind: 'clear'} : {kind: 'sex'}
      case 'regionCode':
        return keep.has('village') ? {kind: 'clear'} : {kind: 'region'}
      case 'county':
        return keep.has('county') ? {kind: 'clear'} : {kind: 'place', level: 'county'}
      case 'town':
        return keep.has('county') ? {kind: 'clear'} : {kind: 'place', level: 'town'}
      case 'village':
        return keep.has('village') ? {kind: 'clear'} : {kind: 'place', level: 'village'}
      case 'reportingUnit':
        return keep.has('village') ? {kind: 'clear'} : {kind: 'identifier', purpose: 'unit'}
      default:
        if (DEFAULT_DROP_FIELDS.includes(f) && !pass.some((p) => matches(c, p))) return {kind: 'drop'}
        return {kind: 'clear'}
    }
  })
}

/** A short label of an action for summaries. */
export function actionLabel(a: ColumnAction): 'tokenized' | 'dropped' | 'clear' {
  return a.kind === 'drop' ? 'dropped' : a.kind === 'clear' ? 'clear' : 'tokenized'
}
