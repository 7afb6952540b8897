import {appendFile, readFile} from 'node:fs/promises'
import path from 'node:path'

import {UserError} from '../errors.js'
import {assembleReport} from '../findings/assemble.js'
import {FindingCollector} from '../findings/collector.js'
import type {InputInfo, Report} from '../findings/model.js'
import {assertNotInput} from '../io/atomic-write.js'
import {type OutputEncoding, createTableWriter} from '../io/write-table.js'
import type {CommonOptions} from '../options.js'
import type {DatasetInput} from '../schema/dataset-args.js'
import {type Roster, openRoster} from '../schema/roster.js'
import {ANSWERS} from './columns.js'
import {checkCorrection} from './correction.js'
import {IDENTITY_FIELDS, type IdentityCells, identityCheck} from './identity.js'
import {type AnswerLine, readAnswers} from './read.js'

// `liushou apply ROSTER --answers …` (docs/packets.md): the answers of returned packets go back
// into the roster. A corrected value is checked and written into a new roster (same rows, order
// and columns; only answered cells change); a confirmed finding becomes an exception; the rest
// stays open. A line is never applied to another child: its row must still hash to the packet's
// 校验, else it is refused, line by line.

export interface ApplyOptions extends CommonOptions {
  roster: DatasetInput
  answers: string[]
  output: string
  /** The change log (CSV, TSV or XLSX by extension). */
  changes?: string
  /** Where confirmed findings go (JSON Lines; created when missing). */
  exceptions: string
  outputEncoding: OutputEncoding
}

export interface ApplyResult {
  report: Report
  corrected: number
  confirmed: number
  open: number
  refused: number
  exceptionsWritten: number
}

interface Change {
  row: number
  column: string
  before: string
  after: string
  by: string
  on: string
  packet: string
}

const CHANGE_HEADERS = {
  zh: ['行号', '列', '原值', '新值', '核实人', '核实日期', '核实单'],
  en: ['row', 'column', 'before', 'after', 'checked by', 'checked on', 'packet'],
}

/** The roster's identity cells of a row, for the 校验 comparison. */
function identityOf(roster: Roster, cells: readonly string[]): IdentityCells {
  const out: IdentityCells = {}
  for (const f of IDENTITY_FIELDS) {
    const i = roster.fieldIndex.get(f)
    if (i !== undefined && (cells[i] ?? '') !== '') out[f] = cells[i]!
  }
  return out
}

/** The roster column an answer corrects: by its header as the packet wrote it (字段). */
function columnOf(roster: Roster, header: string): number | undefined {
  const want = header.normalize('NFKC').replace(/\s+/g, '')
  const hit = roster.columns.find((c) => c.header.normalize('NFKC').replace(/\s+/g, '') === want)
  return hit?.index
}

async function existingFingerprints(file: string): Promise<Set<string>> {
  try {
    const text = await readFile(file, 'utf8')
    const out = new Set<string>()
    for (const line of text.split(/\r?\n/)) {
      const m = /"fingerprint"\s*:\s*"([0-9a-f]{16})"/.exec(line)
      if (m) out.add(m[1]!)
    }
    return out
  } catch {
    return new Set()
  }
}

