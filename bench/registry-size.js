// Registry size and bulk-write speed: writes two monthly snapshots of N synthetic children (see
// registry-data.js), checkpoints, and prints the file's bytes per child-snapshot row, with the
// time each step took.
//   npm run build && node bench/registry-size.js [ROWS]      (default 320,000)
import {mkdtempSync, rmSync, statSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {openRegistry} from '../dist/src/registry/index.js'
import {COUNTY, FIELDS, HEADER, person, randomHex, randomPhone} from './registry-data.js'

const rows = Number(process.argv[2] ?? 320_000)
const dir = mkdtempSync(path.join(os.tmpdir(), 'liushou-registry-bench-'))
const file = path.join(dir, 'bench.duckdb')
const seconds = (t) => ((performance.now() - t) / 1000).toFixed(2)
/** Wall and CPU seconds since start() (CPU counts DuckDB's threads too). */
function start() {
  const t = performance.now()
  const cpu = process.cpuUsage()
  return () => {
    const u = process.cpuUsage(cpu)
    return `${seconds(t)} s (${((u.user + u.system) / 1e6).toFixed(1)} s of CPU)`
  }
}
try {
  const people = Array.from({length: rows}, (_, i) => person(i))
  console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`)
  let ids = []
  const sizes = []
  for (const [month, asOf] of ['2026-08-01', '2026-09-01'].entries()) {
    // The second month: the same children, 2 % of them with a changed cell.
    if (month === 1) for (let i = 0; i < rows; i += 50) people[i][10] = randomPhone()
    const t = performance.now()
    const cpu = process.cpuUsage()
    const registry = await openRegistry(file, {create: true})
    await registry.transaction(async (tx) => {
      const ingest = await tx.beginIngest({asOf, version: 'bench'})
      const writer = await tx.snapshotWriter({department: 'civil', asOf, ingestId: ingest.id, files: [{name: `civil-${asOf}.csv`, sha256: randomHex(64), dataset: 'civil', format: 'csv', header: HEADER, fields: FIELDS}]})
      if (month === 0) ids = await tx.createChildren(people.map(() => COUNTY), {ingestId: ingest.id, snapshotId: writer.id})
      for (const [i, cells] of people.entries()) {
        const canonical = {}
        for (let c = 0; c < FIELDS.length; c++) if (cells[c] !== '') canonical[FIELDS[c]] = cells[c]
        await writer.append({fileIndex: 0, row: i + 2, cells, canonical, childId: ids[i]})
      }
      await writer.finish()
    })
    const written = seconds(t)
    const t2 = performance.now()
    await registry.close() // checkpoints
    const used = process.cpuUsage(cpu)
    sizes.push(statSync(file).size)
    console.log(`${asOf}: ${rows.toLocaleString('en')} rows × ${HEADER.length} cells written and committed in ${written} s, closed (checkpoint) in ${seconds(t2)} s, ${((used.user + used.system) / 1e6).toFixed(1)} s of CPU; file ${(sizes.at(-1) / 1e6).toFixed(1)} MB`)
  }
  const registry = await openRegistry(file, {create: false, readOnly: true})
  let done = start()
  let n = 0
  for await (const row of registry.snapshotRows(2)) n += row.cells.length > 0 ? 1 : 0
  console.log(`read the latest snapshot back (${n.toLocaleString('en')} rows, cells and canonical values) in ${done()}`)
  done = start()
  n = 0
  for await (const rec of registry.childRecords()) n += rec.canonical.idNumber ? 1 : 0
  console.log(`every child's latest canonical values (${n.toLocaleString('en')}) in ${done()}`)
  const t = performance.now()
  const latest = await registry.latestSnapshot('civil', '2026-12-31')
  const found = await registry.findSnapshot('civil', latest.asOf, latest.files.map((f) => f.sha256))
  console.log(`latest snapshot and idempotence lookup: ${found?.id === latest.id ? 'found' : 'MISSING'} in ${seconds(t)} s`)
  await registry.close()
  console.log(`bytes per child-snapshot row: ${(sizes[0] / rows).toFixed(0)} (one snapshot), ${((sizes[1] - sizes[0]) / rows).toFixed(0)} (the second month added)`)
} finally {
  rmSync(dir, {recursive: true, force: true})
}
