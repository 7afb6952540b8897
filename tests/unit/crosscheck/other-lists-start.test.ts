// The other lists' reader starts once the first pass has no workbook left to read
// (crosscheck.ts otherListsStartAfter): a workbook has a thread of its own in the first pass.
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {otherListsStartAfter} from '../../../src/crosscheck/crosscheck.js'
import {isWorkbookFile} from '../../../src/io/open.js'
import {tempDir, writeTemp} from '../../helpers/cli.js'

describe('isWorkbookFile', () => {
  it('goes by the zip signature, not the name', () => {
    const dir = tempDir()
    expect(isWorkbookFile(writeTemp(dir, 'a.xlsx', Buffer.from('PK\x03\x04rest of a zip', 'latin1')))).toBe(true)
    expect(isWorkbookFile(writeTemp(dir, 'renamed.csv', Buffer.from('PK\x03\x04rest', 'latin1')))).toBe(true)
    expect(isWorkbookFile(writeTemp(dir, 'b.csv', '姓名,身份证号\n'))).toBe(false)
    expect(isWorkbookFile(writeTemp(dir, 'short.xlsx', 'PK'))).toBe(false)
    expect(isWorkbookFile(path.join(dir, 'missing.xlsx'))).toBe(false)
  })
})

describe('otherListsStartAfter', () => {
  it('is the last list with a workbook, else the first', () => {
    const dir = tempDir()
    const csv = writeTemp(dir, 'a.csv', '姓名\n')
    const xlsx = writeTemp(dir, 'b.xlsx', Buffer.from('PK\x03\x04', 'latin1'))
    const lists = (...files: string[][]) => ({datasets: files.map((f) => ({files: f}))}) as unknown as Parameters<typeof otherListsStartAfter>[0]
    expect(otherListsStartAfter(lists([csv], [csv], [csv]))).toBe(0)
    expect(otherListsStartAfter(lists([csv], [xlsx, xlsx], [csv]))).toBe(1)
    expect(otherListsStartAfter(lists([csv], [csv, xlsx], [csv]))).toBe(1)
    expect(otherListsStartAfter(lists([xlsx], [csv], [csv]))).toBe(0)
    expect(otherListsStartAfter(lists([csv], [csv], [xlsx]))).toBe(2)
  })
})
