import {describe, expect, it} from 'vitest'

import {BreakdownBuilder} from '../../../src/findings/breakdown.js'

const ref = (row: number) => ({dataset: 'd', file: 'd.csv', row})

describe('BreakdownBuilder', () => {
  it('counts rows and findings per reporting unit and per county / town / village path', () => {
    const b = new BreakdownBuilder()
    const a = {reportingUnit: '黄兴镇中心校', county: '长沙县', town: '黄兴镇', village: '蓝田村'}
    b.addRow(ref(2), a)
    b.addRow(ref(3), a)
    b.addRow(ref(4), {county: '长沙县', town: '星沙街道'})
    b.addFinding(ref(3), 'ID_CHECKSUM')
    b.addFinding(ref(4), 'PHONE_INVALID')
    b.addFinding(ref(99), 'ID_CHECKSUM') // a row never added (a header finding) counts nowhere
    const entries = b.build()
    expect(entries).toEqual([
      {level: 'reportingUnit', unit: '黄兴镇中心校', rows: 2, byCode: {ID_CHECKSUM: 1}},
      {level: 'county', unit: '长沙县', rows: 3, byCode: {ID_CHECKSUM: 1, PHONE_INVALID: 1}},
      // Units sort in Chinese (pinyin) order: huang before xing.
      {level: 'town', unit: '长沙县 / 黄兴镇', rows: 2, byCode: {ID_CHECKSUM: 1}},
      {level: 'town', unit: '长沙县 / 星沙街道', rows: 1, byCode: {PHONE_INVALID: 1}},
      {level: 'village', unit: '长沙县 / 黄兴镇 / 蓝田村', rows: 2, byCode: {ID_CHECKSUM: 1}},
    ])
  })

  it('leaves a town without its county out of the drill-down', () => {
    const b = new BreakdownBuilder()
    b.addRow(ref(2), {town: '黄兴镇', village: '蓝田村', reportingUnit: '某校'})
    expect(b.build().map((e) => e.level)).toEqual(['reportingUnit'])
  })

  it('counts grouped rows and findings as the row-by-row calls would, codes in the order first seen', () => {
    const a = {county: '泸溪县', town: '浦市镇', village: '新堡村'}
    const b = {county: '泸溪县', town: '武溪镇'}
    const rowByRow = new BreakdownBuilder()
    for (let row = 2; row < 7; row++) rowByRow.addRow({dataset: 'x', file: 'x.csv', row}, row < 5 ? a : b)
    for (const [row, code] of [[5, 'PHONE_INVALID'], [2, 'ID_CHECKSUM'], [3, 'ID_CHECKSUM'], [6, 'PHONE_INVALID']] as const) rowByRow.addFinding({dataset: 'x', file: 'x.csv', row}, code)
    const grouped = new BreakdownBuilder()
    grouped.countRows(a, 3)
    grouped.countRows(b, 2)
    grouped.countFindings(b, 'PHONE_INVALID', 2)
    grouped.countFindings(a, 'ID_CHECKSUM', 2)
    expect(JSON.stringify(grouped.build())).toBe(JSON.stringify(rowByRow.build()))
    expect(grouped.build().find((e) => e.unit === '泸溪县')).toEqual({level: 'county', unit: '泸溪县', rows: 5, byCode: {PHONE_INVALID: 2, ID_CHECKSUM: 2}})
  })
})

