// The section of docs/risk.md on how a parent's state is read, and every written form recognised,
// rendered from the tables the tests check (parent-state-forms.ts) between two markers of that
// page; `npm run docs` splices it in, tests/unit/care/parent-state.test.ts checks it is current.

import {COMBINED_FORMS, type CombinedForm, WRITTEN_FORMS, type WrittenForm} from './parent-state-forms.js'
import {CELL_ROLES, type CellRole, type Incapacity, PARENT_FIELDS, type ParentState} from './parent-state.js'

const ROLE_LABEL: Record<CellRole, string> = {
  status: '父亲状况 / 母亲状况',
  workplace: '父亲务工地 / 母亲务工地',
  health: '父亲健康状况 / 母亲健康状况',
  guardianRelation: '与儿童关系',
  guardianHealth: '监护人健康状况',
  guardianship: '监护类型 / 监护情况',
  parents: '父母情况',
  remarks: '备注',
}

const ROLE_READ: Record<CellRole, string> = {
  status: "the parent's own: a condition alone (重病, 丧失劳动能力) means at home; 是/否 answers 是否外出务工 (a header read into it)",
  workplace: "the parent's own: a condition alone means at home; any other text is a place, so away",
  health: "the parent's own: a condition floats (rule 4)",
  guardianRelation: 'not read by itself: says whose health 监护人健康状况 is, and who 父母一方监护 is',
  guardianHealth: 'the parent’s health when 与儿童关系 is that parent; a condition floats',
  guardianship: 'shared: read through the words for a parent; 父母一方监护 with 与儿童关系 父亲/母亲 is that parent at home and able',
  parents: 'shared: read through the words for a parent (父母均外出务工 is both)',
  remarks: 'shared: read through the words for a parent; a remark naming none is not read',
}

const STATE_TEXT: Record<ParentState, [string, string]> = {
  dead: ['dead', '死亡'],
  prison: ['in prison or compulsory drug rehabilitation', '服刑、强制隔离戒毒'],
  missing: ['missing', '失踪'],
  'home-incapable': ['at home without capacity: ill, disabled, 丧失劳动能力 or 丧失监护能力', '在家但无监护能力'],
  'home-able': ['at home and able to care', '在家且有监护能力'],
  absent: ['divorced or not caring, placed nowhere else', '离异、不履行监护'],
  away: ['away (外出务工, a 务工地 naming a place)', '外出'],
  unknown: ['no cell says', '不详'],
}

const REASON_TEXT: Record<Incapacity, string> = {ill: 'ill', disabled: 'disabled', 'no-capacity': 'no capacity'}

const esc = (s: string): string => s.replace(/\|/g, '\\|')
/** A cell's text as written; ␣ marks an ASCII space (a code span would lose the outer ones). */
const shown = (s: string): string => `\`${esc(s.replace(/ /g, '␣'))}\``
const reasons = (r: readonly Incapacity[] | undefined): string => (r ?? []).map((x) => REASON_TEXT[x]).join(', ')

function formRow(w: WrittenForm): string {
  return `| ${shown(w.text)} | ${w.parent} | \`${w.state}\` | ${reasons(w.reasons)} | ${esc(w.note ?? '')} |`
}

function combinedRow(c: CombinedForm): string {
  const cells = CELL_ROLES.filter((r) => c.cells[r] !== undefined)
    .map((r) => `${PARENT_FIELDS[c.parent][r]} ${shown(c.cells[r]!)}`)
    .join('<br>')
  const by = c.decidedBy.map((r) => PARENT_FIELDS[c.parent][r]).join(', ')
  return `| ${cells} | ${c.parent} | \`${c.state}\`${c.reasons ? ` (${reasons(c.reasons)})` : ''} | ${by} | ${esc(c.note)} |`
}

const SECTIONS: [WrittenForm['cell'], string][] = [
  ['status', 'In the status cell (父亲状况 / 母亲状况)'],
  ['workplace', 'In the workplace cell (父亲务工地 / 母亲务工地)'],
  ['health', "In a health column of the parent's own (父亲健康状况 / 母亲健康状况)"],
  ['remarks', 'In 备注 (remarks)'],
  ['guardianship', 'In 监护类型 / 监护情况'],
  ['parents', 'In 父母情况 (one cell for both parents)'],
]

