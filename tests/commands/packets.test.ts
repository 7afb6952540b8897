// Notification and correction end to end: validate --packets, officials' answers in a re-saved,
// reordered, renamed workbook, liushou apply, and the next validate honouring the exceptions.
import {spawnSync} from 'node:child_process'
import {readFileSync, readdirSync, rmSync, statSync} from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import {afterAll, describe, expect, it} from 'vitest'

import {checkDigit} from '../../src/cn/id-number.js'
import type {Finding, Report} from '../../src/findings/model.js'
import {BIN, ROOT, runCli, tempDir, writeTemp} from '../helpers/cli.js'
import {reportSchemaErrors} from '../helpers/report-schema.js'

const dir = tempDir('liushou-packets-')
afterAll(() => rmSync(dir, {recursive: true, force: true}))

const id = (first17: string) => first17 + checkDigit(first17)
const wrongCheck = (first17: string) => first17 + (checkDigit(first17) === '1' ? '2' : '1')
const HEADER = '填报单位,姓名,性别,身份证号,出生日期,就学状况,监护人联系电话'
const ROWS = [
  `黄兴镇汇龙村,张子涵,男,${wrongCheck('43012120150304001')},2015-03-04,小学,13812345678`, // ID_CHECKSUM → corrected
  `黄兴镇汇龙村,李四,女,${id('43012120140101002')},2014-01-02,小学,13812345678`, // BIRTH_MISMATCH → corrected
  `黄兴镇汇龙村,王五,男,${id('43012120130505003')},2013-05-05,辍学,13812345678`, // SCHOOL_AGE_MISMATCH → confirmed
  `安沙镇新桥村,赵六,男,${id('43012120120606005')},2012-06-06,初中,1391234`, // PHONE_INVALID → cannot verify
  `安沙镇新桥村,钱七,女,${id('43012120110707006')},2011-07-07,初中,13912345678`, // clean
]
const AS_OF = ['--as-of', '2026-09-01']

function sh(command: string) {
  return spawnSync('sh', ['-c', command], {cwd: ROOT, encoding: 'utf8', env: {...process.env, LANG: 'en_US.UTF-8'}})
}

function validate(file: string, ...extra: string[]): Report {
  const r = runCli(['validate', file, '--json', ...AS_OF, ...extra])
  expect(r.code, r.stderr).toBeLessThan(2)
  return JSON.parse(r.stdout) as Report
}

async function lines(file: string): Promise<{ws: ExcelJS.Worksheet; wb: ExcelJS.Workbook; head: string[]}> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const ws = wb.getWorksheet('待核实')!
  const head = (ws.getRow(1).values as unknown[]).slice(1).map(String)
  return {ws, wb, head}
}

