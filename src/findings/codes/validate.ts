import type {CodeDefinition} from './definition.js'

// The rule codes of `validate` (docs/rules.md), also raised by normalize and tokenize.

export const VALIDATE_CODES = {
  HEADER_MISSING: {
    severity: 'error',
    message: {zh: '缺少必需的列：{field}', en: 'Required column missing: {field}'},
    hint: {
      zh: '在表头加入该列（如“姓名”“身份证号”或“出生日期”），或用 --columns 指定对应关系',
      en: 'Add the column (e.g. 姓名, 身份证号 or 出生日期) or map an existing header with --columns',
    },
  },
  HEADER_DUPLICATE: {
    severity: 'error',
    message: {zh: '多个列对应同一字段 {field}：{columns}', en: 'Several columns map to field {field}: {columns}'},
    hint: {
      zh: '删除或改名重复的列，或用 --columns 指定哪一列对应该字段；只读取第一列',
      en: 'Remove or rename the duplicate column, or choose one with --columns; only the first is read',
    },
  },
  ROW_RAGGED: {
    severity: 'error',
    message: {
      zh: '该行有 {cells} 个单元格，表头有 {headers} 列{detail}',
      en: 'Row has {cells} cells but the header has {headers} columns{detail}',
    },
    hint: {
      zh: '检查该行是否有多余的分隔符、未闭合的引号或缺失的单元格',
      en: 'Look for a stray delimiter, an unclosed quote or missing cells in this row',
    },
  },
  REQUIRED_MISSING: {
    severity: 'error',
    message: {zh: '必填项为空：{field}', en: 'Required value is empty: {field}'},
    hint: {zh: '补填该项', en: 'Fill in the value'},
  },
  NAME_INVALID: {
    severity: 'error',
    message: {zh: '姓名无效：{reason}', en: 'Invalid name: {reason}'},
    hint: {
      zh: '填写真实姓名；“无”“不详”“离异”等说明应写在备注或相应状况列',
      en: 'Enter the real name; notes such as 无, 不详 or 离异 belong in a remarks or status column',
    },
  },
  NAME_FORMAT: {
    severity: 'warning',
    message: {zh: '姓名格式不规范：{reason}', en: 'Name needs tidying: {reason}'},
    hint: {
      zh: '删除姓名中的空格，少数民族姓名用间隔号“·”（U+00B7）；normalize 可自动修正',
      en: 'Remove spaces; minority names use the middle dot · (U+00B7); normalize fixes this',
    },
  },
  ID_FORMAT: {
    severity: 'error',
    message: {zh: '身份证号格式错误：{reason}', en: 'ID number malformed: {reason}'},
    hint: {
      zh: '公民身份号码为18位（末位可为X）或旧式15位数字，请对照户口簿核实',
      en: 'A resident ID has 18 characters (the last may be X) or 15 digits (legacy); check the hukou booklet',
    },
  },
  ID_CHECKSUM: {
    severity: 'error',
    message: {zh: '身份证号校验码错误', en: 'ID number check digit is wrong'},
    hint: {
      zh: '按 GB 11643 计算的校验位应为 {check}；多为录入时错了一位或两位颠倒，请对照户口簿核实',
      en: 'By GB 11643 the check digit should be {check}; usually one digit was mistyped or two were swapped: check the hukou booklet',
    },
  },
  ID_EXCEL_MANGLED: {
    severity: 'error',
    message: {zh: '身份证号被表格软件损坏：{reason}', en: 'ID number damaged by a spreadsheet: {reason}'},
    hint: {
      zh: '将该列设为“文本”格式后重新录入完整号码（Excel 只保留15位有效数字）',
      en: 'Format the column as Text and re-enter the full number (Excel keeps only 15 significant digits)',
    },
  },
  ID_BIRTH_INVALID: {
    severity: 'error',
    message: {zh: '身份证号中的出生日期无效：{reason}', en: 'Birth date inside the ID number is invalid: {reason}'},
    hint: {zh: '核对身份证号第7–14位（出生年月日）', en: 'Check digits 7–14 (the birth date) of the ID number'},
  },
  ID_REGION_UNKNOWN: {
    severity: 'warning',
    message: {zh: '身份证号前6位不是任何时期的县级行政区划代码', en: 'The first six digits are no current or former county-level region code'},
    hint: {zh: '核对身份证号前6位（户籍所在地代码）', en: 'Check the first six digits (the region of registration)'},
  },
  ID_REGION_ANACHRONISM: {
    severity: 'warning',
    message: {
      zh: '身份证号地址码在出生年份前已撤销',
      en: 'The ID number region code was abolished before the birth year',
    },
    hint: {
      zh: '代码 {code}（{name}）使用于 {years}，{successor}；核对身份证号前6位或出生日期',
      en: 'Code {code} ({name}) was in use {years}, {successor}; check the first six digits or the birth date',
    },
  },
  ID_LEGACY_15: {
    severity: 'warning',
    message: {zh: '15位旧式身份证号', en: 'Legacy 15-digit ID number'},
    hint: {zh: '应换用升位后的18位号码（见“应为”）；normalize 可自动升位', en: 'Use the upgraded 18-digit number (see expected); normalize upgrades it'},
  },
  ID_DUPLICATE: {
    severity: 'error',
    message: {zh: '同一身份证号在本文件中出现 {count} 次', en: 'The same ID number appears on {count} rows of this file'},
    hint: {zh: '核实是否重复登记，保留一行；相关行见 related（最多列出 {listed} 行）', en: 'Check for a double registration and keep one row; see the related rows (at most {listed} listed)'},
  },
  BIRTH_MISMATCH: {
    severity: 'error',
    message: {zh: '出生日期与身份证号不一致', en: 'Birth date disagrees with the ID number'},
    hint: {
      zh: '身份证号记载的出生日期为 {expected}{lunar}；以户口簿为准更正',
      en: 'The ID number says {expected}{lunar}; correct it from the hukou booklet',
    },
  },
  GENDER_MISMATCH: {
    severity: 'error',
    message: {zh: '性别与身份证号第17位不一致', en: 'Gender disagrees with digit 17 of the ID number'},
    hint: {zh: '身份证号显示性别为 {expected}；核对性别或身份证号', en: 'The ID number says {expected}; check the gender or the ID number'},
  },
  DATE_INVALID: {
    severity: 'error',
    message: {zh: '日期无法识别：{field}', en: 'Unreadable date: {field}'},
    hint: {zh: '按 YYYY-MM-DD 填写，如 2011-05-06', en: 'Write it as YYYY-MM-DD, e.g. 2011-05-06'},
  },
  AGE_OUT_OF_RANGE: {
    severity: 'error',
    message: {zh: '年龄不在范围内：{reason}', en: 'Age out of range: {reason}'},
    hint: {
      zh: '截至 {asOf} 已满 {limit} 周岁或尚未出生；核对出生日期，或将其移出名册（学籍、户籍名单不适用此规则：写作 教育=文件、公安=文件，或加 --kind）',
      en: 'At {asOf} the child is {limit} or older, or not yet born; check the birth date or remove the child from the roster (not a rule for student or household lists: write education=FILE, public-security=FILE, or --kind)',
    },
  },
  REGION_CODE_INVALID: {
    severity: 'error',
    message: {zh: '行政区划代码不存在', en: 'Region code does not exist'},
    hint: {zh: '使用国家统计局的6、9或12位区划代码', en: 'Use the 6, 9 or 12-digit statistical region code'},
  },
  REGION_NAME_MISMATCH: {
    severity: 'warning',
    message: {zh: '{field} 与行政区划代码不一致', en: '{field} disagrees with the region code'},
    hint: {zh: '区划代码对应的名称为 {expected}；核对名称或代码', en: 'The code stands for {expected}; check the name or the code'},
  },
  PHONE_INVALID: {
    severity: 'warning',
    message: {zh: '电话号码无效：{field}', en: 'Invalid phone number: {field}'},
    hint: {
      zh: '手机号为11位（1开头），固定电话写作区号-号码，如 0731-84567890',
      en: 'A mobile has 11 digits starting with 1; a landline is area code-number, e.g. 0731-84567890',
    },
  },
  ENUM_UNKNOWN: {
    severity: 'warning',
    message: {zh: '{field} 的取值不在代码表中', en: 'Value of {field} is not in its code list'},
    hint: {zh: '可用的值：{allowed}', en: 'Allowed values: {allowed}'},
  },
  SCHOOL_AGE_MISMATCH: {
    severity: 'warning',
    message: {zh: '就学状况与年龄不符：{reason}', en: 'School status implausible for the age: {reason}'},
    hint: {
      zh: '6–15 周岁应接受义务教育：核实是否辍学并通知教育部门，或更正就学状况',
      en: 'Ages 6–15 are compulsory schooling: check for a dropout and alert education, or correct the status',
    },
  },
  GUARDIAN_INVALID: {
    severity: 'error',
    message: {zh: '监护人无效：{reason}', en: 'Invalid guardian: {reason}'},
    hint: {zh: '监护人应为年满18周岁的其他人，核对监护人身份证号', en: 'The guardian must be another person aged 18 or over; check the guardian ID'},
  },
  DATE_AMBIGUOUS: {
    severity: 'error',
    message: {zh: '日期有两种读法：{field}', en: 'Date reads two ways: {field}'},
    hint: {zh: '可读作 {readings}；请按 YYYY-MM-DD 填写', en: 'It could be {readings}; write it as YYYY-MM-DD'},
  },
  PARENT_AGE_IMPLAUSIBLE: {
    severity: 'warning',
    message: {zh: '{field} 在儿童出生时的年龄不合理', en: '{field} has an implausible age at the child’s birth'},
    hint: {zh: '儿童出生时该父/母 {age} 岁；核对父母身份证号', en: 'The parent was {age} at the birth; check the parent’s ID number'},
  },
  // Only with --check-eligibility, on left-behind rosters: the cells are named by their headers
  // ({cells}); their texts travel in value and related, where masking applies.
  NOT_LEFT_BEHIND: {
    severity: 'warning',
    message: {
      zh: '{cells}显示{parent}在家且能照料儿童：按国发〔2016〕13号不属于留守儿童',
      en: '{cells} show the {parent} at home and able to care: not a left-behind child by the 2016 definition',
    },
    hint: {
      zh: '核实{parent}是否在家：已外出或无监护能力（重病、残疾等）的，更正{cells}；确在家且能照料的，将儿童移出留守儿童名册',
      en: 'Check whether the {parent} is at home: if away or unable to care (ill, disabled …), correct {cells}; if at home and able, take the child off the left-behind roster',
    },
  },
  NOT_CANONICAL: {
    severity: 'info',
    message: {zh: '{field} 的写法不规范：{reason}', en: '{field} is not in canonical form: {reason}'},
    hint: {zh: 'normalize 可自动改为 {expected}', en: 'normalize rewrites it as {expected}'},
  },
} as const satisfies Record<string, CodeDefinition>

export type ValidateCode = keyof typeof VALIDATE_CODES
