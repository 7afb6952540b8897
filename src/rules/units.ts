import {lookupRegion} from '../cn/region.js'
import type {RowUnits} from '../report/breakdown.js'
import type {RowContext} from './context.js'

const REGION_CODE = /^(\d{6}|\d{9}|\d{12})$/

/**
 * The reporting unit, county, town and village of a row: official names from a valid region code,
 * else the names the roster writes.
 */
export function rowUnits(ctx: RowContext): RowUnits {
  const units: RowUnits = {}
  const reporting = ctx.get('reportingUnit').trim()
  if (reporting) units.reportingUnit = reporting
  const code = ctx.get('regionCode').trim()
  const info = code && REGION_CODE.test(code) ? lookupRegion(code) : undefined
  units.county = info?.county ?? (ctx.get('county').trim() || undefined)
  units.town = info?.town ?? (ctx.get('town').trim() || undefined)
  units.village = info?.village ?? (ctx.get('village').trim() || undefined)
  return units
}
