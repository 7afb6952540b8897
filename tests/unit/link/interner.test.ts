import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {Interner} from '../../../src/link/interner.js'

describe('Interner', () => {
  it('gives every distinct string one dense id, in first-seen order, as a Map would', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({maxLength: 4}), fc.string({unit: 'binary', maxLength: 6}), fc.constantFrom('王芳', '王方', '阿依古丽·买买提', '', '\u0000', '\u0000\u0000')), {maxLength: 300}), (strings) => {
        const interner = new Interner()
        const map = new Map<string, number>()
        for (const s of strings) {
          if (!map.has(s)) map.set(s, map.size)
          expect(interner.id(s)).toBe(map.get(s))
        }
        expect(interner.values).toEqual([...map.keys()])
        for (const s of strings) expect(interner.get(s)).toBe(map.get(s))
      }),
    )
  })

  it('tells apart strings a careless key would merge: lengths, NUL characters, surrogates', () => {
    const interner = new Interner()
    const tricky = ['', '\u0000', '\u0000\u0000', 'a', '\u0000a', 'a\u0000', '\ud842', '\udfb7', '\ud842\udfb7', '𠮷a', 'abcd', 'abdc']
    const ids = tricky.map((s) => interner.id(s))
    expect(new Set(ids).size).toBe(tricky.length)
    tricky.forEach((s, i) => expect(interner.get(s)).toBe(ids[i]))
    expect(interner.get('\u0000\u0000\u0000')).toBeUndefined()
  })

  it('keeps every id through growth to hundreds of thousands of names', () => {
    const interner = new Interner()
    const name = (i: number) => String.fromCharCode(0x4e00 + (i % 20_000)) + String.fromCharCode(0x4e00 + Math.floor(i / 20_000)) + (i % 3 === 0 ? '' : String(i))
    let wrong = 0
    for (let i = 0; i < 300_000; i++) if (interner.id(name(i)) !== i) wrong++
    for (let i = 0; i < 300_000; i++) if (interner.get(name(i)) !== i) wrong++
    expect(wrong).toBe(0)
    expect(interner.size).toBe(300_000)
    expect(interner.get('不在其中的名字')).toBeUndefined()
  })
})
