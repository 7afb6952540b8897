import {describe, expect, it} from 'vitest'

import {runCli} from '../helpers/cli.js'

describe('the liushou command line', () => {
  it('names an unknown command in one line, lists the commands and exits 2', () => {
    const r = runCli(['valdate', 'roster.csv'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^liushou: unknown command "valdate"; commands: .*\bcrosscheck\b.*\bvalidate\b/)
    expect(r.stderr).not.toMatch(/_not-found|_base/)
  })

  it('never echoes an ID number typed after an unknown command', () => {
    const r = runCli(['nosuch', '43010220000101123X', '13812345678'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^liushou: unknown command "nosuch"/)
    expect(r.stderr).not.toContain('43010220000101123X')
    expect(r.stderr).not.toContain('13812345678')
  })

  it('masks an ID number given as the unknown command itself', () => {
    const r = runCli(['43010220000101123X'])
    expect(r.code).toBe(2)
    expect(r.stderr).not.toContain('43010220000101123X')
    expect(r.stderr).toContain('430102********123X')
  })
})
