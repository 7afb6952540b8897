// The risk factors one roster row shows (docs/risk.md). Every factor is read the many ways real
// rosters write it: the guardian's age from the guardian's ID number, a 监护人出生日期 or a
// 监护人年龄 column; illness and disability from the health columns, their synonyms and free text
// (重病, 偏瘫, 智力残疾); the parents' situation from 父亲状况/母亲状况, a 务工地, or the
// guardianship type. Factors that need other lists (RISK_NOT_ENROLLED) or several rows
// (RISK_UNREACHABLE) are settled per child in risk.ts.

import {ageAt, parseDate} from '../cn/dates.js'
import {analyzeId} from '../cn/id-number.js'
import {lookupCode} from '../schema/code-lists.js'
import {normalizeHeader} from '../schema/headers.js'
import type {Column} from '../schema/roster.js'
import {
  type ParentState,
  disabilityCell,
  guardianIncapable,
  idBirth,
  healthFlags,
  isPlaceholder,
  parentState,
  personAge,
  phoneReachable,
  registrationVerdict,
  squeeze,
} from '../care/care.js'
import type {RiskConfig, RiskFactor} from './config.js'

export interface RowFacts {
  factors: Set<RiskFactor>
  /** A valid phone for the guardian; undefined when the roster has no phone column to judge by. */
  reachable?: boolean
  /** The child's birth date (ISO), when readable. */
  birth?: string
  /** The child's age at the reference date (from the birth date, else an age column). */
  age?: number
  /** 人员状态 of the row itself (a roster with a status column). */
  registration?: 'deceased' | 'moved-out'
}

/** Reads one cell by canonical field; undefined when the roster has no such column (or the row does not reach it). */
export type CellReader = (field: string) => string | undefined
/** The header of a field's column. */
export type HeaderReader = (field: string) => string | undefined

const NON_PARENTAL = new Set(['祖辈监护', '亲属监护', '委托监护', '无人监护'])
const NOBODY = /^(?:无|无人|没有|本人|自己|自理|独自|独居|空|暂无|无监护人|无人监护)$/
const NOBODY_TYPE = /无人|无监护|独居|自我监护|事实无人|无人照[料顾看]|独自生活/
const GUARDIAN_WORDS = /奶奶|爷爷|外婆|外公|姥姥|姥爷|祖父|祖母|监护人|老人|家长/
const PERSON_WORDS = /奶奶|爷爷|外婆|外公|姥|父|母|爸|妈|监护人|祖|哥|姐|叔|姑|舅|姨|伯|婶|家长|老人|亲戚/
const CONDITION = /病|瘫|残|癌|瘤|卧床|失明|痴呆|智障|精神|无监护能力|丧失|行动不便|不能自理/
const DROPOUT = /辍学|失学|未入学|未上学|不在校|离校|没上学|不上学|未就学|在家务农|外出打工/

// Columns no canonical field covers that still tell about risk, by header (after the header is
// normalised like any other): read as pseudo-fields `x:…`.
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

/** Both parents from one cell (父母情况: 父母均外出务工, 父亲服刑、母亲外出 …). */
export function parentsFromText(raw: string): {father: ParentState; mother: ParentState} {
  const s = squeeze(raw)
  const out = {father: 'unknown' as ParentState, mother: 'unknown' as ParentState}
  if (s === '' || isPlaceholder(s)) return out
  if (/(?:父母|双亲|双方).{0,2}(?:双亡|均已?(?:去世|死亡|病故|亡故)|都(?:已经?)?(?:去世|死亡))/.test(s)) return {father: 'dead', mother: 'dead'}
  if (/(?:父母|双亲)(?:双方)?(?:均|都|皆|全)?(?:已经?)?(?:外出|务工|打工|在外)|双方.{0,2}(?:外出|务工|打工|在外)|(?:均|都)(?:外出|在外)/.test(s)) return {father: 'away', mother: 'away'}
  const segments = s.match(/(?:父亲|母亲|爸爸|妈妈|父|母)[^父母爸妈]*/g) ?? []
  for (const seg of segments) {
    const state = parentState(seg.replace(/^(?:父亲|母亲|爸爸|妈妈|父|母)/, ''))
    if (/^(?:父|爸)/.test(seg)) out.father = state
    else out.mother = state
  }
  return out
}

