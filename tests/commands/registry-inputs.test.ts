// A mistyped file name is a one-line error (exit 2) and leaves no registry behind: the registry
// file is created on first use, so the lists are checked before it is opened.
import {existsSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {ROOT, runCli, tempDir, writeTemp} from '../helpers/cli.js'

describe('registry ingest with a missing file', () => {
  it('names the file, exits 2 and creates no registry', () => {
    const dir = tempDir('liushou-registry-inputs-')
    const db = path.join(dir, 'new.duckdb')
    const missing = path.join(dir, '学籍.xlsx')
    const r = runCli(['registry', 'ingest', `civil-affairs=${path.join(ROOT, 'samples', 'civil-affairs.csv')}`, `education=${missing}`, '--as-of', '2026-09-01', '--registry', db])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toEqual([`liushou: ${missing}: no such file`])
    expect(existsSync(db)).toBe(false)
    expect(existsSync(`${db}.wal`)).toBe(false)
  })

  it('refuses a list none of whose columns names a child, and leaves the registry as it was', () => {
    const dir = tempDir('liushou-registry-inputs-')
    const db = path.join(dir, 'r.duckdb')
    const civil = path.join(ROOT, 'samples', 'civil-affairs.csv')
    expect(runCli(['registry', 'ingest', `civil-affairs=${civil}`, '--as-of', '2026-06-01', '--registry', db]).code).toBe(1)
    const before = runCli(['registry', 'status', '--registry', db, '--format', 'json'])
    // The town's subsidy sheet given for the roster: no 姓名, no 身份证号.
    const wrong = writeTemp(dir, '补助发放表.csv', '序号,乡镇,金额,备注\n1,某镇,200,\n2,某镇,200,\n')
    const r = runCli(['registry', 'ingest', `civil-affairs=${wrong}`, '--as-of', '2026-07-01', '--registry', db])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toEqual([`liushou: ${wrong}:1: no name (姓名) or ID number (身份证号) column, not a roster: nothing was stored`])
    const after = runCli(['registry', 'status', '--registry', db, '--format', 'json'])
    expect(JSON.parse(after.stdout).registry).toEqual(JSON.parse(before.stdout).registry)
    expect(JSON.parse(after.stdout).registry.snapshots.map((s: {rows: number}) => s.rows)).toEqual([178])
    // A list with a name column and no rows is a valid, empty roster (SPEC): it is stored.
    const empty = writeTemp(dir, '空名单.csv', '姓名,身份证号\n')
    const e = runCli(['registry', 'ingest', `civil-affairs=${empty}`, '--as-of', '2026-07-01', '--registry', db, '--format', 'json'])
    expect(JSON.parse(e.stdout).registry).toMatchObject({snapshots: [{rows: 0}], exited: 174})
  })
})
