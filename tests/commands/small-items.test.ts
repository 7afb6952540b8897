import ExcelJS from 'exceljs'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {checkDigit} from '../../src/cn/id-number.js'
import {runCli, tempDir, writeTemp} from '../helpers/cli.js'

// Issue 20, item 9's smaller items and item 5's labels: the xlsx change log has a frozen, filtered
// header (Chinese with --lang zh); tokenize keeps a header that reads as its field (村); a CSV
// report in Chinese labels severities and fields for the people who open it.

const id = (first17: string) => first17 + checkDigit(first17)

let dir: string
let roster: string

beforeAll(() => {
  dir = tempDir()
  roster = writeTemp(dir, 'roster.csv', ['姓名,性别,身份证号,出生日期,村,监护人身份证号', `王 小明,男,${id('43012120150304001').toLowerCase()},2015/3/4,汇龙村,${id('43012119600101001')}`, `李小红,女,${id('43012120160505002')},20160505,汇龙村,12345`].join('\n') + '\n')
})

describe('normalize --changes x.xlsx', () => {
  it('freezes and filters the header, in Chinese with --lang zh', async () => {
    const log = path.join(dir, 'changes.xlsx')
    const r = runCli(['normalize', roster, '--output', path.join(dir, 'clean.csv'), '--changes', log, '--lang', 'zh', '--as-of', '2026-06-30', '--json'])
    expect(r.code).toBeLessThan(2)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(log)
    const ws = workbook.worksheets[0]!
    expect(ws.name).toBe('修改记录')
    expect(ws.getRow(1).values).toEqual([undefined, '行号', '列', '字段', '修改前', '修改后', '修改原因'])
    expect(ws.views[0]).toMatchObject({state: 'frozen', ySplit: 1})
    expect(ws.autoFilter).toBeTruthy()
    expect(ws.rowCount).toBeGreaterThan(2)
  })
})

describe('tokenize', () => {
  it('keeps the header 村 as the department wrote it', () => {
    const key = path.join(dir, 'k.key')
    expect(runCli(['tokenize', '--generate-key', key]).code).toBe(0)
    const out = path.join(dir, 'tok.csv')
    expect(runCli(['tokenize', roster, '--key', key, '--output', out, '--json']).code).toBeLessThan(2)
    const header = readFileSync(out, 'utf8').replace(/^\ufeff/, '').split(/\r?\n/)[0]!.split(',')
    expect(header.slice(0, 6)).toEqual(['姓名', '性别', '身份证号', '出生日期', '村', '监护人身份证号'])
  })
})

describe('a CSV report in Chinese', () => {
  it('labels severities, states and fields in Chinese; in English as the JSON', () => {
    const zh = runCli(['validate', roster, '--format', 'csv', '--lang', 'zh', '--as-of', '2026-06-30']).stdout.replace(/^\ufeff/, '').split('\r\n')
    expect(zh[0]).toMatch(/^数据集,文件,行号,姓名,乡镇（街道）,村（社区）,级别,代码,字段,列,值/)
    expect(zh.some((l) => /,错误,[A-Z_]+,监护人身份证号,监护人身份证号,/.test(l))).toBe(true)
    const en = runCli(['validate', roster, '--format', 'csv', '--lang', 'en', '--as-of', '2026-06-30']).stdout
    expect(en).toMatch(/,error,[A-Z_]+,guardianIdNumber,/)
  })
})
