import type {Lang} from '../types.js'
import type {RiskFactor} from './config.js'

export const LEVEL_CODE = {high: 'RISK_HIGH', medium: 'RISK_MEDIUM', low: 'RISK_LOW'} as const

/** What each factor means, for messages and docs/risk.md. */
export const FACTOR_LABELS: Record<RiskFactor, Record<Lang, string>> = {
  RISK_NO_GUARDIAN: {zh: '无人监护', en: 'no guardian'},
  RISK_GUARDIAN_INCAPABLE: {zh: '监护人或在家父母患病、残疾或无监护能力', en: 'guardian or parent at home ill, disabled or unable to care'},
  RISK_GUARDIAN_MINOR: {zh: '监护人未成年', en: 'guardian under 18'},
  RISK_GUARDIAN_ELDERLY: {zh: '监护人年满{elderly}周岁', en: 'guardian aged {elderly}+'},
  RISK_YOUNG_CHILD_ELDERLY_GUARDIAN: {zh: '{young}岁以下幼儿由{old}岁以上老人监护', en: 'child under {young} with a guardian aged {old}+'},
  RISK_ORPHAN: {zh: '父母双亡或下落不明', en: 'both parents dead or missing'},
  RISK_PARENT_DECEASED: {zh: '父亲或母亲已故', en: 'a parent deceased'},
  RISK_PARENT_IMPRISONED: {zh: '父亲或母亲服刑', en: 'a parent in prison'},
  RISK_PARENT_MISSING: {zh: '父亲或母亲失踪', en: 'a parent missing'},
  RISK_CHILD_DISABLED: {zh: '儿童残疾', en: 'child disabled'},
  RISK_CHILD_ILL: {zh: '儿童患病', en: 'child ill'},
  RISK_DROPOUT: {zh: '义务教育阶段辍学或未入学', en: 'school-age child out of school'},
  RISK_NOT_ENROLLED: {zh: '义务教育年龄但学籍名单中查无此人', en: 'school age but on no education list'},
  RISK_UNREACHABLE: {zh: '监护人电话缺失或无效', en: "guardian's phone missing or invalid"},
  RISK_BOTH_PARENTS_AWAY: {zh: '父母均外出务工', en: 'both parents away for work'},
}

/** Why a child counts as left behind (Risk `basis`), for messages. */
export const BASIS_LABELS: Record<'both-away' | 'one-away-other-incapable' | 'other', Record<Lang, string>> = {
  'both-away': {zh: '父母均外出', en: 'both parents away'},
  'one-away-other-incapable': {zh: '一方外出、另一方无监护能力', en: 'one parent away, the other unable to care'},
  other: {zh: '其他情形', en: 'other'},
}
