import {describe, expect, it} from 'vitest'

import {KeptRows} from '../../../src/crosscheck/kept-rows.js'

describe('KeptRows', () => {
  it('gives each kept row back once, as kept, from strings and from UTF-8 bytes', () => {
    const kept = new KeptRows(5)
    kept.keepString(0, '1\u001f2015\u001f张小明\u001f男')
    const text = Buffer.from('前缀李四\u001f女尾巴', 'utf8')
    kept.keepBytes(3, text, Buffer.byteLength('前缀'), text.length - Buffer.byteLength('尾巴'))
    // A lone surrogate does not survive UTF-8: kept as the string it is.
    kept.keepString(4, '王\uD800五')
    expect(kept.take(3)).toBe('李四\u001f女')
    expect(kept.take(0)).toBe('1\u001f2015\u001f张小明\u001f男')
    expect(kept.take(4)).toBe('王\uD800五')
    expect(kept.take(0)).toBeUndefined()
    expect(kept.take(1)).toBeUndefined()
  })

  it('holds rows over many chunks and gives them back in any order', () => {
    const n = 120_000
    const kept = new KeptRows(n)
    const row = (i: number): string => `${i}\u001f学生${i % 97}\u001f${'星沙小学'.repeat(1 + (i % 5))}\u001f430121201503040011`
    for (let i = 0; i < n; i += 2) kept.keepString(i, row(i))
    for (let i = 1; i < n; i += 2) {
      const t = Buffer.from(`x${row(i)}y`, 'utf8')
      kept.keepBytes(i, t, 1, t.length - 1)
    }
    for (let i = n - 1; i >= 0; i -= 3) expect(kept.take(i)).toBe(row(i))
    for (let i = 0; i < n; i++) if ((n - 1 - i) % 3 !== 0) expect(kept.take(i)).toBe(row(i))
  })
})
