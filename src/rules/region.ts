import {lookupRegion, regionNameMatches} from '../cn/region.js'
import type {RowContext} from './context.js'

const NAME_LEVELS = ['province', 'city', 'county', 'town', 'village'] as const

/** REGION_CODE_INVALID for a code that does not exist; REGION_NAME_MISMATCH for names that disagree with it. */
export function checkRegion(ctx: RowContext): void {
  if (!ctx.has('regionCode')) return
  const raw = ctx.get('regionCode').trim()
  if (raw === '') return
  const code = raw.normalize('NFKC').replace(/\s+/g, '')
  const info = /^(\d{6}|\d{9}|\d{12})$/.test(code) ? lookupRegion(code) : undefined
  if (!info) {
    ctx.emit({code: 'REGION_CODE_INVALID', field: 'regionCode', column: ctx.column('regionCode'), value: raw})
    return
  }
  for (const level of NAME_LEVELS) {
    if (!ctx.has(level)) continue
    const written = ctx.get(level).trim()
    const official = info[level]
    if (!written || !official) continue
    if (!regionNameMatches(level, written, official)) {
      ctx.emit({code: 'REGION_NAME_MISMATCH', field: level, column: ctx.column(level), value: written, expected: official})
    }
  }
}
