import {describe, expect, it} from 'vitest'

import {type DiffOptions, diffSnapshots} from '../../../src/diff/diff.js'
import type {Finding, Report} from '../../../src/findings/model.js'
import {BASE_OPTIONS, type Cells, HEADER, child, csv, files, makeId, village} from './fixtures.js'

const AS_OF = '2026-12-01'

async function diff(old: Cells[], next: Cells[], lists: Record<string, string> = {}, options: Partial<DiffOptions> = {}, header: readonly string[] = HEADER): Promise<Report> {
  const f = files({'old.csv': csv(old), 'new.csv': csv(next, header), ...lists})
  const listInputs = Object.keys(lists).map((name) => {
    const dept = name.replace(/\.[^.]+$/, '')
    return {file: f[name]!, dataset: dept, department: dept}
  })
  return diffSnapshots({file: f['old.csv']!}, {file: f['new.csv']!}, listInputs, {...BASE_OPTIONS, asOf: AS_OF, ...options})
}

const brief = (r: Report) => r.findings.map((f) => `${f.dataset}:${f.row} ${f.code}${f.field && f.code === 'DIFF_CHANGED' ? ` ${f.field}` : ''}`)
const only = (r: Report, code: string): Finding[] => r.findings.filter((f) => f.code === code)

const PS_HEADER = ['姓名', '性别', '出生日期', '公民身份号码', '户籍地址', '人员状态', '注销原因', '注销日期']
function psList(rows: {c: Cells; status: string; reason?: string}[]): string {
  return csv(
    rows.map(({c, status, reason}) => ({姓名: c.姓名, 性别: c.性别, 出生日期: (c.出生日期 ?? '').replace(/-/g, ''), 公民身份号码: c.身份证号, 户籍地址: '泸溪县浦市镇鱼坪村', 人员状态: status, 注销原因: reason ?? '', 注销日期: reason ? '20261020' : ''})),
    PS_HEADER,
  )
}

describe('diff: nothing changed', () => {
  it('the same children in another order and in other formats are no change at all', async () => {
    const old = village(10)
    const next = village(10).map((c, k) =>
      k === 1
        ? {...c, 出生日期: `${Number(c.出生日期!.slice(0, 4))}年${Number(c.出生日期!.slice(5, 7))}月${Number(c.出生日期!.slice(8))}日`, 性别: c.性别 === '男' ? '1' : '2'}
        : k === 2
          ? {...c, 身份证号: `'${c.身份证号!.toLowerCase()}`, 监护人联系电话: `${c.监护人联系电话!.slice(0, 3)} ${c.监护人联系电话!.slice(3, 7)} ${c.监护人联系电话!.slice(7)}`}
          : k === 3
            ? {...c, 姓名: `${c.姓名!.slice(0, 1)} ${c.姓名!.slice(1)}`, 监护类型: '隔代监护', '村（居）': '鱼坪村村民委员会', 填报日期: '2026-11-20', 序号: '99'}
            : c,
    )
    const r = await diff(old, next.reverse())
    expect(r.findings).toEqual([])
    expect(r.summary).toMatchObject({errors: 0, warnings: 0, infos: 0})
    expect(r.command).toBe('diff')
  })

  it('counts the rows of every input in the summary', async () => {
    const r = await diff(village(6), village(6))
    expect(r.inputs.map((i) => [i.dataset, i.rows])).toEqual([
      ['old', 6],
      ['new', 6],
    ])
    expect(r.summary.rows).toBe(12)
  })
})

describe('diff: entries', () => {
  it('a child on the new snapshot only is DIFF_ENTERED on its new row, listed without --include-info', async () => {
    const old = village(8)
    const next = [...village(8).slice(0, 4), child(9), ...village(8).slice(4)]
    const r = await diff(old, next)
    expect(brief(r)).toEqual(['new:6 DIFF_ENTERED'])
    expect(r.findings[0]).toMatchObject({severity: 'info', file: expect.stringContaining('new.csv')})
  })

  it('a child entered twice on the new snapshot is one entry', async () => {
    const r = await diff(village(6), [...village(6), child(8), child(8, {姓名: child(8).姓名!.replace('远', '源')})])
    expect(only(r, 'DIFF_ENTERED')).toHaveLength(1)
    expect(only(r, 'DIFF_ENTERED')[0]!.row).toBe(8)
  })
})

