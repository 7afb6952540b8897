import {describe, expect, it} from 'vitest'

import {LinkListBuilder} from '../../../src/crosscheck/link-list.js'
import {RecordStore} from '../../../src/link/records.js'
import {formatJson} from '../../../src/report/formatters/json.js'
import {defineListed} from '../../../src/findings/listed.js'

// Three lists, one with a file name JSON must escape and no department.
function store(): RecordStore {
  const s = new RecordStore()
  const lists: [string, string, string | undefined, number][] = [
    ['civil-affairs', '民政/花名册.csv', 'civil-affairs', 3],
    ['education', 'C:\\学籍\\"2026".csv', 'education', 2],
    ['extra', 'extra.csv', undefined, 2],
  ]
  for (const [dataset, file, department, rows] of lists) {
    s.beginDataset(dataset, file, department)
    for (let r = 0; r < rows; r++) s.add({row: r + 2})
  }
  return s
}

describe('the link list', () => {
  const s = store()
  const builder = new LinkListBuilder()
  builder.add('M0007', 0.99994, [0, 3])
  builder.add('M0012', 1, [1, 2, 4, 5])
  builder.add('M0003', 0.5, [3, 6])
  const departments = s.datasets.map((d) => d.department)
  const list = builder.build(s, departments, Int32Array.from([2, 0, 1]))

  it('reads back as Link objects in the order given, members as references with their department', () => {
    const links = [...list]
    expect(links.map((l) => l.id)).toEqual(['M0003', 'M0007', 'M0012'])
    expect(links[1]).toEqual({
      id: 'M0007',
      score: 0.9999,
      members: [
        {dataset: 'civil-affairs', file: '民政/花名册.csv', row: 2, department: 'civil-affairs'},
        {dataset: 'education', file: 'C:\\学籍\\"2026".csv', row: 2, department: 'education'},
      ],
    })
    expect(links[0]!.members[1]).toEqual({dataset: 'extra', file: 'extra.csv', row: 3})
  })

  it('writes JSON exactly as JSON.stringify writes the objects', () => {
    const streamed = formatJson(defineListed({tool: 'liushou', findings: [] as unknown[]}, 'links', list) as never)
    const plain = formatJson({tool: 'liushou', findings: [], links: [...list]} as never)
    expect(streamed).toBe(plain)
    expect(JSON.parse(streamed).links).toEqual([...list])
  })
})
