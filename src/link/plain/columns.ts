// The plain representation's own columns: the values of a roster row that identify a child,
// read once and normalised (certain fixes only). ID numbers and phones are stored as numbers (the
// number in the store's shared columns); names, region codes and place names are interned (they
// repeat across siblings and lists).

import {parseDate} from '../../cn/dates.js'
import {analyzeId} from '../../cn/id-number.js'
import {checkName} from '../../cn/names.js'
import {parsePhone} from '../../cn/phone.js'
import {normalizeRegionName} from '../../cn/region.js'
import {trimSpaces} from '../../cn/text.js'
import {lookupCode} from '../../schema/code-lists.js'
import {detach} from '../../strings.js'
import {Interner} from '../interner.js'
import {type Column, type ColumnFills, IdKind, type RecordBasics, type RecordStore, cutColumns, growColumns, ymd} from '../records.js'
import {ChildNames, PersonNames} from './names.js'

/** The cells of one row that linkage reads, as written (undefined when absent or empty). */
export interface RecordValues extends RecordBasics {
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
}

const SEX_MALE = 1
const SEX_FEMALE = 2

/** Every column with the value of a record that has none (-1 for ids, 0 otherwise). */
const COLUMN_FILLS = [
  ['name', -1], ['birth', 0], ['idBirth', 0], ['region', -1], ['idCounty', -1], ['placeCounty', -1], ['placeTown', -1], ['placeVillage', -1],
  ['guardianName', -1], ['fatherName', -1], ['motherName', -1],
] as const satisfies ColumnFills<keyof PlainColumns>

type ColumnKey = (typeof COLUMN_FILLS)[number][0]

export class PlainColumns {
  private capacity = 0
  childNames = new ChildNames()
  personNames = new PersonNames()
  /** Region codes and place names. */
  regions = new Interner()
  places = new Interner()

  /** Child name id (ChildNames), -1 when empty or not a name. */
  name = new Int32Array(0)
  /** The ID text of the kinds not held as halves: Excel's surviving digits, a malformed number's characters. */
  readonly idText = new Map<number, string>()
  /** Birth date written in the row: yyyymmdd, yyyymm00 for a year-month, 0 when none. */
  birth = new Int32Array(0)
  /** Birth date inside a valid ID: yyyymmdd, 0 when none. */
  idBirth = new Int32Array(0)
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

  /** The last row's place cells and their ids, and the last region code's id (see read). */
  private lastPlace: {county?: string | undefined; town?: string | undefined; village?: string | undefined; ids: [number, number, number]} = {ids: [-1, -1, -1]}
  private lastRegion: {code: string; id: number} = {code: '', id: -1}

  constructor(private readonly store: RecordStore) {}

  reserve(n: number): void {
    if (n <= this.capacity) return
    const cap = Math.max(n, this.capacity * 2, 1024)
    growColumns(this as unknown as Record<ColumnKey, Column>, COLUMN_FILLS, cap)
    this.capacity = cap
  }

  trim(): void {
    const n = this.store.size
    if (this.capacity === n) return
    cutColumns(this as unknown as Record<ColumnKey, Column>, COLUMN_FILLS, n)
    this.capacity = n
  }

  release(): void {
    cutColumns(this as unknown as Record<ColumnKey, Column>, COLUMN_FILLS, 0)
    this.capacity = 0
    this.childNames = new ChildNames()
    this.personNames = new PersonNames()
    this.regions = new Interner()
    this.places = new Interner()
    this.lastPlace = {ids: [-1, -1, -1]}
    this.lastRegion = {code: '', id: -1}
    this.idText.clear()
  }

