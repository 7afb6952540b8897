// The records the linkage engine works on: one per roster row, with the values that identify a
// child read once and normalised (certain fixes only), held column by column in typed arrays so
// that a million rows fit in a few hundred megabytes. ID numbers and phones are stored as numbers;
// names, region codes and place names are interned (they repeat across siblings and lists).

import {parseDate} from '../cn/dates.js'
import {analyzeId} from '../cn/id-number.js'
import {checkName} from '../cn/names.js'
import {parsePhone} from '../cn/phone.js'
import {normalizeRegionName} from '../cn/region.js'
import {trimSpaces} from '../cn/text.js'
import type {RecordRef} from '../findings/model.js'
import {lookupCode} from '../schema/code-lists.js'
import type {Roster, RosterRow} from '../schema/roster.js'
import {detach} from '../strings.js'
import {Interner} from './interner.js'
import {ChildNames, PersonNames} from './names.js'
import type {TokenColumns} from './token-records.js'

/** What the child's ID cell holds, as far as linkage is concerned. */
export const IdKind = {
  None: 0,
  /** A valid 18-digit number (in `idHi`/`idLo`). */
  Valid: 1,
  /** A valid 15-digit number; its 18-digit upgrade is stored. */
  Valid15: 2,
  /** 18 characters with a wrong check character (as typed, after the certain fixes). */
  Checksum: 3,
  /** Damaged by a spreadsheet: `idText` holds the significant digits that survived. */
  Excel: 4,
  /** Anything else that is not empty (wrong length, stray characters): `idText` holds the cleaned text. */
  Other: 5,
} as const

export interface DatasetInfo {
  dataset: string
  department?: string
  file: string
  /** Index of the dataset's first record in the store. */
  first: number
  /** Records of the dataset (= its data rows). */
  count: number
}

const SEX_MALE = 1
const SEX_FEMALE = 2

type Column = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array

/** Every column of the store with the value of a record that has none (-1 for ids, 0 otherwise). */
const COLUMN_FILLS = [
  ['ds', 0], ['row', 0], ['name', -1], ['idKind', 0], ['idHi', -1], ['idLo', -1], ['birth', 0], ['idBirth', 0], ['sex', 0],
  ['region', -1], ['idCounty', -1], ['placeCounty', -1], ['placeTown', -1], ['placeVillage', -1], ['guardianName', -1],
  ['fatherName', -1], ['motherName', -1], ['guardianIdHi', -1], ['guardianIdLo', -1], ['phone1', -1], ['phone2', -1],
  ['reportDate', 0], ['filled', 0], ['unread', 0],
] as const satisfies readonly (readonly [keyof RecordStore, number])[]

type ColumnKey = (typeof COLUMN_FILLS)[number][0]

/** Columnar store of records; index `i` is the i-th row read, datasets one after another. */
export class RecordStore {
  size = 0
  private capacity = 0
  readonly datasets: DatasetInfo[] = []
  childNames = new ChildNames()
  personNames = new PersonNames()
  /** Region codes and place names. */
  regions = new Interner()
  places = new Interner()

  ds = new Uint16Array(0)
  row = new Uint32Array(0)
  /** Child name id (ChildNames), -1 when empty or not a name. */
  name = new Int32Array(0)
  idKind = new Uint8Array(0)
  /**
   * An 18-character ID (valid, a 15-digit one upgraded, or with a wrong check digit) in two int32
   * halves (see idHalves); -1 otherwise. Strings would take ten times the memory.
   */
  idHi = new Int32Array(0)
  idLo = new Int32Array(0)
  /** The ID text of the other kinds: Excel's surviving digits, a malformed number's characters. */
  readonly idText = new Map<number, string>()
  /** Birth date written in the row: yyyymmdd, yyyymm00 for a year-month, 0 when none. */
  birth = new Int32Array(0)
  /** Birth date inside a valid ID: yyyymmdd, 0 when none. */
  idBirth = new Int32Array(0)
  /** 1 male, 2 female, 0 unknown (the gender column, else the ID). */
  sex = new Uint8Array(0)
  /** Region code (6, 9 or 12 digits; the column's, else the ID's county), -1 when none. */
  region = new Int32Array(0)
  /** County code (6 digits) of the ID when it differs from `region`'s county, -1 otherwise. */
  idCounty = new Int32Array(0)
  /** Place names written in the row, interned: county, county|town, county|town|village. */
  placeCounty = new Int32Array(0)
  placeTown = new Int32Array(0)
  placeVillage = new Int32Array(0)
  guardianName = new Int32Array(0)
  fatherName = new Int32Array(0)
  motherName = new Int32Array(0)
  /** A valid guardian ID in two halves (first 9 digits; the rest × 11 + check), -1 when none. */
  guardianIdHi = new Int32Array(0)
  guardianIdLo = new Int32Array(0)
  /** Up to two phone numbers (guardian's, child's, parents'), as numbers (see phoneValue), -1 when none. */
  phone1 = new Float64Array(0)
  phone2 = new Float64Array(0)
  reportDate = new Int32Array(0)
  /** Mapped cells that are not empty (the completeness of the row). */
  filled = new Uint8Array(0)
  /** Rows whose cells are shifted (ragged): read as empty, never linked. */
  unread = new Uint8Array(0)
  /** The comparators' packed copy of the hot fields (see compare.ts), rebuilt when records are added. */
  packed?: {size: number}
  /** Set when the records are tokenized (token-records.ts): linkage compares tokens instead. */
  tokens?: TokenColumns

