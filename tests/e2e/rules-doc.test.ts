import {readFileSync, rmSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {VALIDATE_CODES} from '../../src/findings/codes/validate.js'
import {type RuleExamples, renderRulesDoc} from '../../src/rules/doc.js'
import {validateFiles} from '../../src/rules/validate.js'
import {ROOT, tempDir, writeTemp} from '../helpers/cli.js'

const data = JSON.parse(readFileSync(path.join(ROOT, 'docs/rule-examples.json'), 'utf8')) as RuleExamples

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, {recursive: true, force: true})
})

async function codesOf(header: string[], rows: string[][], flags: string[] = []): Promise<string[]> {
  const dir = tempDir()
  dirs.push(dir)
  const file = writeTemp(dir, 'roster.csv', [header, ...rows].map((r) => r.join(',')).join('\n') + '\n')
  const report = await validateFiles([{file}], {asOf: data.asOf, lang: 'en', mask: 'ids', includeInfo: true, failOn: 'error', ageLimit: 16, checkEligibility: flags.includes('--check-eligibility')})
  return report.findings.map((f) => f.code)
}

describe('docs/rules.md examples', () => {
  it('covers every validate code', () => {
    expect(data.examples.map((e) => e.code).sort()).toEqual(Object.keys(VALIDATE_CODES).sort())
  })

  for (const example of data.examples) {
    it(`${example.code} fires on the failing row and not on its passing twin`, async () => {
      expect(await codesOf(example.failHeader ?? example.header, example.fail, example.flags)).toContain(example.code)
      expect(await codesOf(example.header, example.pass, example.flags)).not.toContain(example.code)
    })
  }

  it('a rule that needs a flag stays silent without it', async () => {
    for (const example of data.examples.filter((e) => e.flags && e.flags.length > 0)) {
      expect(await codesOf(example.failHeader ?? example.header, example.fail), example.code).not.toContain(example.code)
    }
  })

  it('docs/rules.md is up to date with the examples (npm run docs)', () => {
    expect(readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8')).toBe(renderRulesDoc(data))
  })
})

describe('docs/schema.md', () => {
  it('is up to date with the fields, synonyms, code lists and change reasons (npm run docs)', async () => {
    const {renderSchemaDoc} = await import('../../src/schema/doc.js')
    expect(readFileSync(path.join(ROOT, 'docs/schema.md'), 'utf8')).toBe(renderSchemaDoc())
  })
})
