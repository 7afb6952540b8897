// The synthetic population behind the sample rosters: families in real villages, with parents,
// grandparents, the guardian who actually looks after the children, and the children themselves
// (0–17 at the reference date). This is the truth that every department file is rendered from.

import {checkDigit} from '../cn/id-number.js'
import {ageAt} from '../cn/dates.js'
import {addDays, compact, isoToDays, daysToIso, minusYears, parts} from './calendar.js'
import {UYGHUR, childGiven, elderGiven, generationGiven, hanSurname, parentGiven, pickGeneration} from './names.js'
import {type Area, type Place, type School, Schools, WORKPLACES} from './places.js'
import type {Random} from './random.js'

export type ParentStatus = '外出务工' | '在家' | '服刑' | '重病' | '残疾' | '死亡'
export type Health = '健康' | '患病' | '残疾'
// 监护类型 guardianship type (canonical values of the code list)
export type GuardianshipType = '祖辈监护' | '亲属监护' | '委托监护' | '父母一方监护'

export interface Person {
  surname: string
  given: string
  /** Set for names that are not surname + given (a Uyghur name: 阿卜杜拉·艾力). */
  fullName?: string
  male: boolean
  /** ISO date. */
  birth: string
  /** 18-digit resident ID number. */
  id: string
  ethnicity: string
  phone: string
}

export interface Parent extends Person {
  status: ParentStatus
  /** 务工地, empty unless away for work. */
  workplace: string
}

export interface Guardian {
  person: Person
  /** 与儿童关系 the guardian's relation to the child (code list `relation`). */
  relation: string
  type: GuardianshipType
}

export interface Family {
  key: string
  place: Place
  /** 村民小组 the village group (组) of the address. */
  group: number
  /** 户号 household number on the household register. */
  householdNo: string
  father: Parent
  mother: Parent
  paternal: {grandfather: Person; grandmother: Person}
  maternal: {grandfather: Person; grandmother: Person}
  guardian: Guardian
  /** Both parents away, or one away and the other unable to care (国发〔2016〕13号). */
  leftBehind: boolean
  /** The paternal grandfather heads the household (children are 孙子/孙女), else the father. */
  grandfatherHeads: boolean
  children: Child[]
}

export type PsStatus = '正常' | '死亡' | '迁出' | '注销'

export interface Child extends Person {
  /** The hidden identity used in truth.csv (C0001 …). */
  key: string
  family: Family
  /** Completed years at the reference date. */
  age: number
  health: Health
  /** 就学状况 (code list `schoolStatus`). */
  schoolStatus: string
  school?: School
  /** 年级 as the student roster writes it (三年级, 七年级, 高一, 大班). */
  grade: string
  className: string
  boarding: boolean
  twin?: Child
  /** The household register's record (public security). */
  ps: {status: PsStatus; reason: string; date: string}
  /** On this area's household register at all (false: registered in another county). */
  registered: boolean
  /** Left-behind but missing from the civil-affairs roster (XC_UNLISTED). */
  unlisted: boolean
  /** Dropped out: not on the student roster (XC_NOT_ENROLLED). */
  droppedOut: boolean
}

export interface Population {
  asOf: string
  area: Area
  families: Family[]
  children: Child[]
  ids: IdFactory
  phones: PhoneFactory
  schools: Schools
}

export function nameOf(p: Person): string {
  return p.fullName ?? p.surname + p.given
}

/** Issues unique, valid ID numbers (GB 11643: region, birth date, sequence with sex parity, check). */
export class IdFactory {
  private readonly used = new Set<string>()

  constructor(private readonly rng: Random) {}

  make(region6: string, birthIso: string, male: boolean, predicate: (id: string) => boolean = () => true): string {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const station = String(this.rng.int(0, 99)).padStart(2, '0')
      const last = this.rng.int(0, 4) * 2 + (male ? 1 : 0)
      const first17 = region6 + compact(birthIso) + station + String(last)
      const id = first17 + checkDigit(first17)
      if (this.used.has(id) || !predicate(id)) continue
      this.used.add(id)
      return id
    }
    throw new Error(`no free ID number for ${region6} ${birthIso}`)
  }

  reserve(id: string): void {
    this.used.add(id)
  }
}

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '166', '173', '175', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199',
]

export class PhoneFactory {
  private readonly used = new Set<string>()

  constructor(private readonly rng: Random) {}

