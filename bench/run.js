// `npm run bench`: speed and memory of the commands on generated rosters, each in its own
// process so that peak memory is its own. Figures only: nothing here is a pass/fail test.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {generateRoster} from './generate.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outDir = path.join(root, 'bench/out')
mkdirSync(outDir, {recursive: true})
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000)
const roster = path.join(outDir, `roster-${rows}.csv`)

if (!existsSync(roster)) {
  const t = performance.now()
  await generateRoster(roster, rows)
  console.log(`generated ${rows.toLocaleString('en')} rows (${(statSync(roster).size / 1e6).toFixed(0)} MB GB18030) in ${((performance.now() - t) / 1000).toFixed(1)} s`)
}

function measure(label, args) {
  const t = performance.now()
  const r = spawnSync(process.execPath, ['--require', path.join(root, 'bench/maxrss.cjs'), ...args], {cwd: root, encoding: 'utf8', maxBuffer: 1 << 30})
  const seconds = (performance.now() - t) / 1000
  const maxRss = Number(/MAXRSS_KB (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024
  if (r.status !== 0 && r.status !== 1) {
    console.error(`${label} failed (exit ${r.status}):\n${r.stderr}`)
    process.exit(1)
  }
  return {label, seconds, maxRss, stdout: r.stdout}
}

function line(m, base) {
  const ratio = base ? `  ${(m.seconds / base.seconds).toFixed(2)}× the bare pass` : ''
  console.log(`${m.label.padEnd(28)} ${m.seconds.toFixed(2).padStart(7)} s  ${Math.round(rows / m.seconds).toLocaleString('en').padStart(9)} rows/s  peak ${m.maxRss.toFixed(0).padStart(5)} MB${ratio}`)
}

console.log(`\n${rows.toLocaleString('en')} rows, ${(statSync(roster).size / 1e6).toFixed(0)} MB, GB18030 CSV`)
const bare = measure('bare pass (iconv + csv-parse)', [path.join(root, 'bench/bare-pass.js'), roster])
line(bare)
const validate = measure('liushou validate', [path.join(root, 'bin/run.js'), 'validate', roster, '--as-of', '2026-06-30', '--json', '--output', path.join(outDir, 'validate.json')])
line(validate, bare)
const normalize = measure('liushou normalize (+pinyin)', [
  path.join(root, 'bin/run.js'),
  'normalize',
  roster,
  '--output',
  path.join(outDir, 'normalized.csv'),
  '--changes',
  path.join(outDir, 'changes.csv'),
  '--as-of',
  '2026-06-30',
  '--json',
  '--report',
  path.join(outDir, 'normalize.json'),
])
line(normalize, bare)

// The education roster as a workbook against the same rows as CSV (issue 19).
const {benchXlsx} = await import('./xlsx-read.js')
await benchXlsx()

const {benchDedupe} = await import('./dedupe.js')
console.log('')
await benchDedupe(rows)

// Civil affairs (BENCH_XC_CIVIL rows, default 1,000,000) against education (1.5×) and public security (2×).
const {benchCrosscheck} = await import('./crosscheck.js')
console.log('')
await benchCrosscheck()
// The same lists with education as two workbooks given as education=a.xlsx education=b.xlsx (issue 19).
const {benchCrosscheckXlsx} = await import('./crosscheck-xlsx.js')
console.log('')
await benchCrosscheckXlsx()

// A 320,000-row civil-affairs roster ingested into a registry holding last month, against crosscheck (issue 16).
const {benchRegistryIngest} = await import('./registry-ingest.js')
console.log('')
await benchRegistryIngest()

// The 10,000,000-row constant-memory benchmark (bench/memory.js) takes minutes: only on request.
if (process.env.BENCH_10M === '1') await import('./memory.js')