  /** The ID as `idKind` says: the 18 characters, Excel's digits or the malformed text; undefined for None. */
  idString(i: number): string | undefined {
    const hi = this.idHi[i]!
    if (hi >= 0) return idFromHalves(hi, this.idLo[i]!)
    return this.idText.get(i)
  }

  /** Both records hold the same 18-character ID. */
  sameId(a: number, b: number): boolean {
    return this.idHi[a]! >= 0 && this.idHi[a] === this.idHi[b] && this.idLo[a] === this.idLo[b]
  }

  ref(i: number): RecordRef {
    const d = this.datasets[this.ds[i]!]!
    return {dataset: d.dataset, file: d.file, row: this.row[i]!}
  }

  /** `dataset:row`, the short label of a record. */
  label(i: number): string {
    return `${this.datasets[this.ds[i]!]!.dataset}:${this.row[i]!}`
  }

  reserve(n: number): void {
    if (this.released) throw new Error('the store released its values')
    if (n <= this.capacity) return
    const cap = Math.max(n, this.capacity * 2, 1024)
    this.eachColumn((a, fill) => {
      const b = new (a.constructor as new (n: number) => Column)(cap)
      if (fill !== 0) b.fill(fill)
      b.set(a)
      return b
    })
    this.capacity = cap
  }

  /** Replaces every column by `fn` of it (`fill`: the value of a record that has none). */
  private eachColumn(fn: (column: Column, fill: number, key: ColumnKey) => Column): void {
    const columns = this as unknown as Record<ColumnKey, Column>
    for (const [key, fill] of COLUMN_FILLS) columns[key] = fn(columns[key], fill, key)
  }

  /**
   * Gives back the spare capacity of the columns (up to half of them after doubling): called once
   * the records are read, before linkage holds them for the rest of the run.
   */
  trim(): void {
    if (this.capacity === this.size) return
    const n = this.size
    this.eachColumn((a) => a.slice(0, n))
    this.capacity = n
  }

  /**
   * Lets go of every value but the records' datasets and rows (`ds`, `row`, `ref`): for a caller
   * done with linkage that still reports on the records (crosscheck's second pass reads the rows
   * again), a gigabyte for four million records. The store cannot be linked afterwards.
   */
  releaseValues(): void {
    const n = this.size
    this.eachColumn((a, _fill, key) => (key === 'ds' || key === 'row' ? a.slice(0, n) : new (a.constructor as new (n: number) => Column)(0)))
    this.capacity = 0
    this.childNames = new ChildNames()
    this.personNames = new PersonNames()
    this.regions = new Interner()
    this.places = new Interner()
    this.lastPlace = {ids: [-1, -1, -1]}
    this.lastRegion = {code: '', id: -1}
    this.idText.clear()
    this.packed = undefined
    this.tokens = undefined
    this.released = true
  }

  /** The last row's place cells and their ids, and the last region code's id (see readValues). */
  lastPlace: {county?: string | undefined; town?: string | undefined; village?: string | undefined; ids: [number, number, number]} = {ids: [-1, -1, -1]}
  lastRegion: {code: string; id: number} = {code: '', id: -1}

  /** Set by releaseValues: adding records or linking would read values that are gone. */
  released = false

  /** Starts a dataset; records added next belong to it. */
  beginDataset(dataset: string, file: string, department?: string): number {
    if (this.datasets.length >= 0xffff) throw new Error('too many datasets')
    const info: DatasetInfo = {dataset, file, first: this.size, count: 0}
    if (department) info.department = department
    this.datasets.push(info)
    return this.datasets.length - 1
  }

