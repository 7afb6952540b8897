import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../../src/cn/id-number.js'
import {type KeepItem, DEFAULT_KEEP, TokenEncoder} from '../../../src/tokens/encoder.js'
import {keyFromBytes} from '../../../src/tokens/key.js'
import {
  bestBirthLevel,
  compareBirthTokens,
  compareIdTokens,
  compareNameTokens,
  compareRegionTokens,
  diceSimilarity,
  isTokenizedValue,
  parseBirthToken,
  parseIdToken,
  parseNameToken,
  parseRegionToken,
  phoneTokens,
  plainToken,
  tokenKind,
} from '../../../src/tokens/tokens.js'

const KEY_A = '6f1d2c9a8b7e4f3051a2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718'
const KEY_B = 'a94c0e7b1d3f5a2c8e6b4d0f9a7c5e3b1f2d4a6c8e0b9d7f5a3c1e2b4d6f8a0c'
const encoder = (hex = KEY_A, keep: readonly KeepItem[] = DEFAULT_KEEP): TokenEncoder => new TokenEncoder(keyFromBytes(Buffer.from(hex, 'hex')), new Set(keep))
const id = (first17: string): string => first17 + checkDigit(first17)

const enc = encoder()
const CHILD = id('43312220110506123') // born 2011-05-06
const CHILD_X = (() => {
  for (let s = 0; s < 1000; s++) {
    const v = id(`43312220110506${String(s).padStart(3, "0")}`)
    if (v.endsWith('X')) return v
  }
  throw new Error('no X')
})()

describe('same value, different format, same token', () => {
  it('ID numbers: lowercase x, full-width digits, spaces, a leading apostrophe, 15 digits', () => {
    const t = enc.id(CHILD_X, true).value
    expect(tokenKind(t)).toBe('id')
    expect(enc.id(CHILD_X.toLowerCase(), true).value).toBe(t)
    expect(enc.id(CHILD_X.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)), true).value).toBe(t)
    expect(enc.id(`'${CHILD_X.slice(0, 6)} ${CHILD_X.slice(6, 14)} ${CHILD_X.slice(14)}`, true).value).toBe(t)

    // A 15-digit number (19YY, no check character) and its 18-digit upgrade.
    const legacy = '433122590430226'
    const upgraded = id('43312219590430226')
    expect(enc.id(legacy, false).value).toBe(enc.id(upgraded, false).value)
    expect(enc.id(legacy, true).value).toBe(enc.id(upgraded, true).value)
  })

  it('birth dates: 2011年5月6日, 2011-05-06, 2011/5/6, 20110506, 2011.5.6, an Excel serial, full-width', () => {
    const t = enc.birth('2011-05-06').value
    expect(tokenKind(t)).toBe('bd')
    for (const form of ['2011年5月6日', '2011/5/6', '20110506', '2011.5.6', '40669', '２０１１-０５-０６', ' 2011-05-06 ']) {
      expect(enc.birth(form).value, form).toBe(t)
    }
    // The ID's own birth date is the same token.
    expect(parseIdToken(enc.id(CHILD, true).value)?.birth?.date).toBe(parseBirthToken(t)?.date)
  })

  it('phones: spaces, dashes, +86, full-width digits', () => {
    const t = enc.phone('13812345678').value
    expect(tokenKind(t)).toBe('ph')
    for (const form of ['138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '１３８１２３４５６７８']) expect(enc.phone(form).value, form).toBe(t)
    expect(enc.phone('0731-84567890').value).toBe(enc.phone('073184567890').value)
    // Two numbers in one cell: one token each.
    expect(phoneTokens(enc.phone('13812345678/13987654321').value)).toHaveLength(2)
    expect(phoneTokens(enc.phone('13812345678/13987654321').value)[0]).toBe(phoneTokens(t)[0])
  })

  it('names: inner spaces, traditional characters, the wrong middle dot', () => {
    const t = enc.name('张子涵').value
    expect(tokenKind(t)).toBe('nm')
    expect(enc.name('张 子涵').value).toBe(t)
    expect(enc.name('張子涵').value).toBe(t)
    expect(enc.name('买买提•阿卜杜拉').value).toBe(enc.name('买买提·阿卜杜拉').value)
  })

  it('region codes, household and student numbers', () => {
    expect(enc.regionCode(' 433122108212').value).toBe(enc.regionCode('４３３１２２１０８２１２').value)
    expect(enc.identifier('student', 'g433122201105061234').value).toBe(enc.identifier('student', 'G 433122201105061234').value)
  })
})

