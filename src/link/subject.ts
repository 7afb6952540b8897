import {type Subject, subjectOf} from '../findings/subject.js'
import {IdKind, type RecordStore} from './records.js'

// Who a record is, for its findings (findings/subject.ts), rebuilt from the store's columns so
// that a linkage run keeps no cells of its own for it.

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

function isoOf(ymd: number): string {
  if (ymd === 0) return ''
  const y = Math.floor(ymd / 10000)
  const m = Math.floor(ymd / 100) % 100
  const d = ymd % 100
  return d === 0 ? `${y}-${pad(m)}` : `${y}-${pad(m)}-${pad(d)}`
}

/** The subject of record `i`; keyed by its row when the records are tokenized (no identity in clear). */
export function recordSubject(store: RecordStore, i: number): Subject | undefined {
  if (store.tokens || store.released) return undefined
  const kind = store.idKind[i]
  const nameId = store.name[i]!
  const placeId = store.placeVillage[i]!
  const regionId = store.region[i]!
  const [county, town, village] = placeId >= 0 ? (store.places.values[placeId] ?? '').split('|') : []
  return subjectOf({
    idNumber: kind === IdKind.Valid || kind === IdKind.Valid15 ? store.idString(i) : undefined,
    name: nameId >= 0 ? store.childNames.entry(nameId).name : undefined,
    birthDate: isoOf(store.birth[i]!) || isoOf(store.idBirth[i]!),
    regionCode: regionId >= 0 ? store.regions.values[regionId] : undefined,
    county,
    town,
    village,
  })
}
