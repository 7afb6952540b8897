import path from 'node:path'

import {createTableWriter} from '../io/write-table.js'
import type {RegistryReader} from './reader.js'
import type {SnapshotInfo} from './types.js'

// The checks (validate, crosscheck, diff, risk) read rosters from files. A stored snapshot is
// written back out as one temporary CSV per department — its files one after another under the
// first file's header — with, for every line, the file, row and child number it came from, so
// that each finding names the snapshot's file as ingested and the row a spreadsheet shows.

export interface Origin {
  fileIndex: number
  row: number
  childId: string
}

export interface Materialized {
  department: string
  snapshot: SnapshotInfo
  /** The temporary CSV. */
  path: string
  /** Line of the CSV (1 = header) → where it came from; undefined for the header. */
  origins: (Origin | undefined)[]
}

/** Column k of the first file that a column of file j lands in: by canonical field, else by header. */
function columnMap(snapshot: SnapshotInfo): number[][] {
  const first = snapshot.files[0]!
  return snapshot.files.map((f, j) => {
    if (j === 0) return f.header.map((_, i) => i)
    return f.header.map((h, i) => {
      const field = f.fields[i]
      const byField = field ? first.fields.indexOf(field) : -1
      return byField >= 0 ? byField : first.header.indexOf(h)
    })
  })
}

export async function materialize(reader: RegistryReader, snapshot: SnapshotInfo, dir: string): Promise<Materialized> {
  const file = path.join(dir, `${snapshot.department}-${snapshot.id}.csv`)
  const first = snapshot.files[0]
  const header = first ? [...first.header] : []
  const maps = columnMap(snapshot)
  // Verbatim: the checks must see the cells the list holds, not their spreadsheet-safe form.
  const writer = await createTableWriter(file, header, {encoding: 'utf8', private: true, verbatim: true})
  const origins: (Origin | undefined)[] = [undefined, undefined]
  try {
    for await (const r of reader.snapshotCells(snapshot.id)) {
      let cells = r.cells
      if (r.fileIndex > 0) {
        const map = maps[r.fileIndex]!
        cells = new Array<string>(header.length).fill('')
        r.cells.forEach((c, i) => {
          const k = map[i] ?? -1
          if (k >= 0) cells[k] = c
        })
      }
      await writer.write(cells)
      origins.push({fileIndex: r.fileIndex, row: r.row, childId: r.childId})
    }
    await writer.close()
  } catch (error) {
    await writer.abort()
    throw error
  }
  return {department: snapshot.department, snapshot, path: file, origins}
}
