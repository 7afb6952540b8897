import type {Lang} from '../../types.js'
import type {CodeDefinition} from './definition.js'

// Codes of `liushou risk`. Each rated child gets one finding, RISK_HIGH, RISK_MEDIUM or RISK_LOW
// (infos: risk lists them always, in the order of the visits, village by village); each row not
// rated gets RISK_NOT_RATED saying why, so that every row is accounted for. The factors are not
// findings: they are listed in `risks[].factors` and named in the message, and so is why the child
// counts as left behind (`risks[].basis`), so that every format shows it.
export const RISK_CODES = {
  RISK_HIGH: {
    severity: 'info',
    message: {zh: '高风险（{score} 分）：{factors}；留守情形：{basis}', en: 'High risk (score {score}): {factors}; left behind: {basis}'},
    hint: {zh: '儿童主任应尽快入户走访，落实监护与帮扶措施，必要时报告乡镇和民政部门', en: 'The child director should visit soon, secure care and support, and report to the town and civil affairs where needed'},
  },
  RISK_MEDIUM: {
    severity: 'info',
    message: {zh: '中风险（{score} 分）：{factors}；留守情形：{basis}', en: 'Medium risk (score {score}): {factors}; left behind: {basis}'},
    hint: {zh: '列入定期走访，跟进所列风险因素', en: 'Visit regularly and follow up the factors listed'},
  },
  RISK_LOW: {
    severity: 'info',
    message: {zh: '低风险（{score} 分）：{factors}；留守情形：{basis}', en: 'Low risk (score {score}): {factors}; left behind: {basis}'},
    hint: {zh: '按常规走访', en: 'Routine visits'},
  },
  RISK_NOT_RATED: {
    severity: 'info',
    message: {zh: '未评估：{reason}', en: 'Not rated: {reason}'},
    hint: {zh: '{advice}', en: '{advice}'},
  },
} as const satisfies Record<string, CodeDefinition>

/** The risk factors, in the order a report lists them (risk/config.ts weighs them; sample's truth lists them). */
export const RISK_FACTORS = [
  'RISK_NO_GUARDIAN',
  'RISK_GUARDIAN_INCAPABLE',
  'RISK_GUARDIAN_MINOR',
  'RISK_GUARDIAN_ELDERLY',
  'RISK_YOUNG_CHILD_ELDERLY_GUARDIAN',
  'RISK_ORPHAN',
  'RISK_PARENT_DECEASED',
  'RISK_PARENT_IMPRISONED',
  'RISK_PARENT_MISSING',
  'RISK_CHILD_DISABLED',
  'RISK_CHILD_ILL',
  'RISK_DROPOUT',
  'RISK_NOT_ENROLLED',
  'RISK_UNREACHABLE',
  'RISK_BOTH_PARENTS_AWAY',
] as const

/**
 * What each factor means ({elderly}, {young}, {old}: the ages of the risk configuration).
 */
export const RISK_FACTOR_LABELS: Record<(typeof RISK_FACTORS)[number], Record<Lang, string>> = {
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