export async function applyAnswers(options: ApplyOptions): Promise<ApplyResult> {
  const lang = options.lang
  assertNotInput(options.output, [options.roster.file])
  if (options.changes) assertNotInput(options.changes, [options.roster.file, options.output])
  const {lines, packets} = await readAnswers(options.answers)
  const roster = await openRoster(options.roster.file, {
    dataset: options.roster.dataset,
    department: options.roster.department,
    encoding: options.encoding,
    sheet: options.sheet,
    columns: options.columns,
  })

  const collector = new FindingCollector({lang, includeInfo: true, listSettled: options.includeInfo})
  collector.registerDataset(roster.dataset, roster.department)
  const packetDataset = (file: string) => path.basename(file)
  const at = (line: AnswerLine) => ({dataset: packetDataset(line.packet), file: line.packet, row: line.line})
  let corrected = 0
  let confirmed = 0
  let open = 0
  let refused = 0

  // Lines of this roster, by the row they answer; lines of another dataset are passed over.
  const byRow = new Map<number, AnswerLine[]>()
  for (const line of lines) {
    if (line.dataset !== roster.dataset) {
      collector.add({code: 'APPLY_OTHER_ROSTER', ref: at(line), params: {dataset: line.dataset}})
      continue
    }
    const list = byRow.get(line.row) ?? []
    list.push(line)
    byRow.set(line.row, list)
  }

  const exceptionLines: string[] = []
  const known = await existingFingerprints(options.exceptions)
  const changes: Change[] = []
  const answered = new Map<string, string>()

  const header = roster.preamble.at(-1)?.cells ?? roster.columns.map((c) => c.header)
  const preamble = roster.preamble.slice(0, -1).map((r) => r.cells)
  const writer = await createTableWriter(options.output, header, {encoding: options.outputEncoding, preamble, sheetName: roster.source.sheet, mode: 0o600})
  let lastRow = roster.preamble.at(-1)?.row ?? 0
  let rows = 0
  try {
    for await (const row of roster.rows) {
      rows++
      for (let r = lastRow + 1; r < row.ref.row; r++) await writer.write([])
      lastRow = row.ref.row
      const answers = byRow.get(row.ref.row)
      if (answers) {
        byRow.delete(row.ref.row)
        const check = identityCheck(roster.dataset, identityOf(roster, row.cells))
        for (const line of answers) {
          if (line.check === '' || line.check.toLowerCase() !== check) {
            refused++
            collector.add({code: 'APPLY_REFUSED_IDENTITY', ref: at(line), params: {row: line.row, reason: line.check === '' ? (lang === 'zh' ? '核实单没有校验值' : 'the packet line has no check value') : lang === 'zh' ? '姓名、性别、身份证号或出生日期已不同' : 'the name, sex, ID number or birth date is no longer the same'}})
            continue
          }
          const result = line.result
          const who = line.checkedBy || (lang === 'zh' ? '未署名' : 'unsigned')
          if (result === 'corrected') {
            const column = columnOf(roster, line.column)
            if (column === undefined) {
              open++
              collector.add({code: 'APPLY_NO_FIELD', ref: at(line), params: {reason: line.column === '' ? (lang === 'zh' ? '问题不针对某一列' : 'the finding names no column') : lang === 'zh' ? `名册中没有“${line.column}”列` : `the roster has no column "${line.column}"`}})
              continue
            }
            const field = roster.columns[column]?.field
            const checked = checkCorrection(field, line.corrected, options.asOf, lang)
            if (!checked.ok) {
              refused++
              collector.add({code: 'APPLY_INVALID_VALUE', ref: at(line), field, column: line.column, value: line.corrected, params: {reason: checked.reason}})
              continue
            }
            const key = `${row.ref.row}\u0000${column}`
            const earlier = answered.get(key)
            if (earlier !== undefined && earlier !== checked.value) {
              refused++
              collector.add({code: 'APPLY_INVALID_VALUE', ref: at(line), field, column: line.column, value: line.corrected, params: {reason: lang === 'zh' ? `另一条答复已将该单元格更正为 ${earlier}` : `another answer already corrected this cell to ${earlier}`}})
              continue
            }
            answered.set(key, checked.value)
            const before = row.cells[column] ?? ''
            while (row.cells.length <= column) row.cells.push('')
            row.cells[column] = checked.value
            corrected++
            if (before !== checked.value) changes.push({row: row.ref.row, column: line.column, before, after: checked.value, by: who, on: line.checkedOn, packet: path.basename(line.packet)})
            collector.add({code: 'APPLY_CORRECTED', ref: at(line), field, column: line.column, value: checked.value, expected: before, params: {column: line.column, before: before || '—', after: checked.value, by: who}})
          } else if (result === 'confirmed') {
            confirmed++
            if (!known.has(line.fingerprint)) {
              known.add(line.fingerprint)
              const field = roster.columns[columnOf(roster, line.column) ?? -1]?.field
              exceptionLines.push(
                JSON.stringify({
                  fingerprint: line.fingerprint,
                  code: line.code,
                  ...(field ? {field} : {}),
                  dataset: roster.dataset,
                  reason: line.note,
                  by: who,
                  date: line.checkedOn,
                  packet: path.basename(line.packet),
                }),
              )
            }
            collector.add({code: 'APPLY_CONFIRMED', ref: at(line), params: {by: who}})
          } else {
            open++
            const label = result ? ANSWERS[lang][result] : line.resultText || (lang === 'zh' ? '未填写' : 'no answer')
            collector.add({code: 'APPLY_OPEN', ref: at(line), params: {result: label, note: line.note || '—'}})
          }
        }
      }
      await writer.write(row.cells)
    }
    await writer.close()
  } catch (error) {
    await writer.abort()
    throw error
  }
  // Answers to rows the roster does not have: another roster, or rows removed since.
  for (const list of byRow.values()) {
    for (const line of list) {
      refused++
      collector.add({code: 'APPLY_REFUSED_IDENTITY', ref: at(line), params: {row: line.row, reason: lang === 'zh' ? '名册中没有这一行' : 'the roster has no such row'}})
    }
  }
  if (exceptionLines.length > 0) {
    try {
      await appendFile(options.exceptions, `${exceptionLines.join('\n')}\n`, {mode: 0o600})
    } catch (error) {
      throw new UserError(`cannot write the exceptions file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, options.exceptions)
    }
  }
  if (options.changes) {
    const log = await createTableWriter(options.changes, CHANGE_HEADERS[lang], {encoding: options.outputEncoding, mode: 0o600})
    for (const c of changes) await log.write([String(c.row), c.column, c.before, c.after, c.by, c.on, c.packet])
    await log.close()
  }

  const inputs: InputInfo[] = [
    ...packets.map((p) => ({dataset: packetDataset(p.file), file: p.file, format: 'xlsx' as const, sheet: p.sheet, rows: p.lines})),
    {dataset: roster.dataset, ...(roster.department ? {department: roster.department} : {}), file: roster.source.file, format: roster.source.format, rows},
  ]
  const report = assembleReport({command: 'apply', asOf: options.asOf, inputs, collector, rows: lines.length})
  return {report, corrected, confirmed, open, refused, exceptionsWritten: exceptionLines.length}
}
