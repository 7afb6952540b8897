// Name pools for the synthetic population: surnames weighted as in rural Hunan, given names by
// generation (children born 2008–2025, parents born 1970s–1990s, grandparents 1940s–1960s).

import type {Random} from './random.js'

// 姓 surname with a rough weight (Hunan: 刘 李 陈 王 张 唐 彭 谭 罗 … lead).
const HAN_SURNAMES: [string, number][] = [
  ['刘', 9], ['李', 9], ['陈', 8], ['王', 7], ['张', 7], ['唐', 5], ['彭', 5], ['谭', 4], ['罗', 5], ['周', 5],
  ['邓', 4], ['曾', 4], ['肖', 4], ['胡', 4], ['黄', 4], ['杨', 5], ['谢', 3], ['蒋', 3], ['易', 2], ['廖', 3],
  ['贺', 2], ['袁', 2], ['朱', 3], ['吴', 3], ['欧阳', 1], ['邹', 2], ['颜', 1], ['尹', 2], ['钟', 2], ['夏', 1],
  ['舒', 1], ['向', 2], ['段', 1], ['雷', 1], ['戴', 1], ['孙', 2], ['赵', 2], ['郭', 2], ['何', 3], ['梁', 2],
]
// Surnames frequent among the Miao (苗族), Tujia (土家族), Yao (瑶族) and Dong (侗族) of western Hunan.
const MINORITY_SURNAMES: Record<string, string[]> = {
  苗族: ['龙', '石', '吴', '麻', '杨', '田', '滕'],
  土家族: ['田', '向', '彭', '覃', '王', '张', '符'],
  瑶族: ['盘', '奉', '赵', '沈', '邓', '李'],
  侗族: ['杨', '吴', '龙', '粟', '石', '姚'],
}

const CHILD_BOY = [
  '浩然', '宇轩', '子轩', '梓轩', '俊熙', '梓睿', '浩宇', '子墨', '皓轩', '俊杰', '宇航', '子豪', '一鸣', '思远', '明轩', '家豪',
  '锦程', '天佑', '沐宸', '博文', '睿', '轩', '宇', '梓豪', '晨阳', '嘉豪', '奕辰', '泽宇', '子睿', '宇杰', '俊宇', '文博',
  '志豪', '思源', '鹏飞', '云龙', '星宇', '梓航', '佳乐', '天宇', '雨泽', '承泽', '铭轩', '浩楠', '子涵',
]
const CHILD_GIRL = [
  '子涵', '梓涵', '欣怡', '梓萱', '雨涵', '一诺', '思涵', '若汐', '诗涵', '佳怡', '雨桐', '嘉怡', '思琪', '可馨', '语嫣', '欣妍',
  '晨曦', '佳琪', '紫涵', '雅婷', '梦瑶', '心怡', '芳', '婷', '静怡', '雨欣', '梓琪', '诗琪', '欣然', '艺涵', '思雨', '佳欣',
  '若曦', '雨萱', '梦琪', '慧敏', '秋怡', '雪', '紫萱', '梓晴', '语桐', '欣悦', '婉婷', '晓雯', '芷若',
]
const PARENT_MALE = [
  '建军', '国华', '志强', '伟', '勇', '军', '斌', '海波', '建华', '小军', '红兵', '文杰', '涛', '磊', '鹏', '辉', '超', '林',
  '刚', '俊', '明', '亮', '志刚', '春生', '卫东', '冬生', '建平', '国平', '小平', '海军', '志明', '永红', '建新', '金龙', '毅',
]
const PARENT_FEMALE = [
  '丽', '芳', '敏', '静', '燕', '红', '霞', '娟', '艳', '玲', '英', '桂花', '小红', '丽娟', '春燕', '秀英', '美玲', '翠', '梅',
  '琴', '兰', '小燕', '海燕', '丽华', '金花', '彩霞', '秋菊', '红梅', '晓玲', '慧', '小芳', '丽萍', '凤', '桃花',
]
const ELDER_MALE = [
  '德明', '长生', '桂生', '国庆', '建国', '有才', '福生', '满生', '春华', '玉成', '长发', '松林', '炳生', '正清', '秋生', '跃进',
  '先明', '光辉', '解放', '新民', '福林', '金生', '顺生', '运来', '德华', '石生',
]
const ELDER_FEMALE = [
  '桂英', '秀英', '玉兰', '翠兰', '凤英', '冬梅', '淑珍', '桂兰', '菊花', '满英', '金秀', '春兰', '秀兰', '桂香', '爱莲', '腊梅',
  '月娥', '玉梅', '三妹', '满秀', '冬英', '细妹', '四妹', '凤莲',
]
// 字辈 generational characters that siblings (and twins) share: 思远/思雨, 梓轩/梓涵.
const GENERATION_CHARS = ['思', '梓', '子', '雨', '佳', '俊', '浩', '欣', '家', '宇', '诗', '嘉']
const GEN_BOY_SECOND = ['远', '轩', '豪', '睿', '杰', '宇', '航', '博', '辰', '泽', '鸣', '源']
const GEN_GIRL_SECOND = ['雨', '涵', '琪', '怡', '萱', '桐', '悦', '妍', '瑶', '欣', '诺', '晴']

