// `node bench/eval-crosscheck.js [--seeds 1-8] [--sizes 300,1000,3000] [--verbose] [--keep] [--json FILE]`: the quality of
// crosscheck on sample sets it has never been tuned on. Each set is written by `liushou sample`
// with its own seed and size; crosscheck runs on its three department lists, and the result is
// scored against the set's truth:
//
// - links: pairwise precision and recall over the pairs of rows on different lists that a link
//   puts together, against the pairs of rows whose hidden child (truth.csv) is the same;
// - codes: per XC code, the planted faults (faults.json, kind crosscheck) found on their file,
//   row (and field, for XC_FIELD_CONFLICT), and the findings that are right. An `optional` fault
//   counts neither as a miss nor, when reported, as a wrong finding.
//
// XC_AMBIGUOUS is never planted by the generator (its twins differ in name and ID, its same-name
// children in birth date): its findings are listed with whether the row's true counterpart is
// among the candidates, and its recall is covered by the inline tests.
//
// Requires a build (`npm run build`). Not a test: a measurement to run before and after a change.
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {arg, range} from './args.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// LIUSHOU_ROOT: a copy of the built tool to measure (other work may rebuild dist/ meanwhile);
// LIUSHOU_SAMPLE_ROOT: the build that writes the sample sets (default the same), so that two
// builds can be measured on the same sets.
const run = path.join(process.env.LIUSHOU_ROOT ?? root, 'bin/run.js')
const sampleRun = path.join(process.env.LIUSHOU_SAMPLE_ROOT ?? process.env.LIUSHOU_ROOT ?? root, 'bin/run.js')
const AS_OF = '2026-09-01'
const LISTS = {'civil-affairs': 'civil-affairs.csv', education: 'education.xlsx', 'public-security': 'public-security.csv'}

const seeds = range(arg('seeds', '1-8'))
const sizes = range(arg('sizes', '300,1000,3000'))
const keep = process.argv.includes('--keep')
const verbose = process.argv.includes('--verbose')

function liushou(args) {
  const r = spawnSync(process.execPath, [args[0] === 'sample' ? sampleRun : run, ...args], {cwd: root, encoding: 'utf8', maxBuffer: 1 << 30})
  if ((r.status !== 0 && r.status !== 1) || (args[0] === 'crosscheck' && r.stdout === '')) throw new Error(`liushou ${args[0]} exited ${r.status}: ${r.stderr}`)
  return r.stdout
}

function readTruth(dir) {
  const truth = new Map()
  for (const line of readFileSync(path.join(dir, 'truth.csv'), 'utf8').split(/\r?\n/).slice(1)) {
    const [file, row, child] = line.split(',')
    if (file && child) truth.set(`${file}:${row}`, child)
  }
  return truth
}

const pairKey = (x, y) => (x < y ? `${x}|${y}` : `${y}|${x}`)
const findingKey = (f) => `${path.basename(f.file)}:${f.row}:${f.code}${f.code === 'XC_FIELD_CONFLICT' ? `:${f.field}` : ''}`

/** Scores one set; returns counts to add up. */
function evaluate(dir) {
  const started = process.hrtime.bigint()
  const stdout = liushou(['crosscheck', ...Object.entries(LISTS).map(([d, f]) => `${d}=${path.join(dir, f)}`), '--as-of', AS_OF, '--json', '--mask', 'none'])
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const report = JSON.parse(stdout)
  const truth = readTruth(dir)
  const files = new Set(Object.values(LISTS))

  // True pairs: rows of different lists with the same hidden child.
  const byChild = new Map()
  for (const [ref, child] of truth) {
    if (!files.has(ref.split(':')[0])) continue
    const rows = byChild.get(child) ?? []
    byChild.set(child, rows)
    rows.push(ref)
  }
  const truePairs = new Set()
  for (const rows of byChild.values()) {
    for (let i = 0; i < rows.length; i++) {
      for (let j = i + 1; j < rows.length; j++) if (rows[i].split(':')[0] !== rows[j].split(':')[0]) truePairs.add(pairKey(rows[i], rows[j]))
    }
  }
  const linked = new Set()
  const wrongLinks = []
  for (const l of report.links ?? []) {
    const refs = l.members.map((m) => `${path.basename(m.file)}:${m.row}`)
    for (let i = 0; i < refs.length; i++) {
      for (let j = i + 1; j < refs.length; j++) {
        if (refs[i].split(':')[0] === refs[j].split(':')[0]) continue
        const k = pairKey(refs[i], refs[j])
        linked.add(k)
        if (!truePairs.has(k)) wrongLinks.push(k)
      }
    }
  }
  const linkHits = [...linked].filter((k) => truePairs.has(k)).length
  const missedLinks = [...truePairs].filter((k) => !linked.has(k))

  // Planted XC faults against findings.
  const manifest = JSON.parse(readFileSync(path.join(dir, 'faults.json'), 'utf8'))
  const planted = new Map()
  for (const f of manifest.faults) if (f.kind === 'crosscheck') planted.set(findingKey(f), f)
  const codes = {}
  const stat = (code) => (codes[code] ??= {planted: 0, found: 0, findings: 0, right: 0, expectedRight: 0, misses: [], wrong: [], wrongExpected: []})
  const reported = new Set(report.findings.map(findingKey))
  for (const [k, f] of planted) {
    if (f.optional) continue
    const s = stat(f.code)
    s.planted++
    if (reported.has(k)) s.found++
    else s.misses.push(k)
  }
  const ambiguous = []
  for (const f of report.findings) {
    if (!f.code.startsWith('XC_')) continue
    const k = findingKey(f)
    const p = planted.get(k)
    if (f.code === 'XC_AMBIGUOUS') {
      const own = truth.get(`${path.basename(f.file)}:${f.row}`)
      const among = (f.related ?? []).some((r) => truth.get(`${path.basename(r.file)}:${r.row}`) === own)
      ambiguous.push({at: k, trueCounterpartAmongCandidates: among})
      continue
    }
    if (p?.optional) continue
    const s = stat(f.code)
    s.findings++
    if (p) s.right++
    else s.wrong.push(k)
    // XC_FIELD_CONFLICT: the value it says is right (the authority's) must be the planted one.
    if (p && p.expected !== undefined) {
      if (f.expected === p.expected) s.expectedRight++
      else s.wrongExpected.push(`${k} expected ${f.expected} (planted ${p.expected})`)
    }
  }
  return {seconds, links: {truePairs: truePairs.size, linked: linked.size, hits: linkHits, wrong: wrongLinks, missed: missedLinks}, codes, ambiguous}
}

