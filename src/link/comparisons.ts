// The comparisons of two records, as data (as Splink's comparison levels are): each compares one
// aspect of a child and answers with a level, from the strongest agreement to disagreement;
// level 0 is always `missing` (a side has no value), which counts neither for nor against a
// match. Per level: the label the report shows, the prior m and u probabilities, and whether the
// level is a disagreement (its weight is never above zero). The numeric enums (ID.EXACT …), the
// model's priors, the report's level names and the tokenized comparators' levels all come from
// this one table; tests/unit/link/comparisons.test.ts checks that the token format's unions
// (src/tokens/tokens.ts) name only levels it holds.
//
// A comparison vector (one level per comparison) is packed into one integer, 4 bits per
// comparison, so that EM works on the counts of the distinct vectors rather than on every pair.

export interface LevelDefinition {
  /** The enum name (ID.EXACT). */
  readonly id: string
  /** The level's name in reports (`fields` of a cluster's evidence, --explain, --model). */
  readonly label: string
  /** Prior m: share of matching pairs at this level, for EM's start and smoothing. */
  readonly m: number
  /**
   * Prior u: share of random pairs of a province's rosters at this level, blended into the
   * sampled u with the weight of 1,000 pairs: it decides for a small file, and vanishes against
   * the million pairs sampled from a large one.
   */
  readonly u: number
  /** A disagreement: its weight is capped at zero, however rare it is among random pairs. */
  readonly disagrees?: true
}

export interface ComparisonDefinition {
  /** The evidence key of the report (`fields` of a cluster's evidence). */
  readonly key: string
  readonly zh: string
  readonly en: string
  readonly levels: readonly LevelDefinition[]
}

const DEFINITIONS = [
  {
    key: 'idNumber',
    zh: '身份证号',
    en: 'ID number',
    // A random pair shares region and birth date about once in ten thousand (one county, 16 birth
    // years); the same birth date and sequence under another region, or 2–3 digits, far less.
    levels: [
      {id: 'MISSING', label: 'missing', m: 0, u: 0},
      {id: 'EXACT', label: 'exact', m: 0.82, u: 1e-7},
      {id: 'LEGACY15', label: '15-18-equivalent', m: 0.01, u: 1e-8},
      {id: 'SAME_INVALID', label: 'same-invalid', m: 0.02, u: 1e-8},
      {id: 'TYPO', label: 'one-substitution', m: 0.05, u: 1e-7},
      {id: 'SWAP', label: 'adjacent-swap', m: 0.01, u: 1e-8},
      {id: 'EXCEL', label: 'excel-prefix', m: 0.04, u: 1e-7},
      {id: 'EXCEL_PARTIAL', label: 'excel-partial', m: 0.02, u: 5e-3},
      {id: 'DIFFERENT_VALID', label: 'different-valid', m: 0.002, u: 0.88, disagrees: true},
      {id: 'DIFFERENT', label: 'different', m: 0.016, u: 0.115, disagrees: true},
      // Two or three characters apart, not all in the sequence digits (see idChangeLevel).
      {id: 'NEAR', label: 'few-digits', m: 0.004, u: 1e-6},
      // The same birth date and sequence (digits 7–17) under another region code.
      {id: 'REGION_CHANGED', label: 'region-changed', m: 0.004, u: 1e-8},
      // The same region and birth date (digits 1–14), another sequence: a re-issued number, or a
      // twin's. It says nothing for the match (the name decides; identity.ts corroboratedIdChange).
      {id: 'REISSUED', label: 'same-region-and-birth', m: 0.004, u: 1e-4, disagrees: true},
    ],
  },
  {
    key: 'name',
    zh: '姓名',
    en: 'name',
    levels: [
      {id: 'MISSING', label: 'missing', m: 0, u: 0},
      {id: 'EXACT', label: 'exact', m: 0.78, u: 1e-4},
      {id: 'VARIANT', label: 'variant', m: 0.01, u: 2e-6},
      {id: 'HOMOPHONE', label: 'homophone', m: 0.06, u: 8e-5},
      {id: 'LOOKALIKE', label: 'lookalike', m: 0.03, u: 2e-6},
      {id: 'SWAPPED', label: 'swapped', m: 0.01, u: 3e-6},
      {id: 'PINYIN_CLOSE', label: 'pinyin-close', m: 0.03, u: 4e-4},
      {id: 'ONE_CHARACTER', label: 'one-character', m: 0.03, u: 2e-3},
      {id: 'GIVEN_ONLY', label: 'given-name-only', m: 0.02, u: 3e-3, disagrees: true},
      {id: 'DIFFERENT', label: 'different', m: 0.03, u: 0.994, disagrees: true},
    ],
  },
  {
    key: 'birthDate',
    zh: '出生日期',
    en: 'birth date',
    levels: [
      {id: 'MISSING', label: 'missing', m: 0, u: 0},
      {id: 'EXACT', label: 'exact', m: 0.88, u: 2e-4},
      {id: 'LUNAR', label: 'lunar-gregorian', m: 0.02, u: 4e-4},
      {id: 'DAY_MONTH_SWAP', label: 'day-month-swap', m: 0.01, u: 8e-5},
      {id: 'PARTIAL', label: 'year-month', m: 0.02, u: 1e-5},
      {id: 'NEAR', label: 'near', m: 0.03, u: 1.6e-2},
      {id: 'YEAR', label: 'year-only', m: 0.01, u: 6.4e-2, disagrees: true},
      {id: 'DIFFERENT', label: 'different', m: 0.03, u: 0.919, disagrees: true},
    ],
  },
  {
    key: 'gender',
    zh: '性别',
    en: 'sex',
    levels: [
      {id: 'MISSING', label: 'missing', m: 0, u: 0},
      {id: 'SAME', label: 'same', m: 0.97, u: 0.5},
      {id: 'DIFFERENT', label: 'different', m: 0.03, u: 0.5, disagrees: true},
    ],
  },
  {
    key: 'region',
    zh: '行政区划',
    en: 'region',
    levels: [
      {id: 'MISSING', label: 'missing', m: 0, u: 0},
      {id: 'VILLAGE', label: 'village', m: 0.7, u: 1e-3},
      {id: 'TOWN', label: 'town', m: 0.1, u: 1.5e-2},
      {id: 'COUNTY', label: 'county', m: 0.12, u: 0.2},
      {id: 'CITY', label: 'city', m: 0.03, u: 0.15, disagrees: true},
      {id: 'PROVINCE', label: 'province', m: 0.02, u: 0.62, disagrees: true},
      {id: 'DIFFERENT', label: 'different', m: 0.03, u: 0.014, disagrees: true},
    ],
  },
  {
    key: 'household',
    zh: '家庭（监护人、父母、电话）',
    en: 'household (guardian, parents, phone)',
    // strong: the guardian's ID or a phone number is shared, or two of the guardian's and parents'
    // names; one: a single name is shared (张伟 is the father of many); none: something to
    // compare and nothing shared.
    levels: [
      {id: 'MISSING', label: 'missing', m: 0, u: 0},
      {id: 'STRONG', label: 'strong', m: 0.75, u: 5e-4},
      {id: 'ONE', label: 'one', m: 0.12, u: 4e-3},
      {id: 'NONE', label: 'none', m: 0.13, u: 0.9955, disagrees: true},
    ],
  },
] as const satisfies readonly ComparisonDefinition[]