  mobile(): string {
    for (;;) {
      const n = this.rng.pick(MOBILE_PREFIXES) + String(this.rng.int(0, 99_999_999)).padStart(8, '0')
      if (!this.used.has(n)) {
        this.used.add(n)
        return n
      }
    }
  }
}

interface Builder {
  rng: Random
  asOf: string
  area: Area
  ids: IdFactory
  phones: PhoneFactory
  schools: Schools
  householdNos: Set<string>
}

function randomBirthBetween(rng: Random, earliest: string, latest: string): string {
  const a = isoToDays(earliest)
  const b = isoToDays(latest)
  return daysToIso(rng.int(a, Math.max(a, b)))
}

/** `years` (plus up to a year) before `iso`. */
function yearsBefore(rng: Random, iso: string, minYears: number, maxYears: number): string {
  return addDays(minusYears(iso, rng.int(minYears, maxYears)), -rng.int(0, 364))
}

// Objects are built as literals with every field present from the start (no spreading, no
// properties added later): V8 keeps them in fast mode, which matters for 100,000-child samples.
function person(b: Builder, surname: string, given: string, male: boolean, birth: string, region: string, ethnicity: string): Person {
  return {surname, given, fullName: undefined, male, birth, id: b.ids.make(region, birth, male), ethnicity, phone: b.phones.mobile()}
}

function parent(b: Builder, surname: string, given: string, male: boolean, birth: string, region: string, ethnicity: string): Parent {
  return {surname, given, fullName: undefined, male, birth, id: b.ids.make(region, birth, male), ethnicity, phone: b.phones.mobile(), status: '在家', workplace: ''}
}

function familyEthnicity(b: Builder): string {
  let x = b.rng.next()
  for (const [name, share] of b.area.minorities) {
    if (x < share) return name
    x -= share
  }
  return '汉族'
}

type Scenario = 'bothAway' | 'fatherAway' | 'motherAway' | 'awayIncapable' | 'bothHome'

const SCENARIOS: [Scenario, number][] = [
  ['bothAway', 52],
  ['fatherAway', 16],
  ['motherAway', 3],
  ['awayIncapable', 10],
  ['bothHome', 19],
]

const INCAPABLE: [ParentStatus, number][] = [
  ['服刑', 25],
  ['重病', 30],
  ['残疾', 25],
  ['死亡', 20],
]

function setStatuses(b: Builder, father: Parent, mother: Parent, scenario: Scenario): void {
  const away = (p: Parent, workplace?: string): void => {
    p.status = '外出务工'
    p.workplace = workplace ?? b.rng.weighted(WORKPLACES)
  }
  switch (scenario) {
    case 'bothAway': {
      away(father)
      // Most couples work in the same city.
      away(mother, b.rng.chance(0.7) ? father.workplace : undefined)
      break
    }
    case 'fatherAway':
      away(father)
      break
    case 'motherAway':
      away(mother)
      break
    case 'awayIncapable': {
      const [a, other] = b.rng.chance(0.7) ? [father, mother] : [mother, father]
      away(a)
      other.status = b.rng.weighted(INCAPABLE)
      break
    }
    case 'bothHome':
      break
  }
}

function isLeftBehind(f: Parent, m: Parent): boolean {
  const away = (p: Parent): boolean => p.status === '外出务工'
  const unable = (p: Parent): boolean => p.status !== '外出务工' && p.status !== '在家'
  return (away(f) && away(m)) || (away(f) && unable(m)) || (away(m) && unable(f))
}

