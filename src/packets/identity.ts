import {parseDate} from '../cn/dates.js'
import {analyzeId} from '../cn/id-number.js'
import {checkName} from '../cn/names.js'
import {lookupCode} from '../schema/code-lists.js'
import {sha256} from '../findings/fingerprint.js'

// The hidden 校验 column of a packet line: a hash of the row's identity cells when the packet was
// made. `liushou apply` refuses a line whose row no longer hashes the same, so that an answer is
// never applied to another child (a packet made from another roster, a row edited since). Cells
// are compared in canonical form: a roster re-saved by Excel (dates rewritten, IDs upper-cased)
// is still the same child.

export const IDENTITY_FIELDS = ['name', 'gender', 'idNumber', 'birthDate'] as const
export type IdentityCells = Partial<Record<(typeof IDENTITY_FIELDS)[number], string>>

function canonical(field: (typeof IDENTITY_FIELDS)[number], raw: string): string {
  const text = raw.trim()
  if (text === '') return ''
  switch (field) {
    case 'name':
      return checkName(text).cleaned
    case 'gender':
      return lookupCode('gender', text) ?? text
    case 'idNumber': {
      const a = analyzeId(text)
      return a.canonical ?? a.cleaned
    }
    case 'birthDate': {
      const d = parseDate(text)
      return d.kind === 'date' || d.kind === 'month' ? d.iso : text
    }
  }
}

export function identityCheck(dataset: string, cells: IdentityCells): string {
  const parts = IDENTITY_FIELDS.map((f) => canonical(f, cells[f] ?? ''))
  return sha256(`${dataset}\u0000${parts.join('\u0000')}`, 'hex').slice(0, 16)
}
