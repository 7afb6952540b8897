import type {CodeDefinition} from './definition.js'

// Cross-check codes (docs/crosscheck.md): stable API like the rule codes.
export const CROSSCHECK_CODES = {
  XC_NOT_ENROLLED: {
    severity: 'warning',
    message: {zh: '{age} 周岁儿童在学籍名单中查无此人', en: 'Child aged {age} is on no education list'},
    hint: {
      zh: '义务教育年龄（6–15周岁）却无学籍：核实是否辍学、在外地就读或学籍信息有误，并通知教育部门',
      en: 'Compulsory school age (6–15) with no student record: check for a dropout, schooling elsewhere or a wrong record, and alert education',
    },
  },
  XC_NOT_REGISTERED: {
    severity: 'error',
    message: {zh: '在公安户籍名单中查无此人', en: 'Child is not on the public-security household register'},
    hint: {zh: '核对身份证号和姓名；确无户籍的儿童应协助办理户口登记', en: 'Check the ID number and name; a child with no registration needs help to register'},
  },
  XC_DECEASED: {
    severity: 'error',
    message: {zh: '公安户籍记载该儿童已死亡', en: 'Public security records the child as deceased'},
    hint: {zh: '核实后从名册中移除，或更正户籍信息', en: 'Verify, then remove the child from the roster or have the register corrected'},
  },
  XC_MOVED_OUT: {
    severity: 'warning',
    message: {zh: '公安户籍记载该儿童户口已迁出', en: 'Public security records the household registration as moved out'},
    hint: {zh: '核实儿童是否仍在本地生活，必要时转介迁入地', en: 'Check whether the child still lives here; refer the case to the new area if not'},
  },
  XC_UNLISTED: {
    severity: 'warning',
    message: {zh: '{department} 名单中的留守儿童不在主名册中', en: 'A left-behind child on the {department} list is missing from the primary roster'},
    hint: {zh: '核实后补录到主名册（{reason}）', en: 'Verify and add the child to the primary roster ({reason})'},
  },
  XC_FIELD_CONFLICT: {
    severity: 'error',
    message: {zh: '{field} 与 {department} 记录不一致', en: '{field} disagrees with the {department} record'},
    hint: {zh: '以 {authority} 的记录为准核实更正（见“应为”）', en: 'Check and correct it against the {authority} record (see expected)'},
  },
  XC_DUPLICATE_REGISTRATION: {
    severity: 'error',
    message: {zh: '同一儿童在主名册中登记了 {count} 次（不同填报单位或村）', en: 'The same child is registered {count} times on the primary roster (different units or villages)'},
    hint: {zh: '与相关行所在单位核实儿童实际所在地，只保留一条登记', en: 'Agree with the other units where the child lives and keep one registration'},
  },
  XC_AMBIGUOUS: {
    severity: 'warning',
    message: {zh: '在 {department} 名单中有 {count} 条同样可能的记录', en: '{count} equally likely records on the {department} list'},
    hint: {zh: '补全身份证号或出生日期后重新核对', en: 'Complete the ID number or birth date and check again'},
  },
} as const satisfies Record<string, CodeDefinition>

