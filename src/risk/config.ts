import {z} from 'zod'

import {UserError} from '../errors.js'
import {readConfigFile} from '../schema/config-file.js'
import {RISK_FACTORS} from '../findings/codes/risk.js'

// The risk table (docs/risk.md: "the table of factors, weights and levels is documented and
// configurable"; docs/risk.md). A child's score is the sum of the weights of its factors; the
// level follows from the thresholds. `risk --config FILE` (JSON or YAML) changes any of it.

export {RISK_FACTORS}

export type RiskFactor = (typeof RISK_FACTORS)[number]

/**
 * Default weights: any factor but being left behind weighs at least the medium threshold (2), so
 * that any one of them makes a child medium (a disabled parent at home, an elderly guardian, a
 * phone that does not answer); two serious ones (3 each), or no guardian at all, make it high.
 */
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
  levels: {high: 6, medium: 2},
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
  if (levels.medium > levels.high) throw new UserError({en: `key "levels": medium (${levels.medium}) must not be above high (${levels.high})`, zh: `键“levels”：medium（${levels.medium}）不能高于 high（${levels.high}）`}, source)
  if (weights.RISK_BOTH_PARENTS_AWAY >= levels.high) {
    throw new UserError({en: `key "factors.RISK_BOTH_PARENTS_AWAY": being left-behind alone must not make a child high-risk (weight ${weights.RISK_BOTH_PARENTS_AWAY} ≥ levels.high ${levels.high})`, zh: `键“factors.RISK_BOTH_PARENTS_AWAY”：仅是留守儿童不能使儿童成为高风险（权重 ${weights.RISK_BOTH_PARENTS_AWAY} ≥ levels.high ${levels.high}）`}, source)
  }
  const ages = {...DEFAULT_RISK_CONFIG.ages, ...raw.ages}
  if (ages.schoolFrom > ages.schoolTo) throw new UserError({en: `key "ages": schoolFrom (${ages.schoolFrom}) must not be above schoolTo (${ages.schoolTo})`, zh: `键“ages”：schoolFrom（${ages.schoolFrom}）不能大于 schoolTo（${ages.schoolTo}）`}, source)
  return {weights, levels, ages, ageLimit: raw.ageLimit ?? DEFAULT_RISK_CONFIG.ageLimit}
}

/** Reads and validates `risk --config FILE` (JSON or YAML); every problem is a UserError naming key and line. */
export function loadRiskConfig(file: string): RiskConfig {
  const raw = readConfigFile(file, riskConfigSchema, (key) => (key.startsWith('factors') ? ' (the factors are listed in docs/risk.md)' : ''))
  return resolveRiskConfig(raw, file)
}
