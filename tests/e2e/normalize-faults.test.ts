import {parse} from 'csv-parse/sync'
import iconv from 'iconv-lite'
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../src/cn/id-number.js'
import {normalizeFile} from '../../src/normalize/normalize.js'
import {Random} from '../../src/sample/random.js'
import {tempDir} from '../helpers/cli.js'

// A roster whose every value is canonical, then the format faults real department files carry
// (README: the files departments really produce), injected into a known share of the cells. normalize must
// bring every injected fault back to exactly the canonical value and leave every other cell as
// it was. The bar is 99% of the faults; every fault here is one normalize can fix with
// certainty, so anything short of all of them is reported.

const pad = (n: number, width = 2) => String(n).padStart(width, '0')
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
const excelSerial = (iso: string) => String(Math.round((Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) - Date.UTC(1899, 11, 30)) / 86_400_000))

type Fault = (canonical: string, pick: <T>(xs: readonly T[]) => T) => string | undefined

const ID_FAULTS: Fault[] = [
  (v) => (v.endsWith('X') ? v.slice(0, 17) + 'x' : undefined),
  (v) => `'${v}`,
  (v) => fullWidth(v),
  (v) => `${v.slice(0, 6)} ${v.slice(6, 14)} ${v.slice(14)}`,
  (v) => ` ${v} `,
]
const DATE_FAULTS: Fault[] = [
  (v) => `${+v.slice(0, 4)}年${+v.slice(5, 7)}月${+v.slice(8, 10)}日`,
  (v) => `${+v.slice(0, 4)}.${+v.slice(5, 7)}.${+v.slice(8, 10)}`,
  (v) => v.replaceAll('-', '/'),
  (v) => v.replaceAll('-', ''),
  (v) => excelSerial(v),
  (v) => `${v} 00:00:00`,
  (v) => fullWidth(v),
]
const FAULTS: Record<string, Fault[]> = {
  name: [(v) => `${v[0]} ${v.slice(1)}`, (v) => (v.includes('·') ? v.replace('·', '•') : undefined), (v) => (v.includes('·') ? v.replace('·', '．') : undefined), (v) => ` ${v}`],
  gender: [(v) => (v === '男' ? '1' : '2'), (v) => `${v}性`, (v) => (v === '男' ? 'M' : 'F')],
  ethnicity: [(v) => v.replace(/族$/, ''), (v) => ({汉族: '01', 苗族: '06', 土家族: '15', 侗族: '12', 瑶族: '13'})[v]],
  idNumber: ID_FAULTS,
  birthDate: DATE_FAULTS,
  regionCode: [(v) => fullWidth(v), (v) => `'${v}`],
  guardianshipType: [(v) => ({祖辈监护: '爷爷奶奶', 父母一方监护: '单亲监护'})[v], (v) => (v === '祖辈监护' ? '隔代监护' : undefined)],
  guardianRelation: [(v) => ({祖父: '爷爷', 祖母: '奶奶', 外祖父: '外公', 外祖母: '外婆'})[v]],
  guardianIdNumber: [...ID_FAULTS, (v) => (v.slice(6, 8) === '19' ? v.slice(0, 6) + v.slice(8, 17) : undefined)],
  guardianPhone: [(v) => (v.startsWith('1') ? `${v.slice(0, 3)} ${v.slice(3, 7)} ${v.slice(7)}` : v.replace('-', ' ')), (v) => (v.startsWith('1') ? `+86${v}` : `(${v.replace('-', ')')}`), (v) => fullWidth(v)],
  health: [(v) => (v === '患病' ? '大病' : undefined)],
}

const HEADER = ['序号', '姓名', '性别', '民族', '身份证号', '出生日期', '行政区划代码', '监护类型', '监护人关系', '监护人身份证号', '监护人联系电话', '健康状况']
const FIELD_OF_COLUMN = [undefined, 'name', 'gender', 'ethnicity', 'idNumber', 'birthDate', 'regionCode', 'guardianshipType', 'guardianRelation', 'guardianIdNumber', 'guardianPhone', 'health']

