import {APPLY_CODES} from './codes/apply.js'
import {CROSSCHECK_CODES} from './codes/crosscheck.js'
import {DEDUPE_CODES} from './codes/dedupe.js'
import type {CodeDefinition} from './codes/definition.js'
import {DIFF_CODES} from './codes/diff.js'
import {REGISTRY_CODES} from './codes/registry.js'
import {RISK_CODES} from './codes/risk.js'
import {STATE_CODES} from './codes/states.js'
import {VALIDATE_CODES} from './codes/validate.js'

// The one table of finding codes, every family in it: a code is public API (reports, tests and CI
// configurations name it), so the set is closed and known at compile time. `FindingCode` is the
// union of its keys: a finding with a code missing here does not compile.

export {type CodeDefinition, fillTemplate} from './codes/definition.js'

export const CODES = {
  ...VALIDATE_CODES,
  ...CROSSCHECK_CODES,
  ...DEDUPE_CODES,
  ...DIFF_CODES,
  ...RISK_CODES,
  ...STATE_CODES,
  ...APPLY_CODES,
  ...REGISTRY_CODES,
} as const satisfies Record<string, CodeDefinition>

export type FindingCode = keyof typeof CODES

/** The families, for documentation and for the test that every code has both languages. */
export const CODE_FAMILIES = {
  validate: VALIDATE_CODES,
  crosscheck: CROSSCHECK_CODES,
  dedupe: DEDUPE_CODES,
  diff: DIFF_CODES,
  risk: RISK_CODES,
  states: STATE_CODES,
  apply: APPLY_CODES,
  registry: REGISTRY_CODES,
} as const

export function isFindingCode(code: string): code is FindingCode {
  return Object.hasOwn(CODES, code)
}

export function codeDefinition(code: FindingCode): CodeDefinition {
  return CODES[code]
}

export function allCodes(): [FindingCode, CodeDefinition][] {
  return Object.entries(CODES) as [FindingCode, CodeDefinition][]
}
