import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {checkDigit} from '../../../src/cn/id-number.js'
import {UserError} from '../../../src/errors.js'
import {RosterLoader} from '../../../src/link/load.js'
import {candidatePairs} from '../../../src/link/blocking.js'
import {C_BIRTH, C_HOUSEHOLD, C_ID, C_NAME, C_REGION, C_SEX, COMPARISONS, HOUSEHOLD, householdLevel, levelOf} from '../../../src/link/comparisons.js'
import {guardBlocks} from '../../../src/link/identity.js'
import {pairA, pairB} from '../../../src/link/pairs.js'
import {PlainRecords} from '../../../src/link/plain/plain.js'
import {linkStore} from '../../../src/link/link.js'
import {RecordStore} from '../../../src/link/records.js'
import {type Roster, type RosterRow, openRoster} from '../../../src/schema/roster.js'
import {type KeepItem, DEFAULT_KEEP} from '../../../src/tokens/encoder.js'
import {keyFromBytes} from '../../../src/tokens/key.js'
import {type TokenizedRecord, readTokenizedRow} from '../../../src/tokens/record.js'
import {tokenizeFile} from '../../../src/tokenize/tokenize.js'
import {bestBirthLevel, compareIdTokens, compareNameTokens, compareRegionTokens} from '../../../src/tokens/tokens.js'
import {tempDir} from '../../helpers/cli.js'

// The link engine on tokenized rosters: two small department lists tokenized with one key, read
// into one store, compared, blocked and linked. The engine's numeric comparators must agree with
// the reference comparisons of src/tokenize/tokens.ts on every pair.

const KEY = '6f1d2c9a8b7e4f3051a2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718'
const OTHER_KEY = 'a94c0e7b1d3f5a2c8e6b4d0f9a7c5e3b1f2d4a6c8e0b9d7f5a3c1e2b4d6f8a0c'
const id = (first17: string): string => first17 + checkDigit(first17)

const A = id('43312220110506123')
const TWIN1 = id('43312220140302111')
const TWIN2 = id('43312220140302131')
const B = id('43312220120708222')
const E = id('43312220120808335')
// B with one digit typed wrong (its check digit then fails).
const B_TYPO = B.slice(0, 10) + (B[10] === '9' ? '8' : '9') + B.slice(11)
// A valid number ending in 000: the shape Excel leaves when it zeroes the last digits.
const C = (() => {
  for (let day = 1; day <= 28; day++) {
    for (let d = 0; d <= 9; d++) {
      const first17 = `433122201501${String(day).padStart(2, '0')}${d}00`
      if (checkDigit(first17) === '0') return first17 + '0'
    }
  }
  throw new Error('no ID ending in 000')
})()
const C_EXCEL = `${C.slice(0, 15)}000`

const HEADER = '姓名,性别,身份证号,出生日期,行政区划代码,乡镇,村（居）,监护人姓名,监护人联系电话'
const CIVIL = [
  HEADER,
  `张子涵,男,${A},2011-05-06,433122108212,浦市镇,鱼坪村,张长发,13812345678`,
  `王浩雨,男,${TWIN1},2014-03-02,433122108213,浦市镇,新村,王大山,13900001111`,
  `王浩语,男,${TWIN2},2014-03-02,433122108213,浦市镇,新村,王大山,13900001111`,
  `李子航,女,${B},2012-07-08,433122108212,浦市镇,鱼坪村,李四,13700002222`,
  `赵小梅,女,,2013-02-05,433122108214,浦市镇,高山村,赵大山,`,
  `陈晨,女,${C},2015-01-01,433122108214,浦市镇,高山村,陈大山,13600003333`,
  `孙小军,男,${E},2012-08-08,433122109201,达岚镇,岩门村,孙大山,`,
].join('\n')
const EDUCATION = [
  HEADER,
  `张梓涵,男,${A.toLowerCase()},2011/5/6,433122108212,浦市镇,鱼坪村,张长发,138 1234 5678`,
  `王浩雨,男,${TWIN1},2014年3月2日,433122108213,浦市镇,新村,王大山,`,
  `王浩语,男,${TWIN2},2014-03-02,433122108213,浦市镇,新村,王大山,`,
  `李子涵,女,${B_TYPO},2012-07-08,433122108212,浦市镇,鱼坪村,李四,13700002222`,
  `赵小梅,女,,2013-05-02,433122108214,浦市镇,高山村,,`,
  `陈晨,女,${C_EXCEL},,433122108214,浦市镇,高山村,陈大山,`,
  `孙小军,男,${E},2012-08-08,433122109201,达岚镇,岩门村,孙大山,`,
].join('\n')

