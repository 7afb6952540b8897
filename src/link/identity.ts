// Identity: the rules that override scores. A match weight says how alike two records are; it
// cannot tell one child typed twice from twins, siblings or two children of one name, who share
// a family, a village and often a birth date. These rules decide that, and every caller takes
// them from here: linkage (link.ts: which scored pairs may be `match` edges, which never share a
// cluster), clustering (cluster.ts: the guard on valid numbers), ambiguity (ambiguity.ts: a
// list's duplicates that are still rivals), diff (a corrected number between two snapshots) and
// --explain (the rule that decided, in words).

import {BIRTH, C_BIRTH, C_HOUSEHOLD, C_ID, C_NAME, C_SEX, HOUSEHOLD, ID, NAME, SEX, levelOf, withLevel} from './comparisons.js'
import {pairA, pairB} from './pairs.js'
import {IdKind, type RecordStore} from './records.js'
import {ID_FIT} from './representation.js'
import type {Lang} from '../types.js'

/** The whole number agrees, exactly or as a 15-digit number and its 18-digit upgrade. */
const ID_SAME = new Set<number>([ID.EXACT, ID.LEGACY15])
/** The number agrees up to a typed or swapped digit, or is the same invalid number. */
const ID_TYPO = new Set<number>([ID.SAME_INVALID, ID.TYPO, ID.SWAP])
/** No ID to compare: missing on a side, or only the region digits Excel kept of 4.30102E+17. */
const ID_SILENT = new Set<number>([ID.MISSING, ID.EXCEL_PARTIAL])
/** The same written name (up to traditional forms or the order of its characters). */
const NAME_WRITTEN_SAME = new Set<number>([NAME.EXACT, NAME.VARIANT, NAME.SWAPPED])
/** The same name up to one typing slip: a homophone, a look-alike, a pinyin letter. */
const NAME_CLOSE = new Set<number>([NAME.EXACT, NAME.VARIANT, NAME.HOMOPHONE, NAME.LOOKALIKE, NAME.SWAPPED, NAME.PINYIN_CLOSE])
const BIRTH_AGREES = new Set<number>([BIRTH.EXACT, BIRTH.LUNAR, BIRTH.DAY_MONTH_SWAP, BIRTH.PARTIAL])
/** A given name that differs from the other by a character that neither reads nor looks the same: two children's names. */
const NAMES_APART = new Set<number>([NAME.PINYIN_CLOSE, NAME.ONE_CHARACTER, NAME.DIFFERENT])

/**
 * Whether the child's own identity is corroborated, which a `match` requires whatever the score.
 * Household evidence (guardian, parents, phone, village) says "same family", never "same child":
 * twins and siblings share all of it, and twins share the birth date too, so the name and the ID
 * must speak:
 *
 * 1. the same valid ID (or a 15-digit number and its 18-digit upgrade), and names that are not
 *    two children's (the same, a variant, a homophone, a look-alike, the characters swapped, or the
 *    same given name under another surname; see NAMES_APART below);
 * 2. the same number up to one typed or two swapped digits, and names that agree up to a slip
 *    (homophone, look-alike, a pinyin letter): a twin's number differs from the other twin's in
 *    one or two digits too;
 * 3. the 15 digits Excel kept (region, birth date, one sequence digit: a twin's are the same), and
 *    the name written the same;
 * 4. no ID to compare, the name written the same, and the birth dates agree — twins may be given
 *    names that sound alike (浩雨 / 浩语), so without an ID a homophone or look-alike needs more:
 *    a household that agrees strongly, and no twin among the records (rule 6, corroboratedByHousehold,
 *    judged per run by RunIdentity);
 * 5. no ID and no birth date to compare, the same written name, and a household that agrees
 *    strongly (siblings are never given one name).
 *
 * Two records that both hold an ID number that differ beyond a typo are never a `match`.
 */
export function corroborated(pattern: number): boolean {
  const id = levelOf(pattern, C_ID)
  const name = levelOf(pattern, C_NAME)
  if (ID_SAME.has(id)) return !NAMES_APART.has(name)
  if (ID_TYPO.has(id)) return NAME_CLOSE.has(name)
  if (id === ID.EXCEL) return NAME_WRITTEN_SAME.has(name)
  if (!ID_SILENT.has(id) || !NAME_WRITTEN_SAME.has(name)) return false
  const birth = levelOf(pattern, C_BIRTH)
  if (BIRTH_AGREES.has(birth)) return true
  return birth === BIRTH.MISSING && name !== NAME.SWAPPED && levelOf(pattern, C_HOUSEHOLD) === HOUSEHOLD.STRONG
}

