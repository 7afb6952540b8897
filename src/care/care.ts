// What a roster row says about a child's care: the parents' situation (父亲状况/母亲状况, or only
// a 务工地), health (健康状况, 残疾类别, free text such as 偏瘫 or 白血病), the guardian's age and
// capacity, and whether the child is left-behind at all (国发〔2016〕13号: both parents away, or one
// away and the other without guardianship capacity). Shared by `risk`, `diff` and validate's
// eligibility rule; the parents' states come from parent-state.ts, the one reading of them.

import {ageAt, parseDate} from '../cn/dates.js'
import {analyzeId} from '../cn/id-number.js'
import {parsePhone} from '../cn/phone.js'
import {lookupCode} from '../schema/code-lists.js'
import {detach} from '../strings.js'
import {type DecidingCell, type LeftBehindBasis, type Parent, type ParentFields, type ParentReading, PARENT_FIELDS, PARENT_STATES, leftBehindBasis, readParents} from './parent-state.js'

export type {LeftBehindBasis, ParentReading, ParentState} from './parent-state.js'

/** Cells that hold nothing: a dash, a slash, 无 … */
const PLACEHOLDER = /^(?:[-—–－/\\.。、·*＊_]+|无|暂无|没有|不详|不明|未知|空|null|n\/?a|#n\/a)$/i

export function isPlaceholder(raw: string): boolean {
  const s = squeeze(raw)
  return s === '' || PLACEHOLDER.test(s)
}

/** Trimmed, full-width folded, without spaces. */
export function squeeze(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s\u3000]+/g, '')
}

export interface HealthFlags {
  ill: boolean
  disabled: boolean
}

const NO_HEALTH: HealthFlags = Object.freeze({ill: false, disabled: false})
// Negative answers and 健康 in its many spellings; 一般/较弱 are not illness (student rosters' 一般或较弱).
const HEALTHY = /^(?:无|否|没有|正常|健康|良好|好|一般|较好|较弱|体弱|健全|无残疾|无疾病|无病|未患病|身体健康|健康良好|非残疾|不是|未残疾|无重大疾病|无异常)$/
const DISABLED_TEXT = /(?:智力|肢体|视力|听力|言语|精神|多重)[一二三四1-4]级|残|瘫|聋|哑|盲|失明|失聪|智障|智力障碍|智力低下|脑瘫|唐氏|自闭|孤独症|肢体|截肢|缺陷|畸形|侏儒|视障|听障|视力障碍|听力障碍|言语障碍|精神发育迟滞|发育迟缓|兔唇|唇腭裂/
const ILL_TEXT = /病|癌|瘤|白血|心脏|先心|肾|肝|癫痫|哮喘|地中海|地贫|贫血|血友|手术|住院|结核|艾滋|HIV|糖尿|慢性|重症|疾|感染|透析|化疗|脑炎|肺炎|精神分裂|抑郁|狼疮|紫癜|肿|烧伤|烫伤/i

/** Illness and disability from a health cell (code list value, synonym or free text). */
export function healthFlags(raw: string): HealthFlags {
  const s = squeeze(raw)
  if (s === '' || isPlaceholder(s) || HEALTHY.test(s)) return NO_HEALTH
  const code = lookupCode('health', s)
  if (code === '健康') return NO_HEALTH
  if (code === '患病') return {ill: true, disabled: false}
  if (code === '残疾') return {ill: false, disabled: true}
  // 无残疾、患哮喘: judge each part on its own.
  let ill = false
  let disabled = false
  for (const part of s.split(/[,，、;；/|+＋和及与]/)) {
    if (part === '' || HEALTHY.test(part) || /^(?:无|未|非|没有|不)/.test(part)) continue
    if (DISABLED_TEXT.test(part)) disabled = true
    // 精神残疾 is a disability; 精神分裂 or 重病 an illness.
    if (ILL_TEXT.test(part.replace(/残疾?/g, ''))) ill = true
    else if (/精神/.test(part) && !disabled) ill = true
  }
  return {ill, disabled}
}

