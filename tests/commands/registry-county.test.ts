// The county of a new child number (SPEC, "Child number"): the row's region code, else its
// reporting unit, else its ID number's first six digits, else 000000.
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../src/cn/id-number.js'
import {countyCodeOfUnit} from '../../src/cn/unit-county.js'
import {runCli, tempDir, writeTemp} from '../helpers/cli.js'

const id = (first17: string) => first17 + checkDigit(first17)

describe('countyCodeOfUnit', () => {
  it('finds the one current county a unit names, narrowed by the city or province it also names', () => {
    expect(countyCodeOfUnit('宁远县民政局')).toBe('431126')
    expect(countyCodeOfUnit('湖南省永州市宁远县舜陵镇人民政府')).toBe('431126')
    expect(countyCodeOfUnit('山西省阳泉市城区民政局')).toBe('140302')
    expect(countyCodeOfUnit('北京市朝阳区民政局')).toBe('110105')
    // 平和县 holds 和县: the longer name is the county.
    expect(countyCodeOfUnit('平和县民政局')).toBe('350628')
  })

  it('gives nothing when the name is in several places, names no county, or contradicts its province', () => {
    expect(countyCodeOfUnit('城区街道办事处')).toBeUndefined()
    expect(countyCodeOfUnit('朝阳区民政局')).toBeUndefined()
    expect(countyCodeOfUnit('舜陵镇人民政府')).toBeUndefined()
    expect(countyCodeOfUnit('长沙市民政局')).toBeUndefined()
    expect(countyCodeOfUnit('广东省宁远县')).toBeUndefined()
    expect(countyCodeOfUnit('')).toBeUndefined()
  })
})

describe('registry ingest: the county of a new child number', () => {
  it('is the region code’s, else the reporting unit’s, else the ID’s, else 000000', () => {
    const dir = tempDir('liushou-registry-county-')
    const csv = writeTemp(
      dir,
      '民政.csv',
      [
        '姓名,性别,出生日期,身份证号,行政区划代码,填报单位',
        `张小明,男,2015-03-02,${id('43010220150302001')},431126101,湖南省永州市宁远县民政局`,
        `李小红,女,2016-04-05,${id('43010220160405002')},,湖南省永州市宁远县民政局`,
        `王小刚,男,2014-07-08,${id('43010220140708003')},,舜陵镇人民政府`,
        '赵小丽,女,2013-09-10,,,',
      ].join('\n'),
    )
    const db = path.join(dir, 'county.duckdb')
    const ingest = runCli(['registry', 'ingest', `civil-affairs=${csv}`, '--as-of', '2026-09-01', '--json', '--registry', db])
    expect(ingest.code, ingest.stderr).toBeLessThan(2)
    const out = path.join(dir, 'export.csv')
    expect(runCli(['registry', 'export', '--as-of', '2026-09-01', '--output', out, '--registry', db]).code).toBe(0)
    const numbers = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).map((line) => line.split(',')[0]!.slice(0, 8))
    expect(numbers).toEqual(['LS431126', 'LS431126', 'LS430102', 'LS000000'])
  })
})
