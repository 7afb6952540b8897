// A stand-in for an ingest, run as a child process by transaction.test.ts: opens the registry,
// and in one transaction records an ingest, gives child numbers and writes a large snapshot and
// its findings. Everything it writes is a function of its arguments, so two runs write the same.
// It says `begin` when the transaction has started, `step N` as it goes (every 4,000 rows, then
// after the snapshot and after the findings: 52 steps), and `committed` once it has committed.
//   node ingest-child.js TRANSPILED_DIR REGISTRY ROWS
import path from 'node:path'
import {pathToFileURL} from 'node:url'

const [dir, file, rowsArg] = process.argv.slice(2)
const {openRegistry} = await import(pathToFileURL(path.join(dir, 'src/registry/index.js')).href)
const rows = Number(rowsArg)
const FIELDS = ['seq', 'name', 'gender', 'idNumber', 'village', 'guardianPhone']
const registry = await openRegistry(file, {create: false})
await registry.transaction(async (tx) => {
  console.log('begin')
  console.log('step 0')
  const ingest = await tx.beginIngest({asOf: '2026-09-01', at: '2026-09-02T01:00:00Z', version: 'test'})
  const writer = await tx.snapshotWriter({
    department: 'civil',
    asOf: '2026-09-01',
    ingestId: ingest.id,
    ingestedAt: ingest.at,
    files: [{name: 'civil-2026-09.csv', sha256: 'f'.repeat(64), dataset: 'civil', format: 'csv', header: FIELDS, fields: FIELDS}],
  })
  const batch = 4000
  for (let i = 0; i < rows; i += batch) {
    const n = Math.min(batch, rows - i)
    const ids = await tx.createChildren(Array.from({length: n}, (_, k) => ((i + k) % 3 === 0 ? '430524' : '430525')), {ingestId: ingest.id, snapshotId: writer.id})
    for (let k = 0; k < n; k++) {
      const r = i + k
      const cells = [String(r + 1), `张${r}`, r % 2 ? '男' : '女', `4305242010${String(r).padStart(8, '0')}`, `第${r % 50}村`, `138${String(r).padStart(8, '0')}`]
      const canonical = Object.fromEntries(FIELDS.map((f, c) => [f, cells[c]]))
      await writer.append({fileIndex: 0, row: r + 2, cells, canonical, childId: ids[k]})
    }
    console.log(`step ${i / batch + 1}`)
  }
  await writer.finish()
  console.log(`step ${rows / batch + 1}`)
  const findings = []
  for (let r = 0; r < rows; r += 50) {
    findings.push({fingerprint: `fp${r}`, code: 'PHONE_INVALID', severity: 'warning', message: 'm', field: 'guardianPhone', department: 'civil', dataset: 'civil', file: 'civil-2026-09.csv', row: r + 2, childId: `LS430524-${String(r / 3 + 2).padStart(7, '0')}`})
  }
  await tx.recordFindings(ingest, findings)
  console.log(`step ${rows / batch + 2}`)
})
console.log('committed')
await registry.close()
