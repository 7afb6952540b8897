import {existsSync} from 'node:fs'
import {getPriority} from 'node:os'
import {Worker} from 'node:worker_threads'

import {describe, expect, it} from 'vitest'

import {BACKGROUND_NICE, lowerThread, threadId} from '../../../src/io/thread-priority.js'

// A thread that says its id and waits to be told to end.
const WAITING_THREAD = `
const {parentPort} = require('node:worker_threads')
parentPort.postMessage(require('node:fs').readlinkSync('/proc/thread-self'))
parentPort.once('message', () => process.exit(0))
`

describe('thread priority', () => {
  it('reads the thread id from /proc/thread-self, and none from anything else', () => {
    expect(threadId(() => '4021/task/4033')).toBe(4033)
    expect(threadId(() => 'self')).toBeUndefined()
    expect(threadId(() => {
      throw Object.assign(new Error('no /proc'), {code: 'ENOENT'})
    })).toBeUndefined()
    expect(lowerThread(undefined, BACKGROUND_NICE)).toBe(false)
  })

  it.runIf(existsSync('/proc/thread-self'))('lowers one thread of the process, never raises it', async () => {
    const worker = new Worker(WAITING_THREAD, {eval: true})
    try {
      const link = await new Promise<string>((resolve, reject) => {
        worker.once('message', resolve)
        worker.once('error', reject)
      })
      const id = threadId(() => link)!
      expect(id).not.toBe(process.pid)
      // A thread starts at its parent's value: under `nice` already, it may be nicer than asked.
      const before = getPriority()
      expect(lowerThread(id, BACKGROUND_NICE)).toBe(before < BACKGROUND_NICE)
      expect(getPriority(id)).toBe(Math.max(before, BACKGROUND_NICE))
      // The process's other threads (this one among them) keep theirs.
      expect(getPriority()).toBe(before)
      expect(lowerThread(id, BACKGROUND_NICE - 5)).toBe(false)
      expect(getPriority(id)).toBe(Math.max(before, BACKGROUND_NICE))
    } finally {
      worker.postMessage('end')
      await new Promise((resolve) => worker.once('exit', resolve))
    }
  })
})