async function tokenize(dir: string, name: string, csv: string, key = KEY, keep: readonly KeepItem[] = DEFAULT_KEEP): Promise<string> {
  const input = path.join(dir, `${name}.csv`)
  writeFileSync(input, csv)
  const output = path.join(dir, `tok-${name}.csv`)
  await tokenizeFile(input, {
    asOf: '2026-09-01',
    lang: 'en',
    mask: 'ids',
    includeInfo: false,
    failOn: 'error',
    key: keyFromBytes(Buffer.from(key, 'hex')),
    output,
    keep: new Set(keep),
    outputEncoding: 'utf8',
    inPlace: false,
  })
  return output
}

async function rowsOf(roster: Roster): Promise<RosterRow[]> {
  const out: RosterRow[] = []
  for await (const row of roster.rows) out.push(row)
  return out
}

let store: RecordStore
const records: TokenizedRecord[] = []
let files: {civil: string; education: string}

beforeAll(async () => {
  const dir = tempDir()
  files = {civil: await tokenize(dir, 'civil', CIVIL), education: await tokenize(dir, 'education', EDUCATION)}
  store = new RecordStore()
  const loader = new RosterLoader(store, {})
  for (const [dataset, file] of Object.entries(files)) {
    await loader.load(await openRoster(file, {dataset}))
    const roster = await openRoster(file, {dataset})
    for (const row of await rowsOf(roster)) records.push(readTokenizedRow(roster, row))
  }
})

const level = (pattern: number, k: number): string => COMPARISONS[k]!.labels[levelOf(pattern, k)]!
const comparePair = (s: RecordStore, a: number, b: number): number => s.representation.compare(a, b)
// Record indexes: civil rows 0–6, education rows 7–13, in file order.
const ROWS = 7
const civil = (n: number): number => n - 1
const education = (n: number): number => ROWS + n - 1

describe('tokenized records in the link engine', () => {
  it('are read into a store flagged as tokenized, one record per row', () => {
    expect(store.representation.kind).toBe('tokenized')
    expect(store.size).toBe(2 * ROWS)
    expect(store.datasets.map((d) => d.count)).toEqual([ROWS, ROWS])
    expect(records).toHaveLength(2 * ROWS)
  })

  it('compare every pair as the reference token comparisons do', () => {
    for (let a = 0; a < store.size; a++) {
      for (let b = a + 1; b < store.size; b++) {
        const p = comparePair(store, a, b)
        const ra = records[a]!
        const rb = records[b]!
        const pair = `${store.label(a)} ${store.label(b)}`
        expect(level(p, C_ID), pair).toBe(compareIdTokens(ra.id, rb.id))
        expect(level(p, C_NAME), pair).toBe(compareNameTokens(ra.name, rb.name).level)
        expect(level(p, C_BIRTH), pair).toBe(bestBirthLevel(ra.births, rb.births))
        expect(level(p, C_REGION), pair).toBe(compareRegionTokens(ra.region, rb.region))
        // The comparison loop's household level is the one --explain details.
        expect(levelOf(p, C_HOUSEHOLD), pair).toBe(householdLevel(store.representation.household(a, b)))
      }
    }
  })

  it('find the levels each fault of the lists leaves', () => {
    const p = (a: number, b: number): Record<string, string> => {
      const x = comparePair(store, a, b)
      return {id: level(x, C_ID), name: level(x, C_NAME), birth: level(x, C_BIRTH), sex: level(x, C_SEX), region: level(x, C_REGION), household: level(x, C_HOUSEHOLD)}
    }
    // The same ID (lower-case x, another date format), a homophone name, the same phone written apart.
    expect(p(civil(1), education(1))).toEqual({id: 'exact', name: 'homophone', birth: 'exact', sex: 'same', region: 'village', household: 'strong'})
    // One digit typed wrong, one syllable off (hang / han).
    expect(p(civil(4), education(4))).toMatchObject({id: 'one-substitution', name: 'pinyin-close', birth: 'exact'})
    // No ID, day and month swapped.
    expect(p(civil(5), education(5))).toMatchObject({id: 'missing', name: 'exact', birth: 'day-month-swap'})
    // The 15 digits Excel kept meet the whole number.
    expect(p(civil(6), education(6))).toMatchObject({id: 'excel-prefix', name: 'exact'})
    // Twins: one birth date, one guardian, names that read alike, two valid numbers.
    expect(p(civil(2), civil(3))).toMatchObject({id: 'different-valid', name: 'homophone', birth: 'exact', household: 'strong'})
    expect(guardBlocks(store, civil(2), civil(3))).toBe(true)
    expect(levelOf(comparePair(store, civil(1), civil(4)), C_HOUSEHOLD)).toBe(HOUSEHOLD.NONE)
  })

  it('block on tokens: every pair of one child is a candidate, a mistyped ID included', () => {
    const blocks = candidatePairs(store, {acrossOnly: true})
    expect(blocks.keys.map((k) => k.key)).toContain('token-id-near')
    const pairs = new Set([...blocks.pairs].map((x) => `${pairA(x)}|${pairB(x)}`))
    for (let n = 1; n <= ROWS; n++) expect(pairs.has(`${civil(n)}|${education(n)}`), `row ${n}`).toBe(true)
    const near = blocks.keys.find((k) => k.key === 'token-id-near')!
    expect(near.pairs).toBeGreaterThanOrEqual(1)
  })

  it('link each child across the lists and keep the twins apart', () => {
    const link = linkStore(store, {acrossOnly: true})
    const {matchOf} = link.clustering
    for (const n of [1, 2, 3, 4, 5, 6, 7]) {
      expect(matchOf[civil(n)], `row ${n}`).toBeGreaterThanOrEqual(0)
      expect(matchOf[civil(n)], `row ${n}`).toBe(matchOf[education(n)])
    }
    expect(matchOf[civil(2)]).not.toBe(matchOf[civil(3)])
    expect(matchOf[civil(2)]).not.toBe(matchOf[education(3)])
    expect(link.model.tf.nameSumSq).toBeGreaterThan(0)
  })
})

