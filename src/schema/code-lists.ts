// 代码表 code lists: the canonical values of the enumerated fields, with the synonyms that real
// rosters use. Public API (printed by `liushou schema`, used by validate's ENUM_UNKNOWN and by
// normalize, which maps a synonym to its canonical value).

export type CodeListName =
  | 'gender'
  | 'ethnicity'
  | 'schoolStatus'
  | 'health'
  | 'guardianshipType'
  | 'relation'
  | 'parentStatus'
  | 'hukouType'
  | 'personStatus'
  | 'yesNo'

export interface CodeListValue {
  value: string
  code?: string
  synonyms: string[]
}

export interface CodeList {
  name: CodeListName
  values: CodeListValue[]
}

// 民族 GB 3304-1991 (names, two-digit codes and two-letter Roman codes).
const ETHNIC_TABLE: [code: string, name: string, roman: string][] = [
  ['01', '汉族', 'HA'],
  ['02', '蒙古族', 'MG'],
  ['03', '回族', 'HU'],
  ['04', '藏族', 'ZA'],
  ['05', '维吾尔族', 'UG'],
  ['06', '苗族', 'MH'],
  ['07', '彝族', 'YI'],
  ['08', '壮族', 'ZH'],
  ['09', '布依族', 'BY'],
  ['10', '朝鲜族', 'CS'],
  ['11', '满族', 'MA'],
  ['12', '侗族', 'DO'],
  ['13', '瑶族', 'YA'],
  ['14', '白族', 'BA'],
  ['15', '土家族', 'TJ'],
  ['16', '哈尼族', 'HN'],
  ['17', '哈萨克族', 'KZ'],
  ['18', '傣族', 'DA'],
  ['19', '黎族', 'LI'],
  ['20', '傈僳族', 'LS'],
  ['21', '佤族', 'VA'],
  ['22', '畲族', 'SH'],
  ['23', '高山族', 'GS'],
  ['24', '拉祜族', 'LH'],
  ['25', '水族', 'SU'],
  ['26', '东乡族', 'DX'],
  ['27', '纳西族', 'NX'],
  ['28', '景颇族', 'JP'],
  ['29', '柯尔克孜族', 'KG'],
  ['30', '土族', 'TU'],
  ['31', '达斡尔族', 'DU'],
  ['32', '仫佬族', 'ML'],
  ['33', '羌族', 'QI'],
  ['34', '布朗族', 'BL'],
  ['35', '撒拉族', 'SL'],
  ['36', '毛南族', 'MN'],
  ['37', '仡佬族', 'GL'],
  ['38', '锡伯族', 'XB'],
  ['39', '阿昌族', 'AC'],
  ['40', '普米族', 'PM'],
  ['41', '塔吉克族', 'TA'],
  ['42', '怒族', 'NU'],
  ['43', '乌孜别克族', 'UZ'],
  ['44', '俄罗斯族', 'RS'],
  ['45', '鄂温克族', 'EW'],
  ['46', '德昂族', 'DE'],
  ['47', '保安族', 'BN'],
  ['48', '裕固族', 'YG'],
  ['49', '京族', 'GI'],
  ['50', '塔塔尔族', 'TT'],
  ['51', '独龙族', 'DR'],
  ['52', '鄂伦春族', 'OR'],
  ['53', '赫哲族', 'HZ'],
  ['54', '门巴族', 'MB'],
  ['55', '珞巴族', 'LB'],
  ['56', '基诺族', 'JN'],
]

/** The 56 ethnic group names of GB 3304, in code order (汉族 … 基诺族). */
export const ETHNIC_GROUPS: readonly string[] = ETHNIC_TABLE.map(([, name]) => name)

// Former official names and common colloquial short forms, beyond "name without 族".
const ETHNIC_EXTRA: Record<string, string[]> = {
  汉族: ['汉人'],
  蒙古族: ['蒙族', '蒙'],
  维吾尔族: ['维族', '维'],
  朝鲜族: ['朝族'],
  哈萨克族: ['哈族'],
  毛南族: ['毛难族', '毛难'], // renamed 1986
  德昂族: ['崩龙族', '崩龙'], // renamed 1985
  柯尔克孜族: ['柯族'],
  布依族: ['布衣族'], // a frequent typo
  仡佬族: ['仡佬'],
}

