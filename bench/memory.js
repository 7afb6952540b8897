// Constant memory for streaming validate (issue #8): validates a 10,000,000-row GB18030 roster in
// its own process and reports rows, seconds and peak resident memory. The one structure that must
// grow with the rows is the set of IDs seen so far (ID_DUPLICATE needs it); its own peak is
// measured apart, in a process that fills an IdRowSet with as many distinct IDs, and subtracted:
// what is left must stay under 1 GB.
//
//   BENCH_10M=1 npm run bench          (through bench/run.js)
//   node bench/memory.js               (after npm run build; BENCH_MEMORY_ROWS to change the size)
//   BENCH_MEMORY_IDS=random node bench/memory.js        (IDs drawn at random: 2 million findings)
//   BENCH_MEMORY_ROSTER=file.csv node bench/memory.js   (any roster: its rows are counted)
//
// The roster is written once to bench/out/ by bench/generate.js (about 1.4 GB) and reused.
import {spawnSync} from 'node:child_process'
import {closeSync, existsSync, mkdirSync, openSync, readSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {GENERATOR_VERSION, generateRoster} from './generate.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outDir = path.join(root, 'bench/out')
const maxrss = path.join(root, 'bench/maxrss.cjs')
const given = process.env.BENCH_MEMORY_ROSTER
const limitMb = Number(process.env.BENCH_MEMORY_LIMIT_MB ?? 1024)
let rows = Number(process.env.BENCH_MEMORY_ROWS ?? 10_000_000)
// Random IDs are what version 1 of the generator wrote, under its file name.
const ids = process.env.BENCH_MEMORY_IDS === 'random' ? 'random' : 'planted'
const roster = given ? path.resolve(given) : path.join(outDir, ids === 'random' ? `roster-${rows}.csv` : `roster-v${GENERATOR_VERSION}-${rows}.csv`)
mkdirSync(outDir, {recursive: true})

if (!given && !existsSync(roster)) {
  const t = performance.now()
  console.log(`generating ${rows.toLocaleString('en')} rows into ${path.relative(root, roster)} …`)
  await generateRoster(roster, rows, 1, {ids})
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
const report = path.join(outDir, `validate-${path.basename(roster, path.extname(roster))}.json`)
const run = measure([path.join(root, 'bin/run.js'), 'validate', roster, '--as-of', '2026-06-30', '--json', '--output', report])
if (run.status !== 0 && run.status !== 1) {
  console.error(`validate failed (exit ${run.status}):\n${run.stderr}`)
  process.exit(1)
}
// The summary sits at the head of the report: the rows read and the findings listed.
const head = Buffer.alloc(1 << 16)
const fd = openSync(report, 'r')
readSync(fd, head, 0, head.length, 0)
closeSync(fd)
const summary = /"summary": \{\s*"rows": (\d+),\s*"findings": (\d+)/.exec(head.toString('utf8'))
rows = Number(summary?.[1] ?? rows)
const findings = Number(summary?.[2] ?? 0)

const idle = measure(['--input-type=module', '-e', 'setTimeout(() => {}, 10)'])
const set = measure(['--input-type=module', '-e', SET_SCRIPT, String(rows)])
if (set.status !== 0) {
  console.error(`measuring the ID set failed:\n${set.stderr}`)
  process.exit(1)
}
const setMb = Math.max(0, set.peakMb - idle.peakMb)
const beyond = run.peakMb - setMb
console.log(`\nvalidate, ${rows.toLocaleString('en')} rows, ${(statSync(roster).size / 1e6).toFixed(0)} MB (${path.relative(root, roster)})`)
console.log(`  time            ${run.seconds.toFixed(1)} s (${Math.round(rows / run.seconds).toLocaleString('en')} rows/s)`)
console.log(`  peak memory     ${run.peakMb.toFixed(0)} MB`)
console.log(`  seen-ID set     ${setMb.toFixed(0)} MB (its own peak, measured apart)`)
console.log(`  beyond the set  ${beyond.toFixed(0)} MB (limit ${limitMb} MB): ${beyond < limitMb ? 'ok' : 'TOO MUCH'}`)
console.log(`  findings        ${findings.toLocaleString('en')} listed (beyond a bounded buffer they wait on disk, merged back as the report is written)`)
console.log(`  report          ${(statSync(report).size / 1e6).toFixed(0)} MB JSON`)
if (beyond >= limitMb) process.exitCode = 1
