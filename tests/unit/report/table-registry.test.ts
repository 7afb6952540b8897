import {describe, expect, it} from 'vitest'

import {maskChildFile} from '../../../src/findings/mask.js'
import type {ChildFile, Summary} from '../../../src/findings/model.js'
import {childLines, registryLines, stateLine} from '../../../src/report/formatters/table-registry.js'

const child: ChildFile = {
  childId: 'LS433122-0000001',
  merged: ['LS433122-0000007'],
  rows: [
    {
      asOf: '2026-09-01',
      department: 'civil-affairs',
      file: '花名册.csv',
      row: 3,
      cells: {姓名: '田浩楠', 身份证号: '433122201305186959', 监护人联系电话: '15052534555', 备注: '父 433122198805222317'},
      fields: {姓名: 'name', 身份证号: 'idNumber', 监护人联系电话: 'guardianPhone'},
    },
  ],
  changes: [{asOf: '2026-12-01', field: 'guardianPhone', before: '15052534555', after: '13912345678'}],
  risks: [],
}

describe('registry parts of the table', () => {
  it('masks a child file by field, and IDs in unmapped cells as free text', () => {
    const masked = maskChildFile(child, 'ids')
    const cells = masked.rows[0]!.cells
    expect(cells['身份证号']).toBe('433122********6959')
    expect(cells['监护人联系电话']).not.toContain('2534')
    expect(cells['备注']).not.toContain('198805222317')
    expect(cells['姓名']).toBe('田浩楠')
    expect(masked.changes[0]!.after).not.toContain('1234')
    expect(maskChildFile(child, 'all').rows[0]!.cells['姓名']).not.toBe('田浩楠')
    expect(maskChildFile(child, 'none')).toBe(child)
  })

  it('counts the findings by state, and says nothing without states', () => {
    const summary = {rows: 1, findings: 6, errors: 3, warnings: 2, infos: 1, byCode: {}, byState: {new: {errors: 1, warnings: 1, infos: 0}, open: {errors: 2, warnings: 1, infos: 0}, resolved: {errors: 0, warnings: 0, infos: 1}}} as Summary
    expect(stateLine(summary, 'zh')).toBe('状态：新增 2，未解决 3，已解决 1')
    expect(stateLine({...summary, byState: undefined}, 'zh')).toBeUndefined()
  })

  it('names the registry counts and the snapshots by department', () => {
    const lines = registryLines({asOf: '2026-12-01', children: 307, entered: 3, exited: 11, snapshots: [{department: 'civil-affairs', files: ['a.csv'], rows: 170, unchanged: true}]}, 'zh')
    expect(lines).toEqual(['登记册：截至 2026-12-01 共 307 名儿童；主名单本期新增 3、退出 11', '快照：民政 170 行（未变）'])
  })

  it("lays out one child's file within the width: rows with their key cells, then the changes", () => {
    const lines = childLines(maskChildFile(child, 'ids'), 'zh', 80, (t) => t)
    expect(lines[0]).toBe('儿童编号：LS433122-0000001（并入：LS433122-0000007）；1 行记录，1 处变更')
    const text = lines.join('\n')
    expect(text).toContain('花名册.csv:3')
    expect(text).toContain('姓名：田浩楠')
    expect(text).toContain('监护人联系电话')
    expect(text).not.toContain('备注')
    for (const l of lines.slice(1)) expect([...l].length).toBeLessThanOrEqual(80)
  })
})
