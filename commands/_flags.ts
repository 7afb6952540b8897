import {Flags} from '@oclif/core'

import {UserError} from '../src/errors.js'
import type {OutputEncoding} from '../src/io/write-table.js'
import {DEFAULT_MATCH, DEFAULT_POSSIBLE} from '../src/link/link.js'
import {parseAsOf} from '../src/options.js'
import {LIST_KINDS, type ListKind} from '../src/schema/dataset-args.js'

// Every flag that more than one command takes is declared here once, with the one parser that
// turns its text into a value: the same bounds and the same message whichever command reads it.

export const OUTPUT_ENCODINGS = ['utf8-bom', 'utf8', 'gb18030'] as const

export const sharedFlags = {
  match: Flags.string({description: `match probability from which two rows are the same child, above 0 and at most 1 (default ${DEFAULT_MATCH})`}),
  possible: Flags.string({description: `probability from which two rows are shown for review (possible), above 0 and at most --match (default ${DEFAULT_POSSIBLE})`}),
  ageLimit: (options: {default?: '16' | '18'; description?: string} = {}) =>
    Flags.string({
      description: options.description ?? 'age from which a child is out of range: 16 (left-behind children) or 18 (children in difficulty)',
      options: ['16', '18'],
      ...(options.default ? {default: options.default} : {}),
    }),
  outputEncoding: Flags.string({description: 'encoding of CSV/TSV outputs', options: [...OUTPUT_ENCODINGS], default: 'utf8-bom'}),
  inPlace: Flags.boolean({description: 'allow --output to be the input file (replaced atomically)'}),
  report: Flags.string({description: 'write the report to this file instead of stdout; its extension picks the format (.json .csv .xlsx .html .xml, any other: json)'}),
  kind: Flags.string({
    description: 'what the list is, which decides its rules: left-behind (AGE_OUT_OF_RANGE, NOT_LEFT_BEHIND apply), student, household, other (default: from the department: civil-affairs → left-behind, education → student, public-security → household, other departments → other; a FILE without one → left-behind)',
    options: [...LIST_KINDS],
  }),
  packets: Flags.string({description: 'also write one workbook per recipient to this new or empty folder, for them to check and answer (see docs/packets.md)'}),
  packetsBy: Flags.string({description: 'who gets a packet: unit (the row\'s 填报单位, else its village), town, village or department', options: ['unit', 'town', 'village', 'department'], default: 'unit'}),
  deadline: Flags.string({description: 'the date by which packets are to be answered, YYYY-MM-DD (on their cover sheet)'}),
}

export function parseKind(value: string | undefined): ListKind | undefined {
  return value === undefined ? undefined : (value as ListKind)
}

/** The packet flags of the commands that take them (validate, crosscheck, risk, registry status). */
export const packetFlags = {packets: sharedFlags.packets, 'packets-by': sharedFlags.packetsBy, deadline: sharedFlags.deadline}

function probability(name: string, value: string): number {
  const n = Number(value)
  if (!(value.trim() !== '' && Number.isFinite(n) && n > 0 && n <= 1)) throw new UserError({en: `--${name} must be a probability above 0 and at most 1, not "${value}"`, zh: `--${name} 必须是大于 0、不超过 1 的概率，而不是“${value}”`})
  return n
}

/**
 * --match and --possible as numbers (absent ones left out), --possible never above --match (an
 * absent one taken from `defaults`: the built-in thresholds, or a configuration file's).
 */
export function parseThresholds(
  flags: {match?: string; possible?: string},
  defaults: {match?: number; possible?: number} = {},
): {match?: number; possible?: number} {
  const out: {match?: number; possible?: number} = {}
  if (flags.match !== undefined) out.match = probability('match', flags.match)
  if (flags.possible !== undefined) out.possible = probability('possible', flags.possible)
  if ((out.match ?? defaults.match ?? DEFAULT_MATCH) < (out.possible ?? defaults.possible ?? DEFAULT_POSSIBLE)) throw new UserError({en: '--possible must not be above --match', zh: '--possible 不能高于 --match'})
  return out
}

export function parseAgeLimit(value: string | undefined): 16 | 18 | undefined {
  return value === undefined ? undefined : value === '18' ? 18 : 16
}

export function parseOutputEncoding(value: string): OutputEncoding {
  if (!(OUTPUT_ENCODINGS as readonly string[]).includes(value)) throw new UserError({en: `--output-encoding must be one of ${OUTPUT_ENCODINGS.join(', ')}, not "${value}"`, zh: `--output-encoding 必须是 ${OUTPUT_ENCODINGS.join('、')} 之一，而不是“${value}”`})
  return value as OutputEncoding
}

/** A date flag other than --as-of (which the shared options read): a real date written YYYY-MM-DD. */
export function parseDateFlag(name: string, value: string): string {
  try {
    return parseAsOf(value)
  } catch {
    throw new UserError({en: `--${name} must be a real date written YYYY-MM-DD, not "${value}"`, zh: `--${name} 必须是写作 YYYY-MM-DD 的有效日期，而不是“${value}”`})
  }
}