describe('keys', () => {
  it('a different key gives different tokens for every kind', () => {
    const other = encoder(KEY_B)
    expect(other.id(CHILD, false).value).not.toBe(enc.id(CHILD, false).value)
    expect(other.phone('13812345678').value).not.toBe(enc.phone('13812345678').value)
    expect(parseBirthToken(other.birth('2011-05-06').value)?.date).not.toBe(parseBirthToken(enc.birth('2011-05-06').value)?.date)
    expect(other.name('张子涵').value).not.toBe(enc.name('张子涵').value)
    // Filters of one name under two keys have little in common.
    expect(diceSimilarity(other.name('张子涵').value, enc.name('张子涵').value)).toBeLessThan(0.5)
  })

  it('tokens are deterministic for a key', () => {
    expect(encoder().id(CHILD, true).value).toBe(enc.id(CHILD, true).value)
    expect(encoder().name('王芳').value).toBe(enc.name('王芳').value)
  })
})

describe('names: Bloom filters of pinyin bigrams', () => {
  const dice = (a: string, b: string): number => diceSimilarity(enc.name(a).value, enc.name(b).value)

  it('homophones read the same: 王芳 / 王方 = 1, 张子涵 / 张梓涵 = 1', () => {
    expect(dice('王芳', '王方')).toBe(1)
    expect(dice('张子涵', '张梓涵')).toBeGreaterThanOrEqual(0.95)
    const a = parseNameToken(enc.name('王芳').value)
    const b = parseNameToken(enc.name('王方').value)
    expect(compareNameTokens(a, b).level).toBe('homophone')
    expect(compareNameTokens(a, parseNameToken(enc.name('王芳').value)).level).toBe('exact')
  })

  it('a mistyped syllable scores high, a different name low', () => {
    expect(dice('李明', '李敏')).toBeGreaterThan(0.7)
    expect(dice('张子涵', '张子航')).toBeGreaterThan(0.8)
    expect(dice('张子涵', '李明')).toBeLessThan(0.35)
    // Pinyin syllables share finals (-ang, -an, -ng): unrelated names keep some similarity.
    expect(dice('王芳', '刘洋')).toBeLessThan(0.6)
    expect(compareNameTokens(parseNameToken(enc.name('张子涵').value), parseNameToken(enc.name('李明').value)).level).toBe('different')
  })

  it('names that read the same match whatever the characters (张 / 章 are both zhang); a missing syllable lowers the score', () => {
    expect(dice('张子涵', '章子涵')).toBe(1)
    expect(dice('张子', '张子涵')).toBeLessThan(0.9)
  })

  it('junk and empty names give no token', () => {
    for (const junk of ['不详', '无', '离异', 'x', '']) expect(enc.name(junk).value, junk).toBe('')
    expect(enc.name('不详').status).toBe('unreadable')
    expect(enc.name('').status).toBe('empty')
  })

  it('Dice accepts tokens, bare filters and decoded filters; empty is 0', () => {
    const t = enc.name('王芳').value
    const bare = t.split(':')[2]!.split('.')[0]!
    expect(diceSimilarity(t, bare)).toBe(1)
    expect(diceSimilarity(parseNameToken(t)!, parseNameToken(t)!.bloom)).toBe(1)
    expect(diceSimilarity(t, '')).toBe(0)
    expect(diceSimilarity('tk1:nm:', t)).toBe(0)
  })
})

