import path from 'node:path'
import {describe, expect, it} from 'vitest'

import type {Finding} from '../../../src/findings/model.js'
import {DATED_CODES} from '../../../src/rules/dated.js'
import {validateFiles} from '../../../src/rules/validate.js'
import {ROOT} from '../../helpers/cli.js'

// The registry checks a snapshot it checked before for the DATED_CODES alone and carries every
// other finding over (src/registry/carry.ts). That is right only if no other finding depends on
// the as-of date: the samples (every code of validate, births from 2004 to 2026) checked at dates
// years apart must find the others the same, texts and fingerprints included; and a check for
// the dated codes alone must find exactly the full check's dated findings.

const S = (f: string) => path.join(ROOT, 'samples', f)
const inputs = [
  {file: S('civil-affairs.csv'), dataset: 'civil-affairs', department: 'civil-affairs'},
  {file: S('education.xlsx'), dataset: 'education', department: 'education'},
  {file: S('public-security.csv'), dataset: 'public-security', department: 'public-security'},
]
const DATES = ['2012-03-01', '2026-09-01', '2026-12-31', '2031-02-28']
const options = (asOf: string) => ({asOf, lang: 'zh', mask: 'none', failOn: 'error', includeInfo: true, ageLimit: 16}) as const

const undated = (findings: Iterable<Finding>) => [...findings].filter((f) => !DATED_CODES.has(f.code))

describe('DATED_CODES', () => {
  it('are the only findings that change with the as-of date', async () => {
    const reports = await Promise.all(DATES.map((d) => validateFiles(inputs, options(d))))
    // The dates do change what is found: the dated codes differ between them.
    const dated = reports.map((r) => JSON.stringify(r.findings.filter((f) => DATED_CODES.has(f.code))))
    expect(new Set(dated).size).toBe(DATES.length)
    const first = JSON.stringify(undated(reports[0]!.findings))
    expect(JSON.parse(first).length).toBeGreaterThan(300)
    for (const r of reports.slice(1)) expect(JSON.stringify(undated(r.findings))).toBe(first)
  }, 60_000)

  it('are what a check of the dated rules alone finds, fingerprints and order included', async () => {
    for (const asOf of DATES) {
      const full = await validateFiles(inputs, options(asOf))
      const alone = await validateFiles(inputs, {...options(asOf), datedOnly: new Set(inputs.map((i) => i.dataset))})
      expect(JSON.stringify(alone.findings)).toBe(JSON.stringify(full.findings.filter((f) => DATED_CODES.has(f.code))))
    }
  }, 60_000)
})
