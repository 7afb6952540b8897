import {cleanRegionCode, lookupRegion} from '../cn/region.js'
import type {RowUnits} from './breakdown.js'
import {detach} from '../strings.js'

const REGION_CODE = /^(\d{6}|\d{9}|\d{12})$/
const MAX_CACHE = 100_000
const cache = new Map<string, RowUnits>()

export interface UnitCells {
  reportingUnit?: string
  regionCode?: string
  county?: string
  town?: string
  village?: string
  /** The child's ID number: its county when nothing else names one. */
  idNumber?: string
}

/**
 * The reporting unit, county, town and village of a row: official names from a valid region code,
 * else the names the roster writes, else (when `idNumber` is given) the county of the child's ID.
 * One reading for every command: validate's breakdown, risk's visit order, diff, the packets. Rows of one village share
 * one object (the breakdown finds units by identity).
 */
export function unitsOf(c: UnitCells): RowUnits {
  const code = cleanRegionCode(c.regionCode ?? '')
  const idCounty = /^\d{6}/.exec((c.idNumber ?? '').normalize('NFKC').trim())?.[0] ?? ''
  const key = [c.reportingUnit ?? '', code, c.county ?? '', c.town ?? '', c.village ?? '', idCounty].join('\u0000')
  let units = cache.get(key)
  if (units) return units
  units = {}
  const reporting = (c.reportingUnit ?? '').trim()
  if (reporting) units.reportingUnit = detach(reporting)
  const info = code && REGION_CODE.test(code) ? lookupRegion(code) : undefined
  let county = info?.county ?? (c.county ?? '').trim()
  const town = info?.town ?? (c.town ?? '').trim()
  const village = info?.village ?? (c.village ?? '').trim()
  if (!county && idCounty && (town || village || !info)) county = lookupRegion(idCounty)?.county ?? ''
  if (county) units.county = detach(county)
  if (town) units.town = detach(town)
  if (village) units.village = detach(village)
  if (cache.size >= MAX_CACHE) cache.clear()
  cache.set(detach(key), units)
  return units
}
