import path from 'node:path'
import {z} from 'zod'

import {UserError} from '../errors.js'
import {readConfigFile} from '../schema/config-file.js'
import {DEPARTMENTS, departmentId} from '../schema/dataset-args.js'
import {expandTarget} from '../schema/dataset-lists.js'
import {isField} from '../schema/fields.js'
import type {Severity} from '../findings/model.js'

// The reconciliation configuration (`crosscheck --config FILE`, JSON or YAML). Errors name the
// key and, for YAML and JSON alike, the line it is on.

const DATE = /^\d{4}-\d{2}-\d{2}$/
const FIELD = z.string().refine(isField, {message: 'is not a canonical field (see `liushou schema`)'})

// A department by its id or its Chinese name (民政, 教育, 公安, …).
const DEPARTMENT = z.preprocess((v) => (typeof v === 'string' ? (departmentId(v) ?? v) : v), z.enum(DEPARTMENTS))

const datasetSchema = z
  .object({
    name: z.string().min(1).regex(/^[A-Za-z][\w-]*$/, 'use letters, digits, - and _ (a department id such as civil-affairs)').optional(),
    department: DEPARTMENT,
    // One file, a folder of files, a glob (学籍/*.xlsx), or a list of them: one list either way.
    path: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    encoding: z.string().optional(),
    sheet: z.union([z.string(), z.number().int().positive()]).optional(),
    columns: z.record(z.string(), z.union([FIELD, z.null()])).optional(),
  })
  .strict()

export const configSchema = z
  .object({
    asOf: z.string().regex(DATE, 'must be a date written YYYY-MM-DD').optional(),
    primary: z.string().optional(),
    datasets: z.array(datasetSchema).min(2, 'list at least two datasets to reconcile'),
    authority: z.record(FIELD, DEPARTMENT).optional(),
    severity: z.record(z.string().regex(/^XC_[A-Z_]+$/, 'is not a crosscheck code'), z.enum(['error', 'warning', 'info'])).optional(),
    thresholds: z
      .object({
        match: z.number().gt(0).lt(1).optional(),
        possible: z.number().gt(0).lt(1).optional(),
        // The runner-up's share of the two best candidates' odds (link/ambiguity.ts); 0 turns XC_AMBIGUOUS off.
        ambiguous: z.number().min(0).max(0.5).optional(),
      })
      .strict()
      .optional(),
    ageLimit: z.union([z.literal(16), z.literal(18)]).optional(),
  })
  .strict()

export type CrosscheckConfigFile = z.infer<typeof configSchema>

export interface CrosscheckDataset {
  name: string
  department: (typeof DEPARTMENTS)[number]
  /** The list's files in reading order (a department given as several files, a folder or a glob). */
  files: string[]
  encoding?: string
  sheet?: string
  columns?: Record<string, string | null>
}

export interface CrosscheckConfig {
  asOf?: string
  primary: string
  datasets: CrosscheckDataset[]
  /** Which department's value is expected for each field when linked records disagree. */
  authority: Record<string, string>
  severity: Record<string, Severity>
  thresholds: {match?: number; possible?: number; ambiguous?: number}
  ageLimit?: 16 | 18
}

/** The default authorities: public security for identity, education for school. */
export const DEFAULT_AUTHORITY: Record<string, string> = {
  name: 'public-security',
  gender: 'public-security',
  birthDate: 'public-security',
  idNumber: 'public-security',
  ethnicity: 'public-security',
  regionCode: 'public-security',
  school: 'education',
  grade: 'education',
  schoolStatus: 'education',
  // Education records the guardian each term; civil affairs' visits are rarer.
  guardianName: 'education',
}

/** Reads, parses and validates a configuration file; every problem is a UserError naming key and line. */
export function loadCrosscheckConfig(file: string): CrosscheckConfig {
  return resolveConfig(readConfigFile(file, configSchema), path.dirname(file), file)
}

export function resolveConfig(raw: CrosscheckConfigFile, baseDir: string, source = 'configuration'): CrosscheckConfig {
  const names = new Set<string>()
  const datasets = raw.datasets.map((d) => {
    const name = d.name ?? d.department
    if (names.has(name)) throw new UserError({en: `dataset name "${name}" is used twice: give each dataset its own name`, zh: `数据集名称“${name}”用了两次：请为每个数据集另起名称`}, source)
    names.add(name)
    const files = (typeof d.path === 'string' ? [d.path] : d.path).flatMap((p) => expandTarget(path.isAbsolute(p) ? p : path.join(baseDir, p)).files)
    const out: CrosscheckDataset = {name, department: d.department, files}
    if (d.encoding) out.encoding = d.encoding
    if (d.sheet !== undefined) out.sheet = String(d.sheet)
    if (d.columns) out.columns = d.columns
    return out
  })
  // The primary list by its name, or by its department's Chinese name (民政).
  const asked = raw.primary === undefined || names.has(raw.primary) ? raw.primary : (departmentId(raw.primary) ?? raw.primary)
  const primary = asked ?? datasets.find((d) => d.department === 'civil-affairs')?.name ?? datasets[0]!.name
  if (!names.has(primary)) throw new UserError({en: `key "primary": no dataset is named "${primary}" (datasets: ${[...names].join(', ')})`, zh: `键“primary”：没有名为“${primary}”的数据集（数据集：${[...names].join(', ')}）`}, source)
  const config: CrosscheckConfig = {
    primary,
    datasets,
    authority: {...DEFAULT_AUTHORITY, ...raw.authority},
    severity: raw.severity ?? {},
    thresholds: raw.thresholds ?? {},
  }
  if (raw.asOf) config.asOf = raw.asOf
  if (raw.ageLimit) config.ageLimit = raw.ageLimit
  return config
}
