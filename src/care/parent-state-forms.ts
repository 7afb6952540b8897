// The written forms of a parent's state that parent-state.ts recognises, each with the reading it
// must give. One table for two uses: tests/unit/care/parent-state.test.ts reads every form and
// checks the state, the reasons and the deciding cell; parent-state-doc.ts renders it into
// the parent-state section of docs/risk.md (and a test checks it is current), so the list of recognised forms
// cannot drift from what the code does.

import type {CellRole, Incapacity, Parent, ParentCells, ParentState} from './parent-state.js'

/** A form written in one cell. */
export interface WrittenForm {
  /** The cell the clerk wrote it in. */
  cell: Exclude<CellRole, 'guardianRelation' | 'guardianHealth'>
  text: string
  /** Whose state is read (a remark may speak of either parent). */
  parent: Parent
  state: ParentState
  reasons?: Incapacity[]
  /** What the form shows, for the documentation. */
  note?: string
}

const f = (cell: WrittenForm['cell'], text: string, state: ParentState, reasons?: Incapacity[], note?: string, parent: Parent = 'father'): WrittenForm => ({
  cell,
  text,
  parent,
  state,
  ...(reasons ? {reasons} : {}),
  ...(note ? {note} : {}),
})
const status = (text: string, state: ParentState, reasons?: Incapacity[], note?: string) => f('status', text, state, reasons, note)
const workplace = (text: string, state: ParentState, reasons?: Incapacity[], note?: string) => f('workplace', text, state, reasons, note)
const health = (text: string, state: ParentState, reasons?: Incapacity[], note?: string) => f('health', text, state, reasons, note)
const ILL: Incapacity[] = ['ill']
const DISABLED: Incapacity[] = ['disabled']
const NO_CAPACITY: Incapacity[] = ['no-capacity']