describe('ID tokens', () => {
  const parse = (raw: string): ReturnType<typeof parseIdToken> => parseIdToken(enc.id(raw, true).value)

  it('equal and different valid numbers', () => {
    expect(compareIdTokens(parse(CHILD), parse(CHILD.toLowerCase()))).toBe('exact')
    expect(compareIdTokens(parse(CHILD), parse(id('43312220110506125')))).toBe('different-valid')
    expect(compareIdTokens(parse(CHILD), undefined)).toBe('missing')
  })

  it('one mistyped, dropped or doubled digit, or two swapped ones, against the valid number', () => {
    const typo = CHILD.slice(0, 10) + String((Number(CHILD[10]) + 1) % 10) + CHILD.slice(11)
    expect(tokenKind(enc.id(typo, true).value)).toBe('idc')
    expect(compareIdTokens(parse(CHILD), parse(typo))).toBe('one-substitution')
    const swapped = CHILD.slice(0, 7) + CHILD[8] + CHILD[7] + CHILD.slice(9)
    if (swapped !== CHILD) expect(compareIdTokens(parse(swapped), parse(CHILD))).toBe('adjacent-swap')
    expect(compareIdTokens(parse(CHILD.slice(0, 12) + CHILD.slice(13)), parse(CHILD))).toBe('one-substitution')
    expect(compareIdTokens(parse(CHILD.slice(0, 12) + CHILD[12] + CHILD.slice(12)), parse(CHILD))).toBe('one-substitution')
    expect(compareIdTokens(parse(typo), parse(typo))).toBe('same-invalid')
    // Two digits off: different.
    const two = typo.slice(0, 3) + String((Number(typo[3]) + 1) % 10) + typo.slice(4)
    expect(compareIdTokens(parse(two), parse(CHILD))).toBe('different')
  })

  it('a number Excel damaged meets the whole one on its first 15 digits, or is silent', () => {
    const zeroed = CHILD.slice(0, 15) + '000'
    expect(tokenKind(enc.id(zeroed, true).value)).toBe('idx')
    expect(compareIdTokens(parse(zeroed), parse(CHILD))).toBe('excel-prefix')
    expect(compareIdTokens(parse(`${CHILD[0]}.${CHILD.slice(1, 15)}E+17`), parse(CHILD))).toBe('excel-prefix')
    expect(compareIdTokens(parse('4.33122E+17'), parse(CHILD))).toBe('missing')
    expect(enc.id('4.33122E+17', true).status).toBe('partial')
  })

  it('the child ID carries sex, county and birth year in clear only when kept', () => {
    const t = parse(CHILD)!
    expect(t.sex).toBe(Number(CHILD[16]) % 2 === 1 ? 'M' : 'F')
    expect(t.county).toBe('433122')
    expect(t.birth?.year).toBe(2011)
    const none = parseIdToken(encoder(KEY_A, []).id(CHILD, true).value)!
    expect(none.sex).toBeUndefined()
    expect(none.county).toBeUndefined()
    expect(none.birth?.year).toBeUndefined()
    expect(none.birth?.date).toBe(t.birth?.date)
    expect(encoder(KEY_A, []).id(CHILD, true).value).not.toContain('433122')
    expect(encoder(KEY_A, []).id(CHILD, true).value).not.toContain('2011')
    // Relatives' numbers: the token alone.
    expect(enc.id(CHILD, false).value).toMatch(/^tk1:id:[A-Za-z0-9_-]{22}$/)
  })
})

describe('birth-date tokens', () => {
  const b = (raw: string, e = enc) => parseBirthToken(e.birth(raw).value)

  it('levels: exact, lunar written as Gregorian, day-month swap, year-month, year, different', () => {
    expect(compareBirthTokens(b('2011-05-06'), b('2011年5月6日'))).toBe('exact')
    // 2022-07-10 is the sixth month, twelfth day of the lunar year 2022.
    expect(compareBirthTokens(b('2022-06-12'), b('2022-07-10'))).toBe('lunar-gregorian')
    expect(compareBirthTokens(b('2022-07-10'), b('2022-06-12'))).toBe('lunar-gregorian')
    expect(compareBirthTokens(b('2011-05-06'), b('2011-06-05'))).toBe('day-month-swap')
    expect(compareBirthTokens(b('2011-05'), b('2011-05-06'))).toBe('year-month')
    expect(compareBirthTokens(b('2011-05-06'), b('2011-05-16'))).toBe('year-only')
    expect(compareBirthTokens(b('2011-05-06'), b('2012-05-06'))).toBe('different')
    expect(compareBirthTokens(b('2011-05-06'), undefined)).toBe('missing')
    const none = encoder(KEY_A, [])
    expect(compareBirthTokens(b('2011-05-06', none), b('2011-05-16', none))).toBe('different')
    expect(bestBirthLevel([b('2011-05-16')!, b('2011-05-06')!], [b('2011-05-06')!])).toBe('exact')
  })

  it('an ambiguous or unreadable date keeps only a certain year', () => {
    expect(enc.birth('03/04/2012')).toEqual({value: 'tk1:bd:2012....', status: 'partial'})
    expect(enc.birth('2015-04-31')).toEqual({value: 'tk1:bd:2015....', status: 'partial'})
    expect(enc.birth('不详')).toEqual({value: '', status: 'unreadable'})
    expect(encoder(KEY_A, []).birth('03/04/2012').value).toBe('')
  })
})