describe('diff: changes', () => {
  it('one DIFF_CHANGED per really changed field, value new and expected old, related the old row', async () => {
    const old = village(8)
    const next = village(8)
    next[2] = {...next[2], 监护人联系电话: '13999999999', 学校名称: '泸溪县浦市镇中学', 就学状况: '初中', 出生日期: next[2]!.出生日期!.replace(/-/g, '/')}
    const r = await diff(old, next.reverse())
    const changed = only(r, 'DIFF_CHANGED')
    expect(changed.map((f) => f.field).sort()).toEqual(['guardianPhone', 'school', 'schoolStatus'])
    const phone = changed.find((f) => f.field === 'guardianPhone')!
    expect(phone).toMatchObject({dataset: 'new', row: 7, value: '13999999999', expected: old[2]!.监护人联系电话, column: '监护人联系电话'})
    expect(phone.related).toEqual([expect.objectContaining({dataset: 'old', row: 4, field: 'guardianPhone', value: old[2]!.监护人联系电话})])
  })

  it('a corrected name is a change of the same child, not an exit and an entry', async () => {
    const old = village(8)
    const next = village(8)
    next[5] = {...next[5], 姓名: `${next[5]!.姓名!.slice(0, 2)}洁`}
    const r = await diff(old, next)
    expect(brief(r)).toEqual(['new:7 DIFF_CHANGED name'])
  })

  it('a corrected ID number (both valid) is a change when name, birth date, guardian and parents are the same', async () => {
    const old = village(8)
    const next = village(8)
    const fixed = makeId(old[4]!.身份证号!.slice(6, 14), '771')
    next[4] = {...next[4], 身份证号: fixed}
    const r = await diff(old, next)
    expect(brief(r)).toEqual(['new:6 DIFF_CHANGED idNumber'])
    expect(r.findings[0]).toMatchObject({value: fixed, expected: old[4]!.身份证号})
  })

  it('an ID damaged by Excel and fixed, with a homophone corrected, is still the same child', async () => {
    const old = village(8)
    old[3] = {...old[3], 身份证号: `${old[3]!.身份证号!.slice(0, 15)}000`, 姓名: old[3]!.姓名!.replace('轩', '萱')}
    const r = await diff(old, village(8))
    expect(brief(r).sort()).toEqual(['new:5 DIFF_CHANGED idNumber', 'new:5 DIFF_CHANGED name'])
  })

  it('a cleared cell is a change without a value; a column only one snapshot has is not compared', async () => {
    const old = village(6)
    const next = village(6)
    next[0] = {...next[0], 父亲务工地: ''}
    const r = await diff(old, next, {}, {}, HEADER.filter((h) => h !== '现住址'))
    expect(only(r, 'DIFF_CHANGED')).toHaveLength(1)
    const f = only(r, 'DIFF_CHANGED')[0]!
    expect(f.field).toBe('fatherWorkplace')
    expect(f.value).toBeUndefined()
    expect(f.expected).toBe('广东省深圳市')
  })

  it('duplicate rows of one child give one set of changes', async () => {
    const old = [...village(6), child(2)]
    const next = [...village(6), child(2)]
    next[2] = {...next[2], 健康状况: '患病'}
    next[6] = {...next[6], 健康状况: '患病'}
    const r = await diff(old, next)
    expect(brief(r)).toEqual(['new:4 DIFF_CHANGED health'])
  })
})

