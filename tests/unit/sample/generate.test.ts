import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import {readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {UserError} from '../../../src/errors.js'
import {SAMPLE_FILES, generateSamples} from '../../../src/sample/index.js'
import {cellOf} from '../../../src/schema/roster.js'
import {type Fixture, makeSample} from './sample-fixture.js'

let sample: Fixture
let again: Fixture
beforeAll(async () => {
  sample = await makeSample()
  again = await makeSample()
})
afterAll(() => {
  sample.cleanup()
  again.cleanup()
})

const ROSTERS = [SAMPLE_FILES.civilAffairs, SAMPLE_FILES.supplement, SAMPLE_FILES.education, SAMPLE_FILES.publicSecurity]

describe('generateSamples', () => {
  it('writes the files it lists, and the same bytes for the same seed', () => {
    const written = readdirSync(sample.dir).sort()
    expect(written).toEqual([...sample.manifest.outputs].sort())
    for (const name of written) {
      expect(readFileSync(path.join(again.dir, name)).equals(readFileSync(path.join(sample.dir, name))), name).toBe(true)
    }
  })

  it('writes other rosters for another seed', async () => {
    const other = await makeSample(43)
    try {
      expect(readFileSync(path.join(other.dir, SAMPLE_FILES.civilAffairs)).equals(readFileSync(path.join(sample.dir, SAMPLE_FILES.civilAffairs)))).toBe(false)
    } finally {
      other.cleanup()
    }
  })

  it('returns the manifest that faults.json holds (without the output folder)', () => {
    const json = JSON.parse(readFileSync(path.join(sample.dir, SAMPLE_FILES.faults), 'utf8'))
    const {outputDir, ...rest} = sample.manifest
    expect(outputDir).toBe(sample.dir)
    expect(json).toEqual(JSON.parse(JSON.stringify(rest)))
    expect(sample.manifest.children).toBe(300)
    expect(sample.manifest.area.counties).toHaveLength(2)
    for (const c of sample.manifest.area.counties) expect(c.code).toMatch(/^43\d{4}$/)
    expect(readFileSync(path.join(sample.dir, SAMPLE_FILES.faultsMarkdown), 'utf8')).toContain('| F001 |')
  })

  it('declares the row count of every roster', async () => {
    for (const f of sample.manifest.files) {
      const {roster, rows} = await sample.load(f.file)
      expect(rows.size, f.file).toBe(f.rows)
      expect(roster.headerRow, f.file).toBe(f.headerRow)
    }
  })

  it('names the hidden child of every data row of every roster in truth.csv', async () => {
    const lines = readFileSync(path.join(sample.dir, SAMPLE_FILES.truth), 'utf8').trim().split('\r\n')
    expect(lines[0]).toBe('file,row,childId')
    const truth = new Set(lines.slice(1))
    let total = 0
    for (const file of ROSTERS) {
      const {rows} = await sample.load(file)
      for (const row of rows.keys()) {
        total++
        const hit = [...truth].find((l) => l.startsWith(`${file},${row},`))
        expect(hit, `${file}:${row}`).toMatch(/,C\d{4}$/)
      }
    }
    expect(truth.size).toBe(total)
  })

  it('refuses impossible options with a user error', async () => {
    await expect(generateSamples({seed: 1, children: 10, outputDir: sample.dir, asOf: '2025-06-30'})).rejects.toBeInstanceOf(UserError)
    await expect(generateSamples({seed: 1, children: 300, outputDir: sample.dir, asOf: '2025/06/30'})).rejects.toBeInstanceOf(UserError)
    await expect(generateSamples({seed: 1.5, children: 300, outputDir: sample.dir, asOf: '2025-06-30'})).rejects.toBeInstanceOf(UserError)
  })
})

describe('the civil-affairs roster', () => {
  it('is GB18030 with a title row above the header, which the reader skips', async () => {
    const bytes = readFileSync(path.join(sample.dir, SAMPLE_FILES.civilAffairs))
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf])
    expect(() => new TextDecoder('utf-8', {fatal: true}).decode(bytes)).toThrow()
    const text = iconv.decode(bytes, 'gb18030')
    const [title, header] = text.split('\r\n')
    expect(title).toMatch(/农村留守儿童花名册/)
    expect(header?.startsWith('序号,姓名,性别,民族,身份证号,出生日期,行政区划代码,乡镇,村（居）,现住址')).toBe(true)
    // Characters outside GBK survive (four-byte GB18030 sequences).
    expect(text).toMatch(/𠮷|䶮/)

    const {roster, rows} = await sample.load(SAMPLE_FILES.civilAffairs)
    expect(roster.source.encoding).toBe('gb18030')
    expect(roster.headerRow).toBe(2)
    expect(Math.min(...rows.keys())).toBe(3)
    expect(roster.columns).toHaveLength(29)
    expect(roster.columns.filter((c) => !c.field)).toEqual([])
    expect(roster.duplicateFields.size).toBe(0)
  })

  it('lists only children under 16, in real Hunan villages (save the injected exceptions)', async () => {
    const {roster, rows} = await sample.load(SAMPLE_FILES.civilAffairs)
    const codes = new Set<string>()
    for (const r of rows.values()) codes.add(cellOf(roster, r, 'regionCode'))
    for (const c of codes) expect(c).toMatch(/^43\d{10}$/)
    const aged = sample.manifest.faults.filter((f) => f.file === SAMPLE_FILES.civilAffairs && f.code === 'AGE_OUT_OF_RANGE')
    expect(aged).toHaveLength(1)
  })

  it('keeps the faults to a documented minority of rows', () => {
    const ca = sample.manifest.files.find((f) => f.file === SAMPLE_FILES.civilAffairs)
    expect(ca).toBeDefined()
    expect(ca!.faultyRows / ca!.rows).toBeLessThan(0.2)
    expect(ca!.faultyRows / ca!.rows).toBeGreaterThan(0.05)
  })
})

