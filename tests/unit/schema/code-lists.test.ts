import {describe, expect, it} from 'vitest'
import {
  CODE_LIST_NAMES,
  CODE_LISTS,
  ETHNIC_GROUPS,
  codeKey,
  codeOf,
  isCodeListName,
  lookupCode,
  type CodeListName,
} from '../../../src/schema/code-lists.js'

describe('CODE_LISTS', () => {
  it('has every list of docs/schema.md, each value with its synonyms', () => {
    expect([...CODE_LIST_NAMES].sort()).toEqual(
      ['ethnicity', 'gender', 'guardianshipType', 'health', 'hukouType', 'parentStatus', 'personStatus', 'relation', 'schoolStatus', 'yesNo'].sort(),
    )
    for (const name of CODE_LIST_NAMES) {
      expect(CODE_LISTS[name].name).toBe(name)
      expect(CODE_LISTS[name].values.length).toBeGreaterThan(1)
    }
  })

  it('has the canonical values of docs/schema.md', () => {
    const values = (n: CodeListName): string[] => CODE_LISTS[n].values.map((v) => v.value)
    expect(values('gender')).toEqual(['男', '女', '未知', '未说明'])
    expect(values('schoolStatus')).toEqual(['未入园', '幼儿园', '小学', '初中', '高中', '中职', '在校', '辍学', '休学', '未入学', '未在校'])
    expect(values('health')).toEqual(['健康', '患病', '残疾'])
    expect(values('guardianshipType')).toEqual(['祖辈监护', '亲属监护', '委托监护', '父母一方监护', '无人监护', '其他'])
    expect(values('relation')).toEqual([
      '祖父', '祖母', '外祖父', '外祖母', '父亲', '母亲', '伯父', '叔叔', '姑姑', '舅舅', '姨妈', '兄姐', '其他亲属', '其他',
    ])
    expect(values('parentStatus')).toEqual(['在家', '外出务工', '服刑', '死亡', '失踪', '重病', '残疾', '丧失监护能力'])
    expect(values('hukouType')).toEqual(['农业', '非农业', '居民'])
    expect(values('personStatus')).toEqual(['正常', '死亡', '迁出', '注销'])
    expect(values('yesNo')).toEqual(['是', '否'])
  })

  it('has the 56 ethnic groups of GB 3304 with their codes, plus 97 and 98', () => {
    expect(ETHNIC_GROUPS).toHaveLength(56)
    const eth = CODE_LISTS.ethnicity.values
    expect(eth).toHaveLength(58)
    expect(eth[0]).toMatchObject({value: '汉族', code: '01'})
    expect(eth[55]).toMatchObject({value: '基诺族', code: '56'})
    expect(eth.map((v) => v.code)).toEqual([...Array.from({length: 56}, (_, i) => String(i + 1).padStart(2, '0')), '97', '98'])
    expect(new Set(eth.map((v) => v.value)).size).toBe(58)
  })

  it('never lets one key name two values of a list', () => {
    for (const name of CODE_LIST_NAMES) {
      const seen = new Map<string, string>()
      for (const v of CODE_LISTS[name].values) {
        for (const k of [v.value, ...(v.code === undefined ? [] : [v.code]), ...v.synonyms]) {
          const key = codeKey(k)
          expect(seen.get(key) ?? v.value, `${name}: ${k}`).toBe(v.value)
          seen.set(key, v.value)
          expect(lookupCode(name, k)).toBe(v.value)
        }
      }
    }
  })
})

