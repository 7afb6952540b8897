// `npm run bench` (and `node bench/crosscheck.js` alone): liushou crosscheck of a civil affairs
// roster (BENCH_XC_CIVIL rows, default 1,000,000) against education (1.5×) and public security
// (2×) lists of one simulated population (bench/crosscheck-data.js), timed in its own process
// with its peak memory. Prints the findings per code next to what was planted, and the precision
// and recall of the report's links against the truth, pair by pair across lists. Run twice: the
// three lists as CSV, then the education list as two workbooks (issue 19: a province's education
// list comes as several .xlsx files), `education=a.xlsx education=b.xlsx` (bench/crosscheck-xlsx.js).
import {spawnSync} from 'node:child_process'
import {createReadStream, existsSync, mkdirSync, readFileSync, statSync} from 'node:fs'
import {loadavg} from 'node:os'
import path from 'node:path'
import {createInterface} from 'node:readline'
import {fileURLToPath} from 'node:url'

import {CROSSCHECK_FILES, generateCrosscheck} from './crosscheck-data.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outDir = path.join(root, 'bench/out')
const DEPARTMENTS = Object.keys(CROSSCHECK_FILES)

function readTruth(file) {
  const b = readFileSync(file)
  return new Int32Array(b.buffer, b.byteOffset, b.length / 4)
}

/**
 * Reads the summary and the links of a (pretty-printed, possibly multi-gigabyte) JSON report
 * line by line: the whole document may be longer than the largest string V8 can build.
 */
async function readReport(file, onLink) {
  let section
  let buffer = []
  let summary
  for await (const line of createInterface({input: createReadStream(file), crlfDelay: Infinity})) {
    if (section === undefined) {
      if (line === '  "summary": {') section = 'summary'
      else if (line === '  "links": [') section = 'links'
      if (section) buffer = ['{']
      continue
    }
    if (section === 'summary') {
      if (line.startsWith('  }')) {
        summary = JSON.parse(buffer.join('\n') + '}')
        section = undefined
      } else buffer.push(line)
      continue
    }
    if (line.startsWith('  ]')) {
      section = undefined
      continue
    }
    if (line === '    {') buffer = ['{']
    else if (/^ {4}\},?$/.test(line)) onLink(JSON.parse(buffer.join('\n') + '}'))
    else buffer.push(line)
  }
  return summary
}

/**
 * Precision and recall of the links' cross-list pairs against the planted truth. `truthIndex`
 * gives a member's data-row index in its list's truth (default: its row less the list's first
 * data row; a list given as several files numbers its rows per file).
 */
async function linkQuality(dir, manifest, report, truthIndex = (m) => m.row - manifest.firstRow[m.dataset]) {
  const truth = Object.fromEntries(DEPARTMENTS.map((d) => [d, readTruth(path.join(dir, `${CROSSCHECK_FILES[d]}.truth`))]))
  const children = manifest.planted.children
  const counts = DEPARTMENTS.map((d) => {
    const c = new Int32Array(children)
    for (const k of truth[d]) c[k]++
    return c
  })
  let truePairs = 0
  for (let k = 0; k < children; k++) truePairs += counts[0][k] * counts[1][k] + counts[0][k] * counts[2][k] + counts[1][k] * counts[2][k]
  let predicted = 0
  let correct = 0
  let links = 0
  const summary = await readReport(report, (link) => {
    links++
    const members = link.members.map((m) => ({dataset: m.dataset, child: truth[m.dataset][truthIndex(m)]}))
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        if (members[i].dataset === members[j].dataset) continue
        predicted++
        if (members[i].child === members[j].child) correct++
      }
    }
  })
  return {summary, links, truePairs, predicted, correct, precision: predicted ? correct / predicted : 1, recall: truePairs ? correct / truePairs : 1}
}

