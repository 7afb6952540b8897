import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {shortRowsAreRagged} from '../schema/roster.js'
import {sqlString} from './db.js'
import type {RegistryReader} from './reader.js'
import {type SnapshotColumns, snapshotColumns} from './snapshot-columns.js'
import type {SnapshotWriter} from './snapshots.js'
import type {SnapshotInfo} from './types.js'

// The checks (validate, crosscheck, diff, risk) read rosters from files. A stored snapshot is
// written back out as one temporary CSV per department — its files one after another under the
// snapshot's columns (snapshot-columns.ts) — with, for every line, the file, row and child number it came from, so
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

/** A CSV cell as the table writer writes it verbatim: quoted, quotes doubled, only when it holds a comma, a quote or a line break. */
const cellSql = (x: string): string =>
  `CASE WHEN contains(${x}, '"') OR contains(${x}, ',') OR contains(${x}, chr(10)) OR contains(${x}, chr(13)) THEN '"' || replace(${x}, '"', '""') || '"' ELSE ${x} END`

/** One CSV line, CR included (the file's CRLF, with the LF the COPY writes), of a list of cells. */
const lineSql = (cells: string): string => `array_to_string(list_transform(${cells}, x -> ${cellSql("coalesce(x, '')")}), ',') || chr(13)`

/**
 * A row's cells under the snapshot's columns (snapshot-columns.ts cellsUnder), in SQL. A row of a
 * workbook (any file but a CSV) that ends before the header does is filled out with empty cells:
 * a workbook does not keep trailing empty cells, and the checks read the CSV written here, where a
 * short row is a ragged one (schema/roster.ts).
 */
function cellsSql(columns: SnapshotColumns, snapshot: SnapshotInfo): string {
  const width = columns.header.length
  if (columns.asFirst) {
    const workbooks = snapshot.files.flatMap((f, j) => (shortRowsAreRagged(f.format ?? 'csv') ? [] : [j]))
    if (workbooks.length === 0) return 'cells'
    return `CASE WHEN file_index IN (${workbooks.join(', ')}) AND len(cells) < ${width} THEN list_resize(cells, ${width}, '') ELSE cells END`
  }
  const moved = columns.maps.map((map, j) => {
    const source = new Array<number>(width).fill(-1)
    map.forEach((k, i) => {
      source[k] = i
    })
    const under = `[${source.map((i) => (i < 0 ? `''` : `coalesce(cells[${i + 1}], '')`)).join(', ')}]::VARCHAR[]`
    return `WHEN ${j} THEN list_concat(${under}, cells[${map.length + 1}:])`
  })
  return `CASE file_index ${moved.join(' ')} END`
}

export async function materialize(reader: RegistryReader, snapshot: SnapshotInfo, dir: string): Promise<Materialized> {
  const written = await writeOut(reader, snapshot, `(SELECT ordinal, file_index, cells FROM snapshot_rows WHERE snapshot_id = ${Number(snapshot.id)})`, dir)
  await readOrigins(reader, written)
  return written
}

/**
 * A new list's rows written out as soon as they are staged, before linkage gives them their
 * children, so that its validate can start then (checks.ts); `placeStaged` once it is stored.
 * The same file `materialize` writes of the stored snapshot.
 */
export async function materializeStaged(reader: RegistryReader, writer: SnapshotWriter, dir: string): Promise<Materialized> {
  return writeOut(reader, writer.stagedSnapshot, writer.stagedCells, dir)
}

/** A list `materializeStaged` wrote out, now stored: the snapshot as recorded, and each line's child. */
export async function placeStaged(reader: RegistryReader, m: Materialized, snapshot: SnapshotInfo): Promise<void> {
  if (snapshot.id !== m.snapshot.id || m.origins.length > 2) throw new Error(`registry: snapshot ${snapshot.id} is not the one written out, or was placed before`)
  m.snapshot = snapshot
  await readOrigins(reader, m)
}

/** Writes out `rows` — (ordinal, file_index, cells) of the snapshot — with the header of its columns; origins to come. */
async function writeOut(reader: RegistryReader, snapshot: SnapshotInfo, rows: string, dir: string): Promise<Materialized> {
  const file = path.join(dir, `${snapshot.department}-${snapshot.id}.csv`)
  const columns = snapshotColumns(snapshot)
  const header = columns.header
  // Verbatim (the checks must see the cells the list holds, not their spreadsheet-safe form), the
  // table writer's CSV, written by DuckDB without the cells crossing to JS; private from the start.
  writeFileSync(file, '', {mode: 0o600})
  const headerList = `[${header.map((h) => sqlString(h)).join(', ')}]::VARCHAR[]`
  await reader.query(
    `COPY (SELECT line FROM (
             SELECT -1 AS ordinal, ${lineSql(headerList)} AS line
             UNION ALL
             SELECT ordinal, ${lineSql(cellsSql(columns, snapshot))} FROM ${rows}
           ) ORDER BY ordinal)
       TO ${sqlString(file)} (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\x01')`,
  )
  return {department: snapshot.department, snapshot, path: file, origins: [undefined, undefined]}
}

async function readOrigins(reader: RegistryReader, m: Materialized): Promise<void> {
  for await (const r of reader.snapshotOrigins(m.snapshot.id)) m.origins.push({fileIndex: r.fileIndex, row: r.row, childId: r.childId})
}
