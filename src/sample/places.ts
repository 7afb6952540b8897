// Where the synthetic families live: two real counties of one Hunan prefecture, a few towns each
// and a few villages per town, from the region tables (NBS 统计用区划代码). Also the places the
// parents work (外出务工地) and the schools.

import {type RegionInfo, checkIdRegion, listChildren, lookupRegion, regionNameMatches} from '../cn/region.js'
import type {Random} from './random.js'

/** Pairs of rural counties with much labour migration, with the ethnic mix of their children. */
interface CountyPair {
  codes: [string, string]
  /** 民族 weights; the rest is 汉族. */
  minorities: [string, number][]
  /** A former county code of the prefecture (abolished before some children were born). */
  formerCodes: string[]
}

const COUNTY_PAIRS: CountyPair[] = [
  // 邵阳市 隆回县 + 洞口县 (隆回 has the 虎形山瑶族乡)
  {codes: ['430524', '430525'], minorities: [['瑶族', 0.04], ['苗族', 0.03]], formerCodes: ['430521', '430124']},
  // 怀化市 溆浦县 + 辰溪县
  {codes: ['431224', '431223'], minorities: [['苗族', 0.06], ['瑶族', 0.04], ['侗族', 0.03], ['土家族', 0.02]], formerCodes: ['430124', '430122']},
  // 湘西土家族苗族自治州 泸溪县 + 凤凰县
  {codes: ['433122', '433123'], minorities: [['苗族', 0.45], ['土家族', 0.2]], formerCodes: ['430124', '430122']},
]

export interface Place {
  county: RegionInfo
  town: RegionInfo
  village: RegionInfo
  /** As a village officer writes them in the 乡镇 and 村（居） columns (汇龙村 for 汇龙村村民委员会). */
  townName: string
  villageName: string
  /** 填报单位 reporting unit: the village committee. */
  reportingUnit: string
  /** Villages with their own 村小 (primary school, grades 1–4). */
  hasVillageSchool: boolean
}

export interface Area {
  city: RegionInfo
  counties: RegionInfo[]
  places: Place[]
  minorities: [string, number][]
  /** Current county codes of the same prefecture, outside the area (mothers married in from there). */
  neighbourCounties: string[]
  formerCodes: string[]
}

function isRuralTown(t: RegionInfo): boolean {
  return /[镇乡]$/.test(t.name)
}

function isVillage(v: RegionInfo): boolean {
  return /村(村民委员会|民委员会|村委会|委会)?$/.test(v.name) && !/(社区|居委会|居民委员会)/.test(v.name)
}

/** 龙泉村村委会 → 龙泉村, 丰云村 → 丰云村, 汇龙村民委员会 → 汇龙村; checked against the official name. */
export function shortVillageName(v: RegionInfo): string {
  const candidates = [
    v.name.replace(/村村民委员会$|村村委会$/, '村'),
    v.name.replace(/村民委员会$|村委会$/, '村'),
    v.name,
  ]
  for (const c of candidates) if (c !== '' && regionNameMatches('village', c, v.name, v.code)) return c
  return v.name
}

