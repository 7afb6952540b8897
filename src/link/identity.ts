// Identity: the rules that override scores. A match weight says how alike two records are; it
// cannot tell one child typed twice from twins, siblings or two children of one name, who share
// a family, a village and often a birth date. These rules decide that, and every caller takes
// them from here: linkage (link.ts: which scored pairs may be `match` edges, which never share a
// cluster), clustering (cluster.ts: the guard on valid numbers), ambiguity (ambiguity.ts: a
// list's duplicates that are still rivals), diff (a corrected number between two snapshots) and
// --explain (the rule that decided, in words).

import {BIRTH, C_BIRTH, C_HOUSEHOLD, C_ID, C_NAME, C_SEX, HOUSEHOLD, ID, NAME, SEX, levelOf} from './comparisons.js'
import type {RecordStore} from './records.js'
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

/**
 * Whether the child's own identity is corroborated, which a `match` requires whatever the score.
 * Household evidence (guardian, parents, phone, village) says "same family", never "same child":
 * twins and siblings share all of it, and twins share the birth date too, so the name and the ID
 * must speak:
 *
 * 1. the same valid ID (or a 15-digit number and its 18-digit upgrade), and names that are not
 *    different (at most one character apart, or the same given name under another surname);
 * 2. the same number up to one typed or two swapped digits, and names that agree up to a slip
 *    (homophone, look-alike, a pinyin letter): a twin's number differs from the other twin's in
 *    one or two digits too;
 * 3. the 15 digits Excel kept (region, birth date, one sequence digit: a twin's are the same), and
 *    the name written the same;
 * 4. no ID to compare, the name written the same, and the birth dates agree — twins may be given
 *    names that sound alike (浩雨 / 浩语), so without an ID a homophone or look-alike is only ever
 *    `possible`;
 * 5. no ID and no birth date to compare, the same written name, and a household that agrees
 *    strongly (siblings are never given one name).
 *
 * Two records that both hold an ID number that differ beyond a typo are never a `match`.
 */
export function corroborated(pattern: number): boolean {
  const id = levelOf(pattern, C_ID)
  const name = levelOf(pattern, C_NAME)
  if (ID_SAME.has(id)) return name !== NAME.DIFFERENT
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
export function corroborationGap(pattern: number, lang: 'zh' | 'en' = 'en', acrossLists = false): string | undefined {
  if (acrossLists ? corroboratedAcrossLists(pattern) : corroborated(pattern)) return undefined
  const id = levelOf(pattern, C_ID)
  const name = levelOf(pattern, C_NAME)
  if (acrossLists && (ID_SILENT.has(id) || id === ID.EXCEL) && (name === NAME.HOMOPHONE || name === NAME.LOOKALIKE)) return GAPS.acrossLists[lang]
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

/** Whether record `i`'s number counts for the guard in clusters (see cluster.ts). */
export function guardedNumber(s: RecordStore, i: number): boolean {
  return s.validId(i)
}

/** How one scored pair may be used. */
export interface Verdict {
  /** The child's own identity agrees: the pair may be a `match` if its score reaches the threshold. */
  corroborated: boolean
  /** One child under two valid numbers (a re-issued or re-coded number, across lists): the guard lets it through. */
  bridge: boolean
  /** Never one child: the pair is kept out of every cluster. */
  guard: boolean
}

export interface JudgeOptions {
  /**
   * Across lists, two numbers may be one child's when a register explains their difference and
   * the name and birth date agree (crosscheck): corroboratedIdChange.
   */
  idChanges?: boolean
}

/** The identity verdict on the pair (a, b) with comparison vector `pattern`. */
export function judgePair(s: RecordStore, a: number, b: number, pattern: number, options: JudgeOptions = {}): Verdict {
  const across = s.ds[a] !== s.ds[b]
  const bridge = (options.idChanges ?? false) && across && corroboratedIdChange(pattern)
  return {
    corroborated: (across ? corroboratedAcrossLists(pattern) : corroborated(pattern)) || bridge,
    bridge,
    guard: !bridge && guardBlocks(s, a, b),
  }
}

const GUARD = {zh: '两条记录的身份证号均有效且不同：不可能是同一儿童', en: 'two valid, different ID numbers: never the same child (the guard)'}

/** The rule that keeps a pair from being a match, in words (for --explain); undefined when none does. */
export function verdictText(verdict: Verdict, pattern: number, acrossLists: boolean, lang: Lang): string | undefined {
  if (verdict.guard) return GUARD[lang]
  if (verdict.corroborated) return undefined
  return corroborationGap(pattern, lang, acrossLists)
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
