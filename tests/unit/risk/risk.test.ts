import {describe, expect, it} from 'vitest'

import type {Report, Risk} from '../../../src/findings/model.js'
import {DEFAULT_RISK_CONFIG, type RiskConfig, resolveRiskConfig} from '../../../src/risk/config.js'
import {type RiskOptions, assessRisk, rate} from '../../../src/risk/risk.js'
import {BASE_OPTIONS, type Cells, HEADER, child, csv, files, makeId, village} from '../diff/fixtures.js'

const AS_OF = '2026-09-01'

async function risk(rows: Cells[], header: readonly string[] = HEADER, lists: Record<string, string> = {}, options: Partial<RiskOptions> = {}): Promise<Report> {
  const f = files({'roster.csv': csv(rows, header), ...lists})
  const listInputs = Object.keys(lists).map((name) => {
    const dept = name.replace(/\.[^.]+$/, '')
    return {file: f[name]!, dataset: dept, department: dept}
  })
  return assessRisk({file: f['roster.csv']!}, listInputs, {...BASE_OPTIONS, asOf: AS_OF, ...options})
}

/** The factors of the child on data row `k` (row k + 2). */
function factorsOf(report: Report, k: number): string[] | undefined {
  return report.risks?.find((r) => r.row === k + 2)?.factors
}

/** Rates one child (row 2) among a few plain ones, with the given cells, under a header. */
async function one(cells: Cells, header: readonly string[] = HEADER, lists: Record<string, string> = {}): Promise<string[]> {
  const r = await risk([child(0, cells), ...village(6).slice(1)], header, lists)
  return factorsOf(r, 0) ?? []
}

const without = (...drop: string[]) => HEADER.filter((h) => !drop.includes(h))

