import type {Lang} from '../types.js'

export const LEVEL_CODE = {high: 'RISK_HIGH', medium: 'RISK_MEDIUM', low: 'RISK_LOW'} as const

/** What each factor means, for messages and docs/risk.md (with the findings' codes: the registry's tables show them too). */
export {RISK_FACTOR_LABELS as FACTOR_LABELS} from '../findings/codes/risk.js'

/** Why a child counts as left behind (Risk `basis`), for messages. */
export const BASIS_LABELS: Record<'both-away' | 'one-away-other-incapable' | 'other', Record<Lang, string>> = {
  'both-away': {zh: '父母均外出', en: 'both parents away'},
  'one-away-other-incapable': {zh: '一方外出、另一方无监护能力', en: 'one parent away, the other unable to care'},
  other: {zh: '其他情形', en: 'other'},
}
