import {describe, expect, it} from 'vitest'

import {MAX_FINDING_VALUE, clipValue} from '../../../src/findings/clip.js'
import {FindingCollector} from '../../../src/findings/collector.js'
import {formatCsv} from '../../../src/report/formatters/csv.js'
import {maskValue} from '../../../src/findings/mask.js'

describe('clipValue', () => {
  it('leaves values up to the limit alone', () => {
    const v = '字'.repeat(MAX_FINDING_VALUE)
    expect(clipValue(v, 'zh')).toBe(v)
  })

  it('keeps the start of a huge cell and says how long it was', () => {
    const huge = 'a'.repeat(10 * 1024 * 1024)
    expect(clipValue(huge, 'en')).toBe(`${'a'.repeat(MAX_FINDING_VALUE)}… (10485760 characters)`)
    expect(clipValue(huge, 'zh')).toBe(`${'a'.repeat(MAX_FINDING_VALUE)}…（共 10485760 字）`)
  })

  it('never cuts inside a number, so that masking still sees whole ID numbers', () => {
    const id = '430121201503040028'
    const cell = `${'备注'.repeat(95)} ${id} ${'x'.repeat(300)}`
    const clipped = clipValue(cell, 'en')
    expect(clipped.startsWith(`${'备注'.repeat(95)} …`)).toBe(true)
    expect(clipped).not.toMatch(/\d{5}/)
    // Cut at 200 characters, 4301212015 would have been left in clear: too short for the ID
    // pattern, long enough to give the region and birth year away.
    expect(maskValue('notes', clipped, 'ids')).toBe(clipped)
  })

  it('never splits a surrogate pair, and counts one as one character', () => {
    const cell = `${'a'.repeat(MAX_FINDING_VALUE - 1)}𠀀${'b'.repeat(10)}`
    expect(clipValue(cell, 'en')).toBe(`${'a'.repeat(MAX_FINDING_VALUE - 1)}… (210 characters)`)
  })

  it('is applied to every value a finding carries', () => {
    const c = new FindingCollector({lang: 'en', includeInfo: false})
    const huge = '张'.repeat(5_000_000)
    const ref = {dataset: 'd', file: 'd.csv', row: 2}
    c.add({code: 'NAME_INVALID', ref, field: 'name', value: huge, expected: huge, related: [{...ref, row: 3, field: 'name', value: huge}]})
    const [f] = c.findings(['d'])
    const clipped = `${'张'.repeat(MAX_FINDING_VALUE)}… (5000000 characters)`
    expect(f?.value).toBe(clipped)
    expect(f?.expected).toBe(clipped)
    expect(f?.related?.[0]?.value).toBe(clipped)
    expect(formatCsv({tool: 'liushou', version: '1', command: 'validate', asOf: 'x', generatedAt: 'y', inputs: [], summary: c.summary(1), findings: [f!]}, 'en').length).toBeLessThan(2000)
  })
})
