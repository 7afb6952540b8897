// A labelled synthetic population for measuring deduplication: families in real villages, with
// twins, siblings sharing a 字辈 generational character, common same-name children in one
// county, and children listed more than once with the faults real rosters carry (homophones,
// look-alike and traditional characters, ID typos and swaps, Excel damage, missing IDs, other date
// formats, lunar birthdays, another village, another guardian) — and, on request, rows that carry
// another child's number (a sibling's copied from the row above, one twin's typed for both). Every
// row carries the hidden
// identity of its child, so precision and recall can be counted pair by pair. Used by the tests
// and by the benchmark (a million rows in a few seconds); not by the CLI.

import {checkDigit} from '../cn/id-number.js'
import {solarToLunar} from '../cn/lunar.js'
import {listChildren} from '../cn/region.js'
import {roundedDigits} from '../cn/spreadsheet-digits.js'
import {mulberry32} from './random.js'

export interface SyntheticOptions {
  /** Children in the population (rows are more: duplicates). */
  children: number
  seed?: number
  /** Share of children listed more than once (default 0.15). */
  duplicateRate?: number
  /** Names of the files rows are spread over (default one file). */
  files?: string[]
  /** County codes the families live in (default four Hunan counties). */
  counties?: string[]
  /** With several files: the share of the children each list after the first holds (default 0.6). */
  listShare?: number
  /** How many faults a duplicate row carries, drawn from this list (default [1, 1, 2, 2, 2, 3]). */
  faultsPerDuplicate?: number[]
  /** Prefix of the child keys (to generate a large population in chunks). */
  keyPrefix?: string
  /** ID numbers and phones already issued (shared between chunks). */
  issued?: {ids: Set<string>; phones: Set<string>}
  /**
   * Share of the children with a sibling whose row on one list carries that sibling's number (a
   * clerk filled the row from the row above; default 0). Their own birth date and sex stay.
   */
  copiedIdRate?: number
  /** Share of twin pairs whose second twin's rows carry the first twin's number (default 0). */
  twinSharedIdRate?: number
}

export interface SyntheticFile {
  name: string
  rows: string[][]
  /** Child key of each row. */
  truth: string[]
  /** Faults planted on each row ('' for none). */
  faults: string[]
}

export interface SyntheticPopulation {
  header: string[]
  files: SyntheticFile[]
  /** Child keys of twin pairs. */
  twins: [string, string][]
  /** Child keys of the children given one common name in one county. */
  sameName: string[]
  children: number
}

export const SYNTHETIC_HEADER = ['序号', '姓名', '性别', '身份证号', '出生日期', '行政区划代码', '监护人姓名', '监护人身份证号', '监护人联系电话', '父亲姓名', '母亲姓名', '填报日期']

const SURNAMES: [string, number][] = (
  [
    ['王', 72], ['李', 71], ['张', 68], ['刘', 54], ['陈', 45], ['杨', 31], ['黄', 22], ['赵', 20], ['吴', 18], ['周', 17],
    ['徐', 14], ['孙', 13], ['马', 12], ['朱', 12], ['胡', 11], ['郭', 11], ['何', 10], ['高', 10], ['林', 10], ['罗', 9],
    ['郑', 8], ['梁', 8], ['谢', 7], ['宋', 6], ['唐', 6], ['许', 6], ['韩', 5], ['冯', 5], ['邓', 5], ['曹', 5],
    ['彭', 5], ['曾', 5], ['肖', 5], ['田', 4], ['董', 4], ['袁', 4], ['潘', 4], ['于', 4], ['蒋', 4], ['蔡', 4],
    ['余', 4], ['杜', 4], ['叶', 4], ['程', 3], ['苏', 3], ['魏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['沈', 3],
    ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 3], ['钟', 3], ['谭', 3], ['陆', 3], ['汪', 3], ['范', 3], ['金', 3],
    ['石', 2], ['廖', 2], ['贾', 2], ['夏', 2], ['韦', 2], ['付', 2], ['方', 2], ['白', 2], ['邹', 2], ['孟', 2],
    ['熊', 2], ['秦', 2], ['邱', 2], ['江', 2], ['尹', 2], ['薛', 2], ['段', 2], ['雷', 2], ['侯', 2], ['龙', 2],
    ['史', 2], ['陶', 2], ['黎', 2], ['贺', 2], ['顾', 2], ['毛', 2], ['郝', 2], ['龚', 2], ['邵', 2], ['万', 2],
    ['覃', 1], ['戴', 1], ['莫', 1], ['向', 1], ['汤', 1], ['欧阳', 1], ['舒', 1], ['易', 1], ['颜', 1], ['符', 1],
  ] as [string, number][]
)

