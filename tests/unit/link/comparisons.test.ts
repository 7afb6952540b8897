import {describe, expect, expectTypeOf, it} from 'vitest'

import {
  BIRTH,
  BITS,
  C_BIRTH,
  C_HOUSEHOLD,
  C_ID,
  C_NAME,
  C_REGION,
  C_SEX,
  COMPARISONS,
  HOUSEHOLD,
  ID,
  type LevelLabel,
  NAME,
  REGION,
  SEX,
  levelOf,
  packLevels,
  withLevel,
} from '../../../src/link/comparisons.js'
import {
  BIRTH_TOKEN_LEVELS,
  type BirthLevel,
  ID_TOKEN_LEVELS,
  type IdLevel,
  NAME_TOKEN_LEVELS,
  type NameLevel,
  REGION_TOKEN_LEVELS,
  type RegionLevel,
} from '../../../src/tokens/tokens.js'

// The comparison table is the one source of the levels: the enums, the report's level names and
// the token format's level lists must agree with it.

const ENUMS: [number, string, Readonly<Record<string, number>>][] = [
  [C_ID, 'idNumber', ID],
  [C_NAME, 'name', NAME],
  [C_BIRTH, 'birthDate', BIRTH],
  [C_SEX, 'gender', SEX],
  [C_REGION, 'region', REGION],
  [C_HOUSEHOLD, 'household', HOUSEHOLD],
]

describe('the comparison table', () => {
  it('has one enum per comparison, in its order, each level numbered by its place', () => {
    expect(ENUMS.map(([k]) => k)).toEqual(COMPARISONS.map((_, k) => k))
    for (const [k, key, levels] of ENUMS) {
      const c = COMPARISONS[k]!
      expect(c.key).toBe(key)
      expect(Object.keys(levels)).toEqual(c.levels.map((l) => l.id))
      c.levels.forEach((l, i) => expect(levels[l.id], `${key} ${l.id}`).toBe(i))
      expect(c.labels).toEqual(c.levels.map((l) => l.label))
    }
  })

  it('starts every comparison with `missing` (no evidence), fits its levels in 4 bits, names each once', () => {
    for (const c of COMPARISONS) {
      expect(c.levels[0]).toEqual({id: 'MISSING', label: 'missing', m: 0, u: 0})
      expect(c.levels.length).toBeLessThanOrEqual(2 ** BITS)
      expect(new Set(c.labels).size).toBe(c.labels.length)
      expect(new Set(c.levels.map((l) => l.id)).size).toBe(c.levels.length)
    }
  })

  it('gives priors that are shares (m and u each sum to 1) and flags disagreements, never `missing`', () => {
    for (const c of COMPARISONS) {
      expect(c.priorM.reduce((x, y) => x + y, 0), c.key).toBeCloseTo(1, 3)
      expect(c.priorU.reduce((x, y) => x + y, 0), c.key).toBeCloseTo(1, 3)
      expect(c.disagrees[0]).toBe(false)
      // The last level of every comparison is a disagreement.
      expect(c.disagrees[c.levels.length - 1], c.key).toBe(true)
    }
    expect(COMPARISONS[C_ID]!.disagrees[ID.DIFFERENT_VALID]).toBe(true)
    expect(COMPARISONS[C_ID]!.disagrees[ID.EXACT]).toBe(false)
  })

  it('packs and reads vectors, one level per comparison', () => {
    const p = packLevels([ID.TYPO, NAME.HOMOPHONE, BIRTH.LUNAR, SEX.SAME, REGION.TOWN, HOUSEHOLD.STRONG])
    expect(ENUMS.map(([k]) => levelOf(p, k))).toEqual([ID.TYPO, NAME.HOMOPHONE, BIRTH.LUNAR, SEX.SAME, REGION.TOWN, HOUSEHOLD.STRONG])
    const q = withLevel(p, C_ID, ID.MISSING)
    expect(levelOf(q, C_ID)).toBe(ID.MISSING)
    expect(levelOf(q, C_NAME)).toBe(NAME.HOMOPHONE)
  })
})

describe('the token format’s levels (src/tokens/tokens.ts)', () => {
  it('are levels of the comparisons they stand for, by name', () => {
    const labels = (k: number): readonly string[] => COMPARISONS[k]!.labels
    for (const [list, k] of [
      [ID_TOKEN_LEVELS, C_ID],
      [NAME_TOKEN_LEVELS, C_NAME],
      [BIRTH_TOKEN_LEVELS, C_BIRTH],
      [REGION_TOKEN_LEVELS, C_REGION],
    ] as const) {
      for (const level of list) expect(labels(k), `${COMPARISONS[k]!.key}: ${level}`).toContain(level)
      expect(list[0]).toBe('missing')
    }
    // Birth levels run strongest first, as the table orders them.
    const order = BIRTH_TOKEN_LEVELS.map((l) => labels(C_BIRTH).indexOf(l))
    expect(order).toEqual([...order].sort((a, b) => a - b))
  })

  it('are, as types, unions of the table’s labels', () => {
    expectTypeOf<IdLevel>().toExtend<LevelLabel<'idNumber'>>()
    expectTypeOf<NameLevel>().toExtend<LevelLabel<'name'>>()
    expectTypeOf<BirthLevel>().toExtend<LevelLabel<'birthDate'>>()
    expectTypeOf<RegionLevel>().toExtend<LevelLabel<'region'>>()
  })
})
