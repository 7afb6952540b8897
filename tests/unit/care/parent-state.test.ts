import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {describe, expect, it} from 'vitest'

import {spliceParentStateDoc} from '../../../src/care/parent-state-doc.js'
import {COMBINED_FORMS, WRITTEN_FORMS} from '../../../src/care/parent-state-forms.js'
import {
  CELL_ROLES,
  PARENT_FIELDS,
  type ParentState,
  PARENT_STATE_CACHE_SIZE,
  clearParentStateCaches,
  parentStateCacheSizes,
  leftBehindBasis,
  readParent,
  readParents,
  whichParent,
} from '../../../src/care/parent-state.js'
import {CODE_LISTS} from '../../../src/schema/code-lists.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

describe('one written form in one cell', () => {
  it('the table has at least 60 forms, none twice', () => {
    expect(WRITTEN_FORMS.length).toBeGreaterThanOrEqual(60)
    const keys = WRITTEN_FORMS.map((w) => `${w.cell}|${w.parent}|${w.text}`)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it.each(WRITTEN_FORMS.map((w) => [w.cell, w.text, w.parent, w.state, w] as const))('%s %s → %s %s', (_cell, _text, _parent, _state, w) => {
    const r = readParent(w.parent, {[w.cell]: w.text})
    expect(r.state).toBe(w.state)
    expect(r.reasons).toEqual(w.reasons ?? [])
    // The deciding cell is the one written in, with its raw text; none when nothing is read.
    expect(r.cells).toEqual(w.state === 'unknown' ? [] : [{field: PARENT_FIELDS[w.parent][w.cell], text: w.text}])
  })
})

describe('several cells of one row', () => {
  it.each(COMBINED_FORMS.map((c) => [c.parent, JSON.stringify(c.cells), c.state, c] as const))('%s %s → %s', (_parent, _cells, _state, c) => {
    const r = readParent(c.parent, c.cells)
    expect(r.state).toBe(c.state)
    expect(r.reasons).toEqual(c.reasons ?? [])
    expect(r.cells).toEqual(c.decidedBy.map((role) => ({field: PARENT_FIELDS[c.parent][role], text: c.cells[role]})))
  })

  it('reads both parents through a cell getter, by field name', () => {
    const row: Record<string, string> = {fatherStatus: '外出务工', fatherWorkplace: '广东东莞', motherWorkplace: '在家（残疾）', remarks: '母亲残疾，父亲在外'}
    const {father, mother} = readParents((field) => row[field])
    expect(father).toEqual({state: 'away', reasons: [], cells: [{field: 'fatherStatus', text: '外出务工'}, {field: 'fatherWorkplace', text: '广东东莞'}, {field: 'remarks', text: '母亲残疾，父亲在外'}]})
    expect(mother).toEqual({state: 'home-incapable', reasons: ['disabled'], cells: [{field: 'motherWorkplace', text: '在家（残疾）'}, {field: 'remarks', text: '母亲残疾，父亲在外'}]})
  })

  it('reads the fields a caller names', () => {
    const fields = {
      father: {...PARENT_FIELDS.father, health: '父亲身体状况'},
      mother: {...PARENT_FIELDS.mother, health: '母亲身体状况'},
    }
    const row: Record<string, string> = {父亲身体状况: '健康', 母亲身体状况: '瘫痪在床'}
    const {father, mother} = readParents((field) => row[field], fields)
    expect(father.state).toBe('unknown')
    expect(mother).toEqual({state: 'home-incapable', reasons: ['disabled'], cells: [{field: '母亲身体状况', text: '瘫痪在床'}]})
    // The same texts under the default names report the default names (the cache keeps them apart).
    expect(readParent('mother', {health: '瘫痪在床'}).cells).toEqual([{field: 'x:motherHealth', text: '瘫痪在床'}])
  })

  it('gives the same frozen reading for the same texts, and forgets nothing it needs when cleared', () => {
    const a = readParent('father', {status: '在家（残疾）'})
    const b = readParent('father', {status: '在家（残疾）'})
    expect(b).toBe(a)
    expect(Object.isFrozen(a) && Object.isFrozen(a.cells) && Object.isFrozen(a.reasons)).toBe(true)
    clearParentStateCaches()
    const c = readParent('father', {status: '在家（残疾）'})
    expect(c).not.toBe(a)
    expect(c).toEqual(a)
  })

  it('keeps its caches bounded, and reads right after forgetting', () => {
    clearParentStateCaches()
    const cells = (i: number) => ({status: '外出务工', remarks: `母亲在家（残疾）${i}`})
    // Each text read twice: the second read moves it from probation into the main cache.
    const first = readParent('mother', cells(0))
    expect(readParent('mother', cells(0))).toBe(first)
    const n = PARENT_STATE_CACHE_SIZE + 5000
    for (let i = 1; i < n; i++) {
      readParent('mother', cells(i))
      readParent('mother', cells(i))
    }
    const bound = PARENT_STATE_CACHE_SIZE + PARENT_STATE_CACHE_SIZE / 32
    const sizes = parentStateCacheSizes()
    expect(sizes.texts).toBeLessThanOrEqual(bound)
    expect(sizes.readings).toBeLessThanOrEqual(bound)
    // The first remark was forgotten: read again, it gives an equal reading (not a stale one).
    const again = readParent('mother', cells(0))
    expect(again).not.toBe(first)
    expect(again).toEqual({state: 'home-incapable', reasons: ['disabled'], cells: [{field: 'remarks', text: '母亲在家（残疾）0'}]})
  })

  it('texts read once do not push out the texts read again and again', () => {
    clearParentStateCaches()
    const hot = readParent('father', {status: '在家（残疾）'})
    expect(readParent('father', {status: '在家（残疾）'})).toBe(hot)
    for (let i = 0; i < PARENT_STATE_CACHE_SIZE * 2; i++) readParent('father', {status: '外出务工', remarks: `父亲外出务工${i}`})
    expect(readParent('father', {status: '在家（残疾）'})).toBe(hot)
  })

  it('a row with no cells is unknown', () => {
    expect(readParents(() => undefined)).toEqual({father: {state: 'unknown', reasons: [], cells: []}, mother: {state: 'unknown', reasons: [], cells: []}})
  })
})

describe('the parentStatus code list', () => {
  const expected: Record<string, ParentState> = {
    在家: 'home-able',
    外出务工: 'away',
    服刑: 'prison',
    死亡: 'dead',
    失踪: 'missing',
    重病: 'home-incapable',
    残疾: 'home-incapable',
    丧失监护能力: 'home-incapable',
  }
  const values = CODE_LISTS.parentStatus.values.flatMap((v) => [v.value, ...v.synonyms].map((text) => [text, v.value] as const))
  it.each(values)('%s (%s) reads as its value', (text, value) => {
    expect(expected[value]).toBeDefined()
    expect(readParent('mother', {status: text}).state).toBe(expected[value])
  })
})

describe('which parent a text speaks of', () => {
  it.each([
    ['父亲在家（残疾）', 'father'],
    ['母亲重病在家', 'mother'],
    ['爸爸外出', 'father'],
    ['妈妈在家', 'mother'],
    ['父母均外出务工', 'both'],
    ['父亲、母亲均在外', 'both'],
    ['父亲外出，母亲在家', 'both'],
    ['外祖父母照顾', undefined],
    ['奶奶残疾', undefined],
    ['姨妈照顾', undefined],
    ['父母一方外出', undefined],
    ['补报', undefined],
  ] as const)('%s → %s', (text, who) => {
    expect(whichParent(text)).toBe(who)
  })
})

describe('left-behind basis (国发〔2016〕13号)', () => {
  it.each([
    ['away', 'away', 'both-away'],
    ['away', 'home-incapable', 'one-away-other-incapable'],
    ['home-incapable', 'away', 'one-away-other-incapable'],
    ['away', 'dead', 'one-away-other-incapable'],
    ['prison', 'away', 'one-away-other-incapable'],
    ['away', 'missing', 'one-away-other-incapable'],
    ['away', 'absent', 'other'],
    ['away', 'unknown', 'other'],
    ['home-incapable', 'home-incapable', 'other'],
    ['dead', 'dead', 'other'],
    ['unknown', 'unknown', 'other'],
    ['away', 'home-able', undefined],
    ['home-able', 'dead', undefined],
    ['home-able', 'home-able', undefined],
  ] as const)('%s + %s → %s', (father, mother, basis) => {
    expect(leftBehindBasis(father, mother)).toBe(basis)
  })

  it('takes readings too', () => {
    const {father, mother} = readParents((field) => ({fatherWorkplace: '浙江义乌', motherStatus: '在家（重病）'})[field])
    expect(leftBehindBasis(father, mother)).toBe('one-away-other-incapable')
  })
})

describe('the roles', () => {
  it('every role has a field for each parent, and the shared ones are the same field', () => {
    for (const role of CELL_ROLES) {
      expect(PARENT_FIELDS.father[role]).toBeTruthy()
      expect(PARENT_FIELDS.mother[role]).toBeTruthy()
    }
    for (const role of ['guardianRelation', 'guardianHealth', 'guardianship', 'parents', 'remarks'] as const) expect(PARENT_FIELDS.father[role]).toBe(PARENT_FIELDS.mother[role])
  })
})

describe("docs/risk.md's section on a parent's state", () => {
  it('is rendered from the tables of forms (npm run docs)', () => {
    const page = readFileSync(path.join(ROOT, 'docs/risk.md'), 'utf8')
    expect(page).toBe(spliceParentStateDoc(page))
    // Every form of the table is on the page.
    for (const w of WRITTEN_FORMS) expect(page).toContain(w.text.replace(/\|/g, '\\|').replace(/ /g, '␣'))
  })
})