describe('diff: exits', () => {
  it('DIFF_EXIT_AGED_OUT: 16 at the new as-of date, on the old row', async () => {
    const old = [...village(6), child(7, {身份证号: makeId('20101115', '301'), 出生日期: '2010-11-15'})]
    const r = await diff(old, village(6))
    expect(brief(r)).toEqual(['old:8 DIFF_EXIT_AGED_OUT'])
    expect(r.findings[0]).toMatchObject({severity: 'info', field: 'birthDate', value: '2010-11-15'})
    expect(r.findings[0]!.message).toContain('16')
  })

  it('a child 15 at the new as-of date who is gone is not aged out', async () => {
    const old = [...village(6), child(7, {身份证号: makeId('20101215', '301'), 出生日期: '2010-12-15'})]
    const r = await diff(old, village(6))
    expect(brief(r)).toEqual(['old:8 DIFF_EXIT_UNEXPLAINED'])
  })

  it('DIFF_EXIT_DECEASED (warning) and DIFF_EXIT_MOVED_OUT (info) from the public-security list, related its row', async () => {
    const old = village(8)
    const ps = psList([
      {c: old[0]!, status: '正常'},
      {c: old[3]!, status: '死亡', reason: '死亡'},
      {c: old[5]!, status: '迁出', reason: '迁往湖南省长沙市'},
      {c: old[6]!, status: '注销', reason: '出国（境）定居'},
    ])
    const next = village(8).filter((_, k) => ![3, 5, 6].includes(k))
    const r = await diff(old, next, {'public-security.csv': ps})
    expect(brief(r)).toEqual(['old:5 DIFF_EXIT_DECEASED', 'old:7 DIFF_EXIT_MOVED_OUT', 'old:8 DIFF_EXIT_MOVED_OUT'])
    expect(r.findings[0]).toMatchObject({severity: 'warning', field: 'status', value: '死亡 死亡'})
    expect(r.findings[0]!.related).toEqual([expect.objectContaining({dataset: 'public-security', row: 3})])
    expect(r.findings[1]).toMatchObject({severity: 'info', value: '迁出 迁往湖南省长沙市'})
  })

  it('without a public-security list a death cannot be known: the exit is unexplained', async () => {
    const r = await diff(village(5), village(5).slice(1))
    expect(brief(r)).toEqual(['old:2 DIFF_EXIT_UNEXPLAINED'])
    expect(r.findings[0]).toMatchObject({severity: 'error'})
    expect(r.findings[0]!.message).toContain('no public-security list')
    expect(r.summary.errors).toBe(1)
  })

  it('an unexplained exit says whether public security knows the child', async () => {
    const old = village(6)
    const ps = psList([{c: old[1]!, status: '正常'}])
    const r = await diff(old, village(6).filter((_, k) => k !== 1 && k !== 2), {'public-security.csv': ps})
    expect(brief(r)).toEqual(['old:3 DIFF_EXIT_UNEXPLAINED', 'old:4 DIFF_EXIT_UNEXPLAINED'])
    expect(r.findings[0]!.message).toContain('normal registration')
    expect(r.findings[0]!.related).toEqual([expect.objectContaining({dataset: 'public-security', row: 2})])
    expect(r.findings[1]!.message).toContain('not found on the public-security list')
  })

  it('DIFF_EXIT_PARENTS_RETURNED: still listed with a parent marked 在家, on the old row, related the new one', async () => {
    const old = village(6)
    const next = village(6)
    next[4] = {...next[4], 母亲状况: '在家', 母亲务工地: ''}
    const r = await diff(old, next)
    expect(brief(r)).toEqual(['old:6 DIFF_EXIT_PARENTS_RETURNED', 'new:6 DIFF_CHANGED motherStatus', 'new:6 DIFF_CHANGED motherWorkplace'])
    expect(r.findings[0]).toMatchObject({severity: 'info', field: 'motherStatus', value: '在家'})
    expect(r.findings[0]!.related).toEqual([expect.objectContaining({dataset: 'new', row: 6})])
  })

  it('DIFF_EXIT_PARENTS_RETURNED: the guardianship type 父母一方监护 with the returning parent as guardian', async () => {
    const old = village(6)
    const next = village(6)
    next[1] = {...next[1], 监护类型: '单亲监护', 监护人姓名: next[1]!.父亲姓名, 与儿童关系: '父亲'}
    const r = await diff(old, next)
    expect(only(r, 'DIFF_EXIT_PARENTS_RETURNED')).toEqual([expect.objectContaining({row: 3, field: 'guardianshipType'})])
  })

  it('DIFF_EXIT_PARENTS_RETURNED: gone from the roster while another list shows a parent at home or flags 否', async () => {
    const old = village(6)
    const eduHeader = ['姓名', '性别', '身份证号', '学校名称', '是否留守儿童', '父亲状况', '母亲状况']
    const edu = csv(
      [
        {姓名: old[2]!.姓名, 性别: old[2]!.性别, 身份证号: old[2]!.身份证号, 学校名称: 'x', 是否留守儿童: '否'},
        {姓名: old[3]!.姓名, 性别: old[3]!.性别, 身份证号: old[3]!.身份证号, 学校名称: 'x', 是否留守儿童: '是', 父亲状况: '返乡', 母亲状况: '外出务工'},
        {姓名: old[4]!.姓名, 性别: old[4]!.性别, 身份证号: old[4]!.身份证号, 学校名称: 'x', 是否留守儿童: '是'},
      ],
      eduHeader,
    )
    const r = await diff(old, village(6).filter((_, k) => k < 2 || k > 4), {'education.csv': edu})
    expect(brief(r)).toEqual(['old:4 DIFF_EXIT_PARENTS_RETURNED', 'old:5 DIFF_EXIT_PARENTS_RETURNED', 'old:6 DIFF_EXIT_UNEXPLAINED'])
    expect(r.findings[0]).toMatchObject({field: 'leftBehind', value: '否'})
    expect(r.findings[1]).toMatchObject({field: 'fatherStatus', value: '返乡'})
    expect(r.findings[0]!.related).toEqual([expect.objectContaining({dataset: 'education', row: 2})])
  })

  it('a child who was never left-behind on the old snapshot and is gone is explained', async () => {
    const old = village(5)
    old[2] = {...old[2], 父亲状况: '在家'}
    const r = await diff(old, village(5).filter((_, k) => k !== 2))
    expect(brief(r)).toEqual(['old:4 DIFF_EXIT_PARENTS_RETURNED'])
  })

  it('a child still listed who turned 16 during the period is an aged-out exit, related the new row', async () => {
    const teen = child(7, {身份证号: makeId('20101015', '301'), 出生日期: '2010-10-15'})
    const r = await diff([...village(5), teen], [...village(5), teen], {}, {oldAsOf: '2026-09-01'})
    expect(brief(r)).toEqual(['old:7 DIFF_EXIT_AGED_OUT'])
    expect(r.findings[0]!.related).toEqual([expect.objectContaining({dataset: 'new', row: 7})])
    // Already 16 on the old date: nothing new happened.
    const again = await diff([...village(5), teen], [...village(5), teen], {}, {oldAsOf: '2026-11-01'})
    expect(again.findings).toEqual([])
  })

  it('one exit per child, on its first old row, however many rows the child had', async () => {
    const old = [...village(6), child(3), child(3, {姓名: child(3).姓名!.replace('轩', '萱')})]
    const r = await diff(old, village(6).filter((_, k) => k !== 3))
    expect(brief(r)).toEqual(['old:5 DIFF_EXIT_UNEXPLAINED'])
  })

  it('a parent away again makes a still-listed child enter again', async () => {
    const old = village(5)
    old[1] = {...old[1], 父亲状况: '在家', 父亲务工地: ''}
    const r = await diff(old, village(5))
    expect(only(r, 'DIFF_ENTERED')).toEqual([expect.objectContaining({dataset: 'new', row: 3, related: [expect.objectContaining({dataset: 'old', row: 3})]})])
  })
})

