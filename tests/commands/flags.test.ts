// Shared flags are parsed once (commands/_flags.ts): the same bounds and the same message in every
// command that takes them.
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {ROOT, runCli} from '../helpers/cli.js'

const S = (f: string) => path.join(ROOT, 'samples', f)
const CIVIL = S('civil-affairs.csv')
const COMMANDS: [string, string[]][] = [
  ['dedupe', ['dedupe', CIVIL]],
  ['crosscheck', ['crosscheck', `civil-affairs=${CIVIL}`, `public-security=${S('public-security.csv')}`]],
  ['diff', ['diff', CIVIL, S('civil-affairs-supplement.csv')]],
  ['risk', ['risk', CIVIL]],
]

describe('--match and --possible', () => {
  it.each(COMMANDS)('%s refuses a probability out of (0, 1] with one message, exit 2', (_name, args) => {
    for (const [flag, value] of [['--match', '1.5'], ['--possible', '0'], ['--match', 'x']] as const) {
      const r = runCli([...args, flag, value, '--json', '--as-of', '2026-09-01'])
      expect(r.code).toBe(2)
      expect(r.stderr).toBe(`liushou: ${flag} must be a probability above 0 and at most 1, not "${value}"\n`)
    }
    const crossed = runCli([...args, '--match', '0.7', '--possible', '0.9', '--json'])
    expect(crossed.stderr).toBe('liushou: --possible must not be above --match\n')
  })

  it.each(COMMANDS)('%s accepts --match 1 (only certain pairs)', (_name, args) => {
    const r = runCli([...args, '--match', '1', '--json', '--as-of', '2026-09-01'])
    expect([0, 1]).toContain(r.code)
  })
})

describe('sample', () => {
  it('checks --as-of like every command, in one line', () => {
    const r = runCli(['sample', '--output', path.join(ROOT, 'never-written'), '--as-of', '2026-02-30'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('liushou: --as-of must be a real date written YYYY-MM-DD, not "2026-02-30"\n')
  })
})
