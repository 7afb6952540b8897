import os from 'node:os'
import {pathToFileURL} from 'node:url'
import {afterEach, describe, expect, it} from 'vitest'

import {workerScript} from '../../../src/io/worker-script.js'
import {tempDir, writeTemp} from '../../helpers/cli.js'

describe('workerScript', () => {
  afterEach(() => {
    delete process.env.LIUSHOU_TEST_THREAD
  })

  it('gives a built script on two cores, and nothing when one thread is asked for or there is no script', () => {
    const script = pathToFileURL(writeTemp(tempDir(), 'worker.js', 'export {}\n'))
    const twoCores = os.availableParallelism() >= 2
    expect(workerScript(script, 'LIUSHOU_TEST_THREAD')).toEqual(twoCores ? script : null)
    process.env.LIUSHOU_TEST_THREAD = 'main'
    expect(workerScript(script, 'LIUSHOU_TEST_THREAD')).toBeNull()
    delete process.env.LIUSHOU_TEST_THREAD
    // Run from the TypeScript sources: the compiled script is not there.
    expect(workerScript(new URL('./no-such-worker.js', import.meta.url), 'LIUSHOU_TEST_THREAD')).toBeNull()
  })
})
