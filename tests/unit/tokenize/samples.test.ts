import {readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {parseDate} from '../../../src/cn/dates.js'
import {analyzeId} from '../../../src/cn/id-number.js'
import {checkName} from '../../../src/cn/names.js'
import {pinyinKey} from '../../../src/cn/pinyin.js'
import {toSimplified} from '../../../src/cn/variants.js'
import {detectLang} from '../../../src/options.js'
import {type Roster, type RosterRow, openRoster} from '../../../src/schema/roster.js'
import {keyFromBytes} from '../../../src/tokens/key.js'
import {tokenMarker} from '../../../src/tokens/marker.js'
import {type TokenizedRecord, readTokenizedRow} from '../../../src/tokens/record.js'
import {type TokenizeResult, tokenizeFile} from '../../../src/tokenize/tokenize.js'
import {bestBirthLevel, compareIdTokens, diceSimilarity} from '../../../src/tokens/tokens.js'
import {ROOT, tempDir} from '../../helpers/cli.js'

// The samples hold the faults real rosters have (homophones, lunar birthdays, Excel-damaged and
// mistyped IDs, other date formats): what links the plain files must still link the tokenized
// ones. Plain agreement is read here with the cn/ primitives, not the link engine.

const SAMPLES = path.join(ROOT, 'samples')
const FILES = ['civil-affairs.csv', 'civil-affairs-supplement.csv', 'public-security.csv', 'education.xlsx']
const KEY = Buffer.from('6f1d2c9a8b7e4f3051a2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718', 'hex')

interface Plain {
  file: string
  row: number
  id?: string
  pinyin?: string
  birth?: string
}

async function rowsOf(roster: Roster): Promise<RosterRow[]> {
  const out: RosterRow[] = []
  for await (const row of roster.rows) out.push(row)
  return out
}

const cell = (roster: Roster, row: RosterRow, field: string): string => {
  const i = roster.fieldIndex.get(field)
  return i === undefined ? '' : (row.cells[i] ?? '')
}

const truth = new Map<string, string>()
const plain: Plain[] = []
const tokens = new Map<string, TokenizedRecord>()
const results = new Map<string, TokenizeResult>()
const inputRows = new Map<string, number[]>()

beforeAll(async () => {
  for (const line of readFileSync(path.join(SAMPLES, 'truth.csv'), 'utf8').replace(/^\ufeff/, '').split(/\r?\n/).slice(1)) {
    const [file, row, child] = line.split(',')
    if (file && row && child) truth.set(`${file}:${row}`, child)
  }
  const dir = tempDir()
  for (const file of FILES) {
    const roster = await openRoster(path.join(SAMPLES, file))
    const rows = await rowsOf(roster)
    inputRows.set(file, rows.map((r) => r.ref.row))
    for (const row of rows) {
      if (row.ragged !== undefined) continue
      const p: Plain = {file, row: row.ref.row}
      const a = analyzeId(cell(roster, row, 'idNumber'))
      if (a.canonical && !a.problem) p.id = a.canonical
      const n = checkName(cell(roster, row, 'name'))
      if (!n.invalid) p.pinyin = pinyinKey(toSimplified(n.cleaned))
      const d = parseDate(cell(roster, row, 'birthDate'))
      if (d.kind === 'date') p.birth = d.iso
      else if (a.birth) p.birth = a.birth.iso
      plain.push(p)
    }
    const output = path.join(dir, `tok-${file}`)
    const result = await tokenizeFile(path.join(SAMPLES, file), {
      asOf: '2026-09-01',
      lang: detectLang(),
      mask: 'ids',
      includeInfo: false,
      failOn: 'error',
      key: keyFromBytes(Buffer.from(KEY)),
      output,
      keep: new Set(['birthYear', 'gender', 'county']),
      outputEncoding: 'utf8-bom',
      inPlace: false,
    })
    results.set(file, result)
    const tokenized = await openRoster(output)
    expect(tokenMarker(tokenized)?.key).toBe(result.fingerprint)
    for (const row of await rowsOf(tokenized)) tokens.set(`${file}:${row.ref.row}`, readTokenizedRow(tokenized, row))
  }
})

describe('tokenized samples', () => {
  it('keep every row where it was: row N of a tokenized file is row N of its roster (ragged rows reported)', () => {
    for (const file of FILES) {
      const out = [...tokens.keys()].filter((k) => k.startsWith(`${file}:`)).map((k) => Number(k.split(':')[1]))
      const ragged = results.get(file)!.ragged
      expect(out, file).toEqual(inputRows.get(file)!.filter((r) => !ragged.includes(r)))
      expect(results.get(file)!.rows).toBe(inputRows.get(file)!.length)
    }
    // The sample's one ragged row, where faults.json says it is.
    const planted = (JSON.parse(readFileSync(path.join(SAMPLES, 'faults.json'), 'utf8')) as {faults: {file: string; code: string; row: number}[]}).faults
    expect(results.get('civil-affairs.csv')!.ragged).toEqual(planted.filter((f) => f.file === 'civil-affairs.csv' && f.code === 'ROW_RAGGED').map((f) => f.row))
  })

  it('agree wherever the plain rosters agree on the same child: ID, name reading, birth date', () => {
    let plainAgree = 0
    let tokenAgree = 0
    for (let i = 0; i < plain.length; i++) {
      for (let j = i + 1; j < plain.length; j++) {
        const a = plain[i]!
        const b = plain[j]!
        const child = truth.get(`${a.file}:${a.row}`)
        const ta = tokens.get(`${a.file}:${a.row}`)!
        const tb = tokens.get(`${b.file}:${b.row}`)!
        const idLevel = compareIdTokens(ta.id, tb.id)
        if (a.id && b.id) expect(idLevel, `${a.file}:${a.row} ${b.file}:${b.row}`).toBe(a.id === b.id ? 'exact' : 'different-valid')
        if (child === undefined || child !== truth.get(`${b.file}:${b.row}`)) continue
        const dice = ta.name && tb.name ? diceSimilarity(ta.name, tb.name) : 0
        if (a.pinyin && b.pinyin && a.pinyin === b.pinyin) expect(dice).toBe(1)
        const birth = bestBirthLevel(ta.births, tb.births)
        if (a.birth && b.birth && a.birth === b.birth) expect(birth).toBe('exact')
        if ((a.id && a.id === b.id) || (a.pinyin && a.pinyin === b.pinyin && a.birth && a.birth === b.birth)) plainAgree++
        if (['exact', 'one-substitution', 'adjacent-swap', 'excel-prefix', 'same-invalid'].includes(idLevel) || (dice === 1 && ['exact', 'lunar-gregorian', 'day-month-swap', 'year-month'].includes(birth))) tokenAgree++
      }
    }
    expect(plainAgree).toBeGreaterThan(400)
    expect(tokenAgree).toBeGreaterThanOrEqual(Math.ceil(plainAgree * 0.98))
  })

  it('hold no ID number, mobile number or address in clear', async () => {
    const ids = new Set(plain.map((p) => p.id).filter((x): x is string => x !== undefined))
    for (const file of FILES) {
      const result = results.get(file)!
      expect(result.columns.filter((c) => ['address', 'hukouAddress', 'remarks'].includes(c.field ?? '')).every((c) => c.action === 'dropped')).toBe(true)
    }
    const dir = tempDir()
    const output = path.join(dir, 'check.csv')
    await tokenizeFile(path.join(SAMPLES, 'civil-affairs.csv'), {
      asOf: '2026-09-01',
      lang: 'en',
      mask: 'ids',
      includeInfo: false,
      failOn: 'error',
      key: keyFromBytes(Buffer.from(KEY)),
      output,
      keep: new Set(['birthYear', 'gender', 'county']),
      outputEncoding: 'utf8',
      inPlace: false,
    })
    const text = readFileSync(output, 'utf8')
    for (const id of ids) expect(text).not.toContain(id)
    expect(text).not.toMatch(/(?<![0-9A-Za-z_-])1[3-9]\d{9}(?![0-9A-Za-z_-])/)
    expect(text).not.toContain('组,') // house addresses (…村3组) are dropped
  })
})