const ratio = (x, n) => (n === 0 ? '—' : (x / n).toFixed(4))
const total = {truePairs: 0, linked: 0, hits: 0, codes: {}, ambiguous: 0}
for (const size of sizes) {
  for (const seed of seeds) {
    const dir = mkdtempSync(path.join(tmpdir(), `liushou-eval-${seed}-${size}-`))
    try {
      liushou(['sample', '--seed', String(seed), '--children', String(size), '--as-of', AS_OF, '--output', dir])
      const r = evaluate(dir)
      total.truePairs += r.links.truePairs
      total.linked += r.links.linked
      total.hits += r.links.hits
      total.ambiguous += r.ambiguous.length
      for (const [code, s] of Object.entries(r.codes)) {
        const t = (total.codes[code] ??= {planted: 0, found: 0, findings: 0, right: 0, expectedRight: 0})
        for (const k of ['planted', 'found', 'findings', 'right', 'expectedRight']) t[k] += s[k]
      }
      console.log(
        `seed ${seed} children ${size}: ${r.seconds.toFixed(1)} s, link precision ${ratio(r.links.hits, r.links.linked)} recall ${ratio(r.links.hits, r.links.truePairs)} ` +
          `(${r.links.wrong.length} wrong, ${r.links.missed.length} missed pairs), XC_AMBIGUOUS ${r.ambiguous.length}`,
      )
      if (verbose) {
        for (const w of r.links.wrong) console.log(`  wrong link ${w}`)
        for (const m of r.links.missed) console.log(`  missed link ${m}`)
        for (const [code, s] of Object.entries(r.codes)) {
          for (const m of s.misses) console.log(`  ${code}: missed ${m}`)
          for (const w of s.wrong) console.log(`  ${code}: wrong ${w}`)
          for (const w of s.wrongExpected) console.log(`  ${code}: ${w}`)
        }
        for (const a of r.ambiguous) console.log(`  XC_AMBIGUOUS ${a.at} (true counterpart among candidates: ${a.trueCounterpartAmongCandidates})`)
      }
      if (keep) console.log(`  kept ${dir}`)
    } finally {
      if (!keep) rmSync(dir, {recursive: true, force: true})
    }
  }
}

console.log(`\nAll sets (seeds ${seeds.join(',')}; children ${sizes.join(',')}):`)
console.log(`links: precision ${ratio(total.hits, total.linked)} recall ${ratio(total.hits, total.truePairs)} (${total.hits} of ${total.truePairs} true pairs, ${total.linked} linked)`)
console.log('code                        planted found  recall  findings right precision  expected right')
for (const [code, t] of Object.entries(total.codes).sort()) {
  const expected = code === 'XC_FIELD_CONFLICT' ? `${t.expectedRight} of ${t.right}` : ''
  console.log(`${code.padEnd(27)} ${String(t.planted).padStart(7)} ${String(t.found).padStart(5)} ${ratio(t.found, t.planted).padStart(7)} ${String(t.findings).padStart(9)} ${String(t.right).padStart(5)} ${ratio(t.right, t.findings).padStart(9)}  ${expected}`)
}
console.log(`XC_AMBIGUOUS findings (none planted): ${total.ambiguous}`)
if (arg('json')) writeFileSync(arg('json'), JSON.stringify(total, null, 2))