describe('diff: dates and rows that cannot be read', () => {
  it('takes the new as-of date from the new snapshot title when asked to infer it', async () => {
    const teen = child(7, {身份证号: makeId('20101115', '301'), 出生日期: '2010-11-15'})
    const f = files({'old.csv': csv([...village(4), teen], HEADER, '某镇留守儿童花名册（截至2026年9月1日）'), 'new.csv': csv(village(4), HEADER, '某镇留守儿童花名册（截至2026年12月1日）')})
    const r = await diffSnapshots({file: f['old.csv']!}, {file: f['new.csv']!}, [], {...BASE_OPTIONS, asOf: '2026-10-01', inferAsOf: true})
    expect(r.asOf).toBe('2026-12-01')
    expect(brief(r)).toEqual(['old:7 DIFF_EXIT_AGED_OUT'])
  })

  it('a row with shifted cells is reported and not compared; a row cut short is compared on the cells it has', async () => {
    const old = village(5)
    const text = csv(village(5))
      .split('\r\n')
      .map((line, i) => (i === 2 ? `${line},extra,cells` : i === 3 ? line.split(',').slice(0, -2).join(',') : line))
      .join('\r\n')
    const f = files({'old.csv': csv(old), 'new.csv': text})
    const r = await diffSnapshots({file: f['old.csv']!}, {file: f['new.csv']!}, [], {...BASE_OPTIONS, asOf: AS_OF})
    expect(brief(r)).toEqual(['old:3 DIFF_EXIT_UNEXPLAINED', 'new:3 ROW_RAGGED'])
  })

  it('a snapshot without name or ID columns cannot be followed: HEADER_MISSING, no exits', async () => {
    const f = files({'old.csv': csv(village(3)), 'new.csv': csv(village(3), ['序号', '乡镇', '村（居）', '就学状况', '健康状况'])})
    const r = await diffSnapshots({file: f['old.csv']!}, {file: f['new.csv']!}, [], {...BASE_OPTIONS, asOf: AS_OF})
    expect(brief(r)).toEqual(['new:1 HEADER_MISSING'])
    expect(r.summary.rows).toBe(6)
  })

  it('names two snapshots with one base name apart', async () => {
    const dir1 = files({'roster.csv': csv(village(3))})
    const dir2 = files({'roster.csv': csv(village(2))})
    const r = await diffSnapshots({file: dir1['roster.csv']!}, {file: dir2['roster.csv']!}, [], {...BASE_OPTIONS, asOf: AS_OF})
    expect(r.inputs.map((i) => i.dataset)).toEqual(['roster', 'roster-2'])
    expect(brief(r)).toEqual(['roster:4 DIFF_EXIT_UNEXPLAINED'])
  })

  it('counts by county, town and village in the breakdown', async () => {
    const r = await diff(village(6), [...village(6).slice(1), child(9)])
    const town = r.breakdown?.find((b) => b.level === 'town')
    expect(town).toMatchObject({unit: '泸溪县 / 浦市镇', byCode: {DIFF_ENTERED: 1, DIFF_EXIT_UNEXPLAINED: 1}})
  })
})

