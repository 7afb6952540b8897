import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {checkName} from '../../../src/cn/names.js'

describe('checkName: valid names', () => {
  it.each(['张三', '欧阳明月', '阿卜杜拉·艾买提', '𠮷野家', '王䶮', '李〇', '张', '﨑山', '爱新觉罗·溥仪'])('accepts %s', (name) => {
    expect(checkName(name)).toEqual({cleaned: name})
  })

  it('trims surrounding spaces silently', () => {
    expect(checkName(' 张三\u3000')).toEqual({cleaned: '张三'})
  })
})

describe('checkName: NAME_FORMAT', () => {
  it('flags inner spaces (张 三), including U+3000', () => {
    for (const raw of ['张 三', '张\u3000三', '阿卜杜拉 · 艾买提']) {
      const r = checkName(raw)
      expect(r.invalid).toBeUndefined()
      expect(r.format?.en).toContain('spaces')
    }
    expect(checkName('张 三').cleaned).toBe('张三')
  })

  it.each(['・', '･', '•', '‧', '∙', '⋅', '●', '。', '.', '．', '\u0387', '\u2e31'])('flags %s as the wrong middle dot', (dot) => {
    const r = checkName(`阿卜杜拉${dot}艾买提`)
    expect(r.cleaned).toBe('阿卜杜拉·艾买提')
    expect(r.invalid).toBeUndefined()
    expect(r.format?.en).toContain('middle dot')
  })

  it('combines reasons', () => {
    const r = checkName('阿卜杜拉 ・ 艾买提')
    expect(r.format?.zh).toBe('含空格；间隔号应为“·”（U+00B7）')
  })

  it('folds Kangxi radicals that look like ideographs', () => {
    const r = checkName('王⼀') // U+2F00
    expect(r.cleaned).toBe('王一')
    expect(r.format).toBeDefined()
  })

  it('does not flag a clean name', () => {
    expect(checkName('阿卜杜拉·艾买提').format).toBeUndefined()
  })
})

describe('checkName: NAME_INVALID', () => {
  it.each(['离异', '无', '不详', '未知', '空', '暂无', '待定', '同上', '测试', '某某', 'null', 'NULL', 'N/A', '-', '/', '已故', '无 '])(
    'rejects the junk word %s',
    (raw) => {
      expect(checkName(raw).invalid?.en).toContain('not a name')
    },
  )

  it('rejects placeholders 张某某 and 李某', () => {
    expect(checkName('张某某').invalid).toBeDefined()
    expect(checkName('李某').invalid).toBeDefined()
    expect(checkName('李某明').invalid).toBeUndefined()
  })

  it('does not take names containing junk characters for junk', () => {
    expect(checkName('张无忌').invalid).toBeUndefined()
    expect(checkName('吴空').invalid).toBeUndefined()
  })

  it('rejects digits, including full-width ones', () => {
    expect(checkName('张3').invalid?.en).toBe('contains digits')
    expect(checkName('张３').invalid?.en).toBe('contains digits')
  })

  it('rejects Latin letters', () => {
    expect(checkName('张三a').invalid?.en).toBe('contains Latin letters')
    expect(checkName('Zhang San').invalid?.en).toBe('contains Latin letters')
    expect(checkName('ＡＢ').invalid?.en).toBe('contains Latin letters')
  })

  it('rejects symbols and emoji', () => {
    for (const raw of ['张三（已故）', '张三?', '张三😀', '张_三', '张三、李四']) expect(checkName(raw).invalid?.en).toMatch(/not allowed/)
  })

  it('rejects private-use characters', () => {
    expect(checkName('王\ue000').invalid?.en).toContain('private-use')
  })

  it('rejects a middle dot at either end or doubled', () => {
    for (const raw of ['·张三', '张三·', '阿卜杜拉··艾买提', '张三。']) expect(checkName(raw).invalid?.en).toContain('misplaced')
  })

  it('calls an empty cell invalid', () => {
    expect(checkName('').invalid).toBeDefined()
    expect(checkName('  ').invalid).toBeDefined()
  })

  it('does not report format on an invalid name', () => {
    const r = checkName('张 3')
    expect(r.invalid).toBeDefined()
    expect(r.format).toBeUndefined()
  })
})

describe('checkName: robustness', () => {
  it('never throws and never reports both', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary'}), (raw) => {
        const r = checkName(raw)
        expect(r.invalid !== undefined && r.format !== undefined).toBe(false)
      }),
      {numRuns: 1000},
    )
  })

  it('cleaning is idempotent for names it accepts', () => {
    const han = fc.integer({min: 0x4e00, max: 0x9fa5}).map((cp) => String.fromCodePoint(cp))
    const piece = fc.oneof(han, han, han, fc.constantFrom(' ', '・', '·', '\u3000'))
    fc.assert(
      fc.property(fc.array(piece, {minLength: 1, maxLength: 8}), (pieces) => {
        const r = checkName(pieces.join(''))
        if (r.invalid === undefined) expect(checkName(r.cleaned)).toEqual({cleaned: r.cleaned})
      }),
      {numRuns: 1000},
    )
  })
})