const GAPS = {
  idNames: {zh: '身份证号一致，但姓名不同', en: 'the IDs agree but the names are different'},
  typoNames: {zh: '身份证号仅在一位之差内一致，且姓名差异超出笔误', en: 'the IDs agree only up to a typo, and the names differ by more than a slip'},
  excelNames: {zh: '只有表格软件保留的前15位一致（双胞胎也相同），且姓名写法不同', en: 'only the 15 digits Excel kept agree (twins share them), and the names are not written the same'},
  idsDiffer: {zh: '两条记录都有身份证号，且差异超出笔误', en: 'both records hold ID numbers and they differ beyond a typo'},
  namesWritten: {zh: '没有可比的身份证号时，姓名须写法相同（双胞胎的名字可能同音）', en: 'without an ID the names must be written the same (twins may have names that sound alike)'},
  household: {
    zh: '没有可比的身份证号时，同音或形近的姓名须出生日期一致、性别不矛盾且家庭信息高度一致（监护人身份证号、电话或两个家长姓名相同）',
    en: 'without an ID, a name that sounds or looks the same needs agreeing birth dates, no conflicting sex and a household that agrees strongly (guardian ID, a phone, or two parents’ names)',
  },
  twin: {
    zh: '同音或形近的姓名、出生日期和家庭都一致，但该家庭另有同日出生的孩子（双胞胎）：只列为待核查',
    en: 'a name that sounds or looks the same, with birth date and household agreeing, but the household has another child born the same day (twins): only to review',
  },
  noBirth: {zh: '没有身份证号和出生日期可比，且家庭信息不够一致', en: 'no ID and no birth date to compare, and the household does not agree strongly'},
  birth: {zh: '没有身份证号可比，且出生日期不一致', en: 'no ID to compare, and the birth dates do not agree'},
  acrossLists: {
    zh: '两份名单之间，同音或形近的姓名须出生日期一致、性别不矛盾且家庭信息不矛盾',
    en: 'across two lists a homophone or look-alike name needs agreeing birth dates, no conflicting sex and no conflicting household',
  },
} as const

/**
 * The identity rule for two records of *different* lists (departments): a homophone or look-alike
 * name is enough without an ID when the birth dates agree, the sex does not differ and the
 * household does not disagree. Within one list it is only ever `possible` (rule 4 above): two rows
 * of one list that sound alike and share a birth date and a family are as likely twins as one
 * child typed twice. Across lists, twins are each on both lists, and the guard keeps them apart
 * through the rows that carry their IDs (edges are taken strongest first: a twin's exact name
 * claims its row before the other twin's homophone can).
 */
export function corroboratedAcrossLists(pattern: number): boolean {
  if (corroborated(pattern)) return true
  const id = levelOf(pattern, C_ID)
  const name = levelOf(pattern, C_NAME)
  if (!ID_SILENT.has(id) && id !== ID.EXCEL) return false
  if (name !== NAME.HOMOPHONE && name !== NAME.LOOKALIKE) return false
  if (levelOf(pattern, C_SEX) === SEX.DIFFERENT || levelOf(pattern, C_HOUSEHOLD) === HOUSEHOLD.NONE) return false
  return BIRTH_AGREES.has(levelOf(pattern, C_BIRTH))
}

/**
 * Rule 6, within one list, for a pair no number can tell: no ID to compare (or only what Excel
 * kept), a name that sounds or looks the same, birth dates that agree, no conflicting sex, and a
 * household that agrees strongly (the guardian's ID, a phone, or two of the guardian's and
 * parents' names). Twins share all of that, and their given names differ by a character that
 * neither sounds nor looks the same (the twin rule below) — unless they were given names that
 * sound alike: so the rule holds only when one of the two rows holds the child's own valid number
 * and neither has a twin among the records (RunIdentity).
 */
export function corroboratedByHousehold(pattern: number): boolean {
  const id = levelOf(pattern, C_ID)
  const name = levelOf(pattern, C_NAME)
  if (!ID_SILENT.has(id) && id !== ID.EXCEL) return false
  if (name !== NAME.HOMOPHONE && name !== NAME.LOOKALIKE) return false
  if (levelOf(pattern, C_SEX) === SEX.DIFFERENT || levelOf(pattern, C_HOUSEHOLD) !== HOUSEHOLD.STRONG) return false
  return BIRTH_AGREES.has(levelOf(pattern, C_BIRTH))
}

