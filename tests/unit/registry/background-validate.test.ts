import {rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {FINDINGS_PER_MESSAGE, validateInBackground} from '../../../src/registry/background-validate.js'
import {findingsOf} from '../../../src/findings/report-findings.js'
import {UserError} from '../../../src/errors.js'
import {validateFiles} from '../../../src/rules/validate.js'
import {tempDir} from '../../helpers/cli.js'

// From the TypeScript sources there is no worker script: validate runs on this thread, started at
// once, its findings handed out in batches as the worker hands them out (the built CLI's worker is
// compared with the main thread in tests/commands/registry-validate-thread.test.ts).

const dir = tempDir('liushou-background-validate-')
afterAll(() => rmSync(dir, {recursive: true, force: true}))
const options = {asOf: '2026-09-01', lang: 'en', mask: 'none', failOn: 'error', includeInfo: true, ageLimit: 16} as const

describe('validateInBackground', () => {
  it('hands out validate’s findings in its order, in batches of at most FINDINGS_PER_MESSAGE', async () => {
    const file = path.join(dir, 'roster.csv')
    const rows = Array.from({length: 3000}, (_, i) => `${i + 1},张${i},男,2010-01-0${(i % 9) + 1},12345,湖南省`)
    writeFileSync(file, ['序号,姓名,性别,出生日期,身份证号,地址', ...rows].join('\n'))
    const inputs = [{file, dataset: 'civil-affairs', department: 'civil-affairs'}]
    const run = validateInBackground(inputs, options)
    const batches = []
    for await (const batch of run.findings()) batches.push(batch)
    run.close()
    const expected = [...findingsOf(await validateFiles(inputs, options))]
    expect(expected.length).toBeGreaterThan(FINDINGS_PER_MESSAGE)
    expect(batches.length).toBe(Math.ceil(expected.length / FINDINGS_PER_MESSAGE))
    expect(batches.every((b) => b.length <= FINDINGS_PER_MESSAGE)).toBe(true)
    expect(batches.flat()).toEqual(expected)
  })

  it('fails when its findings are asked for, with the user’s error, and not before', async () => {
    const run = validateInBackground([{file: path.join(dir, 'missing.csv'), dataset: 'education', department: 'education'}], options)
    // Nothing unhandled while nobody waits for it.
    await new Promise((resolve) => setTimeout(resolve, 50))
    await expect(run.findings().next()).rejects.toBeInstanceOf(UserError)
    run.close()
  })
})
