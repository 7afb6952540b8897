// The public-security (公安) household-register extract: every child (0–17) registered in the
// area's villages, as the 户籍 system exports it — compact dates (20110506), 户号, relation to the
// head of household, and the 人员状态 that tells deaths, moves and cancellations. Written as
// UTF-8 with a byte-order mark (the export tool's choice; Excel opens it without garbling).

import {compact} from './calendar.js'
import type {SheetRow} from './faults.js'
import {type Child, type Population, nameOf} from './population.js'

export const PUBLIC_SECURITY_FILE = 'public-security.csv'

export const PS_HEADER = ['姓名', '性别', '民族', '出生日期', '公民身份号码', '户号', '与户主关系', '户籍地址', '人员状态', '注销原因', '注销日期']

const ORDINALS = ['长', '次', '三', '四', '五']

/** 与户主关系 (GB/T 4761): 孙子/孙女 under a grandfather, else 长子, 次女 … by birth order. */
function relationToHead(c: Child): string {
  const f = c.family
  if (f.grandfatherHeads) return c.male ? '孙子' : '孙女'
  const sameSex = f.children.filter((s) => s.male === c.male)
  const i = sameSex.indexOf(c)
  return `${ORDINALS[i] ?? ''}${c.male ? '子' : '女'}`
}

export interface PublicSecurityRoster {
  header: string[]
  rows: SheetRow[]
  rowOf: Map<Child, SheetRow>
}

export function renderPublicSecurity(pop: Population): PublicSecurityRoster {
  const placeIndex = new Map(pop.area.places.map((p, i) => [p.village.code, i]))
  const registered = pop.children
    .filter((c) => c.registered)
    .sort(
      (a, b) =>
        (placeIndex.get(a.family.place.village.code) ?? 0) - (placeIndex.get(b.family.place.village.code) ?? 0) ||
        a.family.householdNo.localeCompare(b.family.householdNo) ||
        a.birth.localeCompare(b.birth) ||
        a.key.localeCompare(b.key),
    )
  const rowOf = new Map<Child, SheetRow>()
  const rows = registered.map((c, i): SheetRow => {
    const p = c.family.place
    const cells = [
      nameOf(c),
      c.male ? '男' : '女',
      c.ethnicity,
      compact(c.birth),
      c.id,
      c.family.householdNo,
      relationToHead(c),
      `${p.county.fullName}${p.town.name}${p.villageName}${c.family.group}组`,
      c.ps.status,
      c.ps.reason,
      c.ps.date ? compact(c.ps.date) : '',
    ]
    const row: SheetRow = {childId: c.key, cells, row: i + 2}
    rowOf.set(c, row)
    return row
  })
  return {header: PS_HEADER, rows, rowOf}
}
