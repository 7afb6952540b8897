import {describe, expect, it} from 'vitest'
import {
  checkIdRegion,
  checkRegionNames,
  cleanRegionCode,
  countyCodeHistory,
  countyCodeRecords,
  listChildren,
  lookupRegion,
  regionDataDir,
  regionNameMatches,
  unpadRegionCode,
} from '../../../src/cn/region.js'

// First: the lazy loads, timed (printed, not asserted: machines differ).
describe('lazy loading', () => {
  it('loads the history and each province on first use', () => {
    const t0 = performance.now()
    expect(countyCodeHistory('430102')?.name).toBe('芙蓉区')
    const t1 = performance.now()
    expect(checkIdRegion('430102', 2010)).toEqual({verdict: 'ok'})
    const t2 = performance.now()
    expect(lookupRegion('430112103216')?.name).toBe('静慎村')
    const t3 = performance.now()
    expect(lookupRegion('430112103202')?.name).toBe('西湖寺村委会')
    const t4 = performance.now()
    expect(lookupRegion('370102001002')?.name).toBe('解放桥社区居民委员会')
    const t5 = performance.now()
    const ms = (a: number, b: number): string => (b - a).toFixed(1)
    console.log(
      `region tables (${regionDataDir()}): history ${ms(t0, t1)} ms; divisions ${ms(t1, t2)} ms; ` +
        `Hunan towns+villages ${ms(t2, t3)} ms; cached village lookup ${(t4 - t3).toFixed(3)} ms; Shandong (largest) ${ms(t4, t5)} ms`,
    )
  })
})

describe('countyCodeHistory', () => {
  it('knows current codes', () => {
    const info = countyCodeHistory('430102')
    expect(info).toMatchObject({code: '430102', name: '芙蓉区', province: '湖南省', prefecture: '长沙市', level: 'county', status: 'active'})
    expect(info?.lastYear).toBeUndefined()
    expect(info?.successors).toEqual([])
  })

  it('knows abolished codes and their successors', () => {
    expect(countyCodeHistory('110103')).toMatchObject({
      name: '崇文区',
      province: '北京市',
      status: 'abolished',
      firstYear: 1981,
      lastYear: 2010,
      successors: ['110101'],
    })
    expect(countyCodeHistory('110103')?.prefecture).toBeUndefined() // 直辖
  })

  it('prefers the record in use when a code was reused', () => {
    // 120110 was 东郊区 until 1992, then 东丽区
    expect(countyCodeRecords('120110').map((r) => r.name).sort()).toEqual(['东丽区', '东郊区'])
    expect(countyCodeHistory('120110')?.name).toBe('东丽区')
  })

  it('returns undefined for a code that never existed', () => {
    expect(countyCodeHistory('999999')).toBeUndefined()
  })
})

describe('checkIdRegion', () => {
  it('accepts current codes whatever the birth year', () => {
    expect(checkIdRegion('430102', 1970)).toEqual({verdict: 'ok'})
    expect(checkIdRegion('430102', 2020)).toEqual({verdict: 'ok'})
    expect(checkIdRegion('110101', 2015)).toEqual({verdict: 'ok'})
  })

  it('flags a code abolished before the birth year, naming the successor', () => {
    const v = checkIdRegion('110103', 2012)
    expect(v.verdict).toBe('anachronism')
    if (v.verdict === 'anachronism') {
      expect(v.info.name).toBe('崇文区')
      expect(v.info.successors).toEqual(['110101'])
    }
  })

  it('accepts a code abolished after (or in) the birth year', () => {
    expect(checkIdRegion('110103', 2005)).toEqual({verdict: 'ok'})
    expect(checkIdRegion('110103', 2010)).toEqual({verdict: 'ok'}) // abolished mid-2010: a 2010 birth may have it
  })

  it('accepts a code created after the birth year (numbers are issued at registration)', () => {
    // 430112 望城区 (was 望城县 430122 until 2011)
    expect(countyCodeHistory('430112')?.firstYear).toBeGreaterThan(2005)
    expect(checkIdRegion('430112', 2005)).toEqual({verdict: 'ok'})
    expect(checkIdRegion('430122', 2005)).toEqual({verdict: 'ok'})
    expect(checkIdRegion('430122', 2015).verdict).toBe('anachronism')
  })

  it('does not know codes that never existed', () => {
    expect(checkIdRegion('999999', 2010)).toEqual({verdict: 'unknown'})
    expect(checkIdRegion('430199', 2010)).toEqual({verdict: 'unknown'})
    expect(checkIdRegion('43010', 2010)).toEqual({verdict: 'unknown'})
    expect(checkIdRegion('abcdef', 2010)).toEqual({verdict: 'unknown'})
  })
})

