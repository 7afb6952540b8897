// A parent's state (父母状况), read from every cell of a roster row that may hold it. Rosters seldom
// have a column for the condition of the parent at home: clerks write it into the parent's status
// or 务工地 cell (在家（残疾）, 重病在家, 本地（精神残疾）, 丧失劳动能力), into a health column of the
// parent's own, into 备注 (remarks: 母亲重病在家) or into 监护情况 (父亲在家（残疾）). One reading
// here, so that risk, diff and validate agree on who is away, who is at home and able, and who is
// at home but cannot care — the child of an away parent and an incapable one is left behind
// (国发〔2016〕13号) — and can name the cells that say so.
//
// How a cell is read (docs/risk.md lists every written form the tests check):
// 1. The text is folded: full-width to half-width (NFKC), spaces dropped, traditional characters
//    to simplified (殘疾 → 残疾). Placeholders (无, /, -, 不详 …) say nothing.
// 2. The text is cut into clauses at the words for a person: 父亲/爸爸/其父 (father), 母亲/妈妈
//    (mother), 父母/双亲/爸妈 (both), and anyone else (奶奶, 监护人, 孩子 …, whose clauses are
//    not about a parent). A clause before any such word speaks of the cell's own parent in the
//    parent's own cells (status, workplace, health) and of no one in the shared cells (remarks,
//    监护情况, 父母情况), which speak only through the words for a parent. 父亲、母亲 (a list
//    joined by 、和与及) is both; 父母一方, 父或母 is neither (it does not say which).
// 3. A clause is read most serious first: dead > prison (not 刑满释放) > missing. Then where the
//    parent is: at home (在家, 本地, 务农, 返乡; 照顾 unless the clause says away too), else
//    divorced or not caring (离异, 改嫁, 不管; 离异在家 is at home), else away (外出, 务工, a
//    province or a city). At home does not count when the clause says the parent left again
//    (节后外出) or comes home only for the holidays (春节回家). A condition (ill, disabled, no
//    capacity: 重病, 残疾, 肢体二级, 丧失劳动能力 …) with "at home" is home-incapable; with "away"
//    it is away (a parent who works away is away whatever the health). Negations are read as
//    such: 无残疾, 未外出 (at home), 不在家 (away).
// 4. A condition alone is placed by the cell: in the status or workplace cell it means the parent
//    is at home (the clerk wrote it instead of a place), in a health cell, a remark or 监护情况 it
//    "floats" and makes the parent home-incapable unless another cell puts the parent away.
//    Anything else in a workplace cell is a place, so away.
//
// How the cells are combined, most serious first (SEVERITY): dead > prison > missing >
// home-incapable > home-able > absent > away > unknown. So a workplace naming a distant place is
// away unless another cell (the status, a remark) says the parent is at home (the workplace of a
// parent who came back is seldom cleared), and a floating condition turns home-able or unknown
// into home-incapable. The reading names the cells that decided it (field and raw text) and why a
// parent at home cannot care (ill, disabled, no capacity).
//
// Speed: a million-row roster has few distinct texts per column. What one text says is computed
// once (TEXT_CACHE) and a parent's reading once per combination of cell texts (READING_CACHE,
// keyed by small per-text ids); both caches are bounded, keep what is asked for again and let
// texts unique to one row (remarks) go first. Patterns are compiled once. Measured on 2 shared
// cores: about 1.5 µs of CPU per row (both parents, eight cells) when texts repeat, 11 µs when
// every row has its own remark naming a parent.

import {toSimplified} from '../cn/variants.js'
import {lookupCode} from '../schema/code-lists.js'

export type Parent = 'father' | 'mother'

/**
 * A parent's state, as far as caring for the child goes:
 * - `away`: works or lives away (外出务工, a 务工地 such as 广东东莞);
 * - `home-able`: at home and able to care (在家, 务农, 返乡);
 * - `home-incapable`: at home without capacity (重病, 残疾, 丧失劳动能力 or 丧失监护能力);
 * - `prison`: in prison or compulsory drug rehabilitation (服刑, 强制隔离戒毒);
 * - `dead`, `missing` (失踪, 下落不明);
 * - `absent`: divorced or otherwise not caring, with nothing placing the parent (离异, 改嫁);
 * - `unknown`: no cell says.
 */
export type ParentState = 'away' | 'home-able' | 'home-incapable' | 'prison' | 'dead' | 'missing' | 'absent' | 'unknown'

