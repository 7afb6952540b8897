// The stories the sample tells beyond random noise: twins and same-name children that must stay
// apart, children the lists disagree about (dead, moved away, registered elsewhere, dropped out,
// never listed), and the values one department spells differently. Planned on the population
// before any file is rendered, so that every file tells the same truth.

import {checkDigit} from '../cn/id-number.js'
import {addDays} from './calendar.js'
import {HOMOPHONES, LOOKALIKES, RARE_GIVEN_NAMES, SPELLING_VARIANTS, swapChar} from './names.js'
import {type Child, type Family, type Population, isListedLeftBehind, nameOf} from './population.js'
import type {Random} from './random.js'

/** A value the education or public-security list holds differently from the truth (or from civil affairs). */
export interface Conflict {
  child: Child
  field: 'name' | 'gender' | 'birthDate' | 'idNumber' | 'school' | 'guardianName'
  /** Which file holds the odd value. */
  oddIn: 'education' | 'civil-affairs'
  value: string
  expected: string
  description: string
}

export interface Plan {
  twins?: [Child, Child]
  sameName?: [Child, Child]
  rare: Child[]
  uyghur?: Child
  deceased?: Child
  movedOut?: Child
  notRegistered?: Child
  /** [0] shows 辍学 on the civil-affairs roster, [1] still shows its old school. */
  dropouts: Child[]
  unlisted: Child[]
  /** Turned 16 and still on the civil-affairs roster. */
  agedOut?: Child
  /** Children off the roster whose household registration changed (dead, moved out, cancelled). */
  registerChanges: Child[]
  conflicts: Conflict[]
  /** Education's ID cell typed as a number (Excel keeps 15 digits). */
  eduMangledId?: Child
  /** Duplicate entries on the civil-affairs roster. */
  duplicates: {
    otherVillage?: Child
    homophone?: {child: Child; name: string}
    lookalike?: {child: Child; name: string}
    idTypo?: Child
  }
  /** Children whose rows must keep their true values (no random faults on them). */
  reserved: Set<Child>
  skipped: string[]
}

function renameFamilySurname(family: Family, surname: string): void {
  const people = [family.father, family.paternal.grandfather, ...family.children]
  if (['叔叔', '伯父', '姑姑'].includes(family.guardian.relation)) people.push(family.guardian.person)
  for (const p of people) if (p.fullName === undefined) p.surname = surname
}

