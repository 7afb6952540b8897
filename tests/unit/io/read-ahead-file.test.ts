import {fstatSync, readSync, readdirSync} from 'node:fs'
import os from 'node:os'
import {describe, expect, it} from 'vitest'

import {ReadAheadWriter, openReadAheadFile, readAheadPiece} from '../../../src/io/read-ahead-file.js'

describe('the read-ahead file', () => {
  it('gives back each piece as written, holds none of it in clear, and leaves no name behind', () => {
    const folders = () => readdirSync(os.tmpdir()).filter((f) => f.startsWith('liushou-ahead-'))
    const before = folders()
    const ahead = openReadAheadFile()!
    try {
      // Unlinked at once: no folder of it in the temporary folder while it is open.
      expect(folders()).toEqual(before)
      expect(fstatSync(ahead.file.fd).nlink).toBe(0)
      const writer = new ReadAheadWriter(ahead.file)
      const first = Buffer.from('张小明|430121201503040011|星沙小学', 'utf8')
      const second = Buffer.from('李四|'.repeat(5000), 'utf8')
      const p1 = writer.write(first)
      const p2 = writer.write(second)
      expect(p2.offset).toBe(p1.offset + p1.length)
      expect(readAheadPiece(ahead.file, p2).equals(second)).toBe(true)
      expect(readAheadPiece(ahead.file, p1).equals(first)).toBe(true)
      const onDisk = Buffer.alloc(p1.length + p2.length)
      readSync(ahead.file.fd, onDisk, 0, onDisk.length, 0)
      expect(onDisk.includes(Buffer.from('430121201503040011'))).toBe(false)
      expect(onDisk.includes(Buffer.from('李四'))).toBe(false)
    } finally {
      ahead.close()
      ahead.close()
    }
  })
})
