import {afterAll} from 'vitest'

import {removeTempDirs} from './helpers/cli.js'

// Run before each test file (vitest setupFiles): its folders from tempDir() go when it ends,
// whether its tests passed or failed.
afterAll(() => removeTempDirs())
