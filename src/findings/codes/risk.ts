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