/** ID levels of two different numbers that a register or a typist explains (see idChangeLevel). */
export const ID_CHANGED = new Set<number>([ID.NEAR, ID.REGION_CHANGED, ID.REISSUED])

/**
 * crosscheck's rule for two lists' records whose numbers differ in a way idChangeLevel explains,
 * even when both numbers are valid: the name written the same, the birth dates agreeing, the sex
 * not differing, and — for a number that differs only in its sequence, which is also how twins'
 * numbers differ — a household that does not disagree. Twins are given different names, so the
 * written name keeps them apart; two children of one county with one name and one birth date
 * would be joined, a risk that dedupe (within a list) never takes. Public security re-issues
 * numbers (重号更正) and corrects region codes, so across lists a child can hold two valid numbers;
 * the report then shows the disagreement as XC_FIELD_CONFLICT on idNumber.
 */
export function corroboratedIdChange(pattern: number): boolean {
  const id = levelOf(pattern, C_ID)
  if (!ID_CHANGED.has(id)) return false
  const name = levelOf(pattern, C_NAME)
  if (name !== NAME.EXACT && name !== NAME.VARIANT) return false
  if (!BIRTH_AGREES.has(levelOf(pattern, C_BIRTH)) || levelOf(pattern, C_SEX) === SEX.DIFFERENT) return false
  return id !== ID.REISSUED || levelOf(pattern, C_HOUSEHOLD) !== HOUSEHOLD.NONE
}

/** Why a pattern is not corroborated (for --explain), or undefined. */
export function corroborationGap(pattern: number, lang: 'zh' | 'en' = 'en', acrossLists = false, twin = false): string | undefined {
  if (acrossLists ? corroboratedAcrossLists(pattern) : corroborated(pattern)) return undefined
  const id = levelOf(pattern, C_ID)
  const name = levelOf(pattern, C_NAME)
  if ((ID_SILENT.has(id) || id === ID.EXCEL) && (name === NAME.HOMOPHONE || name === NAME.LOOKALIKE)) {
    if (acrossLists) return GAPS.acrossLists[lang]
    return (twin && corroboratedByHousehold(pattern) ? GAPS.twin : GAPS.household)[lang]
  }
  const gap = ID_SAME.has(id)
    ? GAPS.idNames
    : ID_TYPO.has(id)
      ? GAPS.typoNames
      : id === ID.EXCEL
        ? GAPS.excelNames
        : !ID_SILENT.has(id)
          ? GAPS.idsDiffer
          : !NAME_WRITTEN_SAME.has(levelOf(pattern, C_NAME))
            ? GAPS.namesWritten
            : levelOf(pattern, C_BIRTH) === BIRTH.MISSING
              ? GAPS.noBirth
              : GAPS.birth
  return gap[lang]
}

/**
 * The guard: both records hold valid 18-digit numbers (check digit verified) that differ — two
 * different children, never one cluster, unless a run that allows a child two numbers (crosscheck,
 * `idChanges`) found the difference to be a register's (corroboratedIdChange: a bridge).
 */
export function guardBlocks(s: RecordStore, a: number, b: number): boolean {
  return s.validId(a) && s.validId(b) && !s.sameId(a, b)
}

/** Whether record `i` holds a valid number the guard keeps apart from other numbers (cluster.ts). */
export function guardedNumber(s: RecordStore, i: number): boolean {
  return s.validId(i)
}

// ---------------------------------------------------------------------------------------------
// One number on two children
//
// Rosters copy ID numbers: a clerk fills a sibling's row from the row above, or types one twin's
// number for both. A valid number is strong evidence, not identity: two records holding one
// number whose given names differ by a character that neither reads nor looks the same are two
// children, one of them carrying the other's number —
//
// - when one row's own birth date or sex contradicts the number (ID_FIT), the number is not that
//   row's own: it "carries" it, and the number fits the other row (`number-not-own`);
// - when neither contradicts it (one number on two rows born the same day: twins, or two children
//   registered under one number), still two children (`twins-one-number`).
//
// Names that read or look the same are one child typed twice (王浩宇 and 王浩雨 under one number
// is one child) — unless a row's own birth date falls in another year than the number's, beyond
// a typed digit (ID_FIT.FAR): siblings are given names that sound alike too (王诗豪, 王诗浩), and
// one child's rows do not disagree by years (nor do they for one given name under another
// surname, 刘佳怡 / 麻嘉怡); or unless two rows of one list are a boy and a girl and the number's
// sex fits one of them (twins 张佳萱 and 张佳轩). The same written name (or a traditional form) is
// always one child. Such a pair never shares a cluster (match or possible).

