import type {IdAnalysis, IdFix} from '../cn/id-number.js'
import {checkIdRegion} from '../cn/region.js'
import {ID_FIELDS} from '../schema/fields.js'
import type {RowContext} from './context.js'

const FIX_REASON: Record<IdFix, {zh: string; en: string}> = {
  'full-width': {zh: '全角数字', en: 'full-width digits'},
  apostrophe: {zh: '前导单引号', en: "a leading '"},
  spaces: {zh: '含空格', en: 'spaces inside'},
  'lowercase-x': {zh: '小写x', en: 'lowercase x'},
}

const EXCEL_NUMBER_REASON = {
  zh: '在表格中存为数字，超过15位的部分已丢失',
  en: 'stored as a number in the workbook, digits beyond the 15th are lost',
}

/** ID_EXCEL_MANGLED, ID_FORMAT, ID_CHECKSUM, ID_LEGACY_15, ID_BIRTH_INVALID, ID_REGION_*, NOT_CANONICAL. */
export function checkIdField(ctx: RowContext, field: string): void {
  if (!ctx.has(field)) return
  const raw = ctx.get(field)
  if (raw.trim() === '') return
  const lang = ctx.options.lang
  const column = ctx.column(field)
  const base = {field, column, value: raw}
  if (ctx.isLongNumber(field)) {
    ctx.emit({...base, code: 'ID_EXCEL_MANGLED', params: {reason: EXCEL_NUMBER_REASON[lang]}})
    return
  }
  const a: IdAnalysis = ctx.id(field)
  if (a.problem) {
    const code = a.problem.type === 'excel-mangled' ? 'ID_EXCEL_MANGLED' : a.problem.type === 'format' ? 'ID_FORMAT' : 'ID_CHECKSUM'
    ctx.emit({...base, code, params: {reason: a.problem.reason[lang], check: a.problem.expectedCheck}})
    return
  }
  if (a.legacy15 && a.canonical) ctx.emit({...base, code: 'ID_LEGACY_15', expected: a.canonical})
  if (a.fixes.length > 0) {
    ctx.emit({
      ...base,
      code: 'NOT_CANONICAL',
      expected: a.canonical ?? a.cleaned,
      params: {reason: a.fixes.map((f) => FIX_REASON[f][lang]).join(lang === 'zh' ? '、' : ', ')},
    })
  }
  if (a.birthInvalid) {
    ctx.emit({...base, code: 'ID_BIRTH_INVALID', params: {reason: a.birthInvalid[lang]}})
    return
  }
  if (a.birth && a.birth.iso > ctx.options.asOf) {
    ctx.emit({
      ...base,
      code: 'ID_BIRTH_INVALID',
      params: {reason: lang === 'zh' ? `出生日期晚于参考日期 ${ctx.options.asOf}` : `born after the reference date ${ctx.options.asOf}`},
    })
    return
  }
  if (a.regionCode && a.birth && !a.residencePermit) {
    const verdict = checkIdRegion(a.regionCode, a.birth.year)
    if (verdict.verdict === 'unknown') ctx.emit({...base, code: 'ID_REGION_UNKNOWN'})
    else if (verdict.verdict === 'anachronism') {
      const info = verdict.info
      const years = `${info.firstYear}–${info.lastYear ?? ''}`
      const successor =
        info.successors.length > 0
          ? lang === 'zh'
            ? `后续代码 ${info.successors.join('、')}`
            : `succeeded by ${info.successors.join(', ')}`
          : lang === 'zh'
            ? '无后续代码'
            : 'no successor'
      ctx.emit({...base, code: 'ID_REGION_ANACHRONISM', params: {code: info.code, name: info.name, years, successor}})
    }
  }
}

export function checkIds(ctx: RowContext): void {
  for (const field of ID_FIELDS) checkIdField(ctx, field)
}
