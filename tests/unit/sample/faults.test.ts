import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ageAt, parseDate} from '../../../src/cn/dates.js'
import {analyzeId} from '../../../src/cn/id-number.js'
import {checkName} from '../../../src/cn/names.js'
import {parsePhone} from '../../../src/cn/phone.js'
import {checkIdRegion, checkRegionNames, lookupRegion} from '../../../src/cn/region.js'
import {VALIDATE_CODES} from '../../../src/findings/codes/validate.js'
import {SAMPLE_FILES} from '../../../src/sample/index.js'
import {type CodeListName, lookupCode} from '../../../src/schema/code-lists.js'
import {cellOf} from '../../../src/schema/roster.js'
import {leftBehindState, readCare} from '../../../src/care/care.js'
import {rowReader} from '../../../src/care/columns.js'
import {CA_COLUMNS} from '../../../src/sample/civil-affairs.js'
import {AS_OF, type Fixture, makeSample} from './sample-fixture.js'

let sample: Fixture
beforeAll(async () => {
  sample = await makeSample()
})
afterAll(() => sample.cleanup())

const CA = SAMPLE_FILES.civilAffairs

describe('declared faults', () => {
  it('cover every validate rule code of docs/rules.md (header codes in the supplement, the rest in the civil-affairs roster)', () => {
    const inCa = new Set(sample.manifest.faults.filter((f) => f.file === CA && f.kind === 'validate').map((f) => f.code))
    const inSupplement = new Set(sample.manifest.faults.filter((f) => f.file === SAMPLE_FILES.supplement).map((f) => f.code))
    for (const code of Object.keys(VALIDATE_CODES)) {
      if (code.startsWith('HEADER_')) expect(inSupplement.has(code), code).toBe(true)
      else expect(inCa.has(code), code).toBe(true)
    }
    expect(sample.manifest.skipped).toEqual([])
  })

  it('cover the cross-check and dedupe codes', () => {
    const codes = new Set(sample.manifest.faults.map((f) => f.code))
    for (const code of ['XC_NOT_ENROLLED', 'XC_NOT_REGISTERED', 'XC_DECEASED', 'XC_MOVED_OUT', 'XC_UNLISTED', 'XC_FIELD_CONFLICT', 'XC_DUPLICATE_REGISTRATION', 'DUP_MATCH']) {
      expect(codes.has(code), code).toBe(true)
    }
    const conflicts = new Set(sample.manifest.faults.filter((f) => f.code === 'XC_FIELD_CONFLICT' && !f.optional).map((f) => f.field))
    for (const field of ['name', 'gender', 'birthDate', 'idNumber', 'school', 'guardianName']) expect(conflicts.has(field), field).toBe(true)
  })

  it('are numbered in file and row order and counted by code', () => {
    const {faults, byCode} = sample.manifest
    faults.forEach((f, i) => expect(f.id).toBe(`F${String(i + 1).padStart(3, '0')}`))
    const counted: Record<string, number> = {}
    for (const f of faults) counted[f.code] = (counted[f.code] ?? 0) + 1
    expect(byCode).toEqual(counted)
  })

  it('sit on rows that really hold the faulty value', async () => {
    let checked = 0
    for (const f of sample.manifest.faults) {
      if (f.kind !== 'validate') continue
      const {roster, rows} = await sample.load(f.file)
      if (f.code.startsWith('HEADER_')) {
        expect(f.row).toBe(roster.headerRow)
        if (f.code === 'HEADER_MISSING') {
          expect(roster.fieldIndex.has('idNumber')).toBe(false)
          expect(roster.fieldIndex.has('birthDate')).toBe(false)
        } else expect(roster.duplicateFields.has(f.field ?? '')).toBe(true)
        continue
      }
      const row = rows.get(f.row)
      expect(row, `${f.file}:${f.row}`).toBeDefined()
      if (f.code === 'ROW_RAGGED') {
        expect(row!.cells.length).not.toBe(roster.columns.length)
        continue
      }
      if (f.field !== undefined && f.value !== undefined) {
        expect(cellOf(roster, row!, f.field), `${f.id} ${f.code} ${f.file}:${f.row}`).toBe(f.value)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(40)
  })

  it('use values that really are faulty', () => {
    const listOf: Record<string, CodeListName> = {
      gender: 'gender', ethnicity: 'ethnicity', schoolStatus: 'schoolStatus', health: 'health',
      guardianshipType: 'guardianshipType', guardianRelation: 'relation',
    }
    for (const f of sample.manifest.faults) {
      const v = f.value ?? ''
      switch (f.code) {
        case 'ENUM_UNKNOWN':
          expect(lookupCode(listOf[f.field ?? '']!, v), v).toBeUndefined()
          break
        case 'ID_CHECKSUM':
          expect(analyzeId(v).problem?.type).toBe('checksum')
          break
        case 'ID_EXCEL_MANGLED':
          expect(analyzeId(v).problem?.type).toBe('excel-mangled')
          break
        case 'ID_FORMAT':
          expect(analyzeId(v).problem?.type).toBe('format')
          break
        case 'ID_LEGACY_15':
          expect(analyzeId(v).legacy15).toBe(true)
          break
        case 'ID_BIRTH_INVALID':
          expect(analyzeId(v).birthInvalid).toBeDefined()
          break
        case 'ID_REGION_UNKNOWN':
          expect(checkIdRegion(v.slice(0, 6), Number(v.slice(6, 10))).verdict).toBe('unknown')
          break
        case 'ID_REGION_ANACHRONISM':
          expect(checkIdRegion(v.slice(0, 6), Number(v.slice(6, 10))).verdict).toBe('anachronism')
          break
        case 'NAME_INVALID':
          expect(checkName(v).invalid).toBeDefined()
          break
        case 'NAME_FORMAT':
          expect(checkName(v).format).toBeDefined()
          break
        case 'PHONE_INVALID':
          expect(parsePhone(v).kind).toBe('invalid')
          break
        case 'DATE_AMBIGUOUS':
          expect(parseDate(v).kind).toBe('ambiguous')
          break
        case 'DATE_INVALID':
          expect(parseDate(v).kind).toBe('invalid')
          break
        case 'REGION_CODE_INVALID':
          expect(lookupRegion(v)).toBeUndefined()
          break
        case 'BIRTH_MISMATCH':
          expect(parseDate(v).kind).toBe('date')
          expect(v).not.toBe(f.expected)
          break
        default:
      }
    }
  })

  it('include a lunar birthday among the birth-date mismatches', () => {
    const lunar = sample.manifest.faults.filter((f) => f.code === 'BIRTH_MISMATCH' && /lunar/.test(f.description))
    expect(lunar).toHaveLength(1)
  })
})

describe('rows without declared validate faults', () => {
  it('are clean: valid IDs, names, dates, phones, code-list values, region codes and ages', async () => {
    const {roster, rows} = await sample.load(CA)
    const faulty = new Set(sample.manifest.faults.filter((f) => f.file === CA && f.kind === 'validate').map((f) => f.row))
    const forms = new Set((sample.manifest.careForms ?? []).map((f) => f.row))
    const v = (r: Parameters<typeof cellOf>[1], f: string): string => cellOf(roster, r, f)
    let clean = 0
    for (const [n, r] of rows) {
      if (faulty.has(n)) continue
      clean++
      const where = `${CA}:${n}`
      expect(r.cells, where).toHaveLength(CA_COLUMNS.length)
      const ids: Record<string, ReturnType<typeof analyzeId>> = {}
      for (const f of ['idNumber', 'guardianIdNumber', 'fatherIdNumber', 'motherIdNumber']) {
        const a = analyzeId(v(r, f))
        expect(a.problem, `${where} ${f}`).toBeUndefined()
        expect(a.fixes, `${where} ${f}`).toEqual([])
        expect(a.legacy15 || a.birthInvalid !== undefined, `${where} ${f}`).toBe(false)
        expect(checkIdRegion(a.canonical!.slice(0, 6), a.birth!.year).verdict, `${where} ${f}`).toBe('ok')
        ids[f] = a
      }
      const child = ids.idNumber!
      expect(v(r, 'birthDate'), where).toBe(child.birth!.iso)
      expect(v(r, 'gender'), where).toBe(child.sex)
      const age = ageAt(child.birth!.iso, AS_OF)
      expect(age, where).toBeLessThan(16)
      if (age >= 6) expect(['辍学', '未入学', '未在校', '未入园'], where).not.toContain(v(r, 'schoolStatus'))
      expect(ageAt(ids.guardianIdNumber!.birth!.iso, AS_OF), where).toBeGreaterThanOrEqual(18)
      for (const p of ['fatherIdNumber', 'motherIdNumber']) {
        const atBirth = ageAt(ids[p]!.birth!.iso, child.birth!.iso)
        expect(atBirth, `${where} ${p}`).toBeGreaterThanOrEqual(14)
        expect(atBirth, `${where} ${p}`).toBeLessThanOrEqual(60)
      }
      for (const f of ['name', 'guardianName', 'fatherName', 'motherName']) {
        const c = checkName(v(r, f))
        expect(c.invalid ?? c.format, `${where} ${f}`).toBeUndefined()
      }
      const phone = parsePhone(v(r, 'guardianPhone'))
      expect(phone.kind, where).toBe('mobile')
      const lists: [string, CodeListName][] = [
        ['gender', 'gender'], ['ethnicity', 'ethnicity'], ['schoolStatus', 'schoolStatus'], ['health', 'health'],
        ['guardianshipType', 'guardianshipType'], ['guardianRelation', 'relation'],
      ]
      // A parent's condition written as clerks write it (careForms) is no code-list value, and no fault.
      if (!forms.has(n)) lists.push(['fatherStatus', 'parentStatus'], ['motherStatus', 'parentStatus'])
      for (const [f, list] of lists) expect(lookupCode(list, v(r, f)), `${where} ${f}`).toBe(v(r, f))
      expect(lookupRegion(v(r, 'regionCode')), where).toBeDefined()
      expect(checkRegionNames(v(r, 'regionCode'), {town: v(r, 'town'), village: v(r, 'village')}), where).toEqual([])
      expect(parseDate(v(r, 'reportDate')).kind).toBe('date')
    }
    expect(clean).toBeGreaterThan(150)
  })

  it('tell left-behind children: both parents away, or one away and the other unable to care', async () => {
    const {roster, rows} = await sample.load(CA)
    const home = new Set(sample.manifest.faults.filter((f) => f.file === CA && f.code === 'NOT_LEFT_BEHIND').map((f) => f.row))
    expect(home.size).toBe(1)
    for (const [n, r] of rows) {
      const state = leftBehindState(readCare(rowReader(roster, r.cells, r.cells.length)))
      expect(state, `${CA}:${n}`).toBe(home.has(n) ? 'no' : 'yes')
    }
  })

  it('write the condition of a parent at home who cannot care in several ways, each read as the manifest says', async () => {
    const {roster, rows} = await sample.load(CA)
    const forms = sample.manifest.careForms ?? []
    expect(forms.length).toBeGreaterThanOrEqual(5)
    for (const form of forms) {
      const r = rows.get(form.row)!
      for (const c of form.cells) expect(cellOf(roster, r, c.field), `${CA}:${form.row} ${c.field}`).toBe(c.value)
      const care = readCare(rowReader(roster, r.cells, r.cells.length))
      expect(care[form.parent].state, `${CA}:${form.row}`).toBe(form.state)
    }
  })
})
