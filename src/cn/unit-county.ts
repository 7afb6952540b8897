import {type RegionInfo, listChildren} from './region.js'

// The county of a reporting unit written as a name (`宁远县民政局`, `湖南省永州市宁远县舜陵镇人民政府`):
// the registry numbers a new child by county (SPEC, "Child number": the row's region code, else its
// reporting unit, else its ID). Only a current county whose full name the unit holds counts, and
// only when one county is left: a name found in several provinces (城区, 新华区, 长宁区 …) must be
// narrowed by the province or city the unit also names, or it gives nothing — a wrong county in a
// child number is worse than the next source.

interface CountyName {
  code: string
  name: string
  province: string
  city?: string
}

let counties: CountyName[] | undefined

function currentCounties(): CountyName[] {
  if (counties !== undefined) return counties
  const out: CountyName[] = []
  const add = (r: RegionInfo) => {
    if (r.level === 'county' && r.current && r.name.length >= 2) out.push({code: r.code, name: r.name, province: r.province ?? '', ...(r.city ? {city: r.city} : {})})
  }
  for (const province of listChildren('')) {
    for (const unit of listChildren(province.code)) {
      if (unit.level === 'county') add(unit)
      else if (unit.level === 'city') for (const county of listChildren(unit.code)) add(county)
    }
  }
  return (counties = out)
}

let provinces: string[] | undefined

function provinceNames(): string[] {
  return (provinces ??= listChildren('').map((p) => p.name).filter((name) => name.length >= 2))
}

const cache = new Map<string, string | null>()

/** The 6-digit code of the one current county a reporting unit's name holds, else undefined. */
export function countyCodeOfUnit(unit: string): string | undefined {
  const text = unit.normalize('NFKC').replace(/\s+/g, '')
  const cached = cache.get(text)
  if (cached !== undefined) return cached ?? undefined
  const code = lookup(text)
  if (cache.size >= 10_000) cache.clear()
  cache.set(text, code ?? null)
  return code
}

function lookup(text: string): string | undefined {
  if (text.length < 2) return undefined
  let found = currentCounties().filter((c) => text.includes(c.name))
  // A name inside another name found (和县 in 平和县) is not a county of its own here.
  found = found.filter((c) => !found.some((o) => o.name !== c.name && o.name.includes(c.name)))
  // A unit that names its province is taken at its word: a county of another province is not it.
  const provinces = new Set(provinceNames().filter((p) => text.includes(p)))
  if (provinces.size > 0) found = found.filter((c) => provinces.has(c.province))
  if (found.length > 1) {
    const placed = found.filter((c) => c.city !== undefined && c.city !== c.province && text.includes(c.city))
    if (placed.length > 0) found = placed
  }
  const codes = new Set(found.map((c) => c.code))
  return codes.size === 1 ? found[0]!.code : undefined
}