  /** Adds one record from already-extracted cell values (see {@link RecordValues}). */
  add(values: RecordValues): number {
    const i = this.size
    this.reserve(i + 1)
    const dsIndex = this.datasets.length - 1
    if (dsIndex < 0) throw new Error('beginDataset first')
    this.ds[i] = dsIndex
    this.row[i] = values.row
    this.size++
    this.datasets[dsIndex]!.count++
    if (values.unread) {
      this.unread[i] = 1
      return i
    }
    readValues(this, i, values)
    return i
  }

  /** The birth dates of a record as yyyymmdd (the row's, then the ID's when different). */
  births(i: number): number[] {
    const out: number[] = []
    const b = this.birth[i]!
    const ib = this.idBirth[i]!
    if (b !== 0) out.push(b)
    if (ib !== 0 && ib !== b) out.push(ib)
    return out
  }
}

/** The cells of one row that linkage reads, as written (undefined when absent or empty). */
export interface RecordValues {
  row: number
  unread?: boolean
  name?: string
  idNumber?: string
  birthDate?: string
  gender?: string
  regionCode?: string
  county?: string
  town?: string
  village?: string
  guardianName?: string
  guardianIdNumber?: string
  fatherName?: string
  motherName?: string
  phones?: string[]
  reportDate?: string
  filled?: number
}

function ymd(d: ReturnType<typeof parseDate>): number {
  if (d.kind === 'date') return d.year * 10000 + d.month * 100 + d.day
  if (d.kind === 'month') return d.year * 10000 + d.month * 100
  return 0
}

function cleanName(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined
  const c = checkName(raw)
  return c.invalid ? undefined : detach(c.cleaned)
}

/** Significant digits an Excel-damaged ID kept: the mantissa of 4.30121E+17, or 15 digits before the zeros. */
function excelDigits(cleaned: string): string {
  const sci = /^\+?(\d+)(?:[.,](\d+))?[Ee]/.exec(cleaned)
  if (!sci) return cleaned.replace(/\D/g, '').slice(0, 15)
  // Scientific notation drops the mantissa's trailing zeros (4.301E+17 for 430100…).
  let digits = (sci[1] ?? '') + (sci[2] ?? '')
  while (digits.length > 1 && digits.endsWith('0')) digits = digits.slice(0, -1)
  return digits
}

