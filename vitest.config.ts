import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // Removes the temporary folders each test file made (tests/helpers/cli.ts tempDir).
    setupFiles: ['tests/setup-cleanup.ts'],
    // @oclif/test captures process.stdout itself; vitest's interception would hide it.
    disableConsoleIntercept: true,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
})
