import {detach} from '../strings.js'
import type {Lang} from './model.js'

/** The most characters of a cell a finding echoes in `value`, `expected` or `related[].value`. */
export const MAX_FINDING_VALUE = 200

const DIGIT = /[0-9０-９]/

/**
 * The value as a finding carries it: whole up to MAX_FINDING_VALUE characters, else its start,
 * `…` and how long it was. A 10 MB cell would otherwise be written out in full in every format.
 * The cut never falls inside a run of digits: masking recognises ID numbers and phones as whole
 * runs, and half an ID number left in clear would give most of it away.
 */
export function clipValue(value: string, lang: Lang): string {
  if (value.length <= MAX_FINDING_VALUE) return value
  let end = MAX_FINDING_VALUE
  const code = value.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end--
  while (end > 0 && DIGIT.test(value[end - 1]!) && DIGIT.test(value[end]!)) end--
  // Characters as a reader counts them: a surrogate pair is one.
  let length = value.length
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c >= 0xdc00 && c <= 0xdfff) length--
  }
  const note = lang === 'zh' ? `…（共 ${length} 字）` : `… (${length} characters)`
  return detach(value.slice(0, end)) + note
}
