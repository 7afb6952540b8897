import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {findRecord} from '../../../src/link/explain.js'
import {linkStore} from '../../../src/link/link.js'
import {RosterLoader} from '../../../src/link/load.js'
import {plainRecords} from '../../../src/link/plain/plain.js'
import {RecordStore} from '../../../src/link/records.js'
import {tempDir, writeTemp} from '../../helpers/cli.js'
import {child, id} from './helpers.js'

describe('a dataset of several files in the record store', () => {
  /** education: a.xlsx rows 2–3, b.csv rows 2–3; police: one file. */
  const make = () => {
    const s = new RecordStore()
    const plain = plainRecords(s)
    s.beginDataset('education', 'edu/a.xlsx', 'education')
    plain.add({row: 2, ...child()})
    plain.add({row: 3, ...child({name: '王芳', idNumber: id('43012120160101002')})})
    expect(s.nextFile('edu/b.csv')).toBe(1)
    plain.add({row: 2, ...child({name: '张三', idNumber: id('43012120170101003')})})
    plain.add({row: 3, ...child()})
    s.beginDataset('police', 'police.csv')
    plain.add({row: 2, ...child()})
    return s
  }

  it('names each record’s own file and row, and keeps them once the values are let go', () => {
    const s = make()
    const refs = Array.from({length: s.size}, (_, i) => s.ref(i))
    expect(refs).toEqual([
      {dataset: 'education', file: 'edu/a.xlsx', row: 2},
      {dataset: 'education', file: 'edu/a.xlsx', row: 3},
      {dataset: 'education', file: 'edu/b.csv', row: 2},
      {dataset: 'education', file: 'edu/b.csv', row: 3},
      {dataset: 'police', file: 'police.csv', row: 2},
    ])
    expect(s.datasets.map((d) => [d.dataset, d.files, d.count])).toEqual([
      ['education', ['edu/a.xlsx', 'edu/b.csv'], 4],
      ['police', ['police.csv'], 1],
    ])
    expect([s.label(2), s.label(4)]).toEqual(['education:b.csv:2', 'police:2'])
    s.releaseValues()
    expect(Array.from({length: s.size}, (_, i) => s.ref(i))).toEqual(refs)
  })

  it('finds a record by DATASET:FILE:ROW, FILE:ROW and DATASET:ROW (the first file with that row)', () => {
    const s = make()
    expect(findRecord(s, 'education:b.csv:3')).toBe(3)
    expect(findRecord(s, 'b.csv:2')).toBe(2)
    expect(findRecord(s, 'edu/a.xlsx:3')).toBe(1)
    expect(findRecord(s, 'education:3')).toBe(1)
    expect(findRecord(s, 'police:2')).toBe(4)
    expect(findRecord(s, 'education:c.csv:2')).toBeUndefined()
  })

  it('links a child on two files of one dataset as a duplicate within the list, members in file then row order', () => {
    const s = make()
    const {clustering} = linkStore(s, {})
    const c = clustering.clusters[clustering.matchOf[0]!]!
    expect(c.members).toEqual([0, 3, 4])
    expect(c.members.map((m) => s.label(m))).toEqual(['education:a.xlsx:2', 'education:b.csv:3', 'police:2'])
  })
})

describe('RosterLoader.loadList', () => {
  it('reads a list’s files into one dataset, each file’s rows numbered on their own, a file’s info each', async () => {
    const dir = tempDir('liushou-loadlist-')
    const a = writeTemp(dir, 'a.csv', `姓名,性别,身份证号,出生日期\n李子涵,女,${id('43012120150304002')},2015-03-04\n王芳,女,${id('43012120160101002')},2016-01-01\n`)
    // Another file of the list may order and name its columns otherwise.
    const b = writeTemp(dir, 'b.csv', `学生姓名,身份证件号,性别\n张三,${id('43012120170101003')},男\n`)
    const store = new RecordStore()
    const loader = new RosterLoader(store, {})
    const seen: string[] = []
    const progress: number[] = []
    const list = await loader.loadList({files: [a, b], dataset: 'education', department: 'education'}, (l, roster) => seen.push(`${path.basename(roster.source.file)}:${l.row.ref.row}:${l.index}`), (n) => progress.push(n))
    expect(list.position).toBe(0)
    expect(list.files.map((f) => [path.basename(f.info.file), f.info.dataset, f.info.department, f.info.rows])).toEqual([
      ['a.csv', 'education', 'education', 2],
      ['b.csv', 'education', 'education', 1],
    ])
    expect(seen).toEqual(['a.csv:2:0', 'a.csv:3:1', 'b.csv:2:2'])
    expect(Array.from(store.file.subarray(0, store.size))).toEqual([0, 0, 1])
    expect(store.datasets).toHaveLength(1)
    expect(store.ref(2)).toEqual({dataset: 'education', file: b, row: 2})
    // A second list is a dataset of its own.
    const other = await loader.loadList({files: [a]})
    expect(other.position).toBe(1)
    expect(other.files[0]!.info.dataset).toBe('a')
  })
})
