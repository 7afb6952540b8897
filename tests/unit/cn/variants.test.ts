import {createRequire} from 'node:module'

import fc from 'fast-check'
import type * as OpenCC from 'opencc-js'
import {describe, expect, it} from 'vitest'

import {sameUpToVariants, toSimplified} from '../../../src/cn/variants.js'

// Common simplified name characters (surnames and given-name characters).
const SIMPLIFIED =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤' +
  '子涵梓轩浩宇欣怡雨萱一诺思彤佳琪晨阳皓轩明华伟芳娜敏静丽强磊军洋勇艳杰娟涛超秀霞平刚桂英玉兰凤云红建国家俊博文昊天睿泽嘉怡' +
  '欧阳司马上官诸葛东方乾坤后台里面发干松范姜叶谷丑卜于冲'

describe('toSimplified', () => {
  it.each([
    ['張子涵', '张子涵'],
    ['劉', '刘'],
    ['陳', '陈'],
    ['歐陽', '欧阳'],
    ['歐陽明月', '欧阳明月'],
    ['劉德華', '刘德华'],
    ['蘇軾', '苏轼'],
    ['鍾麗', '钟丽'],
    ['鐘國強', '钟国强'],
    ['趙雲', '赵云'],
    ['黃曉東', '黄晓东'],
    ['吳', '吴'],
    ['葉', '叶'],
    ['譚詠麟', '谭咏麟'],
    ['羣', '群'],
    ['峯', '峰'],
    ['衞', '卫'],
    ['粧', '妆'],
  ])('%s → %s', (input, output) => {
    expect(toSimplified(input)).toBe(output)
  })

  it('keeps characters that are simplified name characters of their own', () => {
    expect(toSimplified('李乾')).toBe('李乾')
    expect(toSimplified('乾隆')).toBe('乾隆')
    expect(toSimplified('於明')).toBe('於明')
    expect(toSimplified('李昇')).toBe('李昇')
    expect(toSimplified('楊聯陞')).toBe('杨联陞')
    expect(toSimplified('王著')).toBe('王著')
    expect(toSimplified('么')).toBe('么')
  })

  it('does not fold distinct name characters', () => {
    for (const [a, b] of [
      ['堃', '坤'],
      ['喆', '哲'],
      ['淼', '渺'],
      ['犇', '奔'],
      ['甯', '宁'],
      ['沈', '沉'],
      ['余', '馀'],
      ['于', '於'],
    ] as const) {
      expect(toSimplified(a)).toBe(a)
      expect(sameUpToVariants(a, b)).toBe(false)
    }
  })

  it.each([
    ['髙', '高'],
    ['淸', '清'],
    ['靑', '青'],
    ['吿', '告'],
    ['硏', '研'],
    ['栢', '柏'],
    ['寳', '宝'],
    ['冨', '富'],
    ['暎', '映'],
    ['煕', '熙'],
    ['熈', '熙'],
    ['峩', '峨'],
    ['碁', '棋'],
    ['呉', '吴'],
    ['姫', '姬'],
    ['兎', '兔'],
    ['嶋', '岛'],
    ['﨑', '崎'],
  ])('folds the variant %s → %s, which OpenCC leaves alone', (variant, standard) => {
    const opencc = (createRequire(import.meta.url)('opencc-js/t2cn') as typeof OpenCC).Converter({from: 'hk', to: 'cn'})
    expect(opencc(variant)).toBe(variant)
    expect(toSimplified('王' + variant)).toBe('王' + standard)
  })

  it('returns simplified names unchanged (the same string)', () => {
    for (const name of ['张子涵', '欧阳明月', '王芳', '李乾', '阿卜杜拉·买买提', '𠮷祥', '']) expect(toSimplified(name)).toBe(name)
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SIMPLIFIED), {minLength: 1, maxLength: 4}), (cs) => {
        const name = cs.join('')
        expect(toSimplified(name)).toBe(name)
      }),
    )
  })

  it('leaves non-Han characters alone and handles mixed input', () => {
    expect(toSimplified('Zhang San')).toBe('Zhang San')
    expect(toSimplified('A張·B')).toBe('A张·B')
    expect(toSimplified('張 三')).toBe('张 三')
    expect(toSimplified('𠮷張')).toBe('𠮷张')
    expect(toSimplified('張𠮷陳')).toBe('张𠮷陈')
  })

  it('is idempotent', () => {
    const TRADITIONAL = [...'張劉陳歐陽華麗鐘國強趙雲黃曉東吳葉譚詠麟髙淸栢乾於昇'] as string[]
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TRADITIONAL, ...SIMPLIFIED), {maxLength: 5}), (cs) => {
        const once = toSimplified(cs.join(''))
        expect(toSimplified(once)).toBe(once)
      }),
    )
  })
})

describe('sameUpToVariants', () => {
  it('links traditional and simplified forms of one name', () => {
    expect(sameUpToVariants('張子涵', '张子涵')).toBe(true)
    expect(sameUpToVariants('劉德華', '刘德华')).toBe(true)
    expect(sameUpToVariants('歐陽明月', '欧阳明月')).toBe(true)
    expect(sameUpToVariants('髙明', '高明')).toBe(true)
    expect(sameUpToVariants('張偉', '張偉')).toBe(true)
  })

  it('does not link different names', () => {
    expect(sameUpToVariants('张伟', '张玮')).toBe(false)
    expect(sameUpToVariants('張子涵', '张子晗')).toBe(false)
    expect(sameUpToVariants('李乾', '李干')).toBe(false)
    expect(sameUpToVariants('张三', '张三丰')).toBe(false)
  })

  it('prints the cost of the first call and of cached calls', () => {
    // Not asserted: for the report. The module may already be loaded by the tests above.
    const names = ['張子涵', '劉德華', '歐陽明月', '张子涵', '王芳', '陳小明']
    const n = 300_000
    const t = performance.now()
    let same = 0
    for (let i = 0; i < n; i++) if (sameUpToVariants(names[i % names.length]!, names[(i + 3) % names.length]!)) same++
    const ms = performance.now() - t
    console.log(`variants: sameUpToVariants ${((n / ms) * 1000 / 1e6).toFixed(2)} M calls/s (cached characters)`)
    expect(same).toBeGreaterThan(0)
  })
})