/** Most serious first: the order in which the states of several cells are weighed. */
export const PARENT_STATES: readonly ParentState[] = ['dead', 'prison', 'missing', 'home-incapable', 'home-able', 'absent', 'away', 'unknown']

/** Why a parent at home cannot care. */
export type Incapacity = 'ill' | 'disabled' | 'no-capacity'
export const INCAPACITIES: readonly Incapacity[] = ['ill', 'disabled', 'no-capacity']

/**
 * The cells a parent's state is read from. `status`, `workplace` and `health` are the parent's
 * own; `guardianship` (监护情况/监护类型), `parents` (父母情况, one cell for both) and `remarks`
 * (备注) speak of either parent; `guardianHealth` is the parent's health when `guardianRelation`
 * says the guardian is that parent.
 */
export type CellRole = 'status' | 'workplace' | 'health' | 'guardianRelation' | 'guardianHealth' | 'guardianship' | 'parents' | 'remarks'
export const CELL_ROLES: readonly CellRole[] = ['status', 'workplace', 'health', 'guardianRelation', 'guardianHealth', 'guardianship', 'parents', 'remarks']

/** The raw texts of one row's cells, by role; a missing cell is an empty one. */
export type ParentCells = Partial<Record<CellRole, string>>

/** The field name each role is read from (and reported as). */
export type ParentFields = Readonly<Record<CellRole, string>>

/**
 * Canonical fields, and the pseudo-fields `risk` gives the columns no canonical field covers
 * (`x:fatherHealth` 父亲健康状况, `x:parents` 父母情况); pass your own to readParents otherwise.
 */
export const PARENT_FIELDS: Readonly<Record<Parent, ParentFields>> = {
  father: {
    status: 'fatherStatus',
    workplace: 'fatherWorkplace',
    health: 'x:fatherHealth',
    guardianRelation: 'guardianRelation',
    guardianHealth: 'guardianHealth',
    guardianship: 'guardianshipType',
    parents: 'x:parents',
    remarks: 'remarks',
  },
  mother: {
    status: 'motherStatus',
    workplace: 'motherWorkplace',
    health: 'x:motherHealth',
    guardianRelation: 'guardianRelation',
    guardianHealth: 'guardianHealth',
    guardianship: 'guardianshipType',
    parents: 'x:parents',
    remarks: 'remarks',
  },
}

/** A cell that decided a reading: its field and its text as written. */
export interface DecidingCell {
  readonly field: string
  readonly text: string
}

export interface ParentReading {
  readonly state: ParentState
  /** Why a `home-incapable` parent cannot care; empty for every other state. */
  readonly reasons: readonly Incapacity[]
  /** The cells that decided the state, in the order of CELL_ROLES; empty when `unknown`. */
  readonly cells: readonly DecidingCell[]
}

// ---------------------------------------------------------------------------------------------
// One clause

/** A state some text places the parent in (everything but unknown). */
type Located = Exclude<ParentState, 'unknown'>

const SEVERITY: Readonly<Record<ParentState, number>> = {
  dead: 7,
  prison: 6,
  missing: 5,
  'home-incapable': 4,
  'home-able': 3,
  absent: 2,
  away: 1,
  unknown: 0,
}

const ILL = 1
const DISABLED = 2
const NO_CAPACITY = 4
const REASON_LISTS: readonly (readonly Incapacity[])[] = Array.from({length: 8}, (_, bits) =>
  Object.freeze(INCAPACITIES.filter((_r, i) => (bits & (1 << i)) !== 0)),
)

/** What one clause, or one cell for one parent, says. */
interface Said {
  /** Where the text places the parent; undefined when it places the parent nowhere. */
  state: Located | undefined
  /** Incapacity bits (ILL | DISABLED | NO_CAPACITY): with `home-incapable`, or floating without a state. */
  reasons: number
  /** Text that is neither a state nor a condition (in a workplace cell: a place). */
  unread: boolean
}

// 死 but not 死缓 (a suspended death sentence is prison); not a bare 故 (事故 is an accident).
const DEAD = /^亡$|死(?!缓)|殁|亡故|身亡|双亡|阵亡|已亡|去世|过世|逝世|病逝|病故|已故|身故|离世|不在人世|遇难|牺牲/
// Out of prison: back home (保外就医 is medical parole, and 就医 makes it ill).
const RELEASED = /刑满|期满|释放|出狱|缓刑|假释|保外/
const PRISON = /服刑|在押|监狱|狱中|入狱|坐牢|劳改|羁押|判刑|徒刑|无期|死缓|看守所|拘留|关押|收监|戒毒|强制隔离/
const MISSING = /失踪|下落不明|去向不明|下落不详|去向不详|不知去向|不知下落|失联|失去联系|联系不上|无法联系|杳无音|音讯全无|音信全无|出走|走失|查找不到|找不到人|寻找未果/
// Divorced or not caring. Read only when nothing else places the parent (离异在家 is at home).
const ABSENT = /离异|离婚|改嫁|再婚|再嫁|另嫁|另娶|另组|重组家庭|弃养|遗弃|抛弃|不管|不抚养|不履行|未尽|不尽|不闻不问|不联系|未婚|非婚|分居/g

