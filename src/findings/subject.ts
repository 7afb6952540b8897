import {parseDate} from '../cn/dates.js'
import {analyzeId} from '../cn/id-number.js'
import {checkName} from '../cn/names.js'
import {cleanRegionCode, regionNameStem} from '../cn/region.js'
import {detach} from '../strings.js'
import type {RowUnits} from './breakdown.js'
import {type UnitCells, unitsOf} from './units.js'

// Who a finding is about. The fingerprint's key (docs/architecture.md
// "Contracts") is the child's canonical ID when it is valid, else name|birthDate|village, else the
// row itself; the name, town and village are what a reader of the report needs to find the child.

export interface Subject {
  /** The fingerprint key: `430…`, `name|birthDate|village`, or empty for "the row itself". */
  key: string
  name?: string
  town?: string
  village?: string
}

/** The cells a subject is read from, as the roster writes them. */
export interface SubjectCells extends UnitCells {
  name?: string
  birthDate?: string
}

const VILLAGE_CODE = /^\d{12}$/

/** The subject of a row (its key empty when the row has neither a valid ID nor a name and birth date). */
export function subjectOf(cells: SubjectCells): Subject {
  const rawName = (cells.name ?? '').trim()
  const name = rawName === '' ? undefined : checkName(rawName)
  return placed({key: keyOf(cells, name?.invalid ? undefined : name?.cleaned)}, rawName, name, unitsOf(cells))
}

/**
 * The subject of a row whose key is known (ID_DUPLICATE's: the number), from its name cell and
 * its town and village: what subjectOf gives from all its cells, with that key.
 */
export function subjectFor(key: string, nameCell: string, units: Pick<RowUnits, 'town' | 'village'>): Subject {
  const rawName = nameCell.trim()
  return placed({key}, rawName, rawName === '' ? undefined : checkName(rawName), units)
}

function placed(subject: Subject, rawName: string, name: ReturnType<typeof checkName> | undefined, units: Pick<RowUnits, 'town' | 'village'>): Subject {
  if (name) subject.name = detach(name.invalid ? rawName : name.cleaned)
  if (units.town) subject.town = units.town
  if (units.village) subject.village = units.village
  return subject
}

function keyOf(cells: SubjectCells, name: string | undefined): string {
  const id = analyzeId(cells.idNumber ?? '')
  if (id.canonical && !id.problem) return id.canonical
  if (!name) return ''
  const birth = parseDate(cells.birthDate ?? '')
  if (birth.kind !== 'date' && birth.kind !== 'month') return ''
  const code = cleanRegionCode(cells.regionCode ?? '')
  const village = VILLAGE_CODE.test(code) ? code : regionNameStem('village', cells.village ?? '')
  return `${name}|${birth.iso}|${village}`
}
