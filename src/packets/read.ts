import {readdir, stat} from 'node:fs/promises'
import path from 'node:path'

import {parseDate} from '../cn/dates.js'
import {UserError} from '../errors.js'
import {openRows} from '../io/open.js'
import {isBlankRow} from '../io/types.js'
import {type Answer, type LineColumn, SHEETS, answerOf, lineColumnOf} from './columns.js'

// Answers as they come back: workbooks re-saved by Excel or WPS, lines reordered, blank lines
// added, files renamed, headers in either language. A line is read by its headers, never by its
// position; a line without a finding id is no answer (a blank or a note someone typed below).

export interface AnswerLine {
  /** The packet file and the line's row in 待核实 (where apply's findings sit). */
  packet: string
  line: number
  fingerprint: string
  dataset: string
  row: number
  code: string
  column: string
  current: string
  /** The answer chosen; undefined when the cell is empty. */
  result?: Answer
  /** The cell as written (an answer outside the list is reported as it is). */
  resultText: string
  corrected: string
  note: string
  checkedBy: string
  checkedOn: string
  check: string
}

export interface AnswerPacket {
  file: string
  sheet: string
  lines: number
}

/** 核实日期 as YYYY-MM-DD when it reads as a date (a re-saved workbook may hold an Excel serial). */
function isoDate(text: string): string {
  const d = parseDate(text)
  return d.kind === 'date' ? d.iso : text
}

const REQUIRED: readonly LineColumn[] = ['fingerprint', 'dataset', 'row', 'result']

/** The workbooks (and CSV copies) among the paths, folders expanded; index.xlsx is no packet. */
async function packetFiles(paths: readonly string[]): Promise<{file: string; explicit: boolean}[]> {
  const out: {file: string; explicit: boolean}[] = []
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined)
    if (!info) throw new UserError({en: 'no such file or folder', zh: '文件或文件夹不存在'}, p)
    if (!info.isDirectory()) {
      out.push({file: p, explicit: true})
      continue
    }
    const names = (await readdir(p)).filter((n) => /\.(xlsx|csv)$/i.test(n) && !/^index\.xlsx$/i.test(n) && !n.startsWith('~$') && !n.startsWith('.')).sort()
    for (const n of names) out.push({file: path.join(p, n), explicit: false})
  }
  return out
}

/** Reads the answers of every packet among `paths`. A folder's other workbooks are passed over. */
export async function readAnswers(paths: readonly string[]): Promise<{lines: AnswerLine[]; packets: AnswerPacket[]}> {
  const lines: AnswerLine[] = []
  const packets: AnswerPacket[] = []
  for (const {file, explicit} of await packetFiles(paths)) {
    let source
    try {
      source = await openRows(file, /\.xlsx$/i.test(file) ? {sheet: SHEETS.lines} : {})
    } catch (error) {
      if (explicit) throw error instanceof UserError ? new UserError({en: `is not a packet: ${error.texts.en}`, zh: `不是核实单：${error.texts.zh}`}, file) : error
      continue
    }
    let columns: Map<LineColumn, number> | undefined
    let count = 0
    for await (const raw of source.rows) {
      if (isBlankRow(raw.cells)) continue
      if (!columns) {
        const found = new Map<LineColumn, number>()
        raw.cells.forEach((c, i) => {
          const col = lineColumnOf(c)
          if (col && !found.has(col)) found.set(col, i)
        })
        if (REQUIRED.every((c) => found.has(c))) columns = found
        else if (raw.row >= 20) break
        continue
      }
      const at = columns
      const get = (c: LineColumn): string => {
        const i = at.get(c)
        return i === undefined ? '' : (raw.cells[i] ?? '').trim()
      }
      const fingerprint = get('fingerprint').toLowerCase()
      if (!/^[0-9a-f]{16}$/.test(fingerprint)) continue
      const resultText = get('result')
      const line: AnswerLine = {
        packet: file,
        line: raw.row,
        fingerprint,
        dataset: get('dataset'),
        row: Number(get('row')),
        code: get('code'),
        column: get('column'),
        current: get('current'),
        resultText,
        corrected: get('corrected'),
        note: get('note'),
        checkedBy: get('checkedBy'),
        checkedOn: isoDate(get('checkedOn')),
        check: get('check'),
      }
      const result = answerOf(resultText)
      if (result) line.result = result
      lines.push(line)
      count++
    }
    if (!columns) {
      if (explicit) throw new UserError({en: `has no sheet ${SHEETS.lines} with the packet's columns (问题编号, 数据集, 行号, 核实结果)`, zh: `没有含核实单各列（问题编号、数据集、行号、核实结果）的工作表“${SHEETS.lines}”`}, file)
      continue
    }
    packets.push({file, sheet: SHEETS.lines, lines: count})
  }
  return {lines, packets}
}
