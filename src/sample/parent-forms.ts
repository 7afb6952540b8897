// The condition of a parent at home who cannot care, written the ways village clerks write it
// (issue: "care facts where rosters actually write them"). Rosters seldom have a column for it:
// the clerk puts it into the parent's status (在家（残疾）, 重病在家, 在家，肢体二级), the 务工地
// (本地（精神残疾）, written instead of a place), or 备注 (母亲重病在家). Such a child — one parent
// away, the other at home without capacity — is left behind (国发〔2016〕13号): `risk` must raise
// RISK_GUARDIAN_INCAPABLE and rate the child medium or higher with basis
// one-away-other-incapable, `diff` must see the child as left behind, and validate's eligibility
// rule must stay silent. Each row written so is listed in faults.json (`careForms`) and FAULTS.md
// with that expected outcome. Kept apart from civil-affairs.ts so that other sample work merges
// cleanly: renderCivilAffairs calls writeParentConditions once and places the rows afterwards.

import type {Child} from './population.js'
import type {Random} from './random.js'
import type {SheetRow} from './faults.js'

/** The cells of a civil-affairs row this module writes. */
interface ParentCells {
  fatherStatus: string
  fatherWorkplace: string
  motherStatus: string
  motherWorkplace: string
  remarks: string
}

/** What renderCivilAffairs passes: the child, the row's values by field, its sheet row, whether faults may use it. */
export interface FormRow {
  child: Child
  v: ParentCells
  sheet: SheetRow
  used: boolean
}

/** A row written with a parent's condition, and what a correct reading of it gives. */
export interface CareForm {
  file: string
  row: number
  childId: string
  /** The parent at home who cannot care. */
  parent: 'father' | 'mother'
  /** The cells that say so, as written (field, header, text). */
  cells: {field: string; column: string; value: string}[]
  /** The expected reading: the parent at home without capacity … */
  state: 'home-incapable'
  /** … so risk raises this factor, rates the child medium or high … */
  factor: 'RISK_GUARDIAN_INCAPABLE'
  /** … and gives this basis; diff counts the child as left behind. */
  basis: 'one-away-other-incapable'
  description: string
}

type Condition = '重病' | '残疾'
type Who = 'father' | 'mother'
const WORD: Record<Who, string> = {father: '父亲', mother: '母亲'}
const HEADERS: Record<keyof ParentCells, string> = {fatherStatus: '父亲状况', fatherWorkplace: '父亲务工地', motherStatus: '母亲状况', motherWorkplace: '母亲务工地', remarks: '备注'}

interface Written {
  status: string
  workplace: string
  remark?: string
  description: string
}

// Each form: what goes into the parent's status and 务工地 cells (and 备注), by condition.
const FORMS: [weight: number, form: (c: Condition, who: Who, other: Who) => Written][] = [
  [2, (c) => ({status: c, workplace: '', description: `the code-list value ${c} in the status`})],
  [3, (c) => ({status: `在家（${c}）`, workplace: '', description: 'at home, the condition in full-width parentheses, in the status'})],
  [2, (c) => ({status: `在家(${c})`, workplace: '', description: 'at home, half-width parentheses, in the status'})],
  [2, (c) => ({status: `${c}在家`, workplace: '', description: 'condition first (重病在家), in the status'})],
  [1, (c) => ({status: `在家-${c}`, workplace: '', description: 'at home and the condition joined by a dash, in the status'})],
  [2, (c) => (c === '重病' ? {status: '在家务农（患病）', workplace: '', description: 'farming at home, ill, in the status'} : {status: '在家，肢体二级', workplace: '', description: 'at home with a disability grade, in the status'})],
  [1, (c) => (c === '重病' ? {status: '在家（尿毒症，透析）', workplace: '', description: 'at home with the illness named, in the status'} : {status: '在家（殘疾）', workplace: '', description: 'traditional characters (殘疾), in the status'})],
  [1, () => ({status: '丧失劳动能力', workplace: '', description: 'unable to work, in the status'})],
  [3, (c) => ({status: '', workplace: `在家（${c}）`, description: 'written in the 务工地 instead of a place'})],
  [2, (c) => ({status: '', workplace: c === '重病' ? '重病在家' : '本地（精神残疾）', description: c === '重病' ? '重病在家 in the 务工地' : 'local, with the kind of disability, in the 务工地'})],
  [2, (c, who) => ({status: '在家', workplace: '', remark: `${WORD[who]}${c}在家`, description: 'the status says at home, 备注 says the parent is ill or disabled'})],
  [1, (c, who) => ({status: '在家', workplace: '', remark: c === '重病' ? `${WORD[who]}患癌症，丧失劳动能力` : `${WORD[who]}肢体残疾二级`, description: 'the condition named in 备注'})],
  [1, (c, who, other) => ({status: '', workplace: '', remark: `${WORD[other]}外出务工，${WORD[who]}在家（${c}）`, description: 'both parents described in 备注 only, the status cells left empty'})],
]

