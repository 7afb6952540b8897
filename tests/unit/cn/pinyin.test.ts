import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {nameInitials, namePinyin, nameReading, nameSyllables, pinyinKey, splitSurname, surnamePinyin} from '../../../src/cn/pinyin.js'

describe('surname readings', () => {
  it.each([
    ['单雨', 'shan'],
    ['曾小明', 'zeng'],
    ['解放', 'xie'],
    ['仇英', 'qiu'],
    ['区伟', 'ou'],
    ['朴树', 'piao'],
    ['查良镛', 'zha'],
    ['种师道', 'chong'],
    ['秘书', 'bi'],
    ['吕欣', 'lv'],
    ['万俟卨', 'moqi'],
    ['尉迟恭', 'yuchi'],
    ['欧阳明月', 'ouyang'],
    ['长孙无忌', 'zhangsun'],
    ['澹台灭明', 'tantai'],
    ['令狐冲', 'linghu'],
  ])('%s → %s', (name, surname) => {
    expect(surnamePinyin(name)).toBe(surname)
  })

  it('reads a polyphonic character outside the surname normally', () => {
    expect(pinyinKey('王长发')).toBe('wangchangfa')
    expect(pinyinKey('曾曾')).toBe('zengceng')
  })
})

describe('splitSurname', () => {
  it.each([
    ['张子涵', '张', '子涵'],
    ['欧阳明月', '欧阳', '明月'],
    ['司马光', '司马', '光'],
    ['上官婉儿', '上官', '婉儿'],
    ['诸葛亮', '诸葛', '亮'],
    ['东方红', '东方', '红'],
    ['东方', '东', '方'], // two characters: not a compound surname
    ['钟离明', '钟', '离明'], // 钟 is a common surname on its own
    ['爱新觉罗溥仪', '爱新觉罗', '溥仪'],
    ['阿卜杜拉·艾买提', '艾买提', '阿卜杜拉'],
    ['爱新觉罗·溥仪', '爱新觉罗', '溥仪'],
    ['𠮷野家', '𠮷', '野家'],
    ['张 三', '张', '三'],
  ])('%s → %s + %s', (name, surname, given) => {
    expect(splitSurname(name)).toEqual({surname, given})
  })
})

describe('namePinyin (GB/T 28039)', () => {
  it.each([
    ['张子涵', 'Zhang Zihan'],
    ['欧阳明月', 'Ouyang Mingyue'],
    ['吕欣', 'Lü Xin'],
    ['女娲', 'Nü Wa'],
    ['单雨', 'Shan Yu'],
    ['张欣安', "Zhang Xin'an"],
    ['阿卜杜拉·艾买提', 'Abudula Aimaiti'],
    ['阿卜杜拉・艾买提', 'Abudula Aimaiti'],
    ['爱新觉罗·溥仪', 'Aixinjueluo Puyi'],
    ['𠮷野', 'Ji Ye'],
    ['王䶮', 'Wang Yan'],
    ['李〇', 'Li Ling'],
    ['张', 'Zhang'],
    ['', ''],
  ])('%s → %s', (name, expected) => {
    expect(namePinyin(name)).toBe(expected)
  })
})

describe('nameInitials', () => {
  it('gives one letter per character, compound surnames included', () => {
    expect(nameInitials('张子涵')).toBe('ZZH')
    expect(nameInitials('欧阳明月')).toBe('OYMY')
    expect(nameInitials('阿卜杜拉·艾买提')).toBe('ABDLAMT')
    expect(nameInitials('吕欣')).toBe('LX')
  })
})

describe('pinyinKey', () => {
  it('makes homophones equal', () => {
    expect(pinyinKey('王芳')).toBe('wangfang')
    expect(pinyinKey('王方')).toBe('wangfang')
  })

  it('keeps different readings apart', () => {
    expect(pinyinKey('王芳')).not.toBe(pinyinKey('汪峰'))
  })

  it('is ASCII for Han names with readings (ü → v)', () => {
    expect(pinyinKey('吕绿')).toBe('lvlv')
  })

  it('ignores spaces, digits and symbols', () => {
    expect(pinyinKey('张 三')).toBe(pinyinKey('张三'))
    expect(pinyinKey('张三3')).toBe('zhangsan')
  })

  it('lists syllables in written order', () => {
    expect(nameSyllables('欧阳明月')).toEqual(['ou', 'yang', 'ming', 'yue'])
    expect(nameSyllables('吕欣')).toEqual(['lü', 'xin'])
  })
})

describe('robustness', () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary'}), (s) => {
        namePinyin(s)
        nameInitials(s)
        surnamePinyin(s)
        pinyinKey(s)
        splitSurname(s)
      }),
      {numRuns: 1000},
    )
  })

  it('romanises Han names to ASCII keys, keeping characters without a reading as they are', () => {
    // A few URO characters (兺, 瓧 …) have no reading in pinyin-pro; they stay in the key.
    const han = fc.integer({min: 0x4e00, max: 0x9fa5}).map((cp) => String.fromCodePoint(cp))
    fc.assert(
      fc.property(fc.array(han, {minLength: 2, maxLength: 4}), (chars) => {
        const name = chars.join('')
        expect(pinyinKey(name)).toMatch(/^(?:[a-z]|\p{Script=Han})+$/u)
        expect(nameInitials(name).length).toBeLessThanOrEqual(chars.length)
      }),
      {numRuns: 1000},
    )
  })

  it('romanises common name characters completely', () => {
    const common = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤子涵梓轩浩宇欣怡雨桐俊杰诗琪思远嘉宇航一诺紫萱明月晨曦家豪佳天佑若博文雅婷志强秀英建国丽娟小红伟芳娜敏静强磊军洋勇艳涛超兰霞平刚桂'
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...common), {minLength: 2, maxLength: 4}), (chars) => {
        const name = chars.join('')
        expect(pinyinKey(name)).toMatch(/^[a-z]+$/)
        expect(nameInitials(name)).toHaveLength(chars.length)
      }),
      {numRuns: 1000},
    )
  })
})

describe('nameReading', () => {
  it('gives at once what the separate functions give', () => {
    for (const name of ['张子涵', '欧阳明月', '吕欣', '单田芳', '阿依古丽·买买提', '爱新觉罗·溥仪', '王 芳', '李2', '𠮷祥', '']) {
      expect(nameReading(name)).toEqual({
        ...splitSurname(name),
        key: pinyinKey(name),
        surnameKey: surnamePinyin(name),
        syllables: nameSyllables(name),
        initials: nameInitials(name),
      })
    }
  })
})
