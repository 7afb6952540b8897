import type {ParsedDate} from '../cn/dates.js'
import {type OutputFile, assertOutputs} from '../io/atomic-write.js'
import {type OutputEncoding, createTableWriter} from '../io/write-table.js'
import type {CommonOptions} from '../options.js'
import {assembleReport} from '../findings/assemble.js'
import {FindingCollector} from '../findings/collector.js'
import type {Report} from '../findings/model.js'
import {openRoster} from '../schema/roster.js'
import type {AgeLimit, RuleOptions} from '../rules/context.js'
import {type ListKind, defaultKind} from '../schema/dataset-args.js'
import {RosterValidator, inputInfo} from '../rules/validate.js'
import {type CellChange, normalizeCell} from './cells.js'
import {type ChangeLog, openChangeLog} from './change-log.js'
import {DERIVED_HEADERS, derivedValues} from './derived.js'
import type {ChangeReason} from '../schema/change-reasons.js'

export interface NormalizeOptions extends CommonOptions {
  output: string
  changes?: string
  outputEncoding: OutputEncoding
  inPlace: boolean
  ageLimit: AgeLimit
  dataset?: string
  /** The list's department (民政=FILE): names the dataset and gives the default kind. */
  department?: string
  /** Which rules apply (--kind); default from the department. */
  kind?: ListKind
  onProgress?: (rows: number) => void
}

export interface NormalizeResult {
  report: Report
  /** Cells changed per reason. */
  changed: Partial<Record<ChangeReason, number>>
  rowsWritten: number
}

/**
 * `liushou normalize`: the same rows in the same order with the same columns, each mapped value
 * in canonical form where that is certain, the derived columns appended (or refreshed when the
 * file already has them), a change log of every changed cell, and a report of what is left to fix
 * by hand — the values that could not be made canonical with certainty.
 */
export async function normalizeFile(file: string, options: NormalizeOptions): Promise<NormalizeResult> {
  const outputs: OutputFile[] = [{flag: 'output', file: options.output, inPlace: options.inPlace === true, canInPlace: true}]
  if (options.changes) outputs.push({flag: 'changes', file: options.changes})
  assertOutputs(outputs, [file])
  const open = () => openRoster(file, {dataset: options.dataset, department: options.department, encoding: options.encoding, sheet: options.sheet, columns: options.columns})
  const roster = await open()
  const width = roster.columns.length
  // Refresh derived columns a previous run appended instead of appending them twice.
  const derivedAt = DERIVED_HEADERS.map((h) => {
    const existing = roster.columns.find((c) => c.header === h && !c.field)
    return existing ? existing.index : -1
  })
  let next = width
  const derivedIndex = derivedAt.map((i) => (i >= 0 ? i : next++))
  const outWidth = next

  const headerRows = roster.preamble
  const lastHeader = headerRows.length > 0 ? headerRows[headerRows.length - 1]!.cells : []
  const header = padTo([...lastHeader], width)
  for (let k = 0; k < DERIVED_HEADERS.length; k++) header[derivedIndex[k]!] = DERIVED_HEADERS[k]!
  const preamble = headerRows.slice(0, -1).map((r) => r.cells)

  const writer = await createTableWriter(options.output, padTo(header, outWidth), {
    encoding: options.outputEncoding,
    preamble,
    sheetName: roster.source.sheet,
    // The cleaned roster is the roster itself, every value in clear.
    private: true,
  })
  let changeLog: ChangeLog | undefined
  const changed: Partial<Record<ChangeReason, number>> = {}
  const collector = new FindingCollector({lang: options.lang, includeInfo: options.includeInfo, states: options.states})
  collector.registerDataset(roster.dataset, roster.department)
  const ruleOptions: RuleOptions = {asOf: options.asOf, lang: options.lang, ageLimit: options.ageLimit, kind: options.kind ?? defaultKind(options.department)}
  const validator = new RosterValidator(roster, ruleOptions, collector, undefined, async () => (await open()).rows)
  const nameAt = roster.fieldIndex.get('name')
  const regionAt = roster.fieldIndex.get('regionCode')
  const idAt = roster.fieldIndex.get('idNumber')
  const birthDate = (): ParsedDate => validator.current.birthDate()
  const fields = roster.columns.filter((c) => c.field && roster.fieldIndex.get(c.field) === c.index) as {index: number; header: string; field: string}[]
  // One output row, refilled for every input row: writers do not keep the arrays they are given,
  // and a fresh array a row, grown by the derived columns, was a large share of the garbage.
  const out = new Array<string>(outWidth).fill('')
  let lastRow = roster.preamble.at(-1)?.row ?? 0
  let rows = 0
  try {
    if (options.changes) changeLog = await openChangeLog(options.changes, options.mask, options.lang)
    for await (const row of roster.rows) {
      rows++
      if (options.onProgress && (rows & 0x3fff) === 0) options.onProgress(rows)
      // Blank rows are kept so that row N of the output is row N of the input.
      for (let r = lastRow + 1; r < row.ref.row; r++) await writer.write([])
      lastRow = row.ref.row
      if (row.ragged !== undefined) {
        // Shifted cells cannot be normalized safely: the row goes out as it came, and is reported.
        validator.row(row)
        await writer.write(row.cells)
        continue
      }
      // The row is this loop's own (readers make a new array for every row): it is normalized in
      // place, then copied into `out` with the derived columns.
      const cells = row.cells
      for (const col of fields) {
        const before = cells[col.index] ?? ''
        const change: CellChange | undefined = normalizeCell(col.field, before)
        if (!change) continue
        cells[col.index] = change.after
        changed[change.reason] = (changed[change.reason] ?? 0) + 1
        await changeLog?.add({row: row.ref.row, column: col.header, field: col.field, before, after: change.after, reason: change.reason})
      }
      validator.row(row)
      const derived = derivedValues({
        name: nameAt === undefined ? '' : (cells[nameAt] ?? ''),
        id: idAt !== undefined && (cells[idAt] ?? '') !== '' ? validator.current.id('idNumber') : undefined,
        birthDate,
        regionCode: regionAt === undefined ? '' : (cells[regionAt] ?? ''),
        asOf: options.asOf,
      })
      // Trailing cells past the output's width (empty ones, or the row would be ragged) stay.
      const line = cells.length > outWidth ? cells : out
      if (line === out) {
        for (let i = 0; i < cells.length; i++) out[i] = cells[i]!
        out.fill('', cells.length)
      }
      for (let k = 0; k < derived.length; k++) line[derivedIndex[k]!] = derived[k]!
      await writer.write(line)
    }
    await validator.finish()
    await writer.close()
    await changeLog?.close()
  } catch (error) {
    await writer.abort()
    await changeLog?.abort()
    throw error
  }
  const report = assembleReport({command: 'normalize', asOf: options.asOf, inputs: [inputInfo(roster, rows)], collector, rows})
  return {report, changed, rowsWritten: rows}
}

function padTo(cells: string[], width: number): string[] {
  while (cells.length < width) cells.push('')
  return cells
}