// Health said to be fine: removed before looking for a condition (无残疾, 未患病, 身体健康).
const NOT_ILL = /(?:无|未|没有|没|非|不是)(?:患有?|有)?(?:任何|重大|严重)?(?:疾病|重病|大病|病|残疾|残)|(?<!不)健康|(?:肢体|四肢|身体)?健全|良好|(?<!不)正常/g
const ILL_TEXT = /病|癌|瘤|白血|尿毒|透析|化疗|放疗|住院|就医|手术|中风|脑梗|脑溢血|脑出血|心脏|肝硬化|肝炎|肾衰|结核|艾滋|hiv|糖尿|高血压|癫痫|精神分裂|精神失常|精神异常|精神不正常|抑郁|痴呆|疯|不健康|身体不好|身体差|身体很差|身体欠佳/
// 精神残疾 is a disability (残), 精神病 an illness (病); 肢体二级 and a bare 二级 are disability grades.
const DISABLED_TEXT = /残|瘫|聋|哑|盲|失明|失聪|智障|智力低下|智力障碍|弱智|痴傻|傻|截肢|缺肢|肢体|侏儒|畸形|行动不便|腿脚不便|[一二三四1-4]级/
const NO_CAPACITY_TEXT =
  /丧失|失去(?:劳动|监护|自理|生活|工作)?能力|(?:无|没有|缺乏)(?:劳动|监护|自理|行为|生活)能力|不具备|不具有监护|无监护条件|无力(?:监护|照顾|抚养|照看|照料)|无法(?:监护|照顾|照看|照料|自理|抚养)|不能(?:监护|照顾|照看|照料|自理)|(?:无法|不能)(?:工作|劳动)|卧床|植物人|生活不能自理|限制行为能力/

// Where migrant parents go: the provinces, the big cities.
const PROVINCES = '北京|天津|河北|山西|内蒙|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|台湾|香港|澳门'
const CITIES = '东莞|深圳|广州|佛山|中山|惠州|珠海|江门|汕头|义乌|宁波|温州|杭州|嘉兴|绍兴|金华|台州|厦门|泉州|福州|晋江|苏州|昆山|无锡|常州|南京|南通|武汉|长沙|成都|西安|郑州|南宁|昆明|贵阳|合肥|南昌|济南|青岛|大连|沈阳|哈尔滨|乌鲁木齐|拉萨|海口|三亚'
// Away for good even though the clause says home: left again, or home only for the holidays.
const LEFT_AGAIN = new RegExp(`又外出|再次外出|重新外出|已外出|又出去|返岗|(?:节|年)后外出|已离开|(?:春节|过年|过节|逢年过节|节假日|年底|年前|偶尔|每年|每月|每周|周末|不常|很少|农忙|寒暑假|假期)回[家来乡]|回家过年|(?:已回|返回|回到)(?:${PROVINCES}|${CITIES})`)
// Not away (未外出, 无工作) and not at home (不在家, 未返乡): read, then removed so that the
// words inside them (外出, 在家) are not read again.
const NOT_AWAY = /不再外出|(?:未|没有|没|不)(?:外出|出去)|(?:无|没有|没|未|不再|不|无法|不能)(?:工作|务工|打工|劳动)/g
const NOT_HOME = /(?:不|没|未|没有)在家|(?:没|未|不|没有)(?:回|返)(?:家|乡|来)?/g
// At home: 在家, a local place, farming, returned. A clause that begins with 生活/居住 is about
// living with the parent named before it (随母亲生活). 家中 only alone (家中无人照顾 is not).
const HOME = /在家|居家|在村|本村|村里|本地|当地|本乡|乡里|本镇|镇上|本县|县内|县城|乡内|镇内|村内|乡镇|镇里|镇政府|乡政府|村委|村部|附近|就近|返乡|回乡|回家|返家|已回|回来|务农|种地|种田|养殖|无业|待业|闲居|主妇|家务|^家[里中]?$|^(?:一起)?(?:生活|居住|同住)/
// Caring for the child: at home, unless the clause also says away (外出后托人照顾).
const CARE = /监护|照顾|照看|照料|看护|抚养|陪读|陪伴|带孩子|带小孩/
// Away: the words for it, the places, abroad.
const AWAY = new RegExp(`外出|在外|外地|外省|省外|外县|县外|外市|市外|外面|出去|出门|务工|打工|经商|生意|上班|工作|做工|劳务|进城|流动|出国|国外|境外|海外|${PROVINCES}|${CITIES}`)