/**
 * Rewrites the rows of children whose parent at home is ill or disabled (重病, 残疾 in the
 * population) in one of the forms above, and marks those rows used so that no injected fault
 * lands on them. Returns the rows written, to list once their row numbers are known.
 */
export function writeParentConditions(rows: FormRow[], rng: Random): {row: FormRow; parent: Who; description: string}[] {
  const out: {row: FormRow; parent: Who; description: string}[] = []
  for (const r of rows) {
    const f = r.child.family
    const who: Who | undefined =
      f.father.status === '外出务工' && (f.mother.status === '重病' || f.mother.status === '残疾')
        ? 'mother'
        : f.mother.status === '外出务工' && (f.father.status === '重病' || f.father.status === '残疾')
          ? 'father'
          : undefined
    if (who === undefined) continue
    const other: Who = who === 'father' ? 'mother' : 'father'
    // Siblings of one family are written alike, as one clerk writes one household.
    const form = rng.fork(f.key).weighted(FORMS.map(([w, fn]) => [fn, w] as const))
    const written = form(f[who].status as Condition, who, other)
    if (who === 'father') {
      r.v.fatherStatus = written.status
      r.v.fatherWorkplace = written.workplace
    } else {
      r.v.motherStatus = written.status
      r.v.motherWorkplace = written.workplace
    }
    if (written.remark !== undefined) r.v.remarks = written.remark
    r.used = true
    out.push({row: r, parent: who, description: `${WORD[who]} ${f[who].status}, at home; ${WORD[other]} away: ${written.description}`})
  }
  return out
}

/**
 * A child still listed after the mother came home (NOT_LEFT_BEHIND, found with validate
 * --check-eligibility): an only child, so that one row says it, of a family whose parents both
 * worked away.
 */
export function parentHomeEligible(child: Child): boolean {
  const f = child.family
  return f.children.length === 1 && f.father.status === '外出务工' && f.mother.status === '外出务工'
}

/** Writes the mother at home and able on the row, through the roster's fault recorder. */
export function plantParentHome(row: FormRow, fault: (code: string, field: 'motherStatus', description: string, value: string) => void): void {
  fault('NOT_LEFT_BEHIND', 'motherStatus', 'the mother came home and looks after the child, who is still listed as left behind (validate --check-eligibility)', '在家')
  row.v.motherWorkplace = ''
}

/** The manifest entries of the rows written, once their Excel rows are set. */
export function careForms(file: string, written: {row: FormRow; parent: Who; description: string}[]): CareForm[] {
  return written
    .map(({row, parent, description}) => {
      const fields: (keyof ParentCells)[] = parent === 'father' ? ['fatherStatus', 'fatherWorkplace', 'remarks'] : ['motherStatus', 'motherWorkplace', 'remarks']
      const cells = fields.filter((k) => row.v[k] !== '').map((k) => ({field: k, column: HEADERS[k], value: row.v[k]}))
      const form: CareForm = {file, row: row.sheet.row, childId: row.child.key, parent, cells, state: 'home-incapable', factor: 'RISK_GUARDIAN_INCAPABLE', basis: 'one-away-other-incapable', description}
      return form
    })
    .sort((a, b) => a.row - b.row)
}

/** The FAULTS.md section listing them. */
export function careFormsMarkdown(forms: readonly CareForm[]): string[] {
  if (forms.length === 0) return []
  const esc = (s: string): string => s.replace(/\|/g, '\\|')
  return [
    '',
    "## A parent at home who cannot care, as clerks write it (not faults)",
    '',
    'One parent away, the other at home ill or disabled: a left-behind child (国发〔2016〕13号). The condition is written',
    "where rosters write it — the parent's status, the 务工地 instead of a place, or 备注. Expected: the parent read as",
    'at home without capacity, `risk` gives `RISK_GUARDIAN_INCAPABLE`, a medium or high level and basis',
    '`one-away-other-incapable`; `diff` counts the child as left behind; `validate --check-eligibility` says nothing.',
    '',
    '| row | child | parent | cells as written | how |',
    '| --- | --- | --- | --- | --- |',
    ...forms.map((f) => `| ${f.file}:${f.row} | ${f.childId} | ${f.parent} | ${f.cells.map((c) => `${c.column} \`${esc(c.value)}\``).join('<br>')} | ${esc(f.description)} |`),
  ]
}
