// A month whose rows are last month's rows is placed without linkage: the registry's records are
// not read (src/registry/exact.ts); a month with a new child links the rows that need it and keeps
// every other row's number.
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../src/cn/id-number.js'
import {runCli, tempDir} from '../helpers/cli.js'

const dir = tempDir('liushou-registry-exact-')
const db = path.join(dir, 'county.duckdb')
const HEADER = '序号,姓名,性别,身份证号,出生日期,乡镇,村（居）,监护人姓名,监护人联系电话'
const id = (n: number) => {
  const body = `43052420${10 + (n % 5)}0${1 + (n % 9)}1${n % 10}${String(100 + n).slice(-3)}`
  return body + checkDigit(body)
}
const person = (n: number, name: string) => [name, n % 2 ? '男' : '女', id(n), '', '舜陵镇', '东村', `监护人${name}`, `1380000${String(1000 + n)}`]
const PEOPLE = ['张一', '李二', '王三', '赵四', '钱五', '孙六', '周七', '吴八'].map((name, n) => person(n, name))

function roster(name: string, people: string[][]): string {
  const file = path.join(dir, name)
  writeFileSync(file, [HEADER, ...people.map((p, i) => [String(i + 1), ...p].join(','))].join('\r\n') + '\r\n')
  return file
}

const ingest = (file: string, asOf: string) => runCli(['registry', 'ingest', `civil-affairs=${file}`, '--as-of', asOf, '--registry', db], {env: {LIUSHOU_REGISTRY_TIMING: '1'}})

/** ID number → child number, from the export as of a date. */
function numbers(asOf: string): Map<string, string> {
  const out = path.join(dir, `export-${asOf}.csv`)
  expect(runCli(['registry', 'export', '--as-of', asOf, '--output', out, '--registry', db]).code).toBe(0)
  const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1)
  return new Map(lines.map((l) => l.split(',')).map((cells) => [cells[4]!, cells[0]!]))
}

describe('registry ingest: rows the same as last month’s', () => {
  it('places them without linkage, each under its number; a new child is linked and the others kept', () => {
    expect(ingest(roster('september.csv', PEOPLE), '2026-09-01').code).toBeLessThanOrEqual(1)
    const september = numbers('2026-09-01')
    expect(new Set(september.values()).size).toBe(PEOPLE.length)

    // October: one child left, the rows in another order, their 序号 renumbered.
    const october = ingest(roster('october.csv', [...PEOPLE.slice(1)].reverse()), '2026-10-01')
    expect(october.code, october.stderr).toBeLessThanOrEqual(1)
    expect(october.stderr).not.toMatch(/timing assign: (registered|candidates)/)
    expect(october.stderr).toMatch(/timing assign /)
    for (const [idNumber, number] of numbers('2026-10-01')) expect(september.get(idNumber)).toBe(number)

    // November: a new child and a changed phone: those rows go through linkage.
    const changed = [...PEOPLE[1]!.slice(0, 7), '13900000000']
    const november = ingest(roster('november.csv', [changed, ...PEOPLE.slice(2), person(20, '郑九')]), '2026-11-01')
    expect(november.code, november.stderr).toBeLessThanOrEqual(1)
    // Against only the children sharing a key with them, by the model the September ingest kept.
    expect(november.stderr).toMatch(/timing assign: candidates/)
    const after = numbers('2026-11-01')
    for (const p of PEOPLE.slice(1)) expect(after.get(p[2]!)).toBe(september.get(p[2]!))
    expect([...september.values()]).not.toContain(after.get(id(20)))
  })
})