const POPULAR_BOY = ['浩宇', '宇轩', '子轩', '梓轩', '浩然', '俊杰', '子豪', '一鸣', '思远', '明轩', '宇航', '博文', '梓豪', '嘉豪', '天佑', '泽宇', '子墨', '俊熙', '睿', '轩']
const POPULAR_GIRL = ['子涵', '梓涵', '欣怡', '雨涵', '一诺', '梓萱', '思涵', '诗涵', '佳怡', '雨桐', '可馨', '语嫣', '晨曦', '佳琪', '紫涵', '雅婷', '梦瑶', '心怡', '婷', '雪']
const BOY_CHARS = [...'浩宇轩子梓然俊杰豪一鸣思远明航博文嘉天佑泽墨熙睿晨阳锦程沐宸奕辰鹏飞云龙星承铭楠志强伟军斌涛磊亮刚毅勇华建国平安康健乐彬凯旭东辉林峰森']
const GIRL_CHARS = [...'涵欣怡雨诺萱思诗佳桐可馨语嫣晨曦琪紫雅婷梦瑶心静芳丽娟敏慧颖婉晴悦妍彤蕾露雪玲琳蓓蕊菲媛秀美月瑾珊薇岚倩萍']
const GEN_CHARS = [...'思梓子雨佳俊浩欣家宇诗嘉']
const ADULT_MALE = ['建军', '国华', '志强', '伟', '勇', '军', '斌', '海波', '建华', '小军', '红兵', '文杰', '涛', '磊', '鹏', '辉', '超', '林', '刚', '俊', '明', '亮', '志刚', '春生', '卫东', '建平', '国平', '海军', '志明', '永红', '建新', '金龙', '毅']
const ADULT_FEMALE = ['丽', '芳', '敏', '静', '燕', '红', '霞', '娟', '艳', '玲', '英', '桂花', '小红', '丽娟', '春燕', '秀英', '美玲', '翠', '梅', '琴', '兰', '小燕', '海燕', '丽华', '金花', '彩霞', '秋菊', '红梅', '晓玲', '慧']
const ELDER_MALE = ['德明', '长生', '桂生', '国庆', '建国', '有才', '福生', '满生', '春华', '玉成', '长发', '松林', '炳生', '正清', '秋生', '跃进', '先明', '光辉', '解放', '新民', '福林', '金生']
const ELDER_FEMALE = ['桂英', '秀英', '玉兰', '翠兰', '凤英', '冬梅', '淑珍', '桂兰', '菊花', '满英', '金秀', '春兰', '秀兰', '桂香', '爱莲', '腊梅', '月娥', '玉梅']

