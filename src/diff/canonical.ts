// The canonical form of a cell for `diff`: two snapshots that write the same value differently
// (2011年5月6日 / 2011-05-06, 1 / 男, 43012…x / 43012…X, 138 1234 5678 / 13812345678, 汇龙村 /
// 汇龙村民委员会) hold no change. Only what `normalize` would fix with certainty is folded; what
// cannot be read (an ambiguous date, a damaged ID) is compared as written, spaces aside.

import {parseDate} from '../cn/dates.js'
import {analyzeId} from '../cn/id-number.js'
import {checkName} from '../cn/names.js'
import {parsePhone} from '../cn/phone.js'
import {regionNameMatches, unpadRegionCode} from '../cn/region.js'
import {type CodeListName, lookupCode} from '../schema/code-lists.js'
import {FIELD_BY_KEY} from '../schema/fields.js'
import {isPlaceholder, squeeze} from '../care/care.js'

/** Fields never compared: row numbers and the date of the submission change every time. */
const NOT_COMPARED = new Set(['seq', 'reportDate', 'idType'])

/** Whether a change of this field between snapshots is worth a DIFF_CHANGED. */
export function isComparedField(field: string): boolean {
  return FIELD_BY_KEY.has(field) && !NOT_COMPARED.has(field)
}

const PLACE_LEVEL: Record<string, 'province' | 'city' | 'county' | 'town' | 'village'> = {
  province: 'province',
  city: 'city',
  county: 'county',
  town: 'town',
  village: 'village',
}

/** The canonical value of a cell of `field` ('' for an empty or placeholder cell). */
export function canonicalValue(field: string, raw: string): string {
  const s = raw.trim()
  if (s === '') return ''
  const def = FIELD_BY_KEY.get(field)
  switch (def?.kind) {
    case 'name': {
      const c = checkName(s)
      return c.invalid ? squeeze(s) : c.cleaned
    }
    case 'id': {
      const a = analyzeId(s)
      return a.canonical && !a.problem ? a.canonical : a.cleaned
    }
    case 'date': {
      const d = parseDate(s)
      if (d.kind === 'date' || d.kind === 'month') return d.iso
      if (d.kind === 'ambiguous') return `?${d.readings.join('|')}`
      return squeeze(s)
    }
    case 'phone': {
      const p = parsePhone(s)
      if (p.kind === 'mobile' || p.kind === 'landline') return p.canonical
      return isPlaceholder(s) ? '' : squeeze(s)
    }
    case 'enum': {
      const q = squeeze(s)
      if (isPlaceholder(q) && def.list !== 'yesNo') return ''
      return lookupCode(def.list as CodeListName, q) ?? q
    }
    case 'region':
      return unpadRegionCode(squeeze(s))
    default: {
      const q = squeeze(s)
      if (isPlaceholder(q)) return ''
      if (field === 'guardianAge') return /(\d{1,3})/.exec(q)?.[1] ?? q
      return q
    }
  }
}

/** Two canonical values mean the same (a year-month agrees with a date of that month; 汇龙村 is 汇龙村民委员会). */
export function sameValue(field: string, a: string, b: string): boolean {
  if (a === b) return true
  if (a === '' || b === '') return false
  const def = FIELD_BY_KEY.get(field)
  if (def?.kind === 'date') {
    // An ambiguous date one of whose readings is the other value, or a year-month of its month.
    const readings = (v: string) => (v.startsWith('?') ? v.slice(1).split('|') : [v])
    for (const x of readings(a)) {
      for (const y of readings(b)) {
        if (x === y) return true
        if ((x.length === 7 || y.length === 7) && x.slice(0, 7) === y.slice(0, 7)) return true
      }
    }
    return false
  }
  const level = PLACE_LEVEL[field]
  if (level) return regionNameMatches(level, a, b) || regionNameMatches(level, b, a)
  return false
}
