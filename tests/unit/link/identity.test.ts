import {describe, expect, it} from 'vitest'

import {BIRTH, HOUSEHOLD, ID, NAME, SEX, packLevels} from '../../../src/link/comparisons.js'
import {corroborated, corroboratedIdChange} from '../../../src/link/identity.js'

// The identity rules (src/link/identity.ts): which comparison vectors corroborate the child's own
// identity, which keep two records apart whatever their score.

/** A pattern from levels by comparison. */
function pattern(levels: {id?: number; name?: number; birth?: number; sex?: number; region?: number; household?: number}): number {
  return packLevels([levels.id ?? 0, levels.name ?? 0, levels.birth ?? 0, levels.sex ?? 0, levels.region ?? 0, levels.household ?? 0])
}

describe('corroboration', () => {
  it('an agreeing ID corroborates unless the names are different', () => {
    expect(corroborated(pattern({id: ID.EXACT, name: NAME.ONE_CHARACTER}))).toBe(true)
    expect(corroborated(pattern({id: ID.EXACT, name: NAME.DIFFERENT}))).toBe(false)
    expect(corroborated(pattern({id: ID.TYPO, name: NAME.HOMOPHONE}))).toBe(true)
    expect(corroborated(pattern({id: ID.TYPO, name: NAME.ONE_CHARACTER}))).toBe(false)
    expect(corroborated(pattern({id: ID.EXCEL, name: NAME.EXACT}))).toBe(true)
    expect(corroborated(pattern({id: ID.EXCEL, name: NAME.ONE_CHARACTER}))).toBe(false)
  })

  it('without an ID, only the same written name with an agreeing birth date corroborates', () => {
    expect(corroborated(pattern({name: NAME.EXACT, birth: BIRTH.EXACT}))).toBe(true)
    expect(corroborated(pattern({name: NAME.VARIANT, birth: BIRTH.LUNAR}))).toBe(true)
    expect(corroborated(pattern({id: ID.EXCEL_PARTIAL, name: NAME.EXACT, birth: BIRTH.DAY_MONTH_SWAP}))).toBe(true)
    // Twins may be given names that sound alike.
    expect(corroborated(pattern({name: NAME.HOMOPHONE, birth: BIRTH.EXACT, household: HOUSEHOLD.STRONG}))).toBe(false)
    expect(corroborated(pattern({name: NAME.ONE_CHARACTER, birth: BIRTH.EXACT, household: HOUSEHOLD.STRONG}))).toBe(false)
    expect(corroborated(pattern({name: NAME.EXACT, birth: BIRTH.NEAR}))).toBe(false)
    expect(corroborated(pattern({name: NAME.EXACT, household: HOUSEHOLD.STRONG}))).toBe(true)
    expect(corroborated(pattern({name: NAME.EXACT, household: HOUSEHOLD.ONE}))).toBe(false)
  })

  it('two ID numbers that differ beyond a typo never corroborate', () => {
    expect(corroborated(pattern({id: ID.DIFFERENT, name: NAME.EXACT, birth: BIRTH.EXACT, household: HOUSEHOLD.STRONG}))).toBe(false)
    expect(corroborated(pattern({id: ID.DIFFERENT_VALID, name: NAME.EXACT, birth: BIRTH.EXACT}))).toBe(false)
  })

  it('across lists (crosscheck), a number re-issued or re-coded corroborates only with the name written the same', () => {
    const agreeing = {name: NAME.EXACT, birth: BIRTH.EXACT, sex: SEX.SAME}
    for (const level of [ID.REISSUED, ID.REGION_CHANGED, ID.NEAR]) {
      expect(corroboratedIdChange(pattern({id: level, ...agreeing}))).toBe(true)
      // Never within one list.
      expect(corroborated(pattern({id: level, ...agreeing}))).toBe(false)
      // Twins: the same region and birth date, names that sound alike.
      expect(corroboratedIdChange(pattern({id: level, ...agreeing, name: NAME.HOMOPHONE}))).toBe(false)
      expect(corroboratedIdChange(pattern({id: level, ...agreeing, birth: BIRTH.NEAR}))).toBe(false)
      expect(corroboratedIdChange(pattern({id: level, ...agreeing, sex: SEX.DIFFERENT}))).toBe(false)
    }
    // A re-issued number looks like another child's of the same birth date: a household that disagrees says so.
    expect(corroboratedIdChange(pattern({id: ID.REISSUED, ...agreeing, household: HOUSEHOLD.NONE}))).toBe(false)
    expect(corroboratedIdChange(pattern({id: ID.REGION_CHANGED, ...agreeing, household: HOUSEHOLD.NONE}))).toBe(true)
    expect(corroboratedIdChange(pattern({id: ID.DIFFERENT_VALID, ...agreeing}))).toBe(false)
  })
})
