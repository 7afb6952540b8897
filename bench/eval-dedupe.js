// `node bench/eval-dedupe.js [--children 20000] [--seeds 1-3] [--lists 1|3] [--copied 0.03] [--twin-shared 0.3] [--verbose] [--json FILE]`:
// the quality of `liushou dedupe` on labelled synthetic populations (src/sample/linkage-population.ts,
// as tests/unit/link/evaluation.test.ts uses them), scored pair by pair against the hidden truth:
//
// - match precision and recall over the pairs of rows a match cluster puts together;
// - recall on the hard pairs: rows of one child that do not hold one valid ID number (a typed,
//   damaged or missing number, a number another child's; with their names, dates and villages as
//   the faults left them);
// - twin pairs merged, and pairs of two children holding one number merged (match, and possible).
//
// `--copied` plants a sibling's number on that share of the children with a sibling, and
// `--twin-shared` one twin's number on both twins of that share of twin pairs. The population is
// made by this checkout's build; the tool measured is LIUSHOU_ROOT's (default this checkout), so
// that two builds can be measured on the same rows. Requires a build (`npm run build`). Not a
// test: a measurement to run before and after a change.
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {analyzeId} from '../dist/src/cn/id-number.js'
import {generatePopulation} from '../dist/src/sample/linkage-population.js'
import {arg, range} from './args.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const run = path.join(process.env.LIUSHOU_ROOT ?? root, 'bin/run.js')

const children = Number(arg('children', '20000'))
const seeds = range(arg('seeds', '1-3'))
const lists = Number(arg('lists', '3'))
const copied = Number(arg('copied', '0'))
const twinShared = Number(arg('twin-shared', '0'))
const verbose = process.argv.includes('--verbose')
const FILES = lists === 1 ? ['roster'] : ['civil-affairs', 'education', 'public-security']

const validId = (raw) => {
  const a = analyzeId(raw)
  return a.canonical && !a.problem ? a.canonical : undefined
}

/** Scores one population; returns counts to add up. */
function evaluate(seed) {
  const pop = generatePopulation({children, seed, files: FILES, faultsPerDuplicate: [1, 1, 2, 2, 2, 3], copiedIdRate: copied, twinSharedIdRate: twinShared})
  const dir = mkdtempSync(path.join(tmpdir(), `liushou-eval-dedupe-${seed}-`))
  try {
    // Every row as the report names it (`file:row`), with its child, its valid number and its faults.
    const rows = new Map()
    const inputs = []
    for (const f of pop.files) {
      const file = path.join(dir, `${f.name}.csv`)
      writeFileSync(file, [pop.header, ...f.rows].map((r) => r.join(',')).join('\n') + '\n')
      inputs.push(`${f.name}=${file}`)
      f.rows.forEach((r, i) => rows.set(`${f.name}:${i + 2}`, {child: f.truth[i], id: validId(r[3]), faults: f.faults[i], name: r[1]}))
    }
    const started = process.hrtime.bigint()
    const out = path.join(dir, 'report.json')
    const r = spawnSync(process.execPath, [run, 'dedupe', ...inputs, '--as-of', '2026-06-30', '--json', '--output', out], {cwd: root, encoding: 'utf8', maxBuffer: 1 << 30})
    if (r.status !== 0 && r.status !== 1) throw new Error(`liushou dedupe exited ${r.status}: ${r.stderr}`)
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    const report = JSON.parse(readFileSync(out, 'utf8'))
    const key = (m) => `${m.dataset}:${m.row}`

    const byChild = new Map()
    for (const [ref, row] of rows) byChild.set(row.child, [...(byChild.get(row.child) ?? []), ref])
    const hard = (x, y) => !(x.id && x.id === y.id)
    const twinOf = new Map()
    for (const [a, b] of pop.twins) twinOf.set(a, b).set(b, a)
    const s = {truePairs: 0, hardPairs: 0, predicted: 0, correct: 0, hardFound: 0, possibleOnly: 0, twinsMerged: 0, sharedMerged: 0, sharedPossible: 0, sharedPairs: 0, notOwn: 0, seconds}
    for (const refs of byChild.values()) {
      for (let i = 0; i < refs.length; i++) {
        for (let j = i + 1; j < refs.length; j++) {
          s.truePairs++
          if (hard(rows.get(refs[i]), rows.get(refs[j]))) s.hardPairs++
        }
      }
    }
    // Pairs of two children holding one valid number.
    const byNumber = new Map()
    for (const [ref, row] of rows) if (row.id) byNumber.set(row.id, [...(byNumber.get(row.id) ?? []), ref])
    const sharedPair = new Set()
    for (const refs of byNumber.values()) {
      for (let i = 0; i < refs.length; i++) {
        for (let j = i + 1; j < refs.length; j++) {
          if (rows.get(refs[i]).child === rows.get(refs[j]).child) continue
          sharedPair.add(`${refs[i]}|${refs[j]}`).add(`${refs[j]}|${refs[i]}`)
          s.sharedPairs++
        }
      }
    }
    const missedHard = new Map()
    const inMatch = new Set()
    for (const c of report.clusters ?? []) {
      const members = c.members.map(key)
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          const x = rows.get(members[i])
          const y = rows.get(members[j])
          const same = x.child === y.child
          if (sharedPair.has(`${members[i]}|${members[j]}`)) {
            if (c.decision === 'match') s.sharedMerged++
            else s.sharedPossible++
            if (verbose && c.decision === 'match') console.log(`  two children under one number in ${c.id}: ${members[i]} ${x.name} (${x.faults || '-'}) / ${members[j]} ${y.name} (${y.faults || '-'}), cluster ${members.join(' ')}`)
          }
          if (c.decision !== 'match') {
            if (same && !inMatch.has(`${members[i]}|${members[j]}`)) s.possibleOnly++
            continue
          }
          s.predicted++
          inMatch.add(`${members[i]}|${members[j]}`).add(`${members[j]}|${members[i]}`)
          if (same) {
            s.correct++
            if (hard(x, y)) s.hardFound++
          } else if (twinOf.get(x.child) === y.child) {
            s.twinsMerged++
            if (verbose) console.log(`  twins in ${c.id}: ${members[i]} ${x.name} (${x.faults || '-'}) / ${members[j]} ${y.name} (${y.faults || '-'})`)
          }
        }
      }
    }
    if (verbose) {
      for (const refs of byChild.values()) {
        for (let i = 0; i < refs.length; i++) {
          for (let j = i + 1; j < refs.length; j++) {
            const x = rows.get(refs[i])
            const y = rows.get(refs[j])
            if (!hard(x, y) || inMatch.has(`${refs[i]}|${refs[j]}`)) continue
            const k = [x.faults || '-', y.faults || '-'].sort().join(' / ')
            missedHard.set(k, (missedHard.get(k) ?? 0) + 1)
          }
        }
      }
    }
    s.notOwn = report.findings.filter((f) => f.code === 'DUP_ID_NOT_OWN').length
    if (arg('dump')) {
      // Every true pair no match cluster holds, with what its rows hold (to compare two builds).
      const lines = []
      for (const refs of byChild.values()) {
        for (let i = 0; i < refs.length; i++) {
          for (let j = i + 1; j < refs.length; j++) {
            if (inMatch.has(`${refs[i]}|${refs[j]}`)) continue
            const x = rows.get(refs[i])
            const y = rows.get(refs[j])
            lines.push(`${seed} ${refs[i]} ${refs[j]} ${hard(x, y) ? 'hard' : 'easy'} ${x.name}/${y.name} ${x.faults || '-'} / ${y.faults || '-'}`)
          }
        }
      }
      writeFileSync(`${arg('dump')}.${seed}`, lines.join('\n') + '\n')
    }
    s.rows = rows.size
    s.missedHard = missedHard
    return s
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

