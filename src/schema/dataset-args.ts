import {existsSync} from 'node:fs'

import {UserError} from '../errors.js'

export const DEPARTMENTS = ['civil-affairs', 'education', 'public-security', 'womens-federation', 'justice', 'youth-league', 'disabled-persons-federation', 'health', 'other'] as const
export type Department = (typeof DEPARTMENTS)[number]

/** How a department is called in messages and packet names. */
const DEPARTMENT_NAMES: Record<string, {zh: string; en: string}> = {
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

export function departmentName(department: string, lang: 'zh' | 'en'): string {
  return DEPARTMENT_NAMES[department]?.[lang] ?? department
}

export function isDepartment(name: string): name is Department {
  return (DEPARTMENTS as readonly string[]).includes(name)
}

/** One input of a run: a roster file, with the dataset name and department it was given. */
export interface DatasetInput {
  file: string
  /** The name findings carry (default: the file's base name without extension). */
  dataset?: string
  department?: string
}

/**
 * `FILE` or `NAME=FILE` arguments. A known department id as NAME also sets the department; a
 * path that merely contains `=` (and exists as written) stays a path.
 */
export function parseDatasetArgs(args: string[]): DatasetInput[] {
  const seen = new Set<string>()
  return args.map((arg) => {
    const m = /^([A-Za-z][\w-]*)=(.+)$/.exec(arg)
    if (!m || existsSync(arg)) return {file: arg}
    const [, name, file] = m as unknown as [string, string, string]
    if (seen.has(name)) throw new UserError(`dataset name "${name}" is given twice`)
    seen.add(name)
    return isDepartment(name) ? {file, dataset: name, department: name} : {file, dataset: name}
  })
}
