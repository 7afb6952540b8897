// A department's list given as several files made from different templates (towns' lists): the
// registry writes them out under every file's columns (src/registry/snapshot-columns.ts). Before,
// the later files' cells were moved into the first file's columns and the others dropped — a
// first file without 身份证号 hid every other file's ID numbers from the checks — and the export
// wrote each row's cells under the first file's header, a column off.
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import type {Report} from '../../src/findings/model.js'
import {runCli, tempDir, writeTemp} from '../helpers/cli.js'

describe('registry ingest of a list in files of different templates', () => {
  it('checks and exports every file’s columns, and the export ingested again keeps every number', () => {
    const dir = tempDir('liushou-registry-columns-')
    const db = path.join(dir, 'r.duckdb')
    const reg = (...args: string[]) => runCli(['registry', ...args, '--registry', db])
    // 甲镇's list has no ID column; 乙镇's has one, a phone, and one ID with a wrong check digit.
    const a = writeTemp(dir, '甲镇.csv', '序号,姓名,性别,村（居）\n1,张小花,女,东村\n')
    const b = writeTemp(dir, '乙镇.csv', '序号,姓名,身份证号,性别,村（居）,监护人联系电话\n1,李明,433123201605122347,男,西村,13800138000\n2,王强,433123201407113459,男,西村,13900139000\n')
    const first = reg('ingest', `civil-affairs=${a}`, `civil-affairs=${b}`, '--as-of', '2026-06-01', '--format', 'json', '--include-info')
    expect(first.code).toBe(1)
    const report = JSON.parse(first.stdout) as Report
    const codes = report.findings.map((f) => `${f.code} ${path.basename(f.file)}:${f.row}`)
    expect(codes).toContain('ID_CHECKSUM 乙镇.csv:3')
    expect(codes.filter((c) => c.startsWith('HEADER_MISSING'))).toEqual([])

    const out = path.join(dir, '导出.csv')
    expect(reg('export', '--as-of', '2026-06-01', '--output', out).code).toBe(0)
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    expect(lines[0]).toBe('儿童编号,序号,姓名,性别,村（居）,身份证号,监护人联系电话')
    expect(lines.slice(1).map((l) => l.split(',').slice(1))).toEqual([
      ['1', '张小花', '女', '东村', '', ''],
      ['1', '李明', '男', '西村', '433123201605122347', '13800138000'],
      ['2', '王强', '男', '西村', '433123201407113459', '13900139000'],
    ])

    // The officer's round trip: next month's list is this export, edited nowhere.
    const again = reg('ingest', `civil-affairs=${out}`, '--as-of', '2026-07-01', '--format', 'json')
    expect(JSON.parse(again.stdout).registry).toMatchObject({children: 3, entered: 0, exited: 0})
  })
})
