// A mistyped file name is a one-line error (exit 2) and leaves no registry behind: the registry
// file is created on first use, so the lists are checked before it is opened.
import {existsSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {ROOT, runCli, tempDir} from '../helpers/cli.js'

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
})
