// What the plain representation shows of a record: the values --explain prints beside each
// comparison (masked), and who the record is for its findings (findings/subject.ts), rebuilt
// from the columns so that a linkage run keeps no cells of its own for it.

import {type Subject, subjectOf} from '../../findings/subject.js'
import {maskValue} from '../../mask.js'
import type {MaskMode} from '../../types.js'
import {IdKind, type RecordStore} from '../records.js'
import type {PlainColumns} from './columns.js'
import {ymdIso} from './dates.js'

const ID_KIND: Record<number, string> = {
  [IdKind.Valid]: '',
  [IdKind.Valid15]: ' (15)',
  [IdKind.Checksum]: ' (check digit wrong)',
  [IdKind.Excel]: ' (Excel-damaged)',
  [IdKind.Other]: ' (malformed)',
}

/** The value --explain shows for comparison `key` of record `i`. */
export function shownValue(s: RecordStore, c: PlainColumns, i: number, key: string, mask: MaskMode): string {
  switch (key) {
    case 'idNumber': {
      const id = c.idString(i)
      return id === undefined ? '' : maskValue('idNumber', id, mask) + (ID_KIND[s.idKind[i]!] ?? '')
    }
    case 'name':
      return shownName(c, i, mask)
    case 'birthDate': {
      const out: string[] = []
      if (c.birth[i]) out.push(ymdIso(c.birth[i]!))
      if (c.idBirth[i] && c.idBirth[i] !== c.birth[i]) out.push(`${ymdIso(c.idBirth[i]!)} (ID)`)
      return out.join(' / ')
    }
    case 'gender':
      return s.sex[i] === 1 ? '男' : s.sex[i] === 2 ? '女' : ''
    case 'region': {
      const r = c.region[i]!
      if (r >= 0) return c.regions.values[r]!
      const v = c.placeVillage[i]! >= 0 ? c.placeVillage[i]! : c.placeTown[i]! >= 0 ? c.placeTown[i]! : c.placeCounty[i]!
      return v >= 0 ? maskValue('village', c.places.values[v]!.replaceAll('|', ' '), mask) : ''
    }
    default:
      return ''
  }
}

/** The child's name of record `i`, masked; '' when the row has none. */
export function shownName(c: PlainColumns, i: number, mask: MaskMode): string {
  const n = c.name[i]!
  return n < 0 ? '' : maskValue('name', c.childNames.entry(n).name, mask)
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

function isoOf(ymd: number): string {
  if (ymd === 0) return ''
  const y = Math.floor(ymd / 10000)
  const m = Math.floor(ymd / 100) % 100
  const d = ymd % 100
  return d === 0 ? `${y}-${pad(m)}` : `${y}-${pad(m)}-${pad(d)}`
}

/** The subject of record `i`. */
export function recordSubject(s: RecordStore, c: PlainColumns, i: number): Subject {
  const kind = s.idKind[i]
  const nameId = c.name[i]!
  const placeId = c.placeVillage[i]!
  const regionId = c.region[i]!
  const [county, town, village] = placeId >= 0 ? (c.places.values[placeId] ?? '').split('|') : []
  return subjectOf({
    idNumber: kind === IdKind.Valid || kind === IdKind.Valid15 ? c.idString(i) : undefined,
    name: nameId >= 0 ? c.childNames.entry(nameId).name : undefined,
    birthDate: isoOf(c.birth[i]!) || isoOf(c.idBirth[i]!),
    regionCode: regionId >= 0 ? c.regions.values[regionId] : undefined,
    county,
    town,
    village,
  })
}