/** Anything but punctuation, symbols and spaces. */
const TEXT_CHAR = /[^\p{P}\p{S}\s]/u

function hasText(s: string): boolean {
  return TEXT_CHAR.test(s)
}

function conditionBits(s: string): number {
  const t = s.replace(NOT_ILL, '·')
  let bits = 0
  if (ILL_TEXT.test(t)) bits |= ILL
  if (DISABLED_TEXT.test(t)) bits |= DISABLED
  if (NO_CAPACITY_TEXT.test(t)) bits |= NO_CAPACITY
  return bits
}

/** What one clause says, wherever it was written; undefined for a clause of punctuation only. */
function readClause(s: string): Said | undefined {
  if (!hasText(s)) return undefined
  if (DEAD.test(s)) return {state: 'dead', reasons: 0, unread: false}
  const released = RELEASED.test(s)
  if (!released && PRISON.test(s)) return {state: 'prison', reasons: 0, unread: false}
  if (MISSING.test(s)) return {state: 'missing', reasons: 0, unread: false}
  const reasons = conditionBits(s)
  const absent = s.search(ABSENT) >= 0
  // 不抚养 is not 抚养, 无法照顾 is a condition, not care: what is left once they are read.
  let rest = absent ? s.replace(ABSENT, '·') : s
  const leftAgain = LEFT_AGAIN.test(rest)
  const notAway = rest.search(NOT_AWAY) >= 0
  if (notAway) rest = rest.replace(NOT_AWAY, '·')
  const notHome = rest.search(NOT_HOME) >= 0
  if (notHome) rest = rest.replace(NOT_HOME, '·')
  const away = leftAgain || notHome || AWAY.test(rest)
  const home = !leftAgain && (released || notAway || HOME.test(rest) || (!away && CARE.test(rest)))
  if (home) return {state: reasons !== 0 ? 'home-incapable' : 'home-able', reasons, unread: false}
  if (absent) return {state: 'absent', reasons: 0, unread: false}
  if (away) return {state: 'away', reasons: 0, unread: false}
  return {state: undefined, reasons, unread: reasons === 0}
}

/** Two things said of the same parent in one cell: the more serious state, every condition. */
function merge(a: Said | undefined, b: Said | undefined): Said | undefined {
  if (a === undefined) return b
  if (b === undefined) return a
  const state = a.state === undefined ? b.state : b.state === undefined || SEVERITY[a.state] >= SEVERITY[b.state] ? a.state : b.state
  return {state, reasons: a.reasons | b.reasons, unread: a.unread || b.unread}
}

// ---------------------------------------------------------------------------------------------
// One text: clauses by whom they speak of

/** Bits of the parents a clause speaks of; 0 for someone else; NO_ONE for no word at all. */
const FATHER = 1
const MOTHER = 2
const BOTH = 3
const OTHER = 0
const AMBIGUOUS = -1
const NO_ONE = -2

