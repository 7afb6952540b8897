import {execFileSync} from 'node:child_process'
import {createReadStream, lstatSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {UserError} from '../../../src/errors.js'
import {writeFileAtomic} from '../../../src/io/atomic-write.js'

const dir = mkdtempSync(path.join(tmpdir(), 'liushou-atomic-unit-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('writeFileAtomic', () => {
  it('replaces a regular file whole', async () => {
    const file = path.join(dir, 'out.txt')
    writeFileSync(file, 'old')
    await writeFileAtomic(file, ['new ', 'content'])
    expect(readFileSync(file, 'utf8')).toBe('new content')
  })

  it('writes into a pipe or device as it is, never renaming a file over it (--output /dev/null as root)', async () => {
    const fifo = path.join(dir, 'pipe')
    execFileSync('mkfifo', [fifo])
    const read = new Promise<string>((resolve) => {
      let text = ''
      createReadStream(fifo, 'utf8')
        .on('data', (d) => (text += d))
        .on('end', () => resolve(text))
    })
    await writeFileAtomic(fifo, 'through the pipe')
    expect(await read).toBe('through the pipe')
    expect(lstatSync(fifo).isFIFO()).toBe(true)
  })

  it('refuses a folder in one line', async () => {
    await expect(writeFileAtomic(dir, 'x')).rejects.toBeInstanceOf(UserError)
  })
})
