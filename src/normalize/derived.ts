import {type ParsedDate, ageAt} from '../cn/dates.js'
import type {IdAnalysis} from '../cn/id-number.js'
import {checkName} from '../cn/names.js'
import {nameInitials, namePinyin} from '../cn/pinyin.js'
import {lookupRegion} from '../cn/region.js'
import {detach} from '../strings.js'

/** The columns normalize appends (README, "liushou normalize"), in this order. */
export const DERIVED_HEADERS = ['姓名拼音', '拼音首字母', '证件出生日期', '证件性别', '年龄', '区划名称'] as const

export interface DerivedInput {
  /** Normalized values of the row's canonical fields. */
  name: string
  /** The normalized ID number's analysis (the validator's: it has just read the same cell). */
  id: IdAnalysis | undefined
  /** The birth date column, parsed; asked for only when the ID gives no birth date. */
  birthDate: () => ParsedDate
  regionCode: string
  asOf: string
}

// Names repeat (common given names, the same child entered twice) and romanising one costs
// microseconds in pinyin-pro: both pinyin columns are remembered per distinct name cell. Cleared
// when full, like the other caches. The bound is a memory trade: on the benchmark's million rows
// (214,000 distinct names) 200,000 entries caught twice the repeats of 100,000 but raised peak
// memory by about 150 MB against no cache, 100,000 by about 70.
const NAME_CACHE_LIMIT = 100_000
const NO_NAME: readonly [string, string] = ['', '']
const nameColumns = new Map<string, readonly [string, string]>()

/** 姓名拼音 and 拼音首字母 of a name cell; empty for a name that is not valid. */
function pinyinColumns(name: string): readonly [string, string] {
  if (name === '') return NO_NAME
  let columns = nameColumns.get(name)
  if (columns === undefined) {
    columns = checkName(name).invalid ? NO_NAME : [namePinyin(name), nameInitials(name)]
    if (nameColumns.size >= NAME_CACHE_LIMIT) nameColumns.clear()
    nameColumns.set(detach(name), columns)
  }
  return columns
}

/**
 * Values read from the row, never guessed: pinyin of a valid name, the birth date and sex of a
 * valid ID, the age from the ID (or the birth date column when there is no valid ID), and the
 * full name of the region code (or, without one, of the ID's county).
 */
export function derivedValues(input: DerivedInput): string[] {
  const [pinyin, initials] = pinyinColumns(input.name)
  const id = input.id
  const valid = id && !id.problem && id.birth && !id.birthInvalid ? id : undefined
  let birth = valid?.birth && valid.birth.iso <= input.asOf ? valid.birth.iso : ''
  if (!birth) {
    const parsed = input.birthDate()
    if (parsed.kind === 'date' || parsed.kind === 'month') birth = parsed.iso
  }
  const age = birth ? ageAt(birth, input.asOf) : Number.NaN
  const region = (input.regionCode && lookupRegion(input.regionCode)) || (valid?.regionCode ? lookupRegion(valid.regionCode) : undefined)
  return [pinyin, initials, valid?.birth?.iso ?? '', valid?.sex ?? '', Number.isNaN(age) || age < 0 ? '' : String(age), region?.fullName ?? '']
}