// Longest first, so that 祖父母 is not read as 父母, 姨妈 not as 妈, 其父 before 父.
const PERSON_WORDS: [string, number][] = [
  ...['外祖父母', '祖父母', '外祖父', '外祖母', '祖父', '祖母', '爷爷', '奶奶', '外公', '外婆', '姥姥', '姥爷', '继父', '继母', '后妈', '后爸', '伯父', '伯母', '叔父', '叔叔', '婶婶', '舅舅', '舅妈', '舅母', '姑姑', '姑妈', '姑父', '姨妈', '姨父', '姨母', '岳父', '岳母', '公公', '婆婆', '干爹', '干妈', '哥哥', '姐姐', '弟弟', '妹妹', '监护人', '老人', '亲属', '亲戚', '邻居', '别人', '托人', '亲友', '朋友', '保姆', '托管', '寄养', '老师', '学校', '村干部', '儿童主任', '该生', '该童', '孩子', '儿童', '学生', '幼儿', '小孩', '无人', '他人', '委托人'].map((w): [string, number] => [w, OTHER]),
  ...['父母亲', '父母双方', '爸爸妈妈', '父母', '双亲', '双方', '爸妈', '爹妈', '爹娘'].map((w): [string, number] => [w, BOTH]),
  ...['其父', '生父', '养父', '父亲', '爸爸', '老爸', '爹爹'].map((w): [string, number] => [w, FATHER]),
  ...['其母', '生母', '养母', '母亲', '妈妈', '老妈'].map((w): [string, number] => [w, MOTHER]),
  ...['爷', '奶', '兄', '姐', '哥', '弟', '妹', '叔', '伯', '姑', '舅', '姨', '婶'].map((w): [string, number] => [w, OTHER]),
  ...[['父', FATHER], ['爸', FATHER], ['爹', FATHER], ['母', MOTHER], ['妈', MOTHER]] as [string, number][],
]
const PERSON_OF = new Map(PERSON_WORDS)
const PERSON = new RegExp(
  [...PERSON_WORDS]
    .map(([w]) => w)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'g',
)
/** After 父母: 父母一方, 父母之一, 父母其中一人 do not say which parent. */
const ONE_OF = /^(?:其中)?(?:一方|之一|一人|一个|有一|任一|或)/
/** Between two words for a parent: a list (父亲、母亲均外出), or 或 (父或母: either). */
const JOINER = /^[\p{P}\p{S}和与及跟同以]*$/u
/** Any word for a parent, to skip remarks that name none cheaply (traditional 媽 and 雙 included). */
const PARENT_HINT = /[父母爸妈媽爹双雙]/

/** What one text says: of its own parent (no person named), of the father, of the mother. */
interface TextSaid {
  /**
   * Unique per parsed text (0 for every placeholder, which never decides anything): the
   * reading cache is keyed by these numbers rather than by the texts, which may be long.
   */
  id: number
  self: Said | undefined
  father: Said | undefined
  mother: Said | undefined
  /** The text's canonical value in the code lists a cell of some role is also looked up in. */
  yesNo: string | undefined
  relation: string | undefined
  guardianshipType: string | undefined
}

const PLACEHOLDER = /^(?:[-—–_/\\.。、·*~?]+|无|暂无|没有|不详|不明|未知|空|空白|null|none|n\/?a|#n\/a)$/i

/** Full-width folded, spaces dropped, traditional characters simplified, Latin lower-cased. */
export function foldText(raw: string): string {
  return toSimplified(raw.normalize('NFKC').replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '')).toLowerCase()
}

/** A cell that holds nothing: empty, a dash or slash, 无, 不详 … */
export function isPlaceholderText(raw: string): boolean {
  const s = foldText(raw)
  return s === '' || PLACEHOLDER.test(s)
}

const NOTHING: TextSaid = Object.freeze({id: 0, self: undefined, father: undefined, mother: undefined, yesNo: undefined, relation: undefined, guardianshipType: undefined})
// Never reused, so that a text parsed again after the text cache forgot it cannot be mistaken
// for another in a reading cache key.
let textIds = 0

function parseText(raw: string): TextSaid {
  const s = foldText(raw)
  if (s === '' || PLACEHOLDER.test(s)) return NOTHING
  let self: Said | undefined
  let father: Said | undefined
  let mother: Said | undefined
  let both: Said | undefined
  const put = (who: number, said: Said | undefined): void => {
    if (said === undefined) return
    if (who === NO_ONE) self = merge(self, said)
    else if (who === FATHER) father = merge(father, said)
    else if (who === MOTHER) mother = merge(mother, said)
    else if (who === BOTH) both = merge(both, said)
  }
  let who = NO_ONE
  let from = 0
  PERSON.lastIndex = 0
  for (let m = PERSON.exec(s); m !== null; m = PERSON.exec(s)) {
    const clause = s.slice(from, m.index)
    let next = PERSON_OF.get(m[0]) ?? OTHER
    const joined = who > 0 && next > 0 && JOINER.test(clause)
    if (joined) next |= who
    else if (who > 0 && next > 0 && clause === '或') next = AMBIGUOUS
    else put(who, readClause(clause))
    from = m.index + m[0].length
    if (next === BOTH && ONE_OF.test(s.slice(from))) next = AMBIGUOUS
    who = next
  }
  put(who, readClause(s.slice(from)))
  // What is said of one parent by name outranks what is said of both (父母离异，母亲外出务工).
  const own = (one: Said | undefined): Said | undefined =>
    one === undefined ? both : both === undefined ? one : {state: one.state ?? both.state, reasons: one.reasons | both.reasons, unread: one.unread}
  return {
    id: ++textIds,
    self,
    father: own(father),
    mother: own(mother),
    yesNo: lookupCode('yesNo', raw),
    relation: lookupCode('relation', raw),
    guardianshipType: lookupCode('guardianshipType', raw),
  }
}