export const WRITTEN_FORMS: readonly WrittenForm[] = [
  // At home without capacity, in the status cell.
  status('在家（残疾）', 'home-incapable', DISABLED, 'full-width parentheses'),
  status('在家(残疾)', 'home-incapable', DISABLED, 'half-width parentheses'),
  status('在家（重病）', 'home-incapable', ILL),
  status('在家(重病)', 'home-incapable', ILL),
  status('在家 （ 残疾 ）', 'home-incapable', DISABLED, 'spaces'),
  status('在家　重病', 'home-incapable', ILL, 'ideographic space'),
  status('在家-残疾', 'home-incapable', DISABLED),
  status('在家—重病', 'home-incapable', ILL),
  status('在家/残疾', 'home-incapable', DISABLED),
  status('残疾在家', 'home-incapable', DISABLED, 'reordered'),
  status('重病在家', 'home-incapable', ILL, 'reordered'),
  status('因病在家', 'home-incapable', ILL),
  status('在家务农（患病）', 'home-incapable', ILL),
  status('务农，身体不好', 'home-incapable', ILL),
  status('在家，肢体二级', 'home-incapable', DISABLED, 'a disability grade'),
  status('在家,智力残疾', 'home-incapable', DISABLED),
  status('在家（一级残疾）', 'home-incapable', DISABLED),
  status('残疾（二级）在家', 'home-incapable', DISABLED),
  status('本地（精神残疾）', 'home-incapable', DISABLED, '精神残疾 is a disability'),
  status('在家（精神病）', 'home-incapable', ILL, '精神病 is an illness'),
  status('在家（癌症）', 'home-incapable', ILL),
  status('在家（尿毒症，透析）', 'home-incapable', ILL),
  status('在家（聋哑）', 'home-incapable', DISABLED),
  status('在家（弱智）', 'home-incapable', DISABLED),
  status('在家（瘫痪）', 'home-incapable', DISABLED),
  status('在家（偏瘫卧床）', 'home-incapable', ['disabled', 'no-capacity']),
  status('重病卧床', 'home-incapable', ['ill', 'no-capacity']),
  status('在家，无法工作', 'home-incapable', NO_CAPACITY),
  status('丧失劳动能力', 'home-incapable', NO_CAPACITY, 'a condition alone in the status cell: at home'),
  status('丧失监护能力', 'home-incapable', NO_CAPACITY, 'code list value'),
  status('无劳动能力', 'home-incapable', NO_CAPACITY),
  status('无监护能力', 'home-incapable', NO_CAPACITY, 'code list synonym'),
  status('生活不能自理', 'home-incapable', NO_CAPACITY),
  status('重病', 'home-incapable', ILL, 'code list value'),
  status('残疾', 'home-incapable', DISABLED, 'code list value'),
  status('患病', 'home-incapable', ILL),
  status('重度残疾', 'home-incapable', DISABLED, 'code list synonym'),
  status('保外就医', 'home-incapable', ILL, 'medical parole: out of prison, ill'),
  status('在家（殘疾）', 'home-incapable', DISABLED, 'traditional characters'),
  status('殘疾在家', 'home-incapable', DISABLED, 'traditional characters'),
  status('在家（癱瘓）', 'home-incapable', DISABLED, 'traditional characters'),
  status('喪失勞動能力', 'home-incapable', NO_CAPACITY, 'traditional characters'),
  // At home and able.
  status('在家', 'home-able', undefined, 'code list value'),
  status(' 在 家 ', 'home-able', undefined, 'spaces'),
  status('在家务农', 'home-able'),
  status('务农', 'home-able'),
  status('本地务工', 'home-able', undefined, 'local work is not 外出'),
  status('县内务工', 'home-able'),
  status('返乡', 'home-able'),
  status('已返乡', 'home-able'),
  status('居家', 'home-able'),
  status('在家带孩子', 'home-able'),
  status('无业', 'home-able'),
  status('未外出', 'home-able', undefined, 'a negated 外出'),
  status('在家（健康）', 'home-able', undefined, 'a healthy condition is no incapacity'),
  status('在家（无残疾）', 'home-able', undefined, 'a negated condition'),
  status('在家，肢体健全', 'home-able', undefined, 'a negated condition'),
  status('在家，找不到工作', 'home-able', undefined, 'not missing'),
  status('刑满释放', 'home-able', undefined, 'out of prison'),
  // Away.
  status('外出务工', 'away', undefined, 'code list value'),
  status('外出', 'away'),
  status('外出打工', 'away'),
  status('在外务工', 'away'),
  status('省外务工', 'away'),
  status('在广东打工', 'away'),
  status('广东东莞', 'away', undefined, 'a place'),
  status('外出務工', 'away', undefined, 'traditional characters'),
  status('不在家', 'away', undefined, 'a negated 在家'),
  status('外出务工（患病）', 'away', undefined, 'a parent who works away is away, ill or not'),
  status('返乡后又外出', 'away', undefined, 'left again'),
  status('外出务工，已回广东', 'away', undefined, 'went back to work'),
  status('平时在外，春节回家', 'away', undefined, 'home only for the holidays'),
  status('是', 'away', undefined, 'the answer to 父亲是否外出务工 (a header the status is read from)'),
  status('√', 'away', undefined, 'yes'),
  status('否', 'home-able', undefined, 'no: not away'),
  status('每月回家一次', 'away', undefined, 'comes home only now and then'),
  status('在乡镇工作', 'home-able', undefined, 'local work'),
  // Prison, dead, missing, absent.
  status('服刑', 'prison', undefined, 'code list value'),
  status('服刑中', 'prison'),
  status('在押', 'prison'),
  status('坐牢', 'prison'),
  status('判刑入狱', 'prison'),
  status('死缓', 'prison', undefined, 'a suspended death sentence: not dead'),
  status('强制隔离戒毒', 'prison', undefined, 'compulsory drug rehabilitation restricts liberty like a sentence'),
  status('死亡', 'dead', undefined, 'code list value'),
  status('已故', 'dead'),
  status('去世', 'dead'),
  status('病故', 'dead', undefined, 'not ill: dead'),
  status('因病去世', 'dead'),
  status('車禍身亡', 'dead', undefined, 'traditional characters'),
  status('過世', 'dead', undefined, 'traditional characters'),
  status('亡', 'dead'),
  status('已歿', 'dead', undefined, 'traditional characters'),
  status('因事故残疾', 'home-incapable', DISABLED, '事故 is an accident, not 故 (dead)'),
  status('失踪', 'missing', undefined, 'code list value'),
  status('下落不明', 'missing'),
  status('失联', 'missing'),
  status('离家出走', 'missing'),
  status('失蹤', 'missing', undefined, 'traditional characters'),
  status('离异', 'absent'),
  status('离婚', 'absent'),
  status('改嫁', 'absent'),
  status('再婚不管', 'absent'),
  status('離異', 'absent', undefined, 'traditional characters'),
  status('离异在家', 'home-able', undefined, 'at home outranks divorced'),
  // Nothing.
  status('无', 'unknown', undefined, 'placeholder'),
  status('/', 'unknown', undefined, 'placeholder'),
  status('-', 'unknown', undefined, 'placeholder'),
  status('—', 'unknown', undefined, 'placeholder'),
  status('／', 'unknown', undefined, 'placeholder (full-width)'),
  status('不详', 'unknown', undefined, 'placeholder'),
  status('暂无', 'unknown', undefined, 'placeholder'),
  status('#N/A', 'unknown', undefined, 'placeholder'),
  status('其他', 'unknown', undefined, 'says nothing of the parent'),

  // The workplace cell (父亲务工地): a place is away; a condition instead of a place is at home.
  workplace('广东东莞', 'away', undefined, 'a place'),
  workplace('广东省东莞市', 'away'),
  workplace('浙江义乌', 'away'),
  workplace('深圳', 'away'),
  workplace('上海市', 'away'),
  workplace('东莞长安镇某电子厂', 'away', undefined, 'any place'),
  workplace('广东东莞（患病）', 'away', undefined, 'a place with a condition: away'),
  workplace('在家（残疾）', 'home-incapable', DISABLED),
  workplace('在家(重病)', 'home-incapable', ILL),
  workplace('本地（精神残疾）', 'home-incapable', DISABLED),
  workplace('残疾', 'home-incapable', DISABLED, 'a condition instead of a place'),
  workplace('丧失劳动能力', 'home-incapable', NO_CAPACITY),
  workplace('在家', 'home-able'),
  workplace('本地', 'home-able'),
  workplace('家里', 'home-able'),
  workplace('无业', 'home-able'),
  workplace('务农', 'home-able'),
  workplace('县城', 'home-able', undefined, 'within the county: not 外出'),
  workplace('无', 'unknown', undefined, 'placeholder'),
  workplace('/', 'unknown', undefined, 'placeholder'),

  // A health column of the parent's own (父亲健康状况): a condition there floats (see the rules).
  health('残疾', 'home-incapable', DISABLED),
  health('重病', 'home-incapable', ILL),
  health('肢体二级', 'home-incapable', DISABLED),
  health('偏瘫', 'home-incapable', DISABLED),
  health('患有精神病', 'home-incapable', ILL),
  health('健康', 'unknown', undefined, 'healthy: says nothing of where the parent is'),
  health('良好', 'unknown'),
  health('无残疾', 'unknown'),
  health('无', 'unknown', undefined, 'placeholder'),

  // 备注 (remarks): about the parent its words name.
  f('remarks', '父亲在家（残疾）', 'home-incapable', DISABLED),
  f('remarks', '母亲重病在家', 'home-incapable', ILL, undefined, 'mother'),
  f('remarks', '妈妈残疾在家', 'home-incapable', DISABLED, undefined, 'mother'),
  f('remarks', '媽媽重病在家', 'home-incapable', ILL, 'traditional characters', 'mother'),
  f('remarks', '其父重病在家', 'home-incapable', ILL),
  f('remarks', '父亲丧失劳动能力', 'home-incapable', NO_CAPACITY),
  f('remarks', '父亲外出务工，母亲在家（残疾）', 'home-incapable', DISABLED, 'the mother’s clause', 'mother'),
  f('remarks', '父亲外出务工，母亲在家（残疾）', 'away', undefined, 'the father’s clause'),
  f('remarks', '爷爷奶奶照顾，父亲残疾在家', 'home-incapable', DISABLED),
  f('remarks', '母亲因病去世', 'dead', undefined, undefined, 'mother'),
  f('remarks', '父亲服刑', 'prison'),
  f('remarks', '母亲离家出走', 'missing', undefined, undefined, 'mother'),
  f('remarks', '父亲已返乡', 'home-able'),
  f('remarks', '父母均外出务工', 'away', undefined, 'both parents'),
  f('remarks', '补报：父母均外出务工', 'away', undefined, undefined, 'mother'),
  f('remarks', '父、母均在外打工', 'away', undefined, 'a list of parents', 'mother'),
  f('remarks', '父母春节返乡，节后外出', 'away', undefined, 'left again'),
  f('remarks', '父母离异', 'absent'),
  f('remarks', '父母离异，随母亲生活', 'home-able', undefined, 'what is said of one parent outranks what is said of both', 'mother'),
  f('remarks', '父母外出，家中无人照顾', 'away', undefined, 'no one cares: not the parents'),
  f('remarks', '父母外出后托人照顾', 'away', undefined, 'caring with away in the same clause: someone else cares'),
  f('remarks', '父亲在家照顾', 'home-able'),
  f('remarks', '奶奶残疾', 'unknown', undefined, 'not a parent'),
  f('remarks', '孩子残疾', 'unknown', undefined, 'not a parent'),
  f('remarks', '父或母在家', 'unknown', undefined, 'does not say which parent'),
  f('remarks', '在家（残疾）', 'unknown', undefined, 'names no parent'),

  // 监护情况 / 监护类型.
  f('guardianship', '父亲在家（残疾）', 'home-incapable', DISABLED),
  f('guardianship', '母亲丧失监护能力', 'home-incapable', NO_CAPACITY, undefined, 'mother'),
  f('guardianship', '父母一方监护（母亲重病）', 'home-incapable', ILL, '父母一方 does not say which; 母亲 does', 'mother'),
  f('guardianship', '母亲监护', 'home-able', undefined, 'the parent cares for the child', 'mother'),
  f('guardianship', '祖辈监护', 'unknown'),

  // 父母情况 (one cell for both parents).
  f('parents', '父母均外出务工', 'away'),
  f('parents', '父亲服刑、母亲外出务工', 'prison'),
  f('parents', '父亲服刑、母亲外出务工', 'away', undefined, undefined, 'mother'),
  f('parents', '父母双亡', 'dead', undefined, undefined, 'mother'),
  f('parents', '双方均外出务工', 'away', undefined, '双方: both parents', 'mother'),
  f('parents', '父亲外出，母亲在家（重病）', 'home-incapable', ILL, undefined, 'mother'),
]