function birthOfChild(get: CellReader): string | undefined {
  const id = squeeze(get('idNumber') ?? '')
  const a = id ? analyzeId(id) : undefined
  if (a?.birth && !a.problem) return a.birth.iso
  const d = parseDate(get('birthDate') ?? '')
  if (d.kind === 'date' || d.kind === 'month') return d.iso
  return id ? idBirth(id) : undefined
}

export function childAge(birth: string | undefined, asOf: string): number | undefined {
  if (!birth) return undefined
  const age = ageAt(birth, asOf)
  return Number.isNaN(age) ? undefined : age
}

/** The child's own illness and disability, from every column that may tell. */
export function childHealth(get: CellReader): {ill: boolean; disabled: boolean} {
  const h = healthFlags(get('health') ?? '')
  let ill = h.ill
  let disabled = h.disabled || disabilityCell(get('disability') ?? '')
  const category = squeeze(get('childCategory') ?? '')
  if (/残疾/.test(category)) disabled = true
  if (/重病|大病|患病|疾病|病/.test(category)) ill = true
  for (const note of [get('remarks'), get('x:situation')]) {
    const text = squeeze(note ?? '')
    if (!text || PERSON_WORDS.test(text)) continue
    const r = healthFlags(text)
    ill ||= r.ill
    disabled ||= r.disabled
  }
  return {ill, disabled}
}

/** Parent factors from two parent states (shared by the roster and the other lists). */
export function parentFactors(father: ParentState, mother: ParentState, out: Set<RiskFactor>): void {
  const states = [father, mother]
  if (states.includes('dead')) out.add('RISK_PARENT_DECEASED')
  if (states.includes('prison')) out.add('RISK_PARENT_IMPRISONED')
  if (states.includes('missing')) out.add('RISK_PARENT_MISSING')
  if (states.includes('incapable')) out.add('RISK_GUARDIAN_INCAPABLE')
  if (states.every((s) => s === 'dead' || s === 'missing')) out.add('RISK_ORPHAN')
}

