// Three departments' lists of one simulated population, for the crosscheck benchmark: the civil
// affairs roster of left-behind children under 16 (GB18030, a title row above the header, typed
// by hand in the villages: the noisiest), the education roster of enrolled pupils aged 3–17
// (全国学籍号 = G + ID, school, grade; some rows without an ID but with the 学籍号) and the public
// security household register of every child (YYYYMMDD dates, 人员状态 with deaths and moves).
//
// Villages are visited in the official order and each gets its families, so every list comes out
// sorted by place as rosters are kept, and generation streams: nothing but the current chunk of
// lines is held. Noise: homophone, look-alike and traditional characters, ID typos and swaps,
// Excel damage, missing IDs, other date formats, lunar birthdays, children listed twice, twins,
// siblings sharing a generational character and the many same-name children of common names.
// Each list gets a `.truth` file beside it: the child number of every data row (Int32, LE).

import {createWriteStream, writeFileSync} from 'node:fs'
import {once} from 'node:events'
import path from 'node:path'
import iconv from 'iconv-lite'

import {mulberry32} from '../dist/src/sample/random.js'
import {SYNTHETIC_NAMES as N} from '../dist/src/sample/linkage-population.js'
import {checkDigit} from '../dist/src/cn/id-number.js'
import {solarToLunar} from '../dist/src/cn/lunar.js'
import {listChildren} from '../dist/src/cn/region.js'

export const CROSSCHECK_FILES = {
  'civil-affairs': 'civil-affairs.csv',
  education: 'education.csv',
  'public-security': 'public-security.csv',
}