/** Several cells of one row: how their readings are weighed. */
export interface CombinedForm {
  cells: ParentCells
  parent: Parent
  state: ParentState
  reasons?: Incapacity[]
  /** The roles of the cells that decide it, in CELL_ROLES order. */
  decidedBy: CellRole[]
  note: string
}

const c = (parent: Parent, cells: ParentCells, state: ParentState, decidedBy: CellRole[], note: string, reasons?: Incapacity[]): CombinedForm => ({
  cells,
  parent,
  state,
  ...(reasons ? {reasons} : {}),
  decidedBy,
  note,
})

export const COMBINED_FORMS: readonly CombinedForm[] = [
  c('father', {status: '在家', workplace: '广东东莞'}, 'home-able', ['status'], 'the status says home: the workplace of a parent who came back is seldom cleared'),
  c('father', {workplace: '广东东莞'}, 'away', ['workplace'], 'a workplace naming a place, no status: away'),
  c('father', {status: '外出务工', workplace: '在家（残疾）'}, 'home-incapable', ['workplace'], 'incapable outranks away', DISABLED),
  c('father', {status: '在家', health: '残疾'}, 'home-incapable', ['status', 'health'], 'a condition in the health column makes a parent at home incapable', DISABLED),
  c('father', {health: '重病'}, 'home-incapable', ['health'], 'a condition with nothing placing the parent', ILL),
  c('father', {status: '外出务工', health: '残疾'}, 'away', ['status'], 'a condition does not bring a parent who works away home'),
  c('father', {workplace: '广东东莞', remarks: '父亲重病'}, 'away', ['workplace'], 'nor does a remark'),
  c('father', {status: '在家（残疾）', health: '重病'}, 'home-incapable', ['status', 'health'], 'every reason of every deciding cell', ['ill', 'disabled']),
  c('father', {status: '外出务工', remarks: '父亲已返乡'}, 'home-able', ['remarks'], 'home outranks away, whichever cell says it'),
  c('mother', {status: '在家', remarks: '母亲重病在家'}, 'home-incapable', ['status', 'remarks'], 'the remark names the mother', ILL),
  c('father', {status: '在家', remarks: '母亲重病在家'}, 'home-able', ['status'], 'the remark is not about the father'),
  c('father', {status: '死亡', workplace: '广东东莞'}, 'dead', ['status'], 'dead outranks everything'),
  c('father', {status: '服刑', remarks: '父亲在家'}, 'prison', ['status'], 'prison outranks home'),
  c('father', {status: '离异', workplace: '广东东莞'}, 'absent', ['status'], 'absent outranks away'),
  c('mother', {status: '在家', remarks: '父母离异'}, 'home-able', ['status'], 'home outranks absent'),
  c('mother', {guardianship: '父母一方监护', guardianRelation: '母亲'}, 'home-able', ['guardianRelation', 'guardianship'], 'one parent is the guardian, and the guardian is the mother'),
  c('mother', {status: '在家', guardianRelation: '母亲', guardianHealth: '残疾'}, 'home-incapable', ['status', 'guardianRelation', 'guardianHealth'], 'the guardian’s health is the mother’s when she is the guardian', DISABLED),
  c('father', {status: '在家', guardianRelation: '母亲', guardianHealth: '残疾'}, 'home-able', ['status'], '… and not the father’s'),
]
