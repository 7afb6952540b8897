import type {MaskMode} from './types.js'

// How personal data is hidden wherever it is shown (reports, change logs, explanations, error
// lines): field-aware rules for known personal fields, and a pattern sweep over free text as the
// safety net for values that travel in messages, ragged cells or unmapped columns.

const ID_FIELDS = new Set(['idNumber', 'guardianIdNumber', 'fatherIdNumber', 'motherIdNumber', 'studentId'])
const PHONE_FIELDS = new Set(['guardianPhone', 'fatherPhone', 'motherPhone', 'phone'])
const NAME_FIELDS = new Set(['name', 'guardianName', 'fatherName', 'motherName'])
const ADDRESS_FIELDS = new Set(['address', 'hukouAddress', 'village', 'fatherWorkplace', 'motherWorkplace'])

/** `430102200105061234` → `430102********1234`: the region and the last four stay readable. */
export function maskId(value: string): string {
  const chars = [...value.replace(/\s+/g, '')]
  if (chars.length <= 10) return chars.length <= 4 ? '*'.repeat(chars.length) : chars.slice(0, 2).join('') + '*'.repeat(chars.length - 2)
  return chars.slice(0, 6).join('') + '*'.repeat(chars.length - 10) + chars.slice(-4).join('')
}

/** `13812345678` → `138****5678`; `0731-84567890` → `0731-****7890`. */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '')
  const dash = value.indexOf('-')
  if (dash > 0 && digits.startsWith('0')) {
    const local = value.slice(dash + 1).replace(/\D/g, '')
    return `${value.slice(0, dash)}-${'*'.repeat(Math.max(0, local.length - 4))}${local.slice(-4)}`
  }
  // Keep at most a third of a short number visible: 3 + 4 digits of eleven, 2 + 2 of seven to ten.
  if (digits.length >= 11) return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4)
  if (digits.length >= 7) return digits.slice(0, 2) + '*'.repeat(digits.length - 4) + digits.slice(-2)
  return '*'.repeat(digits.length)
}

/** `张子涵` → `张*涵`, `李四` → `李*`, minority names keep each part's first character. */
export function maskName(value: string): string {
  return value
    .split('·')
    .map((part) => {
      const chars = [...part]
      if (chars.length <= 1) return part
      if (chars.length === 2) return `${chars[0]}*`
      return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1]
    })
    .join('·')
}

/** A village (below town level): its first character, the rest hidden. */
export function maskVillage(value: string): string {
  const chars = [...value.trim()]
  return chars.length === 0 ? '' : `${chars[0]}***`
}

/** Keeps the address down to town level (乡/镇/街道) and hides the rest. */
export function maskAddress(value: string): string {
  const m = /^(.*?(?:乡|镇|街道|苏木))/.exec(value)
  if (m?.[1]) return `${m[1]}***`
  const chars = [...value]
  return chars.length <= 3 ? '***' : `${chars.slice(0, 3).join('')}***`
}

// Runs of 15–18 digits (full-width too, the last possibly X) are ID numbers; 11-digit runs
// starting with 1 are mobiles. Lookarounds keep longer digit runs (bank numbers) from half-masking.
const ID_PATTERN = /(?<![0-9０-９])[0-9０-９]{14,17}[0-9０-９XxＸｘ](?![0-9０-９])/g
const SCI_ID_PATTERN = /\b\d\.\d{5,}[Ee]\+?1[4-7]\b/g
const MIGHT_HOLD_NUMBER = /[0-9０-９]{7}|\d\.\d{5,}[Ee]/
const MOBILE_PATTERN = /(?<![0-9０-９])1[3-9][0-9]{9}(?![0-9０-９])/g
// Landlines in free text: an area code and its separator (0743-3221234, 0743 3221234,
// (0743)3221234), or a bare 0-led run of 10 to 12 digits.
const LANDLINE_PATTERN = /(?<![0-9０-９])(?:\(0[0-9]{2,3}\)\s?|0[0-9]{2,3}[-－ ])[0-9]{7,8}(?![0-9０-９])|(?<![0-9０-９])0[0-9]{9,11}(?![0-9０-９])/g

export function scrubText(text: string): string {
  if (!MIGHT_HOLD_NUMBER.test(text)) return text
  return text
    .replace(ID_PATTERN, (m) => maskId(m))
    .replace(SCI_ID_PATTERN, (m) => `${m.slice(0, 4)}***`)
    .replace(MOBILE_PATTERN, (m) => maskPhone(m))
    .replace(LANDLINE_PATTERN, (m) => maskPhone(m))
}

// Keyed tokens (`tk1:…`, from tokenize) are no personal data in clear: masking them would only
// hide which token a finding is about.
const TOKEN = /^tk1:[a-z]+:/

export function maskValue(field: string | undefined, value: string, mode: MaskMode): string {
  if (mode === 'none' || value === '' || TOKEN.test(value)) return value
  if (field && (ID_FIELDS.has(field) || /IdNumber$/.test(field))) return maskId(value)
  if (field && (PHONE_FIELDS.has(field) || /Phone$/.test(field))) return maskPhone(value)
  if (mode === 'all') {
    if (field && NAME_FIELDS.has(field)) return maskName(value)
    if (field && ADDRESS_FIELDS.has(field)) return maskAddress(value)
  }
  return scrubText(value)
}

