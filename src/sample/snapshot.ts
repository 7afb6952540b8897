// "Next quarter": a second snapshot of the sample civil-affairs roster, derived deterministically
// from the first (and from the public-security list), for trying `liushou diff` and `risk`. It
// tells the stories of dynamic management (动态管理) that diff must tell apart: children who
// turned 16, who died or moved away (as public security records), whose parents came home, one
// who vanished without a reason, newborns and newly listed children, real changes (a new phone, a
// new school, an illness, a new address) and format-only rewrites that are no change at all.
// Rows are renumbered and shift, so that only linkage, not row position, can follow a child.
// The manifest lists every finding diff should give.

import {readFile} from 'node:fs/promises'
import path from 'node:path'

import {ageAt, parseDate} from '../cn/dates.js'
import {analyzeId, checkDigit} from '../cn/id-number.js'
import {UserError} from '../errors.js'
import {writeFileAtomic} from '../io/atomic-write.js'
import {writeTable} from '../io/write-table.js'
import {lookupCode} from '../schema/code-lists.js'
import {type Roster, openRoster} from '../schema/roster.js'
import {careBasis, readCare} from '../care/care.js'
import {rowReader} from '../care/columns.js'
import {addDays, compact} from './calendar.js'
import {childGiven} from './names.js'
import {Random} from './random.js'
import type {RisksManifest} from './risk-truth.js'

export const NEXT_SNAPSHOT_FILE = 'civil-affairs-next.csv'
export const NEXT_SNAPSHOT_MANIFEST = 'civil-affairs-next.json'

export interface SnapshotOptions {
  /** The first snapshot (the sample civil-affairs roster). */
  source: string
  /** The public-security list: children it records dead or moved out leave the roster. */
  publicSecurity?: string
  /** truth.csv of the samples (the hidden child behind each row), when there is one. */
  truth?: string
  /** Where to write the next snapshot (.csv, GB18030 like the first) and its manifest (.json). */
  output: string
  manifest?: string
  seed?: number
  /** The first snapshot's date (default: the latest 填报日期 it holds). */
  oldAsOf?: string
  /** The next snapshot's date (default: three months after the first). */
  asOf?: string
  /** risks.json of the samples: the basis of each row (which families have a parent who cannot care). */
  risks?: string
  /** Stories per 1,000 rows (parents back home, children gone without a reason …); default one of each. */
  stories?: number
  /**
   * New entries per 1,000 rows (newborn siblings of listed children, and families newly listed,
   * two to one); default two newborns and one family.
   */
  entries?: number
}

export type ExpectedCode =
  | 'DIFF_ENTERED'
  | 'DIFF_CHANGED'
  | 'DIFF_EXIT_AGED_OUT'
  | 'DIFF_EXIT_MOVED_OUT'
  | 'DIFF_EXIT_PARENTS_RETURNED'
  | 'DIFF_EXIT_DECEASED'
  | 'DIFF_EXIT_UNEXPLAINED'

export interface ExpectedFinding {
  code: ExpectedCode
  /** The row the finding sits on: the new snapshot's for entries and changes, the old one's for exits. */
  file: string
  row: number
  /** The other snapshot's row, when the child is on both. */
  related?: number
  field?: string
  value?: string
  expected?: string
  description: string
}

export interface SnapshotManifest {
  tool: 'liushou'
  kind: 'snapshot'
  version: 1
  seed: number
  old: {file: string; asOf: string; rows: number}
  new: {file: string; asOf: string; rows: number}
  expected: ExpectedFinding[]
  byCode: Record<string, number>
  /** Rows rewritten in another format only: diff must report nothing on them. */
  formatOnly: {file: string; row: number; field: string; description: string}[]
}

interface Row {
  /** Row number in the old snapshot (undefined for a new entry). */
  oldRow?: number
  cells: string[]
  child: string
  description?: string
}

