// NOT_LEFT_BEHIND (`validate --check-eligibility`): a child on a left-behind roster whose own row
// shows a parent at home and able to care is not left behind by the definition of 国发〔2016〕13号
// (both parents away, or one away and the other without guardianship capacity). The parents are
// read as risk and diff read them (src/care/parent-state.ts): 在家（残疾） or 重病在家 is a parent at
// home who cannot care — such a child is left behind — while 在家, 在家务农, 返乡 or 父母一方监护
// with that parent as the guardian is a parent who can. The finding names the cells that say so.

import {readCare} from '../care/care.js'
import {headerOf, rowReader} from '../care/columns.js'
import type {DecidingCell, Parent} from '../care/parent-state.js'
import type {RowContext} from './context.js'

const PARENT_WORD = {zh: {father: '父亲', mother: '母亲'}, en: {father: 'father', mother: 'mother'}} as const

/** NOT_LEFT_BEHIND on the row when a parent is at home and able to care. */
export function checkEligibility(ctx: RowContext): void {
  // Only a left-behind roster (its kind: --kind, else its department) lists children as left behind.
  if (ctx.options.checkEligibility !== true || !ctx.applies('NOT_LEFT_BEHIND')) return
  const row = ctx.row
  const care = readCare(rowReader(ctx.roster, row.cells, row.cells.length))
  const parent: Parent | undefined = care.father.state === 'home-able' ? 'father' : care.mother.state === 'home-able' ? 'mother' : undefined
  if (parent === undefined) return
  const cells = care[parent].cells
  // 与儿童关系 only says whose 父母一方监护 it is: the guardianship cell is the one the finding sits on.
  const main = cells.find((c) => c.field !== 'guardianRelation') ?? cells[0]
  if (main === undefined) return
  const lang = ctx.options.lang
  const header = (c: DecidingCell): string => headerOf(ctx.roster, c.field) ?? c.field
  const names = [...new Set(cells.map(header))].join(lang === 'zh' ? '、' : ', ')
  const canonical = !main.field.startsWith('x:')
  ctx.emit({
    code: 'NOT_LEFT_BEHIND',
    ...(canonical ? {field: main.field} : {}),
    column: header(main),
    value: main.text,
    params: {cells: names, parent: PARENT_WORD[lang][parent]},
    ...(cells.length > 1
      ? {related: cells.filter((c) => c !== main).map((c) => ({...row.ref, ...(c.field.startsWith('x:') ? {} : {field: c.field}), value: c.text}))}
      : {}),
  })
}
