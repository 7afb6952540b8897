import {rmSync} from 'node:fs'
import {afterAll, describe, expect, it} from 'vitest'

import type {Report} from '../../../src/findings/model.js'
import {type ValidateOptions, validateFiles} from '../../../src/rules/validate.js'
import {tempDir, writeTemp} from '../../helpers/cli.js'
import {type Cells, HEADER, child, csv} from '../diff/fixtures.js'

// NOT_LEFT_BEHIND (validate --check-eligibility): a parent at home and able to care, read from
// every cell that may say so, the way risk and diff read it.

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, {recursive: true, force: true})
})

async function validate(rows: Cells[], header: readonly string[] = HEADER, options: Partial<ValidateOptions> = {}, dept?: string): Promise<Report> {
  const dir = tempDir('liushou-eligibility-')
  dirs.push(dir)
  const file = writeTemp(dir, 'roster.csv', csv(rows, header))
  const input = dept ? {file, dataset: dept, department: dept} : {file}
  return validateFiles([input], {asOf: '2026-09-01', lang: 'en', mask: 'none', includeInfo: false, failOn: 'error', ageLimit: 16, checkEligibility: true, ...options})
}

const eligibility = (r: Report) => r.findings.filter((f) => f.code === 'NOT_LEFT_BEHIND')
const WITH_REMARKS = [...HEADER, '备注']

describe('NOT_LEFT_BEHIND', () => {
  it('a parent at home and able: on the deciding field, its text as value, the cells named', async () => {
    const r = await validate([child(0), child(1, {母亲状况: '在家务农', 母亲务工地: ''})])
    expect(eligibility(r)).toEqual([
      expect.objectContaining({row: 3, severity: 'warning', field: 'motherStatus', column: '母亲状况', value: '在家务农'}),
    ])
    expect(eligibility(r)[0]!.message).toBe('母亲状况 show the mother at home and able to care: not a left-behind child by the 2016 definition')
  })

  it('names every cell that says so, the others in related', async () => {
    const r = await validate([child(0, {父亲状况: '', 父亲务工地: '', 备注: '父亲已返乡在家'})], WITH_REMARKS)
    const [f] = eligibility(r)
    expect(f).toMatchObject({field: 'remarks', value: '父亲已返乡在家'})
    const both = await validate([child(0, {父亲状况: '在家', 父亲务工地: '本地', 监护类型: '父母一方监护', 与儿童关系: '父亲'})])
    const [g] = eligibility(both)
    expect(g).toMatchObject({field: 'fatherStatus', value: '在家'})
    expect(g!.message).toContain('父亲状况, 父亲务工地, 与儿童关系, 监护类型')
    expect(g!.related?.map((x) => [x.field, x.value])).toEqual([
      ['fatherWorkplace', '本地'],
      ['guardianRelation', '父亲'],
      ['guardianshipType', '父母一方监护'],
    ])
  })

  it.each([
    [{母亲状况: '在家（残疾）', 母亲务工地: ''}],
    [{母亲状况: '', 母亲务工地: '重病在家'}],
    [{母亲状况: '', 母亲务工地: '本地（精神残疾）'}],
    [{母亲状况: '在家', 母亲务工地: '', 备注: '母亲精神残疾'}],
    [{母亲状况: '丧失劳动能力', 母亲务工地: ''}],
    [{母亲状况: '死亡', 母亲务工地: ''}],
    [{母亲状况: '', 母亲务工地: ''}],
  ])('%j: a parent who cannot care, or nothing said: still left behind, no finding', async (cells) => {
    expect(eligibility(await validate([child(0, cells)], WITH_REMARKS))).toEqual([])
  })

  it('a parent status that parent-state reads is never ENUM_UNKNOWN', async () => {
    const r = await validate([child(0, {母亲状况: '在家（残疾）'}), child(1, {父亲状况: '重病在家'}), child(2, {母亲状况: '本地（精神残疾）'})])
    expect(r.findings.filter((f) => f.code === 'ENUM_UNKNOWN')).toEqual([])
  })

  it('off by default; only on left-behind rosters (civil affairs, or no department given)', async () => {
    const rows = [child(0, {母亲状况: '在家', 母亲务工地: ''})]
    expect(eligibility(await validate(rows, HEADER, {checkEligibility: false}))).toEqual([])
    expect(eligibility(await validate(rows, HEADER, {}, 'civil-affairs'))).toHaveLength(1)
    expect(eligibility(await validate(rows, HEADER, {}, 'education'))).toEqual([])
    expect(eligibility(await validate(rows, HEADER, {}, 'public-security'))).toEqual([])
  })

  it('speaks Chinese with --lang zh', async () => {
    const r = await validate([child(0, {母亲状况: '在家', 母亲务工地: ''})], HEADER, {lang: 'zh'})
    expect(eligibility(r)[0]!.message).toBe('母亲状况显示母亲在家且能照料儿童：按国发〔2016〕13号不属于留守儿童')
  })
})