/** 同音字 characters an input method offers for the same syllable (test data, not a comparator table). */
const HOMOPHONE_GROUPS = [
  '涵含晗寒韩', '轩萱宣暄', '怡宜仪颐', '欣新馨心', '雨语宇羽禹', '浩昊皓', '杰洁捷', '婷庭亭廷', '琪祺琦淇棋', '梓子紫', '晨辰臣',
  '博波伯', '睿锐瑞', '静晶婧靖', '嘉佳家加', '思斯丝', '雅亚', '悦月越岳', '源远元媛', '航杭', '明鸣铭', '文雯闻', '涛韬滔', '磊蕾',
  '彤桐童', '慧惠蕙', '婉琬', '俊骏峻', '鹏朋', '辉晖徽', '敏闽', '芳方', '丽莉利', '华桦', '宸晨', '熙希曦', '阳扬杨',
].map((g) => [...g])
/** 形近字 characters confused when copying handwriting. */
const LOOKALIKE_PAIRS = [
  '宇字', '汩汨', '晴睛', '琪淇', '萱宣', '涵函', '怡恰', '桐铜', '泽译', '婷停', '妍研', '瑶摇', '博搏', '鹏朋', '豪毫', '天夭',
  '己已', '末未', '浩诰', '俊浚', '熙煕', '晨晟', '锦绵', '睿叡', '玲铃', '琳淋', '媛缓', '彬杉', '楠柟', '峰锋', '森淼',
].map((p) => [...p] as [string, string])
/** 繁体 forms a record copied from an old system may carry. */
const TRADITIONAL: Record<string, string> = {
  轩: '軒', 华: '華', 国: '國', 龙: '龍', 伟: '偉', 杰: '傑', 丽: '麗', 红: '紅', 东: '東', 云: '雲', 涛: '濤', 凤: '鳳', 兰: '蘭',
  梦: '夢', 诗: '詩', 语: '語', 锦: '錦', 鹏: '鵬', 乐: '樂', 阳: '陽', 鸣: '鳴', 铭: '銘', 馨: '馨', 晓: '曉', 颖: '穎', 婵: '嬋',
  飞: '飛', 宁: '寧', 爱: '愛', 静: '靜', 雅: '雅', 瑶: '瑤', 泽: '澤', 浩: '浩', 涵: '涵', 宸: '宸', 嘉: '嘉', 诺: '諾', 萱: '萱',
}

/** The name tables, for other synthetic data (the crosscheck benchmark's three departments). */
export const SYNTHETIC_NAMES = {
  SURNAMES, POPULAR_BOY, POPULAR_GIRL, BOY_CHARS, GIRL_CHARS, GEN_CHARS, ADULT_MALE, ADULT_FEMALE, ELDER_MALE, ELDER_FEMALE, HOMOPHONE_GROUPS, LOOKALIKE_PAIRS, TRADITIONAL,
} as const

const pad = (n: number, w: number): string => String(n).padStart(w, '0')

interface Family {
  surname: string
  county: string
  village: string
  father: string
  mother: string
  guardian: {name: string; id: string; phone: string}
  otherGuardian: {name: string; id: string; phone: string}
}

interface Kid {
  key: string
  family: Family
  name: string
  male: boolean
  birth: [number, number, number]
  id: string
  twin?: string
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
function dim(y: number, m: number): number {
  return m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : DAYS_IN_MONTH[m - 1]!
}

function addDaysYmd([y, m, d]: [number, number, number], days: number): [number, number, number] {
  const t = new Date(Date.UTC(y, m - 1, d) + days * 86400000)
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()]
}

function excelSerial([y, m, d]: [number, number, number]): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000)
}

