import type {CodeDefinition} from './definition.js'

// Deduplication codes (docs/dedupe.md): DUP_MATCH on every member of a match cluster but
// its first row, DUP_POSSIBLE on every member of a possible cluster; `related` names the others.
// DUP_ID_NOT_OWN on a row holding another child's ID number (its birth date or sex contradicts
// the number, and another row holds it under another child's name).
export const DEDUPE_CODES = {
  DUP_MATCH: {
    severity: 'warning',
    message: {
      zh: '与第 {first} 行是同一儿童（重复组 {cluster}，共 {size} 行，匹配概率 {score}）',
      en: 'Same child as row {first} (duplicate cluster {cluster}, {size} rows, match probability {score})',
    },
    hint: {
      zh: '核实后只保留一条记录（--merged 可生成合并后的名册），把缺漏的信息补到保留的记录上；--explain 查看判定依据',
      en: 'After checking, keep one record (--merged writes a merged roster) and carry missing values over to it; --explain shows how the score was built',
    },
  },
  DUP_POSSIBLE: {
    severity: 'info',
    message: {
      zh: '可能与其他 {others} 行是同一儿童（待核查组 {cluster}，匹配概率 {score}）',
      en: 'May be the same child as {others} other row(s) (review cluster {cluster}, match probability {score})',
    },
    hint: {
      zh: '人工核对：双胞胎、同名儿童或录入错误？不会被自动合并；--explain 查看判定依据',
      en: 'Check by hand: twins, same-name children or a typing slip? Never merged automatically; --explain shows how the score was built',
    },
  },
  DUP_ID_NOT_OWN: {
    severity: 'warning',
    field: 'idNumber',
    message: {
      zh: '身份证号不是本人的：本行的{what}与该号码不符，{where}',
      en: "The ID number is not this child's own: it does not fit the row's {what}, {where}",
    },
    hint: {
      zh: '向填报人核实该儿童本人的身份证号并更正（同一号码的另一行多为兄弟姐妹或双胞胎，不会被合并）；--explain 查看判定依据',
      en: "Ask for this child's own ID number and correct it (the other row holding the number is often a sibling or twin; the two are never merged); --explain shows the rule",
    },
  },
} as const satisfies Record<string, CodeDefinition>

export type DedupeCode = keyof typeof DEDUPE_CODES