function ethnicityValues(): CodeListValue[] {
  const values: CodeListValue[] = ETHNIC_TABLE.map(([code, name, roman]) => {
    const short = name.slice(0, -1)
    const synonyms = [short, String(Number(code)), roman, ...(ETHNIC_EXTRA[name] ?? [])]
    return {value: name, code, synonyms: [...new Set(synonyms.filter((s) => s !== name))]}
  })
  // 97 其他: includes the groups not (yet) identified (未识别民族). Guizhou ID cards write 穿青人,
  // and 革家人 / 僜人 are likewise unidentified groups: they are 97, not an unknown value.
  // 摩梭人 is left unmapped: it is registered as 纳西族 in Yunnan and 蒙古族 in Sichuan.
  values.push({value: '其他', code: '97', synonyms: ['其它', '其他民族', '未识别民族', '未识别', '穿青人', '革家人', '僜人']})
  // 98 外国血统中国籍人士 (naturalised citizens of foreign descent)
  values.push({value: '外国血统', code: '98', synonyms: ['外国血统中国籍人士', '外国血统中国籍', '入籍']})
  return values
}

const PRIMARY_GRADES = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级']

const LISTS: CodeList[] = [
  {
    // 性别 GB/T 2261.1-2003
    name: 'gender',
    values: [
      {value: '男', code: '1', synonyms: ['1', 'M', 'male', 'man', 'boy', '男性', '男孩', '男童', '男生']},
      {value: '女', code: '2', synonyms: ['2', 'F', 'female', 'woman', 'girl', '女性', '女孩', '女童', '女生']},
      {value: '未知', code: '0', synonyms: ['0', 'unknown', '未知的性别', '不详']},
      {value: '未说明', code: '9', synonyms: ['9', 'unstated', '未说明的性别']},
    ],
  },
  {name: 'ethnicity', values: ethnicityValues()},
  {
    // 就学状况 schooling status
    name: 'schoolStatus',
    values: [
      {value: '未入园', synonyms: ['未入幼儿园', '未上幼儿园', '散居', '散居儿童', '未入托']},
      {value: '幼儿园', synonyms: ['学前', '在园', '学前教育', '入园', '在园幼儿', '幼儿园在读', '学前班', '托儿所', '幼儿']},
      {
        value: '小学',
        synonyms: ['小学在读', '在读小学', '小学生', '小学阶段', ...PRIMARY_GRADES, ...PRIMARY_GRADES.map((g) => `小学${g}`)],
      },
      {
        value: '初中',
        synonyms: ['初级中学', '初中在读', '在读初中', '初中生', '初中阶段', '初一', '初二', '初三', '七年级', '八年级', '九年级'],
      },
      {value: '高中', synonyms: ['普通高中', '高级中学', '高中在读', '在读高中', '高中生', '高中阶段', '高一', '高二', '高三']},
      {
        value: '中职',
        synonyms: ['中专', '职高', '技校', '职业高中', '中等职业学校', '中等职业教育', '职校', '中职在读', '技工学校', '职中'],
      },
      {value: '在校', synonyms: ['在读', '在学', '就读', '上学', '在校生', '在校学生', '就学', '特殊教育', '特殊教育学校', '特教']},
      {value: '辍学', synonyms: ['失学', '辍学在家', '中途辍学', '已辍学']},
      {value: '休学', synonyms: ['已休学', '因病休学']},
      {value: '未入学', synonyms: ['未上学', '适龄未入学', '未入小学', '没上学', '从未入学']},
      {value: '未在校', synonyms: ['不在校', '离校', '未就学', '未在读', '不在读', '未升学', '毕业未升学', '已毕业']},
    ],
  },
  {
    // 健康状况 health. Student rosters (JY/T 1001) write 健康或良好 / 一般或较弱 / 有慢性病 /
    // 有生理缺陷 / 残疾: 一般或较弱 is neither ill nor disabled, the closest canonical value is 健康.
    name: 'health',
    values: [
      {value: '健康', synonyms: ['良好', '正常', '身体健康', '健康或良好', '健康良好', '好', '一般', '较弱', '一般或较弱', '体弱']},
      {
        value: '患病',
        synonyms: ['重病', '大病', '慢性病', '有慢性病', '疾病', '有病', '生病', '患有疾病', '重大疾病', '患重病', '患大病', '长期患病', '体弱多病'],
      },
      {value: '残疾', synonyms: ['残疾人', '残障', '伤残', '有残疾', '持证残疾', '有生理缺陷', '生理缺陷', '智力残疾', '肢体残疾', '视力残疾', '听力残疾', '言语残疾', '精神残疾', '多重残疾']},
    ],
  },
  {
    // 监护类型 guardianship type
    name: 'guardianshipType',
    values: [
      {
        value: '祖辈监护',
        synonyms: ['隔代监护', '爷爷奶奶', '祖父母', '外祖父母', '爷爷奶奶监护', '祖父母监护', '外祖父母监护', '外公外婆', '外公外婆监护', '隔代抚养', '隔代照料', '祖辈'],
      },
      {value: '亲属监护', synonyms: ['其他亲属监护', '亲戚监护', '亲友监护', '亲属代管', '亲属照料', '亲属']},
      {value: '委托监护', synonyms: ['委托他人监护', '委托照料', '委托代管', '委托亲友监护', '委托']},
      {value: '父母一方监护', synonyms: ['单亲监护', '父亲监护', '母亲监护', '一方监护', '父或母监护', '父母一方', '单亲']},
      {value: '无人监护', synonyms: ['无监护', '无监护人', '无人照料', '无人照顾', '自我监护', '独居', '事实无人抚养']},
      {value: '其他', synonyms: ['其它', '其他监护']},
    ],
  },
  {
    // 与儿童关系 the guardian's relation to the child
    name: 'relation',
    values: [
      {value: '祖父', synonyms: ['爷爷', '爷', '祖父亲', '阿爷']},
      {value: '祖母', synonyms: ['奶奶', '奶', '祖母亲', '阿奶']},
      {value: '外祖父', synonyms: ['外公', '姥爷', '姥爷爷', '外爷', '家公']},
      {value: '外祖母', synonyms: ['外婆', '姥姥', '外奶', '外奶奶', '家婆']},
      {value: '父亲', synonyms: ['父', '爸爸', '爸', '父子', '父女', '生父', '养父']},
      {value: '母亲', synonyms: ['母', '妈妈', '妈', '母子', '母女', '生母', '养母']},
      {value: '伯父', synonyms: ['大伯', '伯伯', '伯', '二伯', '三伯', '大伯父']},
      {value: '叔叔', synonyms: ['叔父', '叔', '小叔', '二叔', '三叔', '幺叔', '满叔']},
      {value: '姑姑', synonyms: ['姑妈', '姑母', '姑', '大姑', '二姑', '小姑', '幺姑']},
      {value: '舅舅', synonyms: ['舅父', '舅', '大舅', '二舅', '小舅', '幺舅']},
      {value: '姨妈', synonyms: ['姨', '阿姨', '小姨', '大姨', '二姨', '姨母', '姨娘', '幺姨']},
      {value: '兄姐', synonyms: ['哥哥', '姐姐', '兄', '姐', '哥', '兄长', '大哥', '大姐', '兄弟', '姐妹', '兄妹', '姐弟', '哥哥姐姐', '胞兄', '胞姐']},
      {
        value: '其他亲属',
        synonyms: [
          '亲属', '亲戚', '其他亲戚', '伯母', '婶婶', '婶娘', '婶母', '舅妈', '舅母', '姑父', '姑丈', '姨父', '姨丈',
          '表哥', '表姐', '堂哥', '堂姐', '嫂子', '嫂嫂', '姐夫', '曾祖父', '曾祖母', '太爷爷', '太奶奶', '继父', '继母',
        ],
      },
      {value: '其他', synonyms: ['其它', '朋友', '邻居', '老师', '村干部', '非亲属', '无亲属关系', '其他人员', '委托人']},
    ],
  },
  {
    // 父母状况 a parent's situation
    name: 'parentStatus',
    values: [
      {value: '在家', synonyms: ['在家务农', '在本地', '本地务工', '本地', '居家', '在家中', '务农', '返乡', '已返乡', '在村']},
      {
        value: '外出务工',
        synonyms: ['外出', '务工', '打工', '外出打工', '在外务工', '在外打工', '外地务工', '外省务工', '省外务工', '省内务工', '县外务工', '外出经商', '外出就业', '外出工作'],
      },
      // 强制隔离戒毒 restricts liberty like a sentence and is the same category of 困境儿童 (民发〔2019〕34号)
      {value: '服刑', synonyms: ['服刑中', '在押', '坐牢', '监狱服刑', '服刑在押', '服刑在押人员', '羁押', '强制隔离戒毒', '强制戒毒']},
      {value: '死亡', synonyms: ['去世', '已故', '病故', '亡故', '过世', '身故', '已死亡', '已去世', '死亡注销']},
      {value: '失踪', synonyms: ['下落不明', '失联', '宣告失踪', '已失踪', '查找不到']},
      {value: '重病', synonyms: ['患重病', '大病', '重大疾病', '患大病', '重病在床']},
      {value: '残疾', synonyms: ['重残', '重度残疾', '残疾人', '有残疾']},
      {value: '丧失监护能力', synonyms: ['无监护能力', '失去监护能力', '无监护条件', '丧失监护条件', '不具备监护能力']},
    ],
  },
  {
    // 户口性质 household registration type
    name: 'hukouType',
    values: [
      {value: '农业', synonyms: ['农村', '农业户口', '农业户籍', '农村户口', '农村户籍', '农户', '农业户']},
      {value: '非农业', synonyms: ['城镇', '非农', '非农业户口', '城镇户口', '城镇户籍', '城市', '城市户口', '非农户口']},
      {value: '居民', synonyms: ['居民户口', '统一居民户口', '居民户籍', '家庭户']},
    ],
  },
  {
    // 户籍状态 / 人员状态 on public-security lists
    name: 'personStatus',
    values: [
      {value: '正常', synonyms: ['在册', '有效', '在籍', '在户', '正常户口', '正常在册', '现住']},
      {value: '死亡', synonyms: ['已死亡', '死亡注销', '宣告死亡', '已故']},
      {value: '迁出', synonyms: ['已迁出', '迁出注销', '户口迁出', '迁移', '迁往外地', '外迁']},
      {value: '注销', synonyms: ['已注销', '销户', '其他注销', '出国注销', '出境注销', '参军注销', '服兵役注销']},
    ],
  },
  {
    // 是/否 flags: 是否留守儿童, 是否寄宿 …
    name: 'yesNo',
    values: [
      {value: '是', synonyms: ['Y', 'yes', '1', 'true', 'T', '√', '✓', '✔', '☑', '是的', '有', '对']},
      {value: '否', synonyms: ['N', 'no', '0', 'false', 'F', '×', '✗', '✘', '☒', '不是', '非', '无', '没有']},
    ],
  },
]