function chooseGuardian(b: Builder, fam: Omit<Family, 'guardian'>, county: string): Guardian {
  const {father, mother} = fam
  if (!fam.leftBehind) {
    const home = mother.status === '在家' ? mother : father.status === '在家' ? father : mother
    return {person: home, relation: home === mother ? '母亲' : '父亲', type: '父母一方监护'}
  }
  const kind = b.rng.weighted<GuardianshipType>([
    ['祖辈监护', 82],
    ['亲属监护', 13],
    ['委托监护', 5],
  ])
  if (kind === '祖辈监护') {
    const paternal = father.fullName === undefined && b.rng.chance(0.8)
    const grandmother = b.rng.chance(0.65)
    const side = paternal ? fam.paternal : fam.maternal
    const p = grandmother ? side.grandmother : side.grandfather
    const relation = paternal ? (grandmother ? '祖母' : '祖父') : grandmother ? '外祖母' : '外祖父'
    return {person: p, relation, type: kind}
  }
  if (kind === '亲属监护') {
    const which = b.rng.pick(['叔叔', '伯父', '姑姑', '舅舅', '姨妈'] as const)
    const paternalSide = which === '叔叔' || which === '伯父' || which === '姑姑'
    const sibling = paternalSide ? father : mother
    const male = which !== '姑姑' && which !== '姨妈'
    const offset = which === '叔叔' ? b.rng.int(400, 3000) : which === '伯父' ? -b.rng.int(400, 3000) : b.rng.int(-3000, 3000)
    // An aunt or uncle old enough to be a guardian (20+), whatever the parents' ages.
    const adultBy = minusYears(b.asOf, 20)
    const near = addDays(sibling.birth, offset)
    const birth = near < adultBy ? near : addDays(adultBy, -b.rng.int(0, 2000))
    const surname = paternalSide ? father.surname : mother.surname
    const region = sibling.id.slice(0, 6)
    return {person: person(b, surname, parentGiven(b.rng, male), male, birth, region, sibling.ethnicity), relation: which, type: kind}
  }
  // 委托监护: a neighbour the parents asked to look after the children.
  const male = b.rng.chance(0.4)
  const birth = yearsBefore(b.rng, b.asOf, 38, 62)
  const neighbour = person(b, hanSurname(b.rng, '汉族'), parentGiven(b.rng, male), male, birth, county, '汉族')
  return {person: neighbour, relation: '其他', type: kind}
}

const KINDERGARTEN_GRADES = ['小班', '中班', '大班']
const PRIMARY_GRADES = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级']
const MIDDLE_GRADES = ['七年级', '八年级', '九年级']
const HIGH_GRADES = ['高一', '高二', '高三']
const VOCATIONAL_GRADES = ['一年级', '二年级', '三年级']

/** Age on 31 August of the current school year (children born by then start grade 1 at six). */
function ageAtCutoff(birth: string, asOf: string): number {
  const [ay, am] = parts(asOf)
  const schoolYear = am >= 9 ? ay : ay - 1
  const [by, bm] = parts(birth)
  return schoolYear - by - (bm > 8 ? 1 : 0)
}

/** Places a child in school as the age says: 幼儿园 at 3–5, 小学 at 6–11, 初中, then 高中 or 中职. */
export function enrol(rng: Random, schools: Schools, child: Child, asOf: string): void {
  const place = child.family.place
  const cut = ageAtCutoff(child.birth, asOf)
  child.school = undefined
  child.grade = ''
  child.className = ''
  child.boarding = false
  if (cut < 3 || (cut <= 4 && rng.chance(0.2))) {
    child.schoolStatus = '未入园'
    return
  }
  let school: School
  if (cut <= 5) {
    school = schools.kindergarten(place)
    child.grade = KINDERGARTEN_GRADES[cut - 3] ?? '大班'
  } else {
    const g = cut - 5
    if (g <= 6) {
      school = schools.primary(place, g)
      child.grade = PRIMARY_GRADES[g - 1] ?? '六年级'
      child.boarding = rng.chance(g >= 4 ? 0.15 : 0.03)
    } else if (g <= 9) {
      school = schools.middle(place)
      child.grade = MIDDLE_GRADES[g - 7] ?? '九年级'
      child.boarding = rng.chance(0.65)
    } else {
      if (child.age >= 16 && rng.chance(0.12)) {
        // 16–17 and out of school (working, or at home): not a left-behind child any more by age.
        child.schoolStatus = '未在校'
        return
      }
      const vocational = rng.chance(0.2)
      school = schools.high(place, vocational)
      child.grade = (vocational ? VOCATIONAL_GRADES : HIGH_GRADES)[Math.min(g - 10, 2)] ?? '高三'
      child.boarding = rng.chance(0.85)
    }
  }
  child.school = school
  child.schoolStatus = school.stage
  child.className = `${rng.int(1, school.classes)}班`
}

function childHealth(rng: Random): Health {
  return rng.weighted<Health>([
    ['健康', 95],
    ['患病', 2.5],
    ['残疾', 2.5],
  ])
}

interface FamilyPlan {
  count: number
  twins: 'none' | 'eldest' | 'any'
  /** Forces both parents away (a family that must be on the civil-affairs roster). */
  leftBehind?: boolean
  /** Eldest child's age range. */
  eldestAge?: [number, number]
  uyghur?: boolean
}