const ADULT_GIVEN_MALE = ['建国', '志强', '国华', '永红', '海军', '小平', '建军', '卫东']
const ADULT_GIVEN_FEMALE = ['秀英', '桂兰', '小红', '春梅', '丽华', '玉兰', '翠英', '美玲']

function threeMonthsAfter(iso: string): string {
  const [y, m, d] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))]
  const month = m + 3
  const year = y + Math.floor((month - 1) / 12)
  const mm = ((month - 1) % 12) + 1
  return `${year}-${String(mm).padStart(2, '0')}-${String(Math.min(d, 28)).padStart(2, '0')}`
}

function csvLines(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(','))
}

/** Derives the next snapshot and writes it with its manifest. */
export async function deriveNextSnapshot(options: SnapshotOptions): Promise<SnapshotManifest> {
  const seed = options.seed ?? 42
  const rng = new Random(seed)
  let roster: Roster
  try {
    roster = await openRoster(options.source)
  } catch (error) {
    throw error instanceof UserError ? error : new UserError({en: `cannot read the first snapshot: ${(error as Error).message}`, zh: `无法读取上一期名单：${(error as Error).message}`}, options.source)
  }
  const f = roster.fieldIndex
  const col = (field: string): number => {
    const i = f.get(field)
    if (i === undefined) throw new UserError({en: `the first snapshot has no ${field} column: not a sample roster`, zh: `上一期名单没有 ${field} 列：不是仿真名单`}, options.source)
    return i
  }
  const C = {
    seq: col('seq'), name: col('name'), gender: col('gender'), id: col('idNumber'), birth: col('birthDate'), address: col('address'),
    schoolStatus: col('schoolStatus'), school: col('school'), health: col('health'), type: col('guardianshipType'), guardian: col('guardianName'),
    guardianId: col('guardianIdNumber'), relation: col('guardianRelation'), phone: col('guardianPhone'), father: col('fatherName'), fatherId: col('fatherIdNumber'),
    fatherStatus: col('fatherStatus'), fatherWork: col('fatherWorkplace'), mother: col('motherName'), motherStatus: col('motherStatus'),
    motherWork: col('motherWorkplace'), reportDate: col('reportDate'), remarks: f.get('remarks'),
  }
  const source: {row: number; cells: string[]}[] = []
  for await (const r of roster.rows) source.push({row: r.ref.row, cells: [...r.cells]})
  const width = roster.columns.length
  const header = roster.columns.map((c) => c.header)
  const above = roster.preamble.filter((r) => r.row < roster.headerRow).map((r) => [...r.cells])

  // The hidden child behind each row: truth.csv when given, else the ID number.
  const truth = new Map<number, string>()
  const base = path.basename(options.source)
  if (options.truth) {
    for (const [file, row, child] of csvLines(await readFile(options.truth, 'utf8')).slice(1)) {
      if (file === base && row && child) truth.set(Number(row), child)
    }
  }
  const idOf = (cells: string[]): string | undefined => {
    const a = analyzeId(cells[C.id] ?? '')
    return a.canonical && !a.problem ? a.canonical : undefined
  }
  const rows: Row[] = source.map((s) => ({oldRow: s.row, cells: s.cells, child: truth.get(s.row) ?? idOf(s.cells) ?? `row${s.row}`}))
  const rowsOf = new Map<string, Row[]>()
  for (const r of rows) rowsOf.set(r.child, [...(rowsOf.get(r.child) ?? []), r])

  const count = options.stories === undefined ? 1 : Math.max(1, Math.round((options.stories * rows.length) / 1000))
  // Why each old row's child is left behind: the generator's truth when given, else the row read as risk reads it.
  const truthBasis = new Map<number, string>()
  if (options.risks) {
    const risks = JSON.parse(await readFile(options.risks, 'utf8')) as RisksManifest
    for (const x of risks.risks) truthBasis.set(x.row, x.basis)
  }
  const basisOfRow = (r: Row): string | undefined =>
    options.risks ? truthBasis.get(r.oldRow ?? -1) : careBasis(readCare(rowReader(roster, r.cells, r.cells.length)))
  const reportDates = rows.map((r) => parseDate(r.cells[C.reportDate] ?? '')).flatMap((d) => (d.kind === 'date' ? [d.iso] : []))
  const oldAsOf = options.oldAsOf ?? reportDates.sort().at(-1) ?? '2026-09-01'
  const asOf = options.asOf ?? threeMonthsAfter(oldAsOf)
  const newReportDate = addDays(asOf, -10)
  const oldFile = options.source
  const newFile = options.output

  const expected: ExpectedFinding[] = []
  const formatOnly: SnapshotManifest['formatOnly'] = []
  const removed = new Set<string>()
  const touched = new Set<string>()
  const exit = (child: string, code: ExpectedCode, description: string, extra: Partial<ExpectedFinding> = {}) => {
    removed.add(child)
    const first = rowsOf.get(child)![0]!
    expected.push({code, file: oldFile, row: first.oldRow!, description, ...extra})
  }

  // Public security: deaths and moves of listed children.
  if (options.publicSecurity) {
    const ps = await openRoster(options.publicSecurity)
    const psIds = new Map<string, {status: string; reason: string; row: number}>()
    const pi = ps.fieldIndex.get('idNumber')
    const si = ps.fieldIndex.get('status')
    const ri = ps.fieldIndex.get('statusReason')
    for await (const r of ps.rows) {
      if (pi === undefined || si === undefined) break
      const a = analyzeId(r.cells[pi] ?? '')
      if (a.canonical && !a.problem) psIds.set(a.canonical, {status: lookupCode('personStatus', r.cells[si] ?? '') ?? '', reason: ri === undefined ? '' : (r.cells[ri] ?? ''), row: r.ref.row})
    }
    for (const [child, list] of rowsOf) {
      const id = list.map((r) => idOf(r.cells)).find((x) => x)
      const p = id ? psIds.get(id) : undefined
      if (!p) continue
      if (p.status === '死亡') exit(child, 'DIFF_EXIT_DECEASED', `public security records the death (public-security row ${p.row}); taken off the roster`, {field: 'status'})
      else if (p.status === '迁出' || p.status === '注销') exit(child, 'DIFF_EXIT_MOVED_OUT', `public security records the registration as ${p.status} (${p.reason}); taken off the roster`, {field: 'status'})
    }
  }

  // Children 16 or older at the new date.
  const birthOf = (cells: string[]): string | undefined => {
    const a = analyzeId(cells[C.id] ?? '')
    if (a.birth && !a.problem) return a.birth.iso
    const d = parseDate(cells[C.birth] ?? '')
    return d.kind === 'date' ? d.iso : undefined
  }
  for (const [child, list] of rowsOf) {
    if (removed.has(child)) continue
    const birth = list.map((r) => birthOf(r.cells)).find((b) => b)
    if (birth && ageAt(birth, asOf) >= 16) exit(child, 'DIFF_EXIT_AGED_OUT', `born ${birth}: 16 or older on ${asOf}; taken off the roster`, {field: 'birthDate'})
  }

  // Plain children: one full row, a valid ID, both parents away, nothing odd on the row.
  const plain = (child: string): boolean => {
    const list = rowsOf.get(child)!
    if (list.length !== 1 || removed.has(child) || touched.has(child)) return false
    const c = list[0]!.cells
    if (c.length !== width || !idOf(c) || !birthOf(c)) return false
    if (c[C.fatherStatus] !== '外出务工' || c[C.motherStatus] !== '外出务工') return false
    if (lookupCode('guardianshipType', c[C.type] ?? '') === undefined || !analyzeId(c[C.guardianId] ?? '').canonical) return false
    return /^\d{4}-\d{2}-\d{2}$/.test(c[C.birth] ?? '') && /^1\d{10}$/.test(c[C.phone] ?? '')
  }
  // Families: children who share the father's ID number.
  const families = new Map<string, string[]>()
  for (const [child, list] of rowsOf) {
    const fid = list[0]!.cells[C.fatherId] ?? ''
    families.set(fid, [...(families.get(fid) ?? []), child])
  }
  const familyOf = (child: string): string[] => families.get(rowsOf.get(child)![0]!.cells[C.fatherId] ?? '') ?? [child]
  const plainFamilies = (size: (n: number) => boolean): string[][] => {
    const seen = new Set<string>()
    const out: string[][] = []
    for (const child of [...rowsOf.keys()].sort()) {
      if (seen.has(child)) continue
      const family = familyOf(child)
      for (const k of family) seen.add(k)
      if (size(family.length) && family.every(plain)) out.push(family)
    }
    return out
  }
  // Findings on new rows get their row numbers once the new snapshot is laid out.
  const pending = new Map<ExpectedFinding, Row>()
  const change = (row: Row, column: number, field: string, value: string, description: string) => {
    const before = row.cells[column] ?? ''
    row.cells[column] = value
    const e: ExpectedFinding = {code: 'DIFF_CHANGED', file: newFile, row: 0, related: row.oldRow!, field, description}
    if (value) e.value = value
    if (before) e.expected = before
    expected.push(e)
    pending.set(e, row)
  }
  const returned = (row: Row, description: string) => {
    const e: ExpectedFinding = {code: 'DIFF_EXIT_PARENTS_RETURNED', file: oldFile, row: row.oldRow!, related: 0, description}
    expected.push(e)
    pending.set(e, row)
  }

  // The father of a family comes home and takes over as guardian (`count` families when scaled).
  for (let k = 0; k < count; k++) {
    const families = plainFamilies((n) => n >= 2)
    if (families.length === 0) break
    for (const child of rng.pick(families)) {
      touched.add(child)
      const row = rowsOf.get(child)![0]!
      const c = row.cells
      const why = 'the father came home and looks after the children (父母一方监护)'
      returned(row, why)
      change(row, C.fatherStatus, 'fatherStatus', '在家', why)
      change(row, C.fatherWork, 'fatherWorkplace', '', why)
      change(row, C.type, 'guardianshipType', '父母一方监护', why)
      change(row, C.guardian, 'guardianName', c[C.father] ?? '', why)
      change(row, C.guardianId, 'guardianIdNumber', c[C.fatherId] ?? '', why)
      change(row, C.relation, 'guardianRelation', '父亲', why)
    }
  }
  // A mother comes home; the grandparents stay the guardians on paper.
  for (let k = 0; k < count; k++) {
    const families = plainFamilies((n) => n === 1)
    if (families.length === 0) break
    for (const child of rng.pick(families)) {
      touched.add(child)
      const row = rowsOf.get(child)![0]!
      const why = 'the mother came home (母亲状况 在家)'
      returned(row, why)
      change(row, C.motherStatus, 'motherStatus', '在家', why)
      change(row, C.motherWork, 'motherWorkplace', '', why)
    }
  }
  // A child vanishes with nothing in the data to say why.
  for (let k = 0; k < count; k++) {
    const candidates = [...rowsOf.keys()].sort().filter(plain)
    if (candidates.length === 0) break
    const gone = rng.pick(candidates)
    touched.add(gone)
    exit(gone, 'DIFF_EXIT_UNEXPLAINED', 'taken off the roster while still left-behind as far as the data shows')
  }
  careStories(rng.fork('care-stories'))

  // Families where one parent works away and the other is at home but cannot care (在家（残疾）,
  // 重病在家, 本地（精神残疾）, a remark …): left behind all the same (国发〔2016〕13号). The away
  // parent comes home — written 在家, 返乡 with the 务工地 left as it was, or in 备注 —, which is
  // an exit (DIFF_EXIT_PARENTS_RETURNED); a child of another such family vanishes, which is not
  // (DIFF_EXIT_UNEXPLAINED). Which rows are such families comes from the samples' risks.json
  // when given (the generator's truth), else from reading the row (src/care).
  function careStories(r: Random): void {
    const incapableFamily = (child: string): boolean => {
      const list = rowsOf.get(child)!
      if (list.length !== 1 || removed.has(child) || touched.has(child)) return false
      const c = list[0]!.cells
      if (c.length !== width || !idOf(c) || !birthOf(c)) return false
      if ((c[C.fatherStatus] === '外出务工') === (c[C.motherStatus] === '外出务工')) return false
      return basisOfRow(list[0]!) === 'one-away-other-incapable'
    }
    const families: string[][] = []
    const seen = new Set<string>()
    for (const child of [...rowsOf.keys()].sort()) {
      if (seen.has(child)) continue
      const family = familyOf(child)
      for (const k of family) seen.add(k)
      if (family.every(incapableFamily)) families.push(family)
    }
    const picked = r.sample(families, 2 * count)
    for (const family of picked.slice(0, count)) {
      const variant = r.int(0, C.remarks === undefined ? 1 : 2)
      for (const child of family) {
        touched.add(child)
        const row = rowsOf.get(child)![0]!
        const fatherAway = row.cells[C.fatherStatus] === '外出务工'
        const [status, work, field, word] = fatherAway ? [C.fatherStatus, C.fatherWork, 'father', '父亲'] : [C.motherStatus, C.motherWork, 'mother', '母亲']
        const why = `the ${field} came home to a family whose other parent cannot care`
        returned(row, why)
        if (variant === 0) {
          change(row, status, `${field}Status`, '在家', `${why} (在家)`)
          change(row, work, `${field}Workplace`, '', why)
        } else if (variant === 1) {
          change(row, status, `${field}Status`, '返乡', `${why} (返乡, the 务工地 left as it was)`)
        } else {
          const before = row.cells[C.remarks!] ?? ''
          change(row, C.remarks!, 'remarks', `${before ? `${before}；` : ''}${word}已返乡`, `${why} (written in 备注 only)`)
        }
      }
    }
    const left = picked.slice(count).flat()
    for (const child of r.sample(left, count)) {
      touched.add(child)
      exit(child, 'DIFF_EXIT_UNEXPLAINED', 'taken off the roster while still left-behind (one parent away, the other at home unable to care)')
    }
  }

  // Real changes.
  const pickPlain = (): Row => {
    const child = rng.pick([...rowsOf.keys()].sort().filter(plain))
    touched.add(child)
    return rowsOf.get(child)![0]!
  }
  {
    const row = pickPlain()
    const family = familyOf(row.child)
    const phone = `1${rng.pick(['38', '39', '50', '58', '87'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`
    for (const k of family) {
      const r = rowsOf.get(k)![0]!
      if (removed.has(k) || r.cells[C.phone] !== row.cells[C.phone]) continue
      touched.add(k)
      change(r, C.phone, 'guardianPhone', phone, 'the guardian has a new mobile number')
    }
  }
  {
    // A pupil moves to another primary school of the county.
    const child = rng.pick([...rowsOf.keys()].sort().filter((k) => plain(k) && /小学$/.test(rowsOf.get(k)![0]!.cells[C.school] ?? '')))
    touched.add(child)
    const row = rowsOf.get(child)![0]!
    const mine = row.cells[C.school] ?? ''
    const schools = [...new Set(rows.map((r) => r.cells[C.school] ?? ''))].filter((s) => s !== mine && /小学$/.test(s) && s.slice(0, 3) === mine.slice(0, 3)).sort()
    if (schools.length > 0) change(row, C.school, 'school', rng.pick(schools), 'the child moved to another primary school')
  }
  {
    const row = pickPlain()
    change(row, C.health, 'health', row.cells[C.health] === '患病' ? '健康' : '患病', 'the health record changed')
  }
  {
    const row = pickPlain()
    const address = row.cells[C.address] ?? ''
    const moved = /\d+组$/.test(address) ? address.replace(/(\d+)组$/, (_, n: string) => `${(Number(n) % 12) + 1}组`) : `${address}新村`
    change(row, C.address, 'address', moved, 'the family moved within the village')
  }

  // Format-only rewrites: the same values written another way.
  const formatRows = new Map<SnapshotManifest['formatOnly'][number], Row>()
  const rewrite = (field: string, column: number, to: (v: string) => string, description: string) => {
    const row = pickPlain()
    const v = row.cells[column] ?? ''
    const w = to(v)
    if (w === v) return
    row.cells[column] = w
    formatOnly.push({file: newFile, row: 0, field, description})
    formatRows.set(formatOnly[formatOnly.length - 1]!, row)
  }
  rewrite('birthDate', C.birth, (v) => `${Number(v.slice(0, 4))}年${Number(v.slice(5, 7))}月${Number(v.slice(8, 10))}日`, 'birth date written 2011年5月6日')
  rewrite('gender', C.gender, (v) => (v === '男' ? '1' : v === '女' ? '2' : v), 'gender written as its GB/T 2261.1 code')
  rewrite('guardianPhone', C.phone, (v) => `${v.slice(0, 3)} ${v.slice(3, 7)} ${v.slice(7)}`, 'phone written with spaces')
  rewrite('name', C.name, (v) => ([...v].length >= 2 ? `${[...v][0]} ${[...v].slice(1).join('')}` : v), 'a space inside the name')
  rewrite('guardianshipType', C.type, (v) => ({祖辈监护: '隔代监护', 亲属监护: '亲属代管', 委托监护: '委托照料'})[v] ?? v, 'a synonym of the guardianship type')

  // New entries: newborn siblings in left-behind families, and a family newly listed.
  const ids = new Set(rows.map((r) => idOf(r.cells)).filter((x): x is string => x !== undefined))
  const newId = (region6: string, birth: string, male: boolean): string => {
    for (;;) {
      const first17 = `${region6}${compact(birth)}${String(rng.int(0, 99)).padStart(2, '0')}${rng.int(0, 4) * 2 + (male ? 1 : 0)}`
      const id = first17 + checkDigit(first17)
      if (!ids.has(id)) {
        ids.add(id)
        return id
      }
    }
  }
  const entries: Row[] = []
  const insertAfter = new Map<Row, Row[]>()
  const newFamilies = options.entries === undefined ? 1 : Math.max(1, Math.round((options.entries * rows.length) / 3000))
  for (const family of rng.sample(plainFamilies(() => true), 2 * newFamilies)) {
    const sibling = rowsOf.get(family[family.length - 1]!)![0]!
    for (const k of family) touched.add(k)
    const male = rng.chance(0.5)
    const birth = addDays(asOf, -rng.int(20, 80))
    const cells = [...sibling.cells]
    const surname = [...(cells[C.father] ?? '')][0] ?? ''
    cells[C.name] = surname + childGiven(rng, male)
    cells[C.gender] = male ? '男' : '女'
    cells[C.id] = newId((sibling.cells[C.id] ?? '').slice(0, 6), birth, male)
    cells[C.birth] = birth
    cells[C.schoolStatus] = '未入园'
    cells[C.school] = ''
    cells[C.health] = '健康'
    const row: Row = {cells, child: `new:${cells[C.id]}`, description: `a newborn sibling of old row ${sibling.oldRow} (born ${birth})`}
    entries.push(row)
    insertAfter.set(sibling, [...(insertAfter.get(sibling) ?? []), row])
  }
  for (let k = 0; k < newFamilies; k++) {
    const template = pickPlain()
    const cells = [...template.cells]
    const male = rng.chance(0.5)
    const birth = `${2015 + rng.int(0, 4)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
    const surname = rng.pick(['滕', '符', '麻', '龙', '石'])
    const region6 = (template.cells[C.id] ?? '').slice(0, 6)
    const fatherBirth = `${1984 + rng.int(0, 6)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`
    const grandBirth = `${1956 + rng.int(0, 8)}-0${rng.int(1, 9)}-2${rng.int(0, 8)}`
    cells[C.name] = surname + childGiven(rng, male)
    cells[C.gender] = male ? '男' : '女'
    cells[C.id] = newId(region6, birth, male)
    cells[C.birth] = birth
    cells[C.guardian] = surname + rng.pick(ADULT_GIVEN_MALE)
    cells[C.guardianId] = newId(region6, grandBirth, true)
    cells[C.relation] = '祖父'
    cells[C.type] = '祖辈监护'
    cells[C.phone] = `1${rng.pick(['36', '52', '82', '99'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`
    cells[C.father] = surname + rng.pick(ADULT_GIVEN_MALE)
    cells[C.fatherId] = newId(region6, fatherBirth, true)
    cells[C.mother] = rng.pick(['王', '李', '张', '杨']) + rng.pick(ADULT_GIVEN_FEMALE)
    const mi = f.get('motherIdNumber')
    if (mi !== undefined) cells[mi] = newId(region6, `${Number(fatherBirth.slice(0, 4)) + 2}${fatherBirth.slice(4)}`, false)
    const row: Row = {cells, child: `new:${cells[C.id]}`, description: `a family newly listed: both parents left for work this quarter (born ${birth})`}
    entries.push(row)
    insertAfter.set(template, [...(insertAfter.get(template) ?? []), row])
  }

  // The next snapshot: the rows kept, in their order, new ones beside their families; every row
  // renumbered and stamped with the new 填报日期.
  const out: Row[] = []
  for (const r of rows) {
    if (!removed.has(r.child)) out.push(r)
    out.push(...(insertAfter.get(r) ?? []))
  }
  const firstData = roster.headerRow + 1
  const newRowOf = new Map<Row, number>()
  out.forEach((r, k) => {
    newRowOf.set(r, firstData + k)
    if (r.cells.length > C.seq) r.cells[C.seq] = String(k + 1)
    if (r.cells.length > C.reportDate && (r.cells[C.reportDate] ?? '') !== '') r.cells[C.reportDate] = newReportDate
  })
  for (const [e, row] of pending) {
    if (e.code === 'DIFF_CHANGED') e.row = newRowOf.get(row)!
    else e.related = newRowOf.get(row)!
  }
  for (const [e, row] of formatRows) e.row = newRowOf.get(row)!
  for (const r of entries) expected.push({code: 'DIFF_ENTERED', file: newFile, row: newRowOf.get(r)!, description: r.description ?? 'new on the roster'})
  expected.sort((a, b) => Number(a.file === newFile) - Number(b.file === newFile) || a.row - b.row || a.code.localeCompare(b.code) || (a.field ?? '').localeCompare(b.field ?? ''))

  const title = above.map((cells) => cells.map((c) => c.replace(/截至\d{4}年\d{1,2}月\d{1,2}日/, `截至${Number(asOf.slice(0, 4))}年${Number(asOf.slice(5, 7))}月${Number(asOf.slice(8, 10))}日`)))
  await writeTable(options.output, header, out.map((r) => r.cells), {encoding: roster.source.encoding === 'gb18030' ? 'gb18030' : 'utf8-bom', preamble: title})

  const byCode: Record<string, number> = {}
  for (const e of expected) byCode[e.code] = (byCode[e.code] ?? 0) + 1
  const manifest: SnapshotManifest = {
    tool: 'liushou',
    kind: 'snapshot',
    version: 1,
    seed,
    old: {file: oldFile, asOf: oldAsOf, rows: rows.length},
    new: {file: newFile, asOf, rows: out.length},
    expected,
    byCode,
    formatOnly,
  }
  if (options.manifest) await writeFileAtomic(options.manifest, `${JSON.stringify(manifest, null, 2)}\n`)
  return manifest
}
