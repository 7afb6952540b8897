// The blocking keys of tokenized records (the counterpart of the plain keys): on the
// ID token and its first 15 digits, the ID's neighbour tokens (one typed, dropped, doubled or
// swapped digit), the name's filter (names that read the same) with the county or a birth-date
// token, the birth-date token with sex and county (a mistyped name), the exact-name token with
// the clear birth year (a wrong birth date), the guardian's ID token and the phone tokens.
// Nothing here needs the key: every value is a token or what tokenize kept in clear.

import {guardianIdKey, phoneKey} from '../household-keys.js'
import type {RecordStore} from '../records.js'
import type {BlockingKey} from '../representation.js'
import {BIRTHS, BIRTH_PARTS, type TokenColumns} from './columns.js'

/** The county of a record: clear code, county token, else the county's name (clear or token). */
function county(t: TokenColumns, i: number): string {
  const c = t.county[i]!
  if (c >= 0) return String(c)
  if (t.codeLength[i]! >= 6) return String(Math.floor(t.code[i]! / 10 ** (t.codeLength[i]! - 6)))
  if (t.region6[i]! >= 0) return `t${t.region6[i]!}`
  return t.placeCounty[i]! >= 0 ? `p${t.placeCounty[i]!}` : ''
}

/** The birth-date tokens of a record (a year-month's when it has no day), each once. */
function dates(t: TokenColumns, i: number, emit: (d: number) => void): void {
  let last = -1
  for (let k = 0; k < BIRTHS; k++) {
    const o = (i * BIRTHS + k) * BIRTH_PARTS
    const d = t.birth[o]! >= 0 ? t.birth[o]! : t.birth[o + 1]! >= 0 ? -2 - t.birth[o + 1]! : -1
    if (d !== -1 && d !== last) emit(d)
    last = d
  }
}

function years(t: TokenColumns, i: number, emit: (y: number) => void): void {
  const y1 = t.birthYear[i * BIRTHS]!
  const y2 = t.birthYear[i * BIRTHS + 1]!
  if (y1 !== 0) emit(y1)
  if (y2 !== 0 && y2 !== y1) emit(y2)
}

/** The blocking keys of the tokenized records of `s` (tokens in `t`). */
export function tokenBlockingKeys(s: RecordStore, t: TokenColumns): BlockingKey[] {
    return [
    {
      id: 'token-id',
      zh: '身份证号令牌（全号；前15位）',
      en: 'ID token (whole number; first 15 digits)',
      maxBlock: 200,
      window: 20,
      values(i, emit) {
        if (t.idT[i]! >= 0) emit(`T${t.idT[i]!}`)
        if (t.idP[i]! >= 0) emit(`P${t.idP[i]!}`)
      },
    },
    {
      id: 'token-id-near',
      zh: '身份证号邻近令牌（容一位错、漏、重或相邻两位颠倒）',
      en: 'ID neighbour tokens (survive one wrong, dropped, doubled or two swapped digits)',
      maxBlock: 64,
      window: 16,
      values(i, emit) {
        const near = t.nearOf(i)
        for (let k = 0; k < near.length; k++) emit(String(near[k]!))
      },
    },
    {
      id: 'token-name-county',
      zh: '姓名布隆过滤器（读音相同）+ 县级区划',
      en: 'name filter (same reading) + county',
      maxBlock: 64,
      window: 16,
      values(i, emit) {
        const b = t.nameBloom[i]!
        if (b < 0) return
        const c = county(t, i)
        if (c !== '') emit(`${b}|${c}`)
        else years(t, i, (y) => emit(`${b}|y${y}`))
      },
    },
    {
      id: 'token-name-birth',
      zh: '姓名布隆过滤器 + 出生日期令牌',
      en: 'name filter + birth-date token',
      maxBlock: 64,
      window: 16,
      values(i, emit) {
        const b = t.nameBloom[i]!
        if (b >= 0) dates(t, i, (d) => emit(`${b}|${d}`))
      },
    },
    {
      id: 'token-birth-sex',
      zh: '出生日期令牌 + 性别 + 县级区划',
      en: 'birth-date token + sex + county',
      maxBlock: 64,
      window: 16,
      values(i, emit) {
        const c = county(t, i)
        // A record without its sex goes in both blocks.
        const sex = s.sex[i]!
        dates(t, i, (d) => {
          if (sex !== 2) emit(`${d}|1|${c}`)
          if (sex !== 1) emit(`${d}|2|${c}`)
        })
      },
    },
    {
      id: 'token-name-year',
      zh: '姓名令牌 + 出生年份',
      en: 'exact-name token + birth year',
      maxBlock: 64,
      window: 16,
      values(i, emit) {
        const e = t.nameExact[i]!
        if (e >= 0) years(t, i, (y) => emit(`${e}|${y}`))
      },
    },
    // The guardian's ID and the phones sit in the store's shared columns (as token numbers): the
    // household keys serve, on every record (a token cannot say whether an ID is valid, so none is sparse).
    guardianIdKey(s, {id: 'token-guardian-id', zh: '监护人身份证号令牌', en: 'guardian ID token'}),
    phoneKey(s, {id: 'token-phone', zh: '联系电话令牌', en: 'phone token'}),
  ]
}