function buildFamily(b: Builder, key: string, place: Place, plan: FamilyPlan, firstChildNo: number): Family {
  const {rng, asOf} = b
  const county = place.county.code
  const ethnicity = plan.uyghur ? '维吾尔族' : familyEthnicity(b)

  // Birth dates: the eldest first, then younger siblings 1.5–7 years apart while they fit.
  const latest = addDays(asOf, -20)
  const [minAge, maxAge] = plan.eldestAge ?? [0, 17]
  const earliest = addDays(minusYears(asOf, maxAge + 1), 1)
  const eldestLatest = addDays(minusYears(asOf, minAge), 0) < latest ? minusYears(asOf, minAge) : latest
  const births: string[] = [randomBirthBetween(rng, earliest, eldestLatest)]
  const twinAt = plan.twins === 'eldest' ? 0 : plan.twins === 'any' ? rng.int(0, Math.max(0, plan.count - 2)) : -1
  while (births.length < plan.count) {
    const prev = births[births.length - 1] as string
    if (births.length - 1 === twinAt) {
      births.push(prev)
      continue
    }
    const next = addDays(prev, rng.int(540, 2500))
    if (next > latest) break
    births.push(next)
  }
  const eldest = births[0] as string

  const surname = plan.uyghur ? '' : hanSurname(rng, ethnicity)
  const motherEthnicity = plan.uyghur ? '汉族' : ethnicity !== '汉族' && rng.chance(0.3) ? '汉族' : ethnicity
  const motherRegion = b.area.neighbourCounties.length > 0 && rng.chance(0.25) ? rng.pick(b.area.neighbourCounties) : county

  const fatherBirth = yearsBefore(rng, eldest, 23, 34)
  const motherBirth = yearsBefore(rng, eldest, 20, 30)
  const fatherRegion = plan.uyghur ? '653101' : county
  const father = parent(b, surname, plan.uyghur ? '' : parentGiven(rng, true), true, fatherBirth, fatherRegion, ethnicity)
  const mother = parent(b, hanSurname(rng, motherEthnicity), parentGiven(rng, false), false, motherBirth, motherRegion, motherEthnicity)
  const pgf = person(b, surname, elderGiven(rng, true), true, yearsBefore(rng, fatherBirth, 21, 31), fatherRegion, ethnicity)
  const pgm = person(b, hanSurname(rng, ethnicity), elderGiven(rng, false), false, yearsBefore(rng, fatherBirth, 19, 28), fatherRegion, ethnicity)
  const mgf = person(b, mother.surname, elderGiven(rng, true), true, yearsBefore(rng, motherBirth, 21, 31), motherRegion, motherEthnicity)
  const mgm = person(b, hanSurname(rng, motherEthnicity), elderGiven(rng, false), false, yearsBefore(rng, motherBirth, 19, 28), motherRegion, motherEthnicity)
  if (plan.uyghur) {
    const grandfatherGiven = rng.pick(UYGHUR.male)
    father.given = rng.pick(UYGHUR.male.filter((n) => n !== grandfatherGiven))
    father.fullName = `${father.given}·${grandfatherGiven}`
    pgf.given = grandfatherGiven
    pgf.fullName = `${grandfatherGiven}·${rng.pick(UYGHUR.male)}`
    pgm.given = rng.pick(UYGHUR.female)
    pgm.fullName = `${pgm.given}·${rng.pick(UYGHUR.male)}`
  }

  const scenario: Scenario = plan.leftBehind ? 'bothAway' : rng.weighted(SCENARIOS)
  setStatuses(b, father, mother, scenario)
  const leftBehind = isLeftBehind(father, mother)

  let householdNo: string
  do householdNo = String(rng.int(100_000_000, 999_999_999))
  while (b.householdNos.has(householdNo))
  b.householdNos.add(householdNo)

  const partial: Omit<Family, 'guardian'> = {
    key,
    place,
    group: rng.int(1, 12),
    householdNo,
    father,
    mother,
    paternal: {grandfather: pgf, grandmother: pgm},
    maternal: {grandfather: mgf, grandmother: mgm},
    leftBehind,
    grandfatherHeads: false,
    children: [],
  }
  const guardian = plan.uyghur
    ? {person: mgm, relation: '外祖母', type: '祖辈监护' as const}
    : chooseGuardian(b, partial, county)
  const family: Family = {
    key,
    place,
    group: partial.group,
    householdNo,
    father,
    mother,
    paternal: partial.paternal,
    maternal: partial.maternal,
    guardian,
    leftBehind,
    grandfatherHeads: !plan.uyghur && guardian.person === pgf,
    children: [],
  }
  if (!family.grandfatherHeads && !plan.uyghur && guardian.person === pgm) family.grandfatherHeads = rng.chance(0.6)

  // Given names: siblings sometimes share a 字辈 character; twins usually do.
  const useGeneration = births.length > 1 && rng.chance(twinAt >= 0 ? 0.7 : 0.35)
  const generation = pickGeneration(rng)
  const givens = new Set<string>()
  births.forEach((birth, i) => {
    const male = rng.chance(0.52)
    let given = ''
    for (let tries = 0; tries < 50 && (given === '' || givens.has(given)); tries++) {
      if (plan.uyghur) given = rng.pick(male ? UYGHUR.male : UYGHUR.female)
      else given = useGeneration ? generationGiven(rng, generation, male) : childGiven(rng, male)
    }
    givens.add(given)
    const child: Child = {
      surname,
      given,
      fullName: undefined,
      male,
      birth,
      id: b.ids.make(county, birth, male),
      ethnicity,
      phone: '',
      key: `C${String(firstChildNo + i).padStart(4, '0')}`,
      family,
      age: ageAt(birth, asOf),
      health: childHealth(rng),
      schoolStatus: '',
      school: undefined,
      grade: '',
      className: '',
      boarding: false,
      twin: undefined,
      ps: {status: '正常', reason: '', date: ''},
      registered: true,
      unlisted: false,
      droppedOut: false,
    }
    if (plan.uyghur) child.fullName = `${given}·${father.given}`
    enrol(rng, b.schools, child, asOf)
    const prev = family.children[family.children.length - 1]
    if (prev && prev.birth === birth) {
      child.twin = prev
      prev.twin = child
    }
    family.children.push(child)
  })
  return family
}