const ratio = (x, n) => (n === 0 ? '—' : (x / n).toFixed(4))
const total = {}
const missed = new Map()
for (const seed of seeds) {
  const s = evaluate(seed)
  for (const [k, v] of Object.entries(s)) if (typeof v === 'number') total[k] = (total[k] ?? 0) + v
  for (const [k, v] of s.missedHard) missed.set(k, (missed.get(k) ?? 0) + v)
  console.log(
    `seed ${seed}: ${s.rows} rows, ${s.seconds.toFixed(1)} s, precision ${ratio(s.correct, s.predicted)} recall ${ratio(s.correct, s.truePairs)} hard-pair recall ${ratio(s.hardFound, s.hardPairs)} ` +
      `(${s.hardFound} of ${s.hardPairs}), twins merged ${s.twinsMerged}, two children under one number merged ${s.sharedMerged} (possible ${s.sharedPossible}) of ${s.sharedPairs}, DUP_ID_NOT_OWN ${s.notOwn}`,
  )
}
console.log(`\nAll (${children} children, seeds ${seeds.join(',')}, ${FILES.length} list(s), copied ${copied}, twin-shared ${twinShared}):`)
console.log(`match precision ${ratio(total.correct, total.predicted)}, recall ${ratio(total.correct, total.truePairs)} (${total.correct} of ${total.truePairs}), hard-pair recall ${ratio(total.hardFound, total.hardPairs)} (${total.hardFound} of ${total.hardPairs})`)
console.log(`found only as possible: ${total.possibleOnly}; twins merged ${total.twinsMerged}; two children under one number merged ${total.sharedMerged}, in one possible cluster ${total.sharedPossible}, of ${total.sharedPairs} such pairs; DUP_ID_NOT_OWN ${total.notOwn}`)
if (verbose) {
  console.log('missed hard pairs by the faults of their two rows:')
  for (const [k, v] of [...missed].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${String(v).padStart(6)}  ${k}`)
}
if (arg('json')) writeFileSync(arg('json'), JSON.stringify(total, null, 2))