// Bounded caches. A new entry waits in a small probation map and joins the main cache only when it
// is asked for again: a roster's repeated texts (在家, 广东东莞, 补报：父母均外出务工) get there at
// their second row, while texts unique to their row (a remark with a date or a name) churn in the
// probation map, die young and never reach the old generation of the garbage collector (caching
// them all made such rosters twice as slow). The main cache has two generations: new entries go
// into `current`; when it holds half the bound it becomes `previous` and the older generation is
// dropped whole; a hit in `previous` moves the entry forward. O(1) per call, no scan.
class BoundedCache<V> {
  private current = new Map<string, V>()
  private previous = new Map<string, V>()
  private probation = new Map<string, V>()
  constructor(
    private readonly max: number,
    private readonly probationMax = Math.max(64, max >> 5),
  ) {}
  get(key: string): V | undefined {
    const hit = this.current.get(key)
    if (hit !== undefined) return hit
    const old = this.previous.get(key) ?? this.probation.get(key)
    if (old !== undefined) this.keep(key, old)
    return old
  }
  set(key: string, value: V): void {
    if (this.probation.size >= this.probationMax) this.probation = new Map()
    this.probation.set(key, value)
  }
  private keep(key: string, value: V): void {
    if (this.current.size >= this.max >> 1) {
      this.previous = this.current
      this.current = new Map()
    }
    this.current.set(key, value)
  }
  /** Entries held (one moved forward may count twice): at most `max` and the probation map. */
  get size(): number {
    return this.current.size + this.previous.size + this.probation.size
  }
  clear(): void {
    this.current.clear()
    this.previous.clear()
    this.probation.clear()
  }
}

/**
 * A copy of a cell's text that does not keep the block it was sliced from alive (as
 * src/strings.ts's detach): the caches outlive the rows, and a kept slice would keep its whole
 * decoded block (about a megabyte) in memory.
 */
function detach(s: string): string {
  // V8 copies strings shorter than 13 characters instead of slicing them.
  return s.length < 13 ? s : (' ' + s).slice(1)
}

/** Entries per cache: far more than the distinct texts of a column, a few megabytes at most. */
export const PARENT_STATE_CACHE_SIZE = 1 << 15
const TEXT_CACHE = new BoundedCache<TextSaid>(PARENT_STATE_CACHE_SIZE)
const READING_CACHE = new BoundedCache<ParentReading>(PARENT_STATE_CACHE_SIZE)

function textSaid(raw: string): TextSaid {
  let t = TEXT_CACHE.get(raw)
  if (t === undefined) {
    t = parseText(raw)
    TEXT_CACHE.set(detach(raw), t)
  }
  return t
}

/** Which parents a text speaks of, by the words for them (父亲在家（残疾）: father; 父母均外出: both). */
export function whichParent(text: string): 'father' | 'mother' | 'both' | undefined {
  const t = textSaid(text)
  const f = t.father !== undefined
  const m = t.mother !== undefined
  return f && m ? 'both' : f ? 'father' : m ? 'mother' : undefined
}

// ---------------------------------------------------------------------------------------------
// One parent, from all the cells

const UNKNOWN: ParentReading = Object.freeze({state: 'unknown', reasons: Object.freeze([]) as readonly Incapacity[], cells: Object.freeze([]) as readonly DecidingCell[]})

interface Evidence {
  said: Said
  /** Indexes into CELL_ROLES of the cells that say it. */
  roles: number[]
}

const RELATION = CELL_ROLES.indexOf('guardianRelation')

const REMARKS = CELL_ROLES.indexOf('remarks')
const PARENTS = CELL_ROLES.indexOf('parents')
const GUARDIAN_HEALTH = CELL_ROLES.indexOf('guardianHealth')

/**
 * The texts of one row's cells (by CELL_ROLES) and what each says, each looked up once per row
 * (a second lookup would count as the text being asked for again, see BoundedCache). A remark or
 * 父母情况 that names no parent says nothing of one: blanked before it is parsed or cached.
 */
interface RowTexts {
  texts: string[]
  saids: TextSaid[]
}

