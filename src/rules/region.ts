import {type RegionLevel, checkRegionNames, lookupRegion} from '../cn/region.js'
import type {RowContext} from './context.js'

const NAME_LEVELS: RegionLevel[] = ['province', 'city', 'county', 'town', 'village']

/** REGION_CODE_INVALID for a code that does not exist; REGION_NAME_MISMATCH for names that disagree with it. */
export function checkRegion(ctx: RowContext): void {
  if (!ctx.has('regionCode')) return
  const raw = ctx.get('regionCode').trim()
  if (raw === '') return
  const code = raw.normalize('NFKC').replace(/\s+/g, '')
  if (!/^(\d{6}|\d{9}|\d{12})$/.test(code) || !lookupRegion(code)) {
    ctx.emit({code: 'REGION_CODE_INVALID', field: 'regionCode', column: ctx.column('regionCode'), value: raw})
    return
  }
  const written: Partial<Record<RegionLevel, string>> = {}
  for (const level of NAME_LEVELS) if (ctx.has(level)) written[level] = ctx.get(level).trim()
  for (const m of checkRegionNames(code, written)) {
    ctx.emit({code: 'REGION_NAME_MISMATCH', field: m.level, column: ctx.column(m.level), value: m.written, expected: m.official})
  }
}