describe('packets and answers', () => {
  const roster = writeTemp(dir, 'roster.csv', `${HEADER}\n${ROWS.join('\n')}\n`)
  const packets = path.join(dir, 'packets')
  let report: Report

  it('puts every listed finding in exactly one packet, each unit its own rows, private on disk', async () => {
    // umask 022, as on most machines: packets are personal data and still 0600.
    const r = sh(`umask 022 && '${process.execPath}' '${BIN}' validate '${roster}' --json ${AS_OF.join(' ')} --packets '${packets}' --deadline 2026-09-30 --lang zh`)
    expect(r.status, r.stderr).toBe(1)
    expect(r.stderr).toMatch(/写入 2 份核实单/)
    report = JSON.parse(r.stdout) as Report
    expect(reportSchemaErrors(report)).toEqual([])
    expect(statSync(packets).mode & 0o777).toBe(0o700)
    const files = readdirSync(packets).sort()
    expect(files).toEqual(['index.xlsx', '安沙镇新桥村.xlsx', '黄兴镇汇龙村.xlsx'])
    for (const f of files) expect(statSync(path.join(packets, f)).mode & 0o777).toBe(0o600)

    const seen = new Map<string, string>()
    for (const f of files.filter((f) => f !== 'index.xlsx')) {
      const {ws, head} = await lines(path.join(packets, f))
      const at = (h: string) => head.indexOf(h) + 1
      ws.eachRow((row, n) => {
        if (n === 1) return
        const fp = String(row.getCell(at('问题编号')).value)
        expect(seen.has(fp), fp).toBe(false)
        seen.set(fp, f)
        const rowNo = Number(row.getCell(at('行号')).value)
        // Row 2..4 are 黄兴镇汇龙村's, 5..6 安沙镇新桥村's.
        expect(f).toBe(rowNo <= 4 ? '黄兴镇汇龙村.xlsx' : '安沙镇新桥村.xlsx')
      })
    }
    expect([...seen.keys()].sort()).toEqual(report.findings.map((x: Finding) => x.fingerprint).sort())
  })

  it('is a protected workbook with a drop-down answer column, a hidden check column, and masking per SPEC', async () => {
    const {ws, wb, head} = await lines(path.join(packets, '黄兴镇汇龙村.xlsx'))
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '待核实'])
    expect(head.slice(0, 13)).toEqual(['问题编号', '数据集', '行号', '儿童姓名', '身份证号', '出生日期', '村（社区）', '问题代码', '字段', '问题说明', '建议', '当前值', '权威值'])
    expect(head.slice(13)).toEqual(['核实结果', '更正后的值', '核实说明', '核实人', '核实日期', '校验'])
    expect((ws as unknown as {sheetProtection?: {sheet?: boolean}}).sheetProtection).toMatchObject({sheet: true})
    const result = ws.getRow(2).getCell(head.indexOf('核实结果') + 1)
    expect(result.dataValidation).toMatchObject({type: 'list', formulae: ['"已更正,情况属实,无法核实,非本单位"']})
    expect(result.protection?.locked).toBe(false)
    expect(ws.getRow(2).getCell(1).protection?.locked).not.toBe(false)
    expect(ws.getColumn(head.indexOf('校验') + 1).hidden).toBe(true)
    // The recipient's own rows: the whole ID. The phone of another column would follow --mask.
    expect(String(ws.getRow(2).getCell(head.indexOf('身份证号') + 1).value)).toMatch(/^\d{17}[\dX]$/)
    const cover = wb.getWorksheet('说明')!
    const text = JSON.stringify(cover.getSheetValues())
    expect(text).toContain('2026-09-30')
    expect(text).toContain('黄兴镇汇龙村')
  })

  it('masks names and villages with --mask all, and IDs of rows that are not the recipient’s own', async () => {
    const other = path.join(dir, 'by-department')
    const r = runCli(['validate', `civil-affairs=${roster}`, '--json', ...AS_OF, '--packets', other, '--packets-by', 'department', '--mask', 'all', '--lang', 'zh'])
    expect(r.code).toBe(1)
    expect(readdirSync(other).sort()).toEqual(['index.xlsx', '民政.xlsx'])
    const {ws, head} = await lines(path.join(other, '民政.xlsx'))
    expect(String(ws.getRow(2).getCell(head.indexOf('儿童姓名') + 1).value)).toMatch(/^.\*/)
  })

  it('applies answers from a re-saved, reordered, renamed workbook; refuses bad values; confirmed findings become exceptions the next run honours', async () => {
    const {ws, wb, head} = await lines(path.join(packets, '黄兴镇汇龙村.xlsx'))
    const at = (h: string) => head.indexOf(h) + 1
    const answers = new Map<string, string[]>()
    ws.eachRow((row, n) => {
      if (n === 1) return
      const code = String(row.getCell(at('问题代码')).value)
      const set = (result: string, corrected = '', note = '') => {
        row.getCell(at('核实结果')).value = result
        row.getCell(at('更正后的值')).value = corrected
        row.getCell(at('核实说明')).value = note
        row.getCell(at('核实人')).value = '王干事'
        row.getCell(at('核实日期')).value = new Date(Date.UTC(2026, 8, 15))
      }
      if (code === 'ID_CHECKSUM') set('已更正', id('43012120150304001'))
      else if (code === 'BIRTH_MISMATCH') set('已更正', '2014-01-01')
      else if (code === 'SCHOOL_AGE_MISMATCH') set('情况属实', '', '确已辍学，已报教育部门')
      answers.set(code, [String(row.getCell(at('问题编号')).value)])
    })
    // An official sorts the lines backwards and leaves a blank line, then saves under a new name.
    const rows: unknown[][] = []
    ws.eachRow((row, n) => n > 1 && rows.push((row.values as unknown[]).slice(1)))
    rows.reverse()
    const width = head.length
    for (let i = 0; i <= rows.length; i++) {
      const target = ws.getRow(i + 2)
      for (let c = 1; c <= width; c++) target.getCell(c).value = i === 0 ? null : ((rows[i - 1]![c - 1] ?? null) as ExcelJS.CellValue)
    }
    const returned = path.join(dir, '汇龙村-已填.xlsx')
    await wb.xlsx.writeFile(returned)

    // The other packet answers a bad correction.
    const {ws: ws2, wb: wb2, head: head2} = await lines(path.join(packets, '安沙镇新桥村.xlsx'))
    ws2.getRow(2).getCell(head2.indexOf('核实结果') + 1).value = '已更正'
    ws2.getRow(2).getCell(head2.indexOf('更正后的值') + 1).value = '123'
    const returned2 = path.join(dir, 'anshа.xlsx')
    await wb2.xlsx.writeFile(returned2)

    const output = path.join(dir, 'roster-fixed.csv')
    const exceptions = path.join(dir, 'exceptions.jsonl')
    const r = runCli(['apply', roster, '--answers', returned, returned2, '--output', output, '--exceptions', exceptions, '--json', ...AS_OF])
    expect(r.code, r.stderr).toBe(1)
    const applied = JSON.parse(r.stdout) as Report
    expect(reportSchemaErrors(applied)).toEqual([])
    expect(applied.summary.byCode).toMatchObject({APPLY_CORRECTED: 2, APPLY_CONFIRMED: 1, APPLY_INVALID_VALUE: 1})
    expect(statSync(output).mode & 0o777).toBe(0o600)

    // Every other cell unchanged, no row lost.
    const before = readFileSync(roster, 'utf8').trim().split('\n')
    const after = readFileSync(output, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    expect(after).toHaveLength(before.length)
    const changed = after.flatMap((line, i) => line.split(',').flatMap((c, k) => (c === before[i]!.split(',')[k] ? [] : [`${i + 1}:${k}:${c}`])))
    expect(changed.sort()).toEqual([`2:3:${id('43012120150304001')}`, '3:4:2014-01-01'].sort())

    const next = validate(output, '--exceptions', exceptions)
    const codes = next.findings.map((f) => `${f.row} ${f.code}`)
    expect(codes).not.toContain('2 ID_CHECKSUM')
    expect(codes).not.toContain('3 BIRTH_MISMATCH')
    expect(codes).not.toContain('4 SCHOOL_AGE_MISMATCH')
    expect(next.summary.byState?.waived).toMatchObject({warnings: 1})
  })

  it('refuses, line by line, a packet whose rows are no longer the same children', async () => {
    const changedRoster = writeTemp(dir, 'roster.csv.edited.csv', `${HEADER}\n${[ROWS[1]!, ROWS[0]!, ...ROWS.slice(2)].join('\n')}\n`)
    const {ws, wb, head} = await lines(path.join(packets, '黄兴镇汇龙村.xlsx'))
    ws.eachRow((row, n) => {
      if (n > 1) row.getCell(head.indexOf('核实结果') + 1).value = '无法核实'
    })
    const file = path.join(dir, 'stale.xlsx')
    await wb.xlsx.writeFile(file)
    // Same dataset name, rows swapped: the lines on rows 2 and 3 do not fit any more.
    const r = runCli(['apply', `roster=${changedRoster}`, '--answers', file, '--output', path.join(dir, 'x.csv'), '--json', ...AS_OF])
    const applied = JSON.parse(r.stdout) as Report
    expect(r.code).toBe(1)
    expect(applied.findings.filter((f) => f.code === 'APPLY_REFUSED_IDENTITY').length).toBeGreaterThan(0)
    // Another dataset: skipped, not refused.
    const other = runCli(['apply', `elsewhere=${roster}`, '--answers', file, '--output', path.join(dir, 'y.csv'), '--json', ...AS_OF])
    expect(other.code).toBe(0)
    expect((JSON.parse(other.stdout) as Report).summary.byCode).toMatchObject({APPLY_OTHER_ROSTER: 3})
  })

  it('routes by department: a child not enrolled to education, not registered to public security', async () => {
    const out = path.join(dir, 'xc')
    const S = (f: string) => path.join(ROOT, 'samples', f)
    const r = runCli(['crosscheck', `civil-affairs=${S('civil-affairs.csv')}`, `education=${S('education.xlsx')}`, `public-security=${S('public-security.csv')}`, '--json', ...AS_OF, '--packets', out, '--packets-by', 'department', '--lang', 'en'])
    const report = JSON.parse(r.stdout) as Report
    const codesIn = async (file: string) => {
      const {ws, head} = await lines(path.join(out, file))
      const codes: string[] = []
      ws.eachRow((row, n) => n > 1 && codes.push(String(row.getCell(head.indexOf('Code') + 1).value)))
      return codes
    }
    const education = await codesIn('education.xlsx')
    const enrolled = report.findings.filter((f) => f.code === 'XC_NOT_ENROLLED').length
    expect(enrolled).toBeGreaterThan(0)
    expect(education.filter((c) => c === 'XC_NOT_ENROLLED')).toHaveLength(enrolled)
    const everyPacket = readdirSync(out).filter((f) => f !== 'index.xlsx')
    let total = 0
    for (const f of everyPacket) total += (await codesIn(f)).length
    expect(total).toBe(report.findings.length)
  })

  it('sends risks to the child’s village as a visit list with the level, the factors and the guardian’s phone', async () => {
    const out = path.join(dir, 'visits')
    const r = runCli(['risk', path.join(ROOT, 'samples/civil-affairs.csv'), '--json', ...AS_OF, '--packets', out, '--lang', 'zh', '--mask', 'none'])
    const report = JSON.parse(r.stdout) as Report
    const files = readdirSync(out).filter((f) => f !== 'index.xlsx')
    expect(files.every((f) => /村|社区|未分配/.test(f))).toBe(true)
    const {ws, head} = await lines(path.join(out, files.find((f) => f !== '未分配.xlsx')!))
    expect(head).toEqual(expect.arrayContaining(['风险等级', '风险因素', '监护人电话']))
    expect(String(ws.getRow(2).getCell(head.indexOf('风险等级') + 1).value)).toMatch(/^[高中低]$/)
    expect(String(ws.getRow(2).getCell(head.indexOf('监护人电话') + 1).value)).toMatch(/^1\d{10}$|^$/)
    expect(report.risks?.length).toBeGreaterThan(0)
  })
})
