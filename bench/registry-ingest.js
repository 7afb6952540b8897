// Registry ingest against plain crosscheck (issue 16): a registry holding last month's three lists
// (civil affairs BENCH_REG_CIVIL rows, default 320,000; education 1.5× and public security 2× of
// one simulated population, bench/crosscheck-data.js) ingests this month's civil-affairs roster —
// last month's rows less every 50th child (children who left), so that most rows are placed
// against registered children and some are gone. It then validates and cross-checks the
// departments' latest snapshots, as crosscheck of the same three lists does. Each step runs in its
// own process with its peak memory; the ratio is the ingest's time over crosscheck's. Then the
// month after: the same roster with every 25th child's guardian phone changed and 2% entrants
// (new children), rows that only linkage can place.
//   npm run build && node bench/registry-ingest.js
import {spawnSync} from 'node:child_process'
import {createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {loadavg} from 'node:os'
import path from 'node:path'
import {createInterface} from 'node:readline'
import {fileURLToPath} from 'node:url'

import iconv from 'iconv-lite'

import {CROSSCHECK_FILES, generateCrosscheck} from './crosscheck-data.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outDir = path.join(root, 'bench/out')

function run(label, args) {
  const t = performance.now()
  const r = spawnSync(process.execPath, ['--require', path.join(root, 'bench/maxrss.cjs'), path.join(root, 'bin/run.js'), ...args], {cwd: root, encoding: 'utf8', maxBuffer: 1 << 30})
  const seconds = (performance.now() - t) / 1000
  const maxRss = Number(/MAXRSS_KB (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024
  const cpu = Number(/CPU_MS (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1000
  if (r.status !== 0 && r.status !== 1) {
    console.error(`${label} failed (exit ${r.status}):\n${r.stderr}`)
    process.exit(1)
  }
  console.log(`${label.padEnd(34)} ${seconds.toFixed(2).padStart(7)} s  peak ${maxRss.toFixed(0).padStart(5)} MB  (CPU ${cpu.toFixed(1)} s; load average ${loadavg()[0].toFixed(2)})`)
  return {seconds, maxRss, cpu}
}

/** A GB18030 roster's lines as text, its title and header lines first. */
function rosterLines(file) {
  return iconv.decode(readFileSync(file), 'gb18030').split('\r\n')
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const checkChar = (body) => '10X98765432'[[...body].reduce((sum, d, i) => sum + Number(d) * ID_WEIGHTS[i], 0) % 11]

/**
 * The month after `source` (its title and header kept): every 25th child's guardian phone
 * (column 16) one digit off, and every 50th child again as a new one, another name and a valid ID
 * number of its own, at the end (entrants).
 */
function changedMonth(source, target) {
  const lines = rosterLines(source)
  const out = []
  const entrants = []
  lines.forEach((line, n) => {
    if (n < 2 || line === '') return void out.push(line)
    const cells = line.split(',')
    if (n % 25 === 0) cells[15] = cells[15].slice(0, -1) + String((Number(cells[15].slice(-1)) + 1) % 10)
    out.push(cells.join(','))
    if (n % 50 === 7 && /^\d{17}[\dX]$/.test(cells[4])) {
      const body = cells[4].slice(0, 14) + String((Number(cells[4].slice(14, 17)) + 500) % 1000).padStart(3, '0')
      entrants.push([cells[0], `新${cells[1].slice(1)}`, ...cells.slice(2, 4), body + checkChar(body), ...cells.slice(5)].join(','))
    }
  })
  const end = out.at(-1) === '' ? out.pop() : undefined
  writeFileSync(target, iconv.encode([...out, ...entrants, ...(end === undefined ? [] : [end])].join('\r\n'), 'gb18030'))
  return entrants.length
}

/** Last month's civil-affairs file less every 50th data row, same encoding (bytes copied line by line). */
async function nextMonth(source, target) {
  const out = createWriteStream(target)
  let n = 0
  // latin1 round-trips every byte: the GB18030 text is copied as it is.
  for await (const line of createInterface({input: createReadStream(source, {encoding: 'latin1'}), crlfDelay: Infinity})) {
    if (n++ === 0 || n % 50 !== 0) out.write(`${line}\r\n`, 'latin1')
  }
  await new Promise((resolve) => out.end(resolve))
}

export async function benchRegistryIngest(civil = Number(process.env.BENCH_REG_CIVIL ?? 320_000)) {
  const dir = path.join(outDir, `crosscheck-${civil}`)
  mkdirSync(dir, {recursive: true})
  if (!existsSync(path.join(dir, 'manifest.json'))) await generateCrosscheck(dir, {civil, education: Math.round(civil * 1.5), publicSecurity: civil * 2})
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'))
  const file = (d) => path.join(dir, CROSSCHECK_FILES[d])
  const next = path.join(dir, 'civil-affairs-next.csv')
  if (!existsSync(next)) await nextMonth(file('civil-affairs'), next)
  const registry = path.join(outDir, `registry-${civil}.duckdb`)
  for (const f of [registry, `${registry}.wal`]) rmSync(f, {force: true})
  const fmt = (n) => n.toLocaleString('en')
  console.log(`registry: civil affairs ${fmt(manifest.rows['civil-affairs'])}, education ${fmt(manifest.rows.education)}, public security ${fmt(manifest.rows['public-security'])} rows`)
  const lists = ['civil-affairs', 'education', 'public-security'].map((d) => `${d}=${file(d)}`)
  run('registry ingest, first month', ['registry', 'ingest', ...lists, '--as-of', '2026-06-01', '--registry', registry, '--json', '--output', path.join(outDir, 'registry-ingest-1.json')])
  const ingest = run('registry ingest, next civil roster', ['registry', 'ingest', `civil-affairs=${next}`, '--as-of', '2026-07-01', '--registry', registry, '--json', '--output', path.join(outDir, 'registry-ingest-2.json')])
  const plain = run('crosscheck of the same three lists', ['crosscheck', `civil-affairs=${next}`, `education=${file('education')}`, `public-security=${file('public-security')}`, '--as-of', '2026-07-01', '--json', '--output', path.join(outDir, 'registry-crosscheck.json')])
  const summary = JSON.parse(readFileSync(path.join(outDir, 'registry-ingest-2.json'), 'utf8')).registry
  console.log(`  ingest / crosscheck: ${(ingest.seconds / plain.seconds).toFixed(2)}×; registry ${fmt(summary.children)} children, entered ${fmt(summary.entered)}, exited ${fmt(summary.exited)}; file ${(statSync(registry).size / 1e6).toFixed(0)} MB`)
  const changed = path.join(dir, 'civil-affairs-changed.csv')
  const entrants = changedMonth(next, changed)
  const later = run('registry ingest, the month after', ['registry', 'ingest', `civil-affairs=${changed}`, '--as-of', '2026-08-01', '--registry', registry, '--json', '--output', path.join(outDir, 'registry-ingest-3.json')])
  const after = JSON.parse(readFileSync(path.join(outDir, 'registry-ingest-3.json'), 'utf8')).registry
  console.log(`  (every 25th phone changed, ${fmt(entrants)} entrants: entered ${fmt(after.entered)}) ingest / crosscheck: ${(later.seconds / plain.seconds).toFixed(2)}×`)
  return {ingest, plain, later}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchRegistryIngest()
