import {existsSync} from 'node:fs'

import {UserError} from '../errors.js'

export const DEPARTMENTS = ['civil-affairs', 'education', 'public-security', 'womens-federation', 'justice', 'youth-league', 'disabled-persons-federation', 'health', 'other'] as const
export type Department = (typeof DEPARTMENTS)[number]

export function isDepartment(name: string): name is Department {
  return (DEPARTMENTS as readonly string[]).includes(name)
}

/**
 * `FILE` or `NAME=FILE` arguments. A known department id as NAME also sets the department; a
 * path that merely contains `=` (and exists as written) stays a path.
 */
export function parseDatasetArgs(args: string[]): {file: string; dataset?: string; department?: string}[] {
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
