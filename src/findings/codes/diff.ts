import type {CodeDefinition} from './definition.js'

// Codes of `liushou diff` (docs/diff.md, dynamic management 动态管理): stable API like
// the rule codes. Entries and changes sit on the new snapshot's row, exits on the old one's.
export const DIFF_CODES = {
  DIFF_ENTERED: {
    severity: 'info',
    message: {zh: '新增：{reason}', en: 'Entered: {reason}'},
    hint: {zh: '核实后建立儿童档案，安排儿童主任走访', en: 'Verify, open the child’s file and have the child director visit'},
  },
  DIFF_CHANGED: {
    severity: 'info',
    message: {zh: '{field} 已变更', en: '{field} changed'},
    hint: {zh: '原值见“应为”，新值见“值”；核实变更属实', en: 'The old value is under expected, the new one under value: check that the change is real'},
  },
  DIFF_EXIT_AGED_OUT: {
    severity: 'info',
    message: {zh: '退出：已满 {age} 周岁', en: 'Exit: {age} years old'},
    hint: {zh: '年满16周岁不再属于农村留守儿童，可转入其他关爱服务', en: 'At 16 a child is no longer a left-behind child; refer to other services if needed'},
  },
  DIFF_EXIT_MOVED_OUT: {
    severity: 'info',
    message: {zh: '退出：公安户籍记载户口已迁出（{reason}）', en: 'Exit: public security records the registration as moved out ({reason})'},
    hint: {zh: '将儿童信息转介迁入地民政部门，确保关爱不中断', en: 'Refer the child to the civil affairs of the new area so that care goes on'},
  },
  DIFF_EXIT_PARENTS_RETURNED: {
    severity: 'info',
    message: {zh: '退出：父母返乡，不再是留守儿童（{reason}）', en: 'Exit: a parent came home, no longer left-behind ({reason})'},
    hint: {zh: '核实父母确已返乡并能履行监护职责', en: 'Check that the parent is home and able to look after the child'},
  },
  DIFF_EXIT_DECEASED: {
    severity: 'warning',
    message: {zh: '退出：公安户籍记载该儿童已死亡', en: 'Exit: public security records the child as deceased'},
    hint: {zh: '核实死亡原因与时间；非正常死亡须按规定报告', en: 'Check the cause and date of death; an unnatural death must be reported'},
  },
  DIFF_EXIT_UNEXPLAINED: {
    severity: 'error',
    message: {zh: '儿童从新名册中消失，原因不明（{reason}）', en: 'Child is gone from the new roster without a reason ({reason})'},
    hint: {
      zh: '数据显示该儿童仍属留守儿童：请村儿童主任当面核实下落，补录或注明退出原因',
      en: 'As far as the data shows the child is still left-behind: have the child director find the child, then re-list or record why the child left',
    },
  },
} as const satisfies Record<string, CodeDefinition>

export type DiffCode = keyof typeof DIFF_CODES