function readValues(store: RecordStore, i: number, v: RecordValues): void {
  const name = cleanName(v.name)
  if (name !== undefined) store.name[i] = store.childNames.add(name)

  let canonical: string | undefined
  if (v.idNumber !== undefined && trimSpaces(v.idNumber) !== '') {
    const a = analyzeId(v.idNumber)
    const setHalves = (id: string): boolean => {
      const [hi, lo] = idHalves(id)
      store.idHi[i] = hi
      store.idLo[i] = lo
      return hi >= 0
    }
    if (a.canonical !== undefined && !a.problem && !a.legacy15 && a.canonical.endsWith('000')) {
      // Excel zeroes the last three digits; one time in eleven the check digit still verifies.
      // Such a number is read as damaged (its first 15 digits), never as proof of another child.
      store.idKind[i] = IdKind.Excel
      store.idText.set(i, a.canonical.slice(0, 15))
      if (a.birth) store.idBirth[i] = a.birth.year * 10000 + a.birth.month * 100 + a.birth.day
    } else if (a.canonical !== undefined && !a.problem) {
      store.idKind[i] = a.legacy15 ? IdKind.Valid15 : IdKind.Valid
      setHalves(a.canonical)
      canonical = a.canonical
      if (a.birth) store.idBirth[i] = a.birth.year * 10000 + a.birth.month * 100 + a.birth.day
      if (a.sex) store.sex[i] = a.sex === '男' ? SEX_MALE : SEX_FEMALE
    } else if (a.problem?.type === 'checksum') {
      store.idKind[i] = IdKind.Checksum
      if (!setHalves(a.cleaned)) store.idText.set(i, detach(a.cleaned))
    } else if (a.problem?.type === 'excel-mangled') {
      const digits = excelDigits(a.cleaned)
      if (digits.length > 0) {
        store.idKind[i] = IdKind.Excel
        store.idText.set(i, digits)
      }
    } else if (a.cleaned !== '') {
      store.idKind[i] = IdKind.Other
      store.idText.set(i, detach(a.cleaned))
    }
  }

  if (v.birthDate) store.birth[i] = ymd(parseDate(v.birthDate))
  if (v.gender) {
    const g = lookupCode('gender', trimSpaces(v.gender))
    if (g === '男') store.sex[i] = SEX_MALE
    else if (g === '女') store.sex[i] = SEX_FEMALE
  }

  const code = v.regionCode ? (isDigits(v.regionCode) ? v.regionCode : v.regionCode.normalize('NFKC').replace(/\s+/g, '')) : ''
  const idCounty = canonical !== undefined ? canonical.slice(0, 6) : ''
  if ((code.length === 6 || code.length === 9 || code.length === 12) && isDigits(code)) {
    store.region[i] = regionId(store, code)
    if (idCounty !== '' && !code.startsWith(idCounty)) store.idCounty[i] = regionId(store, idCounty)
  } else if (idCounty !== '') {
    store.region[i] = regionId(store, idCounty)
  }
  // Rosters run village by village: the row before's place is most often this row's.
  const last = store.lastPlace
  if (v.county === last.county && v.town === last.town && v.village === last.village) {
    store.placeCounty[i] = last.ids[0]
    store.placeTown[i] = last.ids[1]
    store.placeVillage[i] = last.ids[2]
  } else {
    const county = v.county ? normalizeRegionName(v.county) : ''
    const town = v.town ? normalizeRegionName(v.town) : ''
    const village = v.village ? normalizeRegionName(v.village) : ''
    if (county) store.placeCounty[i] = store.places.id(county)
    if (town) store.placeTown[i] = store.places.id(`${county}|${town}`)
    if (village) store.placeVillage[i] = store.places.id(`${county}|${town}|${village}`)
    store.lastPlace = {county: v.county, town: v.town, village: v.village, ids: [store.placeCounty[i]!, store.placeTown[i]!, store.placeVillage[i]!]}
  }

  const guardian = cleanName(v.guardianName)
  if (guardian !== undefined) store.guardianName[i] = store.personNames.add(guardian)
  const father = cleanName(v.fatherName)
  if (father !== undefined) store.fatherName[i] = store.personNames.add(father)
  const mother = cleanName(v.motherName)
  if (mother !== undefined) store.motherName[i] = store.personNames.add(mother)
  if (v.guardianIdNumber) {
    const g = analyzeId(v.guardianIdNumber)
    // A guardian ID equal to the child's is an error of the row, not a family link.
    if (g.canonical && !g.problem && g.canonical !== canonical) {
      const [hi, lo] = idHalves(g.canonical)
      store.guardianIdHi[i] = hi
      store.guardianIdLo[i] = lo
    }
  }
  if (v.phones) {
    let n = 0
    for (const raw of v.phones) {
      if (!raw) continue
      const p = parsePhone(raw)
      if (p.kind !== 'mobile' && p.kind !== 'landline') continue
      for (const one of p.canonical.split('/')) {
        const value = phoneValue(one)
        if (n === 0) {
          store.phone1[i] = value
          n++
        } else if (n === 1 && value !== store.phone1[i]) {
          store.phone2[i] = value
          n++
        }
      }
      if (n >= 2) break
    }
  }
  if (v.reportDate) store.reportDate[i] = ymd(parseDate(v.reportDate))
  store.filled[i] = Math.min(255, v.filled ?? 0)
}

/** A region code's id, the row before's when it is the same code (rosters run village by village). */
function regionId(store: RecordStore, code: string): number {
  const last = store.lastRegion
  if (last.code === code) return last.id
  const id = store.regions.id(code)
  store.lastRegion = {code, id}
  return id
}

/**
 * An 18-character ID in two int32 halves: the first 9 digits, and the next 8 digits × 11 + the
 * check character (X = 10). [-1, -1] for anything else.
 */
export function idHalves(id: string): [number, number] {
  if (id.length !== 18) return [-1, -1]
  let hi = 0
  let lo = 0
  for (let i = 0; i < 9; i++) {
    const c = id.charCodeAt(i) - 48
    if (c < 0 || c > 9) return [-1, -1]
    hi = hi * 10 + c
  }
  for (let i = 9; i < 17; i++) {
    const c = id.charCodeAt(i) - 48
    if (c < 0 || c > 9) return [-1, -1]
    lo = lo * 10 + c
  }
  const last = id.charCodeAt(17)
  const check = last === 0x58 ? 10 : last - 48
  if (check < 0 || check > 10) return [-1, -1]
  return [hi, lo * 11 + check]
}