/** A 残疾类别 cell: anything but a negative answer is a disability (肢体二级, 智力, 是, 有). */
export function disabilityCell(raw: string): boolean {
  const s = squeeze(raw)
  if (s === '' || isPlaceholder(s)) return false
  const yes = lookupCode('yesNo', s)
  if (yes === '否') return false
  if (yes === '是') return true
  return !HEALTHY.test(s) && !/^(?:无|未|非|没有|不)/.test(s)
}

/**
 * A guardian's health or capacity cell. Under a 监护能力 header the answers are about capacity
 * (无, 弱, 丧失); under a health header they are about illness and disability.
 */
export function guardianIncapable(raw: string, capacityHeader: boolean): boolean {
  const s = squeeze(raw)
  if (s === '' || PLACEHOLDER.test(s) && !capacityHeader) return false
  if (capacityHeader) {
    if (/^(?:无|没有|弱|较弱|差|很差|丧失|不具备|不具有|无能力|缺失|否|不足|欠缺)$/.test(s)) return true
    if (/丧失|无监护能力|不具备|不能|无力|无法/.test(s)) return true
    if (/^(?:有|具备|具有|强|较强|良好|好|一般|正常|是)$/.test(s)) return false
  }
  if (/丧失|无监护能力|不具备监护|无法照顾|无力照顾|卧床|瘫痪|偏瘫/.test(s)) return true
  const h = healthFlags(s)
  return h.ill || h.disabled
}

/**
 * The birth date inside an ID number: a valid one's, or the digits 7–14 of an 18-digit number
 * whose check digit is wrong or whose last digits a spreadsheet zeroed (a slip in one digit seldom
 * hits the date, and the date must still be a real one).
 */
export function idBirth(raw: string): string | undefined {
  const a = analyzeId(raw)
  if (a.birth && !a.problem) return a.birth.iso
  // A wrong check digit, or the last three digits zeroed by a spreadsheet: the date is intact.
  if ((a.problem?.type !== 'checksum' && a.problem?.type !== 'excel-mangled') || !/^\d{17}[\dX]$/.test(a.cleaned)) return undefined
  const d = parseDate(a.cleaned.slice(6, 14))
  return d.kind === 'date' ? d.iso : undefined
}

/** Completed years of a person from an ID number, a birth date cell or an age cell; undefined when none is readable. */
export function personAge(asOf: string, cells: {idNumber?: string; birthDate?: string; age?: string}, notId?: string): number | undefined {
  const id = cells.idNumber ? squeeze(cells.idNumber) : ''
  if (id !== '') {
    const a = analyzeId(id)
    // The birth date inside an ID with a wrong check digit is usually still right; an ID equal
    // to the child's is an error of the row and says nothing about the guardian.
    const birth = idBirth(id)
    if (birth && (notId === undefined || (a.canonical ?? a.cleaned) !== notId)) {
      const age = ageAt(birth, asOf)
      if (age >= 0 && age < 120) return age
    }
  }
  if (cells.birthDate) {
    const d = parseDate(cells.birthDate)
    if (d.kind === 'date' || d.kind === 'month') {
      const age = ageAt(d.iso, asOf)
      if (age >= 0 && age < 120) return age
    }
  }
  if (cells.age) {
    const m = /(\d{1,3})/.exec(squeeze(cells.age))
    if (m) {
      const age = Number(m[1])
      if (age > 0 && age < 120) return age
    }
  }
  return undefined
}

/** A phone cell someone can be reached on: at least one valid mobile or landline number in it. */
export function phoneReachable(raw: string): boolean {
  const s = raw.trim()
  if (s === '' || isPlaceholder(s)) return false
  const p = parsePhone(s)
  if (p.kind === 'mobile' || p.kind === 'landline') return true
  // 13812345678/无, 13812345678（奶奶）: any valid part will do.
  for (const part of s.split(/[/,，、;；|或()（）\s]+/)) {
    if (!part) continue
    const q = parsePhone(part)
    if (q.kind === 'mobile' || q.kind === 'landline') return true
  }
  return false
}

/** Reads one cell of a row by canonical field (or `x:` pseudo-field); undefined when the roster has no such column. */
export type CellReader = (field: string) => string | undefined