describe('lookupRegion', () => {
  it('finds counties, prefectures and provinces (6 digits)', () => {
    expect(lookupRegion('430102')).toMatchObject({
      level: 'county',
      name: '芙蓉区',
      fullName: '湖南省长沙市芙蓉区',
      province: '湖南省',
      city: '长沙市',
      county: '芙蓉区',
      current: true,
    })
    expect(lookupRegion('430100')).toMatchObject({level: 'city', name: '长沙市', fullName: '湖南省长沙市'})
    expect(lookupRegion('430000')).toMatchObject({level: 'province', name: '湖南省', fullName: '湖南省'})
    expect(lookupRegion('433100')?.name).toBe('湘西土家族苗族自治州')
  })

  it('names municipalities and counties directly under a province without pseudo-levels', () => {
    expect(lookupRegion('110101')?.fullName).toBe('北京市东城区')
    expect(lookupRegion('500101')?.fullName).toBe('重庆市万州区')
    expect(lookupRegion('419001')?.fullName).toBe('河南省济源市')
  })

  it('finds former codes, marked as not current', () => {
    const info = lookupRegion('110103')
    expect(info).toMatchObject({level: 'county', name: '崇文区', fullName: '北京市崇文区', current: false})
    expect(info?.history?.successors).toEqual(['110101'])
  })

  it('finds towns (9 digits) and villages (12 digits)', () => {
    expect(lookupRegion('430112103')).toMatchObject({
      level: 'town',
      name: '茶亭镇',
      fullName: '湖南省长沙市望城区茶亭镇',
      county: '望城区',
      town: '茶亭镇',
      townCode: '430112103',
    })
    expect(lookupRegion('430112103216')).toMatchObject({
      level: 'village',
      name: '静慎村',
      fullName: '湖南省长沙市望城区茶亭镇静慎村',
      town: '茶亭镇',
      village: '静慎村',
    })
    expect(lookupRegion('430102001001')).toMatchObject({name: '识字里社区居委会', fullName: '湖南省长沙市芙蓉区文艺路街道识字里社区居委会'})
    expect(lookupRegion('430225209201')).toMatchObject({town: '中村瑶族乡', village: '中村村委会'})
    expect(lookupRegion('110105027200')?.name).toBe('小红门村民委员会')
  })

  it('accepts NBS zero padding and surrounding spaces', () => {
    expect(lookupRegion('430102000000')?.level).toBe('county')
    expect(lookupRegion('430112103000')?.level).toBe('town')
    expect(lookupRegion(' 430112103216 ')?.level).toBe('village')
    expect(unpadRegionCode('430000000000')).toBe('430000')
  })

  it('rejects codes that do not exist', () => {
    expect(lookupRegion('999999')).toBeUndefined()
    expect(lookupRegion('430112999')).toBeUndefined()
    expect(lookupRegion('430112103999')).toBeUndefined()
    expect(lookupRegion('990000000001')).toBeUndefined()
    expect(lookupRegion('4301')).toBeUndefined()
    expect(lookupRegion('43011210321x')).toBeUndefined()
    expect(lookupRegion('')).toBeUndefined()
  })
})