describe('the education roster', () => {
  it('reads back with every column mapped', async () => {
    const {roster, rows} = await sample.load(SAMPLE_FILES.education)
    expect(roster.source.format).toBe('xlsx')
    expect(roster.headerRow).toBe(1)
    expect(roster.columns.map((c) => c.field)).toEqual([
      'name', 'gender', 'birthDate', 'idType', 'idNumber', 'studentId', 'school', 'schoolCode', 'grade', 'className', 'boarding',
      'leftBehind', 'hukouType', 'guardianName', 'guardianPhone',
    ])
    for (const r of rows.values()) {
      expect(cellOf(roster, r, 'birthDate')).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(cellOf(roster, r, 'studentId')).toMatch(/^G\d{17}[\dX]$/)
    }
  })

  it('holds birth dates as real date cells in some rows and text in others; IDs as text but one', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path.join(sample.dir, SAMPLE_FILES.education))
    const sheet = wb.worksheets[0]!
    let dates = 0
    let texts = 0
    let numericIds = 0
    for (let r = 2; r <= sheet.rowCount; r++) {
      const birth = sheet.getRow(r).getCell(3)
      if (birth.type === ExcelJS.ValueType.Date) dates++
      else if (birth.type === ExcelJS.ValueType.String) texts++
      const id = sheet.getRow(r).getCell(5)
      if (id.type === ExcelJS.ValueType.Number) numericIds++
      else expect(id.type).toBe(ExcelJS.ValueType.String)
    }
    expect(dates).toBeGreaterThan(10)
    expect(texts).toBeGreaterThan(10)
    expect(numericIds).toBe(1)
  })
})

describe('the public-security roster', () => {
  it('is UTF-8 with a BOM, dates as 20110506, and records deaths, moves and cancellations', async () => {
    const bytes = readFileSync(path.join(sample.dir, SAMPLE_FILES.publicSecurity))
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const {roster, rows} = await sample.load(SAMPLE_FILES.publicSecurity)
    const statuses = new Set<string>()
    for (const r of rows.values()) {
      statuses.add(cellOf(roster, r, 'status'))
      expect(cellOf(roster, r, 'birthDate')).toMatch(/^\d{8}$/)
      expect(cellOf(roster, r, 'hukouAddress')).toMatch(/^湖南省/)
    }
    expect([...statuses].sort()).toEqual(['正常', '死亡', '注销', '迁出'].sort())
  })
})

describe('children that must not be merged', () => {
  it('twins share parents, birth date and village, and differ in name and ID', async () => {
    const {roster, rows} = await sample.load(SAMPLE_FILES.civilAffairs)
    const twins = sample.manifest.distinct.find((d) => d.kind === 'twins' && d.members.filter((m) => m.file === SAMPLE_FILES.civilAffairs).length === 2)
    expect(twins).toBeDefined()
    const [a, b] = twins!.members.filter((m) => m.file === SAMPLE_FILES.civilAffairs).map((m) => rows.get(m.row)!)
    const v = (r: typeof a, f: string): string => cellOf(roster, r!, f)
    for (const f of ['fatherName', 'fatherIdNumber', 'motherName', 'motherIdNumber', 'birthDate', 'regionCode', 'guardianName']) {
      expect(v(a, f), f).toBe(v(b, f))
    }
    expect(v(a, 'idNumber')).not.toBe(v(b, 'idNumber'))
    expect(v(a, 'name')).not.toBe(v(b, 'name'))
    expect(v(a, 'name')[0]).toBe(v(b, 'name')[0])
    const childIds = new Set(twins!.members.map((m) => m.childId))
    expect(childIds.size).toBe(2)
  })

  it('same-name children of one county have different IDs and birth dates', async () => {
    const group = sample.manifest.distinct.find((d) => d.kind === 'same-name')
    expect(group).toBeDefined()
    const {roster, rows} = await sample.load(SAMPLE_FILES.civilAffairs)
    const ca = group!.members.filter((m) => m.file === SAMPLE_FILES.civilAffairs).map((m) => rows.get(m.row)!)
    expect(ca).toHaveLength(2)
    const [a, b] = ca
    expect(cellOf(roster, a!, 'name')).toBe('张子涵')
    expect(cellOf(roster, b!, 'name')).toBe('张子涵')
    expect(cellOf(roster, a!, 'idNumber')).not.toBe(cellOf(roster, b!, 'idNumber'))
    expect(cellOf(roster, a!, 'birthDate')).not.toBe(cellOf(roster, b!, 'birthDate'))
    expect(cellOf(roster, a!, 'idNumber').slice(0, 6)).toBe(cellOf(roster, b!, 'idNumber').slice(0, 6))
  })

  it('declares duplicates of four kinds, each the same hidden child', () => {
    const kinds = sample.manifest.duplicates.map((d) => d.kind).sort()
    expect(kinds).toEqual(['homophone', 'id-typo', 'look-alike', 'other-village'])
    const truth = readFileSync(path.join(sample.dir, SAMPLE_FILES.truth), 'utf8')
    for (const d of sample.manifest.duplicates) {
      expect(d.members).toHaveLength(2)
      for (const m of d.members) expect(truth).toContain(`${m.file},${m.row},${d.childId}\r\n`)
    }
  })
})