const PAD = (n: number, width: number): string => String(n).padStart(width, '0')

/** The 18 characters of an ID from its halves. */
export function idFromHalves(hi: number, lo: number): string {
  const check = lo % 11
  return PAD(hi, 9) + PAD(Math.floor(lo / 11), 8) + (check === 10 ? 'X' : String(check))
}

/** A canonical phone number as one exact number: its digits (a landline's with its area code), ×2, +1 for a landline. */
export function phoneValue(canonical: string): number {
  let value = 0
  let n = 0
  for (let i = 0; i < canonical.length && n < 15; i++) {
    const c = canonical.charCodeAt(i) - 48
    if (c >= 0 && c <= 9) {
      value = value * 10 + c
      n++
    }
  }
  return value * 2 + (canonical.charCodeAt(0) === 0x30 ? 1 : 0)
}

function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x30 || c > 0x39) return false
  }
  return s.length > 0
}

/** Fields of a roster that linkage reads. */
export const LINK_FIELDS = [
  'name', 'idNumber', 'birthDate', 'gender', 'regionCode', 'county', 'town', 'village', 'guardianName', 'guardianIdNumber',
  'fatherName', 'motherName', 'phone', 'guardianPhone', 'fatherPhone', 'motherPhone', 'reportDate',
] as const

/**
 * A ragged row with fewer cells than the header and no broken quote: Excel and hand edits drop
 * trailing cells, so the cells it has are in their columns and are read (as diff reads them). A
 * row with more cells, or a broken quote, is shifted and read as nothing.
 */
export function cutShort(roster: Pick<Roster, 'columns'>, row: RosterRow): boolean {
  return row.ragged !== undefined && row.fault === undefined && row.cells.length < roster.columns.length
}

/** Reads the linkage values of one roster row. */
export function rowValues(roster: Pick<Roster, 'fieldIndex'>, row: RosterRow): RecordValues {
  if (row.ragged !== undefined) return {row: row.ref.row, unread: true}
  const f = fieldsOf(roster)
  const cells = row.cells
  const cell = (i: number): string | undefined => (i < 0 ? undefined : cells[i] || undefined)
  let filled = 0
  for (const i of f.all) if ((cells[i] ?? '').trim() !== '') filled++
  const phones: string[] = []
  for (const i of f.phones) {
    const p = cells[i]
    if (p) phones.push(p)
  }
  // One literal with every property: the same hidden class for every row.
  return {
    row: row.ref.row,
    unread: false,
    name: cell(f.name),
    idNumber: cell(f.idNumber),
    birthDate: cell(f.birthDate),
    gender: cell(f.gender),
    regionCode: cell(f.regionCode),
    county: cell(f.county),
    town: cell(f.town),
    village: cell(f.village),
    guardianName: cell(f.guardianName),
    guardianIdNumber: cell(f.guardianIdNumber),
    fatherName: cell(f.fatherName),
    motherName: cell(f.motherName),
    phones,
    reportDate: cell(f.reportDate),
    filled,
  }
}

interface FieldColumns {
  name: number
  idNumber: number
  birthDate: number
  gender: number
  regionCode: number
  county: number
  town: number
  village: number
  guardianName: number
  guardianIdNumber: number
  fatherName: number
  motherName: number
  reportDate: number
  phones: number[]
  all: number[]
}

const fieldColumns = new WeakMap<object, FieldColumns>()
function fieldsOf(roster: Pick<Roster, 'fieldIndex'>): FieldColumns {
  let f = fieldColumns.get(roster.fieldIndex)
  if (f === undefined) {
    const at = (field: string): number => roster.fieldIndex.get(field) ?? -1
    f = {
      name: at('name'),
      idNumber: at('idNumber'),
      birthDate: at('birthDate'),
      gender: at('gender'),
      regionCode: at('regionCode'),
      county: at('county'),
      town: at('town'),
      village: at('village'),
      guardianName: at('guardianName'),
      guardianIdNumber: at('guardianIdNumber'),
      fatherName: at('fatherName'),
      motherName: at('motherName'),
      reportDate: at('reportDate'),
      phones: ['guardianPhone', 'phone', 'fatherPhone', 'motherPhone'].map(at).filter((i) => i >= 0),
      all: [...roster.fieldIndex.values()],
    }
    fieldColumns.set(roster.fieldIndex, f)
  }
  return f
}
