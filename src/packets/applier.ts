import path from 'node:path'

import type {FindingCollector} from '../findings/collector.js'
import type {Lang} from '../types.js'
import {ANSWERS} from './columns.js'
import {checkCorrection} from './correction.js'
import {IDENTITY_FIELDS, type IdentityCells, identityCheck} from './identity.js'
import type {AnswerLine} from './read.js'

// What one answered line does to its row, the same for a roster file (`liushou apply`) and a
// registry snapshot (`registry apply`): refused when the row is no longer the child the packet
// was made for; a corrected value checked and written into the cells; a confirmation kept for the
// exceptions (or the registry's waivers); anything else left open. Each line gives one finding.

export interface Change {
  row: number
  column: string
  before: string
  after: string
  by: string
  on: string
  packet: string
}

export interface Confirmation {
  line: AnswerLine
  field?: string
  by: string
}

export interface RowColumns {
  columns: readonly {index: number; header: string; field?: string}[]
  fieldIndex: ReadonlyMap<string, number>
}

/** The column an answer corrects: by its header as the packet wrote it (字段). */
function columnOf(columns: RowColumns, header: string): number | undefined {
  const want = header.normalize('NFKC').replace(/\s+/g, '')
  return columns.columns.find((c) => c.header.normalize('NFKC').replace(/\s+/g, '') === want)?.index
}

function identityOf(columns: RowColumns, cells: readonly string[]): IdentityCells {
  const out: IdentityCells = {}
  for (const f of IDENTITY_FIELDS) {
    const i = columns.fieldIndex.get(f)
    if (i !== undefined && (cells[i] ?? '') !== '') out[f] = cells[i]!
  }
  return out
}

export class AnswerApplier {
  corrected = 0
  confirmed = 0
  open = 0
  refused = 0
  readonly changes: Change[] = []
  readonly confirmations: Confirmation[] = []
  private readonly answered = new Map<string, string>()

  constructor(
    private readonly collector: FindingCollector,
    private readonly dataset: string,
    private readonly asOf: string,
    private readonly lang: Lang,
  ) {}

  private at(line: AnswerLine) {
    return {dataset: path.basename(line.packet), file: line.packet, row: line.line}
  }

  /** The lines of this dataset by the row they answer; lines of another dataset are reported and passed over. */
  byRow(lines: readonly AnswerLine[]): Map<number, AnswerLine[]> {
    const out = new Map<number, AnswerLine[]>()
    for (const line of lines) {
      if (line.dataset !== this.dataset) {
        this.collector.add({code: 'APPLY_OTHER_ROSTER', ref: this.at(line), params: {dataset: line.dataset}})
        continue
      }
      out.set(line.row, [...(out.get(line.row) ?? []), line])
    }
    return out
  }

  /** Lines whose row is not in the roster at all. */
  unmatched(lines: readonly AnswerLine[]): void {
    for (const line of lines) {
      this.refused++
      this.collector.add({code: 'APPLY_REFUSED_IDENTITY', ref: this.at(line), params: {row: line.row, reason: this.lang === 'zh' ? '名册中没有这一行' : 'the roster has no such row'}})
    }
  }

  /** Applies the answers of one row to its cells (in place); returns whether a cell changed. */
  applyRow(row: number, cells: string[], columns: RowColumns, lines: readonly AnswerLine[]): boolean {
    const lang = this.lang
    const check = identityCheck(this.dataset, identityOf(columns, cells))
    let changed = false
    for (const line of lines) {
      if (line.check === '' || line.check.toLowerCase() !== check) {
        this.refused++
        const reason = line.check === '' ? (lang === 'zh' ? '核实单没有校验值' : 'the packet line has no check value') : lang === 'zh' ? '姓名、性别、身份证号或出生日期已不同' : 'the name, sex, ID number or birth date is no longer the same'
        this.collector.add({code: 'APPLY_REFUSED_IDENTITY', ref: this.at(line), params: {row: line.row, reason}})
        continue
      }
      const who = line.checkedBy || (lang === 'zh' ? '未署名' : 'unsigned')
      if (line.result === 'corrected') {
        const column = columnOf(columns, line.column)
        if (column === undefined) {
          this.open++
          const reason = line.column === '' ? (lang === 'zh' ? '问题不针对某一列' : 'the finding names no column') : lang === 'zh' ? `名册中没有“${line.column}”列` : `the roster has no column "${line.column}"`
          this.collector.add({code: 'APPLY_NO_FIELD', ref: this.at(line), params: {reason}})
          continue
        }
        const field = columns.columns.find((c) => c.index === column)?.field
        const checked = checkCorrection(field, line.corrected, this.asOf, lang)
        if (!checked.ok) {
          this.refused++
          this.collector.add({code: 'APPLY_INVALID_VALUE', ref: this.at(line), field, column: line.column, value: line.corrected, params: {reason: checked.reason}})
          continue
        }
        const key = `${row}\u0000${column}`
        const earlier = this.answered.get(key)
        if (earlier !== undefined && earlier !== checked.value) {
          this.refused++
          const reason = lang === 'zh' ? `另一条答复已将该单元格更正为 ${earlier}` : `another answer already corrected this cell to ${earlier}`
          this.collector.add({code: 'APPLY_INVALID_VALUE', ref: this.at(line), field, column: line.column, value: line.corrected, params: {reason}})
          continue
        }
        this.answered.set(key, checked.value)
        const before = cells[column] ?? ''
        while (cells.length <= column) cells.push('')
        cells[column] = checked.value
        this.corrected++
        if (before !== checked.value) {
          changed = true
          this.changes.push({row, column: line.column, before, after: checked.value, by: who, on: line.checkedOn, packet: path.basename(line.packet)})
        }
        this.collector.add({code: 'APPLY_CORRECTED', ref: this.at(line), field, column: line.column, value: checked.value, expected: before, params: {column: line.column, before: before || '—', after: checked.value, by: who}})
      } else if (line.result === 'confirmed') {
        this.confirmed++
        const field = columns.columns.find((c) => c.index === columnOf(columns, line.column))?.field
        this.confirmations.push({line, by: who, ...(field ? {field} : {})})
        this.collector.add({code: 'APPLY_CONFIRMED', ref: this.at(line), params: {by: who}})
      } else {
        this.open++
        const label = line.result ? ANSWERS[lang][line.result] : line.resultText || (lang === 'zh' ? '未填写' : 'no answer')
        this.collector.add({code: 'APPLY_OPEN', ref: this.at(line), params: {result: label, note: line.note || '—'}})
      }
    }
    return changed
  }
}
