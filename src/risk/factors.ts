// The risk factors one roster row shows (docs/risk.md). Every factor is read the many ways real
// rosters write it: the guardian's age from the guardian's ID number, a 监护人出生日期 or a
// 监护人年龄 column; illness and disability from the health columns, their synonyms and free text
// (重病, 偏瘫, 智力残疾); the parents' situation from every cell that may hold it — status, 务工地,
// a parent's health, 父母情况, 监护情况, 备注 — through the one reading of src/care/parent-state.ts
// (在家（残疾） is a parent at home who cannot care), or the guardianship type. Factors that need other lists (RISK_NOT_ENROLLED) or several rows
// (RISK_UNREACHABLE) are settled per child in risk.ts.

import {ageAt, parseDate} from '../cn/dates.js'
import {analyzeId} from '../cn/id-number.js'
import {lookupCode} from '../schema/code-lists.js'
import {
  type CareFacts,
  type CellReader,
  type LeftBehindBasis,
  type ParentState,
  careBasis,
  disabilityCell,
  guardianIncapable,
  idBirth,
  healthFlags,
  isPlaceholder,
  personAge,
  phoneReachable,
  readCare,
  registrationVerdict,
  squeeze,
} from '../care/care.js'
import {whichParent} from '../care/parent-state.js'
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
  /** The parents as the row shows them (src/care/parent-state.ts). */
  care: CareFacts
}

export type {CellReader}
/** The header of a field's column. */
export type HeaderReader = (field: string) => string | undefined

const NOBODY = /^(?:无|无人|没有|本人|自己|自理|独自|独居|空|暂无|无监护人|无人监护)$/
const NOBODY_TYPE = /无人|无监护|独居|自我监护|事实无人|无人照[料顾看]|独自生活/
const GUARDIAN_WORDS = /奶奶|爷爷|外婆|外公|姥姥|姥爷|祖父|祖母|监护人|老人|家长/
const PERSON_WORDS = /奶奶|爷爷|外婆|外公|姥|父|母|爸|妈|监护人|祖|哥|姐|叔|姑|舅|姨|伯|婶|家长|老人|亲戚/
const CONDITION = /病|瘫|残|癌|瘤|卧床|失明|痴呆|智障|精神|无监护能力|丧失|行动不便|不能自理/
const DROPOUT = /辍学|失学|未入学|未上学|不在校|离校|没上学|不上学|未就学|在家务农|外出打工/

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

/**
 * Parent factors from the care facts of a row (shared by the roster and the other lists): a parent
 * dead, in prison, missing, or at home without capacity (RISK_GUARDIAN_INCAPABLE: 在家（残疾）,
 * 重病在家, 本地（精神残疾） … wherever the row writes it), both dead or missing, both away.
 */
export function parentFactors(care: CareFacts, out: Set<RiskFactor>, bothAway = true): void {
  const states: ParentState[] = [care.father.state, care.mother.state]
  if (states.includes('dead')) out.add('RISK_PARENT_DECEASED')
  if (states.includes('prison')) out.add('RISK_PARENT_IMPRISONED')
  if (states.includes('missing')) out.add('RISK_PARENT_MISSING')
  if (states.includes('home-incapable')) out.add('RISK_GUARDIAN_INCAPABLE')
  if (states.every((s) => s === 'dead' || s === 'missing')) out.add('RISK_ORPHAN')
  if (bothAway && careBasis(care) === 'both-away') out.add('RISK_BOTH_PARENTS_AWAY')
}

/** Why the child counts as left behind, for a Risk's `basis`: `other` when the data shows a parent at home and able. */
export function basisOf(care: CareFacts): LeftBehindBasis {
  return careBasis(care) ?? 'other'
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

  // Parents: every cell that may say where they are and whether they can care (parent-state.ts).
  const care = readCare(get)
  parentFactors(care, factors)
  const typeRaw = squeeze(get('guardianshipType') ?? '')
  const type = typeRaw ? lookupCode('guardianshipType', typeRaw) : undefined
  if (/孤儿/.test(squeeze(get('childCategory') ?? ''))) factors.add('RISK_ORPHAN')

  // The guardian.
  const guardianName = squeeze(get('guardianName') ?? '')
  const relationRaw = squeeze(get('guardianRelation') ?? '')
  if (type === '无人监护' || (typeRaw && NOBODY_TYPE.test(typeRaw))) factors.add('RISK_NO_GUARDIAN')
  else if ((type === undefined || type === '其他') && (NOBODY.test(guardianName) || NOBODY.test(relationRaw))) factors.add('RISK_NO_GUARDIAN')
  // 监护情况 naming a condition of the guardian (奶奶残疾); one naming a parent was read with the parents.
  if (typeRaw && whichParent(typeRaw) === undefined && /重病|残疾|丧失|无监护能力|瘫/.test(typeRaw)) factors.add('RISK_GUARDIAN_INCAPABLE')
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

  const facts: RowFacts = {factors, care}
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
