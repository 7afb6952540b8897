import {describe, expect, it} from 'vitest'

import {linkStore} from '../../../src/link/link.js'
import {child, plainOf, storeOfDatasets} from './helpers.js'

describe('the record store', () => {
  const make = () => storeOfDatasets({civil: [child(), child({name: '王芳'})], police: [child({gender: '男'}), child({name: '王方'}), child({name: undefined})]})
  const values = (s: ReturnType<typeof make>) => {
    const c = plainOf(s).columns
    return Array.from({length: s.size}, (_, i) => [c.name[i], s.idHi[i], s.idLo[i], c.birth[i], s.sex[i], c.region[i], c.placeVillage[i], c.guardianName[i], s.phone1[i], s.row[i], s.ds[i]])
  }

  it('keeps every value when trimmed to its size', () => {
    const s = make()
    const c = plainOf(s).columns
    const before = values(s)
    s.trim()
    expect(c.name.length).toBe(s.size)
    expect(s.idHi.length).toBe(s.size)
    expect(values(s)).toEqual(before)
    // Records added after a trim grow the columns again.
    plainOf(s).add({row: 9, name: '李四'})
    expect(c.childNames.entry(c.name[s.size - 1]!).name).toBe('李四')
  })

  it('answers for its records’ references once it let go of their values, and refuses to link or grow', () => {
    const s = make()
    const c = plainOf(s).columns
    const refs = Array.from({length: s.size}, (_, i) => s.ref(i))
    s.releaseValues()
    expect(Array.from({length: s.size}, (_, i) => s.ref(i))).toEqual(refs)
    expect(c.name.length).toBe(0)
    expect(s.idHi.length).toBe(0)
    expect(c.childNames.entries).toHaveLength(0)
    expect(s.representation.subject(0)).toBeUndefined()
    expect(() => linkStore(s)).toThrow(/released/)
    expect(() => s.add({row: 9})).toThrow(/released/)
  })

  it('binds one representation: a store of plain records takes no other', () => {
    const s = make()
    expect(s.representation.kind).toBe('plain')
    expect(plainOf(s)).toBe(s.representation)
  })
})