export function planScenarios(pop: Population, rng: Random): Plan {
  const plan: Plan = {rare: [], dropouts: [], unlisted: [], registerChanges: [], conflicts: [], duplicates: {}, reserved: new Set(), skipped: []}
  const {children, asOf} = pop
  const reserve = (c: Child): Child => {
    plan.reserved.add(c)
    return c
  }
  const free = (c: Child): boolean => !plan.reserved.has(c) && !c.twin && c.fullName === undefined
  // A random child of the pool that satisfies `pred`: each pool is shuffled once and searched in
  // that order, children already taken being skipped (cheap on 100,000-child samples).
  const picker = (pool: Child[]): ((label: string, pred: (c: Child) => boolean) => Child | undefined) => {
    const order = rng.shuffle(pool)
    let start = 0
    return (label, pred) => {
      while (start < order.length && !free(order[start] as Child)) start++
      for (let i = start; i < order.length; i++) {
        const c = order[i] as Child
        if (free(c) && pred(c)) return reserve(c)
      }
      plan.skipped.push(label)
      return undefined
    }
  }
  const inSchool = (c: Child): boolean => c.school !== undefined && c.age >= 6 && c.age <= 15
  // The civil-affairs roster's children (planning only ever removes reserved ones from it).
  const fromRoster = picker(children.filter(isListedLeftBehind))
  const fromAll = picker(children)

  // Left-behind children that the villages never reported: the student roster flags them (XC_UNLISTED).
  const unlistedCount = Math.max(2, Math.round(children.length / 100))
  for (let i = 0; i < unlistedCount; i++) {
    const c = fromRoster('XC_UNLISTED', (x) => inSchool(x) && x.family.children.length === 1)
    if (c) {
      c.unlisted = true
      plan.unlisted.push(c)
    }
  }

  // The fixed twin family (the first one) and the Uyghur family.
  const twinChild = children.find((c) => c.twin && isListedLeftBehind(c) && isListedLeftBehind(c.twin))
  if (twinChild?.twin) {
    plan.twins = [twinChild, twinChild.twin]
    plan.reserved.add(twinChild).add(twinChild.twin)
  } else plan.skipped.push('twins')
  const uyghur = children.find((c) => c.fullName !== undefined && isListedLeftBehind(c))
  if (uyghur) plan.uyghur = reserve(uyghur)
  else plan.skipped.push('minority name with ·')

  // Two children of one county with the same name, different IDs and birth dates (张子涵 × 2).
  const girls = children.filter((c) => isListedLeftBehind(c) && free(c) && !c.male && c.family.children.length <= 2)
  const county = girls[0]?.family.place.county.code
  const sameCounty = rng.shuffle(girls.filter((c) => c.family.place.county.code === county))
  const first = sameCounty[0]
  const second = sameCounty.find((c) => first && c.family !== first.family && Math.abs(c.age - first.age) >= 2 && !c.family.children.some((s) => s !== c && s.given === '子涵'))
  if (first && second) {
    for (const c of [first, second]) {
      renameFamilySurname(c.family, '张')
      for (const s of c.family.children) if (s !== c && s.given === '子涵') s.given = '梓涵'
      c.given = '子涵'
      reserve(c)
    }
    plan.sameName = [first, second]
  } else plan.skipped.push('same-name children')

  // Rare characters outside GBK (𠮷 U+20BB7, 䶮 U+4DAE).
  for (const given of RARE_GIVEN_NAMES.slice(0, Math.max(2, Math.round(children.length / 150)))) {
    const c = fromRoster('rare characters', () => true)
    if (c) {
      c.given = given
      plan.rare.push(c)
    }
  }

  // Register changes the civil-affairs roster has not caught up with.
  const deceased = fromRoster('XC_DECEASED', (c) => c.age >= 3 && c.age <= 15)
  if (deceased) {
    deceased.ps = {status: '死亡', reason: '死亡', date: addDays(asOf, -rng.int(40, 300))}
    plan.deceased = deceased
  }
  const moved = fromRoster('XC_MOVED_OUT', (c) => c.age >= 2 && c.age <= 5 && c.family.father.status === '外出务工')
  if (moved) {
    moved.ps = {status: '迁出', reason: `迁往${moved.family.father.workplace}`, date: addDays(asOf, -rng.int(20, 200))}
    plan.movedOut = moved
  }
  // Registered in the mother's home county: absent from this area's household register.
  const elsewhere = fromRoster('XC_NOT_REGISTERED', (c) => inSchool(c) && c.family.mother.id.slice(0, 6) !== c.family.place.county.code)
    ?? fromRoster('XC_NOT_REGISTERED', inSchool)
  if (elsewhere) {
    const region = elsewhere.family.mother.id.slice(0, 6) !== elsewhere.family.place.county.code
      ? elsewhere.family.mother.id.slice(0, 6)
      : pop.area.neighbourCounties[0] ?? '430522'
    elsewhere.id = pop.ids.make(region, elsewhere.birth, elsewhere.male)
    elsewhere.registered = false
    plan.notRegistered = elsewhere
  }
  // Dropouts aged 13–15: not on the student roster.
  for (let i = 0; i < 2; i++) {
    const c = fromRoster('XC_NOT_ENROLLED', (x) => x.age >= 13 && x.age <= 15 && x.schoolStatus === '初中')
    if (c) {
      c.droppedOut = true
      plan.dropouts.push(c)
    }
  }
  const agedOut = fromAll('AGE_OUT_OF_RANGE', (c) => c.family.leftBehind && c.age >= 16 && c.school !== undefined && !c.unlisted)
  if (agedOut) plan.agedOut = agedOut

  // Off the roster: a death, a move and a cancellation on the household register only.
  const offRoster = (c: Child): boolean => !isListedLeftBehind(c) && c !== plan.agedOut
  const d2 = fromAll('register: death', (c) => offRoster(c) && c.age <= 10)
  if (d2) {
    d2.ps = {status: '死亡', reason: '死亡', date: addDays(asOf, -rng.int(30, 700))}
    plan.registerChanges.push(d2)
  }
  const m2 = fromAll('register: moved out', (c) => offRoster(c) && c.family.father.status === '在家')
  if (m2) {
    m2.ps = {status: '迁出', reason: `迁往${rng.pick(['湖南省长沙市', '湖南省株洲市', '广东省深圳市'])}`, date: addDays(asOf, -rng.int(30, 500))}
    plan.registerChanges.push(m2)
  }
  const x2 = fromAll('register: cancelled', (c) => offRoster(c) && c.age >= 8)
  if (x2) {
    x2.ps = {status: '注销', reason: '出国（境）定居', date: addDays(asOf, -rng.int(30, 500))}
    plan.registerChanges.push(x2)
  }

  // Cross-department disagreements.
  const onEducation = (c: Child): boolean => inSchool(c) && !c.droppedOut && c.registered
  const variantName = fromRoster('XC_FIELD_CONFLICT name (education)', (c) => onEducation(c) && swapChar(c.given, SPELLING_VARIANTS) !== undefined)
  if (variantName) {
    const odd = variantName.surname + (swapChar(variantName.given, SPELLING_VARIANTS) ?? variantName.given)
    plan.conflicts.push({child: variantName, field: 'name', oddIn: 'education', value: odd, expected: nameOf(variantName),
      description: `the school spells the given name differently (${odd} for ${nameOf(variantName)})`})
  }
  const renamed = fromRoster('XC_FIELD_CONFLICT name (civil affairs)', (c) => onEducation(c) && swapChar(c.given, SPELLING_VARIANTS) !== undefined)
  if (renamed) {
    // The child's name was changed (改名) on the household register; the village still writes the old one.
    const old = renamed.surname + (swapChar(renamed.given, SPELLING_VARIANTS) ?? renamed.given)
    plan.conflicts.push({child: renamed, field: 'name', oddIn: 'civil-affairs', value: old, expected: nameOf(renamed),
      description: `renamed on the household register (改名); the village roster still writes the old name ${old}`})
  }
  const birth = fromRoster('XC_FIELD_CONFLICT birthDate', onEducation)
  if (birth) {
    const odd = addDays(birth.birth, rng.chance(0.5) ? 31 : -30)
    plan.conflicts.push({child: birth, field: 'birthDate', oddIn: 'education', value: odd, expected: birth.birth,
      description: 'the school typed a birth date a month off (its ID number is right)'})
  }
  const gender = fromRoster('XC_FIELD_CONFLICT gender', onEducation)
  if (gender) {
    plan.conflicts.push({child: gender, field: 'gender', oddIn: 'education', value: gender.male ? '女' : '男', expected: gender.male ? '男' : '女',
      description: 'the school records the other sex'})
  }
  const reissued = fromRoster('XC_FIELD_CONFLICT idNumber', onEducation)
  if (reissued) {
    // The register corrected a duplicated number (重号更正) and issued a new one; the school kept the old.
    const old = reissued.id
    reissued.id = pop.ids.make(old.slice(0, 6), reissued.birth, reissued.male)
    plan.conflicts.push({child: reissued, field: 'idNumber', oddIn: 'education', value: old, expected: reissued.id,
      description: 'the household register re-issued the ID number (重号更正); the school still has the old, valid-looking one'})
  }
  const atVillageSchool = (c: Child): boolean => c.school !== undefined && c.school.name.endsWith(`${c.family.place.villageName}小学`)
  const school = fromRoster('XC_FIELD_CONFLICT school', (c) => onEducation(c) && atVillageSchool(c))
  if (school) {
    const old = pop.schools.primary(school.family.place, 5).name
    plan.conflicts.push({child: school, field: 'school', oddIn: 'civil-affairs', value: old, expected: school.school?.name ?? '',
      description: 'the village roster names the town school; the student roster has the village school the child attends'})
  }
  const guardian = fromRoster('XC_FIELD_CONFLICT guardianName', (c) => onEducation(c) && c.family.guardian.type === '祖辈监护')
  if (guardian) {
    plan.conflicts.push({child: guardian, field: 'guardianName', oddIn: 'education', value: nameOf(guardian.family.father), expected: nameOf(guardian.family.guardian.person),
      description: 'the school lists the father (away for work) as guardian; the grandparent actually looks after the child'})
  }
  const mangled = fromRoster('education ID_EXCEL_MANGLED', (c) => onEducation(c) && mangledIdOk(c.id))
  if (mangled) plan.eduMangledId = mangled

  // Duplicates on the civil-affairs roster.
  plan.duplicates.otherVillage = fromRoster('duplicate in another village', (c) => otherVillageOf(pop, c) !== undefined && c.ps.status === '正常')
  const homophone = fromRoster('homophone duplicate', (c) => swapChar(c.given, HOMOPHONES) !== undefined && c.ps.status === '正常')
  if (homophone) plan.duplicates.homophone = {child: homophone, name: homophone.surname + (swapChar(homophone.given, HOMOPHONES) ?? '')}
  const lookalike = fromRoster('look-alike duplicate', (c) => swapChar(c.given, LOOKALIKES) !== undefined && c.ps.status === '正常')
  if (lookalike) plan.duplicates.lookalike = {child: lookalike, name: lookalike.surname + (swapChar(lookalike.given, LOOKALIKES) ?? '')}
  plan.duplicates.idTypo = fromRoster('ID typo duplicate', (c) => c.ps.status === '正常')

  return plan
}

/** An 18-digit ID that Excel would turn into 15 significant digits + 000 and that is then no valid ID. */
export function mangledIdOk(id: string): boolean {
  const zeroed = excelMangled(id)
  return /^\d{18}$/.test(id) && zeroed !== id && checkDigit(zeroed.slice(0, 17)) !== zeroed[17]
}

/** What a spreadsheet keeps of an 18-digit number: 15 significant digits, then zeros. */
export function excelMangled(id: string): string {
  return id.slice(0, 15) + '000'
}

/** Another village of the same town (the grandparents' village, where the child is listed again). */
export function otherVillageOf(pop: Population, c: Child): (typeof pop.area.places)[number] | undefined {
  const here = c.family.place
  return pop.area.places.find((p) => p.town.code === here.town.code && p.village.code !== here.village.code)
}
