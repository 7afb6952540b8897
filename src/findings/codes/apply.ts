import type {CodeDefinition} from './definition.js'

// Codes of `liushou apply` (docs/packets.md): one finding per answered line of a returned packet,
// on the packet file at the line's row in 待核实.
export const APPLY_CODES = {
  APPLY_CORRECTED: {
    severity: 'info',
    message: {zh: '已更正：{column} 由 {before} 改为 {after}（{by}）', en: 'Corrected: {column} from {before} to {after} ({by})'},
    hint: {zh: '新名册中该单元格已按核实结果更正', en: 'The cell is corrected in the new roster'},
  },
  APPLY_CONFIRMED: {
    severity: 'info',
    message: {zh: '情况属实（{by}）：已记入例外文件', en: 'Confirmed as it is ({by}): written to the exceptions file'},
    hint: {zh: '该问题以后不再列为待处理；情况变化时请删除例外文件中的这一行', en: 'The finding is waived from now on; remove the line from the exceptions file when things change'},
  },
  APPLY_OPEN: {
    severity: 'info',
    message: {zh: '仍待处理（{result}）：{note}', en: 'Still open ({result}): {note}'},
    hint: {zh: '跟进该单位的答复，或转给应负责的单位', en: 'Follow up the answer, or pass the finding to the unit that must act'},
  },
  APPLY_OTHER_ROSTER: {
    severity: 'info',
    message: {zh: '该行属于数据集 {dataset}，不是本名册的问题，已跳过', en: 'The line belongs to dataset {dataset}, not to this roster: skipped'},
    hint: {zh: '用对应的名册再运行一次 apply', en: 'Run apply again with that roster'},
  },
  APPLY_REFUSED_IDENTITY: {
    severity: 'error',
    message: {zh: '拒绝应用：第 {row} 行的身份信息与制作核实单时不同（{reason}）', en: 'Refused: the identity cells of row {row} differ from when the packet was made ({reason})'},
    hint: {
      zh: '核实单可能来自另一份名册，或该行已被改动；请用当前名册重新生成核实单',
      en: 'The packet may come from another roster, or the row has changed since; make the packets again from the current roster',
    },
  },
  APPLY_INVALID_VALUE: {
    severity: 'error',
    message: {zh: '更正后的值无效：{reason}', en: 'The corrected value is invalid: {reason}'},
    hint: {zh: '请填报单位按规范重新填写“更正后的值”', en: 'Ask the unit to fill in a valid corrected value'},
  },
  APPLY_NO_FIELD: {
    severity: 'warning',
    message: {zh: '该问题没有对应的列，无法自动更正：{reason}', en: 'The finding has no column to correct: {reason}'},
    hint: {zh: '按核实说明人工处理', en: 'Act on the note by hand'},
  },
} as const satisfies Record<string, CodeDefinition>