// 留守情况 written out (父亲外出、母亲重病) rather than 是/否: read as the cell for both parents
// when the roster has no 父母情况 column of its own.
const FIELDS_FLAG_AS_PARENTS: Readonly<Record<Parent, ParentFields>> = {
  father: {...PARENT_FIELDS.father, parents: 'leftBehind'},
  mother: {...PARENT_FIELDS.mother, parents: 'leftBehind'},
}

// A remark that the child is no longer left behind without saying which parent is back (parent-state
// reads the ones that do: 父亲已返乡). 家长 is either parent.
const NOT_LEFT_BEHIND_REMARK = /不再是?留守|退出留守|非留守|不属于留守|不是留守|家长.{0,4}(?:返乡|回乡|回家|回来|已回|在家|回本地)|^(?:已经?)?(?:返乡|回乡)/
const LEFT_AGAIN_REMARK = /又外出|再次外出|已外出|又出去|返岗|节后外出/
// 监护类型 that says someone other than a parent looks after the child.
const NON_PARENTAL = new Set(['祖辈监护', '亲属监护', '委托监护', '无人监护'])

/**
 * What a row says about the child's care, read once: both parents (src/care/parent-state.ts, from
 * every cell that may hold it), the list's own 是否留守儿童 answer, a remark that the child is no
 * longer left behind, and whether the guardianship type is non-parental. Readings are shared and
 * frozen, so a diff of a million rows keeps two pointers a row.
 */
export interface CareFacts {
  readonly father: ParentReading
  readonly mother: ParentReading
  /** 是否留守儿童 answered 是 or 否, with the text as written. */
  readonly flag?: {readonly answer: '是' | '否'; readonly text: string}
  /** 备注 saying the child is no longer left behind, as written. */
  readonly remark?: string
  /** 监护类型 names someone other than a parent (祖辈, 亲属, 委托, 无人监护). */
  readonly nonParental: boolean
}

/** The care facts of one row. */
export function readCare(get: CellReader): CareFacts {
  const flagText = (get('leftBehind') ?? '').trim()
  const answer = flagText === '' ? undefined : lookupCode('yesNo', squeeze(flagText))
  const parentsCell = get('x:parents')
  const fields = answer === undefined && flagText !== '' && !isPlaceholder(flagText) && (parentsCell === undefined || isPlaceholder(parentsCell)) ? FIELDS_FLAG_AS_PARENTS : PARENT_FIELDS
  const {father, mother} = readParents(get, fields)
  const typeRaw = squeeze(get('guardianshipType') ?? '')
  const type = typeRaw ? lookupCode('guardianshipType', typeRaw) : undefined
  const remarkText = (get('remarks') ?? '').trim()
  const r = remarkText === '' ? '' : squeeze(remarkText)
  const remark = r !== '' && NOT_LEFT_BEHIND_REMARK.test(r) && !LEFT_AGAIN_REMARK.test(r) ? remarkText : undefined
  return {
    father,
    mother,
    // Detached: a diff keeps these for every row, and a slice would keep its whole decoded block.
    ...(answer === '是' || answer === '否' ? {flag: {answer, text: detach(flagText)}} : {}),
    ...(remark !== undefined ? {remark: detach(remark)} : {}),
    nonParental: type !== undefined && NON_PARENTAL.has(type),
  }
}

export type LeftBehindState = 'yes' | 'no' | 'unknown'

/**
 * Whether the data shows the child left behind (国发〔2016〕13号): `no` when a parent is at home
 * and able to care (在家, 返乡, 父母一方监护 with that parent as the guardian …), the list flags 否,
 * or a remark says the child is no longer left behind; `yes` when neither parent is at home and
 * able and both are accounted for (away, at home without capacity, in prison, dead, missing,
 * divorced), or the list flags 是; `unknown` otherwise.
 */
export function leftBehindState(c: CareFacts): LeftBehindState {
  // An explicit 否 is the list's own judgement, whatever status cells were left as they were.
  if (c.flag?.answer === '否' || c.remark !== undefined) return 'no'
  const f = c.father.state
  const m = c.mother.state
  if (f === 'home-able' || m === 'home-able') return 'no'
  if (f !== 'unknown' && m !== 'unknown') return 'yes'
  if (c.flag?.answer === '是') return 'yes'
  return 'unknown'
}