  /** The ID as the store's `idKind` says: the 18 characters, Excel's digits or the malformed text; undefined for None. */
  idString(i: number): string | undefined {
    const hi = this.store.idHi[i]!
    if (hi >= 0) return idFromHalves(hi, this.store.idLo[i]!)
    return this.idText.get(i)
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

  /** Reads the values of record `i` (added to the store, not unread) into its columns and the store's. */
  read(i: number, v: RecordValues): void {
    const store = this.store
    const name = cleanName(v.name)
    if (name !== undefined) this.name[i] = this.childNames.add(name)

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
        this.idText.set(i, a.canonical.slice(0, 15))
        if (a.birth) this.idBirth[i] = a.birth.year * 10000 + a.birth.month * 100 + a.birth.day
      } else if (a.canonical !== undefined && !a.problem) {
        store.idKind[i] = a.legacy15 ? IdKind.Valid15 : IdKind.Valid
        setHalves(a.canonical)
        canonical = a.canonical
        if (a.birth) this.idBirth[i] = a.birth.year * 10000 + a.birth.month * 100 + a.birth.day
        if (a.sex) store.sex[i] = a.sex === '男' ? SEX_MALE : SEX_FEMALE
      } else if (a.problem?.type === 'checksum') {
        store.idKind[i] = IdKind.Checksum
        if (!setHalves(a.cleaned)) this.idText.set(i, detach(a.cleaned))
      } else if (a.problem?.type === 'excel-mangled') {
        const digits = excelDigits(a.cleaned)
        if (digits.length > 0) {
          store.idKind[i] = IdKind.Excel
          this.idText.set(i, digits)
        }
      } else if (a.cleaned !== '') {
        store.idKind[i] = IdKind.Other
        this.idText.set(i, detach(a.cleaned))
      }
    }

    if (v.birthDate) this.birth[i] = ymd(parseDate(v.birthDate))
    if (v.gender) {
      const g = lookupCode('gender', trimSpaces(v.gender))
      if (g === '男') store.sex[i] = SEX_MALE
      else if (g === '女') store.sex[i] = SEX_FEMALE
    }

    const code = linkedRegionCode(v.regionCode)
    const idCounty = canonical !== undefined ? canonical.slice(0, 6) : ''
    if (code !== undefined) {
      this.region[i] = this.regionId(code)
      if (idCounty !== '' && !code.startsWith(idCounty)) this.idCounty[i] = this.regionId(idCounty)
    } else if (idCounty !== '') {
      this.region[i] = this.regionId(idCounty)
    }
    // Rosters run village by village: the row before's place is most often this row's.
    const last = this.lastPlace
    if (v.county === last.county && v.town === last.town && v.village === last.village) {
      this.placeCounty[i] = last.ids[0]
      this.placeTown[i] = last.ids[1]
      this.placeVillage[i] = last.ids[2]
    } else {
      const county = v.county ? normalizeRegionName(v.county) : ''
      const town = v.town ? normalizeRegionName(v.town) : ''
      const village = v.village ? normalizeRegionName(v.village) : ''
      if (county) this.placeCounty[i] = this.places.id(county)
      if (town) this.placeTown[i] = this.places.id(`${county}|${town}`)
      if (village) this.placeVillage[i] = this.places.id(`${county}|${town}|${village}`)
      this.lastPlace = {county: v.county, town: v.town, village: v.village, ids: [this.placeCounty[i]!, this.placeTown[i]!, this.placeVillage[i]!]}
    }

    const guardian = cleanName(v.guardianName)
    if (guardian !== undefined) this.guardianName[i] = this.personNames.add(guardian)
    const father = cleanName(v.fatherName)
    if (father !== undefined) this.fatherName[i] = this.personNames.add(father)
    const mother = cleanName(v.motherName)
    if (mother !== undefined) this.motherName[i] = this.personNames.add(mother)
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
  }

  /** A region code's id, the row before's when it is the same code (rosters run village by village). */
  private regionId(code: string): number {
    const last = this.lastRegion
    if (last.code === code) return last.id
    const id = this.regions.id(code)
    this.lastRegion = {code, id}
    return id
  }
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

/** The region code the linkage reads from a cell (6, 9 or 12 digits once folded), else undefined. */
export function linkedRegionCode(raw: string | undefined): string | undefined {
  if (!raw) return undefined
  const code = isDigits(raw) ? raw : raw.normalize('NFKC').replace(/\s+/g, '')
  return (code.length === 6 || code.length === 9 || code.length === 12) && isDigits(code) ? code : undefined
}

function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x30 || c > 0x39) return false
  }
  return s.length > 0
}
