import ExcelJS from 'exceljs'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import {existsSync, readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../src/cn/id-number.js'
import {normalizeFile} from '../../src/normalize/normalize.js'
import type {Report} from '../../src/findings/model.js'
import {runCli, tempDir, writeTemp} from '../helpers/cli.js'
import {reportSchemaErrors} from '../helpers/report-schema.js'

const id = (first17: string) => first17 + checkDigit(first17)
const CHILD = id('43012120150304002')
const GUARDIAN = id('43012119600101001')
const HEADER = '序号,姓名,性别,民族,身份证号,出生日期,行政区划代码,监护类型,监护人联系电话'
const MESSY = [
  HEADER,
  `1,吉 𠮷,2,汉,${CHILD.toLowerCase()},2015年3月4日,430121001001,爷爷奶奶,138 1234 5678`,
  `2,李䶮,女,汉族,${CHILD.slice(0, 17)}0,03/04/2015,430121001001,祖辈监护,13812345678`,
  '',
  `3,王芳,女,土家族,4.30121E+17,2015-03-04,430121001001,委托监护,13812345678`,
].join('\r\n')

function decodeUtf8Bom(buf: Buffer): string {
  expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  return buf.subarray(3).toString('utf8')
}

describe('normalize', () => {
  it('writes canonical values, derived columns and a masked change log; keeps rare characters byte-exact', () => {
    const dir = tempDir()
    const input = writeTemp(dir, 'in.csv', iconv.encode(MESSY, 'gb18030'))
    const output = path.join(dir, 'out.csv')
    const changes = path.join(dir, 'changes.csv')
    const r = runCli(['normalize', input, '--output', output, '--changes', changes, '--as-of', '2026-06-30', '--json'])
    expect(r.code).toBe(1) // errors left to fix by hand: a damaged ID, an ambiguous date
    const report = JSON.parse(r.stdout) as Report
    expect(reportSchemaErrors(report)).toEqual([])
    expect(report.command).toBe('normalize')
    expect(report.summary.byCode).toMatchObject({DATE_AMBIGUOUS: 1, ID_EXCEL_MANGLED: 1, ID_CHECKSUM: 1})

    const lines = decodeUtf8Bom(readFileSync(output)).split('\r\n')
    expect(lines[0]).toBe(`${HEADER},姓名拼音,拼音首字母,证件出生日期,证件性别,年龄,区划名称`)
    expect(lines[1]).toBe(`1,吉𠮷,女,汉族,${CHILD},2015-03-04,430121001001,祖辈监护,13812345678,Ji Ji,JJ,2015-03-04,女,11,湖南省长沙市长沙县星沙街道开元路社区居委会`)
    // Left as they are: the damaged ID and the ambiguous date are findings, not guesses.
    expect(lines[2]!.startsWith(`2,李䶮,女,汉族,${CHILD.slice(0, 17)}0,03/04/2015,`)).toBe(true)
    expect(lines[3]).toBe('')
    expect(lines[4]!.startsWith('3,王芳,女,土家族,4.30121E+17,2015-03-04,')).toBe(true)

    const log = decodeUtf8Bom(readFileSync(changes))
    expect(log).toContain('row,column,field,before,after,reason')
    expect(log).toContain('2,姓名,name,吉 𠮷,吉𠮷,NAME_CLEANED')
    expect(log).toContain('2,监护类型,guardianshipType,爷爷奶奶,祖辈监护,CODE_SYNONYM')
    expect(log).toContain('138****5678')
    expect(log).not.toContain(CHILD.slice(6, 14))
  })

  it('writes a JSON change log and GB18030 output on request', () => {
    const dir = tempDir()
    const input = writeTemp(dir, 'in.csv', MESSY)
    const output = path.join(dir, 'out.csv')
    const changes = path.join(dir, 'changes.json')
    const r = runCli(['normalize', input, '-o', output, '--changes', changes, '--output-encoding', 'gb18030', '--mask', 'none', '--format', 'table', '--as-of', '2026-06-30'])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/4 rows|3 rows/)
    const text = iconv.decode(readFileSync(output), 'gb18030')
    expect(text).toContain('吉𠮷')
    const log = JSON.parse(readFileSync(changes, 'utf8')) as {row: number; reason: string; before: string; after: string}[]
    expect(log.find((e) => e.reason === 'ID_CLEANED')).toMatchObject({row: 2, before: CHILD.toLowerCase(), after: CHILD})
  })

  it('writes .xlsx output with every value a text cell', async () => {
    const dir = tempDir()
    const input = writeTemp(dir, 'in.csv', MESSY)
    const output = path.join(dir, 'out.xlsx')
    expect(runCli(['normalize', input, '-o', output, '--json', '--as-of', '2026-06-30']).code).toBe(1)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(output)
    const sheet = wb.worksheets[0]!
    expect(sheet.getCell('E2').value).toBe(CHILD)
    expect(sheet.getCell('F2').value).toBe('2015-03-04')
  })

  it('never writes over its input unless --in-place', () => {
    const dir = tempDir()
    const input = writeTemp(dir, 'in.csv', MESSY)
    const refused = runCli(['normalize', input, '-o', input, '--json'])
    expect(refused.code).toBe(2)
    expect(readFileSync(input, 'utf8')).toBe(MESSY)
    const inPlace = runCli(['normalize', input, '-o', input, '--in-place', '--json', '--as-of', '2026-06-30'])
    expect(inPlace.code).toBe(1)
    expect(readFileSync(input, 'utf8')).toContain(CHILD)
    expect(readdirSync(dir).filter((f) => f.startsWith('.liushou-tmp'))).toEqual([])
  })

  it('keeps title rows, a two-row header, blank rows and ragged rows where they were', () => {
    const dir = tempDir()
    const text = ['某镇留守儿童花名册', ',,,父亲,', '姓名,性别,身份证号,姓名,身份证号', `李小红,女,${CHILD},李大山,${GUARDIAN}`, '', '王五,1'].join('\n')
    const input = writeTemp(dir, 'in.csv', text)
    const output = path.join(dir, 'out.csv')
    runCli(['normalize', input, '-o', output, '--json', '--as-of', '2026-06-30'])
    const lines = decodeUtf8Bom(readFileSync(output)).split('\r\n')
    expect(lines[0]).toBe('某镇留守儿童花名册')
    expect(lines[1]).toMatch(/^,,,父亲,/)
    expect(lines[2]).toMatch(/^姓名,性别,身份证号,姓名,身份证号,姓名拼音/)
    expect(lines[3]).toMatch(/^李小红,/)
    expect(lines[4]).toBe('')
    expect(lines[5]).toBe('王五,1')
  })

  it('a missing input is one line and exit 2', () => {
    const dir = tempDir()
    const r = runCli(['normalize', path.join(dir, 'none.csv'), '-o', path.join(dir, 'o.csv')])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(existsSync(path.join(dir, 'o.csv'))).toBe(false)
  })
})