function rowTexts(texts: string[], known?: RowTexts): RowTexts {
  const saids: TextSaid[] = []
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i]!
    if (known !== undefined && known.texts[i] === t) {
      saids.push(known.saids[i]!)
      continue
    }
    if (t !== '' && (i === REMARKS || i === PARENTS) && !PARENT_HINT.test(t)) texts[i] = ''
    saids.push(texts[i] === '' ? NOTHING : textSaid(t))
  }
  return {texts, saids}
}

/** The row as `parent` reads it: the guardian's relation and health blanked unless the guardian is that parent. */
function forParent(parent: Parent, row: RowTexts): RowTexts {
  if (row.texts[RELATION] === '' || row.saids[RELATION]!.relation === (parent === 'father' ? '父亲' : '母亲')) return row
  const texts = row.texts.slice()
  const saids = row.saids.slice()
  texts[RELATION] = texts[GUARDIAN_HEALTH] = ''
  saids[RELATION] = saids[GUARDIAN_HEALTH] = NOTHING
  return {texts, saids}
}

/** What each cell says of `parent`, placed by the kind of cell it is (rule 4 above). */
function evidenceOf(parent: Parent, row: RowTexts): Evidence[] {
  const out: Evidence[] = []
  // forParent left the relation only when the guardian is this parent.
  const guardianIsParent = row.texts[RELATION] !== ''
  for (let i = 0; i < CELL_ROLES.length; i++) {
    const role = CELL_ROLES[i]!
    const t = row.saids[i]!
    if (row.texts[i] === '' || role === 'guardianRelation') continue
    let said: Said | undefined
    const roles = [i]
    switch (role) {
      case 'status':
      case 'workplace': {
        // 父亲是否外出务工 maps to the status: its 是/否 answer that question.
        const yes = role === 'status' ? t.yesNo : undefined
        if (yes !== undefined) {
          said = {state: yes === '是' ? 'away' : 'home-able', reasons: 0, unread: false}
          break
        }
        said = merge(t.self, t[parent])
        if (said === undefined) break
        if (said.state === undefined && said.reasons !== 0) said = {state: 'home-incapable', reasons: said.reasons, unread: false}
        // A 务工地 names a place: away.
        else if (said.state === undefined && role === 'workplace' && said.unread) said = {state: 'away', reasons: 0, unread: false}
        break
      }
      case 'health':
        said = merge(t.self, t[parent])
        break
      case 'guardianHealth':
        if (!guardianIsParent) break
        said = merge(t.self, t[parent])
        roles.unshift(RELATION)
        break
      case 'guardianship':
        said = t[parent]
        // 父母一方监护 with the guardian written as this parent: the parent cares for the child.
        if (said === undefined && t.guardianshipType === '父母一方监护' && guardianIsParent) {
          said = {state: 'home-able', reasons: 0, unread: false}
          roles.unshift(RELATION)
        }
        break
      default:
        said = t[parent]
    }
    if (said !== undefined && (said.state !== undefined || said.reasons !== 0)) out.push({said, roles})
  }
  return out
}

function combine(evidence: readonly Evidence[], texts: readonly string[], fields: ParentFields): ParentReading {
  let best: Located | undefined
  let floating = 0
  for (const e of evidence) {
    const s = e.said.state
    if (s === undefined) floating |= e.said.reasons
    else if (best === undefined || SEVERITY[s] > SEVERITY[best]) best = s
  }
  let state: Located
  let reasons = 0
  // A floating condition (a health cell, a remark) applies to a parent at home or not placed.
  if (floating !== 0 && (best === undefined || best === 'home-able' || best === 'home-incapable')) {
    state = 'home-incapable'
    reasons = floating
  } else if (best !== undefined) state = best
  else return UNKNOWN
  let deciding = 0
  for (const e of evidence) {
    const s = e.said.state
    const decides = s === undefined ? state === 'home-incapable' : s === state || (state === 'home-incapable' && s === 'home-able')
    if (!decides) continue
    if (s === 'home-incapable') reasons |= e.said.reasons
    for (const r of e.roles) deciding |= 1 << r
  }
  const cells: DecidingCell[] = []
  for (let i = 0; i < CELL_ROLES.length; i++) {
    if ((deciding & (1 << i)) !== 0) cells.push(Object.freeze({field: fields[CELL_ROLES[i]!], text: detach(texts[i] ?? '')}))
  }
  return Object.freeze({state, reasons: state === 'home-incapable' ? REASON_LISTS[reasons]! : REASON_LISTS[0]!, cells: Object.freeze(cells)})
}

// A short id per field-name table, for the cache key (a caller may pass its own names).
const FIELDS_ID = new WeakMap<ParentFields, string>()
let fieldsIds = 0

