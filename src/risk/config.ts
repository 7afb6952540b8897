import {readFileSync} from 'node:fs'
import {LineCounter, parseDocument} from 'yaml'
import {z} from 'zod'

import {UserError} from '../errors.js'

// The risk table (SPEC: "the table of factors, weights and levels is documented and
// configurable"; docs/risk.md). A child's score is the sum of the weights of its factors; the
// level follows from the thresholds. `risk --config FILE` (JSON or YAML) changes any of it.

/** The factors, in the order a report lists them. */
export const RISK_FACTORS = [
  'RISK_NO_GUARDIAN',
  'RISK_GUARDIAN_INCAPABLE',
  'RISK_GUARDIAN_MINOR',
  'RISK_GUARDIAN_ELDERLY',
  'RISK_YOUNG_CHILD_ELDERLY_GUARDIAN',
  'RISK_ORPHAN',
  'RISK_PARENT_DECEASED',
  'RISK_PARENT_IMPRISONED',
  'RISK_PARENT_MISSING',
  'RISK_CHILD_DISABLED',
  'RISK_CHILD_ILL',
  'RISK_DROPOUT',
  'RISK_NOT_ENROLLED',
  'RISK_UNREACHABLE',
  'RISK_BOTH_PARENTS_AWAY',
] as const

export type RiskFactor = (typeof RISK_FACTORS)[number]

/** Default weights: one serious factor makes a child medium, two (or no guardian at all) high. */
export const DEFAULT_WEIGHTS: Record<RiskFactor, number> = {
  RISK_NO_GUARDIAN: 6,
  RISK_GUARDIAN_INCAPABLE: 3,
  RISK_GUARDIAN_MINOR: 3,
  RISK_GUARDIAN_ELDERLY: 2,
  RISK_YOUNG_CHILD_ELDERLY_GUARDIAN: 2,
  RISK_ORPHAN: 3,
  RISK_PARENT_DECEASED: 3,
  RISK_PARENT_IMPRISONED: 3,
  RISK_PARENT_MISSING: 3,
  RISK_CHILD_DISABLED: 3,
  RISK_CHILD_ILL: 3,
  RISK_DROPOUT: 3,
  RISK_NOT_ENROLLED: 3,
  RISK_UNREACHABLE: 2,
  // Every child on a left-behind roster has it: it may add up, never make a child high-risk alone.
  RISK_BOTH_PARENTS_AWAY: 1,
}

export interface RiskConfig {
  weights: Record<RiskFactor, number>
  levels: {high: number; medium: number}
  ages: {
    /** A guardian this old or older is elderly (RISK_GUARDIAN_ELDERLY). */
    elderlyGuardian: number
    /** A child younger than this … */
    youngChild: number
    /** … with a guardian this old or older (RISK_YOUNG_CHILD_ELDERLY_GUARDIAN). */
    youngChildGuardian: number
    /** Compulsory schooling (RISK_NOT_ENROLLED, RISK_DROPOUT): from … */
    schoolFrom: number
    /** … to this age, both included. */
    schoolTo: number
  }
  /** Children this old or older are not rated (16 left-behind children, 18 children in difficulty). */
  ageLimit: 16 | 18
}

export const DEFAULT_RISK_CONFIG: RiskConfig = {
  weights: {...DEFAULT_WEIGHTS},
  levels: {high: 6, medium: 3},
  ages: {elderlyGuardian: 70, youngChild: 3, youngChildGuardian: 65, schoolFrom: 6, schoolTo: 15},
  ageLimit: 16,
}

const AGE = z.number().int().min(0).max(120)
const weight = z.union([z.number().min(0).max(100), z.literal(false)])