export const CODE_LISTS: Record<CodeListName, CodeList> = Object.fromEntries(LISTS.map((l) => [l.name, l])) as Record<
  CodeListName,
  CodeList
>

export const CODE_LIST_NAMES: readonly CodeListName[] = LISTS.map((l) => l.name)

/** The key a cell is looked up by: trimmed, NFKC-folded (full-width → half-width), spaces removed, Latin lower-cased. */
export function codeKey(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s\u3000]+/g, '').toLowerCase()
}

const LOOKUP = new Map<CodeListName, Map<string, string>>()
const CODE_OF = new Map<CodeListName, Map<string, string>>()
for (const list of LISTS) {
  const map = new Map<string, string>()
  const codes = new Map<string, string>()
  const add = (key: string, value: string): void => {
    const k = codeKey(key)
    const prev = map.get(k)
    if (prev !== undefined && prev !== value) throw new Error(`code list ${list.name}: ${key} maps to ${prev} and ${value}`)
    map.set(k, value)
  }
  for (const v of list.values) {
    add(v.value, v.value)
    if (v.code !== undefined) {
      add(v.code, v.value)
      codes.set(v.value, v.code)
    }
    for (const s of v.synonyms) add(s, v.value)
  }
  LOOKUP.set(list.name, map)
  CODE_OF.set(list.name, codes)
}

/** The canonical value of `raw` in `list`, or undefined when it is none of its values, codes or synonyms. O(1). */
export function lookupCode(list: CodeListName, raw: string): string | undefined {
  const map = LOOKUP.get(list)
  if (map === undefined) return undefined
  const direct = map.get(raw)
  if (direct !== undefined) return direct
  return map.get(codeKey(raw))
}

/** The standard code of a canonical value (gender 1/2/0/9, ethnicity 01–56/97/98), if the list has codes. */
export function codeOf(list: CodeListName, canonical: string): string | undefined {
  return CODE_OF.get(list)?.get(canonical)
}

export function isCodeListName(name: string): name is CodeListName {
  return LOOKUP.has(name as CodeListName)
}
