import {existsSync} from 'node:fs'

import {UserError} from '../errors.js'

export const DEPARTMENTS = ['civil-affairs', 'education', 'public-security', 'womens-federation', 'justice', 'youth-league', 'disabled-persons-federation', 'health', 'other'] as const
export type Department = (typeof DEPARTMENTS)[number]

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