/** Names that are not written the same yet may be one child's: they sound alike, look alike, or swap characters. */
const NAMES_ALIKE = new Set<number>([NAME.HOMOPHONE, NAME.LOOKALIKE, NAME.SWAPPED])
/** Names that are one child's name, written the same or alike. */
const NAMES_CLOSE_OR_SAME = new Set<number>([NAME.EXACT, NAME.VARIANT, ...NAMES_ALIKE])

export type SharedNumberRule = 'number-not-own' | 'twins-one-number'

/**
 * The rule for two records holding one valid number (`fitA`, `fitB`: the representation's idFit
 * of each), or undefined when the number may be theirs alike.
 */
export function sharedNumberRule(pattern: number, fitA: number, fitB: number, oneList = false): SharedNumberRule | undefined {
  if (!ID_SAME.has(levelOf(pattern, C_ID))) return undefined
  const name = levelOf(pattern, C_NAME)
  if (NAMES_APART.has(name)) return (fitA | fitB) !== 0 ? 'number-not-own' : 'twins-one-number'
  // A given name that reads the same under another surname, a row's birth date years from the
  // number's: a neighbour's child of a popular name (刘佳怡 / 麻嘉怡), not one child.
  if (name === NAME.GIVEN_ONLY) return ((fitA | fitB) & ID_FIT.FAR) !== 0 ? 'number-not-own' : undefined
  if (!NAMES_ALIKE.has(name)) return undefined
  if (((fitA | fitB) & ID_FIT.FAR) !== 0) return 'number-not-own'
  // On one list, a boy and a girl named alike (佳萱 / 佳轩, twins often are), the number's sex
  // fitting one of them: two children, not one child typed with a name slip and a sex slip at
  // once. Across lists a department's wrong sex under the right number is the likelier story.
  if (oneList && levelOf(pattern, C_SEX) === SEX.DIFFERENT && ((fitA ^ fitB) & ID_FIT.SEX) !== 0) return 'number-not-own'
  return undefined
}

/** Whether two records' names may be two children's under one number (the cheap test before sharedNumberRule). */
function namesMayDiffer(name: number): boolean {
  return NAMES_APART.has(name) || NAMES_ALIKE.has(name) || name === NAME.GIVEN_ONLY
}

/** The rule that decided a verdict. */
export type Rule = 'corroborated' | 'not-corroborated' | 'id-change' | 'guard' | SharedNumberRule

/** How one scored pair may be used. */
export interface Verdict {
  /** The child's own identity agrees: the pair may be a `match` if its score reaches the threshold. */
  corroborated: boolean
  /** One child under two valid numbers (a re-issued or re-coded number, across lists): the guard lets it through. */
  bridge: boolean
  /** Never one child: the pair is kept out of every cluster. */
  guard: boolean
  rule: Rule
}

export interface IdentityOptions {
  /**
   * The run lets a child hold two numbers across lists (crosscheck): two numbers a register
   * explains join when the name and birth date agree (corroboratedIdChange), and a number that
   * is not a record's own says nothing about it — the record links to its own records by name,
   * birth date, sex and household.
   */
  idChanges?: boolean
}

/** A record whose number is another child's, and the records the number fits (its owner's). */
export interface NotOwn {
  record: number
  /** What of the record contradicts the number (ID_FIT bits). */
  fit: number
  /** Records holding the number that it fits; empty when it fits none of them. */
  owners: number[]
  /** Every other record holding the number that is another child's (the owners first). */
  sharers: number[]
}

/**
 * The identity decisions of one linkage run: which records carry another child's number (found
 * over the candidate pairs), how the run reads their comparison vectors, and the verdict on every
 * scored pair.
 */