/** The simulated lists of BENCH_XC_CIVIL civil-affairs rows, generated once into bench/out. */
export async function crosscheckData(civil = Number(process.env.BENCH_XC_CIVIL ?? 1_000_000)) {
  const dir = path.join(outDir, `crosscheck-${civil}`)
  mkdirSync(dir, {recursive: true})
  const manifestFile = path.join(dir, 'manifest.json')
  if (!existsSync(manifestFile)) {
    const t = performance.now()
    await generateCrosscheck(dir, {civil, education: Math.round(civil * 1.5), publicSecurity: civil * 2})
    console.log(`generated the three lists in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  }
  return {dir, manifest: JSON.parse(readFileSync(manifestFile, 'utf8'))}
}

export async function benchCrosscheck(civil = Number(process.env.BENCH_XC_CIVIL ?? 1_000_000)) {
  const {dir, manifest} = await crosscheckData(civil)
  const lists = DEPARTMENTS.map((d) => ({department: d, files: [path.join(dir, CROSSCHECK_FILES[d])]}))
  return runCrosscheck(dir, manifest, lists, {label: 'liushou crosscheck', what: 'CSV'})
}

/**
 * Times `liushou crosscheck` of `lists` (each a department and its files, given as DEPT=FILE once
 * per file) and prints the figures: time, peak memory, CPU, findings, and the links' quality.
 */
export async function runCrosscheck(dir, manifest, lists, {label, what, truthIndex}) {
  const files = lists.flatMap((l) => l.files)
  const rows = DEPARTMENTS.reduce((n, d) => n + manifest.rows[d], 0)
  const mb = files.reduce((n, f) => n + statSync(f).size, 0) / 1e6
  const report = path.join(outDir, 'crosscheck.json')
  const args = [path.join(root, 'bin/run.js'), 'crosscheck', ...lists.flatMap((l) => l.files.map((f) => `${l.department}=${f}`)), '--as-of', manifest.asOf, '--json', '--output', report]

  const fmt = (n) => n.toLocaleString('en')
  console.log(`crosscheck ${DEPARTMENTS.map((d) => `${d} ${fmt(manifest.rows[d])}`).join(', ')} rows (${mb.toFixed(0)} MB, ${what}); load average ${loadavg()[0].toFixed(2)}`)
  const t = performance.now()
  const r = spawnSync(process.execPath, ['--require', path.join(root, 'bench/maxrss.cjs'), ...args], {cwd: root, encoding: 'utf8', maxBuffer: 1 << 30})
  const seconds = (performance.now() - t) / 1000
  const maxRss = Number(/MAXRSS_KB (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024
  const cpu = Number(/CPU_MS (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1000
  if (r.status !== 0 && r.status !== 1) {
    console.error(`${label} failed (exit ${r.status}):\n${r.stderr}`)
    process.exit(1)
  }
  console.log(`${label.padEnd(28)} ${seconds.toFixed(2).padStart(7)} s  ${Math.round(rows / seconds).toLocaleString('en').padStart(9)} rows/s  peak ${maxRss.toFixed(0).padStart(5)} MB  (CPU ${cpu.toFixed(1)} s; load average after ${loadavg()[0].toFixed(2)})`)

  const q = await linkQuality(dir, manifest, report, truthIndex)
  const byCode = q.summary?.byCode ?? {}
  const p = manifest.planted
  const pct = (x) => `${(x * 100).toFixed(2)}%`
  console.log(`  findings ${fmt(q.summary?.findings ?? 0)}: ${Object.entries(byCode).map(([c, n]) => `${c} ${fmt(n)}`).join(', ')}`)
  console.log(`  planted: deceased ${fmt(p.deceased)}, moved out ${fmt(p.movedOut)}, not enrolled (6–15) ${fmt(p.notEnrolled)}, civil rows not registered ${fmt(p.unregistered)}, listed twice ${fmt(p.civilTwice)}`)
  console.log(`  links ${fmt(q.links)}; against the planted truth, pairs across lists: precision ${pct(q.precision)}, recall ${pct(q.recall)} (${fmt(q.correct)} of ${fmt(q.truePairs)}; ${fmt(q.predicted - q.correct)} wrong)`)
  return {seconds, cpu, maxRss, rows, quality: q, byCode}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchCrosscheck()
