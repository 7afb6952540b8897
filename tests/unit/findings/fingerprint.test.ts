import {createHash} from 'node:crypto'
import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../../src/cn/id-number.js'
import {CODE_FAMILIES, CODES} from '../../../src/findings/codes.js'
import {FindingCollector} from '../../../src/findings/collector.js'
import {FingerprintCounter, fingerprintOf, sha256} from '../../../src/findings/fingerprint.js'
import {subjectOf} from '../../../src/findings/subject.js'

const ref = (row: number) => ({dataset: 'civil-affairs', file: 'a.csv', row})
const ID = `43012120150304002${checkDigit('43012120150304002')}`
const WRONG = `43012120150304002${checkDigit('43012120150304002') === '1' ? '2' : '1'}`
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16)

describe('fingerprints (docs/architecture.md "Contracts")', () => {
  it('are the first 8 bytes of SHA-256 over code|field|department|key|n, in lowercase hex', () => {
    expect(fingerprintOf('ID_CHECKSUM', 'idNumber', 'civil-affairs', '430121201503040021', 0)).toBe(sha('ID_CHECKSUM|idNumber|civil-affairs|430121201503040021|0'))
    expect(fingerprintOf('ID_CHECKSUM', 'idNumber', 'civil-affairs', '430121201503040021', 0)).toMatch(/^[0-9a-f]{16}$/)
  })

  it('hash the UTF-8 of the text as createHash does (Chinese, astral characters, a lone surrogate)', () => {
    for (const text of ['', 'NOT_CANONICAL|birthDate|public-security|430121201503040021|0', '王芳|2015-03-04|汇龙', '𠀀𪚥|x', 'a\ud800b', 'x'.repeat(10_000)]) {
      expect(sha256(text, 'hex')).toBe(createHash('sha256').update(text, 'utf8').digest('hex'))
      expect(sha256(text, 'latin1')).toBe(createHash('sha256').update(text, 'utf8').digest().toString('latin1'))
    }
  })

  it('count n over findings that share the rest, in the order they come', () => {
    const counter = new FingerprintCounter()
    const a = counter.next('ID_DUPLICATE', 'idNumber', 'other', 'K')
    const b = counter.next('ID_DUPLICATE', 'idNumber', 'other', 'K')
    const c = counter.next('ID_DUPLICATE', 'phone', 'other', 'K')
    expect(a).toBe(sha('ID_DUPLICATE|idNumber|other|K|0'))
    expect(b).toBe(sha('ID_DUPLICATE|idNumber|other|K|1'))
    expect(c).toBe(sha('ID_DUPLICATE|phone|other|K|0'))
  })

  it('key a row by its valid ID, else by name|birthDate|village (the village code, else its name without suffix), else by dataset|row', () => {
    const fullWidth = [...ID].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('')
    expect(subjectOf({idNumber: fullWidth, name: '张三'}).key).toBe(ID)
    expect(subjectOf({idNumber: WRONG, name: '张 三', birthDate: '2015年3月4日', village: '汇龙村民委员会'}).key).toBe('张三|2015-03-04|汇龙')
    expect(subjectOf({name: '张三', birthDate: '2015-03-04', village: '汇龙村'}).key).toBe('张三|2015-03-04|汇龙')
    expect(subjectOf({name: '张三', birthDate: '20150304', regionCode: '430121001001', village: '别的写法'}).key).toBe('张三|2015-03-04|430121001001')
    expect(subjectOf({name: '张三'}).key).toBe('')
    expect(subjectOf({name: '不详', birthDate: '2015-03-04'}).key).toBe('')
  })

  it('in a collector: the department of the dataset, `other` when none, and the row when the subject has no key', () => {
    const c = new FindingCollector({lang: 'en', includeInfo: true})
    c.registerDataset('civil-affairs', 'civil-affairs')
    c.add({code: 'PHONE_INVALID', ref: ref(2), field: 'guardianPhone', subject: {key: '430121201503040021', name: '张三', village: '汇龙村'}})
    c.add({code: 'PHONE_INVALID', ref: {dataset: 'roster', file: 'b.csv', row: 7}, field: 'guardianPhone'})
    const [first, second] = c.findings(['civil-affairs', 'roster'])
    expect(first!.fingerprint).toBe(sha('PHONE_INVALID|guardianPhone|civil-affairs|430121201503040021|0'))
    expect(first!.name).toBe('张三')
    expect(first!.village).toBe('汇龙村')
    expect(second!.fingerprint).toBe(sha('PHONE_INVALID|guardianPhone|other|roster|7|0'))
  })

  it('ask for the subject only when the finding is listed', () => {
    const c = new FindingCollector({lang: 'en', includeInfo: false})
    let asked = 0
    c.add({code: 'NOT_CANONICAL', ref: ref(2), field: 'birthDate', subject: () => (asked++, {key: 'k'})})
    expect(asked).toBe(0)
    expect(c.summary(1).infos).toBe(1)
  })
})

describe('the code table', () => {
  it('gives every code a severity and a message and hint in both languages', () => {
    for (const [code, def] of Object.entries(CODES)) {
      expect(['error', 'warning', 'info'], code).toContain(def.severity)
      for (const lang of ['zh', 'en'] as const) {
        expect(def.message[lang].trim(), `${code} message ${lang}`).not.toBe('')
        expect(def.hint[lang].trim(), `${code} hint ${lang}`).not.toBe('')
      }
      // Placeholders agree between the two languages: a reader of either sees the same facts.
      const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
      expect(slots(def.message.zh), code).toEqual(slots(def.message.en))
    }
  })

  it('holds every family, each code once', () => {
    const all = Object.values(CODE_FAMILIES).flatMap((family) => Object.keys(family))
    expect(new Set(all).size).toBe(all.length)
    expect(all.sort()).toEqual(Object.keys(CODES).sort())
  })
})