export class RunIdentity {
  readonly idChanges: boolean
  /** 1 for a record whose number is another child's. */
  private carriers = new Uint8Array(0)
  /** 1 for a record with a twin among the records: another child of its household born the same day. */
  private twinned = new Uint8Array(0)
  /**
   * Per record, its rows of the same list born the same day in a household that agrees strongly,
   * under a name written or sounding the same (saturating at 2): a row with two of them is one of
   * three look-alike rows, which one child typed twice does not explain.
   */
  private alike = new Uint8Array(0)
  private readonly notOwn = new Map<number, NotOwn>()
  /** Records holding one number with another child (twins with one number, carriers and owners), by record. */
  private readonly shared = new Map<number, number[]>()

  constructor(
    private readonly s: RecordStore,
    options: IdentityOptions = {},
  ) {
    this.idChanges = options.idChanges ?? false
  }

  /**
   * Finds the records that share a number with another child among the candidate pairs (packed
   * a * PAIR_SHIFT + b, with their vectors), and — in a run that lets a child hold two numbers —
   * rewrites the vectors of the carriers' other pairs: their number says nothing (ID missing).
   */
  learn(pairs: Float64Array, patterns: Uint32Array): void {
    const s = this.s
    const representation = s.representation
    this.carriers = new Uint8Array(s.size)
    this.twinned = new Uint8Array(s.size)
    this.alike = new Uint8Array(s.size)
    const fits = new Map<number, number>()
    const fitOf = (i: number): number => {
      let f = fits.get(i)
      if (f === undefined) fits.set(i, (f = representation.idFit(i)))
      return f
    }
    const link = (x: number, y: number): void => {
      const list = this.shared.get(x)
      if (list === undefined) this.shared.set(x, [y])
      else if (!list.includes(y)) list.push(y)
    }
    for (let k = 0; k < patterns.length; k++) {
      const p = patterns[k]!
      const name = levelOf(p, C_NAME)
      if (levelOf(p, C_HOUSEHOLD) === HOUSEHOLD.STRONG && levelOf(p, C_BIRTH) === BIRTH.EXACT && NAMES_CLOSE_OR_SAME.has(name)) {
        const a = pairA(pairs[k]!)
        const b = pairB(pairs[k]!)
        if (s.ds[a] === s.ds[b]) {
          if (this.alike[a]! < 2) this.alike[a]!++
          if (this.alike[b]! < 2) this.alike[b]!++
        }
      }
      // Cheap first: names not written the same (twins and carriers have them).
      if (!namesMayDiffer(name)) continue
      const a = pairA(pairs[k]!)
      const b = pairB(pairs[k]!)
      const id = p & 0xf
      const sameNumber = id === ID.EXACT || id === ID.LEGACY15
      // Twins: one household, one birth date, two children's names (not a number's birth date shared with a carrier).
      const oneFamilyOneDay = levelOf(p, C_HOUSEHOLD) === HOUSEHOLD.STRONG && levelOf(p, C_BIRTH) === BIRTH.EXACT
      const twins = NAMES_APART.has(name) && oneFamilyOneDay
      if (!sameNumber) {
        // Also twins given names that sound or look alike (宇梓 / 宇子), told apart by their own
        // numbers: one region, one birth date, another sequence. Such a household's rows without
        // a number are then never joined on the household (rule 6): they may be either twin's.
        if (twins || (id === ID.REISSUED && NAMES_ALIKE.has(name) && oneFamilyOneDay && s.validId(a) && s.validId(b))) this.twinned[a] = this.twinned[b] = 1
        continue
      }
      const fa = fitOf(a)
      const fb = fitOf(b)
      const rule = sharedNumberRule(p, fa, fb, s.ds[a] === s.ds[b])
      if (twins && rule === 'twins-one-number') this.twinned[a] = this.twinned[b] = 1
      if (rule === undefined) continue
      link(a, b)
      link(b, a)
      for (const [x, y, fx, fy] of [
        [a, b, fa, fb],
        [b, a, fb, fa],
      ] as const) {
        if (fx === 0) continue
        this.carriers[x] = 1
        let n = this.notOwn.get(x)
        if (n === undefined) this.notOwn.set(x, (n = {record: x, fit: fx, owners: [], sharers: []}))
        if (fy === 0 && !n.owners.includes(y)) n.owners.push(y)
      }
    }
    for (const n of this.notOwn.values()) {
      n.owners.sort((x, y) => x - y)
      const others = (this.shared.get(n.record) ?? []).filter((r) => !n.owners.includes(r)).sort((x, y) => x - y)
      n.sharers = [...n.owners, ...others]
    }
    if (this.idChanges && this.notOwn.size > 0) {
      for (let k = 0; k < patterns.length; k++) patterns[k] = this.read(pairA(pairs[k]!), pairB(pairs[k]!), patterns[k]!)
    }
  }

