// What a roster row says about a child's care: the parents' situation (父亲状况/母亲状况, or only
// a 务工地), health (健康状况, 残疾类别, free text such as 偏瘫 or 白血病), the guardian's age and
// capacity, and whether the child is left-behind at all (国发〔2016〕13号: both parents away, or one
// away and the other without guardianship capacity). Shared by `risk` and `diff`.

import {ageAt, parseDate} from '../cn/dates.js'
import {analyzeId} from '../cn/id-number.js'
import {parsePhone} from '../cn/phone.js'
import {lookupCode} from '../schema/code-lists.js'

/** A parent's situation, as far as care goes. */
export type ParentState = 'home' | 'away' | 'absent' | 'incapable' | 'prison' | 'dead' | 'missing' | 'unknown'

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

const PARENT_CODES: Record<string, ParentState> = {
  在家: 'home',
  外出务工: 'away',
  服刑: 'prison',
  死亡: 'dead',
  失踪: 'missing',
  重病: 'incapable',
  残疾: 'incapable',
  丧失监护能力: 'incapable',
}

// Free text, most serious first: 在家（重病） is incapable, 返乡务工 is home.
const PARENT_TEXT: [RegExp, ParentState][] = [
  [/死|亡|故|去世|过世|不在人世/, 'dead'],
  [/服刑|在押|监狱|坐牢|羁押|戒毒|看守所|判刑|劳改/, 'prison'],
  [/失踪|下落不明|失联|出走|联系不上|查找不到/, 'missing'],
  [/病|瘫|残|癌|瘤|精神|智力|智障|卧床|丧失|无监护|无劳动|不具备监护|植物人|痴呆/, 'incapable'],
  [/返乡|回乡|回家|回来|已回|本地|在家|居家|务农|在村|在本县|县内/, 'home'],
  [/外出|务工|打工|在外|外地|外省|省外|省内|县外|经商|工作|上班|做工|流动/, 'away'],
  [/离异|离婚|改嫁|再婚|再嫁|不管|不抚养|未婚|弃养/, 'absent'],
]

/** The state of a parent from the status cell, else from the workplace (a 务工地 means away). */
export function parentState(status: string, workplace = ''): ParentState {
  const s = squeeze(status)
  if (s !== '' && !isPlaceholder(s)) {
    const code = lookupCode('parentStatus', s)
    if (code !== undefined) return PARENT_CODES[code] ?? 'unknown'
    for (const [re, state] of PARENT_TEXT) if (re.test(s)) return state
  }
  const w = squeeze(workplace)
  if (w !== '' && !isPlaceholder(w)) {
    if (/在家|本地|务农|无业|居家/.test(w)) return 'home'
    return 'away'
  }
  return 'unknown'
}

/** A parent who does not look after the child (for the left-behind definition). */
export function parentNotCaring(state: ParentState): boolean {
  return state !== 'home' && state !== 'unknown'
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

/** The cells that tell whether a child is left-behind. */
export interface CareCells {
  leftBehind?: string
  fatherStatus?: string
  fatherWorkplace?: string
  motherStatus?: string
  motherWorkplace?: string
  guardianshipType?: string
  guardianRelation?: string
  /** 备注: 父母已返乡, 不再是留守儿童 … */
  remarks?: string
}

const RETURNED_REMARK = /(?:父|母|爸|妈|双亲|家长).{0,4}(?:返乡|回乡|回家|回来|已回|在家|回本地)|返乡|回乡|不再是?留守|退出留守|非留守|不属于留守|不是留守/
const LEFT_AGAIN_REMARK = /又外出|再次外出|已外出|又出去|返岗|节后外出/

export type LeftBehindState = 'yes' | 'no' | 'unknown'

/**
 * Whether the data shows the child left-behind: `no` when a parent is at home and able to care
 * (在家, or 父母一方监护 with that parent as the guardian), or the list flags 否; `yes` when both
 * parents are away or unable to care; `unknown` otherwise.
 */
export function leftBehindState(c: CareCells): LeftBehindState {
  // An explicit 否 is the list's own judgement, whatever status cells were left as they were.
  const flag = c.leftBehind ? lookupCode('yesNo', squeeze(c.leftBehind)) : undefined
  if (flag === '否') return 'no'
  const remark = c.remarks ? squeeze(c.remarks) : ''
  if (remark && RETURNED_REMARK.test(remark) && !LEFT_AGAIN_REMARK.test(remark)) return 'no'
  const father = parentState(c.fatherStatus ?? '', c.fatherWorkplace ?? '')
  const mother = parentState(c.motherStatus ?? '', c.motherWorkplace ?? '')
  if (father === 'home' || mother === 'home') return 'no'
  const type = c.guardianshipType ? (lookupCode('guardianshipType', squeeze(c.guardianshipType)) ?? '') : ''
  const relation = c.guardianRelation ? (lookupCode('relation', squeeze(c.guardianRelation)) ?? '') : ''
  if (type === '父母一方监护' && (relation === '父亲' || relation === '母亲')) {
    const state = relation === '父亲' ? father : mother
    if (state === 'unknown' || state === 'away') return 'no'
  }
  if (parentNotCaring(father) && parentNotCaring(mother)) return 'yes'
  if (flag === '是') return 'yes'
  return 'unknown'
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