/**
 * Why the child counts as left behind (SPEC's Risk \`basis\`), or undefined when the data shows the
 * child is not. Parents not recorded under a non-parental guardianship (祖辈监护 …) are away: the
 * reading risk's RISK_BOTH_PARENTS_AWAY makes too.
 */
export function careBasis(c: CareFacts): LeftBehindBasis | undefined {
  if (leftBehindState(c) === 'no') return undefined
  const f = c.father.state
  const m = c.mother.state
  if (c.nonParental && (f === 'away' || f === 'unknown') && (m === 'away' || m === 'unknown')) return 'both-away'
  return leftBehindBasis(c.father, c.mother) ?? 'other'
}

const RANK = new Map(PARENT_STATES.map((s, i) => [s, i]))
const graver = (a: ParentReading, b: ParentReading): ParentReading => ((RANK.get(b.state) ?? 99) < (RANK.get(a.state) ?? 99) ? b : a)

/**
 * The care facts of one child from several rows (a child listed twice, or a roster row and other
 * departments' rows): each parent's gravest state (the order in which parent-state.ts weighs the
 * cells of one row), any flag (否 over 是), any remark. With `fillOnly`, `b` only fills in what `a`
 * does not know: another department's list speaks for a parent the roster leaves unrecorded.
 */
export function mergeCare(a: CareFacts, b: CareFacts, fillOnly = false): CareFacts {
  const pick = (x: ParentReading, y: ParentReading): ParentReading => (fillOnly ? (x.state === 'unknown' ? y : x) : graver(x, y))
  // Filling in, another list's 是 may stand for a flag the roster lacks; its 否 does not overrule the roster.
  const flag = fillOnly ? (a.flag ?? (b.flag?.answer === '是' ? b.flag : undefined)) : a.flag?.answer === '否' ? a.flag : b.flag?.answer === '否' ? b.flag : (a.flag ?? b.flag)
  const remark = a.remark ?? (fillOnly ? undefined : b.remark)
  return {
    father: pick(a.father, b.father),
    mother: pick(a.mother, b.mother),
    ...(flag ? {flag} : {}),
    ...(remark !== undefined ? {remark} : {}),
    nonParental: a.nonParental || b.nonParental,
  }
}

/** What shows a child is not left behind: the reason, and the cells that say so (field and text as written). */
export interface NotLeftBehind {
  reason: 'flag' | 'remark' | 'father-home' | 'mother-home'
  cells: readonly DecidingCell[]
}

/** The evidence that a child is not left behind, first that applies: the flag, a parent at home and able, the remark. */
export function notLeftBehind(c: CareFacts): NotLeftBehind | undefined {
  if (c.flag?.answer === '否') return {reason: 'flag', cells: [{field: 'leftBehind', text: c.flag.text}]}
  if (c.father.state === 'home-able') return {reason: 'father-home', cells: c.father.cells}
  if (c.mother.state === 'home-able') return {reason: 'mother-home', cells: c.mother.cells}
  if (c.remark !== undefined) return {reason: 'remark', cells: [{field: 'remarks', text: c.remark}]}
  return undefined
}

/** Public security's verdict on a registration (人员状态, 注销原因): deceased, or moved out (迁出, or a cancellation 注销 other than death). */
export function registrationVerdict(status: string, reason: string): {verdict: 'deceased' | 'moved-out'; text: string} | undefined {
  const raw = squeeze(status)
  const s = raw ? (lookupCode('personStatus', raw) ?? raw) : ''
  const r = squeeze(reason)
  const text = [s, r].filter((x) => x !== '').join(' ')
  if (s === '死亡' || /死亡|身故|病故|亡故|去世/.test(r) || (!lookupCode('personStatus', raw) && /死亡/.test(raw))) return {verdict: 'deceased', text}
  if (s === '迁出' || s === '注销' || /迁出|迁往|迁移|迁至|出国|出境|定居|注销/.test(r)) return {verdict: 'moved-out', text}
  return undefined
}
