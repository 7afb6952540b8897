import {parseDate} from '../cn/dates.js'
import {analyzeId} from '../cn/id-number.js'
import {checkName} from '../cn/names.js'
import {parsePhone} from '../cn/phone.js'
import {cleanRegionCode} from '../cn/region.js'
import {trimSpaces} from '../cn/text.js'
import {type CodeListName, lookupCode} from '../schema/code-lists.js'
import {FIELD_BY_KEY} from '../schema/fields.js'
import type {ChangeReason} from '../schema/change-reasons.js'

export interface CellChange {
  after: string
  reason: ChangeReason
}

type CellNormalizer = (raw: string) => CellChange | undefined

// Each normalizer changes a value only when the canonical form is certain, and returns
// undefined for a value that is canonical already or cannot be fixed with certainty (those are
// findings, not fixes). Applying one to its own output changes nothing.

function idNumber(raw: string): CellChange | undefined {
  const a = analyzeId(raw)
  if (a.problem || !a.canonical || a.canonical === raw) return undefined
  return {after: a.canonical, reason: a.legacy15 ? 'ID_UPGRADED' : 'ID_CLEANED'}
}

function personName(raw: string): CellChange | undefined {
  const c = checkName(raw)
  if (c.invalid || c.cleaned === raw) return c.invalid ? whitespace(raw) : undefined
  return {after: c.cleaned, reason: c.format ? 'NAME_CLEANED' : 'WHITESPACE'}
}

function date(raw: string): CellChange | undefined {
  const d = parseDate(raw)
  if ((d.kind === 'date' || d.kind === 'month') && !d.canonical && d.iso !== raw) return {after: d.iso, reason: 'DATE_ISO'}
  return d.kind === 'empty' ? undefined : whitespace(raw)
}

function phone(raw: string): CellChange | undefined {
  const p = parsePhone(raw)
  if ((p.kind === 'mobile' || p.kind === 'landline') && p.canonical !== raw) return {after: p.canonical, reason: 'PHONE_CLEANED'}
  return p.kind === 'invalid' ? whitespace(raw) : undefined
}

function regionCode(raw: string): CellChange | undefined {
  const code = cleanRegionCode(raw)
  if (code === raw || !/^(\d{6}|\d{9}|\d{12})$/.test(code)) return whitespace(raw)
  return {after: code, reason: 'REGION_CODE_CLEANED'}
}

function codeList(list: CodeListName): CellNormalizer {
  const reason: ChangeReason = list === 'gender' ? 'GENDER_CODE' : list === 'ethnicity' ? 'ETHNICITY_NAME' : 'CODE_SYNONYM'
  return (raw) => {
    const canonical = lookupCode(list, raw)
    if (canonical === undefined) return whitespace(raw)
    return canonical === raw ? undefined : {after: canonical, reason}
  }
}

function whitespace(raw: string): CellChange | undefined {
  const trimmed = trimSpaces(raw)
  return trimmed === raw ? undefined : {after: trimmed, reason: 'WHITESPACE'}
}

const BY_KIND: Record<string, CellNormalizer> = {id: idNumber, name: personName, date, phone, region: regionCode}

// Free-text status fields hold notes (`外出务工（广东）`) as often as codes: only an exact
// synonym is mapped, anything else is left as written.
const normalizers = new Map<string, CellNormalizer>()

/** The normalizer of a canonical field (whitespace only for text fields). */
export function normalizerFor(field: string): CellNormalizer {
  let n = normalizers.get(field)
  if (!n) {
    const def = FIELD_BY_KEY.get(field)
    if (def?.kind === 'enum' && def.list) n = codeList(def.list as CodeListName)
    else n = (def && BY_KIND[def.kind]) ?? whitespace
    normalizers.set(field, n)
  }
  return n
}

export function normalizeCell(field: string, raw: string): CellChange | undefined {
  if (raw === '') return undefined
  const normalize = normalizerFor(field)
  const change = normalize(raw)
  if (change?.reason !== 'WHITESPACE') return change
  // Trimming can uncover a value the normalizer reads (`５` behind a zero-width space is the
  // ethnic code 05): one more pass, so that normalizing the output again changes nothing.
  return normalize(change.after) ?? change
}
