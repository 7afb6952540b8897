// Interned names with the keys the comparators and blocking need, computed once per distinct name
// (a million-row roster has far fewer distinct names than rows, and pinyin-pro reads some 200,000
// names a second).
//
// - ChildNames: the child's own name, with full pinyin, surname and given-name pinyin, initials,
//   the simplified form, the sorted characters (for swapped names) and counts for the
//   term-frequency adjustment.
// - PersonNames: guardians' and parents' names; compared only as equal or homophone, so their
//   pinyin is read lazily, when two different names meet.

import {nameReading, pinyinKey} from '../../cn/pinyin.js'
import {simplifiedName} from './char-similarity.js'
import {Interner} from '../interner.js'

export interface ChildName {
  name: string
  /** Characters of the simplified form as an array (astral characters count as one). */
  chars: string[]
  surname: string
  given: string
  /** Toneless pinyin without spaces (王芳 and 王方 are both wangfang), interned. */
  pinyin: number
  /** The same as text: what a key kept outside the run is made of (interned ids differ from run to run). */
  pinyinText: string
  surnamePinyin: string
  /** The given name's pinyin, interned, and as text. */
  givenPinyin: number
  givenPinyinText: string
  /** One syllable per character, in order. */
  syllables: string[]
  initials: string
  /** The simplified form, interned among the names' own strings. */
  simplified: string
  /** The characters sorted: equal for 张子涵 and 张涵子. */
  sorted: string
  /** Interned ids of `simplified`, `sorted`, `surname` and `surnamePinyin` (integer comparisons). */
  simplifiedId: number
  sortedId: number
  surnameId: number
  surnamePinyinId: number
}

export interface NameFrequency {
  name: string
  /** Records holding the name. */
  count: number
  /** Records holding a name of its pinyin. */
  pinyinCount: number
}

export class ChildNames {
  private readonly interner = new Interner()
  readonly entries: ChildName[] = []
  /** Records holding each name, for the term-frequency adjustment. */
  counts: Int32Array = new Int32Array(1024)
  /** Each name's `pinyin`, beside `counts`: counting a record reads no entry object (a cache miss each, millions of times). */
  private pinyinOfName: Int32Array = new Int32Array(1024)
  readonly pinyins = new Interner()
  pinyinCounts: Int32Array = new Int32Array(1024)
  /** Simplified forms, sorted characters, surnames and surname readings, interned (integer comparisons). */
  private readonly simplifiedIds = new Interner()
  private readonly sortedIds = new Interner()
  private readonly surnameIds = new Interner()
  private readonly surnamePinyinIds = new Interner()
  /** Records counted (with a usable name). */
  total = 0

  /** The id of a cleaned, valid name; counted once per record when `count` is set. */
  add(name: string, count = true): number {
    let id = this.interner.get(name)
    if (id === undefined) {
      id = this.interner.id(name)
      const entry = this.analyse(name)
      this.entries.push(entry)
      if (id >= this.counts.length) {
        const grown = new Int32Array(this.counts.length * 2)
        grown.set(this.counts)
        this.counts = grown
        const pinyins = new Int32Array(grown.length)
        pinyins.set(this.pinyinOfName)
        this.pinyinOfName = pinyins
      }
      this.pinyinOfName[id] = entry.pinyin
    }
    if (count) {
      this.counts[id] = (this.counts[id] ?? 0) + 1
      const p = this.pinyinOfName[id]!
      this.pinyinCounts[p] = (this.pinyinCounts[p] ?? 0) + 1
      this.total++
    }
    return id
  }

  entry(id: number): ChildName {
    return this.entries[id]!
  }

  /** Each name with the records holding it and the records holding its pinyin: what usePopulation takes. */
  *frequencies(): Generator<NameFrequency> {
    for (let id = 0; id < this.entries.length; id++) {
      if (this.counts[id]! > 0) yield {name: this.entries[id]!.name, count: this.counts[id]!, pinyinCount: this.pinyinCounts[this.pinyinOfName[id]!]!}
    }
  }

  /**
   * Counts of a population larger than the records held (a registry's records, of which only
   * those a new row may be one child with are loaded), for the term-frequency adjustment: each
   * name and pinyin counts as often as in the population, or as here when more often (a name
   * new since the population was counted).
   */
  usePopulation(population: ReadonlyMap<string, Omit<NameFrequency, 'name'>>, total: number): void {
    const pinyins = new Int32Array(this.pinyinCounts.length)
    for (let id = 0; id < this.entries.length; id++) {
      const known = population.get(this.entries[id]!.name)
      if (!known) continue
      this.counts[id] = Math.max(this.counts[id]!, known.count)
      const p = this.pinyinOfName[id]!
      pinyins[p] = Math.max(pinyins[p]!, known.pinyinCount)
    }
    for (let p = 0; p < pinyins.length; p++) this.pinyinCounts[p] = Math.max(this.pinyinCounts[p]!, pinyins[p]!)
    this.total = Math.max(this.total, total)
  }

  private analyse(name: string): ChildName {
    const {surname, given, key, surnameKey: sp, syllables, initials} = nameReading(name)
    const givenKey = !name.includes('·') && key.startsWith(sp) ? key.slice(sp.length) : pinyinKey(given)
    const pinyin = this.pinyins.id(key)
    if (pinyin >= this.pinyinCounts.length) {
      const grown = new Int32Array(this.pinyinCounts.length * 2)
      grown.set(this.pinyinCounts)
      this.pinyinCounts = grown
    }
    const simplified = simplifiedName(name)
    const chars = Array.from(simplified)
    const sorted = chars.length > 1 ? [...chars].sort().join('') : simplified
    return {
      name,
      chars,
      surname,
      given,
      pinyin,
      pinyinText: key,
      surnamePinyin: sp,
      givenPinyin: this.pinyins.id(givenKey === '' ? '\u0000' : givenKey),
      givenPinyinText: givenKey,
      syllables: syllables.map((s) => s.replaceAll('ü', 'v')),
      initials,
      simplified: simplified === name ? name : simplified,
      sorted,
      simplifiedId: this.simplifiedIds.id(simplified),
      sortedId: this.sortedIds.id(sorted),
      surnameId: this.surnameIds.id(surname),
      surnamePinyinId: this.surnamePinyinIds.id(sp),
    }
  }
}

/** Guardians' and parents' names: equal, homophone (pinyin read on demand) or different. */
export class PersonNames {
  private readonly interner = new Interner()
  private pinyin: Int32Array = new Int32Array(0)
  private readonly pinyins = new Interner()

  add(name: string): number {
    return this.interner.id(name)
  }

  value(id: number): string {
    return this.interner.values[id] ?? ''
  }

  /** Whether two different names read the same (王芳 / 王方). */
  samePinyin(a: number, b: number): boolean {
    const x = this.value(a)
    const y = this.value(b)
    // Cheap first: a homophone has as many characters and (almost always) the same surname.
    if (x.length !== y.length || x.charCodeAt(0) !== y.charCodeAt(0)) return false
    return this.pinyinOf(a) === this.pinyinOf(b)
  }

  private pinyinOf(id: number): number {
    if (id >= this.pinyin.length) {
      const grown = new Int32Array(Math.max(1024, this.interner.size * 2))
      grown.fill(-1)
      grown.set(this.pinyin)
      this.pinyin = grown
    }
    let p = this.pinyin[id]!
    if (p < 0) {
      p = this.pinyins.id(pinyinKey(this.value(id)))
      this.pinyin[id] = p
    }
    return p
  }
}
