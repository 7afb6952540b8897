// Fingerprints, --exceptions and --baseline through the CLI (docs/architecture.md
// "Contracts").
import {rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {checkDigit} from '../../src/cn/id-number.js'
import type {Finding, Report} from '../../src/findings/model.js'
import {runCli, tempDir, writeTemp} from '../helpers/cli.js'
import {reportSchemaErrors} from '../helpers/report-schema.js'

const dir = tempDir('liushou-states-')
afterAll(() => rmSync(dir, {recursive: true, force: true}))

const id = (first17: string) => first17 + checkDigit(first17)
const HEADER = '姓名,性别,身份证号,出生日期,乡镇,村,监护人联系电话'
const ROWS = [
  `张子涵,男,${id('43012120150304001')},2015-03-04,黄兴镇,汇龙村,1381234`, // PHONE_INVALID
  `李四,女,${id('43012120140101002')},2014-01-02,黄兴镇,汇龙村,13812345678`, // BIRTH_MISMATCH
  `王五,男,${id('43012120130101003').slice(0, 17)}0,2013-01-01,黄兴镇,新桥村,13812345678`, // ID_CHECKSUM (or fine when 0 is right)
  `赵六,男,,2012-05-06,黄兴镇,新桥村,1391234`, // REQUIRED_MISSING, PHONE_INVALID: keyed by name|birth|village
]

function roster(name: string, rows: string[]): string {
  return writeTemp(dir, name, `${HEADER}\n${rows.join('\n')}\n`)
}

function validate(file: string, ...extra: string[]): {code: number; report: Report; stderr: string} {
  const r = runCli(['validate', file, '--json', '--as-of', '2026-09-01', ...extra])
  return {code: r.code, report: JSON.parse(r.stdout || 'null') as Report, stderr: r.stderr}
}

const keyOf = (f: Finding) => `${f.code}|${f.field ?? ''}|${f.name ?? ''}`

describe('fingerprints in a report', () => {
  it('are unique, carry the child, and do not change when the rows are reordered', () => {
    const a = validate(roster('a.csv', ROWS))
    expect(reportSchemaErrors(a.report)).toEqual([])
    const prints = a.report.findings.map((f) => f.fingerprint)
    expect(new Set(prints).size).toBe(prints.length)
    expect(a.report.findings.find((f) => f.code === 'PHONE_INVALID' && f.name === '张子涵')?.village).toBe('汇龙村')
    const b = validate(roster('b.csv', [...ROWS].reverse()))
    const byKey = (r: Report) => new Map(r.findings.map((f) => [keyOf(f), f.fingerprint]))
    expect(byKey(b.report)).toEqual(byKey(a.report))
  })
})

describe('--baseline', () => {
  it('marks what the baseline had known, the rest new, and fails only on the new', () => {
    const file = roster('base.csv', ROWS)
    const baseline = path.join(dir, 'baseline.json')
    const first = runCli(['validate', file, '--json', '--as-of', '2026-09-01', '--output', baseline])
    expect(first.code).toBe(1)
    const same = validate(file, '--baseline', baseline)
    expect(same.code).toBe(0)
    expect(same.report.findings.every((f) => f.state === 'known')).toBe(true)
    expect(same.report.summary.byState?.known?.errors).toBe(same.report.summary.errors)
    expect(reportSchemaErrors(same.report)).toEqual([])

    const worse = validate(roster('worse.csv', [...ROWS, `孙七,男,43012120160101X005,2016-01-01,黄兴镇,汇龙村,13812345678`]), '--baseline', baseline)
    expect(worse.code).toBe(1)
    expect(worse.report.findings.filter((f) => f.state === 'new').map((f) => `${f.code} ${f.name}`)).toEqual(['ID_FORMAT 孙七'])
  })

  it('refuses a file that is not a report, in one line', () => {
    const bad = writeTemp(dir, 'not-a-report.json', '{"tool": "other"}')
    const r = runCli(['validate', roster('c.csv', ROWS), '--baseline', bad])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })
})

describe('--exceptions', () => {
  it('waives matching findings (listed only with --include-info), does not count them for the exit, and flags stale lines', () => {
    const file = roster('exc.csv', ROWS)
    const plain = validate(file)
    const errors = plain.report.findings.filter((f) => f.severity === 'error')
    const exceptions = path.join(dir, 'exceptions.jsonl')
    writeFileSync(
      exceptions,
      [
        ...errors.map((f) => JSON.stringify({fingerprint: f.fingerprint, code: f.code, field: f.field, dataset: f.dataset, reason: '核实属实', by: '张科员', date: '2026-09-02'})),
        '',
        JSON.stringify({fingerprint: '0123456789abcdef', code: 'ID_CHECKSUM', reason: 'fixed long ago'}),
      ].join('\n') + '\n',
    )
    const waived = validate(file, '--exceptions', exceptions)
    expect(waived.code).toBe(0)
    expect(waived.report.summary.errors).toBe(plain.report.summary.errors)
    expect(waived.report.summary.byState?.waived?.errors).toBe(errors.length)
    expect(waived.report.findings.some((f) => f.state === 'waived')).toBe(false)

    const listed = validate(file, '--exceptions', exceptions, '--include-info')
    expect(listed.report.findings.filter((f) => f.state === 'waived').map((f) => f.fingerprint).sort()).toEqual(errors.map((f) => f.fingerprint).sort())
    const stale = listed.report.findings.filter((f) => f.code === 'EXCEPTION_STALE')
    expect(stale.map((f) => [f.file, f.row])).toEqual([[exceptions, errors.length + 2]])
    expect(reportSchemaErrors(listed.report)).toEqual([])
  })

  it('refuses a line without a fingerprint, naming the file and line', () => {
    const exceptions = writeTemp(dir, 'bad.jsonl', '{"fingerprint": "0123456789abcdef"}\n{"reason": "no id"}\n')
    const r = runCli(['validate', roster('d.csv', ROWS), '--exceptions', exceptions])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/bad\.jsonl:2: has no valid "fingerprint"/)
  })
})
