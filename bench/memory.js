// Constant memory for streaming validate (issue #8): validates a 10,000,000-row GB18030 roster in
// its own process and reports rows, seconds and peak resident memory. The one structure that must
// grow with the rows is the set of IDs seen so far (ID_DUPLICATE needs it); its own peak is
// measured apart, in a process that fills an IdRowSet with as many distinct IDs, and subtracted:
// what is left must stay under 1 GB.
//
//   BENCH_10M=1 npm run bench          (through bench/run.js)
//   node bench/memory.js               (after npm run build; BENCH_MEMORY_ROWS to change the size)
//
// The roster is written once to bench/out/ by bench/generate.js (about 1.4 GB) and reused.
import {spawnSync} from 'node:child_process'
import {closeSync, existsSync, mkdirSync, openSync, readSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {generateRoster} from './generate.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outDir = path.join(root, 'bench/out')
const maxrss = path.join(root, 'bench/maxrss.cjs')
const rows = Number(process.env.BENCH_MEMORY_ROWS ?? 10_000_000)
const limitMb = Number(process.env.BENCH_MEMORY_LIMIT_MB ?? 1024)
const roster = path.join(outDir, `roster-${rows}.csv`)
mkdirSync(outDir, {recursive: true})

if (!existsSync(roster)) {
  const t = performance.now()
  console.log(`generating ${rows.toLocaleString('en')} rows into ${path.relative(root, roster)} …`)
  await generateRoster(roster, rows)
  console.log(`generated ${(statSync(roster).size / 1e6).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`)
}

/** Runs node with the peak-RSS reporter preloaded; returns seconds, peak MB and the result. */
function measure(args) {
  const t = performance.now()
  const r = spawnSync(process.execPath, ['--require', maxrss, ...args], {cwd: root, encoding: 'utf8', maxBuffer: 1 << 26})
  const seconds = (performance.now() - t) / 1000
  const peakMb = Number(/MAXRSS_KB (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024
  return {seconds, peakMb, status: r.status, stdout: r.stdout, stderr: r.stderr}
}

// The set of seen IDs on its own: `rows` distinct IDs (an upper bound: invalid IDs are not added),
// less what an idle node process holds.
const SET_SCRIPT = `
import {IdRowSet} from ${JSON.stringify(path.join(root, 'dist/src/rules/id-set.js'))}
const set = new IdRowSet()
const n = Number(process.argv[1])
for (let i = 0; i < n; i++) {
  const body = String(430000000000000000n + BigInt(i) * 7919n).slice(0, 17)
  set.add(body + '1', i + 2)
}
`
const idle = measure(['--input-type=module', '-e', 'setTimeout(() => {}, 10)'])
const set = measure(['--input-type=module', '-e', SET_SCRIPT, String(rows)])
if (set.status !== 0) {
  console.error(`measuring the ID set failed:\n${set.stderr}`)
  process.exit(1)
}
const setMb = Math.max(0, set.peakMb - idle.peakMb)

const report = path.join(outDir, `validate-${rows}.json`)
const run = measure([path.join(root, 'bin/run.js'), 'validate', roster, '--as-of', '2026-06-30', '--json', '--output', report])
if (run.status !== 0 && run.status !== 1) {
  console.error(`validate failed (exit ${run.status}):\n${run.stderr}`)
  process.exit(1)
}
const beyond = run.peakMb - setMb
// The summary sits at the head of the report: how many findings the run held until it wrote them.
const head = Buffer.alloc(4096)
const fd = openSync(report, 'r')
readSync(fd, head, 0, head.length, 0)
closeSync(fd)
const findings = /"findings": (\d+)/.exec(head.toString('utf8'))?.[1]
console.log(`\nvalidate, ${rows.toLocaleString('en')} rows, ${(statSync(roster).size / 1e6).toFixed(0)} MB GB18030 CSV`)
console.log(`  time            ${run.seconds.toFixed(1)} s (${Math.round(rows / run.seconds).toLocaleString('en')} rows/s)`)
console.log(`  peak memory     ${run.peakMb.toFixed(0)} MB`)
console.log(`  seen-ID set     ${setMb.toFixed(0)} MB (its own peak, measured apart)`)
console.log(`  beyond the set  ${beyond.toFixed(0)} MB (limit ${limitMb} MB): ${beyond < limitMb ? 'ok' : 'TOO MUCH'}`)
console.log(`  findings        ${Number(findings ?? 0).toLocaleString('en')} in the report (held in memory until it is written)`)
if (beyond >= limitMb) process.exitCode = 1
