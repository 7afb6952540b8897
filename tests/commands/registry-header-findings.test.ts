// A finding of a list's header (HEADER_MISSING, HEADER_DUPLICATE) is found on the snapshot as
// written out for the checks; like every other finding it names the list's file as ingested
// (SPEC "The registry"), not the private copy it was read from.
import {rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import type {Report} from '../../src/findings/model.js'
import {runCli, tempDir} from '../helpers/cli.js'

const dir = tempDir('liushou-registry-header-')
afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('registry ingest: findings of the header', () => {
  it('name the file as ingested', () => {
    const list = path.join(dir, '名册.csv')
    writeFileSync(list, '身份证号,性别,身份证号\r\n430524201001011234,男,\r\n')
    const r = runCli(['registry', 'ingest', `civil-affairs=${list}`, '--as-of', '2026-09-01', '--json', '--registry', path.join(dir, 'r.duckdb')])
    expect(r.code, r.stderr).toBe(1)
    const header = (JSON.parse(r.stdout) as Report).findings.filter((f) => f.code.startsWith('HEADER_'))
    expect(header.map((f) => f.code).sort()).toEqual(['HEADER_DUPLICATE', 'HEADER_MISSING'])
    expect(header.map((f) => f.file)).toEqual([list, list])
  })
})