  /**
   * Whether rule 6 may join a and b: one of them holds its own valid number (the child is known),
   * neither has a twin among the records, and the row without a number has no other look-alike
   * row of its household born the same day. Rows without any number whose names sound alike are
   * as likely twins with names that sound alike (浩雨, 浩语): they wait for review.
   */
  private anchored(a: number, b: number): boolean {
    if (this.twinned[a] === 1 || this.twinned[b] === 1) return false
    const own = (i: number): boolean => {
      const k = this.s.idKind[i]
      return (k === IdKind.Valid || k === IdKind.Valid15) && this.carriers[i] !== 1
    }
    // The row without a number must have no other look-alike row born the same day in its household.
    if (own(a)) return this.alike[b]! < 2
    if (own(b)) return this.alike[a]! < 2
    return false
  }

  /** Whether record `i` has a twin among the records (another child of its household born the same day). */
  hasTwin(i: number): boolean {
    return this.twinned[i] === 1
  }

  /** Whether record `i` carries another child's number. */
  carries(i: number): boolean {
    return this.carriers[i] === 1
  }

  /** The vector of a pair as the run reads it: a carrier's number says nothing in a run that lets numbers change. */
  read(a: number, b: number, pattern: number): number {
    if (!this.idChanges || (this.carriers[a] !== 1 && this.carriers[b] !== 1)) return pattern
    const id = pattern & 0xf
    return id === ID.EXACT || id === ID.LEGACY15 ? pattern : withLevel(pattern, C_ID, ID.MISSING)
  }

  /**
   * Whether record `i`'s number counts for the guard: not a carried one. A carrier's pairs with its
   * own records (another valid number) are then not guarded: where numbers may change they link
   * (its number is not read at all), elsewhere they are never a match — two valid numbers are
   * never an automatic match — but may be a `possible` pair for a person to review.
   */
  holdsNumber(i: number): boolean {
    return this.s.validId(i) && this.carriers[i] !== 1
  }

  /** The verdict on the pair (a, b) with the vector `pattern` (as read: see `read`). */
  judge(a: number, b: number, pattern: number): Verdict {
    const s = this.s
    const id = pattern & 0xf
    if ((id === ID.EXACT || id === ID.LEGACY15) && namesMayDiffer(levelOf(pattern, C_NAME))) {
      const rule = sharedNumberRule(pattern, s.representation.idFit(a), s.representation.idFit(b), s.ds[a] === s.ds[b])
      if (rule !== undefined) return {corroborated: false, bridge: false, guard: true, rule}
    }
    const across = s.ds[a] !== s.ds[b]
    const bridge = this.idChanges && across && corroboratedIdChange(pattern)
    const byHousehold = !across && this.anchored(a, b) && corroboratedByHousehold(pattern)
    const ok = (across ? corroboratedAcrossLists(pattern) : corroborated(pattern)) || bridge || byHousehold
    const guard = !bridge && this.holdsNumber(a) && this.holdsNumber(b) && !s.sameId(a, b)
    return {corroborated: ok, bridge, guard, rule: guard ? 'guard' : bridge ? 'id-change' : ok ? 'corroborated' : 'not-corroborated'}
  }

  /** The records that hold a number with another child (see sharers), in record order. */
  sharingRecords(): number[] {
    return [...this.shared.keys()].sort((x, y) => x - y)
  }

  /** The records whose number is another child's, in record order. */
  notOwnNumbers(): NotOwn[] {
    return [...this.notOwn.values()].sort((x, y) => x.record - y.record)
  }

  /**
   * The other records holding record `i`'s number when they are other children (twins, carriers,
   * owners): for a carrier, the records the number fits first; then in record order.
   */
  sharers(i: number): readonly number[] {
    const n = this.notOwn.get(i)
    if (n !== undefined) return n.sharers
    const list = this.shared.get(i)
    return list === undefined ? [] : [...list].sort((x, y) => x - y)
  }
}

const GUARD = {zh: '两条记录的身份证号均有效且不同：不可能是同一儿童', en: 'two valid, different ID numbers: never the same child (the guard)'}