/** Every factor a roster row shows by itself. */
export function rowFacts(get: CellReader, header: HeaderReader, asOf: string, config: RiskConfig): RowFacts {
  const factors = new Set<RiskFactor>()
  const birth = birthOfChild(get)
  const age = childAge(birth, asOf) ?? personAge(asOf, {age: get('x:childAge')})
  const childId = (() => {
    const a = analyzeId(squeeze(get('idNumber') ?? ''))
    return a.canonical ?? (a.cleaned || undefined)
  })()

  // Parents: their status cells, else a 务工地, else one cell for both.
  let father = parentState(get('fatherStatus') ?? '')
  let mother = parentState(get('motherStatus') ?? '')
  // One cell for both parents; a 留守情况 cell that says more than 是/否 is one too.
  const flag = get('leftBehind') ?? ''
  for (const both of [get('x:parents'), lookupCode('yesNo', squeeze(flag)) === undefined ? flag : undefined]) {
    if (both === undefined || (father !== 'unknown' && mother !== 'unknown')) continue
    const p = parentsFromText(both)
    if (father === 'unknown') father = p.father
    if (mother === 'unknown') mother = p.mother
  }
  if (father === 'unknown') father = parentState('', get('fatherWorkplace') ?? '')
  if (mother === 'unknown') mother = parentState('', get('motherWorkplace') ?? '')
  parentFactors(father, mother, factors)
  // A parent at home (not away) recorded ill or disabled in a health column of their own.
  if (father !== 'away' && guardianIncapable(get('x:fatherHealth') ?? '', false)) factors.add('RISK_GUARDIAN_INCAPABLE')
  if (mother !== 'away' && guardianIncapable(get('x:motherHealth') ?? '', false)) factors.add('RISK_GUARDIAN_INCAPABLE')
  const typeRaw = squeeze(get('guardianshipType') ?? '')
  const type = typeRaw ? lookupCode('guardianshipType', typeRaw) : undefined
  const awayOrUnknown = (s: ParentState) => s === 'away' || s === 'unknown'
  if (father === 'away' && mother === 'away') factors.add('RISK_BOTH_PARENTS_AWAY')
  else if (awayOrUnknown(father) && awayOrUnknown(mother) && type !== undefined && NON_PARENTAL.has(type)) factors.add('RISK_BOTH_PARENTS_AWAY')
  if (/孤儿/.test(squeeze(get('childCategory') ?? ''))) factors.add('RISK_ORPHAN')

  // The guardian.
  const guardianName = squeeze(get('guardianName') ?? '')
  const relationRaw = squeeze(get('guardianRelation') ?? '')
  if (type === '无人监护' || (typeRaw && NOBODY_TYPE.test(typeRaw))) factors.add('RISK_NO_GUARDIAN')
  else if ((type === undefined || type === '其他') && (NOBODY.test(guardianName) || NOBODY.test(relationRaw))) factors.add('RISK_NO_GUARDIAN')
  if (typeRaw && /重病|残疾|丧失|无监护能力|瘫/.test(typeRaw)) factors.add('RISK_GUARDIAN_INCAPABLE')
  const healthHeader = header('guardianHealth') ?? ''
  if (guardianIncapable(get('guardianHealth') ?? '', /能力|条件/.test(healthHeader))) factors.add('RISK_GUARDIAN_INCAPABLE')
  if (guardianIncapable(get('x:guardianCapacity') ?? '', true)) factors.add('RISK_GUARDIAN_INCAPABLE')
  for (const note of [get('remarks'), get('x:situation')]) {
    const text = squeeze(note ?? '')
    if (text && GUARDIAN_WORDS.test(text) && CONDITION.test(text)) factors.add('RISK_GUARDIAN_INCAPABLE')
  }
  if (!factors.has('RISK_NO_GUARDIAN')) {
    const guardianAge = personAge(asOf, {idNumber: get('guardianIdNumber'), birthDate: get('guardianBirthDate'), age: get('guardianAge') ?? get('x:guardianAge')}, childId)
    if (guardianAge !== undefined) {
      if (guardianAge < 18) factors.add('RISK_GUARDIAN_MINOR')
      if (guardianAge >= config.ages.elderlyGuardian) factors.add('RISK_GUARDIAN_ELDERLY')
      if (age !== undefined && age >= 0 && age < config.ages.youngChild && guardianAge >= config.ages.youngChildGuardian) factors.add('RISK_YOUNG_CHILD_ELDERLY_GUARDIAN')
    }
  }

  // The child.
  const health = childHealth(get)
  if (lookupCode('yesNo', squeeze(get('x:ill') ?? '')) === '是') health.ill = true
  if (health.ill) factors.add('RISK_CHILD_ILL')
  if (health.disabled) factors.add('RISK_CHILD_DISABLED')
  const school = squeeze(get('schoolStatus') ?? '')
  if (school && !isPlaceholder(school)) {
    const status = lookupCode('schoolStatus', school)
    const inRange = age !== undefined && age >= config.ages.schoolFrom && age <= config.ages.schoolTo
    const droppedOut = status === '辍学' || (status === undefined && /辍学|失学/.test(school))
    const outOfSchool = status === '未入学' || status === '未在校' || (status === undefined && DROPOUT.test(school))
    if ((droppedOut && (age === undefined || inRange)) || (outOfSchool && inRange)) factors.add('RISK_DROPOUT')
  }
  if (lookupCode('yesNo', squeeze(get('x:dropout') ?? '')) === '是' && (age === undefined || (age >= config.ages.schoolFrom && age <= config.ages.schoolTo))) factors.add('RISK_DROPOUT')

  const facts: RowFacts = {factors}
  if (birth) facts.birth = birth
  if (age !== undefined) facts.age = age
  const registration = registrationVerdict(get('status') ?? '', get('statusReason') ?? '')
  if (registration) facts.registration = registration.verdict

  // Reachability: the guardian's phone, the roster's contact phone, or the phone of the parent
  // who is the guardian.
  const phones = [get('guardianPhone'), get('phone')]
  const relation = relationRaw ? lookupCode('relation', relationRaw) : undefined
  if (relation === '父亲') phones.push(get('fatherPhone'))
  if (relation === '母亲') phones.push(get('motherPhone'))
  const present = phones.filter((p): p is string => p !== undefined)
  if (get('guardianPhone') !== undefined || get('phone') !== undefined) facts.reachable = present.some(phoneReachable)
  return facts
}
