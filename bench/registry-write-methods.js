// How to move a snapshot's rows between JS and DuckDB: the ways measured before choosing JSON
// text (src/registry/snapshots.ts). Each method runs in its own process on the same N synthetic
// rows (registry-data.js) into the registry's own snapshot_rows table, and prints wall and CPU
// seconds (CPU counts DuckDB's threads too) for writing and committing, then reading back.
//   npm run build && node bench/registry-write-methods.js [ROWS]      (default 100,000)
//   methods: vectors  a data chunk per 2,048 rows, the LIST and STRUCT vectors filled from JS
//            json     the registry's SnapshotWriter: JSON text appended to a temporary table,
//                     from_json into the LIST and STRUCT; read back with to_json (chosen)
//            csv      a temporary CSV file written by Node (cells and canonical values as JSON
//                     columns), then INSERT … SELECT from read_csv with from_json
import {spawnSync} from 'node:child_process'
import {closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {DuckDBDataChunk, DuckDBInstance, DuckDBListVector, DuckDBStructVector, listValue} from '@duckdb/node-api'

import {openRegistry} from '../dist/src/registry/index.js'
import {CANONICAL_FIELDS, MIGRATIONS} from '../dist/src/registry/schema.js'
import {Db} from '../dist/src/registry/db.js'
import {FIELDS, HEADER, person} from './registry-data.js'

const [rowsArg, method] = process.argv.slice(2)
const rows = Number(rowsArg ?? 100_000)

if (!method) {
  for (const m of ['vectors', 'json', 'csv']) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), String(rows), m], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']})
    process.stdout.write(r.stdout)
  }
  process.exit(0)
}

const people = Array.from({length: rows}, (_, i) => person(i))
const canonicalOf = (cells) => {
  const c = {}
  for (let k = 0; k < FIELDS.length; k++) if (cells[k] !== '') c[FIELDS[k]] = cells[k]
  return c
}
const dir = mkdtempSync(path.join(os.tmpdir(), 'liushou-write-methods-'))
const file = path.join(dir, 'r.duckdb')
const childId = (i) => `LS430524-${String(i + 1).padStart(7, '0')}`

function clock() {
  const t = performance.now()
  const cpu = process.cpuUsage()
  return () => {
    const u = process.cpuUsage(cpu)
    return `${((performance.now() - t) / 1000).toFixed(2)} s wall, ${((u.user + u.system) / 1e6).toFixed(2)} s CPU`
  }
}

try {
  let write
  let read
  if (method === 'json') {
    const registry = await openRegistry(file, {create: true})
    let done = clock()
    await registry.transaction(async (tx) => {
      const writer = await tx.snapshotWriter({department: 'civil', asOf: '2026-09-01', ingestId: 1, files: [{name: 'a.csv', sha256: 'x', dataset: 'a', header: HEADER, fields: FIELDS}]})
      for (const [i, cells] of people.entries()) await writer.append({fileIndex: 0, row: i + 2, cells, canonical: canonicalOf(cells), childId: childId(i)})
      await writer.finish()
    })
    write = done()
    done = clock()
    let n = 0
    for await (const row of registry.snapshotRows(1)) n += row.cells.length && 1
    read = `${done()} (${n} rows)`
    await registry.close()
  } else {
    // The registry's tables, written by hand.
    const instance = await DuckDBInstance.create(file)
    const c = await instance.connect()
    const db = new Db(c)
    await db.run('BEGIN')
    for (const m of MIGRATIONS) await m.up(db)
    await db.run('COMMIT')
    let done = clock()
    await c.run('BEGIN')
    if (method === 'vectors') {
      const appender = await c.createAppender('snapshot_rows')
      const types = Array.from({length: appender.columnCount}, (_, i) => appender.columnType(i))
      for (let from = 0; from < rows; from += 2048) {
        const n = Math.min(2048, rows - from)
        const chunk = DuckDBDataChunk.create(types, n)
        const v = types.map((_, i) => chunk.getColumnVector(i))
        const entries = CANONICAL_FIELDS.map((_, i) => v[6].entryVectorAt(i))
        for (let j = 0; j < n; j++) {
          const cells = people[from + j]
          const canonical = canonicalOf(cells)
          v[0].setItem(j, 1)
          v[1].setItem(j, from + j)
          v[2].setItem(j, 0)
          v[3].setItem(j, from + j + 2)
          v[4].setItem(j, childId(from + j))
          v[5].setItem(j, listValue(cells))
          for (let k = 0; k < CANONICAL_FIELDS.length; k++) entries[k].setItem(j, canonical[CANONICAL_FIELDS[k]] ?? null)
        }
        for (const vector of v) vector.flush()
        appender.appendDataChunk(chunk)
      }
      appender.closeSync()
    } else {
      const csv = path.join(dir, 'rows.csv')
      const quote = (s) => `"${s.replaceAll('"', '""')}"`
      const fd = openSync(csv, 'w', 0o600)
      let buffer = ''
      for (const [i, cells] of people.entries()) {
        buffer += `${i},${i + 2},${childId(i)},${quote(JSON.stringify(cells))},${quote(JSON.stringify(canonicalOf(cells)))}\n`
        if (buffer.length > 1 << 20) {
          writeSync(fd, buffer)
          buffer = ''
        }
      }
      writeSync(fd, buffer)
      closeSync(fd)
      const spec = JSON.stringify(Object.fromEntries(CANONICAL_FIELDS.map((k) => [k, 'VARCHAR'])))
      await c.run(`INSERT INTO snapshot_rows SELECT 1, o, 0, r, c, from_json(x, '["VARCHAR"]'), from_json(k, '${spec}')
        FROM read_csv('${csv}', header = false, columns = {'o': 'INTEGER', 'r': 'INTEGER', 'c': 'VARCHAR', 'x': 'VARCHAR', 'k': 'VARCHAR'}, quote = '"', escape = '"')`)
    }
    await c.run('COMMIT')
    write = done()
    if (method === 'vectors') {
      done = clock()
      let n = 0
      for (let from = 0; from < rows; from += 16_384) {
        const result = await c.run(`SELECT cells, canonical FROM snapshot_rows WHERE ordinal >= ${from} AND ordinal < ${from + 16_384} ORDER BY ordinal`)
        for (let ci = 0; ci < result.chunkCount; ci++) {
          const chunk = result.getChunk(ci)
          const cells = chunk.getColumnVector(0)
          const struct = chunk.getColumnVector(1)
          if (!(cells instanceof DuckDBListVector) || !(struct instanceof DuckDBStructVector)) throw new Error('types')
          const entries = CANONICAL_FIELDS.map((_, i) => struct.entryVectorAt(i))
          for (let j = 0; j < chunk.rowCount; j++) {
            const start = cells.getEntryOffset(j)
            const list = Array.from({length: cells.getEntryLength(j)}, (_, k) => cells.childVector.getItem(start + k))
            const canonical = {}
            for (let k = 0; k < entries.length; k++) {
              const value = entries[k].getItem(j)
              if (value !== null) canonical[CANONICAL_FIELDS[k]] = value
            }
            n += list.length && 1
          }
        }
      }
      read = `${done()} (${n} rows)`
    }
    c.closeSync()
    instance.closeSync()
  }
  console.log(`${method.padEnd(8)} ${rows.toLocaleString('en')} rows: write and commit ${write}; read back ${read ?? 'as with json (the same table)'}; file ${(statSync(file).size / rows).toFixed(0)} bytes a row`)
} finally {
  rmSync(dir, {recursive: true, force: true})
}