// Messy but plausible cell values, the kind real rosters hold.
const messyCell = fc.oneof(
  fc.constantFrom('', ' ', '男', '1', 'F', '汉', '汉族', '15', '爷爷奶奶', '祖辈监护', '2011年5月6日', '2011.5.6', '40669', '03/04/2012', '2011-02-30', '张 三', '李䶮', '𠮷', '阿卜杜拉•艾买提', '138 1234 5678', '+86 13812345678', '0731-84567890', '4.30121E+17'),
  fc.constantFrom(CHILD, CHILD.toLowerCase(), `'${CHILD}`, GUARDIAN, '430121600101001', `${CHILD.slice(0, 6)} ${CHILD.slice(6)}`),
  fc.string({maxLength: 8}),
)

describe('normalize properties (whole files)', () => {
  it('normalizing twice equals normalizing once; rows keep their count and order', async () => {
    const dir = tempDir()
    const header = ['序号', '姓名', '性别', '民族', '身份证号', '出生日期', '监护类型', '监护人联系电话', '监护人身份证号']
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(messyCell, {minLength: 8, maxLength: 8}), {minLength: 1, maxLength: 12}), async (rows) => {
        run++
        const body = rows.map((r, i) => [String(i + 1), ...r].map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
        const input = writeTemp(dir, `in-${run}.csv`, [header.join(','), ...body].join('\r\n'))
        const once = path.join(dir, `once-${run}.csv`)
        const twice = path.join(dir, `twice-${run}.csv`)
        const options = {asOf: '2026-06-30', lang: 'en' as const, mask: 'ids' as const, includeInfo: false, failOn: 'error' as const, outputEncoding: 'utf8-bom' as const, inPlace: false, ageLimit: 16 as const}
        const first = await normalizeFile(input, {...options, output: once})
        const second = await normalizeFile(once, {...options, output: twice})
        expect(readFileSync(twice).equals(readFileSync(once))).toBe(true)
        expect(Object.values(second.changed).reduce((a, b) => a + (b ?? 0), 0)).toBe(0)
        expect(first.rowsWritten).toBe(second.rowsWritten)
        const serials = decodeUtf8Bom(readFileSync(once))
          .split('\r\n')
          .slice(1)
          .filter((l) => l !== '')
          .map((l) => l.split(',')[0])
        expect(serials.slice(0, rows.length)).toEqual(rows.map((_, i) => String(i + 1)))
      }),
      {numRuns: 60},
    )
  })
})