type Definitions = typeof DEFINITIONS
/** The evidence keys of the comparisons. */
export type ComparisonKey = Definitions[number]['key']
/** The level labels of one comparison (the tokenized unions of src/tokens are checked against these). */
export type LevelLabel<K extends ComparisonKey> = Extract<Definitions[number], {key: K}>['levels'][number]['label']

/** Level name → level number of one comparison. */
type LevelEnum<C extends ComparisonDefinition> = {readonly [L in C['levels'][number] as L['id']]: number}

function levelEnum<C extends ComparisonDefinition>(c: C): LevelEnum<C> {
  return Object.freeze(Object.fromEntries(c.levels.map((l, i) => [l.id, i]))) as LevelEnum<C>
}

export const ID = levelEnum(DEFINITIONS[0])
export const NAME = levelEnum(DEFINITIONS[1])
export const BIRTH = levelEnum(DEFINITIONS[2])
export const SEX = levelEnum(DEFINITIONS[3])
export const REGION = levelEnum(DEFINITIONS[4])
export const HOUSEHOLD = levelEnum(DEFINITIONS[5])

/** One comparison as the model and the reports read it (arrays indexed by level). */
export interface Comparison extends ComparisonDefinition {
  /** Level labels; index 0 is `missing`. */
  readonly labels: readonly string[]
  readonly priorM: readonly number[]
  readonly priorU: readonly number[]
  readonly disagrees: readonly boolean[]
}

export const COMPARISONS: readonly Comparison[] = DEFINITIONS.map((c) => ({
  ...c,
  labels: c.levels.map((l) => l.label),
  priorM: c.levels.map((l) => l.m),
  priorU: c.levels.map((l) => l.u),
  disagrees: c.levels.map((l) => 'disagrees' in l && l.disagrees === true),
}))

export const C_ID = 0
export const C_NAME = 1
export const C_BIRTH = 2
export const C_SEX = 3
export const C_REGION = 4
export const C_HOUSEHOLD = 5
export const COMPARISON_COUNT = COMPARISONS.length
export const BITS = 4

/** The level of comparison `comparison` in a packed vector. */
export function levelOf(pattern: number, comparison: number): number {
  return (pattern >>> (comparison * BITS)) & 0xf
}

/** `pattern` with comparison `comparison` set to `level`. */
export function withLevel(pattern: number, comparison: number, level: number): number {
  const shift = comparison * BITS
  return ((pattern & ~(0xf << shift)) | (level << shift)) >>> 0
}

/** A vector packed from one level per comparison, in the order of COMPARISONS. */
export function packLevels(levels: readonly number[]): number {
  let p = 0
  levels.forEach((l, k) => (p |= l << (k * BITS)))
  return p >>> 0
}

/** What the household comparison found: items both sides have, and those that agree. */
export interface HouseholdDetail {
  guardianId: 'same' | 'different' | 'missing'
  /** Guardian and parents' names of one side found among the other's (exact or homophone). */
  namesAgree: number
  namesCompared: boolean
  phone: 'same' | 'different' | 'missing'
}

/** The household level of what the comparison found (see the levels above). */
export function householdLevel(d: HouseholdDetail): number {
  if (d.guardianId === 'same' || d.phone === 'same' || d.namesAgree >= 2) return HOUSEHOLD.STRONG
  if (d.namesAgree === 1) return HOUSEHOLD.ONE
  if (d.guardianId !== 'missing' || d.namesCompared || d.phone !== 'missing') return HOUSEHOLD.NONE
  return HOUSEHOLD.MISSING
}
