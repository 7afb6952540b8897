import {LIST_KINDS, type ListKind} from '../schema/dataset-args.js'

// Which rules a list gets by its kind (SPEC, "More flags"; docs/rules.md "Kinds of list"). The
// left-behind roster lists children under 16 whose parents are away; a student roster (学籍)
// lists pupils of every age, a household register (户籍) every resident: age and eligibility
// rules would flag a thousand correct rows of those.

/** Codes that apply to the left-behind roster only; every other code applies to every kind. */
export const LEFT_BEHIND_ONLY: readonly string[] = ['AGE_OUT_OF_RANGE', 'NOT_LEFT_BEHIND']

/** Whether rule `code` runs on a list of `kind`. */
export function ruleApplies(code: string, kind: ListKind): boolean {
  return kind === 'left-behind' || !LEFT_BEHIND_ONLY.includes(code)
}

/** The kinds, with their Chinese names and the department each is the default of. */
export const KIND_DOC: {kind: ListKind; zh: string; en: string; departments: string}[] = [
  {kind: 'left-behind', zh: '留守儿童名册', en: 'left-behind roster', departments: 'civil-affairs (民政), or a FILE given without a department'},
  {kind: 'student', zh: '学籍名单', en: 'student roster', departments: 'education (教育)'},
  {kind: 'household', zh: '户籍名单', en: 'household register', departments: 'public-security (公安)'},
  {kind: 'other', zh: '其他名单', en: 'another list', departments: 'every other department (妇联, 司法, 团委, 残联, 卫健, other)'},
]

export {LIST_KINDS}
