// Columns no canonical field covers that still tell about a child's care, found by their header
// and read as pseudo-fields `x:…` (父亲健康状况 → `x:fatherHealth`, 父母情况 → `x:parents`,
// 监护能力 → `x:guardianCapacity` …). Here rather than in risk, so that diff reads a parent's
// health or a 父母情况 cell the way risk does (parent-state.ts names these fields in PARENT_FIELDS).

import {normalizeHeader} from '../schema/headers.js'
import type {Column, Roster} from '../schema/roster.js'
import type {CellReader} from './care.js'

const EXTRA_COLUMNS: [field: string, header: RegExp][] = [
  ['x:guardianCapacity', /监护能力|监护条件|监护人能力/],
  ['x:fatherHealth', /^(?:父亲?|爸爸)的?(?:健康|身体)/],
  ['x:motherHealth', /^(?:母亲?|妈妈)的?(?:健康|身体)/],
  ['x:parents', /^(?:父母|双亲)(?:的)?(?:情况|状况|状态|去向|外出|务工|在家|基本情况)|^父母是否|^留守(?:类型|原因|类别)|^外出(?:类型|情况)$/],
  ['x:childAge', /^(?:儿童|学生|幼儿|本人)?(?:年龄|周岁|岁数)$/],
  ['x:guardianAge', /(?:监护人|家长|祖父母|爷爷|奶奶|外公|外婆).*年龄|年龄.*(?:监护人|家长)/],
  ['x:ill', /(?:是否|有无).*(?:重病|大病|患病|疾病|慢性病)/],
  ['x:dropout', /(?:是否|有无).*辍学/],
  ['x:situation', /(?:困境|特殊|家庭|致困)(?:情况|类型|原因)|困难类型|风险情况|帮扶需求/],
]

/** The pseudo-fields of a roster's unmapped columns, with their column indexes. */
export function extraColumns(columns: readonly Column[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const c of columns) {
    if (c.field) continue
    const h = normalizeHeader(c.header)
    if (!h) continue
    for (const [field, re] of EXTRA_COLUMNS) {
      if (!out.has(field) && re.test(h)) {
        out.set(field, c.index)
        break
      }
    }
  }
  return out
}

const EXTRAS = new WeakMap<Pick<Roster, 'columns'>, Map<string, number>>()

/** extraColumns of a roster, found once per roster. */
export function extraColumnsOf(roster: Pick<Roster, 'columns'>): Map<string, number> {
  let x = EXTRAS.get(roster)
  if (x === undefined) {
    x = extraColumns(roster.columns)
    EXTRAS.set(roster, x)
  }
  return x
}

/**
 * A reader of one row's cells by canonical field or pseudo-field. `readable` is the number of
 * cells that sit at their columns (all of a regular row; fewer of a ragged one, whose later cells
 * are shifted): a field beyond it reads as undefined, like a column the roster does not have.
 */
export function rowReader(roster: Pick<Roster, 'columns' | 'fieldIndex'>, cells: readonly string[], readable: number): CellReader {
  const extra = extraColumnsOf(roster)
  return (field) => {
    const i = field.startsWith('x:') ? extra.get(field) : roster.fieldIndex.get(field)
    return i === undefined || i >= readable ? undefined : (cells[i] ?? '')
  }
}

/** The header of the column a field or pseudo-field is read from. */
export function headerOf(roster: Pick<Roster, 'columns' | 'fieldIndex'>, field: string): string | undefined {
  const i = field.startsWith('x:') ? extraColumnsOf(roster).get(field) : roster.fieldIndex.get(field)
  return i === undefined ? undefined : roster.columns[i]?.header
}
