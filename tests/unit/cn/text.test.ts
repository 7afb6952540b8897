import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {
  daysInMonth,
  isHanCodePoint,
  isMiddleDotLookalike,
  isSpaceCode,
  isoDate,
  toHalfWidth,
  trimSpaces,
} from '../../../src/cn/text.js'

describe('toHalfWidth', () => {
  it('folds full-width ASCII and the ideographic space', () => {
    expect(toHalfWidth('４３０１０２ｘ')).toBe('430102x')
    expect(toHalfWidth('ＡＢＣ！～')).toBe('ABC!~')
    expect(toHalfWidth('张\u3000三')).toBe('张 三')
  })

  it('returns the same string when there is nothing to fold', () => {
    const s = '430102张三'
    expect(toHalfWidth(s)).toBe(s)
  })

  it('leaves other characters, including half-width katakana, alone', () => {
    expect(toHalfWidth('･·。')).toBe('･·。')
  })

  it('is idempotent and keeps the length', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary'}), (s) => {
        const once = toHalfWidth(s)
        expect(toHalfWidth(once)).toBe(once)
        expect(once.length).toBe(s.length)
      }),
      {numRuns: 1000},
    )
  })
})

describe('trimSpaces / isSpaceCode', () => {
  it('trims what String.trim misses', () => {
    expect(trimSpaces('\u200b张三\ufeff')).toBe('张三')
    expect(trimSpaces('\u3000 张三 \u00a0')).toBe('张三')
    expect(trimSpaces('张 三')).toBe('张 三')
    expect(trimSpaces('')).toBe('')
  })

  it('does not call ideographs spaces', () => {
    expect(isSpaceCode('张'.charCodeAt(0))).toBe(false)
    expect(isSpaceCode(0x3000)).toBe(true)
  })
})

describe('isHanCodePoint', () => {
  it('covers the URO, extensions and compatibility ideographs', () => {
    for (const ch of ['张', '䶮', '𠮷', '﨑', '\u{2B740}', '\u{30000}', '\u{2F800}']) {
      expect(isHanCodePoint(ch.codePointAt(0) ?? 0)).toBe(true)
    }
  })

  it('excludes punctuation, 〇, Latin and radicals', () => {
    for (const ch of ['。', '〇', 'a', '⼀', '·']) expect(isHanCodePoint(ch.codePointAt(0) ?? 0)).toBe(false)
  })
})

describe('isMiddleDotLookalike', () => {
  it('knows the usual impostors but not the real dot', () => {
    for (const ch of ['・', '･', '•', '‧', '∙', '⋅', '●', '。', '.']) expect(isMiddleDotLookalike(ch.codePointAt(0) ?? 0)).toBe(true)
    expect(isMiddleDotLookalike(0xb7)).toBe(false)
  })
})

describe('isoDate / daysInMonth', () => {
  it('pads month and day', () => {
    expect(isoDate(2011, 5, 6)).toBe('2011-05-06')
  })

  it('knows leap years', () => {
    expect(daysInMonth(2000, 2)).toBe(29)
    expect(daysInMonth(1900, 2)).toBe(28)
    expect(daysInMonth(2012, 2)).toBe(29)
    expect(daysInMonth(2011, 4)).toBe(30)
    expect(daysInMonth(2011, 13)).toBe(0)
  })
})
