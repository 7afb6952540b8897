// A snapshot written out for the checks (src/registry/materialize.ts) is DuckDB's COPY of its
// cells; it must be, byte for byte, the CSV the table writer writes of the same rows verbatim
// (which it was until DuckDB wrote it): the checks' findings and row numbers depend on it.
import {mkdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {createTableWriter} from '../../../src/io/write-table.js'
import {openRegistry} from '../../../src/registry/index.js'
import {materialize, materializeStaged, placeStaged} from '../../../src/registry/materialize.js'
import {cellsUnder, snapshotColumns} from '../../../src/registry/snapshot-columns.js'
import type {SnapshotFileInput, SnapshotInfo} from '../../../src/registry/index.js'
import {tempDirs} from './helpers.js'

const dirs = tempDirs()
afterEach(() => dirs.cleanup())

const FIRST: SnapshotFileInput = {name: 'a.csv', sha256: 'aa', dataset: 'civil', format: 'csv', header: ['姓名', '身份证号', '备注', '村'], fields: ['name', 'idNumber', 'remarks', null]}
// The second file's columns in another order, one of them only there, one only known by its header.
const SECOND: SnapshotFileInput = {name: 'b.csv', sha256: 'bb', dataset: 'civil', format: 'csv', header: ['村', '备注', '电话', '名字'], fields: [null, 'remarks', 'phone', 'name']}

// Cells a CSV, SQL or C string could trip on.
const ODD = ['a,b', 'say "hi"', 'line\nbreak', 'cr\rlf\r\n', '\u0001ctl', '=1+1', '+86 150', ' padded ', '', 'a\u0000b', '"', '😀 引号', "'; DROP TABLE t; --", '-']

const ROWS: {fileIndex: number; row: number; cells: string[]}[] = [
  {fileIndex: 0, row: 2, cells: ['张三', '430524201001011234', 'a,b', '某村']},
  {fileIndex: 0, row: 3, cells: ODD.slice(0, 4)},
  // Ragged rows of the first file are written as they are: one cell too many, one too few.
  {fileIndex: 0, row: 5, cells: [...ODD.slice(4, 8), 'extra']},
  {fileIndex: 0, row: 6, cells: ODD.slice(8, 10)},
  {fileIndex: 0, row: 7, cells: []},
  {fileIndex: 1, row: 2, cells: ODD.slice(10, 14)},
  {fileIndex: 1, row: 3, cells: ['东村', '', '13800000000']},
]

/**
 * The same rows through the table writer: under the first file's columns and then the second
 * file's 电话 (the only column no earlier file has), each row's cells in their columns, then the
 * cells beyond its file's header.
 */
async function reference(file: string, first: SnapshotFileInput): Promise<void> {
  const header = [...first.header, '电话']
  // SECOND's 村 (by header), 备注 (remarks), 电话 (new), 名字 (name).
  const maps = [[0, 1, 2, 3], [3, 2, 4, 0]]
  const writer = await createTableWriter(file, header, {encoding: 'utf8', private: true, verbatim: true})
  for (const r of ROWS) {
    const map = maps[r.fileIndex]!
    const cells = new Array<string>(header.length).fill('')
    r.cells.slice(0, map.length).forEach((c, i) => (cells[map[i]!] = c))
    await writer.write([...cells, ...r.cells.slice(map.length)])
  }
  await writer.close()
}

// A header as odd as the cells: a NUL (which ended the COPY statement's text), a quote, a comma.
const ODD_HEADER: SnapshotFileInput = {...FIRST, header: ['姓\u0000名', "身份'证号", '备,注', '村']}

describe('materialize', () => {
  it.each([
    ['', FIRST],
    [' (an odd header)', ODD_HEADER],
  ])('writes the CSV the table writer writes of the same rows, private, with each line’s origin%s', async (_, first) => {
    const dir = dirs.make()
    const registry = await openRegistry(path.join(dir, 'r.duckdb'), {create: true})
    try {
      const snapshot = await registry.transaction(async (tx) => {
        const ingest = await tx.beginIngest({asOf: '2026-06-01', version: '0.1.0'})
        const writer = await tx.snapshotWriter({department: 'civil-affairs', asOf: '2026-06-01', ingestId: ingest.id, files: [first, SECOND]})
        const ids = await tx.createChildren(ROWS.map(() => '430524'), {ingestId: ingest.id, snapshotId: writer.id})
        for (const [i, r] of ROWS.entries()) await writer.append({...r, canonical: {}, childId: ids[i]!})
        return writer.finish()
      })
      const m = await materialize(registry, snapshot, dir)
      const expected = path.join(dir, 'expected.csv')
      await reference(expected, first)
      expect(readFileSync(m.path).toString('hex')).toBe(readFileSync(expected).toString('hex'))
      expect(statSync(m.path).mode & 0o777).toBe(0o600)
      expect(m.origins.slice(2).map((o) => [o?.fileIndex, o?.row])).toEqual(ROWS.map((r) => [r.fileIndex, r.row]))
      expect(m.origins.slice(0, 2)).toEqual([undefined, undefined])
      expect(new Set(m.origins.slice(2).map((o) => o?.childId)).size).toBe(ROWS.length)
    } finally {
      await registry.close()
    }
  })

  it('writes a new list out as staged, before its rows have children, as the stored snapshot is written; its origins once it is placed', async () => {
    const dir = dirs.make()
    const registry = await openRegistry(path.join(dir, 'r.duckdb'), {create: true})
    try {
      const {staged, placed, ids} = await registry.transaction(async (tx) => {
        const ingest = await tx.beginIngest({asOf: '2026-06-01', version: '0.1.0'})
        const writer = await tx.snapshotWriter({department: 'civil-affairs', asOf: '2026-06-01', ingestId: ingest.id, files: [FIRST, SECOND]})
        for (const r of ROWS) writer.stage({...r, canonical: {}})
        writer.endStaging()
        mkdirSync(path.join(dir, 'staged'))
        const m = await materializeStaged(tx, writer, path.join(dir, 'staged'))
        expect(m.origins).toEqual([undefined, undefined])
        const ids = await tx.createChildren(ROWS.map(() => '430524'), {ingestId: ingest.id, snapshotId: writer.id})
        await writer.place(ids)
        const snapshot = await writer.finish()
        // A placed list is placed once, and as the snapshot it is.
        await expect(placeStaged(tx, m, {...snapshot, id: snapshot.id + 1})).rejects.toThrow(/not the one written out/)
        await placeStaged(tx, m, snapshot)
        await expect(placeStaged(tx, m, snapshot)).rejects.toThrow(/placed before/)
        return {staged: m, placed: snapshot, ids}
      })
      const stored = await materialize(registry, placed, dir)
      expect(readFileSync(staged.path).toString('hex')).toBe(readFileSync(stored.path).toString('hex'))
      expect(statSync(staged.path).mode & 0o777).toBe(0o600)
      expect(staged.snapshot).toEqual(placed)
      expect(staged.origins).toEqual(stored.origins)
      expect(staged.origins.slice(2).map((o) => o?.childId)).toEqual(ids)
    } finally {
      await registry.close()
    }
  })

  it('writes a list of files of one template as they are, and keeps two columns of one field two', () => {
    const snapshot = (files: SnapshotFileInput[]): SnapshotInfo => ({id: 1, department: 'civil-affairs', asOf: '2026-06-01', ingestId: 1, ingestedAt: '', rows: 0, files: files.map((f) => ({...f, rows: 0}))})
    const same = snapshotColumns(snapshot([FIRST, {...FIRST, name: 'c.csv'}]))
    expect(same).toEqual({header: FIRST.header, maps: [[0, 1, 2, 3], [0, 1, 2, 3]], asFirst: true})
    const twoPhones: SnapshotFileInput = {...SECOND, header: ['电话', '名字', '家长电话', '备注', '备注'], fields: ['phone', 'name', 'phone', null, null]}
    const columns = snapshotColumns(snapshot([SECOND, twoPhones]))
    expect(columns.header).toEqual(['村', '备注', '电话', '名字', '家长电话', '备注'])
    expect(columns.maps[1]).toEqual([2, 3, 4, 1, 5])
    expect(columns.asFirst).toBe(false)
    expect(cellsUnder(columns, 1, ['138', '张三', '139', '甲', '乙', '多余'])).toEqual(['', '甲', '138', '张三', '139', '乙', '多余'])
    expect(cellsUnder(columns, 0, ['东村'])).toEqual(['东村', '', '', '', '', ''])
  })
})