/** Builds `target` children in families spread over the area's villages. */
export function buildPopulation(rng: Random, area: Area, asOf: string, target: number): Population {
  const b: Builder = {
    rng: rng.fork('people'),
    asOf,
    area,
    ids: new IdFactory(rng.fork('ids')),
    phones: new PhoneFactory(rng.fork('phones')),
    schools: new Schools(rng.fork('schools')),
    householdNos: new Set(),
  }
  const families: Family[] = []
  const children: Child[] = []
  const twinsWanted = Math.max(2, Math.round(target / 100))
  let twinsMade = 0
  let placeQueue: Place[] = []
  const nextPlace = (): Place => {
    if (placeQueue.length === 0) placeQueue = b.rng.shuffle(area.places)
    return placeQueue.shift() as Place
  }

  // Fixed families first: a left-behind pair of school-age twins, and the Uyghur family.
  const fixed: FamilyPlan[] = [
    {count: 2, twins: 'eldest', leftBehind: true, eldestAge: [7, 12]},
    {count: 2, twins: 'none', leftBehind: true, eldestAge: [8, 12], uyghur: true},
  ]
  while (children.length < target) {
    const remaining = target - children.length
    let plan = fixed.shift()
    if (!plan) {
      const wantTwins = twinsMade < twinsWanted && families.length % 11 === 5
      const count = Math.min(remaining, b.rng.weighted<number>([[1, 35], [2, 45], [3, 15], [4, 5]]), 4)
      plan = {count: wantTwins ? Math.max(2, count) : count, twins: wantTwins ? 'any' : 'none'}
    }
    plan.count = Math.min(plan.count, remaining)
    if (plan.count < 2) plan.twins = 'none'
    const family = buildFamily(b, `F${String(families.length + 1).padStart(4, '0')}`, nextPlace(), plan, children.length + 1)
    if (family.children.some((c) => c.twin)) twinsMade++
    families.push(family)
    children.push(...family.children)
  }
  return {asOf, area, families, children, ids: b.ids, phones: b.phones, schools: b.schools}
}

/** Whether the child belongs on the civil-affairs roster of left-behind children. */
export function isListedLeftBehind(c: Child): boolean {
  return c.family.leftBehind && c.age < 16 && !c.unlisted && c.ps.status !== '注销'
}