export function pickArea(rng: Random, children: number): Area {
  const pair = rng.pick(COUNTY_PAIRS)
  const counties = pair.codes.map((c) => lookupRegion(c)).filter((c): c is RegionInfo => c !== undefined)
  if (counties.length !== 2) throw new Error(`region tables lack the sample counties ${pair.codes.join(', ')}`)
  const cityCode = pair.codes[0].slice(0, 4)
  const city = lookupRegion(`${cityCode}00`)
  if (!city) throw new Error(`region tables lack prefecture ${cityCode}00`)

  // About 17 children per village, as in a real rural village roster of left-behind children.
  const villagesWanted = Math.max(6, Math.ceil(children / 17))
  const perCounty = Math.ceil(villagesWanted / counties.length)
  const places: Place[] = []
  for (const county of counties) {
    const towns = listChildren(county.code).filter(isRuralTown)
    const townCount = Math.min(towns.length, Math.max(3, Math.ceil(perCounty / 4)))
    const chosenTowns = rng.sample(towns, townCount).sort((a, b) => a.code.localeCompare(b.code))
    const perTown = Math.ceil(perCounty / chosenTowns.length)
    for (const town of chosenTowns) {
      const villages = listChildren(town.code).filter(isVillage)
      const chosen = rng.sample(villages, Math.min(villages.length, Math.max(2, perTown))).sort((a, b) => a.code.localeCompare(b.code))
      for (const village of chosen) {
        const villageName = shortVillageName(village)
        places.push({
          county,
          town,
          village,
          townName: town.name,
          villageName,
          reportingUnit: `${town.name}${villageName}${villageName.endsWith('村') ? '村民委员会' : '居民委员会'}`,
          hasVillageSchool: rng.chance(0.5),
        })
      }
    }
  }
  const neighbourCounties = listChildren(cityCode)
    .filter((c) => c.level === 'county' && !pair.codes.includes(c.code) && !c.name.endsWith('区'))
    .map((c) => c.code)
  return {city, counties, places, minorities: pair.minorities, neighbourCounties, formerCodes: pair.formerCodes}
}

/** A former county code whose every use ended before `birthYear` (for ID_REGION_ANACHRONISM). */
export function formerCodeBefore(area: Area, birthYear: number): string | undefined {
  return area.formerCodes.find((c) => checkIdRegion(c, birthYear).verdict === 'anachronism')
}

// 外出务工地: where Hunan's migrant parents work, weighted (the Pearl River Delta first).
export const WORKPLACES: [string, number][] = [
  ['广东省东莞市', 12], ['广东省深圳市', 10], ['广东省广州市', 9], ['广东省佛山市', 7], ['广东省中山市', 4], ['广东省惠州市', 3],
  ['浙江省义乌市', 6], ['浙江省宁波市', 4], ['浙江省温州市', 3], ['浙江省杭州市', 3], ['福建省厦门市', 3], ['福建省泉州市', 3],
  ['江苏省苏州市', 4], ['上海市', 3], ['湖南省长沙市', 6], ['北京市', 2], ['海南省海口市', 1], ['重庆市', 1],
]

export type Stage = '幼儿园' | '小学' | '初中' | '高中' | '中职'

export interface School {
  name: string
  /** 学校标识码: 10 digits. */
  code: string
  stage: Stage
  classes: number
}

/** The schools of the area, made on first use so that the codes are stable for a seed. */
export class Schools {
  private readonly byKey = new Map<string, School>()
  private readonly codes = new Set<string>()

  constructor(private readonly rng: Random) {}

  private make(key: string, name: string, stage: Stage, classes: number): School {
    let school = this.byKey.get(key)
    if (!school) {
      let code: string
      do code = `21${String(this.rng.int(10_000_000, 99_999_999))}`
      while (this.codes.has(code))
      this.codes.add(code)
      school = {name, code, stage, classes}
      this.byKey.set(key, school)
    }
    return school
  }

  kindergarten(p: Place): School {
    return this.make(`k${p.town.code}`, `${p.county.name}${p.town.name}中心幼儿园`, '幼儿园', 3)
  }

  primary(p: Place, grade: number): School {
    if (p.hasVillageSchool && grade <= 4) return this.make(`v${p.village.code}`, `${p.county.name}${p.town.name}${p.villageName}小学`, '小学', 1)
    return this.make(`p${p.town.code}`, `${p.county.name}${p.town.name}中心小学`, '小学', 3)
  }

  middle(p: Place): School {
    return this.make(`m${p.town.code}`, `${p.county.name}${p.town.name}中学`, '初中', 4)
  }

  high(p: Place, vocational: boolean): School {
    if (vocational) return this.make(`z${p.county.code}`, `${p.county.name}职业中专学校`, '中职', 6)
    return this.make(`h${p.county.code}`, `${p.county.name}第一中学`, '高中', 12)
  }
}
