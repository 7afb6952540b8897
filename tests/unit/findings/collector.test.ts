import {describe, expect, it} from 'vitest'

import {FindingCollector} from '../../../src/findings/collector.js'
import {exitCodeFor} from '../../../src/findings/model.js'

const ref = (row: number) => ({dataset: 'd', file: 'd.csv', row})

describe('FindingCollector', () => {
  it('counts infos in the summary but lists them only when asked', () => {
    const hidden = new FindingCollector({lang: 'en', includeInfo: false})
    hidden.add({code: 'NOT_CANONICAL', ref: ref(2), field: 'idNumber', params: {reason: 'x'}})
    hidden.add({code: 'ID_CHECKSUM', ref: ref(3), field: 'idNumber'})
    expect(hidden.summary(2)).toEqual({rows: 2, findings: 2, errors: 1, warnings: 0, infos: 1, byCode: {NOT_CANONICAL: 1, ID_CHECKSUM: 1}})
    expect(hidden.findings(['d']).map((f) => f.code)).toEqual(['ID_CHECKSUM'])

    const shown = new FindingCollector({lang: 'en', includeInfo: true})
    shown.add({code: 'NOT_CANONICAL', ref: ref(2), field: 'idNumber', params: {reason: 'x'}})
    expect(shown.findings(['d'])).toHaveLength(1)
  })

  it('sorts by input order then row, and writes messages in the chosen language', () => {
    const zh = new FindingCollector({lang: 'zh', includeInfo: false})
    zh.add({code: 'ID_CHECKSUM', ref: {dataset: 'b', file: 'b.csv', row: 2}})
    zh.add({code: 'ID_CHECKSUM', ref: ref(9)})
    zh.add({code: 'ID_CHECKSUM', ref: ref(3)})
    const listed = zh.findings(['d', 'b'])
    expect(listed.map((f) => `${f.dataset}:${f.row}`)).toEqual(['d:3', 'd:9', 'b:2'])
    expect(listed[0]?.message).toBe('身份证号校验码错误')
  })

  it('applies severity overrides', () => {
    const c = new FindingCollector({lang: 'en', includeInfo: false, severityOverrides: {PHONE_INVALID: 'error'}})
    c.add({code: 'PHONE_INVALID', ref: ref(2), field: 'guardianPhone'})
    expect(c.summary(1).errors).toBe(1)
  })

  it('rejects a code outside the table: a compile error, and a throw for untyped callers', () => {
    const c = new FindingCollector({lang: 'en', includeInfo: false})
    // @ts-expect-error NO_SUCH_CODE is not a FindingCode
    expect(() => c.add({code: 'NO_SUCH_CODE', ref: ref(2)})).toThrow()
  })
})

describe('exitCodeFor', () => {
  const summary = {rows: 1, findings: 1, errors: 0, warnings: 1, infos: 0, byCode: {}}
  it('fails on warnings only when --fail-on is warning or info', () => {
    expect(exitCodeFor(summary, 'error')).toBe(0)
    expect(exitCodeFor(summary, 'warning')).toBe(1)
    expect(exitCodeFor(summary, 'info')).toBe(1)
    expect(exitCodeFor({...summary, errors: 3}, 'never')).toBe(0)
  })
})
