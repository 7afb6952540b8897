import {type RegionLevel, type RegionNameMismatch, checkRegionNames, cleanRegionCode, lookupRegion} from '../cn/region.js'
import {detach} from '../strings.js'
import type {RowContext} from './context.js'

const NAME_LEVELS: RegionLevel[] = ['province', 'city', 'county', 'town', 'village']
const REGION_CODE = /^(\d{6}|\d{9}|\d{12})$/

// A roster repeats the same few hundred code-and-names combinations over thousands of rows;
// remembering each verdict makes the region check nearly free after its first sight.
const MAX_CACHE = 200_000
const verdicts = new Map<string, RegionNameMismatch[] | 'invalid'>()

function verdictFor(code: string, written: Partial<Record<RegionLevel, string>>, key: string): RegionNameMismatch[] | 'invalid' {
  let verdict = verdicts.get(key)
  if (verdict === undefined) {
    verdict = REGION_CODE.test(code) && lookupRegion(code) ? checkRegionNames(code, written).map((m) => ({...m, written: detach(m.written)})) : 'invalid'
    if (verdicts.size >= MAX_CACHE) verdicts.clear()
    verdicts.set(detach(key), verdict)
  }
  return verdict
}

/** REGION_CODE_INVALID for a code that does not exist; REGION_NAME_MISMATCH for names that disagree with it. */
export function checkRegion(ctx: RowContext): void {
  if (!ctx.has('regionCode')) return
  const raw = ctx.get('regionCode').trim()
  if (raw === '') return
  const code = cleanRegionCode(raw)
  const written: Partial<Record<RegionLevel, string>> = {}
  let key = code
  for (const level of NAME_LEVELS) {
    if (!ctx.has(level)) continue
    const name = ctx.get(level).trim()
    written[level] = name
    key += `|${name}`
  }
  const verdict = verdictFor(code, written, key)
  if (verdict === 'invalid') {
    ctx.emit({code: 'REGION_CODE_INVALID', field: 'regionCode', column: ctx.column('regionCode'), value: raw})
    return
  }
  for (const m of verdict) {
    ctx.emit({code: 'REGION_NAME_MISMATCH', field: m.level, column: ctx.column(m.level), value: m.written, expected: m.official})
  }
}
