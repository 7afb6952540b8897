import {rmSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {dedupeFiles} from '../../../src/dedupe/dedupe.js'
import {diffSnapshots} from '../../../src/diff/diff.js'
import {assessRisk} from '../../../src/risk/risk.js'
import {reportSchemaErrors} from '../../helpers/report-schema.js'
import {BASE_OPTIONS, type Cells, child, csv, files, makeId} from '../diff/fixtures.js'

// One family's rows that share an ID number (src/link/identity.ts): dedupe never merges the two
// children and names the row the number does not fit; diff and risk follow the same decisions.

const brother = child(0) // 田浩然, a boy born 2012-01-01
const sister: Cells = {...brother, 序号: '2', 姓名: '田雨涵', 性别: '女', 出生日期: '2014-05-06', 身份证号: brother.身份证号}
const SISTER_OWN = makeId('20140506', '302')
const twin: Cells = {...brother, 序号: '3', 姓名: '田浩宇'} // his twin brother, typed under his number
const others = [child(3), child(4), child(5)]

const made: string[] = []
const write = (contents: Record<string, string>): Record<string, string> => {
  const f = files(contents)
  made.push(path.dirname(Object.values(f)[0]!))
  return f
}
afterAll(() => {
  for (const d of made) rmSync(d, {recursive: true, force: true})
})

describe('dedupe: a sister’s row carrying her brother’s number, twins under one number', async () => {
  const f = write({'roster.csv': csv([brother, sister, twin, ...others])})
  const {report} = await dedupeFiles([{file: f['roster.csv']!}], {...BASE_OPTIONS, asOf: '2026-06-30', includeInfo: true})
  const rows = (code: string) => report.findings.filter((x) => x.code === code)

  it('never puts the three in one match or possible cluster', () => {
    expect(reportSchemaErrors(report)).toEqual([])
    for (const c of report.clusters!) {
      const family = c.members.map((m) => m.row).filter((r) => r >= 2 && r <= 4)
      expect(family.length, c.id).toBeLessThanOrEqual(1)
    }
  })

  it('puts DUP_ID_NOT_OWN on the row the number does not fit, related to the row it fits', () => {
    expect(rows('DUP_ID_NOT_OWN').map((x) => [x.row, x.field, x.severity, x.related?.map((r) => r.row), x.message])).toEqual([
      [3, 'idNumber', 'warning', [2, 4], "The ID number is not this child's own: it does not fit the row's birth date and sex, which fits row 2、4".replace('、', ', ')],
    ])
  })

  it('blames no twin: the number fits both', () => {
    expect(rows('DUP_ID_NOT_OWN').some((x) => x.row === 4 || x.row === 2)).toBe(false)
  })
})

describe('diff and risk take the same decisions', () => {
  it('diff: the sister’s number corrected between the snapshots is one change, not an entry and an exit', async () => {
    const f = write({'old.csv': csv([brother, sister, ...others]), 'new.csv': csv([brother, {...sister, 身份证号: SISTER_OWN}, ...others])})
    const report = await diffSnapshots({file: f['old.csv']!}, {file: f['new.csv']!}, [], {...BASE_OPTIONS, asOf: '2026-12-01'})
    expect(report.findings.map((x) => `${x.dataset}:${x.row} ${x.code} ${x.field ?? ''}`)).toEqual(['new:3 DIFF_CHANGED idNumber'])
  })

  it('risk: two children under one number are two children to visit', async () => {
    const f = write({'roster.csv': csv([brother, sister, twin, ...others])})
    const report = await assessRisk({file: f['roster.csv']!}, [], {...BASE_OPTIONS, asOf: '2026-09-01'})
    expect(report.risks!.map((r) => r.row).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7])
  })
})
