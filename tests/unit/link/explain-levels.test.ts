import {describe, expect, it} from 'vitest'

import {COMPARISONS} from '../../../src/link/comparisons.js'
import {LEVEL_ZH, idDifference} from '../../../src/link/explain.js'

describe('--explain in Chinese and masked', () => {
  it('has a Chinese label for every level of every comparison', () => {
    const missing = COMPARISONS.flatMap((c) => c.labels.filter((l) => !LEVEL_ZH[c.key]?.[l]).map((l) => `${c.key}:${l}`))
    expect(missing).toEqual([])
  })

  it('says where two ID numbers differ without showing a digit', () => {
    const a = '430121201503040021'
    const b = '430121201503040012'
    expect(idDifference(a, b, 'zh')).toBe('两个号码在第 17、18 位不同（共 2 位）')
    expect(idDifference(a, b, 'en')).toBe('the numbers differ at positions 17, 18 (2 in all)')
    expect(idDifference(a, a, 'en')).toBeUndefined()
    expect(idDifference(a, '430121150304002', 'en')).toBe('the numbers have 18 and 15 characters')
    expect(idDifference(a, b, 'zh')).not.toMatch(/\d{3}/)
  })
})