describe('risk factors, each read the ways real rosters write it', () => {
  it('a left-behind child with nothing else is low risk: being left-behind alone is not high-risk', async () => {
    const r = await risk(village(6))
    expect(r.risks).toHaveLength(6)
    for (const x of r.risks!) expect(x).toMatchObject({level: 'low', score: 1, factors: ['RISK_BOTH_PARENTS_AWAY']})
  })

  it('RISK_NO_GUARDIAN: 无人监护, its synonyms, or a guardian written as nobody', async () => {
    expect(await one({监护类型: '无人监护', 监护人姓名: '', 监护人身份证号: '', 与儿童关系: ''})).toContain('RISK_NO_GUARDIAN')
    expect(await one({监护类型: '独居', 监护人姓名: ''})).toContain('RISK_NO_GUARDIAN')
    expect(await one({监护类型: '', 监护人姓名: '无', 监护人身份证号: '', 与儿童关系: ''})).toContain('RISK_NO_GUARDIAN')
    expect(await one({监护类型: '其他', 与儿童关系: '本人', 监护人姓名: ''})).toContain('RISK_NO_GUARDIAN')
    const r = await risk([child(0, {监护类型: '无人监护', 监护人姓名: '', 监护人身份证号: '', 与儿童关系: '', 监护人联系电话: ''})])
    expect(r.risks![0]!.level).toBe('high')
  })

  it('RISK_GUARDIAN_ELDERLY (70+): from the guardian ID, a 监护人年龄 or a 监护人出生日期 column', async () => {
    expect(await one({监护人身份证号: makeId('19540301', '201')})).toContain('RISK_GUARDIAN_ELDERLY')
    expect(await one({监护人身份证号: makeId('19600301', '201')})).not.toContain('RISK_GUARDIAN_ELDERLY')
    expect(await one({监护人身份证号: '', 监护人年龄: '73岁'}, [...without('监护人身份证号'), '监护人年龄'])).toContain('RISK_GUARDIAN_ELDERLY')
    expect(await one({监护人出生日期: '1950年5月'}, [...without('监护人身份证号'), '监护人出生日期'])).toContain('RISK_GUARDIAN_ELDERLY')
    expect(await one({'奶奶年龄': '76'}, [...without('监护人身份证号'), '奶奶年龄'])).toContain('RISK_GUARDIAN_ELDERLY')
    // A mistyped check digit leaves the birth date readable.
    const id = makeId('19500301', '201')
    expect(await one({监护人身份证号: id.slice(0, 17) + (id.endsWith('0') ? '1' : '0')})).toContain('RISK_GUARDIAN_ELDERLY')
  })

  it('RISK_GUARDIAN_INCAPABLE: the guardian, or a parent at home, ill or disabled', async () => {
    expect(await one({监护人健康状况: '重病'}, [...HEADER, '监护人健康状况'])).toContain('RISK_GUARDIAN_INCAPABLE')
    expect(await one({监护人身体状况: '偏瘫卧床'}, [...HEADER, '监护人身体状况'])).toContain('RISK_GUARDIAN_INCAPABLE')
    expect(await one({监护人监护能力: '无'}, [...HEADER, '监护人监护能力'])).toContain('RISK_GUARDIAN_INCAPABLE')
    expect(await one({是否具备监护能力: '否'}, [...HEADER, '是否具备监护能力'])).toContain('RISK_GUARDIAN_INCAPABLE')
    expect(await one({母亲状况: '重病', 母亲务工地: ''})).toContain('RISK_GUARDIAN_INCAPABLE')
    expect(await one({父亲状况: '残疾', 父亲务工地: ''})).toContain('RISK_GUARDIAN_INCAPABLE')
    expect(await one({母亲状况: '在家', 母亲健康状况: '精神残疾'}, [...HEADER, '母亲健康状况'])).toContain('RISK_GUARDIAN_INCAPABLE')
    expect(await one({备注: '奶奶患癌症，行动不便'}, [...HEADER, '备注'])).toContain('RISK_GUARDIAN_INCAPABLE')
    expect(await one({监护人健康状况: '健康'}, [...HEADER, '监护人健康状况'])).not.toContain('RISK_GUARDIAN_INCAPABLE')
  })

  it('RISK_GUARDIAN_MINOR: a guardian under 18 (not the child’s own ID entered by mistake)', async () => {
    expect(await one({监护人身份证号: makeId('20090511', '202'), 与儿童关系: '兄姐'})).toContain('RISK_GUARDIAN_MINOR')
    expect(await one({监护人身份证号: child(0).身份证号})).not.toContain('RISK_GUARDIAN_MINOR')
  })

  it('RISK_YOUNG_CHILD_ELDERLY_GUARDIAN: a child under 3 with a guardian 65 or older', async () => {
    const baby = {身份证号: makeId('20250101', '101'), 出生日期: '2025-01-01', 就学状况: '未入园', 学校名称: ''}
    expect(await one({...baby, 监护人身份证号: makeId('19580301', '201')})).toEqual(['RISK_YOUNG_CHILD_ELDERLY_GUARDIAN', 'RISK_BOTH_PARENTS_AWAY'])
    expect(await one({...baby, 监护人身份证号: makeId('19700301', '201')})).not.toContain('RISK_YOUNG_CHILD_ELDERLY_GUARDIAN')
  })

  it('RISK_CHILD_DISABLED and RISK_CHILD_ILL: health codes, synonyms, free text, a disability column, a flag', async () => {
    expect(await one({健康状况: '残疾'})).toContain('RISK_CHILD_DISABLED')
    expect(await one({健康状况: '智力残疾'})).toContain('RISK_CHILD_DISABLED')
    expect(await one({健康状况: '脑瘫'})).toContain('RISK_CHILD_DISABLED')
    expect(await one({残疾类别: '肢体二级'}, [...HEADER, '残疾类别'])).toContain('RISK_CHILD_DISABLED')
    expect(await one({是否残疾: '是'}, [...HEADER, '是否残疾'])).toContain('RISK_CHILD_DISABLED')
    expect(await one({儿童类别: '残疾儿童'}, [...HEADER, '儿童类别'])).toContain('RISK_CHILD_DISABLED')
    expect(await one({健康状况: '患病'})).toContain('RISK_CHILD_ILL')
    expect(await one({健康状况: '重病'})).toContain('RISK_CHILD_ILL')
    expect(await one({健康状况: '先天性心脏病'})).toContain('RISK_CHILD_ILL')
    expect(await one({身体状况: '白血病'}, [...without('健康状况'), '身体状况'])).toContain('RISK_CHILD_ILL')
    expect(await one({是否患重大疾病: '是'}, [...HEADER, '是否患重大疾病'])).toContain('RISK_CHILD_ILL')
    expect(await one({备注: '患先天性心脏病'}, [...HEADER, '备注'])).toContain('RISK_CHILD_ILL')
    expect(await one({健康状况: '残疾、患病'})).toEqual(expect.arrayContaining(['RISK_CHILD_DISABLED', 'RISK_CHILD_ILL']))
    expect(await one({健康状况: '良好'})).toEqual(['RISK_BOTH_PARENTS_AWAY'])
  })

  it('RISK_CHILD_DISABLED from the disabled persons’ federation list', async () => {
    const c = child(0)
    const dpf = csv([{姓名: c.姓名, 身份证号: c.身份证号, 残疾类别: '视力'}], ['姓名', '身份证号', '残疾类别'])
    expect(await one({}, HEADER, {'disabled-persons-federation.csv': dpf})).toContain('RISK_CHILD_DISABLED')
  })

  it('RISK_NOT_ENROLLED: 6–15 and on no education list given (linked, not by row)', async () => {
    const kids = village(6)
    kids[5] = child(5, {身份证号: makeId('20220601', '101'), 出生日期: '2022-06-01', 就学状况: '幼儿园'})
    const edu = csv(
      [kids[3]!, kids[1]!].map((c) => ({学生姓名: c.姓名, 性别: c.性别, 全国学籍号: `G${c.身份证号}`, 学校名称: c.学校名称, 年级: '三年级'})),
      ['学生姓名', '性别', '全国学籍号', '学校名称', '年级'],
    )
    const r = await risk(kids, HEADER, {'education.csv': edu})
    expect([0, 1, 2, 3, 4, 5].map((k) => factorsOf(r, k)!.includes('RISK_NOT_ENROLLED'))).toEqual([true, false, true, false, true, false])
    const none = await risk(kids)
    expect(none.risks!.some((x) => x.factors.includes('RISK_NOT_ENROLLED'))).toBe(false)
  })

  it('RISK_NOT_ENROLLED: not for a child the student roster names under another ID number (same name, birth date and household)', async () => {
    const kids = village(4)
    const header = ['学生姓名', '性别', '出生日期', '身份证件号', '学校名称', '监护人联系电话']
    const row = (c: Cells, id: string) => ({学生姓名: c.姓名, 性别: c.性别, 出生日期: c.出生日期, 身份证件号: id, 学校名称: c.学校名称, 监护人联系电话: c.监护人联系电话})
    // Child 0: the school has the number before it was re-issued; child 1 is not on the list, an older sibling of the same household is.
    const reissued = (c: Cells) => makeId(c.身份证号!.slice(6, 14), '771')
    const sibling = {...row(kids[1]!, makeId('20100101', '772')), 学生姓名: `${kids[1]!.姓名!.slice(0, 1)}大山`, 出生日期: '2010-01-01'}
    const edu = csv([row(kids[0]!, reissued(kids[0]!)), sibling, row(kids[2]!, kids[2]!.身份证号!), row(kids[3]!, kids[3]!.身份证号!)], header)
    const r = await risk(kids, HEADER, {'education.csv': edu})
    expect([0, 1, 2, 3].map((k) => factorsOf(r, k)!.includes('RISK_NOT_ENROLLED'))).toEqual([false, true, false, false])
  })

  it('RISK_UNREACHABLE: the guardian’s phone missing or invalid; not judged without a phone column', async () => {
    expect(await one({监护人联系电话: ''})).toContain('RISK_UNREACHABLE')
    expect(await one({监护人联系电话: '4221234'})).toContain('RISK_UNREACHABLE')
    expect(await one({监护人联系电话: '无'})).toContain('RISK_UNREACHABLE')
    expect(await one({监护人联系电话: '1380000100'})).toContain('RISK_UNREACHABLE')
    expect(await one({监护人联系电话: '0743-4221234'})).not.toContain('RISK_UNREACHABLE')
    expect(await one({}, without('监护人联系电话'))).not.toContain('RISK_UNREACHABLE')
    expect(await one({联系电话: '13812345678', 监护人联系电话: ''}, [...HEADER, '联系电话'])).not.toContain('RISK_UNREACHABLE')
  })

  it('RISK_BOTH_PARENTS_AWAY: statuses, workplaces, one cell for both, or the guardianship type', async () => {
    expect(await one({})).toContain('RISK_BOTH_PARENTS_AWAY')
    expect(await one({父亲状况: '', 母亲状况: ''})).toContain('RISK_BOTH_PARENTS_AWAY')
    expect(await one({父母情况: '父母均外出务工'}, [...without('父亲状况', '母亲状况', '父亲务工地', '母亲务工地'), '父母情况'])).toContain('RISK_BOTH_PARENTS_AWAY')
    expect(await one({}, without('父亲状况', '母亲状况', '父亲务工地', '母亲务工地'))).toContain('RISK_BOTH_PARENTS_AWAY')
    expect(await one({留守类型: '父母双方外出'}, [...without('父亲状况', '母亲状况', '父亲务工地', '母亲务工地', '监护类型'), '留守类型'])).toContain('RISK_BOTH_PARENTS_AWAY')
    expect(await one({留守情况: '父亲外出、母亲重病'}, [...without('父亲状况', '母亲状况', '父亲务工地', '母亲务工地'), '留守情况'])).toEqual(expect.arrayContaining(['RISK_GUARDIAN_INCAPABLE']))
    expect(await one({母亲状况: '死亡', 母亲务工地: ''})).not.toContain('RISK_BOTH_PARENTS_AWAY')
    expect(await one({母亲状况: '在家', 母亲务工地: '', 监护类型: '父母一方监护'})).not.toContain('RISK_BOTH_PARENTS_AWAY')
  })

  it('parents dead, in prison or missing; both dead is an orphan', async () => {
    expect(await one({母亲状况: '已故', 母亲务工地: ''})).toContain('RISK_PARENT_DECEASED')
    expect(await one({父亲状况: '服刑', 父亲务工地: ''})).toContain('RISK_PARENT_IMPRISONED')
    expect(await one({父亲状况: '下落不明', 父亲务工地: ''})).toContain('RISK_PARENT_MISSING')
    const orphan = await one({父亲状况: '死亡', 母亲状况: '死亡', 父亲务工地: '', 母亲务工地: ''})
    expect(orphan).toEqual(expect.arrayContaining(['RISK_ORPHAN', 'RISK_PARENT_DECEASED']))
    expect(await one({父母情况: '父亲服刑、母亲外出务工'}, [...without('父亲状况', '母亲状况'), '父母情况'])).toContain('RISK_PARENT_IMPRISONED')
  })

  it('a roster with a child age column and no birth date still rates by age', async () => {
    const header = [...without('身份证号', '出生日期'), '年龄']
    expect(await one({就学状况: '未入学', 学校名称: '', 年龄: '9'}, header)).toContain('RISK_DROPOUT')
    const r = await risk([child(0, {年龄: '16'}), child(1, {年龄: '8'})], header)
    expect(r.risks!.map((x) => x.row)).toEqual([3])
  })

  it('RISK_DROPOUT: 辍学, or out of school, at compulsory-school age', async () => {
    expect(await one({就学状况: '辍学', 学校名称: ''})).toContain('RISK_DROPOUT')
    expect(await one({就学状况: '辍学在家', 学校名称: ''})).toContain('RISK_DROPOUT')
    expect(await one({就学状况: '未入学', 学校名称: ''})).toContain('RISK_DROPOUT')
    expect(await one({就学状况: '未入学', 学校名称: '', 身份证号: makeId('20220601', '101'), 出生日期: '2022-06-01'})).not.toContain('RISK_DROPOUT')
    expect(await one({是否辍学: '是'}, [...HEADER, '是否辍学'])).toContain('RISK_DROPOUT')
  })
})

