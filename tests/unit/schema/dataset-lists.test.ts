import {mkdirSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {UserError} from '../../../src/errors.js'
import {expandGlob, globPattern, parseDepartmentLists, parseListArg, parseListArgs, rostersIn} from '../../../src/schema/dataset-lists.js'
import {tempDir, writeTemp} from '../../helpers/cli.js'

/** A folder of a department's files, an Excel lock file, a hidden file and a file that is no roster among them. */
function departmentFolder(): string {
  const dir = tempDir('liushou-lists-')
  for (const name of ['b-县.xlsx', 'a-县.csv', 'c-县.tsv', '~$b-县.xlsx', '.~a-县.csv', 'readme.md', '学籍(1).xlsx']) writeTemp(dir, name, 'x')
  mkdirSync(path.join(dir, 'sub.csv'))
  return dir
}

describe('a department given as a folder or a glob', () => {
  it('reads a folder’s rosters in name order, passing over lock files, hidden files, other files and folders', () => {
    const dir = departmentFolder()
    expect(rostersIn(dir).map((f) => path.basename(f))).toEqual(['a-县.csv', 'b-县.xlsx', 'c-县.tsv', '学籍(1).xlsx'])
  })

  it('refuses a folder without a roster, naming it', () => {
    const dir = tempDir('liushou-lists-')
    writeTemp(dir, '~$花名册.xlsx', 'x')
    expect(() => rostersIn(dir)).toThrow(UserError)
    expect(() => rostersIn(dir)).toThrow(expect.objectContaining({file: dir}))
  })

  it('expands * and ? in the file name, literally otherwise, lock files passed over', () => {
    const dir = departmentFolder()
    expect(expandGlob(path.join(dir, '*.xlsx')).map((f) => path.basename(f))).toEqual(['b-县.xlsx', '学籍(1).xlsx'])
    expect(expandGlob(path.join(dir, '?-县.*')).map((f) => path.basename(f))).toEqual(['a-县.csv', 'b-县.xlsx', 'c-县.tsv'])
    expect(expandGlob(path.join(dir, '学籍(1).xls?')).map((f) => path.basename(f))).toEqual(['学籍(1).xlsx'])
    expect(globPattern('a.c*').test('abc.csv')).toBe(false)
    expect(() => expandGlob(path.join(dir, '*.json'))).toThrow('matches no roster')
    expect(() => expandGlob(path.join(dir, '*', 'x.csv'))).toThrow('only the file name')
  })
})

describe('parseListArgs', () => {
  it('makes one list of a department’s files, given by id or Chinese name, in the order given', () => {
    const dir = departmentFolder()
    const a = path.join(dir, 'a-县.csv')
    const b = path.join(dir, 'b-县.xlsx')
    const lists = parseListArgs([`民政=${path.join(dir, 'c-县.tsv')}`, `education=${b}`, `教育=${a}`, `education=${b}`])
    expect(lists).toEqual([
      {files: [path.join(dir, 'c-县.tsv')], dataset: 'civil-affairs', department: 'civil-affairs'},
      // b named twice is read once.
      {files: [b, a], dataset: 'education', department: 'education'},
    ])
  })

  it('reads a folder as one list (named after it without NAME=), a glob without NAME= as its files one by one', () => {
    const dir = departmentFolder()
    expect(parseListArgs([dir])).toEqual([{files: rostersIn(dir), dataset: path.basename(dir)}])
    expect(parseListArgs([`education=${dir}`])).toEqual([{files: rostersIn(dir), dataset: 'education', department: 'education'}])
    const glob = path.join(dir, '?-县.*')
    expect(parseListArgs([glob]).map((l) => l.files.length)).toEqual([1, 1, 1])
    expect(parseListArgs([`教育=${glob}`])).toEqual([{files: expandGlob(glob), dataset: 'education', department: 'education'}])
    // diff's OLD and NEW: one argument, one snapshot, a glob's files too.
    expect(parseListArg(glob).files).toEqual(expandGlob(glob))
    expect(parseListArg(path.join(dir, 'a-县.csv'))).toEqual({files: [path.join(dir, 'a-县.csv')]})
  })

  it('keeps a dataset name that is no department, merges its files, and refuses a Chinese name that is no department', () => {
    const lists = parseListArgs(['county=a.csv', 'county=b.csv', 'c.csv'])
    expect(lists).toEqual([{files: ['a.csv', 'b.csv'], dataset: 'county'}, {files: ['c.csv']}])
    expect(() => parseListArgs(['学校=a.csv'])).toThrow('"学校" is no department')
  })

  it('keeps a path that contains = and exists as a path', () => {
    const dir = tempDir('liushou-lists-')
    const odd = writeTemp(dir, 'x=y.csv', 'a')
    expect(parseListArgs([odd])).toEqual([{files: [odd]}])
  })

  it('gives the registry the same folders and globs', () => {
    const dir = departmentFolder()
    expect(parseDepartmentLists([`公安=${path.join(dir, '*.csv')}`, `公安=${path.join(dir, 'b-县.xlsx')}`])).toEqual([{department: 'public-security', files: [path.join(dir, 'a-县.csv'), path.join(dir, 'b-县.xlsx')]}])
  })
})