export function generatePopulation(options: SyntheticOptions): SyntheticPopulation {
  const rng = mulberry32(options.seed ?? 7)
  const int = (lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1))
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!
  const chance = (p: number): boolean => rng() < p
  const surnameTotal = SURNAMES.reduce((s, [, w]) => s + w, 0)
  const surname = (): string => {
    let x = rng() * surnameTotal
    for (const [s, w] of SURNAMES) {
      x -= w
      if (x < 0) return s
    }
    return '王'
  }
  const counties = options.counties ?? ['430121', '430181', '430522', '431122']
  const villages = new Map<string, {code: string; town: string}[]>()
  for (const c of counties) {
    const list = listChildren(c).flatMap((t) => listChildren(t.code).map((v) => ({code: v.code, town: t.code})))
    villages.set(c, list.length > 0 ? list : [{code: `${c}001001`, town: `${c}001`}])
  }
  const usedIds = options.issued?.ids ?? new Set<string>()
  const makeId = (county: string, [y, m, d]: [number, number, number], male: boolean): string => {
    for (;;) {
      const seq = pad(int(0, 99), 2) + String(int(0, 4) * 2 + (male ? 1 : 0))
      const first17 = county + pad(y, 4) + pad(m, 2) + pad(d, 2) + seq
      const id = first17 + checkDigit(first17)
      if (!usedIds.has(id)) {
        usedIds.add(id)
        return id
      }
    }
  }
  const phones = options.issued?.phones ?? new Set<string>()
  const phone = (): string => {
    for (;;) {
      const p = pick(['138', '139', '150', '151', '177', '186', '187', '189', '135', '136']) + pad(int(0, 99_999_999), 8)
      if (!phones.has(p)) {
        phones.add(p)
        return p
      }
    }
  }
  const elder = (sn: string, male: boolean, county: string): {name: string; id: string; phone: string} => {
    const birth: [number, number, number] = [int(1946, 1972), int(1, 12), int(1, 28)]
    return {name: sn + pick(male ? ELDER_MALE : ELDER_FEMALE), id: makeId(county, birth, male), phone: phone()}
  }
  const given = (male: boolean): string => {
    const x = rng()
    if (x < 0.4) return pick(male ? POPULAR_BOY : POPULAR_GIRL)
    const chars = male ? BOY_CHARS : GIRL_CHARS
    if (x < 0.88) return pick(chars) + pick(chars)
    return pick(chars)
  }
  const birthBetween = (from: number, to: number): [number, number, number] => {
    const y = int(from, to)
    const m = int(1, 12)
    return [y, m, int(1, dim(y, m))]
  }

  const kids: Kid[] = []
  const twins: [string, string][] = []
  const sameName: string[] = []
  const target = options.children
  const sameNameCount = Math.max(4, Math.round(target / 400))
  let familyNo = 0
  while (kids.length < target) {
    familyNo++
    const county = pick(counties)
    const village = pick(villages.get(county)!)
    const sameNameFamily = sameName.length < sameNameCount && familyNo % 7 === 3
    const sn = sameNameFamily ? '张' : surname()
    const grandma = chance(0.5)
    const family: Family = {
      surname: sn,
      county: sameNameFamily ? counties[0]! : county,
      village: sameNameFamily ? pick(villages.get(counties[0]!)!).code : village.code,
      father: sn + pick(ADULT_MALE),
      mother: surname() + pick(ADULT_FEMALE),
      guardian: elder(grandma ? surname() : sn, !grandma, county),
      otherGuardian: elder(grandma ? sn : surname(), grandma, county),
    }
    const count = sameNameFamily ? 1 : pick([1, 1, 1, 2, 2, 2, 2, 3, 3, 4])
    const wantTwins = count >= 2 && chance(0.08)
    const generation = count >= 2 && chance(wantTwins ? 0.7 : 0.35) ? pick(GEN_CHARS) : undefined
    let birth = birthBetween(2009, 2016)
    const givens = new Set<string>()
    let prev: Kid | undefined
    for (let c = 0; c < count && kids.length < target; c++) {
      const twin = wantTwins && c === 1
      if (c > 0 && !twin) birth = addDaysYmd(birth, int(540, 2200))
      if (birth[0] > 2024) break
      const male = chance(0.52)
      let g = ''
      for (let tries = 0; tries < 30 && (g === '' || givens.has(g)); tries++) {
        g = sameNameFamily ? '子涵' : generation ? generation + pick(male ? BOY_CHARS : GIRL_CHARS) : given(male)
      }
      if (givens.has(g)) continue
      givens.add(g)
      const kid: Kid = {key: `${options.keyPrefix ?? 'C'}${kids.length + 1}`, family, name: sn + g, male: sameNameFamily ? false : male, birth, id: makeId(family.county, birth, sameNameFamily ? false : male)}
      if (twin && prev) {
        kid.twin = prev.key
        twins.push([prev.key, kid.key])
      }
      if (sameNameFamily) sameName.push(kid.key)
      kids.push(kid)
      prev = kid
    }
  }

  // Rows: every child once, some again (another department, or listed twice) with faults.
  const fileNames = options.files ?? ['roster']
  const files: SyntheticFile[] = fileNames.map((name) => ({name, rows: [], truth: [], faults: []}))
  const dupRate = options.duplicateRate ?? 0.15
  const pending: {kid: Kid; file: number; faults: string[]; village: string; idOf?: Kid}[] = []
  const villageFor = (kid: Kid, faults: string[]): string => {
    if (!faults.includes('other-village')) return kid.family.village
    const here = kid.family.village
    const same = villages.get(kid.family.county)!.filter((v) => v.code.slice(0, 9) === here.slice(0, 9) && v.code !== here)
    return same.length > 0 ? pick(same).code : pick(villages.get(kid.family.county)!).code
  }
  // Lists: every child is on the first (the primary roster); each other department lists a share
  // of the children (twins on the same lists, like their situation), its rows typed anew.
  const listsOf = new Map<Kid, number[]>()
  const byKey = new Map(kids.map((k) => [k.key, k]))
  for (const kid of kids) {
    const twin = kid.twin === undefined ? undefined : byKey.get(kid.twin)
    const lists = twin && listsOf.has(twin) ? listsOf.get(twin)! : [0, ...files.slice(1).flatMap((_, i) => (chance(options.listShare ?? 0.6) ? [i + 1] : []))]
    listsOf.set(kid, lists)
    for (const file of lists) {
      const faults = file === 0 || !chance(0.3) ? noise() : [...new Set([...noise(), ...duplicateFaults()])]
      pending.push({kid, file, faults, village: villageFor(kid, faults)})
    }
    // Listed twice on one list.
    if (chance(dupRate)) {
      const extra = chance(0.12) ? 2 : 1
      for (let e = 0; e < extra; e++) {
        const faults = duplicateFaults()
        pending.push({kid, file: pick(lists), faults, village: villageFor(kid, faults)})
      }
    }
  }

  // Numbers on the wrong child (opt-in: drawn only when asked, so that the default population stays
  // the same): a sibling's number copied onto one of a child's rows; one twin's number on both.
  const copied = options.copiedIdRate ?? 0
  const twinShared = options.twinSharedIdRate ?? 0
  if (copied > 0 || twinShared > 0) {
    const families = new Map<Family, Kid[]>()
    for (const k of kids) families.set(k.family, [...(families.get(k.family) ?? []), k])
    const rowsOf = new Map<Kid, (typeof pending)[number][]>()
    for (const p of pending) rowsOf.set(p.kid, [...(rowsOf.get(p.kid) ?? []), p])
    for (const kid of kids) {
      const siblings = (families.get(kid.family) ?? []).filter((k) => k !== kid && k.twin !== kid.key && kid.twin !== k.key)
      const twin = kid.twin === undefined ? undefined : byKey.get(kid.twin)
      const rows = rowsOf.get(kid) ?? []
      if (twin && twinShared > 0 && chance(twinShared)) {
        for (const p of rows) {
          if (p.faults.includes('id-missing')) continue
          p.idOf = twin
          p.faults.push('id-of-twin')
        }
      } else if (siblings.length > 0 && copied > 0 && chance(copied) && rows.length > 0) {
        const p = pick(rows)
        p.idOf = pick(siblings)
        p.faults.push('id-of-sibling')
      }
    }
  }

  function noise(): string[] {
    const f: string[] = []
    const x = rng()
    if (x < 0.03) f.push('id-missing')
    else if (x < 0.04) f.push('id-typo')
    if (chance(0.2)) f.push('date-format')
    if (chance(0.01)) f.push('name-space')
    if (chance(0.04)) f.push('household-missing')
    return f
  }
  function duplicateFaults(): string[] {
    const nameFaults = ['homophone', 'lookalike', 'traditional']
    const idFaults = ['id-typo', 'id-swap', 'id-excel-sci', 'id-excel-zero', 'id-missing', 'id-missing']
    const otherFaults = ['date-format', 'date-format', 'lunar', 'day-month-swap', 'date-missing', 'other-village', 'guardian-change', 'household-missing', 'name-space', 'sex-missing']
    const f = new Set<string>()
    const n = pick(options.faultsPerDuplicate ?? [1, 1, 2, 2, 2, 3])
    for (let i = 0; i < n; i++) {
      const x = rng()
      f.add(x < 0.35 ? pick(nameFaults) : x < 0.7 ? pick(idFaults) : pick(otherFaults))
    }
    // The child must stay recognisable to a careful person: not both the name and the ID spoiled
    // together with the birth date.
    if ([...f].some((x) => nameFaults.includes(x)) && [...f].some((x) => x.startsWith('id-'))) {
      for (const x of ['lunar', 'day-month-swap', 'date-missing']) f.delete(x)
    }
    return [...f]
  }

  const applyName = (name: string, faults: string[], sn: string): string => {
    let given = [...name.slice(sn.length)]
    for (const fault of faults) {
      if (fault === 'homophone') {
        const at = given.findIndex((c) => HOMOPHONE_GROUPS.some((g) => g.includes(c)))
        if (at >= 0) {
          const group = HOMOPHONE_GROUPS.find((g) => g.includes(given[at]!))!
          given[at] = pick(group.filter((c) => c !== given[at]))
        }
      } else if (fault === 'lookalike') {
        const at = given.findIndex((c) => LOOKALIKE_PAIRS.some((p) => p.includes(c)))
        if (at >= 0) {
          const pair = LOOKALIKE_PAIRS.find((p) => p.includes(given[at]!))!
          given[at] = pair[0] === given[at] ? pair[1] : pair[0]
        }
      } else if (fault === 'traditional') {
        given = given.map((c) => TRADITIONAL[c] ?? c)
      }
    }
    const out = sn + given.join('')
    return faults.includes('name-space') ? `${sn} ${given.join('')}` : out
  }
  const applyId = (id: string, faults: string[]): string => {
    if (faults.includes('id-missing')) return ''
    if (faults.includes('id-excel-sci')) return `${id[0]}.${id.slice(1, 6)}E+17`
    // Excel cuts after the fifteenth digit; LibreOffice rounds (from the sixteenth): one or the other by the sequence digit.
    if (faults.includes('id-excel-zero')) return `${Number(id[16]) % 2 === 0 ? id.slice(0, 15) : roundedDigits(roundedDigits(id, 16), 15)}000`
    if (faults.includes('id-typo')) {
      const at = int(0, 17)
      const c = id[at]!
      let d = c
      while (d === c) d = String(int(0, 9))
      return id.slice(0, at) + d + id.slice(at + 1)
    }
    if (faults.includes('id-swap')) {
      for (let tries = 0; tries < 20; tries++) {
        const at = int(0, 15)
        if (id[at] !== id[at + 1]) return id.slice(0, at) + id[at + 1] + id[at] + id.slice(at + 2)
      }
    }
    return id
  }
  const applyDate = (birth: [number, number, number], faults: string[]): string => {
    if (faults.includes('date-missing')) return ''
    let [y, m, d] = birth
    if (faults.includes('lunar')) {
      const l = solarToLunar(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)
      if (l && l.day <= dim(l.year, l.month)) [y, m, d] = [l.year, l.month, l.day]
    } else if (faults.includes('day-month-swap') && d <= 12 && d !== m) {
      ;[m, d] = [d, m]
    }
    if (!faults.includes('date-format')) return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`
    switch (int(0, 3)) {
      case 0:
        return `${y}年${m}月${d}日`
      case 1:
        return `${y}/${m}/${d}`
      case 2:
        return `${pad(y, 4)}${pad(m, 2)}${pad(d, 2)}`
      default:
        return String(excelSerial([y, m, d]))
    }
  }

  for (const p of pending) {
    const {kid, faults} = p
    const fam = kid.family
    const guardian = faults.includes('guardian-change') ? fam.otherGuardian : fam.guardian
    const household = !faults.includes('household-missing')
    const file = files[p.file]!
    file.rows.push([
      '',
      applyName(kid.name, faults, fam.surname),
      faults.includes('sex-missing') ? '' : kid.male ? '男' : '女',
      applyId((p.idOf ?? kid).id, faults),
      applyDate(kid.birth, faults),
      p.village,
      household ? guardian.name : '',
      household ? guardian.id : '',
      household ? guardian.phone : '',
      household ? fam.father : '',
      household ? fam.mother : '',
      `2026-0${int(1, 6)}-${pad(int(1, 28), 2)}`,
    ])
    file.truth.push(kid.key)
    file.faults.push(faults.join('+'))
  }
  // Rows by village, as rosters are kept; a duplicate lands wherever its village sorts.
  for (const file of files) {
    const order = file.rows.map((r, i) => ({i, k: r[5]!, t: rng()})).sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : x.t - y.t))
    file.rows = order.map((o, n) => {
      const row = file.rows[o.i]!
      row[0] = String(n + 1)
      return row
    })
    file.truth = order.map((o) => file.truth[o.i]!)
    file.faults = order.map((o) => file.faults[o.i]!)
  }
  return {header: SYNTHETIC_HEADER, files, twins, sameName, children: kids.length}
}

export interface Quality {
  truePairs: number
  predictedPairs: number
  correctPairs: number
  precision: number
  recall: number
  /** Twin pairs put into one match cluster. */
  twinsMerged: number
  /** True pairs found only as `possible`. */
  possiblePairs: number
}

/**
 * Pairwise precision and recall of match clusters against the truth: `truth[i]` is the child of
 * record i, `clusters` the match clusters as record index lists, `possible` the possible ones.
 */
export function pairwiseQuality(truth: readonly string[], clusters: readonly (readonly number[])[], twins: readonly [string, string][], possible: readonly (readonly number[])[] = []): Quality {
  const byChild = new Map<string, number>()
  for (const t of truth) byChild.set(t, (byChild.get(t) ?? 0) + 1)
  let truePairs = 0
  for (const n of byChild.values()) truePairs += (n * (n - 1)) / 2
  let predictedPairs = 0
  let correctPairs = 0
  const twinSet = new Set(twins.map(([a, b]) => (a < b ? `${a}|${b}` : `${b}|${a}`)))
  let twinsMerged = 0
  const inMatch = new Set<string>()
  for (const c of clusters) {
    predictedPairs += (c.length * (c.length - 1)) / 2
    const counts = new Map<string, number>()
    for (const r of c) counts.set(truth[r]!, (counts.get(truth[r]!) ?? 0) + 1)
    for (const n of counts.values()) correctPairs += (n * (n - 1)) / 2
    const keys = [...counts.keys()]
    for (let x = 0; x < keys.length; x++) {
      for (let y = x + 1; y < keys.length; y++) {
        const a = keys[x]!
        const b = keys[y]!
        if (twinSet.has(a < b ? `${a}|${b}` : `${b}|${a}`)) twinsMerged++
      }
    }
    for (const r of c) for (const q of c) if (r < q && truth[r] === truth[q]) inMatch.add(`${r}|${q}`)
  }
  let possiblePairs = 0
  for (const c of possible) {
    for (const r of c) for (const q of c) if (r < q && truth[r] === truth[q] && !inMatch.has(`${r}|${q}`)) possiblePairs++
  }
  return {
    truePairs,
    predictedPairs,
    correctPairs,
    precision: predictedPairs === 0 ? 1 : correctPairs / predictedPairs,
    recall: truePairs === 0 ? 1 : correctPairs / truePairs,
    twinsMerged,
    possiblePairs,
  }
}
