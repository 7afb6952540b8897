import {mkdirSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {loadCrosscheckConfig} from '../../../src/crosscheck/config.js'
import {tempDir, writeTemp} from '../../helpers/cli.js'

describe('a dataset of the crosscheck configuration given as several files', () => {
  it('takes a path list, a folder or a glob, relative to the configuration file, in the order written', () => {
    const dir = tempDir('liushou-xc-config-')
    mkdirSync(path.join(dir, '学籍'))
    for (const name of ['b.xlsx', 'a.csv', '~$b.xlsx']) writeTemp(path.join(dir, '学籍'), name, 'x')
    mkdirSync(path.join(dir, '户籍'))
    for (const name of ['430121.csv', '430181.csv', '430181.txt.bak']) writeTemp(path.join(dir, '户籍'), name, 'x')
    const file = writeTemp(
      dir,
      'xc.yaml',
      ['datasets:', '  - department: 民政', '    path: [民政/一.csv, 民政/二.xlsx]', '  - department: 教育', '    path: 学籍/', '  - department: 公安', "    path: '户籍/4301??.csv'"].join('\n'),
    )
    const config = loadCrosscheckConfig(file)
    expect(config.datasets.map((d) => [d.name, d.files.map((f) => path.relative(dir, f))])).toEqual([
      ['civil-affairs', [path.join('民政', '一.csv'), path.join('民政', '二.xlsx')]],
      ['education', [path.join('学籍', 'a.csv'), path.join('学籍', 'b.xlsx')]],
      ['public-security', [path.join('户籍', '430121.csv'), path.join('户籍', '430181.csv')]],
    ])
  })

  it('refuses an empty path list and a glob that matches nothing, naming the file', () => {
    const dir = tempDir('liushou-xc-config-')
    const empty = writeTemp(dir, 'a.yaml', ['datasets:', '  - department: 民政', '    path: []', '  - department: 教育', '    path: b.csv'].join('\n'))
    expect(() => loadCrosscheckConfig(empty)).toThrow(/path/)
    const none = writeTemp(dir, 'b.yaml', ['datasets:', '  - department: 民政', '    path: a.csv', '  - department: 教育', "    path: '学籍*.xlsx'"].join('\n'))
    expect(() => loadCrosscheckConfig(none)).toThrow('matches no roster')
  })
})
