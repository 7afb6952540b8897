import {existsSync} from 'node:fs'

import {UserError} from '../errors.js'

export const DEPARTMENTS = ['civil-affairs', 'education', 'public-security', 'womens-federation', 'justice', 'youth-league', 'disabled-persons-federation', 'health', 'other'] as const
export type Department = (typeof DEPARTMENTS)[number]

export function isDepartment(name: string): name is Department {
  return (DEPARTMENTS as readonly string[]).includes(name)
}

/** Departments by their Chinese names (SPEC, "More flags"): `民政=花名册.xlsx` is civil-affairs. */
export const DEPARTMENT_ZH: Record<string, Department> = {
  民政: 'civil-affairs',
  教育: 'education',
  公安: 'public-security',
  妇联: 'womens-federation',
  司法: 'justice',
  团委: 'youth-league',
  残联: 'disabled-persons-federation',
  卫健: 'health',
  其他: 'other',
}

/** The department an id or Chinese name stands for (民政 → civil-affairs); undefined for others. */
export function departmentId(name: string): Department | undefined {
  const trimmed = name.trim()
  if (isDepartment(trimmed)) return trimmed
  return DEPARTMENT_ZH[trimmed]
}

const DEPARTMENT_NAMES: Record<Department, {zh: string; en: string}> = {
  'civil-affairs': {zh: '民政', en: 'civil affairs'},
  education: {zh: '教育（学籍）', en: 'education'},
  'public-security': {zh: '公安（户籍）', en: 'public security'},
  'womens-federation': {zh: '妇联', en: "women's federation"},
  justice: {zh: '司法', en: 'justice'},
  'youth-league': {zh: '团委', en: 'Youth League'},
  'disabled-persons-federation': {zh: '残联', en: "disabled persons' federation"},
  health: {zh: '卫健', en: 'health'},
  other: {zh: '其他部门', en: 'another department'},
}

/** A department's name for people: 民政, 教育（学籍）, … in Chinese; the id itself when unknown. */
export function departmentName(department: string, lang: 'zh' | 'en'): string {
  return isDepartment(department) ? DEPARTMENT_NAMES[department][lang] : department
}

/**
 * What a list is, which decides the rules it gets (SPEC, "More flags"): AGE_OUT_OF_RANGE and
 * NOT_LEFT_BEHIND are for the left-behind roster only; a student roster lists pupils of every age,
 * a household register every resident.
 */
export const LIST_KINDS = ['left-behind', 'student', 'household', 'other'] as const
export type ListKind = (typeof LIST_KINDS)[number]

export function isListKind(value: string): value is ListKind {
  return (LIST_KINDS as readonly string[]).includes(value)
}

/**
 * The kind a department's list is by default: civil affairs → left-behind, education → student,
 * public security → household, other departments → other. A file given without a department is
 * the roster the tool is for, the left-behind roster.
 */
export function defaultKind(department: string | undefined): ListKind {
  if (department === undefined || department === 'civil-affairs') return 'left-behind'
  if (department === 'education') return 'student'
  if (department === 'public-security') return 'household'
  return 'other'
}

/** One input of a run: a roster file, with the dataset name and department it was given. */
export interface DatasetInput {
  file: string
  /** The name findings carry (default: the file's base name without extension). */
  dataset?: string
  department?: string
}

/**
 * `FILE` or `NAME=FILE` arguments. A department id or Chinese name as NAME (`education=`, `教育=`)
 * also sets the department, and the dataset is the id; a path that merely contains `=` (and exists
 * as written) stays a path.
 */
export function parseDatasetArgs(args: string[]): DatasetInput[] {
  const seen = new Set<string>()
  return args.map((arg) => {
    const m = /^([A-Za-z][\w-]*|[\u4e00-\u9fff]{2,4})=(.+)$/.exec(arg)
    if (!m || existsSync(arg)) return {file: arg}
    const [, written, file] = m as unknown as [string, string, string]
    const department = departmentId(written)
    if (!department && !/^[A-Za-z]/.test(written)) {
      throw new UserError({
        en: `"${written}" is no department: write one of ${Object.keys(DEPARTMENT_ZH).join(', ')} or ${DEPARTMENTS.join(', ')}`,
        zh: `“${written}”不是部门名称：请写 ${Object.keys(DEPARTMENT_ZH).join('、')} 之一（或 ${DEPARTMENTS.join(', ')}）`,
      })
    }
    const name = department ?? written
    if (seen.has(name)) throw new UserError({en: `dataset name "${name}" is given twice`, zh: `数据集名称“${name}”出现了两次`})
    seen.add(name)
    return department ? {file, dataset: name, department} : {file, dataset: name}
  })
}
