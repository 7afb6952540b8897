import {parseDate} from '../cn/dates.js'
import {checkName} from '../cn/names.js'
import {parsePhone} from '../cn/phone.js'
import {CODE_LISTS, type CodeListName, lookupCode} from '../schema/code-lists.js'
import {NAME_FIELDS, PHONE_FIELDS} from '../schema/fields.js'
import type {RowContext} from './context.js'

/** NAME_INVALID, NAME_FORMAT on the child's, guardian's and parents' names. */
export function checkNames(ctx: RowContext): void {
  const lang = ctx.options.lang
  for (const field of NAME_FIELDS) {
    if (!ctx.has(field)) continue
    const raw = ctx.get(field)
    if (raw.trim() === '') continue
    const result = checkName(raw)
    const base = {field, column: ctx.column(field), value: raw}
    if (result.invalid) ctx.emit({...base, code: 'NAME_INVALID', params: {reason: result.invalid[lang]}})
    else if (result.format) ctx.emit({...base, code: 'NAME_FORMAT', expected: result.cleaned, params: {reason: result.format[lang]}})
  }
}

const DATE_FIELDS = ['birthDate', 'guardianBirthDate', 'statusDate', 'reportDate'] as const

const NOT_ISO = {zh: '不是 YYYY-MM-DD 写法', en: 'not written YYYY-MM-DD'}

/** DATE_INVALID, DATE_AMBIGUOUS and NOT_CANONICAL on every date column. */
export function checkDates(ctx: RowContext): void {
  const lang = ctx.options.lang
  for (const field of DATE_FIELDS) {
    if (!ctx.has(field)) continue
    const raw = ctx.get(field)
    const parsed = field === 'birthDate' ? ctx.birthDate() : parseDate(raw)
    const base = {field, column: ctx.column(field), value: raw}
    if (parsed.kind === 'invalid') ctx.emit({...base, code: 'DATE_INVALID'})
    else if (parsed.kind === 'ambiguous') ctx.emit({...base, code: 'DATE_AMBIGUOUS', params: {readings: parsed.readings.join(lang === 'zh' ? ' 或 ' : ' or ')}})
    else if ((parsed.kind === 'date' || parsed.kind === 'month') && !parsed.canonical) {
      ctx.emit({...base, code: 'NOT_CANONICAL', expected: parsed.iso, params: {reason: NOT_ISO[lang]}})
    }
  }
}

/** PHONE_INVALID (and NOT_CANONICAL for a valid number written another way). */
export function checkPhones(ctx: RowContext): void {
  const lang = ctx.options.lang
  for (const field of PHONE_FIELDS) {
    if (!ctx.has(field)) continue
    const raw = ctx.get(field)
    const parsed = parsePhone(raw)
    const base = {field, column: ctx.column(field), value: raw}
    if (parsed.kind === 'invalid') ctx.emit({...base, code: 'PHONE_INVALID'})
    else if (parsed.kind !== 'empty' && parsed.canonicalChanged) {
      ctx.emit({...base, code: 'NOT_CANONICAL', expected: parsed.canonical, params: {reason: lang === 'zh' ? '号码写法不规范' : 'number not in canonical form'}})
    }
  }
}

// The enumerated fields ENUM_UNKNOWN covers (docs/rules.md), with the list each one draws on.
const ENUM_FIELDS: [field: string, list: CodeListName][] = [
  ['gender', 'gender'],
  ['ethnicity', 'ethnicity'],
  ['schoolStatus', 'schoolStatus'],
  ['health', 'health'],
  ['guardianshipType', 'guardianshipType'],
  ['guardianRelation', 'relation'],
]

const ALLOWED_PREVIEW = 14

function allowedValues(list: CodeListName): string {
  const values = CODE_LISTS[list].values.map((v) => v.value)
  return values.length > ALLOWED_PREVIEW ? `${values.slice(0, ALLOWED_PREVIEW).join('、')}…` : values.join('、')
}

/** ENUM_UNKNOWN for values outside their code list; NOT_CANONICAL for a synonym of a value. */
export function checkEnums(ctx: RowContext): void {
  const lang = ctx.options.lang
  for (const [field, list] of ENUM_FIELDS) {
    if (!ctx.has(field)) continue
    const raw = ctx.get(field)
    if (raw.trim() === '') continue
    const canonical = lookupCode(list, raw)
    const base = {field, column: ctx.column(field), value: raw}
    if (canonical === undefined) ctx.emit({...base, code: 'ENUM_UNKNOWN', params: {allowed: allowedValues(list)}})
    else if (canonical !== raw) {
      ctx.emit({...base, code: 'NOT_CANONICAL', expected: canonical, params: {reason: lang === 'zh' ? '代码表同义写法' : 'a synonym in the code list'}})
    }
  }
}
