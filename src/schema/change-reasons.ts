import type {Lang} from '../types.js'

// Reason codes of normalize's change log: why a cell was rewritten. Public API like the rule
// codes (docs/normalize.md lists them with examples).
export const CHANGE_REASONS = {
  ID_CLEANED: {zh: '身份证号去除全角、空格、前导单引号，x改为X', en: 'ID number: full-width digits, spaces or a leading apostrophe removed, x made X'},
  ID_UPGRADED: {zh: '15位身份证号升为18位', en: '15-digit ID number upgraded to 18 digits'},
  NAME_CLEANED: {zh: '姓名去除空格、统一间隔号“·”、全角转半角', en: 'name: inner spaces removed, middle dot made ·, full-width folded'},
  DATE_ISO: {zh: '日期改写为 YYYY-MM-DD', en: 'date rewritten as YYYY-MM-DD'},
  GENDER_CODE: {zh: '性别代码改写为男/女（GB/T 2261.1）', en: 'gender code written as 男/女 (GB/T 2261.1)'},
  ETHNICITY_NAME: {zh: '民族改写为 GB 3304 规范名称', en: 'ethnic group written by its GB 3304 name'},
  CODE_SYNONYM: {zh: '同义写法改为代码表规范值', en: 'synonym replaced by the code list value'},
  PHONE_CLEANED: {zh: '电话改写为11位手机号或 区号-号码', en: 'phone written as 11 digits or area code-number'},
  REGION_CODE_CLEANED: {zh: '区划代码去除空格和全角', en: 'region code: spaces and full-width digits removed'},
  WHITESPACE: {zh: '去除首尾空白', en: 'leading and trailing whitespace removed'},
} as const satisfies Record<string, Record<Lang, string>>

export type ChangeReason = keyof typeof CHANGE_REASONS