function canonicalRoster(rows: number, random: Random): string[][] {
  const r = () => random.next()
  const pick = <T,>(xs: readonly T[]): T => random.pick(xs)
  const out: string[][] = []
  for (let i = 0; i < rows; i++) {
    const year = 2011 + Math.floor(r() * 10)
    const birth = `${year}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`
    const male = r() < 0.5
    const seq = pad(Math.floor(r() * 50) * 2 + (male ? 1 : 0), 3)
    const first17 = `430121${birth.replaceAll('-', '')}${seq}`
    const gYear = 1955 + Math.floor(r() * 40)
    const g17 = `430121${gYear}${pad(1 + Math.floor(r() * 12))}${pad(1 + Math.floor(r() * 28))}${pad(Math.floor(r() * 1000), 3)}`
    const landline = r() < 0.2
    out.push([
      String(i + 1),
      pick(['张子涵', '欧阳明月', '吕欣', '阿卜杜拉·艾买提', '李䶮', '吉𠮷', '王芳', '向晓丽', '田浩楠']),
      male ? '男' : '女',
      pick(['汉族', '苗族', '土家族', '侗族', '瑶族']),
      first17 + checkDigit(first17),
      birth,
      pick(['430121', '430121001', '430121001001']),
      pick(['祖辈监护', '父母一方监护', '亲属监护']),
      pick(['祖父', '祖母', '外祖父', '外祖母']),
      g17 + checkDigit(g17),
      landline ? `0731-${8_000_000 + Math.floor(r() * 999_999)}` : `13${Math.floor(r() * 10)}${pad(Math.floor(r() * 1e8), 8)}`,
      pick(['健康', '健康', '患病']),
    ])
  }
  return out
}

describe('normalize on injected format faults', () => {
  it('brings every injected fault back to its canonical value and changes no canonical value', async () => {
    const random = new Random(20_260_630)
    const r = () => random.next()
    const pick = <T,>(xs: readonly T[]): T => random.pick(xs)
    const canonical = canonicalRoster(800, random)
    const faulted = canonical.map((row) => [...row])
    const injected: {row: number; col: number; fault: string}[] = []
    for (let i = 0; i < faulted.length; i++) {
      for (let c = 1; c < HEADER.length; c++) {
        if (r() >= 0.3) continue
        const fault = pick(FAULTS[FIELD_OF_COLUMN[c]!]!)(canonical[i]![c]!, pick)
        if (fault === undefined || fault === canonical[i]![c]) continue
        faulted[i]![c] = fault
        injected.push({row: i, col: c, fault})
      }
    }
    expect(injected.length).toBeGreaterThan(1500)

    const dir = tempDir()
    const input = path.join(dir, '花名册.csv')
    const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)
    writeFileSync(input, iconv.encode([HEADER, ...faulted].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n', 'gb18030'))
    const output = path.join(dir, 'out.csv')
    const options = {asOf: '2026-06-30', lang: 'en' as const, mask: 'ids' as const, includeInfo: false, failOn: 'error' as const, outputEncoding: 'utf8-bom' as const, inPlace: false, ageLimit: 16 as const}
    const result = await normalizeFile(input, {...options, output})
    expect(result.rowsWritten).toBe(canonical.length)

    const written = parse(readFileSync(output, 'utf8').replace(/^\uFEFF/, ''), {relaxColumnCount: true}) as string[][]
    expect(written[0]!.slice(0, HEADER.length)).toEqual(HEADER)
    const body = written.slice(1)
    expect(body).toHaveLength(canonical.length)

    const missed = injected
      .filter(({row, col}) => body[row]![col] !== canonical[row]![col])
      .map(({row, col, fault}) => `${HEADER[col]} ${JSON.stringify(fault)} → ${JSON.stringify(body[row]![col])}, expected ${JSON.stringify(canonical[row]![col])}`)
    expect(missed).toEqual([])

    const isInjected = new Set(injected.map(({row, col}) => row * 100 + col))
    const touched: string[] = []
    for (let i = 0; i < canonical.length; i++) {
      for (let c = 0; c < HEADER.length; c++) {
        if (!isInjected.has(i * 100 + c) && body[i]![c] !== canonical[i]![c]) touched.push(`${HEADER[c]} ${canonical[i]![c]} → ${body[i]![c]}`)
      }
    }
    expect(touched).toEqual([])
  })
})