describe('lookupCode', () => {
  const cases: [CodeListName, string, string | undefined][] = [
    // gender: canonical, synonyms, codes, Latin in any case, full width
    ['gender', '男', '男'],
    ['gender', '男性', '男'],
    ['gender', 'M', '男'],
    ['gender', 'male', '男'],
    ['gender', 'Male', '男'],
    ['gender', '1', '男'],
    ['gender', '１', '男'],
    ['gender', ' 女 ', '女'],
    ['gender', 'f', '女'],
    ['gender', '2', '女'],
    ['gender', '0', '未知'],
    ['gender', '9', '未说明'],
    ['gender', '3', undefined],
    ['gender', '男女', undefined],
    // ethnicity
    ['ethnicity', '汉族', '汉族'],
    ['ethnicity', '汉', '汉族'],
    ['ethnicity', '01', '汉族'],
    ['ethnicity', '1', '汉族'],
    ['ethnicity', '０１', '汉族'],
    ['ethnicity', '蒙古', '蒙古族'],
    ['ethnicity', '02', '蒙古族'],
    ['ethnicity', '土家', '土家族'],
    ['ethnicity', '15', '土家族'],
    ['ethnicity', '苗', '苗族'],
    ['ethnicity', '维族', '维吾尔族'],
    ['ethnicity', 'ha', '汉族'],
    ['ethnicity', '毛难族', '毛南族'],
    ['ethnicity', '基诺族', '基诺族'],
    ['ethnicity', '56', '基诺族'],
    ['ethnicity', '穿青人', '其他'],
    ['ethnicity', '97', '其他'],
    ['ethnicity', '98', '外国血统'],
    ['ethnicity', '外国血统中国籍人士', '外国血统'],
    ['ethnicity', '汉 族', '汉族'],
    ['ethnicity', '57', undefined],
    ['ethnicity', '摩梭人', undefined],
    ['ethnicity', '中国', undefined],
    // school status
    ['schoolStatus', '小学', '小学'],
    ['schoolStatus', '在读小学', '小学'],
    ['schoolStatus', '三年级', '小学'],
    ['schoolStatus', '初二', '初中'],
    ['schoolStatus', '学前', '幼儿园'],
    ['schoolStatus', '在园', '幼儿园'],
    ['schoolStatus', '职高', '中职'],
    ['schoolStatus', '在读', '在校'],
    ['schoolStatus', '失学', '辍学'],
    ['schoolStatus', '未入学', '未入学'],
    ['schoolStatus', '不在校', '未在校'],
    ['schoolStatus', '大学', undefined],
    // health
    ['health', '健康', '健康'],
    ['health', '良好', '健康'],
    ['health', '大病', '患病'],
    ['health', '慢性病', '患病'],
    ['health', '残疾', '残疾'],
    ['health', '肢体残疾', '残疾'],
    ['health', '很好很好', undefined],
    // guardianship
    ['guardianshipType', '隔代监护', '祖辈监护'],
    ['guardianshipType', '爷爷奶奶', '祖辈监护'],
    ['guardianshipType', '单亲监护', '父母一方监护'],
    ['guardianshipType', '委托监护', '委托监护'],
    ['guardianshipType', '无人监护', '无人监护'],
    ['guardianshipType', '其它', '其他'],
    ['guardianshipType', '邻居', undefined],
    // relation
    ['relation', '爷爷', '祖父'],
    ['relation', '奶奶', '祖母'],
    ['relation', '外公', '外祖父'],
    ['relation', '姥爷', '外祖父'],
    ['relation', '外婆', '外祖母'],
    ['relation', '姥姥', '外祖母'],
    ['relation', '爸爸', '父亲'],
    ['relation', '妈妈', '母亲'],
    ['relation', '父子', '父亲'],
    ['relation', '母女', '母亲'],
    ['relation', '哥哥', '兄姐'],
    ['relation', '姐姐', '兄姐'],
    ['relation', '大伯', '伯父'],
    ['relation', '叔父', '叔叔'],
    ['relation', '姑妈', '姑姑'],
    ['relation', '舅父', '舅舅'],
    ['relation', '姨', '姨妈'],
    ['relation', '阿姨', '姨妈'],
    ['relation', '小姨', '姨妈'],
    ['relation', '婶婶', '其他亲属'],
    ['relation', '祖父', '祖父'],
    ['relation', '邻居', '其他'],
    ['relation', '本人', undefined],
    // parent status
    ['parentStatus', '外出务工', '外出务工'],
    ['parentStatus', '外出', '外出务工'],
    ['parentStatus', '打工', '外出务工'],
    ['parentStatus', '在家', '在家'],
    ['parentStatus', '服刑', '服刑'],
    ['parentStatus', '在押', '服刑'],
    ['parentStatus', '去世', '死亡'],
    ['parentStatus', '下落不明', '失踪'],
    ['parentStatus', '无监护能力', '丧失监护能力'],
    ['parentStatus', '离异', undefined],
    // hukou
    ['hukouType', '农业', '农业'],
    ['hukouType', '农村', '农业'],
    ['hukouType', '农业户口', '农业'],
    ['hukouType', '城镇', '非农业'],
    ['hukouType', '非农', '非农业'],
    ['hukouType', '居民户口', '居民'],
    ['hukouType', '外籍', undefined],
    // public-security person status
    ['personStatus', '正常', '正常'],
    ['personStatus', '在册', '正常'],
    ['personStatus', '有效', '正常'],
    ['personStatus', '死亡', '死亡'],
    ['personStatus', '迁出', '迁出'],
    ['personStatus', '已迁出', '迁出'],
    ['personStatus', '注销', '注销'],
    ['personStatus', '销户', '注销'],
    ['personStatus', '挂起', undefined],
    // yes / no
    ['yesNo', '是', '是'],
    ['yesNo', 'Y', '是'],
    ['yesNo', 'y', '是'],
    ['yesNo', 'YES', '是'],
    ['yesNo', '1', '是'],
    ['yesNo', '√', '是'],
    ['yesNo', '否', '否'],
    ['yesNo', 'N', '否'],
    ['yesNo', '0', '否'],
    ['yesNo', '×', '否'],
    ['yesNo', '２', undefined],
    ['yesNo', '', undefined],
  ]
  it.each(cases)('%s: %j → %j', (list, raw, expected) => {
    expect(lookupCode(list, raw)).toBe(expected)
  })

  it('gives the standard code of a canonical value', () => {
    expect(codeOf('gender', '男')).toBe('1')
    expect(codeOf('ethnicity', '土家族')).toBe('15')
    expect(codeOf('relation', '祖父')).toBeUndefined()
  })

  it('recognises list names', () => {
    expect(isCodeListName('relation')).toBe(true)
    expect(isCodeListName('colour')).toBe(false)
  })
})