describe('listChildren', () => {
  it('lists the prefectures of Hunan and the counties of Changsha', () => {
    const cities = listChildren('430000')
    expect(cities).toHaveLength(14)
    expect(cities.map((c) => c.name)).toContain('湘西土家族苗族自治州')
    expect(listChildren('43').length).toBe(14)
    expect(listChildren('430100').map((c) => c.code)).toEqual([
      '430102', '430103', '430104', '430105', '430111', '430112', '430121', '430181', '430182',
    ])
  })

  it('lists towns of a county and villages of a town', () => {
    const towns = listChildren('430112')
    expect(towns.every((t) => t.level === 'town' && t.code.startsWith('430112'))).toBe(true)
    expect(towns.map((t) => t.name)).toContain('茶亭镇')
    const villages = listChildren('430112103')
    expect(villages.length).toBeGreaterThan(5)
    expect(villages.map((v) => v.name)).toContain('静慎村')
    expect(villages.every((v) => v.level === 'village' && v.fullName.startsWith('湖南省长沙市望城区茶亭镇'))).toBe(true)
    expect(listChildren('430112103216')).toEqual([])
  })

  it('lists the provinces, municipalities counties, and the towns of a prefecture without counties', () => {
    expect(listChildren('')).toHaveLength(31)
    expect(listChildren('110000').map((c) => c.name)).toContain('东城区')
    expect(listChildren('441900').every((t) => t.level === 'town')).toBe(true)
  })
})