const WHAT = {
  zh: {[ID_FIT.BIRTH]: '出生日期', [ID_FIT.SEX]: '性别', [ID_FIT.BIRTH | ID_FIT.SEX]: '出生日期和性别'} as Record<number, string>,
  en: {[ID_FIT.BIRTH]: 'birth date', [ID_FIT.SEX]: 'sex', [ID_FIT.BIRTH | ID_FIT.SEX]: 'birth date and sex'} as Record<number, string>,
}

/** What of a record contradicts its number (ID_FIT bits), in words. */
export function fitText(fit: number, lang: Lang): string {
  return WHAT[lang][fit & (ID_FIT.BIRTH | ID_FIT.SEX)] ?? ''
}

/** The two records of an explained pair: labels (`dataset:row`) and how each fits its number. */
export interface PairFacts {
  labels: [string, string]
  fits: [number, number]
  acrossLists: boolean
  /** Either record has a twin among the records (RunIdentity.hasTwin). */
  twin: boolean
}

/** The rule that keeps a pair from being a match, in words (for --explain); undefined when none does. */
export function verdictText(verdict: Verdict, pattern: number, facts: PairFacts, lang: Lang): string | undefined {
  const [la, lb] = facts.labels
  switch (verdict.rule) {
    case 'guard':
      return GUARD[lang]
    case 'twins-one-number':
      return lang === 'zh'
        ? '两条记录身份证号相同，出生日期和性别都与号码相符，但名字不同，且不同音、不形近：是共用一个号码的双胞胎（或两个儿童），不是同一儿童'
        : 'one ID number on both rows, fitting both birth dates and sexes, but given names that differ by a character that neither sounds nor looks alike: twins (or two children) sharing one number, never one child'
    case 'number-not-own': {
      const [fa, fb] = facts.fits
      if (fa !== 0 && fb !== 0) {
        return lang === 'zh'
          ? '两条记录身份证号相同，但名字不同，且不同音、不形近，两行的出生日期或性别都与号码矛盾：是两个儿童，号码都不是本人的'
          : 'one ID number on both rows, but given names that differ by a character that neither sounds nor looks alike, and both rows contradict the number (birth date or sex): two children, neither holding their own number'
      }
      const [carrier, owner, fit] = fa !== 0 ? [la, lb, fa] : [lb, la, fb]
      const what = fitText(fit, lang)
      const names = NAMES_APART.has(levelOf(pattern, C_NAME))
        ? {zh: '名字不同，且不同音、不形近', en: 'given names that differ by a character that neither sounds nor looks alike'}
        : (fit & ID_FIT.FAR) !== 0
          ? {zh: '名字相近（或另一姓氏下同音的名），但出生日期相差数年', en: 'names that sound or look alike (or one given name under another surname) but birth dates years apart'}
          : {zh: '名字相近，但一男一女', en: 'names that sound or look alike on a boy and a girl'}
      return lang === 'zh'
        ? `两条记录身份证号相同，但${names.zh}；${carrier} 的${what}与号码矛盾，号码与 ${owner} 相符：该号码不是 ${carrier} 本人的，是两个儿童`
        : `one ID number on both rows, but ${names.en}, and the number does not fit the ${what} of ${carrier}, while it fits ${owner}: not ${carrier}'s own number — two children`
    }
    case 'not-corroborated':
      return corroborationGap(pattern, lang, facts.acrossLists, facts.twin)
    default:
      return undefined
  }
}

/**
 * Two rows of one list that only name and birth date join (no ID to compare) while their guardians,
 * parents and phones disagree: dedupe calls them one child typed twice, but as candidates of
 * another list's row they are as likely two children (two 王浩然 of one village and one birthday,
 * in two families), so they are rivals, not one candidate (ambiguity.ts).
 */
export function householdsApart(pattern: number): boolean {
  const id = levelOf(pattern, C_ID)
  return (id === ID.MISSING || id === ID.EXCEL_PARTIAL) && levelOf(pattern, C_HOUSEHOLD) === HOUSEHOLD.NONE
}

/**
 * Two valid numbers that differ are never one child to linkage; between two snapshots of one
 * roster (diff) they are when all else is the same — the name written the same, the birth date,
 * and a household that agrees strongly: the number was corrected.
 */
export function correctedNumber(pattern: number): boolean {
  const name = levelOf(pattern, C_NAME)
  return (name === NAME.EXACT || name === NAME.VARIANT) && levelOf(pattern, C_BIRTH) === BIRTH.EXACT && levelOf(pattern, C_HOUSEHOLD) === HOUSEHOLD.STRONG
}
