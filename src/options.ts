import {readFileSync} from 'node:fs'

import {todayInShanghai} from './cn/dates.js'
import {UserError} from './errors.js'
import type {FailOn, Lang, MaskMode} from './findings/model.js'
import type {FindingStates} from './findings/states.js'
import {type ColumnOverrides, columnOverrides} from './schema/headers.js'

/** Options every command shares, as plain values: the library knows nothing of flags. */
export interface CommonOptions {
  asOf: string
  lang: Lang
  mask: MaskMode
  includeInfo: boolean
  failOn: FailOn
  encoding?: string
  sheet?: string
  columns?: ColumnOverrides
  /** What --exceptions and --baseline say of earlier findings (findings/states.ts). */
  states?: FindingStates
}

/** zh when the locale says Chinese (LC_ALL, LC_MESSAGES, LANG, then Intl), else en. */
export function detectLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale
  return /^zh/i.test(locale ?? '') ? 'zh' : 'en'
}

/**
 * The language of a run before its flags are parsed (errors in parsing them, --help): `--lang zh`
 * or `--lang=zh` in the arguments, else the locale.
 */
export function langOf(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--') break
    const value = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined
    if (value === 'zh' || value === 'en') return value
  }
  return detectLang(env)
}

export function parseAsOf(value: string | undefined): string {
  if (value === undefined) return todayInShanghai()
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined
  if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new UserError({en: `--as-of must be a real date written YYYY-MM-DD, not "${value}"`, zh: `--as-of 必须是写作 YYYY-MM-DD 的有效日期，而不是“${value}”`})
  }
  return value
}

/** Reads `--columns FILE`: JSON `{ "原表头": "canonicalField" }`. */
export function loadColumnOverrides(file: string): ColumnOverrides {
  let text: string
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  } catch (error) {
    throw new UserError({en: `cannot read the --columns file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, zh: `无法读取 --columns 文件（${(error as NodeJS.ErrnoException).code ?? 'error'}）`}, file)
  }
  let table: unknown
  try {
    table = JSON.parse(text)
  } catch (error) {
    throw new UserError({en: `is not valid JSON: ${(error as Error).message}`, zh: `不是有效的 JSON：${(error as Error).message}`}, file)
  }
  if (!table || typeof table !== 'object' || Array.isArray(table)) {
    throw new UserError({en: 'must hold one JSON object {"原表头": "canonicalField"}', zh: '应为一个 JSON 对象 {"原表头": "canonicalField"}'}, file)
  }
  try {
    return columnOverrides(table as Record<string, unknown>, file)
  } catch (error) {
    throw new UserError((error as Error).message.replace(`${file}: `, ''), file)
  }
}
