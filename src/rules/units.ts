import {lookupRegion} from '../cn/region.js'
import type {RowUnits} from '../findings/breakdown.js'
import {detach} from '../strings.js'
import type {RowContext} from './context.js'

const REGION_CODE = /^(\d{6}|\d{9}|\d{12})$/

/**
 * The reporting unit, county, town and village of a row: official names from a valid region code,
 * else the names the roster writes.
 */
export function rowUnits(ctx: RowContext): RowUnits {
  const reporting = ctx.get('reportingUnit')
  const code = ctx.get('regionCode')
  const key = `${code}\u0000${reporting}\u0000${ctx.get('county')}\u0000${ctx.get('town')}\u0000${ctx.get('village')}`
  // Rows of one village share one object, which lets the breakdown find its units by identity.
  let units = cache.get(key)
  if (!units) {
    units = {}
    if (reporting.trim()) units.reportingUnit = detach(reporting.trim())
    const trimmed = code.trim()
    const info = trimmed && REGION_CODE.test(trimmed) ? lookupRegion(trimmed) : undefined
    const county = info?.county ?? ctx.get('county').trim()
    const town = info?.town ?? ctx.get('town').trim()
    const village = info?.village ?? ctx.get('village').trim()
    if (county) units.county = detach(county)
    if (town) units.town = detach(town)
    if (village) units.village = detach(village)
    if (cache.size >= MAX_CACHE) cache.clear()
    cache.set(detach(key), units)
  }
  return units
}

const MAX_CACHE = 100_000
const cache = new Map<string, RowUnits>()
