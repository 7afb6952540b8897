import type {Finding} from '../findings/model.js'
import {departmentName} from '../schema/dataset-args.js'
import type {Lang} from '../types.js'
import type {RowFacts} from './rows.js'

// Who must act on a finding (docs/packets.md): the unit that filled in the row (填报单位, else its
// village), its town, its village, or the department whose list the row is on — except where
// another department must act: a child not enrolled is education's to check, a child not
// registered public security's.

export const PACKETS_BY = ['unit', 'town', 'village', 'department'] as const
export type PacketsBy = (typeof PACKETS_BY)[number]

const ACTING_DEPARTMENT: Partial<Record<string, string>> = {XC_NOT_ENROLLED: 'education', XC_NOT_REGISTERED: 'public-security'}

export interface Recipient {
  /** What the packet's cover and the index call the recipient. */
  name: string
  /** The department the recipient is, when packets go by department. */
  department?: string
}

/** The recipient of a finding, or undefined for `未分配` (no unit, place or department known). */
export function recipientOf(f: Finding, facts: RowFacts | undefined, by: PacketsBy, department: string | undefined, lang: Lang): Recipient | undefined {
  const village = facts?.village ?? f.village
  const town = facts?.town ?? f.town
  switch (by) {
    case 'unit': {
      const unit = facts?.reportingUnit ?? village
      return unit ? {name: unit} : undefined
    }
    case 'town':
      return town ? {name: town} : undefined
    case 'village':
      return village ? {name: village} : undefined
    case 'department': {
      const acting = ACTING_DEPARTMENT[f.code] ?? department
      return acting ? {name: departmentName(acting, lang), department: acting} : undefined
    }
  }
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g

/** A recipient's name as a file name: no path or reserved characters, not empty, not too long. */
export function safeFileName(name: string): string {
  const safe = name.normalize('NFC').replace(UNSAFE, '_').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 80)
  return safe === '' ? '_' : safe
}
