// What --explain shows of tokenized records: the start of each token (enough to find the cell in
// the department's file, nothing to read), what tokenize kept in clear, and the Dice coefficient
// of the two names' filters. Tokens are no personal data in clear; masking leaves them alone.

import {maskValue} from '../../mask.js'
import type {Lang, MaskMode} from '../../types.js'
import {IdKind, type RecordStore} from '../records.js'
import {BIRTHS, type TokenColumns} from './columns.js'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** The 8 base64url characters behind 48 stored token bits. */
function chars(bits: number): string {
  let out = ''
  for (let k = 0; k < 8; k++) {
    out = ALPHABET[bits % 64]! + out
    bits = Math.floor(bits / 64)
  }
  return out
}

const ID_KIND: Record<number, string> = {[IdKind.Valid]: 'id', [IdKind.Checksum]: 'idc', [IdKind.Excel]: 'idx'}

function idValue(s: RecordStore, t: TokenColumns, i: number): string {
  const kind = ID_KIND[s.idKind[i]!]
  if (kind === undefined) return ''
  const bits = kind === 'idx' ? t.idP[i]! : t.idT[i]!
  return bits < 0 ? `tk1:${kind}:` : `tk1:${kind}:${chars(bits)}…`
}

function birthValue(t: TokenColumns, i: number): string {
  const years: string[] = []
  for (let k = 0; k < BIRTHS; k++) {
    const y = t.birthYear[i * BIRTHS + k]!
    if (y !== 0) years.push(k === 0 ? String(y) : `${y} (ID)`)
  }
  return years.join(' / ')
}

function regionValue(t: TokenColumns, i: number, mask: MaskMode): string {
  if (t.codeLength[i]! > 0) return String(t.code[i]!).padStart(t.codeLength[i]!, '0')
  if (t.county[i]! >= 0) return String(t.county[i]!)
  const p = t.placeVillage[i]! >= 0 ? t.placeVillage[i]! : t.placeTown[i]! >= 0 ? t.placeTown[i]! : t.placeCounty[i]!
  // A place name kept in clear is masked as in a plain roster; a place token is left as it is.
  return p >= 0 ? maskValue('village', t.places.values[p]!.replaceAll('|', ' '), mask) : ''
}

/** The value --explain shows for comparison `key` of tokenized record `i`. */
export function tokenValue(s: RecordStore, t: TokenColumns, i: number, key: string, mask: MaskMode): string {
  switch (key) {
    case 'idNumber':
      return idValue(s, t, i)
    case 'name': {
      const e = t.nameExact[i]!
      return e >= 0 ? `tk1:nm:…${t.exacts.values[e]!.slice(0, 8)}…` : t.nameBloom[i]! >= 0 ? 'tk1:nm:…' : ''
    }
    case 'birthDate':
      return birthValue(t, i)
    case 'gender':
      return s.sex[i] === 1 ? '男' : s.sex[i] === 2 ? '女' : t.sexToken[i]! >= 0 ? `tk1:sx:${chars(t.sexToken[i]!)}…` : ''
    case 'region':
      return regionValue(t, i, mask)
    default:
      return ''
  }
}

/** The Dice coefficient of two records' name filters, as --explain notes it; undefined without two filters. */
export function tokenNameNote(t: TokenColumns, a: number, b: number, lang: Lang): string | undefined {
  const x = t.nameBloom[a]!
  const y = t.nameBloom[b]!
  if (x < 0 || y < 0) return undefined
  const dice = t.dice(x, y).toFixed(3)
  return lang === 'zh' ? `布隆过滤器 Dice 系数 ${dice}` : `Bloom filter Dice ${dice}`
}
