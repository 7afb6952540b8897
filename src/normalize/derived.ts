import {ageAt, parseDate} from '../cn/dates.js'
import {analyzeId} from '../cn/id-number.js'
import {checkName} from '../cn/names.js'
import {nameInitials, namePinyin} from '../cn/pinyin.js'
import {lookupRegion} from '../cn/region.js'

/** The columns normalize appends (SPEC "Precise points"), in this order. */
export const DERIVED_HEADERS = ['姓名拼音', '拼音首字母', '证件出生日期', '证件性别', '年龄', '区划名称'] as const

export interface DerivedInput {
  /** Normalized values of the row's canonical fields. */
  name: string
  idNumber: string
  birthDate: string
  regionCode: string
  asOf: string
}

/**
 * Values read from the row, never guessed: pinyin of a valid name, the birth date and sex of a
 * valid ID, the age from the ID (or the birth date column when there is no valid ID), and the
 * full name of the region code (or, without one, of the ID's county).
 */
export function derivedValues(input: DerivedInput): string[] {
  const name = input.name && !checkName(input.name).invalid ? input.name : ''
  const id = input.idNumber ? analyzeId(input.idNumber) : undefined
  const valid = id && !id.problem && id.birth && !id.birthInvalid ? id : undefined
  let birth = valid?.birth && valid.birth.iso <= input.asOf ? valid.birth.iso : ''
  if (!birth) {
    const parsed = parseDate(input.birthDate)
    if (parsed.kind === 'date' || parsed.kind === 'month') birth = parsed.iso
  }
  const age = birth ? ageAt(birth, input.asOf) : Number.NaN
  const region = (input.regionCode && lookupRegion(input.regionCode)) || (valid?.regionCode ? lookupRegion(valid.regionCode) : undefined)
  return [
    name ? namePinyin(name) : '',
    name ? nameInitials(name) : '',
    valid?.birth?.iso ?? '',
    valid?.sex ?? '',
    Number.isNaN(age) || age < 0 ? '' : String(age),
    region?.fullName ?? '',
  ]
}
