// The blocking keys of plain records (blocking.ts runs them): each is chosen so that a true pair
// survives the errors rosters hold — one of them still agrees after a typed or swapped ID digit,
// a homophone or look-alike character, a lunar birthday, a missing ID or a different village.

import {hashKey} from '../hash.js'
import {guardianIdKey, phoneKey} from '../household-keys.js'
import {IdKind, type RecordStore} from '../records.js'
import type {BlockingKey} from '../representation.js'
import type {PlainColumns} from './columns.js'

/** The blocking keys of the plain records of `s` (values in `c`). */
export function plainBlockingKeys(s: RecordStore, c: PlainColumns): BlockingKey[] {
  /** The 17-digit body of an 18-character ID as [first 9 digits, next 8 digits], or undefined. */
  const bodyNumbers = (i: number): [number, number] | undefined => {
    const k = s.idKind[i]!
    const hi = s.idHi[i]!
    if (hi < 0 || !(k === IdKind.Valid || k === IdKind.Valid15 || k === IdKind.Checksum)) return undefined
    return [hi, Math.floor(s.idLo[i]! / 11)]
  }
  const body17 = (i: number): string | undefined => {
    const k = s.idKind[i]!
    if (s.idHi[i]! < 0 || !(k === IdKind.Valid || k === IdKind.Valid15 || k === IdKind.Checksum)) return undefined
    return c.idString(i)!.slice(0, 17)
  }
  // The county of each region code, computed once per code.
  const countyCache: string[] = []
  const countyOfRegion = (r: number): string => (countyCache[r] ??= c.regions.values[r]!.slice(0, 6))
  /** The counties of a record: its region code's, the ID's when different, else its county name. */
  const counties = (i: number): string[] => {
    const r = c.region[i]!
    const x = c.idCounty[i]!
    if (r >= 0) return x >= 0 ? [countyOfRegion(r), countyOfRegion(x)] : [countyOfRegion(r)]
    if (x >= 0) return [countyOfRegion(x)]
    const p = c.placeCounty[i]!
    return p >= 0 ? ['p' + c.places.values[p]!] : []
  }
  // The same keys as numbers, for `numbers`: building and hashing a string per record and key is
  // most of the blocking time of a few million records.
  const countyNumberCache: number[] = []
  const countyNumberOfRegion = (r: number): number => (countyNumberCache[r] ??= Number(countyOfRegion(r)))
  /** What `counties` gives, as numbers: a code's six digits, or 10^7 + a county name's place id. */
  const eachCounty = (i: number, f: (county: number) => void): void => {
    const r = c.region[i]!
    const x = c.idCounty[i]!
    if (r >= 0) {
      f(countyNumberOfRegion(r))
      if (x >= 0) f(countyNumberOfRegion(x))
    } else if (x >= 0) {
      f(countyNumberOfRegion(x))
    } else if (c.placeCounty[i]! >= 0) {
      f(1e7 + c.placeCounty[i]!)
    }
  }
  const firstCounty = (i: number): number => {
    let first = 0
    eachCounty(i, (x) => {
      if (first === 0) first = x
    })
    return first
  }
  // Pinyin initials interned per child name id (the other name keys are interned already).
  const initialsCache = {ids: new Map<string, number>(), byName: [] as number[]}
  const initialsId = (n: number): number => {
    let id = initialsCache.byName[n]
    if (id === undefined) {
      const text = c.childNames.entry(n).initials
      id = initialsCache.ids.get(text)
      if (id === undefined) initialsCache.ids.set(text, (id = initialsCache.ids.size))
      initialsCache.byName[n] = id
    }
    return id
  }

    return [
    {
      id: 'id',
      coversSameIds: true,
      zh: '身份证号（前17位）',
      en: 'ID number (first 17 characters)',
      maxBlock: 200,
      window: 20,
      values(i, emit) {
        const b = body17(i)
        if (b !== undefined) emit(b)
        else if (s.idKind[i] === IdKind.Other || s.idKind[i] === IdKind.Checksum) emit(c.idString(i)!)
      },
      numbers(i, emit) {
        const b = bodyNumbers(i)
        if (b !== undefined) emit(b[0], b[1], 0)
        else if (s.idKind[i] === IdKind.Other || s.idKind[i] === IdKind.Checksum) emit(hashKey(c.idString(i)!, 7, 52), 0, 1)
      },
    },
    {
      id: 'id-pieces',
      sparse: true,
      zh: '身份证号分段（容一位错或相邻两位颠倒）',
      en: 'ID pieces (survive one wrong or two swapped digits)',
      maxBlock: 64,
      window: 16,
      values(i, emit) {
        const b = body17(i)
        if (b !== undefined) {
          // 17 digits: region 0–5, year 6–9, month-day 10–13, sequence 14–16. Deleting one segment
          // leaves a key that survives a wrong digit (or a swap) inside it; deleting the two digits
          // at a boundary survives a swap across it. Region + birth date (0–13) also holds what
          // Excel keeps of a damaged number.
          emit('R' + b.slice(6))
          emit('Y' + b.slice(0, 6) + b.slice(10))
          emit('M' + b.slice(0, 10) + b.slice(14))
          emit('S' + b.slice(0, 14))
          emit('a' + b.slice(0, 5) + b.slice(7))
          emit('b' + b.slice(0, 9) + b.slice(11))
          emit('c' + b.slice(0, 13) + b.slice(15))
        } else if (s.idKind[i] === IdKind.Excel) {
          const d = c.idString(i)!
          if (d.length >= 14) emit('S' + d.slice(0, 14))
        }
      },
      numbers(i, emit) {
        const body = bodyNumbers(i)
        if (body !== undefined) {
          // The same pieces as `values`, as exact integers of at most 15 digits.
          const [hi, lo] = body
          emit((hi % 1000) * 1e8 + lo, 0, 1) // R: digits 6–16
          emit(Math.floor(hi / 1000) * 1e7 + (lo % 1e7), 0, 2) // Y: 0–5, 10–16
          emit((hi * 10 + Math.floor(lo / 1e7)) * 1000 + (lo % 1000), 0, 3) // M: 0–9, 14–16
          emit(hi * 1e5 + Math.floor(lo / 1000), 0, 4) // S: 0–13
          emit(Math.floor(hi / 10000) * 1e10 + (hi % 100) * 1e8 + lo, 0, 5) // without 5–6
          emit(hi * 1e6 + (lo % 1e6), 0, 6) // without 9–10
          emit((hi * 1e4 + Math.floor(lo / 1e4)) * 100 + (lo % 100), 0, 7) // without 13–14
        } else if (s.idKind[i] === IdKind.Excel) {
          const d = c.idString(i)!
          if (d.length >= 14) emit(Number(d.slice(0, 14)), 0, 4)
        }
      },
    },
    {
      id: 'birth-surname',
      sparse: true,
      zh: '出生日期 + 姓氏拼音（+ 性别）',
      en: 'birth date + surname pinyin (+ sex)',
      maxBlock: 64,
      window: 16,
      values(i, emit) {
        const n = c.name[i]!
        if (n < 0) return
        const sp = c.childNames.entry(n).surnamePinyin
        // Sex halves the blocks of a province's common surnames; a record without it goes in both.
        const sex = s.sex[i]!
        const b1 = c.birth[i]!
        const b2 = c.idBirth[i]!
        for (const d of b2 !== 0 && b2 !== b1 ? [b1, b2] : [b1]) {
          if (d === 0) continue
          if (sex !== 2) emit(`${d}|${sp}|1`)
          if (sex !== 1) emit(`${d}|${sp}|2`)
        }
      },
      numbers(i, emit) {
        const n = c.name[i]!
        if (n < 0) return
        const sp = c.childNames.entry(n).surnamePinyinId
        const sex = s.sex[i]!
        const b1 = c.birth[i]!
        const b2 = c.idBirth[i]!
        for (const d of b2 !== 0 && b2 !== b1 ? [b1, b2] : [b1]) {
          if (d === 0) continue
          if (sex !== 2) emit(d, sp * 4 + 1, 0)
          if (sex !== 1) emit(d, sp * 4 + 2, 0)
        }
      },
    },
    {
      id: 'birth-given',
      zh: '出生日期 + 名字拼音',
      en: 'birth date + given-name pinyin',
      maxBlock: 64,
      window: 16,
      values(i, emit) {
        const n = c.name[i]!
        if (n < 0) return
        const g = c.childNames.entry(n).givenPinyinText
        for (const d of c.births(i)) emit(`${d}|${g}`)
      },
      numbers(i, emit) {
        const n = c.name[i]!
        if (n < 0) return
        const g = c.childNames.entry(n).givenPinyin
        const b1 = c.birth[i]!
        const b2 = c.idBirth[i]!
        if (b1 !== 0) emit(b1, g, 0)
        if (b2 !== 0 && b2 !== b1) emit(b2, g, 0)
      },
    },
    {
      id: 'region-name',
      sparse: true,
      zh: '县级区划 + 姓名拼音',
      en: 'county + name pinyin',
      maxBlock: 64,
      window: 16,
      values(i, emit) {
        const n = c.name[i]!
        if (n < 0) return
        const p = c.childNames.entry(n).pinyinText
        for (const county of counties(i)) emit(`${county}|${p}`)
      },
      numbers(i, emit) {
        const n = c.name[i]!
        if (n < 0) return
        const p = c.childNames.entry(n).pinyin
        eachCounty(i, (county) => emit(county, p, 0))
      },
    },
    {
      id: 'initials-year',
      sparse: true,
      zh: '县级区划 + 拼音首字母 + 出生年份',
      en: 'county + pinyin initials + birth year',
      maxBlock: 32,
      window: 8,
      values(i, emit) {
        const n = c.name[i]!
        if (n < 0) return
        const initials = c.childNames.entry(n).initials
        const county = counties(i)[0] ?? ''
        let last = -1
        for (const d of c.births(i)) {
          const y = Math.floor(d / 10000)
          if (y !== last) emit(`${county}|${initials}|${y}`)
          last = y
        }
      },
      numbers(i, emit) {
        const n = c.name[i]!
        if (n < 0) return
        const initials = initialsId(n)
        const county = firstCounty(i)
        let last = -1
        for (const d of c.births(i)) {
          const y = Math.floor(d / 10000)
          if (y !== last) emit(county, initials * 10000 + y, 0)
          last = y
        }
      },
    },
    guardianIdKey(s, {id: 'guardian-id', zh: '监护人身份证号', en: 'guardian ID number', sparse: true}),
    phoneKey(s, {id: 'phone', zh: '联系电话', en: 'phone', sparse: true}),
  ]
}