/** Uyghur names for the one family of a migrant father from Xinjiang (names joined by ·, U+00B7). */
export const UYGHUR = {
  male: ['艾力', '买买提', '阿卜杜拉', '艾山', '吐尔逊', '热合曼'],
  female: ['古丽娜', '阿依古丽', '热依拉', '帕提古丽', '米热古丽'],
}

/**
 * Rare characters outside GBK, inside GB 18030: 𠮷 (U+20BB7, Extension B: four bytes in GB 18030)
 * and 䶮 (U+4DAE, Extension A). Names with them test every reader and writer.
 */
export const RARE_GIVEN_NAMES = ['䶮', '𠮷祥', '䶮哲', '子𠮷']

/** 同音字 homophones an input method offers for the same pinyin (王芳 / 王方). */
export const HOMOPHONES: Record<string, string> = {
  芳: '方', 涵: '含', 轩: '萱', 婷: '庭', 怡: '宜', 杰: '洁', 浩: '昊', 欣: '新', 雨: '语', 梓: '子', 静: '晶', 琪: '祺',
  宇: '雨', 萱: '轩', 睿: '锐', 诺: '娜', 晨: '辰', 博: '波', 豪: '浩', 桐: '彤', 悦: '月', 远: '源', 瑶: '遥', 航: '杭',
}

/** 形近字 look-alike characters confused when copying handwriting (宇/字, 汩/汨). */
export const LOOKALIKES: Record<string, string> = {
  宇: '字', 天: '夭', 己: '已', 汩: '汨', 末: '未', 晴: '睛', 琪: '淇', 萱: '宣', 涵: '函', 怡: '恰', 桐: '铜', 泽: '译',
  婷: '停', 妍: '研', 瑶: '摇', 博: '搏', 鹏: '朋', 豪: '毫',
}

/** Spelling variants of the same name between departments (梓/子, 彤/桐): both are real names. */
export const SPELLING_VARIANTS: Record<string, string> = {
  梓: '子', 子: '梓', 涵: '晗', 萱: '轩', 彤: '桐', 桐: '彤', 琪: '琦', 怡: '仪', 欣: '馨', 雯: '文', 婷: '亭', 瑶: '遥',
  宇: '羽', 轩: '宣', 豪: '毫', 睿: '瑞', 杰: '洁', 浩: '皓', 晨: '辰', 博: '波', 航: '杭', 远: '源', 泽: '择',
}

export function hanSurname(rng: Random, ethnicity: string): string {
  const minority = MINORITY_SURNAMES[ethnicity]
  if (minority && rng.chance(0.8)) return rng.pick(minority)
  return rng.weighted(HAN_SURNAMES)
}

export function childGiven(rng: Random, male: boolean): string {
  return rng.pick(male ? CHILD_BOY : CHILD_GIRL)
}

/** A two-character given name starting with the family's 字辈 character. */
export function generationGiven(rng: Random, generation: string, male: boolean): string {
  return generation + rng.pick(male ? GEN_BOY_SECOND : GEN_GIRL_SECOND)
}

export function pickGeneration(rng: Random): string {
  return rng.pick(GENERATION_CHARS)
}

export function parentGiven(rng: Random, male: boolean): string {
  return rng.pick(male ? PARENT_MALE : PARENT_FEMALE)
}

export function elderGiven(rng: Random, male: boolean): string {
  return rng.pick(male ? ELDER_MALE : ELDER_FEMALE)
}

/** Replaces the first character of `given` found in `table`; undefined when none is. */
export function swapChar(given: string, table: Record<string, string>): string | undefined {
  const chars = [...given]
  for (let i = chars.length - 1; i >= 0; i--) {
    const sub = table[chars[i] ?? '']
    if (sub !== undefined) {
      chars[i] = sub
      return chars.join('')
    }
  }
  return undefined
}
