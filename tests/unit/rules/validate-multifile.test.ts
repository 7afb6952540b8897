import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../../src/cn/id-number.js'
import {validateFiles} from '../../../src/rules/validate.js'
import {tempDir, writeTemp} from '../../helpers/cli.js'

const id = (first17: string) => first17 + checkDigit(first17)
const X = id('43012120150304002')
const Y = id('43012120160101004')
const options = {asOf: '2026-06-30', lang: 'en', mask: 'none', includeInfo: false, failOn: 'error', ageLimit: 16} as const

describe('validate of a list given as several files', () => {
  it('sees a number repeated across the files of one list, each finding on its own file and row', async () => {
    const dir = tempDir('liushou-validate-list-')
    const a = writeTemp(dir, 'a.csv', `姓名,性别,身份证号,出生日期\n李子涵,女,${X},2015-03-04\n王芳,女,${Y},2016-01-01\n`)
    // Its columns in another order, a title row above the header: rows are the file's own.
    const b = writeTemp(dir, 'b.csv', `某县学籍名单,,,\n身份证号,姓名,性别,出生日期\n${Y},王芳,女,2016-01-01\n${X},李梓涵,女,2015-03-04\n`)
    const report = await validateFiles([{files: [a, b], dataset: 'education', department: 'education'}], options)
    expect(report.inputs.map((i) => [i.dataset, i.file, i.rows])).toEqual([
      ['education', a, 2],
      ['education', b, 2],
    ])
    expect(report.summary.rows).toBe(4)
    const dups = report.findings.filter((f) => f.code === 'ID_DUPLICATE')
    // Listed file by file, each file's rows in order.
    expect(dups.map((f) => [f.file, f.row, f.name, f.related?.map((r) => [r.file, r.row])])).toEqual([
      [a, 2, '李子涵', [[b, 4]]],
      [a, 3, '王芳', [[b, 3]]],
      [b, 3, '王芳', [[a, 3]]],
      [b, 4, '李梓涵', [[a, 2]]],
    ])
    // Each row's own column header.
    expect(dups.map((f) => f.column)).toEqual(['身份证号', '身份证号', '身份证号', '身份证号'])
  })

  it('keeps two files given without a name as two datasets: a number on both is no duplicate', async () => {
    const dir = tempDir('liushou-validate-list-')
    const a = writeTemp(dir, 'a.csv', `姓名,性别,身份证号,出生日期\n李子涵,女,${X},2015-03-04\n`)
    const b = writeTemp(dir, 'b.csv', `姓名,性别,身份证号,出生日期\n李子涵,女,${X},2015-03-04\n`)
    const report = await validateFiles([{file: a}, {files: [b]}], options)
    expect(report.inputs.map((i) => i.dataset)).toEqual(['a', 'b'])
    expect(report.findings.filter((f) => f.code === 'ID_DUPLICATE')).toEqual([])
  })
})

describe('validate for the registry (breakdown: false)', () => {
  it('finds the same, with no breakdown by reporting unit', async () => {
    const dir = tempDir('liushou-validate-list-')
    const file = writeTemp(dir, 'civil.csv', `姓名,性别,身份证号,出生日期,填报单位\n李子涵,女,${X},2015-03-05,蓝田村\n王芳,男,${Y},2016-01-01,石门村\n`)
    const full = await validateFiles([{file, dataset: 'civil-affairs', department: 'civil-affairs'}], {...options, includeInfo: true})
    const bare = await validateFiles([{file, dataset: 'civil-affairs', department: 'civil-affairs'}], {...options, includeInfo: true, breakdown: false})
    expect(full.breakdown?.length).toBeGreaterThan(0)
    expect(bare.breakdown).toBeUndefined()
    expect(bare.findings.length).toBeGreaterThan(0)
    expect(bare.findings).toEqual(full.findings)
    expect(bare.summary).toEqual(full.summary)
  })
})