describe('regions, places, sex, free text', () => {
  it('region codes: county in clear, finer levels as tokens', () => {
    const r = (raw: string, e = enc) => parseRegionToken(e.regionCode(raw).value)
    expect(r('433122108212')).toMatchObject({county: '433122'})
    expect(compareRegionTokens(r('433122108212'), r('433122108212'))).toBe('village')
    expect(compareRegionTokens(r('433122108212'), r('433122108213'))).toBe('town')
    expect(compareRegionTokens(r('433122108212'), r('433122'))).toBe('county')
    expect(compareRegionTokens(r('433122108212'), r('433123100000'))).toBe('city')
    const none = encoder(KEY_A, [])
    expect(none.regionCode('433122108212').value).not.toContain('433122')
    expect(compareRegionTokens(r('433122108212', none), r('433122', none))).toBe('county')
    expect(enc.regionCode('12345').status).toBe('unreadable')
  })

  it('places compare with the names above them; sex tokens fold codes', () => {
    const at = (county: string, town: string, village: string) => enc.place('village', {county, town, village}).value
    expect(at('泸溪县', '浦市镇', '鱼坪村')).toBe(at('泸溪县', '浦市镇', ' 鱼坪村 '))
    expect(at('泸溪县', '浦市镇', '新村')).not.toBe(at('泸溪县', '潭溪镇', '新村'))
    expect(plainToken(enc.sex('男').value)).toBe(plainToken(enc.sex('1').value))
    expect(tokenKind(enc.sex('女').value)).toBe('sx')
  })

  it('scrub replaces ID and mobile numbers inside free text by their tokens', () => {
    const text = `母亲电话13812345678，身份证${CHILD}，旧号4.33122E+17`
    const out = enc.scrub(text)
    expect(out).not.toContain('13812345678')
    expect(out).not.toContain(CHILD)
    expect(out).toContain(enc.phone('13812345678').value)
    expect(out).toContain(enc.id(CHILD, false).value)
    expect(out).toContain('旧号tk1:idx:')
    expect(enc.scrub('泸溪县浦市镇中学')).toBe('泸溪县浦市镇中学')
  })
})

describe('recognising tokens', () => {
  it('isTokenizedValue and tokenKind', () => {
    expect(isTokenizedValue(enc.name('王芳').value)).toBe(true)
    expect(isTokenizedValue(enc.id(CHILD, true).value)).toBe(true)
    expect(isTokenizedValue('tk1:zz:abc')).toBe(false)
    expect(isTokenizedValue('王芳')).toBe(false)
    expect(isTokenizedValue(CHILD)).toBe(false)
    expect(tokenKind('tk1:bd:2011....')).toBe('bd')
    expect(tokenKind('tk2:bd:')).toBeUndefined()
  })

  it('token alphabets: base64url and clear digits only, never the value', () => {
    for (const v of [enc.id(CHILD, true).value, enc.name('张子涵').value, enc.birth('2011-05-06').value, enc.phone('13812345678').value]) {
      expect(v).toMatch(/^tk1:[a-z]+:[A-Za-z0-9_.MF-]*$/)
      expect(v).not.toContain(CHILD)
      expect(v).not.toContain('13812345678')
      expect(v).not.toContain('05-06')
    }
  })
})
