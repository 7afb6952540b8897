import {ageAt} from '../cn/dates.js'
import {explainLunarMismatch} from '../cn/lunar.js'
import {checkName} from '../cn/names.js'
import {lookupCode} from '../schema/code-lists.js'
import type {RowContext} from './context.js'

/** BIRTH_MISMATCH: the birth date column against the child's ID (month precision for year-months). */
export function checkBirthAgainstId(ctx: RowContext): void {
  if (!ctx.has('birthDate')) return
  const id = ctx.usableId('idNumber')
  const birth = ctx.birthDate()
  if (!id?.birth || (birth.kind !== 'date' && birth.kind !== 'month')) return
  const expected = birth.kind === 'month' ? id.birth.iso.slice(0, 7) : id.birth.iso
  if (birth.iso === expected) return
  const lunar = birth.kind === 'date' ? explainLunarMismatch(birth.iso, id.birth.iso) : undefined
  const lang = ctx.options.lang
  ctx.emit({
    code: 'BIRTH_MISMATCH',
    field: 'birthDate',
    column: ctx.column('birthDate'),
    value: ctx.get('birthDate'),
    expected,
    params: {lunar: lunar ? (lang === 'zh' ? `；${lunar.zh}` : `; ${lunar.en}`) : ''},
  })
}

/** GENDER_MISMATCH: the gender column against digit 17 of the child's ID. */
export function checkGenderAgainstId(ctx: RowContext): void {
  if (!ctx.has('gender')) return
  const id = ctx.usableId('idNumber')
  const gender = lookupCode('gender', ctx.get('gender'))
  if (!id?.sex || (gender !== '男' && gender !== '女') || gender === id.sex) return
  ctx.emit({code: 'GENDER_MISMATCH', field: 'gender', column: ctx.column('gender'), value: ctx.get('gender'), expected: id.sex})
}

/**
 * AGE_OUT_OF_RANGE: at or above the age limit at the reference date, or born after it. Only on a
 * left-behind roster: a student roster lists pupils of 16 and more, a household register everyone.
 */
export function checkAge(ctx: RowContext): void {
  if (!ctx.applies('AGE_OUT_OF_RANGE')) return
  const birth = ctx.childBirth()
  if (!birth) return
  const age = ageAt(birth.iso, ctx.options.asOf)
  if (Number.isNaN(age)) return
  const limit = ctx.options.ageLimit
  const unborn = birth.iso.slice(0, 7) > ctx.options.asOf.slice(0, 7) || (birth.iso.length === 10 && birth.iso > ctx.options.asOf)
  if (age < limit && !unborn) return
  const lang = ctx.options.lang
  const field = ctx.has('birthDate') ? 'birthDate' : 'idNumber'
  const reason = unborn
    ? lang === 'zh'
      ? '出生日期晚于参考日期'
      : 'born after the reference date'
    : lang === 'zh'
      ? `${age} 周岁`
      : `aged ${age}`
  ctx.emit({code: 'AGE_OUT_OF_RANGE', field, column: ctx.column(field), value: ctx.get(field), params: {reason, asOf: ctx.options.asOf, limit}})
}

// Ages at which a stage is plausible (entry ages vary by a year or two across counties and
// repeated grades are common, so the ranges are generous: the rule is for clear contradictions).
const STAGE_AGES: Record<string, [number, number]> = {
  幼儿园: [2, 7],
  小学: [5, 15],
  初中: [10, 18],
  高中: [13, 20],
  中职: [13, 20],
}
const NOT_AT_SCHOOL = new Set(['辍学', '未入学', '未在校', '未入园'])

/** SCHOOL_AGE_MISMATCH: out of school at 6–15 (a dropout alert), or a stage impossible for the age. */
export function checkSchoolAge(ctx: RowContext): void {
  if (!ctx.has('schoolStatus')) return
  const status = lookupCode('schoolStatus', ctx.get('schoolStatus'))
  if (!status) return
  const age = ctx.childAge()
  if (age === undefined || age < 0) return
  const lang = ctx.options.lang
  let reason: string | undefined
  if (NOT_AT_SCHOOL.has(status) && age >= 6 && age <= 15) {
    reason = lang === 'zh' ? `${age} 周岁处于义务教育年龄，却为“${status}”` : `aged ${age}, compulsory school age, but ${status}`
  } else {
    const range = STAGE_AGES[status]
    if (range && (age < range[0] || age > range[1])) {
      reason = lang === 'zh' ? `${age} 周岁不可能在读${status}` : `aged ${age} cannot be in ${status}`
    }
  }
  if (reason) ctx.emit({code: 'SCHOOL_AGE_MISMATCH', field: 'schoolStatus', column: ctx.column('schoolStatus'), value: ctx.get('schoolStatus'), params: {reason}})
}

/** GUARDIAN_INVALID: the guardian is the child, or younger than 18. */
export function checkGuardian(ctx: RowContext): void {
  const lang = ctx.options.lang
  const guardian = ctx.usableId('guardianIdNumber')
  const child = ctx.has('idNumber') && !ctx.id('idNumber').problem ? ctx.id('idNumber').canonical : undefined
  const field = 'guardianIdNumber'
  const value = ctx.get(field)
  const guardianName = ctx.has('guardianName') ? checkName(ctx.get('guardianName')).cleaned : ''
  const sameName = guardianName !== '' && guardianName === checkName(ctx.get('name')).cleaned
  if ((guardian?.canonical && child && guardian.canonical === child) || (sameName && (!guardian || !child))) {
    ctx.emit({code: 'GUARDIAN_INVALID', field, column: ctx.column(field), value, params: {reason: lang === 'zh' ? '监护人身份证号与儿童本人相同' : 'the guardian ID is the child’s own'}})
    return
  }
  let age: number | undefined
  if (guardian?.birth) age = ageAt(guardian.birth.iso, ctx.options.asOf)
  else if (ctx.has('guardianAge') && /^\d{1,3}$/.test(ctx.get('guardianAge').trim())) age = Number(ctx.get('guardianAge').trim())
  if (age !== undefined && !Number.isNaN(age) && age < 18) {
    ctx.emit({
      code: 'GUARDIAN_INVALID',
      field,
      column: ctx.column(field) ?? ctx.column('guardianAge'),
      value,
      params: {reason: lang === 'zh' ? `监护人仅 ${age} 周岁` : `the guardian is only ${age}`},
    })
  }
}

/** PARENT_AGE_IMPLAUSIBLE: a parent under 14 or over 60 at the child's birth. */
export function checkParentAges(ctx: RowContext): void {
  const birth = ctx.childBirth()
  if (!birth) return
  for (const field of ['fatherIdNumber', 'motherIdNumber']) {
    const parent = ctx.usableId(field)
    if (!parent?.birth) continue
    const age = ageAt(parent.birth.iso, birth.iso.length === 7 ? `${birth.iso}-01` : birth.iso)
    if (Number.isNaN(age) || (age >= 14 && age <= 60)) continue
    ctx.emit({code: 'PARENT_AGE_IMPLAUSIBLE', field, column: ctx.column(field), value: ctx.get(field), params: {age}})
  }
}
