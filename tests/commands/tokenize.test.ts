import iconv from 'iconv-lite'
import {chmodSync, existsSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {checkDigit} from '../../src/cn/id-number.js'
import type {Report} from '../../src/findings/model.js'
import {openRoster} from '../../src/schema/roster.js'
import {readTokenizedRow} from '../../src/tokens/record.js'
import {tokenMarker} from '../../src/tokens/marker.js'
import {compareIdTokens, diceSimilarity, tokenKind} from '../../src/tokens/tokens.js'
import {type CliResult, runCli, tempDir, writeTemp} from '../helpers/cli.js'
import {reportSchemaErrors} from '../helpers/report-schema.js'

const id = (first17: string): string => first17 + checkDigit(first17)
const CHILD = id('43312220110506123')
const SIBLING = id('43312220130218124')
const GUARDIAN = id('43312219590430226')
const GUARDIAN_15 = '433122590430226'
const PHONE = '13812345678'
const KEY_HEX = '6f1d2c9a8b7e4f3051a2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718'
const KEY_B64 = Buffer.from(KEY_HEX, 'hex').toString('base64')
const KEY_FORMS = [KEY_HEX, KEY_HEX.toUpperCase(), KEY_B64, Buffer.from(KEY_HEX, 'hex').toString('base64url'), KEY_HEX.slice(0, 32), KEY_HEX.slice(32)]

const HEADER = '序号,姓名,性别,身份证号,出生日期,行政区划代码,乡镇,村（居）,现住址,学校名称,监护人姓名,监护人身份证号,监护人联系电话,备注,帮扶人'
const ROSTER = [
  '浦市镇鱼坪村农村留守儿童花名册,,,,,,,,,,,,,,',
  HEADER,
  `1,张子涵,男,${CHILD},2011-05-06,433122108212,浦市镇,鱼坪村,鱼坪村3组,浦市镇中心小学,张长发,${GUARDIAN},${PHONE},父母在广东,李四`,
  ',,,,,,,,,,,,,,',
  `2,张梓琪,女,${SIBLING},2013-02-18,433122108212,浦市镇,鱼坪村,鱼坪村3组,浦市镇中心小学,张长发,${GUARDIAN},${PHONE},监护人电话${PHONE},李四`,
].join('\r\n')
// The same first child as another department writes it.
const OTHER = [
  '姓名,性别,公民身份号码,出生年月,监护人,监护人身份证号码,联系电话',
  `张 子涵,1,${CHILD.toLowerCase()},2011年5月6日,张长发,${GUARDIAN_15},138 1234 5678`,
].join('\r\n')

function setup(keyText = `${KEY_HEX}\n`): {dir: string; input: string; key: string} {
  const dir = tempDir()
  const input = writeTemp(dir, 'roster.csv', iconv.encode(ROSTER, 'gb18030'))
  const key = writeTemp(dir, 'shared.key', keyText)
  chmodSync(key, 0o600)
  return {dir, input, key}
}

function lines(file: string): string[] {
  return readFileSync(file, 'utf8').replace(/^\ufeff/, '').split('\r\n')
}

function expectNoKey(...texts: string[]): void {
  for (const t of texts) for (const form of KEY_FORMS) expect(t).not.toContain(form)
}

function expectOneLine(r: CliResult): void {
  expect(r.code).toBe(2)
  expect(r.stderr.trim().split('\n')).toHaveLength(1)
  expect(r.stderr).toMatch(/^liushou: /)
  expect(r.stderr).not.toMatch(/\n\s+at /)
}

describe('tokenize', () => {
  it('keeps every row in place, tokenizes identities, drops free text, keeps the rest in clear', () => {
    const {dir, input, key} = setup()
    const output = path.join(dir, 'out.csv')
    const r = runCli(['tokenize', input, '--key', key, '--output', output, '--format', 'table', '--as-of', '2026-09-01'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = lines(output)
    // Title, header, row 3, blank row 4, row 5: row N of the output is row N of the input.
    expect(out[0]).toBe('浦市镇鱼坪村农村留守儿童花名册,,,,,,,,,,,,,,')
    expect(out[1]).toMatch(/^序号,姓名,性别,身份证号,出生日期,行政区划代码,乡镇,村（居）,现住址,学校名称,监护人姓名,监护人身份证号,监护人联系电话,备注,帮扶人,liushou-tk1 key=[0-9a-f]{12} keep=birthYear\+gender\+county$/)
    expect(out[3]).toBe('')
    const row = (n: number): string[] => out[n - 1]!.split(',')
    for (const n of [3, 5]) {
      const cells = row(n)
      expect(cells).toHaveLength(16)
      expect(tokenKind(cells[1]!)).toBe('nm')
      expect(cells[2]).toBe(n === 3 ? '男' : '女')
      expect(tokenKind(cells[3]!)).toBe('id')
      expect(tokenKind(cells[4]!)).toBe('bd')
      expect(cells[5]).toMatch(/^tk1:rc:433122\./)
      expect(cells[6]).toBe('浦市镇')
      expect(tokenKind(cells[7]!)).toBe('pl')
      expect(cells[8]).toBe('') // address dropped
      expect(cells[9]).toBe('浦市镇中心小学')
      expect(tokenKind(cells[10]!)).toBe('nm')
      expect(cells[11]).toMatch(/^tk1:id:[A-Za-z0-9_-]{22}$/)
      expect(tokenKind(cells[12]!)).toBe('ph')
      expect(cells[13]).toBe('') // remarks dropped
      expect(cells[14]).toBe('') // unmapped column dropped
      expect(cells[15]).toBe('')
    }
    // Siblings share the guardian's tokens, not their own.
    expect(row(3)[11]).toBe(row(5)[11])
    expect(row(3)[12]).toBe(row(5)[12])
    expect(row(3)[3]).not.toBe(row(5)[3])
    const all = out.join('\n')
    for (const secret of [CHILD, SIBLING, GUARDIAN, PHONE, '张子涵', '张长发', '鱼坪村3组', '父母在广东', '李四']) expect(all).not.toContain(secret)

    expect(r.stdout).toMatch(/2 rows \(same order\), key fingerprint [0-9a-f]{12}/)
    expect(r.stdout).toMatch(/dropped: +现住址 2, 备注 2, 帮扶人 2/)
    expect(r.stdout).toMatch(/kept in clear from identities: birth year, sex, county/)
    for (const secret of [CHILD, GUARDIAN, PHONE]) expect(r.stdout + r.stderr).not.toContain(secret)
    expectNoKey(all, r.stdout, r.stderr)
  })

  it('gives one value written two ways by two departments one token; a different key gives others', () => {
    const {dir, input, key} = setup()
    const other = writeTemp(dir, 'other.csv', OTHER)
    const a = path.join(dir, 'a.csv')
    const b = path.join(dir, 'b.csv')
    expect(runCli(['tokenize', input, '--key', key, '--output', a, '--json']).code).toBe(0)
    expect(runCli(['tokenize', other, '--key', key, '--output', b, '--json']).code).toBe(0)
    const ra = lines(a)[2]!.split(',')
    const rb = lines(b)[1]!.split(',')
    expect(rb[0]).toBe(ra[1]) // 张 子涵 = 张子涵
    expect(rb[1]).toBe('1') // gender kept as written
    expect(rb[2]).toBe(ra[3]) // lowercase x
    expect(rb[3]).toBe(ra[4]) // 2011年5月6日
    expect(rb[4]).toBe(ra[10]) // guardian name
    expect(rb[5]).toBe(ra[11]) // 15-digit guardian ID
    expect(rb[6]).toBe(ra[12]) // 138 1234 5678

    const key2 = writeTemp(dir, 'other.key', 'a94c0e7b1d3f5a2c8e6b4d0f9a7c5e3b1f2d4a6c8e0b9d7f5a3c1e2b4d6f8a0c')
    const c = path.join(dir, 'c.csv')
    expect(runCli(['tokenize', input, '--key', key2, '--output', c, '--json']).code).toBe(0)
    const rc = lines(c)[2]!.split(',')
    for (const i of [1, 3, 4, 10, 11, 12]) expect(rc[i]).not.toBe(ra[i])
    expect(lines(c)[1]).not.toBe(lines(a)[1]) // another fingerprint in the marker
  })

  it('writes .xlsx that dedupe and crosscheck read back as tokenized', async () => {
    const {dir, input, key} = setup()
    const output = path.join(dir, 'out.xlsx')
    const r = runCli(['tokenize', input, '--key', key, '--output', output, '--json'])
    expect(r.code).toBe(0)
    const roster = await openRoster(output)
    expect(tokenMarker(roster)).toMatchObject({version: 'tk1', keep: ['birthYear', 'gender', 'county']})
    const records = []
    for await (const row of roster.rows) records.push(readTokenizedRow(roster, row))
    expect(records.map((x) => x.row)).toEqual([3, 5])
    expect(records[0]).toMatchObject({sex: 'M', birthYear: 2011, region: {county: '433122'}})
    expect(compareIdTokens(records[0]!.id, records[1]!.id)).toBe('different-valid')
    expect(records[0]!.guardianId).toBe(records[1]!.guardianId)
    expect(diceSimilarity(records[0]!.guardianName!, records[1]!.guardianName!)).toBe(1)
    expect(records[0]!.phones).toEqual(records[1]!.phones)
  })

  it('reports as JSON: rows, no findings; a ragged row goes out blank with ROW_RAGGED', () => {
    const {dir, key} = setup()
    const input = writeTemp(dir, 'ragged.csv', `${HEADER}\r\n1,张子涵,男,${CHILD},2011-05-06,433122108212,浦市镇,鱼坪村,,,,,,,\r\n2,王芳,女,${SIBLING}\r\n`)
    const output = path.join(dir, 'out.csv')
    const r = runCli(['tokenize', input, '--key', key, '--output', output, '--json'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as Report
    expect(reportSchemaErrors(report)).toEqual([])
    expect(report.command).toBe('tokenize')
    expect(report.inputs[0]?.rows).toBe(2)
    expect(report.summary.byCode).toEqual({ROW_RAGGED: 1})
    expect(report.findings[0]).toMatchObject({code: 'ROW_RAGGED', row: 3})
    const out = lines(output)
    expect(out[2]).toBe('')
    expect(out.join('\n')).not.toContain(SIBLING)
    expect(r.stdout).not.toContain(CHILD)
  })

  it('--keep none leaves no birth year, sex or county in clear', () => {
    const {dir, input, key} = setup()
    const output = path.join(dir, 'out.csv')
    expect(runCli(['tokenize', input, '--key', key, '--output', output, '--keep', 'none', '--json']).code).toBe(0)
    const out = lines(output)
    expect(out[1]).toMatch(/keep=$/)
    const cells = out[2]!.split(',')
    expect(tokenKind(cells[2]!)).toBe('sx')
    expect(cells[4]).toMatch(/^tk1:bd:\./)
    expect(cells[5]).toMatch(/^tk1:rc:\./)
    expect(tokenKind(cells[6]!)).toBe('pl')
    expect(cells[9]).toBe('浦市镇中心小学') // the school is no identity
    expect(out.slice(2).join('\n')).not.toMatch(/433122|2011/)
  })

  it('--generate-key writes a 0600 key, prints its fingerprint only, never overwrites', () => {
    const dir = tempDir()
    const file = path.join(dir, 'new.key')
    const r = runCli(['tokenize', '--generate-key', file])
    expect(r.code).toBe(0)
    const hex = readFileSync(file, 'utf8').trim().split('\n').at(-1)!
    expect(hex).toMatch(/^[0-9a-f]{64}$/)
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(r.stdout).toMatch(/fingerprint [0-9a-f]{12}/)
    expect(r.stdout + r.stderr).not.toContain(hex.slice(0, 16))
    const again = runCli(['tokenize', '--generate-key', file])
    expectOneLine(again)
    expect(again.stderr).toMatch(/already exists/)
    expect(readFileSync(file, 'utf8')).toContain(hex)
  })
})

describe('tokenize: the key never leaves', () => {
  it('is refused when short, with one line and exit 2', () => {
    const {dir, input} = setup()
    const short = writeTemp(dir, 'short.key', `${KEY_HEX.slice(0, 32)}\n`)
    chmodSync(short, 0o600)
    const output = path.join(dir, 'out.csv')
    const r = runCli(['tokenize', input, '--key', short, '--output', output])
    expectOneLine(r)
    expect(r.stderr).toMatch(/short\.key: the key is too short: 16 bytes/)
    expect(r.stdout).toBe('')
    expect(existsSync(output)).toBe(false)
    expectNoKey(r.stderr)
  })

  it('in neither hex nor base64 form: not in the output, stdout or stderr, with --debug, in JSON or on errors', () => {
    for (const keyText of [`${KEY_HEX}\n`, `${KEY_B64}\n`]) {
      const {dir, input, key} = setup(keyText)
      const output = path.join(dir, 'out.csv')
      const runs = [
        runCli(['tokenize', input, '--key', key, '--output', output, '--debug', '--format', 'table']),
        runCli(['tokenize', input, '--key', key, '--output', path.join(dir, 'out2.csv'), '--debug', '--json']),
        // Errors: a missing input, an output in a missing folder, a bad flag, all with --debug.
        runCli(['tokenize', path.join(dir, 'missing.csv'), '--key', key, '--output', path.join(dir, 'x.csv'), '--debug']),
        runCli(['tokenize', input, '--key', key, '--output', path.join(dir, 'no/such/dir/x.csv'), '--debug']),
        runCli(['tokenize', input, '--key', key, '--output', path.join(dir, 'x.csv'), '--keep', 'name', '--debug']),
        runCli(['tokenize', input, '--key', key, '--output', path.join(dir, 'x.pdf'), '--debug']),
      ]
      expect(runs.map((r) => r.code)).toEqual([0, 0, 2, 2, 2, 2])
      for (const r of runs.slice(2)) expectOneLine(r)
      expectNoKey(readFileSync(output, 'utf8'), readFileSync(path.join(dir, 'out2.csv'), 'utf8'), ...runs.map((r) => r.stdout + r.stderr))
    }
  })

  it('is not echoed when given on the command line instead of a file', () => {
    const {dir, input} = setup()
    for (const literal of [KEY_HEX, KEY_B64]) {
      const r = runCli(['tokenize', input, '--key', literal, '--output', path.join(dir, 'out.csv'), '--debug'])
      expectOneLine(r)
      expect(r.stderr).toMatch(/never the key itself/)
      expectNoKey(r.stderr, r.stdout)
    }
  })

  it('refuses a roster holding the key itself, and the key file as input or output', () => {
    const {dir, input, key} = setup()
    const leaky = writeTemp(dir, 'leaky.csv', `${HEADER}\r\n1,张子涵,男,${CHILD},2011-05-06,433122108212,浦市镇,鱼坪村,,${KEY_HEX},,,,,\r\n`)
    const output = path.join(dir, 'out.csv')
    const r = runCli(['tokenize', leaky, '--key', key, '--output', output, '--debug'])
    expectOneLine(r)
    expect(r.stderr).toMatch(/holds the tokenize key itself/)
    expect(existsSync(output)).toBe(false)
    expectNoKey(r.stderr, r.stdout)

    const asInput = runCli(['tokenize', key, '--key', key, '--output', output])
    expectOneLine(asInput)
    expect(asInput.stderr).toMatch(/is the key file/)
    expectNoKey(asInput.stderr)
    const asOutput = runCli(['tokenize', input, '--key', key, '--output', key])
    expectOneLine(asOutput)
    expect(readFileSync(key, 'utf8')).toBe(`${KEY_HEX}\n`)
  })
})

describe('tokenize: inputs and outputs', () => {
  it('refuses to write over the input without --in-place, and replaces it with it', () => {
    const {input, key} = setup()
    const refused = runCli(['tokenize', input, '--key', key, '--output', input])
    expectOneLine(refused)
    expect(refused.stderr).toMatch(/--in-place/)
    const r = runCli(['tokenize', input, '--key', key, '--output', input, '--in-place', '--json'])
    expect(r.code).toBe(0)
    expect(lines(input)[1]).toMatch(/liushou-tk1 key=/)
    // A tokenized file is not tokenized twice.
    const again = runCli(['tokenize', input, '--key', key, '--output', input, '--in-place'])
    expectOneLine(again)
    expect(again.stderr).toMatch(/already tokenized/)
  })

  it('asks for --key and --output in one line each', () => {
    const {dir, input, key} = setup()
    const noKey = runCli(['tokenize', input, '--output', path.join(dir, 'o.csv')])
    expectOneLine(noKey)
    expect(noKey.stderr).toMatch(/--key KEYFILE is required/)
    const noOutput = runCli(['tokenize', input, '--key', key])
    expectOneLine(noOutput)
    expect(noOutput.stderr).toMatch(/--output FILE is required/)
  })

  it('warns on stderr about a key file other users can read', () => {
    if (process.platform === 'win32') return
    const {dir, input, key} = setup()
    chmodSync(key, 0o644)
    const r = runCli(['tokenize', input, '--key', key, '--output', path.join(dir, 'o.csv'), '--json'])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/^liushou: warning: .*shared\.key: other users on this machine can read the key file; restrict it with: chmod 600/)
    expectNoKey(r.stderr)
  })

  it('never prints a raw ID, even one in the file name', () => {
    const {dir, key} = setup()
    const named = writeTemp(dir, `${CHILD}.csv`, iconv.encode(ROSTER, 'gb18030'))
    const r = runCli(['tokenize', named, '--key', key, '--output', path.join(dir, 'out.csv'), '--format', 'table'])
    expect(r.code).toBe(0)
    expect(r.stdout + r.stderr).not.toContain(CHILD)
    expect(r.stdout).toContain(`${CHILD.slice(0, 6)}********${CHILD.slice(14)}.csv`)
  })
})
