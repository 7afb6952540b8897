import {describe, expect, it} from 'vitest'

import {assessRisk} from '../../../src/risk/risk.js'
import {rateStoredRow, storedRoster} from '../../../src/registry/risks.js'
import {childLines} from '../../../src/report/formatters/table-registry.js'
import {DEFAULT_RISK_CONFIG} from '../../../src/risk/config.js'
import {BASE_OPTIONS, type Cells, HEADER, child, csv, files, makeId, village} from '../diff/fixtures.js'

// registry child's risk history rates a stored row as `liushou risk` rates the same row.

const AS_OF = '2026-09-01'
const cellsOf = (c: Cells) => HEADER.map((h) => c[h] ?? '')

describe('the registry’s risk history', () => {
  const cases: Cells[] = [
    child(0),
    child(1, {监护人身份证号: makeId('19500301', '201')}),
    child(2, {监护类型: '无人监护', 监护人姓名: '', 监护人身份证号: '', 与儿童关系: '', 监护人联系电话: ''}),
    child(3, {父亲状况: '死亡', 母亲状况: '外出务工'}),
  ]

  it('gives each row the level and factors risk gives it', async () => {
    const f = files({'roster.csv': csv([...cases, ...village(6).slice(4)])})
    const report = await assessRisk({file: f['roster.csv']!}, [], {...BASE_OPTIONS, asOf: AS_OF})
    const roster = storedRoster(HEADER)
    cases.forEach((c, k) => {
      const expected = report.risks!.find((r) => r.row === k + 2)!
      const stored = rateStoredRow(roster, cellsOf(c), AS_OF, undefined)
      expect(stored).toEqual({asOf: AS_OF, level: expected.level, factors: expected.factors})
    })
    // The cases differ: the check compares more than one level.
    expect(new Set(cases.map((c) => rateStoredRow(roster, cellsOf(c), AS_OF, undefined)!.level)).size).toBeGreaterThan(1)
  })

  it('judges enrolment only when an education snapshot of that date exists', () => {
    const roster = storedRoster(HEADER)
    const pupil = cellsOf(child(0))
    expect(rateStoredRow(roster, pupil, AS_OF, false)!.factors).toContain('RISK_NOT_ENROLLED')
    expect(rateStoredRow(roster, pupil, AS_OF, true)!.factors).not.toContain('RISK_NOT_ENROLLED')
    expect(rateStoredRow(roster, pupil, AS_OF, undefined)!.factors).not.toContain('RISK_NOT_ENROLLED')
  })

  it('does not rate a child aged out on that date, as risk does not', () => {
    const roster = storedRoster(HEADER)
    const grown = cellsOf(child(0, {身份证号: makeId('20080101', '201'), 出生日期: '2008-01-01'}))
    expect(rateStoredRow(roster, grown, AS_OF, undefined)).toBeUndefined()
    expect(rateStoredRow(roster, grown, '2023-09-01', undefined)?.asOf).toBe('2023-09-01')
  })
})

describe('the child file’s table', () => {
  it('names each snapshot’s level and factors in words, with the ages the registry rates by', () => {
    const file = {childId: 'LS433122-0000001', merged: [], rows: [], changes: [], risks: [{asOf: AS_OF, level: 'medium', factors: ['RISK_GUARDIAN_ELDERLY', 'RISK_BOTH_PARENTS_AWAY']}]}
    const text = childLines(file, 'zh', 80, (s) => s).join('\n')
    expect(text).toContain(`监护人年满${DEFAULT_RISK_CONFIG.ages.elderlyGuardian}周岁`)
    expect(text).toContain('父母均外出务工')
    expect(text).toMatch(/中/)
  })
})