export const riskConfigSchema = z
  .object({
    factors: z.object(Object.fromEntries(RISK_FACTORS.map((f) => [f, weight.optional()])) as Record<RiskFactor, z.ZodOptional<typeof weight>>).strict().optional(),
    levels: z
      .object({high: z.number().positive().optional(), medium: z.number().positive().optional()})
      .strict()
      .optional(),
    ages: z
      .object({
        elderlyGuardian: AGE.optional(),
        youngChild: AGE.optional(),
        youngChildGuardian: AGE.optional(),
        schoolFrom: AGE.optional(),
        schoolTo: AGE.optional(),
      })
      .strict()
      .optional(),
    ageLimit: z.union([z.literal(16), z.literal(18)]).optional(),
  })
  .strict()

export type RiskConfigFile = z.infer<typeof riskConfigSchema>

/** The configuration a file gives, over the defaults; a problem of consistency names its key. */
export function resolveRiskConfig(raw: RiskConfigFile, source = 'configuration'): RiskConfig {
  const weights = {...DEFAULT_WEIGHTS}
  for (const f of RISK_FACTORS) {
    const w = raw.factors?.[f]
    if (w !== undefined) weights[f] = w === false ? 0 : w
  }
  const levels = {...DEFAULT_RISK_CONFIG.levels, ...raw.levels}
  if (levels.medium > levels.high) throw new UserError(`key "levels": medium (${levels.medium}) must not be above high (${levels.high})`, source)
  if (weights.RISK_BOTH_PARENTS_AWAY >= levels.high) {
    throw new UserError(`key "factors.RISK_BOTH_PARENTS_AWAY": being left-behind alone must not make a child high-risk (weight ${weights.RISK_BOTH_PARENTS_AWAY} ≥ levels.high ${levels.high})`, source)
  }
  const ages = {...DEFAULT_RISK_CONFIG.ages, ...raw.ages}
  if (ages.schoolFrom > ages.schoolTo) throw new UserError(`key "ages": schoolFrom (${ages.schoolFrom}) must not be above schoolTo (${ages.schoolTo})`, source)
  return {weights, levels, ages, ageLimit: raw.ageLimit ?? DEFAULT_RISK_CONFIG.ageLimit}
}

function lineOf(text: string, keyPath: (string | number)[]): number | undefined {
  const counter = new LineCounter()
  const doc = parseDocument(text, {lineCounter: counter})
  // The deepest node that exists along the path: a misspelt key is reported where its parent is.
  for (let depth = keyPath.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(keyPath.slice(0, depth), true)
    const range = (node as {range?: [number, number, number]} | undefined)?.range
    if (range) return counter.linePos(range[0]).line
  }
  return undefined
}

/** Reads and validates `risk --config FILE` (JSON or YAML); every problem is a UserError naming key and line. */
export function loadRiskConfig(file: string): RiskConfig {
  let text: string
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  } catch (error) {
    throw new UserError(`cannot read the configuration (${(error as NodeJS.ErrnoException).code ?? 'error'})`, file)
  }
  const isYaml = !/\.json$/i.test(file)
  let data: unknown
  // YAML is a superset of JSON: one parser gives the same line numbers for both.
  const doc = parseDocument(text, {prettyErrors: false})
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!
    throw new UserError(`is not valid ${isYaml ? 'YAML' : 'JSON'}: ${e.message.split('\n')[0]}`, file, e.linePos?.[0]?.line)
  }
  try {
    data = doc.toJS() ?? {}
  } catch (error) {
    throw new UserError(`is not valid ${isYaml ? 'YAML' : 'JSON'}: ${(error as Error).message.split('\n')[0]}`, file)
  }
  const parsed = riskConfigSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const key = issue.path.map(String).join('.') || '(top level)'
    let message = issue.message
    let at = issue.path as (string | number)[]
    if (issue.code === 'unrecognized_keys') {
      message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}${key.startsWith('factors') ? ' (the factors are listed in docs/risk.md)' : ''}`
      at = [...at, issue.keys[0]!]
    }
    throw new UserError(`key "${key}": ${message}`, file, lineOf(text, at))
  }
  return resolveRiskConfig(parsed.data, file)
}
