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
import {openRoster} from '../schema/roster.js'
import {AnswerApplier} from './applier.js'
import {readAnswers} from './read.js'

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

const CHANGE_HEADERS = {
  zh: ['行号', '列', '原值', '新值', '核实人', '核实日期', '核实单'],
  en: ['row', 'column', 'before', 'after', 'checked by', 'checked on', 'packet'],
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
  const applier = new AnswerApplier(collector, roster.dataset, options.asOf, lang)
  const byRow = applier.byRow(lines)
  const known = await existingFingerprints(options.exceptions)
  const columns = {columns: roster.columns, fieldIndex: roster.fieldIndex}

  const header = roster.preamble.at(-1)?.cells ?? roster.columns.map((c) => c.header)
  const preamble = roster.preamble.slice(0, -1).map((r) => r.cells)
  const writer = await createTableWriter(options.output, header, {encoding: options.outputEncoding, preamble, sheetName: roster.source.sheet, private: true})
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
        applier.applyRow(row.ref.row, row.cells, columns, answers)
      }
      await writer.write(row.cells)
    }
    await writer.close()
  } catch (error) {
    await writer.abort()
    throw error
  }
  // Answers to rows the roster does not have: another roster, or rows removed since.
  for (const list of byRow.values()) applier.unmatched(list)
  const exceptionLines = applier.confirmations
    .filter((c) => !known.has(c.line.fingerprint) && (known.add(c.line.fingerprint), true))
    .map((c) =>
      JSON.stringify({
        fingerprint: c.line.fingerprint,
        code: c.line.code,
        ...(c.field ? {field: c.field} : {}),
        dataset: roster.dataset,
        reason: c.line.note,
        by: c.by,
        date: c.line.checkedOn,
        packet: path.basename(c.line.packet),
      }),
    )
  const changes = applier.changes
  const {corrected, confirmed, open, refused} = applier
  if (exceptionLines.length > 0) {
    try {
      await appendFile(options.exceptions, `${exceptionLines.join('\n')}\n`, {mode: 0o600})
    } catch (error) {
      throw new UserError({en: `cannot write the exceptions file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, zh: `无法写入例外文件（${(error as NodeJS.ErrnoException).code ?? 'error'}）`}, options.exceptions)
    }
  }
  if (options.changes) {
    const log = await createTableWriter(options.changes, CHANGE_HEADERS[lang], {encoding: options.outputEncoding, private: true})
    for (const c of changes) await log.write([String(c.row), c.column, c.before, c.after, c.by, c.on, c.packet])
    await log.close()
  }

  const inputs: InputInfo[] = [
    ...packets.map((p) => ({dataset: path.basename(p.file), file: p.file, format: 'xlsx' as const, sheet: p.sheet, rows: p.lines})),
    {dataset: roster.dataset, ...(roster.department ? {department: roster.department} : {}), file: roster.source.file, format: roster.source.format, rows},
  ]
  const report = assembleReport({command: 'apply', asOf: options.asOf, inputs, collector, rows: lines.length})
  return {report, corrected, confirmed, open, refused, exceptionsWritten: exceptionLines.length}
}
