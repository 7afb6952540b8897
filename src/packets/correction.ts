import {parseDate} from '../cn/dates.js'
import {analyzeId} from '../cn/id-number.js'
import {checkName} from '../cn/names.js'
import {parsePhone} from '../cn/phone.js'
import {cleanRegionCode, lookupRegion} from '../cn/region.js'
import {type CodeListName, lookupCode} from '../schema/code-lists.js'
import {FIELD_BY_KEY} from '../schema/fields.js'
import type {Lang} from '../types.js'

// A corrected value is checked before it goes into the roster: the rules a roster value must meet,
// for the field of the column it corrects. What passes is written in canonical form (an ID upper-
// cased, a date YYYY-MM-DD); what fails is refused with the reason, and the cell stays as it was.

export type Correction = {ok: true; value: string} | {ok: false; reason: string}

const R = {
  empty: {zh: '为空', en: 'empty'},
  id: {zh: '不是有效的身份证号', en: 'not a valid ID number'},
  future: {zh: '出生日期晚于基准日期', en: 'the birth date is after the reference date'},
  date: {zh: '不是可以识别的日期（请写作 YYYY-MM-DD）', en: 'not a readable date (write YYYY-MM-DD)'},
  ambiguous: {zh: '日期有两种读法（请写作 YYYY-MM-DD）', en: 'the date reads two ways (write YYYY-MM-DD)'},
  phone: {zh: '不是有效的手机或固定电话号码', en: 'not a valid mobile or landline number'},
  name: {zh: '不是有效的姓名', en: 'not a valid name'},
  region: {zh: '行政区划代码不存在', en: 'no such region code'},
  list: {zh: '不在代码表中', en: 'not in its code list'},
} as const

export function checkCorrection(field: string | undefined, raw: string, asOf: string, lang: Lang): Correction {
  const value = raw.trim()
  if (value === '') return {ok: false, reason: R.empty[lang]}
  const def = field ? FIELD_BY_KEY.get(field) : undefined
  switch (def?.kind) {
    case 'id': {
      const a = analyzeId(value)
      if (a.problem || !a.canonical) return {ok: false, reason: `${R.id[lang]}：${a.problem?.reason[lang] ?? ''}`.replace(/：$/, '')}
      if (a.birthInvalid) return {ok: false, reason: `${R.id[lang]}：${a.birthInvalid[lang]}`}
      if (a.birth && a.birth.iso > asOf) return {ok: false, reason: R.future[lang]}
      return {ok: true, value: a.canonical}
    }
    case 'date': {
      const d = parseDate(value)
      if (d.kind === 'ambiguous') return {ok: false, reason: R.ambiguous[lang]}
      if (d.kind !== 'date' && d.kind !== 'month') return {ok: false, reason: R.date[lang]}
      if (field === 'birthDate' && d.iso > asOf) return {ok: false, reason: R.future[lang]}
      return {ok: true, value: d.iso}
    }
    case 'phone': {
      const p = parsePhone(value)
      return p.kind === 'mobile' || p.kind === 'landline' ? {ok: true, value: p.canonical} : {ok: false, reason: R.phone[lang]}
    }
    case 'name': {
      const n = checkName(value)
      return n.invalid ? {ok: false, reason: `${R.name[lang]}：${n.invalid[lang]}`} : {ok: true, value: n.cleaned}
    }
    case 'region': {
      if (field !== 'regionCode') return {ok: true, value}
      const code = cleanRegionCode(value)
      return /^(\d{6}|\d{9}|\d{12})$/.test(code) && lookupRegion(code) ? {ok: true, value: code} : {ok: false, reason: R.region[lang]}
    }
    case 'enum': {
      const canonical = def.list ? lookupCode(def.list as CodeListName, value) : value
      return canonical === undefined ? {ok: false, reason: R.list[lang]} : {ok: true, value: canonical}
    }
    default:
      return {ok: true, value}
  }
}
