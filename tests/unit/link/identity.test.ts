import {describe, expect, it} from 'vitest'

import {BIRTH, HOUSEHOLD, ID, NAME, SEX, packLevels} from '../../../src/link/comparisons.js'
import {explainPair} from '../../../src/link/explain.js'
import {corroborated, corroboratedIdChange, sharedNumberRule} from '../../../src/link/identity.js'
import {type LinkResult, linkStore} from '../../../src/link/link.js'
import type {RecordValues} from '../../../src/link/plain/columns.js'
import type {RecordStore} from '../../../src/link/records.js'
import {ID_FIT} from '../../../src/link/representation.js'
import {child, id, storeOf, storeOfDatasets} from './helpers.js'

// The identity rules (src/link/identity.ts): which comparison vectors corroborate the child's own
// identity, which keep two records apart whatever their score.

/** A pattern from levels by comparison. */
function pattern(levels: {id?: number; name?: number; birth?: number; sex?: number; region?: number; household?: number}): number {
  return packLevels([levels.id ?? 0, levels.name ?? 0, levels.birth ?? 0, levels.sex ?? 0, levels.region ?? 0, levels.household ?? 0])
}

describe('corroboration', () => {
  it('an agreeing ID corroborates unless the names are two children’s', () => {
    expect(corroborated(pattern({id: ID.EXACT, name: NAME.HOMOPHONE}))).toBe(true)
    expect(corroborated(pattern({id: ID.LEGACY15, name: NAME.SWAPPED}))).toBe(true)
    expect(corroborated(pattern({id: ID.EXACT, name: NAME.ONE_CHARACTER}))).toBe(false)
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

describe('one ID number on two children', () => {
  // One family: 王思远 (boy, 2012-05-06) and his sister 王思涵 (2014-08-09).
  const SIYUAN = id('43012120120506011')
  const SIHAN = id('43012120140809022')
  const family = {regionCode: '430121001001', guardianName: '王德明', fatherName: '王建军', motherName: '李芳', phones: ['13812345678']}
  const siyuan = {...family, name: '王思远', gender: '男', birthDate: '2012-05-06', idNumber: SIYUAN}
  const sihan = {...family, name: '王思涵', gender: '女', birthDate: '2014-08-09', idNumber: SIHAN}
  // Twins 李浩然 and 李浩宇, born 2015-03-04, each with a number of his own.
  const HAORAN = id('43012120150304031')
  const HAOYU = id('43012120150304053')
  const twins = {regionCode: '430121001002', guardianName: '李长生', phones: ['13912345678'], birthDate: '2015-03-04', gender: '男'}
  const haoran = {...twins, name: '李浩然', idNumber: HAORAN}
  const haoyu = {...twins, name: '李浩宇', idNumber: HAOYU}

  const together = (link: LinkResult, a: number, b: number): boolean => {
    const {matchOf, possibleOf} = link.clustering
    return (matchOf[a]! >= 0 && matchOf[a] === matchOf[b]) || (possibleOf[a]! >= 0 && possibleOf[a] === possibleOf[b])
  }
  const explained = (s: RecordStore, link: LinkResult, a: number, b: number) => explainPair(s, link, a, b, 'none', 'en')

  it('the rule: a shared number with names apart is two children; a row that contradicts the number carries it', () => {
    const same = {id: ID.EXACT, birth: BIRTH.EXACT, sex: SEX.SAME}
    expect(sharedNumberRule(pattern({...same, name: NAME.ONE_CHARACTER}), 0, 0)).toBe('twins-one-number')
    expect(sharedNumberRule(pattern({...same, name: NAME.DIFFERENT}), ID_FIT.BIRTH, 0)).toBe('number-not-own')
    expect(sharedNumberRule(pattern({...same, name: NAME.PINYIN_CLOSE}), 0, ID_FIT.SEX)).toBe('number-not-own')
    // One child: a homophone, a look-alike, a traditional form, swapped characters, a changed surname,
    // whose birth date was mistyped within its year.
    for (const name of [NAME.EXACT, NAME.VARIANT, NAME.HOMOPHONE, NAME.LOOKALIKE, NAME.SWAPPED, NAME.GIVEN_ONLY]) {
      expect(sharedNumberRule(pattern({...same, name}), ID_FIT.BIRTH, 0), `name level ${name}`).toBeUndefined()
    }
    // Names alike but a birth date years away from the number's: siblings (王诗豪, 王诗浩).
    expect(sharedNumberRule(pattern({...same, name: NAME.HOMOPHONE}), ID_FIT.BIRTH | ID_FIT.FAR, 0)).toBe('number-not-own')
    for (const name of [NAME.EXACT, NAME.VARIANT]) expect(sharedNumberRule(pattern({...same, name}), ID_FIT.BIRTH | ID_FIT.FAR, 0)).toBeUndefined()
    // One given name under another surname, years from the number: a neighbour's child of a popular name (刘佳怡 / 麻嘉怡).
    expect(sharedNumberRule(pattern({...same, name: NAME.GIVEN_ONLY}), ID_FIT.BIRTH | ID_FIT.FAR, 0)).toBe('number-not-own')
    // On one list, names alike on a boy and a girl, the number's sex fitting one of them: twins named
    // alike (佳萱, 佳轩). Across lists, one department's wrong sex under the child's number.
    const boyAndGirl = pattern({...same, sex: SEX.DIFFERENT, name: NAME.HOMOPHONE})
    expect(sharedNumberRule(boyAndGirl, ID_FIT.SEX, 0, true)).toBe('number-not-own')
    expect(sharedNumberRule(boyAndGirl, ID_FIT.SEX, 0, false)).toBeUndefined()
    expect(sharedNumberRule(boyAndGirl, ID_FIT.SEX, ID_FIT.SEX, true)).toBeUndefined()
    expect(sharedNumberRule(pattern({...same, name: NAME.HOMOPHONE}), ID_FIT.SEX, 0, true)).toBeUndefined()
    // Not the same number: not this rule.
    expect(sharedNumberRule(pattern({...same, id: ID.TYPO, name: NAME.DIFFERENT}), ID_FIT.BIRTH, 0)).toBeUndefined()
    expect(corroborated(pattern({...same, name: NAME.ONE_CHARACTER}))).toBe(false)
    expect(corroborated(pattern({...same, name: NAME.GIVEN_ONLY}))).toBe(true)
  })

  it('siblings: the sister’s row carries her brother’s number — never clustered, the number not her own', () => {
    const s = storeOf(siyuan, {...sihan, idNumber: SIYUAN})
    const link = linkStore(s)
    expect(together(link, 0, 1)).toBe(false)
    expect(link.identity.notOwnNumbers()).toEqual([{record: 1, fit: ID_FIT.BIRTH | ID_FIT.FAR | ID_FIT.SEX, owners: [0], sharers: [0]}])
    expect(s.representation.idFit(0)).toBe(0)
    const e = explained(s, link, 0, 1)
    expect([e.decision, e.rule, e.guard]).toEqual(['none', 'number-not-own', true])
    expect(e.capped).toMatch(/not roster:3's own number/)
  })

  it('a copied number whose birth date fits but whose sex does not: still not the row’s own', () => {
    const s = storeOf(siyuan, {...sihan, birthDate: '2012-05-06', idNumber: SIYUAN})
    const link = linkStore(s)
    expect(together(link, 0, 1)).toBe(false)
    expect(link.identity.notOwnNumbers().map((n) => [n.record, n.fit])).toEqual([[1, ID_FIT.SEX]])
  })

  it('siblings with names that sound alike, born years apart: the younger one’s row carries the elder’s number', () => {
    const s = storeOf({...siyuan, name: '王诗豪'}, {...siyuan, name: '王诗浩', birthDate: '2015-09-10'})
    const link = linkStore(s)
    expect(together(link, 0, 1)).toBe(false)
    expect(link.identity.notOwnNumbers().map((n) => [n.record, n.owners])).toEqual([[1, [0]]])
    expect(explained(s, link, 0, 1).capped).toMatch(/names that sound or look alike \(or one given name under another surname\) but birth dates years apart/)
  })

  it('twins with one number: two children, no row blamed, and --explain names the rule', () => {
    const s = storeOf(haoran, {...haoyu, idNumber: HAORAN})
    const link = linkStore(s)
    expect(together(link, 0, 1)).toBe(false)
    expect(link.identity.notOwnNumbers()).toEqual([])
    expect(link.identity.sharers(0)).toEqual([1])
    const e = explained(s, link, 0, 1)
    expect([e.decision, e.rule]).toEqual(['none', 'twins-one-number'])
    expect(e.capped).toMatch(/twins \(or two children\) sharing one number/)
  })

  it('a boy and a girl on one list named alike under one number (twins 李浩宇 and 李浩雨): the girl’s row carries his number', () => {
    const s = storeOf(haoyu, {...haoyu, name: '李浩雨', gender: '女'})
    const link = linkStore(s)
    expect(together(link, 0, 1)).toBe(false)
    expect(link.identity.notOwnNumbers().map((n) => [n.record, n.fit, n.owners])).toEqual([[1, ID_FIT.SEX, [0]]])
    expect(explained(s, link, 0, 1).capped).toMatch(/names that sound or look alike on a boy and a girl/)
  })

  it('a homophone duplicate under one number IS one child', () => {
    const s = storeOf(haoyu, {...haoyu, name: '李浩雨'})
    const link = linkStore(s)
    expect(link.clustering.matchOf[0]).toBeGreaterThanOrEqual(0)
    expect(link.clustering.matchOf[0]).toBe(link.clustering.matchOf[1])
    expect(link.identity.notOwnNumbers()).toEqual([])
    expect(explained(s, link, 0, 1).rule).toBe('corroborated')
  })

  it('across lists where a child may hold two numbers, the carrier links to its own record by name, birth date, sex and household', () => {
    const rows = (values: Partial<RecordValues>[]) => values
    const s = storeOfDatasets({
      civil: rows([siyuan, {...sihan, idNumber: SIYUAN}]),
      police: rows([siyuan, sihan]),
    })
    const link = linkStore(s, {idChanges: true})
    const {matchOf} = link.clustering
    // civil 0 = police 2 (王思远, one number); civil 1 (王思涵, her brother's number) = police 3 (her own).
    expect(matchOf[0]).toBe(matchOf[2])
    expect(matchOf[1]).toBeGreaterThanOrEqual(0)
    expect(matchOf[1]).toBe(matchOf[3])
    expect(matchOf[1]).not.toBe(matchOf[0])
    expect(link.identity.carries(1)).toBe(true)
    expect(link.identity.sharers(1)).toEqual([0, 2])
    const e = explained(s, link, 1, 3)
    expect(e.decision).toBe('match')
    expect(e.steps[0]!.level).toBe('missing')
    expect(e.steps[0]!.note).toBe("the number on civil:3 is another child's: not counted")
  })

  it('without that (dedupe), the carrier and its own record are never a match — two valid numbers never are — but one to review', () => {
    const s = storeOfDatasets({civil: [siyuan, {...sihan, idNumber: SIYUAN}], police: [siyuan, sihan]})
    const link = linkStore(s)
    const {matchOf, possibleOf} = link.clustering
    expect(matchOf[1]! >= 0 && matchOf[1] === matchOf[3]).toBe(false)
    expect(possibleOf[1]).toBeGreaterThanOrEqual(0)
    expect(possibleOf[1]).toBe(possibleOf[3])
    expect(together(link, 1, 0) || together(link, 1, 2)).toBe(false)
    expect(link.identity.notOwnNumbers().map((n) => [n.record, n.owners])).toEqual([[1, [0, 2]]])
    expect(explainPair(s, link, 1, 3, 'none', 'en').rule).toBe('not-corroborated')
  })

  it('rule 6: a row without a number whose name sounds like a numbered row’s, born the same day in a household that agrees strongly, is that child', () => {
    const s = storeOf(haoyu, {...haoyu, name: '李浩雨', idNumber: undefined}, {...haoyu, name: '李浩语', idNumber: undefined, phones: ['13700000000'], guardianName: '张三'})
    const link = linkStore(s)
    const {matchOf} = link.clustering
    expect(matchOf[0]).toBeGreaterThanOrEqual(0)
    expect(matchOf[1]).toBe(matchOf[0])
    // The third row's household does not agree: at most to review.
    expect(matchOf[2]! >= 0 && matchOf[2] === matchOf[0]).toBe(false)
  })

  it('rule 6 holds only with a number on one side, no twin and no third look-alike row', () => {
    // Two rows without numbers whose names sound alike: as likely twins (浩雨, 浩语).
    const none = linkStore(storeOf({...haoyu, name: '李浩雨', idNumber: undefined}, {...haoyu, name: '李浩语', idNumber: undefined}))
    expect(none.clustering.matchOf[0]! >= 0 && none.clustering.matchOf[0] === none.clustering.matchOf[1]).toBe(false)
    // A household with twins born that day (浩然 and 浩宇): the row without a number waits for review.
    const twinned = storeOf(haoran, haoyu, {...haoyu, name: '李浩雨', idNumber: undefined})
    const link = linkStore(twinned)
    expect(link.identity.hasTwin(2)).toBe(true)
    expect(link.clustering.matchOf[2]! >= 0 && link.clustering.matchOf[2] === link.clustering.matchOf[1]).toBe(false)
    expect(explainPair(twinned, link, 1, 2, 'none', 'en').capped ?? '').not.toMatch(/^one ID number/)
  })

  it('twins given names that sound alike, each under a number of his own, keep the household’s rows without a number apart', () => {
    // 李浩宇 and 李浩雨: one region and birth date, two sequences. A third row, 李浩语 without a
    // number, may be either twin: rule 6 must not join it to one of them.
    const haoyuRain = {...twins, name: '李浩雨', idNumber: id('43012120150304075')}
    const s = storeOf(haoyu, haoyuRain, {...haoyu, name: '李浩语', idNumber: undefined})
    const link = linkStore(s)
    expect(link.identity.hasTwin(0)).toBe(true)
    expect(link.identity.hasTwin(1)).toBe(true)
    const {matchOf} = link.clustering
    expect(matchOf[2]! >= 0 && (matchOf[2] === matchOf[0] || matchOf[2] === matchOf[1])).toBe(false)
    expect(matchOf[0]! >= 0 && matchOf[0] === matchOf[1]).toBe(false)
    // Without the second twin's row, the same row is the first twin's (rule 6).
    const alone = linkStore(storeOf(haoyu, {...haoyu, name: '李浩语', idNumber: undefined}))
    expect(alone.clustering.matchOf[1]).toBe(alone.clustering.matchOf[0])
    expect(alone.clustering.matchOf[0]).toBeGreaterThanOrEqual(0)
  })

  it('a row of an unrelated child reads as before', () => {
    const s = storeOf(child(), child({name: '李子含'}))
    expect(linkStore(s).identity.notOwnNumbers()).toEqual([])
  })
})