describe('inputs of one linkage run', () => {
  it('refuse a plain roster next to tokenized ones, and another key', async () => {
    const dir = tempDir()
    const plain = path.join(dir, 'plain.csv')
    writeFileSync(plain, CIVIL)
    const other = await tokenize(dir, 'other', EDUCATION, OTHER_KEY)
    for (const second of [plain, other]) {
      const s = new RecordStore()
      const loader = new RosterLoader(s, {})
      await loader.load(await openRoster(files.civil, {dataset: 'civil'}))
      await expect(loader.load(await openRoster(second, {dataset: 'second'}))).rejects.toBeInstanceOf(UserError)
      // Refused before its rows were read.
      expect(s.datasets).toHaveLength(1)
    }
  })

  it('warn when the lists kept different things in clear, and still link', async () => {
    const dir = tempDir()
    const noCounty = await tokenize(dir, 'nocounty', EDUCATION, KEY, ['birthYear', 'gender'])
    const s = new RecordStore()
    const loader = new RosterLoader(s, {})
    await loader.load(await openRoster(files.civil, {dataset: 'civil'}))
    await loader.load(await openRoster(noCounty, {dataset: 'education'}))
    expect(loader.warnings).toHaveLength(1)
    expect(loader.warnings[0]).toMatch(/kept birthYear,gender in clear/)
    // Town and village tokens do not depend on what was kept; the ID token neither.
    expect(level(comparePair(s, civil(1), education(1)), C_REGION)).toBe('village')
    expect(level(comparePair(s, civil(1), education(1)), C_ID)).toBe('exact')
    // Another town, and a clear county against a county token: the region says nothing.
    expect(level(comparePair(s, civil(7), education(1)), C_REGION)).toBe('missing')
    expect(level(comparePair(s, civil(7), education(7)), C_REGION)).toBe('village')
  })

  it('leave a plain store plain', async () => {
    const dir = tempDir()
    const plain = path.join(dir, 'plain.csv')
    writeFileSync(plain, CIVIL)
    const s = new RecordStore()
    await new RosterLoader(s, {}).load(await openRoster(plain, {dataset: 'civil'}))
    expect(s.representation).toBeInstanceOf(PlainRecords)
    expect((s.representation as PlainRecords).columns.idString(0)).toBe(A)
  })
})
