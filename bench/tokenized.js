// `node bench/tokenized.js`: dedupe on tokens against dedupe on the same roster in clear. Takes the
// population of the dedupe benchmark (bench/dedupe.js) with BENCH_TOKENIZED_ROWS rows (default
// 100,000: tokenize computes some forty HMACs and a Bloom filter per row, and a million rows take
// a quarter of an hour), dedupes it in clear, tokenizes it with a key generated for the run,
// dedupes the tokenized file, and prints time, peak memory and pairwise precision and recall
// against the planted truth for both, with the share of the plain run's match pairs the
// tokenized run recovers. Its outputs have names of their own in bench/out.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, rmSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {generate, quality} from './dedupe.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outDir = path.join(root, 'bench/out')

function liushou(args) {
  const t = performance.now()
  const r = spawnSync(process.execPath, ['--require', path.join(root, 'bench/maxrss.cjs'), path.join(root, 'bin/run.js'), ...args], {cwd: root, encoding: 'utf8', maxBuffer: 1 << 30})
  const seconds = (performance.now() - t) / 1000
  if (r.status !== 0 && r.status !== 1) {
    console.error(`liushou ${args[0]} failed (exit ${r.status}):\n${r.stderr}`)
    process.exit(1)
  }
  return {seconds, maxRss: Number(/MAXRSS_KB (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024}
}

/** Match pairs of a dedupe report, as `row|row`. */
function matchPairs(report) {
  const out = new Set()
  for (const c of report.clusters) {
    if (c.decision !== 'match') continue
    for (const a of c.members) for (const b of c.members) if (a.row < b.row) out.add(`${a.row}|${b.row}`)
  }
  return out
}

export async function benchTokenized(rows = Number(process.env.BENCH_TOKENIZED_ROWS ?? 100_000)) {
  mkdirSync(outDir, {recursive: true})
  const file = path.join(outDir, `dedupe-${rows}.csv`)
  if (!existsSync(`${file}.twins`)) await generate(file, rows)
  const pct = (x) => `${(x * 100).toFixed(2)}%`
  const line = (label, run) =>
    console.log(`${label.padEnd(28)} ${run.seconds.toFixed(2).padStart(7)} s  ${Math.round(rows / run.seconds).toLocaleString('en').padStart(9)} rows/s  peak ${run.maxRss.toFixed(0).padStart(5)} MB`)
  const dedupe = (input, name) => {
    const report = path.join(outDir, `${name}.json`)
    const model = path.join(outDir, `${name}-model.json`)
    const run = liushou(['dedupe', input, '--as-of', '2026-06-30', '--json', '--output', report, '--model', model])
    return {run, report: JSON.parse(readFileSync(report, 'utf8')), model: JSON.parse(readFileSync(model, 'utf8'))}
  }
  const summary = (label, {run, report, model}) => {
    line(label, run)
    const q = quality(file, report)
    console.log(`  candidate pairs ${model.blocking.pairs.toLocaleString('en')} (${(model.blocking.pairs / rows).toFixed(1)} per row); clusters: ${model.clusters.match.toLocaleString('en')} match, ${model.clusters.possible.toLocaleString('en')} possible`)
    console.log(`  against the planted truth: precision ${pct(q.precision)}, recall ${pct(q.recall)} (${q.correct.toLocaleString('en')} of ${q.truePairs.toLocaleString('en')} pairs), twins merged ${q.twinsMerged}`)
    return q
  }
  const clear = dedupe(file, 'tokenized-bench-plain')
  summary('liushou dedupe (in clear)', clear)
  const key = path.join(outDir, 'tokenized.key')
  const tokens = path.join(outDir, `dedupe-${rows}.tokens.csv`)
  if (!existsSync(tokens)) {
    rmSync(key, {force: true})
    liushou(['tokenize', '--generate-key', key])
    line('liushou tokenize', liushou(['tokenize', file, '--key', key, '--output', tokens, '--as-of', '2026-06-30', '--json']))
  }
  // The truth is keyed by row, and tokenize keeps every row where it was.
  const tokenized = dedupe(tokens, 'tokenized-bench-tokens')
  const q = summary('liushou dedupe (tokenized)', tokenized)
  const plain = matchPairs(clear.report)
  const found = matchPairs(tokenized.report)
  let recovered = 0
  for (const p of plain) if (found.has(p)) recovered++
  console.log(`  match pairs of the run in clear recovered: ${pct(recovered / Math.max(1, plain.size))} (${recovered.toLocaleString('en')} of ${plain.size.toLocaleString('en')}); only on tokens: ${(found.size - recovered).toLocaleString('en')}`)
  return {seconds: tokenized.run.seconds, maxRss: tokenized.run.maxRss, quality: q, recovered: recovered / Math.max(1, plain.size)}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchTokenized()