describe('diff: a parent at home who cannot care (the child is left behind all the same)', () => {
  const WITH_REMARKS = [...HEADER, '备注']
  async function diffWith(old: Cells[], next: Cells[], lists: Record<string, string> = {}): Promise<Report> {
    const f = files({'old.csv': csv(old, WITH_REMARKS), 'new.csv': csv(next, WITH_REMARKS), ...lists})
    const listInputs = Object.keys(lists).map((name) => ({file: f[name]!, dataset: name.replace(/\.[^.]+$/, ''), department: name.replace(/\.[^.]+$/, '')}))
    return diffSnapshots({file: f['old.csv']!}, {file: f['new.csv']!}, listInputs, {...BASE_OPTIONS, asOf: AS_OF})
  }
  // The father away, the mother at home and disabled — written the ways clerks write it.
  const incapable: Cells[] = [
    {母亲状况: '', 母亲务工地: '在家（残疾）'},
    {母亲状况: '重病在家', 母亲务工地: ''},
    {母亲状况: '', 母亲务工地: '本地（精神残疾）'},
    {母亲状况: '在家', 母亲务工地: '', 备注: '母亲肢体残疾二级'},
  ]

  it.each(incapable)('%j: the father comes home → DIFF_EXIT_PARENTS_RETURNED on the father\'s cell', async (mother) => {
    const old = village(5)
    old[2] = {...old[2], ...mother}
    const next = village(5)
    next[2] = {...old[2], 父亲状况: '在家', 父亲务工地: ''}
    const r = await diffWith(old, next)
    expect(only(r, 'DIFF_EXIT_PARENTS_RETURNED')).toEqual([expect.objectContaining({dataset: 'old', row: 4, field: 'fatherStatus', value: '在家'})])
    expect(only(r, 'DIFF_EXIT_UNEXPLAINED')).toEqual([])
  })

  it.each(incapable)('%j: the child is gone with nothing to say why → DIFF_EXIT_UNEXPLAINED (still left behind)', async (mother) => {
    const old = village(5)
    old[2] = {...old[2], ...mother}
    const r = await diffWith(old, village(5).filter((_, k) => k !== 2))
    expect(brief(r)).toEqual(['old:4 DIFF_EXIT_UNEXPLAINED'])
  })

  it('another list writing the mother 在家（残疾） does not explain an exit; one writing her 在家 does', async () => {
    const old = village(5)
    const eduHeader = ['姓名', '性别', '身份证号', '学校名称', '父亲状况', '母亲状况']
    const edu = csv(
      [
        {姓名: old[1]!.姓名, 性别: old[1]!.性别, 身份证号: old[1]!.身份证号, 学校名称: 'x', 父亲状况: '外出务工', 母亲状况: '在家（残疾）'},
        {姓名: old[3]!.姓名, 性别: old[3]!.性别, 身份证号: old[3]!.身份证号, 学校名称: 'x', 父亲状况: '外出务工', 母亲状况: '在家务农'},
      ],
      eduHeader,
    )
    const r = await diffWith(old, village(5).filter((_, k) => k !== 1 && k !== 3), {'education.csv': edu})
    expect(brief(r)).toEqual(['old:3 DIFF_EXIT_UNEXPLAINED', 'old:5 DIFF_EXIT_PARENTS_RETURNED'])
    expect(r.findings[1]).toMatchObject({field: 'motherStatus', value: '在家务农'})
  })

  it('a remark that the father came home is the evidence of the return', async () => {
    const old = village(4)
    old[1] = {...old[1], 母亲状况: '', 母亲务工地: '在家（残疾）'}
    const next = village(4)
    next[1] = {...old[1], 备注: '父亲已返乡照顾'}
    const r = await diffWith(old, next)
    expect(only(r, 'DIFF_EXIT_PARENTS_RETURNED')).toEqual([expect.objectContaining({row: 3, field: 'remarks', value: '父亲已返乡照顾'})])
  })
})
