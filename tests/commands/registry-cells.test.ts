// The registry checks the cells a list holds. Its snapshots are written out for validate as a
// private CSV: a cell beginning with + - = or @ must reach the checks as it is, not in the
// spreadsheet-safe form a user's CSV gets (`'+86 …` is an invalid phone where `+86 …` is a valid
// one written loosely).
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {createTableWriter} from '../../src/io/write-table.js'
import {runCli, tempDir, writeTemp} from '../helpers/cli.js'

const HEADER = '序号,姓名,性别,身份证号,出生日期,行政区划代码,乡镇,村（居）,监护人姓名,与儿童关系,监护人联系电话,父亲姓名,备注'
const ROWS = [
  '1,田浩楠,男,433122201305186959,2013-05-18,433122108212,浦市镇,鱼坪村,田长发,祖父,+86 15052534555,田小平,',
  '2,田语桐,女,433122201901035241,2019-01-03,433122108212,浦市镇,鱼坪村,田长发,祖父,15052534555,-,=1+1',
]

type Finding = {row: number; code: string; field?: string; value?: string}
const key = (f: Finding): string => `${f.row} ${f.code} ${f.field ?? ''} ${f.value ?? ''}`

describe('registry ingest of cells beginning with + - = @', () => {
  it('finds what validate finds in the same file', () => {
    const dir = tempDir('liushou-registry-cells-')
    const list = writeTemp(dir, '民政.csv', `${HEADER}\r\n${ROWS.join('\r\n')}\r\n`)
    const validated = runCli(['validate', list, '--as-of', '2026-09-01', '--include-info', '--json'])
    const ingested = runCli(['registry', 'ingest', `civil-affairs=${list}`, '--as-of', '2026-09-01', '--registry', path.join(dir, 'r.duckdb'), '--include-info', '--json'])
    expect(validated.code).toBe(1)
    expect(ingested.code).toBe(1)
    const fromValidate = (JSON.parse(validated.stdout) as {findings: Finding[]}).findings.map(key).sort()
    const fromRegistry = (JSON.parse(ingested.stdout) as {findings: Finding[]}).findings.map(key).sort()
    expect(fromRegistry).toEqual(fromValidate)
    // The loosely written phone is valid (an info), and the name is checked as the list has it.
    expect(fromRegistry.some((k) => k.startsWith('2 NOT_CANONICAL guardianPhone'))).toBe(true)
    expect(fromRegistry.some((k) => k.includes('PHONE_INVALID'))).toBe(false)
    expect(fromRegistry).toContain('3 NAME_INVALID fatherName -')
  })

  it('reads a workbook’s rows that end before its header as validate does: not ragged', async () => {
    const dir = tempDir('liushou-registry-cells-')
    const list = path.join(dir, '民政.xlsx')
    // A workbook keeps no trailing empty cell: these rows stop at their last value.
    const writer = await createTableWriter(list, HEADER.split(','))
    for (const row of ROWS) await writer.write(row.split(',').slice(0, 9))
    await writer.close()
    const validated = runCli(['validate', list, '--as-of', '2026-09-01', '--include-info', '--json'])
    const ingested = runCli(['registry', 'ingest', `civil-affairs=${list}`, '--as-of', '2026-09-01', '--registry', path.join(dir, 'r.duckdb'), '--include-info', '--json'])
    const fromValidate = (JSON.parse(validated.stdout) as {findings: Finding[]}).findings.map(key).sort()
    const fromRegistry = (JSON.parse(ingested.stdout) as {findings: Finding[]}).findings.map(key).sort()
    expect(fromRegistry).toEqual(fromValidate)
    expect(fromRegistry.filter((k) => k.includes('ROW_RAGGED'))).toEqual([])
  })
})