/** The page, from WRITTEN_FORMS and COMBINED_FORMS. */
export function renderParentStateDoc(): string {
  const out = [
    "## A parent's state · 父母状况",
    '',
    'Rosters seldom have a column for the condition of the parent at home: clerks write it into the',
    "parent's status or 务工地 cell, a remark, or 监护情况. `src/care/parent-state.ts` reads a parent's",
    'state from every cell that may hold it and says which cells decided it (field and text as',
    'written) and, for a parent at home who cannot care, why: ill, disabled, or no capacity.',
    '',
    '| state | meaning | 说明 |',
    '| --- | --- | --- |',
    ...(Object.entries(STATE_TEXT) as [ParentState, [string, string]][]).map(([s, [en, zh]]) => `| \`${s}\` | ${en} | ${zh} |`),
    '',
    '### The cells read',
    '',
    '| cell | father / mother field | how it is read |',
    '| --- | --- | --- |',
    ...CELL_ROLES.map((r) => {
      const f = PARENT_FIELDS.father[r]
      const m = PARENT_FIELDS.mother[r]
      return `| ${ROLE_LABEL[r]} | \`${f}\`${m === f ? '' : ` / \`${m}\``} | ${ROLE_READ[r]} |`
    }),
    '',
    '`x:` fields are columns no canonical field covers, found by their header (`risk` reads them).',
    '',
    '### Rules',
    '',
    '1. A cell is folded first: full-width to half-width, spaces dropped, traditional characters to',
    '   simplified (殘疾 → 残疾). A placeholder (无, /, -, —, 不详, 暂无, #N/A …) says nothing.',
    '2. A text is cut into clauses at the words for a person: 父亲, 爸爸, 其父 … (father), 母亲, 妈妈,',
    '   其母 … (mother), 父母, 双亲, 爸妈 (both; 父亲、母亲 too), anyone else (奶奶, 外婆, 姨妈,',
    "   监护人, 孩子 …: not about a parent). A clause that names no one speaks of the cell's own parent",
    '   in the parent’s own cells, and of no one in the shared cells. 父母一方 and 父或母 say neither.',
    '   In one cell, what is said of one parent by name outranks what is said of both.',
    '3. A clause is read most serious first: dead, prison (not 刑满释放, 缓刑), missing. Then where',
    '   the parent is: at home (在家, 本地, 县内, 务农, 返乡 …; caring, 照顾 or 监护, when the clause',
    '   does not also say away), else divorced or not caring',
    '   (离异, 改嫁, 不管; 离异在家 is at home), else away (外出, 务工, 打工, a province or a big',
    '   city). At home does not count when the clause says the parent left again (节后外出, 返岗) or',
    '   comes home only for the holidays (春节回家). Negations are read: 未外出 and 无法工作 are at',
    '   home, 不在家 and 未返乡 away, 无残疾 and 健康 no condition.',
    '4. A condition (ill: 病, 癌, 住院 …; disabled: 残, 瘫, 聋哑, 肢体二级 …; no capacity: 丧失劳动能力,',
    '   无监护能力, 卧床, 生活不能自理 …) with "at home" is `home-incapable`; with "away" it is `away`.',
    '   Alone, it means at home in the status or workplace cell (written instead of a place); in a',
    '   health cell, a remark or 监护情况 it floats: it makes a parent `home-incapable` unless',
    '   another cell puts the parent away. Any other text in a workplace cell is a place: `away`.',
    '5. The cells are weighed most serious first: `dead` > `prison` > `missing` > `home-incapable` >',
    '   `home-able` > `absent` > `away` > `unknown`. So a 务工地 naming a distant place is away unless',
    '   another cell says the parent is at home. The deciding cells are those that say the winning',
    '   state (for `home-incapable`: the cells placing the parent at home and those with the condition).',
    '',
    '### Several cells of one row',
    '',
    '| cells | parent | state | decided by | why |',
    '| --- | --- | --- | --- | --- |',
    ...COMBINED_FORMS.map(combinedRow),
    '',
    '### Left behind (国发〔2016〕13号)',
    '',
    "`leftBehindBasis(father, mother)` is SPEC's Risk `basis`: `both-away`; `one-away-other-incapable`",
    '(the other parent at home without capacity, dead, in prison or missing — 无监护能力 as local rules',
    'read it); `other` (neither parent at home and able, in any other way: both incapable, one',
    'divorced, nothing recorded …); none when a parent is at home and able — such a child is not',
    'left behind.',
    '',
    '### Written forms recognised',
    '',
    'Each row is a test: the form, alone in its cell, reads as shown, decided by that cell. `␣` marks a space.',
  ]
  for (const [cell, title] of SECTIONS) {
    out.push('', `#### ${title}`, '', '| written | parent | state | why | note |', '| --- | --- | --- | --- | --- |')
    for (const w of WRITTEN_FORMS) if (w.cell === cell) out.push(formRow(w))
  }
  return `${out.join('\n')}\n`
}

export const PARENT_STATE_BEGIN = '<!-- parent-state: generated from src/care/parent-state-forms.ts by `npm run docs`; tests/unit/care/parent-state.test.ts checks it is current -->'
export const PARENT_STATE_END = '<!-- /parent-state -->'

/** A page (docs/risk.md) with its parent-state section, between the markers, rendered afresh. */
export function spliceParentStateDoc(page: string): string {
  const start = page.indexOf(PARENT_STATE_BEGIN)
  const end = page.indexOf(PARENT_STATE_END)
  if (start < 0 || end < start) throw new Error('the page has no parent-state markers')
  return `${page.slice(0, start + PARENT_STATE_BEGIN.length)}\n\n${renderParentStateDoc()}\n${page.slice(end)}`
}