describe('a parent at home who cannot care, wherever the roster writes it', () => {
  /** The risk of row 2 among plain children, with its cells. */
  async function rated(cells: Cells, header: readonly string[] = HEADER): Promise<Risk> {
    const r = await risk([child(0, cells), ...village(4).slice(1)], header)
    return r.risks!.find((x) => x.row === 2)!
  }

  it.each([
    [{母亲状况: '在家（残疾）', 母亲务工地: ''}],
    [{母亲状况: '在家(重病)', 母亲务工地: ''}],
    [{母亲状况: '', 母亲务工地: '在家-残疾'}],
    [{母亲状况: '残疾在家', 母亲务工地: ''}],
    [{母亲状况: '在家务农（患病）', 母亲务工地: ''}],
    [{母亲状况: '', 母亲务工地: '重病在家'}],
    [{母亲状况: '在家，肢体二级', 母亲务工地: ''}],
    [{母亲状况: '', 母亲务工地: '本地（精神残疾）'}],
    [{母亲状况: '丧失劳动能力', 母亲务工地: ''}],
    [{母亲状况: '在家', 母亲务工地: '', 备注: '母亲重病在家'}],
    [{母亲状况: '', 母亲务工地: '', 监护类型: '父亲外出，母亲在家（残疾）'}],
  ])('%j: RISK_GUARDIAN_INCAPABLE, medium or high, one away and the other incapable', async (cells) => {
    const header = '备注' in cells ? [...HEADER, '备注'] : HEADER
    const r = await rated(cells, header)
    expect(r.factors).toContain('RISK_GUARDIAN_INCAPABLE')
    expect(r.factors).not.toContain('RISK_BOTH_PARENTS_AWAY')
    expect(['medium', 'high']).toContain(r.level)
    expect(r.basis).toBe('one-away-other-incapable')
  })

  it('a parent at home and able: no incapacity, and the child is not left behind on the data', async () => {
    const r = await rated({母亲状况: '在家务农', 母亲务工地: ''})
    expect(r.factors).toEqual([])
    expect(r.basis).toBe('other')
  })

  it('a parent who works away is away whatever the health column says', async () => {
    const r = await rated({母亲健康状况: '残疾'}, [...HEADER, '母亲健康状况'])
    expect(r.factors).toEqual(['RISK_BOTH_PARENTS_AWAY'])
    expect(r.basis).toBe('both-away')
  })

  it('every risk carries its basis; any factor beyond both parents away is at least medium', async () => {
    const r = await risk([child(0), child(1, {监护人联系电话: ''}), child(2, {母亲状况: '死亡', 母亲务工地: ''}), child(3, {父亲状况: '离异', 父亲务工地: ''})])
    expect(Object.fromEntries(r.risks!.map((x) => [x.row, [x.basis, x.level]]))).toEqual({
      2: ['both-away', 'low'],
      3: ['both-away', 'medium'],
      4: ['one-away-other-incapable', 'medium'],
      5: ['other', 'low'],
    })
    expect(r.findings.find((f) => f.row === 4)!.message).toBe('Medium risk (score 3): a parent deceased; left behind: one parent away, the other unable to care')
  })
})