function readRow(parent: Parent, whole: RowTexts, fields: ParentFields): ParentReading {
  const row = forParent(parent, whole)
  let id = FIELDS_ID.get(fields)
  if (id === undefined) {
    id = `${fieldsIds++}`
    FIELDS_ID.set(fields, id)
  }
  // The key: the parent, the field names and the ids of the texts (short, whatever the texts).
  let key = parent === 'father' ? `f${id}` : `m${id}`
  let empty = true
  for (let i = 0; i < row.texts.length; i++) {
    if (row.texts[i] === '') key += ','
    else {
      empty = false
      key += `,${row.saids[i]!.id}`
    }
  }
  if (empty) return UNKNOWN
  let r = READING_CACHE.get(key)
  if (r === undefined) {
    r = combine(evidenceOf(parent, row), row.texts, fields)
    READING_CACHE.set(key, r)
  }
  return r
}

/**
 * One parent's state from the texts of a row's cells (by role). The reading is shared and frozen:
 * the same texts give the same object.
 *
 *     readParent('mother', {status: '在家', remarks: '母亲重病'})
 *     // {state: 'home-incapable', reasons: ['ill'], cells: [{field: 'motherStatus', text: '在家'}, {field: 'remarks', text: '母亲重病'}]}
 */
export function readParent(parent: Parent, cells: ParentCells, fields: ParentFields = PARENT_FIELDS[parent]): ParentReading {
  return readRow(
    parent,
    rowTexts(CELL_ROLES.map((r) => cells[r] ?? '')),
    fields,
  )
}

/**
 * Both parents of a row, through a cell getter by field name (undefined or '' for a column the
 * roster does not have). `fields` names the fields each role is read from.
 */
export function readParents(
  get: (field: string) => string | undefined,
  fields: Readonly<Record<Parent, ParentFields>> = PARENT_FIELDS,
): {father: ParentReading; mother: ParentReading} {
  const f = fields.father
  const m = fields.mother
  const fatherTexts: string[] = []
  for (const role of CELL_ROLES) fatherTexts.push(get(f[role]) ?? '')
  const father = rowTexts(fatherTexts)
  // Shared cells are usually the same field: read them, and look their texts up, once.
  const mother = rowTexts(
    CELL_ROLES.map((role, i) => (m[role] === f[role] ? father.texts[i]! : (get(m[role]) ?? ''))),
    father,
  )
  return {father: readRow('father', father, f), mother: readRow('mother', mother, m)}
}

/** How many texts and readings the caches hold (each at most PARENT_STATE_CACHE_SIZE, and 1/32 of it on probation). */
export function parentStateCacheSizes(): {texts: number; readings: number} {
  return {texts: TEXT_CACHE.size, readings: READING_CACHE.size}
}

/** Empties both caches (tests, and a long-lived process between rosters). */
export function clearParentStateCaches(): void {
  TEXT_CACHE.clear()
  READING_CACHE.clear()
}

// ---------------------------------------------------------------------------------------------
// Left behind

/** SPEC's Risk `basis`: why the child counts as left behind. */
export type LeftBehindBasis = 'both-away' | 'one-away-other-incapable' | 'other'

// The other parent "without guardianship capacity" (无监护能力) of 国发〔2016〕13号, as local
// rules and the synthetic world read it: at home but ill, disabled or without capacity, or dead,
// in prison or missing. A divorced parent (absent) is not "without capacity", so such a child is
// left behind on an `other` basis.
const CANNOT_CARE: ReadonlySet<ParentState> = new Set(['home-incapable', 'prison', 'dead', 'missing'])

/**
 * Why a child counts as left behind (国发〔2016〕13号: both parents away, or one away and the other
 * without guardianship capacity), or undefined when the child is not: a parent is at home and able.
 * `other` covers every remaining shape — neither parent at home and able, but not the two of the
 * definition either (both incapable, one dead and one unknown, nothing recorded …).
 */
export function leftBehindBasis(father: ParentReading | ParentState, mother: ParentReading | ParentState): LeftBehindBasis | undefined {
  const f = typeof father === 'string' ? father : father.state
  const m = typeof mother === 'string' ? mother : mother.state
  if (f === 'home-able' || m === 'home-able') return undefined
  if (f === 'away' && m === 'away') return 'both-away'
  if ((f === 'away' && CANNOT_CARE.has(m)) || (m === 'away' && CANNOT_CARE.has(f))) return 'one-away-other-incapable'
  return 'other'
}
