import path from 'node:path'

import {type TableWriter, createTableWriter} from '../io/write-table.js'
import {writeFileAtomic} from '../io/atomic-write.js'
import {maskValue} from '../mask.js'
import type {Lang, MaskMode} from '../findings/model.js'
import type {ChangeReason} from '../schema/change-reasons.js'

export interface ChangeEntry {
  row: number
  column: string
  field: string
  before: string
  after: string
  reason: ChangeReason
}

// The header of a CSV, TSV or XLSX log in the run's language; the JSON log keeps the keys above.
const HEADER = {
  en: ['row', 'column', 'field', 'before', 'after', 'reason'],
  zh: ['行号', '列', '字段', '修改前', '修改后', '修改原因'],
} as const

export interface ChangeLog {
  add(entry: ChangeEntry): Promise<void>
  close(): Promise<void>
  abort(): Promise<void>
}

/** JSON change log: one array streamed through a bounded queue into an atomic write. */
function jsonLog(file: string, isPrivate: boolean): ChangeLog {
  const queue: string[] = []
  let wake: (() => void) | undefined
  let ended = false
  let failed: Error | undefined
  let first = true
  async function* chunks(): AsyncGenerator<string> {
    yield '[\n'
    for (;;) {
      if (failed) throw failed
      if (queue.length > 0) {
        yield queue.splice(0, queue.length).join('')
        continue
      }
      if (ended) break
      await new Promise<void>((resolve) => (wake = resolve))
      wake = undefined
    }
    yield '\n]\n'
  }
  const done = writeFileAtomic(file, chunks(), {private: isPrivate})
  done.catch(() => {})
  let pending = 0
  return {
    async add(entry) {
      queue.push(`${first ? '' : ',\n'}${JSON.stringify(entry)}`)
      first = false
      wake?.()
      // Let the writer drain now and then so that the queue stays small.
      if (++pending % 2000 === 0) await new Promise((resolve) => setImmediate(resolve))
    },
    async close() {
      ended = true
      wake?.()
      await done
    },
    async abort() {
      failed = new Error('aborted')
      wake?.()
      await done.catch(() => {})
    },
  }
}

function tableLog(writer: TableWriter): ChangeLog {
  return {
    add: (e) => writer.write([String(e.row), e.column, e.field, e.before, e.after, e.reason]),
    close: () => writer.close(),
    abort: () => writer.abort(),
  }
}

/**
 * Opens the change log of `--changes FILE` (CSV, TSV, XLSX or JSON by extension), masked per
 * `mask`; a workbook's header is frozen and filtered (one line per changed cell: thousands).
 */
export async function openChangeLog(file: string, mask: MaskMode, lang: Lang = 'en'): Promise<ChangeLog> {
  // Unmasked, the log holds every changed ID number before and after: readable by its owner only.
  const isPrivate = mask === 'none'
  const inner = path.extname(file).toLowerCase() === '.json' ? jsonLog(file, isPrivate) : tableLog(await createTableWriter(file, [...HEADER[lang]], {private: isPrivate, filter: true, sheetName: lang === 'zh' ? '修改记录' : 'Changes'}))
  if (mask === 'none') return inner
  return {
    add: (e) => inner.add({...e, before: maskValue(e.field, e.before, mask), after: maskValue(e.field, e.after, mask)}),
    close: () => inner.close(),
    abort: () => inner.abort(),
  }
}