describe('risk: who is rated, in which order', () => {
  const PS_HEADER = ['姓名', '公民身份号码', '人员状态', '注销原因']

  it('children the lists show dead or moved out, or 16 and over, are not rated; every row is accounted for', async () => {
    const kids = [...village(6), child(7, {身份证号: makeId('20090101', '301'), 出生日期: '2009-01-01'})]
    const ps = csv(
      [
        {姓名: kids[1]!.姓名, 公民身份号码: kids[1]!.身份证号, 人员状态: '死亡', 注销原因: '死亡'},
        {姓名: kids[2]!.姓名, 公民身份号码: kids[2]!.身份证号, 人员状态: '迁出', 注销原因: '迁往长沙市'},
        {姓名: kids[3]!.姓名, 公民身份号码: kids[3]!.身份证号, 人员状态: '正常'},
      ],
      PS_HEADER,
    )
    const r = await risk(kids, HEADER, {'public-security.csv': ps})
    expect(r.risks!.map((x) => x.row).sort()).toEqual([2, 5, 6, 7])
    const notRated = r.findings.filter((f) => f.code === 'RISK_NOT_RATED')
    expect(notRated.map((f) => [f.row, f.message])).toEqual([
      [3, 'Not rated: public security records the child as deceased'],
      [4, 'Not rated: the registration is moved out or cancelled'],
      [8, 'Not rated: 17 years old'],
    ])
    expect(r.findings).toHaveLength(7)
    expect(r.summary).toMatchObject({rows: 10, errors: 0, warnings: 0, infos: 7})
  })

  it('a child listed twice is rated once, with the factors of both rows; the other row says where', async () => {
    const kids = [...village(5), child(2, {健康状况: '患病'})]
    const r = await risk(kids)
    expect(r.risks).toHaveLength(5)
    expect(factorsOf(r, 2)).toContain('RISK_CHILD_ILL')
    const dup = r.findings.find((f) => f.code === 'RISK_NOT_RATED')!
    expect(dup).toMatchObject({row: 7, related: [expect.objectContaining({row: 4})]})
  })

  it('risks come village by village (county, town, village), the highest score first; findings in the same order', async () => {
    const kids = [
      child(0, {行政区划代码: '433122108213', '村（居）': '中塘村'}),
      child(1, {健康状况: '重病'}),
      child(2, {行政区划代码: '433122203201', 乡镇: '石榴坪乡', '村（居）': '碧溪村', 监护类型: '无人监护', 监护人姓名: ''}),
      child(3),
      child(4, {行政区划代码: '433122108213', '村（居）': '中塘村', 监护人联系电话: ''}),
    ]
    const r = await risk(kids)
    const order = r.risks!.map((x: Risk) => x.row)
    // 浦市镇 (pu) before 石榴坪乡 (shi); in 浦市镇, 鱼坪村 (yu) after 中塘村 (zhong)? localeCompare('zh') orders by pinyin.
    const villages = ['浦市镇 / 鱼坪村', '浦市镇 / 中塘村', '石榴坪乡 / 碧溪村'].sort((a, b) => a.localeCompare(b, 'zh'))
    const villageOf: Record<number, string> = {2: '浦市镇 / 中塘村', 3: '浦市镇 / 鱼坪村', 4: '石榴坪乡 / 碧溪村', 5: '浦市镇 / 鱼坪村', 6: '浦市镇 / 中塘村'}
    expect(order.map((row) => villages.indexOf(villageOf[row]!))).toEqual([...order.map((row) => villages.indexOf(villageOf[row]!))].sort((a, b) => a - b))
    expect(order.indexOf(3)).toBeLessThan(order.indexOf(5))
    expect(order.indexOf(6)).toBeLessThan(order.indexOf(2))
    expect(r.findings.map((f) => f.row)).toEqual(order)
    expect(r.findings.find((f) => f.row === 4)).toMatchObject({code: 'RISK_HIGH', severity: 'info', value: 'RISK_NO_GUARDIAN RISK_BOTH_PARENTS_AWAY'})
    expect(r.findings.find((f) => f.row === 3)!.message).toBe('Medium risk (score 4): child ill; both parents away for work; left behind: both parents away')
  })

  it('counts per county, town and village in the breakdown', async () => {
    const r = await risk([child(0, {健康状况: '重病'}), child(1), child(2, {行政区划代码: '433122108213', '村（居）': '中塘村'})])
    const town = r.breakdown!.find((b) => b.level === 'town')!
    expect(town).toMatchObject({unit: '泸溪县 / 浦市镇', rows: 3, byCode: {RISK_MEDIUM: 1, RISK_LOW: 2}})
    expect(r.breakdown!.filter((b) => b.level === 'village').map((b) => b.unit).sort()).toEqual(['泸溪县 / 浦市镇 / 中塘村', '泸溪县 / 浦市镇 / 鱼坪村'])
    expect(r.breakdown!.find((b) => b.level === 'county')).toMatchObject({unit: '泸溪县', rows: 3})
  })

  it('a configuration changes weights, thresholds and ages', async () => {
    const config: RiskConfig = resolveRiskConfig({factors: {RISK_BOTH_PARENTS_AWAY: false, RISK_CHILD_ILL: 7}, levels: {medium: 3}, ages: {elderlyGuardian: 60}})
    const r = await risk([child(0, {健康状况: '重病', 监护人身份证号: makeId('19700301', '201')}), child(1, {监护人身份证号: makeId('19640301', '201')})], HEADER, {}, {config})
    expect(r.risks![0]).toMatchObject({level: 'high', score: 7, factors: ['RISK_CHILD_ILL']})
    expect(r.risks![1]).toMatchObject({level: 'low', score: 2, factors: ['RISK_GUARDIAN_ELDERLY']})
  })
})

describe('rate', () => {
  it('sums the weights and applies the thresholds (high 6, medium 2 by default)', () => {
    expect(rate(['RISK_BOTH_PARENTS_AWAY'], DEFAULT_RISK_CONFIG)).toEqual({score: 1, level: 'low', factors: ['RISK_BOTH_PARENTS_AWAY']})
    expect(rate(['RISK_UNREACHABLE'], DEFAULT_RISK_CONFIG)).toMatchObject({score: 2, level: 'medium'})
    expect(rate(['RISK_BOTH_PARENTS_AWAY', 'RISK_GUARDIAN_ELDERLY'], DEFAULT_RISK_CONFIG)).toMatchObject({score: 3, level: 'medium'})
    expect(rate(['RISK_CHILD_ILL', 'RISK_UNREACHABLE', 'RISK_BOTH_PARENTS_AWAY'], DEFAULT_RISK_CONFIG)).toMatchObject({score: 6, level: 'high'})
    expect(rate(['RISK_NO_GUARDIAN'], DEFAULT_RISK_CONFIG)).toMatchObject({score: 6, level: 'high'})
    expect(rate([], DEFAULT_RISK_CONFIG)).toEqual({score: 0, level: 'low', factors: []})
  })
})
