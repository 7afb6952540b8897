import {describe, expect, it} from 'vitest'

import {linkStore} from '../../../src/link/link.js'
import {child, storeOfDatasets} from './helpers.js'

describe('the record store', () => {
  const make = () => storeOfDatasets({civil: [child(), child({name: '王芳'})], police: [child({gender: '男'}), child({name: '王方'}), child({name: undefined})]})

  it('keeps every value when trimmed to its size', () => {
    const s = make()
    const before = Array.from({length: s.size}, (_, i) => [s.name[i], s.idHi[i], s.idLo[i], s.birth[i], s.sex[i], s.region[i], s.placeVillage[i], s.guardianName[i], s.phone1[i], s.row[i], s.ds[i]])
    s.trim()
    expect(s.name.length).toBe(s.size)
    expect(Array.from({length: s.size}, (_, i) => [s.name[i], s.idHi[i], s.idLo[i], s.birth[i], s.sex[i], s.region[i], s.placeVillage[i], s.guardianName[i], s.phone1[i], s.row[i], s.ds[i]])).toEqual(before)
    // Records added after a trim grow the columns again.
    s.add({row: 9, name: '李四'})
    expect(s.childNames.entry(s.name[s.size - 1]!).name).toBe('李四')
  })

  it('answers for its records’ references once it let go of their values, and refuses to link or grow', () => {
    const s = make()
    const refs = Array.from({length: s.size}, (_, i) => s.ref(i))
    s.releaseValues()
    expect(Array.from({length: s.size}, (_, i) => s.ref(i))).toEqual(refs)
    expect(s.name.length).toBe(0)
    expect(s.childNames.entries).toHaveLength(0)
    expect(() => linkStore(s)).toThrow(/released/)
    expect(() => s.add({row: 9})).toThrow(/released/)
  })
})