const CIVIL_HEADER = ['序号', '姓名', '性别', '民族', '身份证号', '出生日期', '行政区划代码', '乡镇', '村（居）', '就学状况', '学校名称', '监护类型', '监护人姓名', '监护人身份证号', '与儿童关系', '监护人联系电话', '父亲姓名', '父亲状况', '母亲姓名', '母亲状况', '填报单位', '填报日期']
const EDU_HEADER = ['学生姓名', '性别', '出生日期', '身份证件类型', '身份证件号', '全国学籍号', '学校名称', '年级', '班级', '是否留守儿童', '监护人姓名', '监护人联系电话']
const PS_HEADER = ['姓名', '性别', '民族', '出生日期', '公民身份号码', '户号', '与户主关系', '户籍地址', '人员状态', '注销原因', '注销日期']
const GRADES = ['小班', '中班', '大班', '一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '七年级', '八年级', '九年级', '高一', '高二', '高三']
const ETHNICITIES = ['汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '土家族', '苗族', '侗族', '瑶族']
const AWAY_PLACES = ['广东省深圳市', '广东省东莞市', '广东省广州市', '浙江省杭州市', '湖南省长沙市', '上海市', '福建省厦门市']

const pad = (n, w) => String(n).padStart(w, '0')
const DAY = 86_400_000

/** One list's output: a CSV stream written in chunks, and the child number of each data row. */
class ListWriter {
  constructor(file, header, encoding, target, preamble) {
    this.file = file
    this.encoding = encoding
    this.target = target
    this.out = createWriteStream(file)
    this.lines = []
    this.truth = new Int32Array(target)
    this.rows = 0
    this.numbered = header[0] === '序号'
    if (encoding === 'utf8-bom') this.out.write('\ufeff')
    for (const line of [...(preamble ?? []), header.join(',')]) this.lines.push(line)
  }
  get full() {
    return this.rows >= this.target
  }
  add(child, cells) {
    if (this.full) return false
    this.truth[this.rows++] = child
    if (this.numbered) cells[0] = String(this.rows)
    if (this.full) this.filledAt = child
    this.lines.push(cells.join(','))
    return true
  }
  async flush(force = false) {
    if (this.lines.length < 20_000 && !force) return
    const text = this.lines.join('\r\n') + '\r\n'
    this.lines = []
    if (!this.out.write(this.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : text)) await once(this.out, 'drain')
  }
  async close() {
    await this.flush(true)
    this.out.end()
    await once(this.out, 'finish')
    writeFileSync(`${this.file}.truth`, new Uint8Array(this.truth.buffer, 0, this.rows * 4))
  }
}

/**
 * Writes the three lists into `dir` (civil, education, public security rows as given) and
 * returns what was planted. Deterministic from the seed.
 */
export async function generateCrosscheck(dir, {civil = 1_000_000, education = 1_500_000, publicSecurity = 2_000_000, seed = 2026, asOf = '2026-06-30'} = {}) {
  const rng = mulberry32(seed)
  const int = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1))
  const pick = (xs) => xs[Math.floor(rng() * xs.length)]
  const chance = (p) => rng() < p
  const surnameTotal = N.SURNAMES.reduce((s, [, w]) => s + w, 0)
  const surname = () => {
    let x = rng() * surnameTotal
    for (const [s, w] of N.SURNAMES) if ((x -= w) < 0) return s
    return '王'
  }
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`)
  const asOfYear = Number(asOf.slice(0, 4))

  const counties = listChildren('43')
    .flatMap((c) => listChildren(c.code))
    .filter((c) => c.code.length === 6)
  const places = []
  for (const c of counties) {
    for (const t of listChildren(c.code)) for (const v of listChildren(t.code)) places.push({county: c, town: t, village: v})
  }
  // The share of the population each list holds, tuned so that the three lists fill together.
  const share = {civil: civil / publicSecurity, education: education / publicSecurity}
  const leftBehindRate = Math.min(0.95, (share.civil / (16 / 18)) * 0.99)

  // ID numbers unique by construction: a counter per county and birth date for the sequence.
  const sequence = new Map()
  const makeId = (county, ymd, male) => {
    const key = `${county}${ymd}`
    const n = sequence.get(key) ?? int(0, 300)
    sequence.set(key, n + 1)
    const first17 = county + ymd + pad((n % 500) * 2 + (male ? 1 : 0), 3)
    return first17 + checkDigit(first17)
  }
  let phoneNo = 0
  const phone = () => pick(['138', '139', '150', '151', '177', '186', '187', '189']) + pad((++phoneNo * 7919 + 13) % 100_000_000, 8)
  const given = (male) => {
    const x = rng()
    if (x < 0.4) return pick(male ? N.POPULAR_BOY : N.POPULAR_GIRL)
    const chars = male ? N.BOY_CHARS : N.GIRL_CHARS
    return x < 0.88 ? pick(chars) + pick(chars) : pick(chars)
  }
  const ymdOf = (ms) => {
    const d = new Date(ms)
    return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]
  }

  // Noise on a name: one character replaced by a homophone or a look-alike, or traditional forms.
  const misspell = (sn, g, kind) => {
    const chars = [...g]
    if (kind === 'homophone') {
      const at = chars.findIndex((c) => N.HOMOPHONE_GROUPS.some((grp) => grp.includes(c)))
      if (at < 0) return sn + g
      const group = N.HOMOPHONE_GROUPS.find((grp) => grp.includes(chars[at]))
      chars[at] = pick(group.filter((c) => c !== chars[at]))
    } else if (kind === 'lookalike') {
      const at = chars.findIndex((c) => N.LOOKALIKE_PAIRS.some((p) => p.includes(c)))
      if (at < 0) return sn + g
      const pair = N.LOOKALIKE_PAIRS.find((p) => p.includes(chars[at]))
      chars[at] = pair[0] === chars[at] ? pair[1] : pair[0]
    } else if (kind === 'traditional') {
      return sn + chars.map((c) => N.TRADITIONAL[c] ?? c).join('')
    } else if (kind === 'space') {
      return `${sn} ${g}`
    }
    return sn + chars.join('')
  }
  const noisyName = (kid, rates) => {
    const x = rng()
    if (x < rates.homophone) return misspell(kid.surname, kid.given, 'homophone')
    if (x < rates.homophone + rates.lookalike) return misspell(kid.surname, kid.given, 'lookalike')
    if (x < rates.homophone + rates.lookalike + rates.traditional) return misspell(kid.surname, kid.given, 'traditional')
    if (x < rates.homophone + rates.lookalike + rates.traditional + rates.space) return misspell(kid.surname, kid.given, 'space')
    return kid.surname + kid.given
  }
  const typo = (id) => {
    const at = int(0, 16)
    let d = id[at]
    while (d === id[at]) d = String(int(0, 9))
    return id.slice(0, at) + d + id.slice(at + 1)
  }
  const swap = (id) => {
    for (let tries = 0; tries < 20; tries++) {
      const at = int(0, 15)
      if (id[at] !== id[at + 1]) return id.slice(0, at) + id[at + 1] + id[at] + id.slice(at + 2)
    }
    return id
  }
  const dateText = ([y, m, d], style) => {
    switch (style) {
      case 'cn':
        return `${y}年${m}月${d}日`
      case 'slash':
        return `${y}/${m}/${d}`
      case 'dot':
        return `${y}.${pad(m, 2)}.${pad(d, 2)}`
      case 'compact':
        return `${y}${pad(m, 2)}${pad(d, 2)}`
      default:
        return `${y}-${pad(m, 2)}-${pad(d, 2)}`
    }
  }

  const lists = {
    civil: new ListWriter(path.join(dir, CROSSCHECK_FILES['civil-affairs']), CIVIL_HEADER, 'gb18030', civil, [
      `湖南省农村留守儿童花名册（截至${asOf.slice(0, 4)}年${Number(asOf.slice(5, 7))}月${Number(asOf.slice(8, 10))}日）${','.repeat(CIVIL_HEADER.length - 1)}`,
    ]),
    education: new ListWriter(path.join(dir, CROSSCHECK_FILES.education), EDU_HEADER, 'utf8-bom', education),
    ps: new ListWriter(path.join(dir, CROSSCHECK_FILES['public-security']), PS_HEADER, 'utf8-bom', publicSecurity),
  }
  const planted = {children: 0, families: 0, twins: 0, leftBehind: 0, deceased: 0, movedOut: 0, unregistered: 0, notEnrolled: 0, civilTwice: 0, educationTwice: 0, nameNoise: 0, idNoise: 0}

  const civilRow = (kid, place, fam, unitPlace) => {
    const x = rng()
    let id = kid.id
    if (x < 0.02) id = ''
    else if (x < 0.028) id = typo(id)
    else if (x < 0.031) id = swap(id)
    else if (x < 0.034) id = `${id[0]}.${id.slice(1, 6)}E+17`
    else if (x < 0.036) id = `${id.slice(0, 15)}000`
    if (id !== kid.id) planted.idNoise++
    const name = noisyName(kid, {homophone: 0.025, lookalike: 0.006, traditional: 0.003, space: 0.004})
    if (name !== kid.surname + kid.given) planted.nameNoise++
    let birth = kid.birth
    if (chance(0.01)) {
      const l = solarToLunar(dateText(birth))
      if (l && l.day <= 28) birth = [l.year, l.month, l.day]
    }
    const style = rng()
    const born = chance(0.005) ? '' : dateText(birth, style < 0.55 ? 'iso' : style < 0.75 ? 'cn' : style < 0.9 ? 'slash' : style < 0.96 ? 'dot' : 'compact')
    const g = fam.guardian
    return [
      '',
      name,
      chance(0.005) ? '' : kid.male ? '男' : '女',
      kid.ethnicity,
      id,
      born,
      unitPlace.village.code,
      unitPlace.town.name,
      unitPlace.village.name.replace(/(村民|居民)委员会$/, '村'),
      kid.age < 3 ? '未入学' : kid.age < 6 ? '学前教育' : kid.age <= 11 ? '小学' : kid.age <= 14 ? '初中' : '高中',
      kid.age >= 3 ? kid.school : '',
      '祖辈监护',
      g.name,
      chance(0.03) ? '' : g.id,
      g.relation,
      g.phone,
      fam.father,
      fam.fatherStatus,
      fam.mother,
      fam.motherStatus,
      `${unitPlace.town.name}${unitPlace.village.name}`,
      `${asOfYear}-0${int(1, 6)}-${pad(int(1, 28), 2)}`,
    ]
  }
  const educationRow = (kid, fam, school) => {
    const x = rng()
    let id = kid.id
    let studentId = `G${kid.id}`
    if (x < 0.03) id = ''
    else if (x < 0.04) {
      id = ''
      studentId = `L${pad(int(0, 99_999_999), 8)}${pad(int(0, 9_999_999), 7)}`
    } else if (x < 0.045) id = typo(id)
    const style = rng()
    return [
      noisyName(kid, {homophone: 0.015, lookalike: 0.003, traditional: 0.001, space: 0.002}),
      kid.male ? '男' : '女',
      dateText(kid.birth, style < 0.7 ? 'iso' : style < 0.9 ? 'slash' : 'compact'),
      '居民身份证',
      id,
      studentId,
      school,
      GRADES[Math.min(GRADES.length - 1, kid.age - 3)],
      `${int(1, 6)}班`,
      fam.leftBehind && kid.age < 16 ? '是' : '否',
      fam.guardian.name,
      fam.guardian.phone,
    ]
  }
  const psRow = (kid, place, fam, status) => [
    noisyName(kid, {homophone: 0.002, lookalike: 0, traditional: 0, space: 0}),
    kid.male ? '男' : '女',
    kid.ethnicity,
    dateText(kid.birth, 'compact'),
    kid.id,
    fam.householdNo,
    fam.grandfatherHeads ? (kid.male ? '孙子' : '孙女') : kid.male ? '子' : '女',
    `${place.county.fullName}${place.town.name}${place.village.name.replace(/(村民|居民)委员会$/, '村')}${fam.group}组`,
    status,
    status === '死亡' ? '死亡注销' : status === '迁出' ? `迁往${pick(AWAY_PLACES)}` : '',
    status === '正常' ? '' : `${asOfYear - 1}${pad(int(1, 12), 2)}${pad(int(1, 28), 2)}`,
  ]

  let child = 0
  let household = 100_000_000
  // Birth dates from 18 years before the reference date to a month before it (ages 0–17).
  const firstBirth = asOfMs - 18 * 365.25 * DAY + 2 * DAY
  const lastBirth = asOfMs - 30 * DAY
  for (let round = 0; !(lists.civil.full && lists.education.full && lists.ps.full) && round < 4; round++) {
    for (let pi = 0; pi < places.length; pi++) {
      if (lists.civil.full && lists.education.full && lists.ps.full) break
      const place = places[pi]
      const families = int(22, 50)
      for (let f = 0; f < families; f++) {
        const sn = surname()
        const grandma = chance(0.55)
        const leftBehind = chance(leftBehindRate)
        // One family in twenty was registered in another county (the ID's region differs).
        const idCounty = chance(0.05) ? pick(counties).code : place.county.code
        const fam = {
          leftBehind,
          father: sn + pick(N.ADULT_MALE),
          mother: surname() + pick(N.ADULT_FEMALE),
          fatherStatus: leftBehind ? '外出务工' : pick(['在家', '在家', '外出务工']),
          motherStatus: leftBehind ? pick(['外出务工', '外出务工', '外出务工', '在家']) : '在家',
          guardian: {name: (grandma ? surname() : sn) + pick(grandma ? N.ELDER_FEMALE : N.ELDER_MALE), relation: grandma ? '祖母' : '祖父', id: '', phone: phone()},
          householdNo: String(++household),
          grandfatherHeads: chance(0.5),
          group: int(1, 12),
        }
        fam.guardian.id = makeId(idCounty, `${int(1950, 1972)}${pad(int(1, 12), 2)}${pad(int(1, 28), 2)}`, !grandma)
        planted.families++
        const count = pick([1, 1, 1, 2, 2, 2, 2, 3, 3, 4])
        const generation = count >= 2 && chance(0.3) ? pick(N.GEN_CHARS) : undefined
        const twins = count >= 2 && chance(0.05)
        let birthMs = firstBirth + rng() * (lastBirth - firstBirth)
        const givens = new Set()
        for (let c = 0; c < count; c++) {
          if (c > 0 && !(twins && c === 1)) birthMs += int(500, 2400) * DAY
          if (birthMs > lastBirth) break
          const male = chance(0.52)
          let g = ''
          for (let tries = 0; tries < 20 && (g === '' || givens.has(g)); tries++) g = generation ? generation + pick(male ? N.BOY_CHARS : N.GIRL_CHARS) : given(male)
          if (givens.has(g)) continue
          givens.add(g)
          if (twins && c === 1) planted.twins++
          const birth = ymdOf(birthMs)
          const age = asOfYear - birth[0] - (Date.UTC(asOfYear, birth[1] - 1, birth[2]) > asOfMs ? 1 : 0)
          const kid = {n: child++, surname: sn, given: g, male, birth, age, ethnicity: pick(ETHNICITIES)}
          kid.id = makeId(idCounty, `${birth[0]}${pad(birth[1], 2)}${pad(birth[2], 2)}`, male)
          kid.school = age < 6 ? `${place.town.name}中心幼儿园` : age <= 11 ? `${place.town.name}中心小学` : age <= 14 ? `${place.county.name}第${int(1, 3)}中学` : `${place.county.name}第一高级中学`
          planted.children++
          if (leftBehind && age < 16) planted.leftBehind++

          const r = rng()
          const status = r < 0.002 ? '死亡' : r < 0.01 ? '迁出' : '正常'
          const registered = !chance(0.003)
          const onPs = registered && lists.ps.add(kid.n, psRow(kid, place, fam, status))
          let onCivil = false
          if (leftBehind && age < 16 && chance(0.97) && lists.civil.add(kid.n, civilRow(kid, place, fam, place))) {
            onCivil = true
            // Listed twice: again by a neighbouring village, or the same village a second time.
            if (chance(0.005)) {
              const other = chance(0.5) && pi + 1 < places.length && places[pi + 1].town.code === place.town.code ? places[pi + 1] : place
              if (lists.civil.add(kid.n, civilRow(kid, place, fam, other))) planted.civilTwice++
            }
          }
          const enrolled = status === '死亡' ? false : age >= 6 ? chance(0.965) : age >= 3 ? chance(0.86) : false
          const onEducation = enrolled && lists.education.add(kid.n, educationRow(kid, fam, kid.school))
          if (onEducation && chance(0.002) && lists.education.add(kid.n, educationRow(kid, fam, `${place.county.name}实验学校`))) planted.educationTwice++
          // What the checks should find about the children of the civil list.
          if (onCivil) {
            if (!onPs) planted.unregistered++
            else if (status === '死亡') planted.deceased++
            else if (status === '迁出') planted.movedOut++
            if (!onEducation && age >= 6 && age <= 15 && status !== '死亡') planted.notEnrolled++
          }
        }
      }
      if ((pi & 63) === 0) await Promise.all([lists.civil.flush(), lists.education.flush(), lists.ps.flush()])
    }
  }
  await Promise.all([lists.civil.close(), lists.education.close(), lists.ps.close()])
  const result = {
    seed,
    asOf,
    rows: {'civil-affairs': lists.civil.rows, education: lists.education.rows, 'public-security': lists.ps.rows},
    // Data rows start after the header, and the civil list has a title row above it.
    firstRow: {'civil-affairs': 3, education: 2, 'public-security': 2},
    planted,
    filledAt: {'civil-affairs': lists.civil.filledAt, education: lists.education.filledAt, 'public-security': lists.ps.filledAt},
  }
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(result, null, 2) + '\n')
  return result
}
