import path from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {UserError} from '../../../src/errors.js'
import {countyPart, formatChildId, isChildId, openRegistry, parseChildId} from '../../../src/registry/index.js'
import {tempDirs, writeSnapshot} from './helpers.js'

const dirs = tempDirs()
afterEach(() => dirs.cleanup())

describe('child numbers', () => {
  it('are LS + county + 7-digit sequence', () => {
    expect(formatChildId('430524', 123)).toBe('LS430524-0000123')
    expect(parseChildId('LS430524-0000123')).toEqual({county: '430524', sequence: 123})
    expect(isChildId('LS430524-000012')).toBe(false)
    expect(isChildId('LS43052-00000123')).toBe(false)
    expect(countyPart('430524')).toBe('430524')
    expect(countyPart(undefined)).toBe('000000')
    expect(countyPart('4305')).toBe('000000')
    expect(countyPart('43052x')).toBe('000000')
  })

  it('follow a sequence per county, in request order, unknown counties under 000000', async () => {
    const registry = await openRegistry(path.join(dirs.make(), 'r.duckdb'), {create: true})
    const ids = await registry.transaction((tx) => tx.createChildren(['430524', '430524', null, '110101', '430524', 'bad']))
    expect(ids).toEqual(['LS430524-0000001', 'LS430524-0000002', 'LS000000-0000001', 'LS110101-0000001', 'LS430524-0000003', 'LS000000-0000002'])
    const more = await registry.transaction((tx) => tx.createChildren(['110101', '430524']))
    expect(more).toEqual(['LS110101-0000002', 'LS430524-0000004'])
    expect(await registry.childCount()).toBe(8)
    expect(await registry.query('SELECT county, max(seq) AS last FROM children GROUP BY county ORDER BY county')).toEqual([
      {county: '000000', last: 2},
      {county: '110101', last: 2},
      {county: '430524', last: 4},
    ])
    await registry.close()
  })

  it('given in a rolled-back transaction may be given again; committed ones never are', async () => {
    const file = path.join(dirs.make(), 'r.duckdb')
    let registry = await openRegistry(file, {create: true})
    expect(await registry.transaction((tx) => tx.createChildren(['430524', '430524']))).toEqual(['LS430524-0000001', 'LS430524-0000002'])
    await expect(
      registry.transaction(async (tx) => {
        expect(await tx.createChildren(['430524'])).toEqual(['LS430524-0000003'])
        expect(await tx.child('LS430524-0000003')).toBeDefined()
        throw new Error('ingest failed')
      }),
    ).rejects.toThrow('ingest failed')
    expect(await registry.child('LS430524-0000003')).toBeUndefined()
    // Reopened, the committed numbers are still taken and the rolled-back one is free.
    await registry.close()
    registry = await openRegistry(file, {create: false})
    expect(await registry.transaction((tx) => tx.createChildren(['430524']))).toEqual(['LS430524-0000003'])
    // A merged-away number is not given again either.
    await registry.transaction((tx) => tx.merge({keep: 'LS430524-0000001', other: 'LS430524-0000003', by: '李四', reason: '同一人'}))
    expect(await registry.transaction((tx) => tx.createChildren(['430524']))).toEqual(['LS430524-0000004'])
    await registry.close()
  })

  it('merges: the other number and those merged into it resolve to the kept one', async () => {
    const registry = await openRegistry(path.join(dirs.make(), 'r.duckdb'), {create: true})
    const [a, b, c] = await registry.transaction(async (tx) => {
      const ingest = await tx.beginIngest({asOf: '2026-06-01', version: 't'})
      const s = await writeSnapshot(tx, {department: 'civil', asOf: '2026-06-01', ingestId: ingest.id, sha256: 'h1', people: [['张三', '男', '', '', ''], ['张叁', '男', '', '', ''], ['张三', '', '', '', '']]})
      return s.childIds as [string, string, string]
    })
    await registry.transaction(async (tx) => {
      await tx.merge({keep: b, other: c, by: '王五', reason: '同一人', at: '2026-06-02T01:00:00Z'})
      await tx.merge({keep: a, other: b, by: '王五', reason: '同一人', at: '2026-06-03T01:00:00Z'})
    })
    expect(await registry.resolveChild(c)).toBe(a)
    expect(await registry.resolveChild(b)).toBe(a)
    expect(await registry.child(a)).toMatchObject({childId: a, merged: [b, c]})
    expect(await registry.child(c)).toMatchObject({resolvedTo: a})
    expect(await registry.childCount()).toBe(1)
    const rows = await registry.childRows(c)
    expect(rows.map((r) => [r.row, r.assignedId, r.childId])).toEqual([
      [2, a, a],
      [3, b, a],
      [4, c, a],
    ])
    expect(await registry.merges()).toEqual([
      {keep: b, other: c, by: '王五', reason: '同一人', at: '2026-06-02T01:00:00.000Z'},
      {keep: a, other: b, by: '王五', reason: '同一人', at: '2026-06-03T01:00:00.000Z'},
    ])
    const refused = await registry.transaction((tx) => tx.merge({keep: c, other: a, by: 'x', reason: 'y'})).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(UserError)
    expect((refused as UserError).message).toBe(`${c} and ${a} are already one child (${a})`)
    await expect(registry.transaction((tx) => tx.merge({keep: a, other: 'LS430524-9999999', by: 'x', reason: 'y'}))).rejects.toThrow('unknown child number LS430524-9999999')
    await registry.close()
  })
})
