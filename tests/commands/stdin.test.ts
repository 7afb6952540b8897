// oclif reads a missing argument from stdin when stdin is a pipe: a roster name would then come
// from whatever a pipeline feeds the command. Every argument of liushou ignores stdin.
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {ROOT, runCli} from '../helpers/cli.js'

const CIVIL = path.join(ROOT, 'samples/civil-affairs.csv')

describe('stdin', () => {
  it.each([
    ['risk', ['risk', CIVIL]],
    ['diff', ['diff', CIVIL, CIVIL]],
  ])('is never read as a missing argument (%s)', (_name, args) => {
    const r = runCli([...args, '--json', '--as-of', '2026-09-01'], {input: 'public-security=/no/such/file.csv\n'})
    expect(r.stderr).not.toMatch(/no such file/)
    expect([0, 1]).toContain(r.code)
  })
})
