// Inline rosters for the diff and risk tests: a small village of left-behind children with valid
// ID numbers, written as CSV the way a county template lays them out.
import {checkDigit} from '../../../src/cn/id-number.js'
import {tempDir, writeTemp} from '../../helpers/cli.js'

/** A valid ID number: region, birth date (YYYYMMDD), sequence (odd = male). */
export function makeId(birth: string, seq: string, region = '433122'): string {
  const first17 = `${region}${birth}${seq}`
  return first17 + checkDigit(first17)
}

export const HEADER = [
  '序号', '姓名', '性别', '身份证号', '出生日期', '行政区划代码', '乡镇', '村（居）', '现住址', '就学状况', '学校名称', '健康状况',
  '监护类型', '监护人姓名', '监护人身份证号', '与儿童关系', '监护人联系电话', '父亲姓名', '父亲状况', '父亲务工地', '母亲姓名', '母亲状况', '母亲务工地', '填报日期',
] as const

export type Cells = Partial<Record<(typeof HEADER)[number] | string, string>>

const GIVEN = ['浩然', '雨桐', '子涵', '梓轩', '欣怡', '俊杰', '诗琪', '宇航', '思远', '佳怡', '明轩', '若曦']
const SURNAMES = ['田', '彭', '向', '龙', '石', '杨', '吴', '麻', '滕', '符', '张', '李']

/** The k-th child of the village (k < 12): distinct family, born 2012–2019, both parents away. */
export function child(k: number, overrides: Cells = {}): Cells {
  const year = 2012 + (k % 8)
  const birth = `${year}${String((k % 12) + 1).padStart(2, '0')}${String((k % 27) + 1).padStart(2, '0')}`
  const male = k % 2 === 0
  const surname = SURNAMES[k % SURNAMES.length]!
  const grandBirth = `${1958 + (k % 6)}0${(k % 9) + 1}1${k % 10}`
  return {
    序号: String(k + 1),
    姓名: surname + GIVEN[k % GIVEN.length]!,
    性别: male ? '男' : '女',
    身份证号: makeId(birth, `${String(10 + k).padStart(2, '0')}${male ? 1 : 2}`),
    出生日期: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
    行政区划代码: '433122108212',
    乡镇: '浦市镇',
    '村（居）': '鱼坪村',
    现住址: `浦市镇鱼坪村${k + 1}组`,
    就学状况: '小学',
    学校名称: '泸溪县浦市镇中心小学',
    健康状况: '健康',
    监护类型: '祖辈监护',
    监护人姓名: `${surname}长发`,
    监护人身份证号: makeId(grandBirth, `${String(20 + k).padStart(2, '0')}1`),
    与儿童关系: '祖父',
    监护人联系电话: `1380000${String(1000 + k).padStart(4, '0')}`,
    父亲姓名: `${surname}建军`,
    父亲状况: '外出务工',
    父亲务工地: '广东省深圳市',
    母亲姓名: `王${GIVEN[(k + 3) % GIVEN.length]!.slice(0, 1)}英`,
    母亲状况: '外出务工',
    母亲务工地: '浙江省义乌市',
    填报日期: '2026-08-20',
    ...overrides,
  }
}

export function village(n = 10): Cells[] {
  return Array.from({length: n}, (_, k) => child(k))
}

export function csv(rows: Cells[], header: readonly string[] = HEADER, title?: string): string {
  const lines = rows.map((r) => header.map((h) => r[h] ?? '').join(','))
  return `${title ? `${title}${','.repeat(header.length - 1)}\r\n` : ''}${[header.join(','), ...lines].join('\r\n')}\r\n`
}

/** Writes files into a fresh temporary directory; returns their paths. */
export function files(contents: Record<string, string>): Record<string, string> {
  const dir = tempDir('liushou-diff-')
  return Object.fromEntries(Object.entries(contents).map(([name, text]) => [name, writeTemp(dir, name, text)]))
}

export const BASE_OPTIONS = {lang: 'en', mask: 'none', includeInfo: false, failOn: 'error'} as const
