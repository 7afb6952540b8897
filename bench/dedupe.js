// `npm run bench` (and `node bench/dedupe.js` alone): liushou dedupe on a generated population of
// BENCH_ROWS rows (default 1,000,000) with planted duplicates (homophones, look-alike and
// traditional characters, ID typos and swaps, Excel damage, missing IDs, other date formats,
// lunar birthdays, another village), twins, siblings sharing a generational character and
// same-name children in one county. Timed in its own process with its peak memory; prints the
// candidate pairs against all pairs, and pairwise precision and recall against the planted truth.
import {spawnSync} from 'node:child_process'
import {createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {once} from 'node:events'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import iconv from 'iconv-lite'

import {pinyin} from 'pinyin-pro'

import {namesLookAlike} from '../dist/src/cn/confusables.js'
import {SYNTHETIC_HEADER, generatePopulation} from '../dist/src/sample/linkage-population.js'
import {listChildren} from '../dist/src/cn/region.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outDir = path.join(root, 'bench/out')

/** Writes the population (GB18030 CSV), its truth (child key per row) and its twin pairs. */
export async function generate(file, rows) {
  // Eighty Hunan counties: enough ID space for a million children born 2009–2024.
  const counties = listChildren('43')
    .flatMap((c) => listChildren(c.code))
    .map((c) => c.code)
    .filter((c) => c.length === 6)
    .slice(0, 80)
  const issued = {ids: new Set(), phones: new Set()}
  const out = createWriteStream(file)
  const truth = createWriteStream(`${file}.truth`)
  const twins = []
  out.write(iconv.encode(SYNTHETIC_HEADER.join(',') + '\r\n', 'gb18030'))
  let written = 0
  for (let chunk = 0; written < rows; chunk++) {
    // About 1.17 rows per child; a chunk is an area of 50,000 children.
    const children = Math.min(50_000, Math.max(1, Math.ceil((rows - written) / 1.17)))
    const pop = generatePopulation({children, seed: 1000 + chunk, counties, keyPrefix: `K${chunk}-`, issued, faultsPerDuplicate: [1, 1, 2]})
    const f = pop.files[0]
    const lines = []
    const keys = []
    for (let i = 0; i < f.rows.length && written < rows; i++) {
      const r = f.rows[i]
      r[0] = String(++written)
      lines.push(r.join(','))
      keys.push(f.truth[i])
    }
    twins.push(...pop.twins)
    truth.write(keys.join('\n') + '\n')
    if (!out.write(iconv.encode(lines.join('\r\n') + '\r\n', 'gb18030'))) await once(out, 'drain')
  }
  out.end()
  truth.end()
  await Promise.all([once(out, 'finish'), once(truth, 'finish')])
  writeFileSync(`${file}.twins`, twins.map((t) => t.join(',')).join('\n') + '\n')
}

/** Pairwise precision and recall of the report's match clusters against the truth. */
export function quality(file, report) {
  const truth = readFileSync(`${file}.truth`, 'utf8').trimEnd().split('\n')
  const twinOf = new Map()
  for (const line of readFileSync(`${file}.twins`, 'utf8').trimEnd().split('\n')) {
    const [a, b] = line.split(',')
    twinOf.set(a, b)
    twinOf.set(b, a)
  }
  const byChild = new Map()
  for (const k of truth) byChild.set(k, (byChild.get(k) ?? 0) + 1)
  let truePairs = 0
  for (const n of byChild.values()) truePairs += (n * (n - 1)) / 2
  let predicted = 0
  let correct = 0
  let twinsMerged = 0
  const mergedTwinRows = []
  for (const cluster of report.clusters) {
    if (cluster.decision !== 'match') continue
    // Data rows start at Excel row 2.
    const members = cluster.members.map((m) => truth[m.row - 2])
    predicted += (members.length * (members.length - 1)) / 2
    const counts = new Map()
    for (const k of members) counts.set(k, (counts.get(k) ?? 0) + 1)
    for (const n of counts.values()) correct += (n * (n - 1)) / 2
    for (const k of counts.keys()) {
      if (k < twinOf.get(k) && counts.has(twinOf.get(k))) {
        twinsMerged++
        const rowOf = (key) => cluster.members.find((m) => truth[m.row - 2] === key).row
        mergedTwinRows.push([rowOf(k), rowOf(twinOf.get(k))])
      }
    }
  }
  return {truePairs, predicted, correct, precision: predicted ? correct / predicted : 1, recall: truePairs ? correct / truePairs : 1, twinsMerged, twinsAlike: twinsAlike(file, mergedTwinRows)}
}

/**
 * Of the merged twin pairs, those whose names sound alike (toneless pinyin) or look alike
 * (宇梓 / 宇子): with a row without a number, nothing on the rows tells them from one child typed
 * twice. Twins whose names differ by a character that neither sounds nor looks alike must never be
 * merged (the twin rule, src/link/identity.ts).
 */
function twinsAlike(file, pairs) {
  if (pairs.length === 0) return 0
  const lines = iconv.decode(readFileSync(file), 'gb18030').split('\r\n')
  const nameAt = (row) => lines[row - 1].split(',')[1]
  return pairs.filter(([a, b]) => {
    const [x, y] = [nameAt(a), nameAt(b)]
    return pinyin(x, {toneType: 'none'}) === pinyin(y, {toneType: 'none'}) || namesLookAlike(x, y).lookalike
  }).length
}

export async function benchDedupe(rows = Number(process.env.BENCH_ROWS ?? 1_000_000)) {
  mkdirSync(outDir, {recursive: true})
  const file = path.join(outDir, `dedupe-${rows}.csv`)
  if (!existsSync(`${file}.twins`)) {
    const t = performance.now()
    await generate(file, rows)
    console.log(`generated ${rows.toLocaleString('en')} rows with planted duplicates and twins (${(statSync(file).size / 1e6).toFixed(0)} MB GB18030) in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  }
  const model = path.join(outDir, 'dedupe-model.json')
  const report = path.join(outDir, 'dedupe.json')
  const args = [path.join(root, 'bin/run.js'), 'dedupe', file, '--as-of', '2026-06-30', '--json', '--output', report, '--model', model]
  const t = performance.now()
  const r = spawnSync(process.execPath, ['--require', path.join(root, 'bench/maxrss.cjs'), ...args], {cwd: root, encoding: 'utf8', maxBuffer: 1 << 30})
  const seconds = (performance.now() - t) / 1000
  const maxRss = Number(/MAXRSS_KB (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024
  if (r.status !== 0 && r.status !== 1) {
    console.error(`liushou dedupe failed (exit ${r.status}):\n${r.stderr}`)
    process.exit(1)
  }
  const m = JSON.parse(readFileSync(model, 'utf8'))
  const q = quality(file, JSON.parse(readFileSync(report, 'utf8')))
  const pct = (x) => `${(x * 100).toFixed(2)}%`
  console.log(`${'liushou dedupe'.padEnd(28)} ${seconds.toFixed(2).padStart(7)} s  ${Math.round(rows / seconds).toLocaleString('en').padStart(9)} rows/s  peak ${maxRss.toFixed(0).padStart(5)} MB`)
  console.log(`  candidate pairs ${m.blocking.pairs.toLocaleString('en')} of ${m.blocking.allPairs.toLocaleString('en')} (reduction ${(m.blocking.reduction * 100).toFixed(5)}%, ${(m.blocking.pairs / rows).toFixed(1)} per row)`)
  console.log(`  clusters: ${m.clusters.match.toLocaleString('en')} match, ${m.clusters.possible.toLocaleString('en')} possible; guard refusals ${m.clusters.guardRefusals.toLocaleString('en')}`)
  console.log(`  against the planted truth: precision ${pct(q.precision)}, recall ${pct(q.recall)} (${q.correct.toLocaleString('en')} of ${q.truePairs.toLocaleString('en')} pairs), twins merged ${q.twinsMerged} (${q.twinsAlike} of them named alike: 宇梓 / 宇子)`)
  return {seconds, maxRss, model: m, quality: q}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchDedupe()
