// oclif reads a missing argument from stdin when stdin is a pipe: a roster name would then come
// from whatever a pipeline feeds the command. Every argument of liushou ignores stdin.
import {spawnSync} from 'node:child_process'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {BIN, ROOT} from '../helpers/cli.js'

const CIVIL = path.join(ROOT, 'samples/civil-affairs.csv')

describe('stdin', () => {
  it.each([
    ['risk', `risk '${CIVIL}'`],
    ['diff', `diff '${CIVIL}' '${CIVIL}'`],
    ['crosscheck', `crosscheck 'civil-affairs=${CIVIL}' 'education=${path.join(ROOT, 'samples/education.xlsx')}'`],
  ])('is never read as a missing argument (%s, in a shell pipeline)', (_name, args) => {
    const r = spawnSync('sh', ['-c', `printf 'public-security=/no/such/file.csv\\n' | '${process.execPath}' '${BIN}' ${args} --json --as-of 2026-09-01`], {cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: {...process.env, LANG: 'en_US.UTF-8'}})
    expect(r.stderr).not.toMatch(/no such file/)
    expect([0, 1]).toContain(r.status)
  })
})
