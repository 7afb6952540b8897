import {expect, it} from 'vitest'

import {formatJson} from '../../../src/report/formatters/json.js'
import type {Report} from '../../../src/findings/model.js'

it('streams exactly what JSON.stringify would write, key order included', () => {
  const base: Report = {tool: 'liushou', version: '1', command: 'validate', asOf: 'x', generatedAt: 'y', inputs: [{dataset: 'a', file: 'a', format: 'csv', rows: 1}], summary: {rows: 1, findings: 0, errors: 0, warnings: 0, infos: 0, byCode: {}}, findings: []}
  expect(formatJson(base)).toBe(JSON.stringify(base, null, 2) + '\n')
  const two: Report = {
    ...base,
    findings: [
      {dataset: 'a', file: 'a', row: 2, code: 'ID_CHECKSUM', severity: 'error', message: 'm', fingerprint: '00000000000000aa', related: [{dataset: 'a', file: 'a', row: 3}]},
      {dataset: 'a', file: 'a', row: 3, code: 'NOT_CANONICAL', severity: 'info', message: 'n', fingerprint: '00000000000000bb'},
    ],
    breakdown: [{level: 'county', unit: 'u', rows: 1, byCode: {}}],
  }
  expect(formatJson(two)).toBe(JSON.stringify(two, null, 2) + '\n')
})

it('writes valid JSON when a streamed list yields more or fewer items than its length says', () => {
  const base: Report = {tool: 'liushou', version: '1', command: 'dedupe', asOf: 'x', generatedAt: 'y', inputs: [], summary: {rows: 0, findings: 0, errors: 0, warnings: 0, infos: 0, byCode: {}}, findings: []}
  const items = [{id: 'c1'}, {id: 'c2'}, {id: 'c3'}]
  for (const length of [1, 5]) {
    const list = {length, *[Symbol.iterator]() {
      yield* items
    }}
    const report = {...base, clusters: list} as unknown as Report
    expect(JSON.parse(formatJson(report)).clusters).toEqual(items)
  }
})