describe('regionNameMatches', () => {
  it('matches villages with or without the committee suffix', () => {
    expect(regionNameMatches('village', '汇龙村', '汇龙村民委员会')).toBe(true)
    expect(regionNameMatches('village', '汇龙', '汇龙村民委员会')).toBe(true)
    expect(regionNameMatches('village', '汇龙村委会', '汇龙村民委员会')).toBe(true)
    expect(regionNameMatches('village', '汇龙村民委员会', '汇龙村')).toBe(true)
    expect(regionNameMatches('village', '西湖寺村', '西湖寺村委会')).toBe(true)
    expect(regionNameMatches('village', '牌坊村', '牌坊村村民委员会')).toBe(true)
    expect(regionNameMatches('village', '牌坊', '牌坊村村民委员会')).toBe(true)
    expect(regionNameMatches('village', '椒花新村村委会', '椒花新村')).toBe(true)
    expect(regionNameMatches('village', '识字里社区', '识字里社区居委会')).toBe(true)
    expect(regionNameMatches('village', '识字里', '识字里社区居委会')).toBe(true)
    expect(regionNameMatches('village', '月河社区', '月河社区居民委员会')).toBe(true)
    expect(regionNameMatches('village', '新市社区', '新市居委会')).toBe(true)
    expect(regionNameMatches('village', '卜尔汉图', '卜尔汉图嘎查')).toBe(true)
    expect(regionNameMatches('village', ' 汇龙村 ', '汇龙村民委员会')).toBe(true)
  })

  it('does not match a village with a community of the same stem, or another village', () => {
    expect(regionNameMatches('village', '汇龙社区', '汇龙村民委员会')).toBe(false)
    expect(regionNameMatches('village', '汇丰村', '汇龙村民委员会')).toBe(false)
    expect(regionNameMatches('village', '', '汇龙村民委员会')).toBe(false)
  })

  it('matches towns with or without suffix; 乡 and 镇 are one class, 街道 another', () => {
    expect(regionNameMatches('town', '城关街道', '城关街道办事处')).toBe(true)
    expect(regionNameMatches('town', '城关', '城关街道办事处')).toBe(true)
    expect(regionNameMatches('town', '茶亭', '茶亭镇')).toBe(true)
    expect(regionNameMatches('town', '茶亭乡', '茶亭镇')).toBe(true) // 撤乡建镇
    expect(regionNameMatches('town', '中村乡', '中村瑶族乡')).toBe(true)
    expect(regionNameMatches('town', '中村', '中村瑶族乡')).toBe(true)
    expect(regionNameMatches('town', '茶亭街道', '茶亭镇')).toBe(false)
    expect(regionNameMatches('town', '白箬铺镇', '茶亭镇')).toBe(false)
  })

  it('matches provinces, prefectures and counties with or without suffix', () => {
    expect(regionNameMatches('province', '湖南', '湖南省')).toBe(true)
    expect(regionNameMatches('province', '北京', '北京市')).toBe(true)
    expect(regionNameMatches('province', '广西', '广西壮族自治区')).toBe(true)
    expect(regionNameMatches('province', '广西自治区', '广西壮族自治区')).toBe(true)
    expect(regionNameMatches('province', '新疆', '新疆维吾尔自治区')).toBe(true)
    expect(regionNameMatches('province', '内蒙古', '内蒙古自治区')).toBe(true)
    expect(regionNameMatches('province', '湖北', '湖南省')).toBe(false)
    expect(regionNameMatches('city', '长沙', '长沙市')).toBe(true)
    expect(regionNameMatches('city', '湘西州', '湘西土家族苗族自治州')).toBe(true)
    expect(regionNameMatches('city', '湘西', '湘西土家族苗族自治州')).toBe(true)
    expect(regionNameMatches('city', '市辖区', '北京市')).toBe(true)
    expect(regionNameMatches('city', '市辖区', '长沙市')).toBe(false)
    expect(regionNameMatches('county', '芙蓉', '芙蓉区')).toBe(true)
    expect(regionNameMatches('county', '麻阳县', '麻阳苗族自治县')).toBe(true)
    expect(regionNameMatches('county', '麻阳', '麻阳苗族自治县')).toBe(true)
    expect(regionNameMatches('county', '长沙市', '长沙县')).toBe(false)
    expect(regionNameMatches('county', '浏阳县', '浏阳市')).toBe(false)
    expect(regionNameMatches('county', '沙县', '沙县区')).toBe(true)
  })

  it('refuses a bare name that two units of the province share, when the code is given', () => {
    // in Hunan, 长沙 is 长沙市 and 长沙县
    expect(regionNameMatches('county', '长沙', '长沙县')).toBe(true)
    expect(regionNameMatches('county', '长沙', '长沙县', '430121')).toBe(false)
    expect(regionNameMatches('county', '长沙县', '长沙县', '430121')).toBe(true)
    expect(regionNameMatches('county', '芙蓉', '芙蓉区', '430102')).toBe(true)
    expect(regionNameMatches('city', '长沙', '长沙市', '430100')).toBe(false)
    expect(regionNameMatches('city', '株洲', '株洲市', '430200')).toBe(true)
  })
})

describe('checkRegionNames', () => {
  it('lists the levels whose written names disagree with the code', () => {
    expect(
      checkRegionNames('430112103216', {province: '湖南', city: '长沙市', county: '望城区', town: '茶亭', village: '静慎村委会'}),
    ).toEqual([])
    expect(checkRegionNames('430112103216', {county: '宁乡市', town: '茶亭镇', village: '静慎'})).toEqual([
      {level: 'county', written: '宁乡市', official: '望城区'},
    ])
    expect(checkRegionNames('999999', {county: '宁乡市'})).toEqual([])
  })
})

describe('cleanRegionCode', () => {
  it.each([
    ['430121001001', '430121001001'],
    ['４３０１２１', '430121'],
    ['430121 001 001', '430121001001'],
    ["'430121001001", '430121001001'],
    ['＇430121', '430121'],
  ])('%s → %s', (raw, code) => {
    expect(cleanRegionCode(raw)).toBe(code)
  })

  it('drops only a leading apostrophe: one inside the code stays, so the code stays invalid', () => {
    expect(cleanRegionCode("430'121")).toBe("430'121")
  })
})
