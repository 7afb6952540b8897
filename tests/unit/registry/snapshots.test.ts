import path from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {type Registry, type SnapshotRow, openRegistry} from '../../../src/registry/index.js'
import {LIMITS} from '../../../src/registry/snapshots.js'
import {FIELDS, HEADER, file, row, tempDirs, writeSnapshot} from './helpers.js'

const dirs = tempDirs()
const limits = {...LIMITS}
afterEach(() => {
  Object.assign(LIMITS, limits)
  dirs.cleanup()
})

// Cells that JSON, SQL or C strings could trip on.
const ODD_CELLS = ['\\', '😀 \u4e00 "引号"', "'; DROP TABLE children; --", '{"a": [1, null]}', 'x'.repeat(20_000), 'a\u0000b', '\t\r\n', 'null']

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}

async function fresh(): Promise<Registry> {
  return openRegistry(path.join(dirs.make(), 'r.duckdb'), {create: true})
}

describe('snapshots', () => {
  it('store every row of several files and give them back in file order', async () => {
    const registry = await fresh()
    const info = await registry.transaction(async (tx) => {
      const ingest = await tx.beginIngest({asOf: '2026-06-01', at: '2026-06-02T08:00:00Z', version: '0.1.0'})
      const writer = await tx.snapshotWriter({
        department: 'civil',
        asOf: '2026-06-01',
        ingestId: ingest.id,
        ingestedAt: ingest.at,
        files: [file('a.csv', 'aa'), {...file('b.xlsx', 'bb'), format: 'xlsx', sheet: '花名册', encoding: undefined, header: ['序号', '姓名', '说明'], fields: ['seq', 'name', null]}],
      })
      const ids = await tx.createChildren(['430524', '430524', '430524'], {ingestId: ingest.id, snapshotId: writer.id})
      // A ragged row, a blank cell, a quote and a line break survive as they are.
      // Canonical values as normalised: one differs from its cell, one has no column.
      await writer.append({...row(0, 2, ids[0]!, ['1', ' 张三 ', '男', '430524201001011234', '某镇', '']), canonical: {seq: '1', name: '张三', gender: '男', idNumber: '430524201001011234', town: '某镇', birthDate: '2010-01-01'}})
      await writer.append(row(0, 5, ids[1]!, ['2', '李"四', '', '', '某镇\n东', '某村', '多余']))
      await writer.append({...row(1, 3, ids[2]!, ['1', '王五']), canonical: {name: '王五', idNumber: '', phone: undefined}})
      await writer.append({...row(1, 4, ids[2]!, ODD_CELLS), canonical: {name: ODD_CELLS[1]!, remarks: ODD_CELLS[3]!}})
      expect(writer.rows).toBe(4)
      return writer.finish()
    })
    expect(info).toMatchObject({id: 1, department: 'civil', asOf: '2026-06-01', ingestId: 1, ingestedAt: '2026-06-02T08:00:00.000Z', rows: 4})
    expect(await registry.snapshot(1)).toEqual(info)
    expect(info.files.map((f) => [f.name, f.sha256, f.rows, f.format, f.sheet, f.encoding])).toEqual([
      ['a.csv', 'aa', 2, 'csv', undefined, 'utf-8'],
      ['b.xlsx', 'bb', 2, 'xlsx', '花名册', undefined],
    ])
    expect(info.files[0]!.header).toEqual(HEADER)
    expect(info.files[0]!.fields).toEqual(FIELDS)
    expect(info.files[1]!.fields).toEqual(['seq', 'name', null])
    const rows = await collect(registry.snapshotRows(1))
    expect(rows.map((r) => [r.ordinal, r.fileIndex, r.row, r.childId, r.cells])).toEqual([
      [0, 0, 2, 'LS430524-0000001', ['1', ' 张三 ', '男', '430524201001011234', '某镇', '']],
      [1, 0, 5, 'LS430524-0000002', ['2', '李"四', '', '', '某镇\n东', '某村', '多余']],
      [2, 1, 3, 'LS430524-0000003', ['1', '王五']],
      [3, 1, 4, 'LS430524-0000003', ODD_CELLS],
    ])
    expect(rows[3]!.canonical).toEqual({name: ODD_CELLS[1], remarks: ODD_CELLS[3]})
    expect(rows[0]!.canonical).toEqual({seq: '1', name: '张三', gender: '男', idNumber: '430524201001011234', town: '某镇', birthDate: '2010-01-01'})
    expect(rows[1]!.canonical).toEqual({seq: '2', name: '李"四', town: '某镇\n东', village: '某村'})
    expect(rows[2]!.canonical).toEqual({name: '王五'})
    await registry.close()
  })

  it('stream a large snapshot page by page in order, while the transaction goes on writing', async () => {
    const registry = await fresh()
    // Small pages and staging batches, so that a few thousand rows take several of each.
    Object.assign(LIMITS, {pageRows: 1000, stageRows: 1500})
    const n = 5000
    await registry.transaction(async (tx) => {
      const ingest = await tx.beginIngest({asOf: '2026-06-01', version: 't'})
      const writer = await tx.snapshotWriter({department: 'civil', asOf: '2026-06-01', ingestId: ingest.id, files: [file('a.csv', 'aa')]})
      // Children made between appends, as the linkage does a batch at a time.
      for (let i = 0; i < n; i += 500) {
        const ids = await tx.createChildren(Array.from({length: 500}, () => '430524'), {snapshotId: writer.id})
        for (const [k, id] of ids.entries()) await writer.append(row(0, i + k + 2, id, [String(i + k + 1), `名${i + k}`]))
      }
      await writer.finish()
      // Read inside the transaction (its own writes), interleaved with other statements.
      let count = 0
      let last = -1
      for await (const r of tx.snapshotRows(1)) {
        if (count % 1000 === 0) await tx.beginIngest({asOf: '2026-06-01', version: 'interleaved'})
        expect(r.ordinal).toBe(last + 1)
        last = r.ordinal
        count++
      }
      expect(count).toBe(n)
    })
    const rows: SnapshotRow[] = []
    for await (const r of registry.snapshotRows(1)) rows.push(r)
    expect(rows).toHaveLength(n)
    expect(rows[n - 1]).toMatchObject({row: n + 1, childId: `LS430524-${String(n).padStart(7, '0')}`, cells: [String(n), `名${n - 1}`]})
    await registry.close()
  })

  it('are found by department, date and file hashes (idempotence), and latest on or before a date', async () => {
    const registry = await fresh()
    await registry.transaction(async (tx) => {
      const i1 = await tx.beginIngest({asOf: '2026-06-01', version: 't'})
      await writeSnapshot(tx, {department: 'civil', asOf: '2026-06-01', ingestId: i1.id, sha256: 'june', people: [['张三', '', '', '', '']]})
      await writeSnapshot(tx, {department: 'education', asOf: '2026-06-01', ingestId: i1.id, sha256: 'june', people: [['张三', '', '', '', '']]})
      const i2 = await tx.beginIngest({asOf: '2026-09-01', version: 't'})
      await writeSnapshot(tx, {department: 'civil', asOf: '2026-09-01', ingestId: i2.id, sha256: 'sept', people: [['张三', '', '', '', '']]})
      // Same date again with a corrected file: the later one is the latest.
      await writeSnapshot(tx, {department: 'civil', asOf: '2026-09-01', ingestId: i2.id, sha256: 'sept2', people: [['张三', '', '', '', '']]})
    })
    expect((await registry.findSnapshot('civil', '2026-06-01', ['june']))?.id).toBe(1)
    expect((await registry.findSnapshot('education', '2026-06-01', ['june']))?.id).toBe(2)
    expect(await registry.findSnapshot('civil', '2026-09-01', ['june'])).toBeUndefined()
    expect(await registry.findSnapshot('civil', '2026-06-01', ['june', 'other'])).toBeUndefined()
    expect(await registry.findSnapshot('health', '2026-06-01', ['june'])).toBeUndefined()
    expect((await registry.latestSnapshot('civil', '2026-08-31'))?.id).toBe(1)
    expect((await registry.latestSnapshot('civil', '2026-09-01'))?.id).toBe(4)
    expect((await registry.latestSnapshot('civil', '2030-01-01'))?.files[0]?.sha256).toBe('sept2')
    expect(await registry.latestSnapshot('civil', '2026-05-31')).toBeUndefined()
    expect((await registry.snapshots('civil')).map((s) => s.id)).toEqual([1, 3, 4])
    expect(await registry.departments()).toEqual(['civil', 'education'])
    await expect(registry.latestSnapshot('civil', '2026-9-1')).rejects.toThrow(/YYYY-MM-DD/)
    await registry.close()
  })

  it("give a child's rows across snapshots, and every child's latest canonical values per department", async () => {
    const registry = await fresh()
    const [a, b] = await registry.transaction(async (tx) => {
      const i1 = await tx.beginIngest({asOf: '2026-06-01', version: 't'})
      const s1 = await writeSnapshot(tx, {department: 'civil', asOf: '2026-06-01', ingestId: i1.id, sha256: 'c6', people: [['张三', '男', '', '', '旧村'], ['李四', '女', '', '', '']]})
      await writeSnapshot(tx, {department: 'education', asOf: '2026-06-15', ingestId: i1.id, sha256: 'e6', people: [['张三', '', '', '', '学校村']], childIds: [s1.childIds[0]!]})
      await writeSnapshot(tx, {department: 'civil', asOf: '2026-09-01', ingestId: i1.id, sha256: 'c9', people: [['张三', '男', '', '', '新村']], childIds: [s1.childIds[0]!]})
      return s1.childIds
    })
    const rows = await registry.childRows(a!)
    expect(rows.map((r) => [r.department, r.asOf, r.file, r.row, r.canonical.village])).toEqual([
      ['civil', '2026-06-01', 'civil.csv', 2, '旧村'],
      ['education', '2026-06-15', 'education.csv', 2, '学校村'],
      ['civil', '2026-09-01', 'civil.csv', 2, '新村'],
    ])
    expect(await registry.childRows('LS999999-0000001')).toEqual([])
    const all = []
    for await (const r of registry.childRecords()) all.push([r.childId, r.department, r.asOf, r.canonical.village ?? null])
    expect(all).toEqual([
      [a, 'civil', '2026-09-01', '新村'],
      [a, 'education', '2026-06-15', '学校村'],
      [b, 'civil', '2026-06-01', null],
    ])
    const civilJune = []
    for await (const r of registry.childRecords({department: 'civil', onOrBefore: '2026-08-01'})) civilJune.push([r.childId, r.canonical.village ?? null])
    expect(civilJune).toEqual([
      [a, '旧村'],
      [b, null],
    ])
    // Only some fields (as matching reads them): the same values, and how many there are in all.
    const full = []
    for await (const r of registry.childRecords()) full.push({...r, canonical: {name: r.canonical.name, village: r.canonical.village}, filled: Object.keys(r.canonical).length})
    const some = []
    for await (const r of registry.childRecords({fields: ['name', 'village']})) some.push({...r, canonical: {name: r.canonical.name, village: r.canonical.village}})
    expect(some).toEqual(full)
    await expect(registry.childRecords({fields: ['nope']}).next()).rejects.toThrow(/not a canonical field/)
    await registry.close()
  })

  it('refuse rows out of file order, unknown fields and bad child numbers; an unfinished writer rolls the transaction back', async () => {
    const registry = await fresh()
    await registry.transaction(async (tx) => {
      const ingest = await tx.beginIngest({asOf: '2026-06-01', version: 't'})
      const w = await tx.snapshotWriter({department: 'civil', asOf: '2026-06-01', ingestId: ingest.id, files: [file('a.csv', 'aa')]})
      await w.append(row(0, 3, 'LS430524-0000001', ['1']))
      await expect(w.append(row(0, 3, 'LS430524-0000001', ['1']))).rejects.toThrow(/out of file order/)
      await expect(w.append(row(1, 4, 'LS430524-0000001', ['1']))).rejects.toThrow(/out of range/)
      await expect(w.append(row(0, 4, 'X1', ['1']))).rejects.toThrow(/not a child number/)
      await expect(w.append({...row(0, 5, 'LS430524-0000001', ['1']), canonical: {nickname: 'x'}})).rejects.toThrow(/not a canonical field/)
      await w.finish()
    })
    await expect(
      registry.transaction(async (tx) => {
        const ingest = await tx.beginIngest({asOf: '2026-07-01', version: 't'})
        const w = await tx.snapshotWriter({department: 'civil', asOf: '2026-07-01', ingestId: ingest.id, files: [file('a.csv', 'bb')]})
        await w.append(row(0, 2, 'LS430524-0000001', ['1']))
      }),
    ).rejects.toThrow(/snapshot 2 was not finished/)
    expect((await registry.snapshots()).map((s) => s.id)).toEqual([1])
    expect((await registry.ingests()).map((i) => i.id)).toEqual([1])
    expect(await collect(registry.snapshotRows(2))).toEqual([])
    await registry.close()
  })

  it('stage rows before their children are known, two lists at once, and store them as appended ones', async () => {
    const registry = await fresh()
    const people = [['1', '张三', '男', '430524201001011234', '某镇', '某村'], ['2', '李"四', '', '', '某镇\n东', '', '多余'], ODD_CELLS]
    const info = await registry.transaction(async (tx) => {
      const ingest = await tx.beginIngest({asOf: '2026-06-01', version: 't'})
      const civil = await tx.snapshotWriter({department: 'civil', asOf: '2026-06-01', ingestId: ingest.id, files: [file('a.csv', 'aa'), file('b.csv', 'bb')]})
      civil.stage(row(0, 2, '', people[0]!), 'k1')
      civil.stage(row(1, 3, '', people[1]!))
      civil.stage({...row(1, 9, '', people[2]!), canonical: {name: ODD_CELLS[1]!}}, ODD_CELLS[5])
      await expect(civil.place(['x'])).rejects.toThrow(/end staging before placing/)
      civil.endStaging()
      expect(civil.fileRows).toEqual([1, 2])
      // Its appender is closed: another list is staged meanwhile.
      const education = await tx.snapshotWriter({department: 'education', asOf: '2026-06-01', ingestId: ingest.id, files: [file('e.csv', 'ee')]})
      education.stage(row(0, 2, '', people[0]!), 'k1')
      education.endStaging()
      expect((await tx.query<{f: number; i: number; k: string}>(`SELECT * FROM ${civil.stagedKeys} ORDER BY i`))).toEqual([{f: 0, i: 0, k: 'k1'}, {f: 1, i: 2, k: 'a\u0000b'}])
      expect(await civil.stagedRows([2, 1])).toEqual([
        {ordinal: 1, fileIndex: 1, row: 3, cells: people[1]},
        {ordinal: 2, fileIndex: 1, row: 9, cells: ODD_CELLS},
      ])
      await expect(civil.place(['LS430524-0000001'])).rejects.toThrow(/1 child numbers for 3 rows/)
      await expect(civil.place(['LS430524-0000001', 'X', 'LS430524-0000002'])).rejects.toThrow(/row 2 of snapshot 1: not a child number/)
      await expect(education.finish()).rejects.toThrow(/were not placed/)
      await expect(civil.append(row(1, 10, 'LS430524-0000001', ['1']))).rejects.toThrow(/either appended or staged/)
      await civil.place(['LS430524-0000002', 'LS430524-0000001', 'LS430524-0000002'])
      return civil.finish()
    }).catch((error: unknown) => error)
    // The education writer was left unfinished: nothing of the transaction stays.
    expect(String(info)).toMatch(/snapshot 2 was not finished/)
    expect(await registry.snapshots()).toEqual([])

    const stored = await registry.transaction(async (tx) => {
      const ingest = await tx.beginIngest({asOf: '2026-06-01', version: 't'})
      const w = await tx.snapshotWriter({department: 'civil', asOf: '2026-06-01', ingestId: ingest.id, files: [file('a.csv', 'aa'), file('b.csv', 'bb')]})
      w.stage(row(0, 2, '', people[0]!))
      w.stage(row(1, 3, '', people[1]!))
      w.endStaging()
      await w.place(['LS430524-0000002', 'LS430524-0000001'])
      return w.finish()
    })
    expect(stored.files.map((f) => f.rows)).toEqual([1, 1])
    const rows = await collect(registry.snapshotRows(stored.id))
    expect(rows.map((r) => [r.fileIndex, r.row, r.childId, r.cells])).toEqual([
      [0, 2, 'LS430524-0000002', people[0]],
      [1, 3, 'LS430524-0000001', people[1]],
    ])
    expect(rows[0]!.canonical).toMatchObject({name: '张三', idNumber: '430524201001011234'})
    await registry.close()
  })
})
