import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {parsePhone} from '../../../src/cn/phone.js'

describe('parsePhone: mobile', () => {
  it('accepts a canonical number unchanged', () => {
    expect(parsePhone('13800138000')).toEqual({kind: 'mobile', canonical: '13800138000', canonicalChanged: false})
  })

  it.each([
    '138 0013 8000',
    '138-0013-8000',
    '+86 138 0013 8000',
    '+8613800138000',
    '+86-138-0013-8000',
    '8613800138000',
    '008613800138000',
    '(+86)13800138000',
    '１３８００１３８０００',
    ' 13800138000 ',
  ])('canonicalises %s', (raw) => {
    expect(parsePhone(raw)).toEqual({kind: 'mobile', canonical: '13800138000', canonicalChanged: true})
  })

  it('accepts prefixes 13–19 only', () => {
    for (const p of ['13', '14', '15', '16', '17', '18', '19']) expect(parsePhone(`${p}800138000`).kind).toBe('mobile')
    for (const p of ['10', '11', '12']) expect(parsePhone(`${p}800138000`).kind).toBe('invalid')
  })

  it('rejects wrong lengths', () => {
    expect(parsePhone('1380013800').kind).toBe('invalid')
    expect(parsePhone('138001380001').kind).toBe('invalid')
  })

  it('rejects an extension on a mobile', () => {
    expect(parsePhone('13800138000转1').kind).toBe('invalid')
  })
})

describe('parsePhone: landline', () => {
  it('keeps canonical forms unchanged', () => {
    expect(parsePhone('010-12345678')).toEqual({kind: 'landline', canonical: '010-12345678', canonicalChanged: false})
    expect(parsePhone('0731-84567890')).toEqual({kind: 'landline', canonical: '0731-84567890', canonicalChanged: false})
    expect(parsePhone('0731-8456789')).toEqual({kind: 'landline', canonical: '0731-8456789', canonicalChanged: false})
  })

  it.each([
    ['01012345678', '010-12345678'],
    ['02087654321', '020-87654321'],
    ['073184567890', '0731-84567890'],
    ['(0731)84567890', '0731-84567890'],
    ['（0731）84567890', '0731-84567890'],
    ['0731 8456 7890', '0731-84567890'],
    ['0731-8456-7890', '0731-84567890'],
    ['+86 731 84567890', '0731-84567890'],
    ['+86 10 12345678', '010-12345678'],
    ['0086 731 84567890', '0731-84567890'],
  ])('canonicalises %s → %s', (raw, canonical) => {
    expect(parsePhone(raw)).toEqual({kind: 'landline', canonical, canonicalChanged: true})
  })

  it('requires an area code', () => {
    expect(parsePhone('84567890').kind).toBe('invalid')
    expect(parsePhone('8456789').kind).toBe('invalid')
  })

  it('rejects wrong local lengths and impossible area codes', () => {
    expect(parsePhone('0731-845678901').kind).toBe('invalid')
    expect(parsePhone('0731-845678').kind).toBe('invalid')
    expect(parsePhone('0011234567').kind).toBe('invalid')
    expect(parsePhone('01112345678').kind).toBe('invalid')
  })

  it('rejects service numbers', () => {
    expect(parsePhone('400-800-1234').kind).toBe('invalid')
  })

  it('keeps extensions', () => {
    expect(parsePhone('0731-84567890转123')).toEqual({kind: 'landline', canonical: '0731-84567890转123', canonicalChanged: false})
    for (const raw of ['0731-84567890-123', '0731-84567890 ext. 123', '0731-84567890分机123', '0731-84567890#123', '0731-84567890x123']) {
      expect(parsePhone(raw)).toEqual({kind: 'landline', canonical: '0731-84567890转123', canonicalChanged: true})
    }
  })
})

describe('parsePhone: several numbers, empty, junk', () => {
  it('accepts several valid numbers and keeps them all', () => {
    expect(parsePhone('13800138000/13900139000')).toEqual({
      kind: 'mobile',
      canonical: '13800138000/13900139000',
      canonicalChanged: false,
    })
    expect(parsePhone('0731-84567890，138 0013 8000')).toEqual({
      kind: 'landline',
      canonical: '0731-84567890/13800138000',
      canonicalChanged: true,
    })
  })

  it('rejects a cell where one of several numbers is invalid', () => {
    expect(parsePhone('13800138000/123').kind).toBe('invalid')
  })

  it('tells empty from invalid', () => {
    expect(parsePhone('')).toEqual({kind: 'empty'})
    expect(parsePhone(' \u3000')).toEqual({kind: 'empty'})
    expect(parsePhone('无')).toEqual({kind: 'invalid'})
    expect(parsePhone('1.38001E+10')).toEqual({kind: 'invalid'})
  })

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary'}), (raw) => {
        expect(['empty', 'mobile', 'landline', 'invalid']).toContain(parsePhone(raw).kind)
      }),
      {numRuns: 1000},
    )
    fc.assert(
      fc.property(fc.string({unit: fc.constantFrom(...'0123456789+-() /转x'), maxLength: 25}), (raw) => {
        parsePhone(raw)
      }),
      {numRuns: 1000},
    )
  })

  it('canonical forms are fixed points', () => {
    fc.assert(
      fc.property(fc.string({unit: fc.constantFrom(...'0123456789+- '), minLength: 10, maxLength: 16}), (raw) => {
        const p = parsePhone(raw)
        if (p.kind === 'mobile' || p.kind === 'landline') {
          expect(parsePhone(p.canonical)).toEqual({kind: p.kind, canonical: p.canonical, canonicalChanged: false})
        }
      }),
      {numRuns: 1000},
    )
  })
})
