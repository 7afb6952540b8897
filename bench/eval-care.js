// `node bench/eval-care.js [--seeds 1-6] [--sizes 1000,3000] [--stories K] [--verbose] [--keep] [--json FILE]`:
// the quality of `risk` and `diff` on synthetic worlds they were never tuned on, two snapshots
// three months apart. Each world is written by `liushou sample` with its own seed and size (the
// civil-affairs roster writes a parent's condition the ways clerks do: 在家（残疾）, 重病在家,
// 本地（精神残疾） in the status, the 务工地 or 备注); the next quarter's roster comes from
// src/sample/snapshot.ts with K of each story per 1,000 rows (parents back home — among them the
// away parent of a family whose other parent cannot care —, children gone without a reason —
// among them children of such families —, deaths, moves, children who turned 16).
//
// - risk, on the first snapshot with the education and public-security lists, against the
//   sample's risks.json: per factor, the share of the children who have it that get it (recall)
//   and of the children given it that have it (precision); over all factors (child × factor
//   pairs); the share of the children with a factor beyond both parents away rated medium or high;
//   the basis right; children rated who should not be, and the other way round.
// - diff, between the two snapshots with the public-security list, against the snapshot's
//   manifest: of the expected exits, the share classified right (same child, same code); recall
//   and precision of DIFF_EXIT_UNEXPLAINED.
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
// LIUSHOU_TOOL: another build whose risk and diff to score on the same worlds (a baseline).
const built = process.env.LIUSHOU_ROOT ?? root
const run = path.join(built, 'bin/run.js')
const tool = process.env.LIUSHOU_TOOL ? path.join(process.env.LIUSHOU_TOOL, 'bin/run.js') : run
const {deriveNextSnapshot} = await import(path.join(built, 'dist/src/sample/snapshot.js'))
const AS_OF = '2026-09-01'
const NEXT_AS_OF = '2026-12-01'

const seeds = range(arg('seeds', '1-6'))
const sizes = range(arg('sizes', '1000,3000'))
const stories = Number(arg('stories', '8'))
const keep = process.argv.includes('--keep')
const verbose = process.argv.includes('--verbose')

function liushou(args) {
  const r = spawnSync(process.execPath, [args[0] === 'sample' ? run : tool, ...args], {cwd: root, encoding: 'utf8', maxBuffer: 1 << 30})
  if (r.status !== 0 && r.status !== 1) throw new Error(`liushou ${args[0]} exited ${r.status}: ${r.stderr}`)
  return r.stdout
}

const total = {
  factors: {},
  pairs: {tp: 0, fn: 0, fp: 0},
  beyond: {children: 0, mediumPlus: 0},
  basis: {right: 0, all: 0},
  rated: {missing: 0, extra: 0},
  exits: {right: 0, all: 0},
  unexplained: {tp: 0, fn: 0, fp: 0},
  confusion: {},
  misses: [],
}

function add(factor, key) {
  const f = (total.factors[factor] ??= {tp: 0, fn: 0, fp: 0})
  f[key]++
}

function scoreRisk(dir, label) {
  const truth = JSON.parse(readFileSync(path.join(dir, 'risks.json'), 'utf8'))
  const lists = Object.entries(truth.lists).map(([d, f]) => `${d}=${path.join(dir, f)}`)
  const report = JSON.parse(liushou(['risk', path.join(dir, truth.file), ...lists, '--as-of', AS_OF, '--json', '--mask', 'none']))
  const got = new Map(report.risks.map((r) => [r.row, r]))
  for (const want of truth.risks) {
    const r = got.get(want.row)
    if (!r) {
      total.rated.missing++
      if (verbose) total.misses.push(`${label} risk row ${want.row}: not rated (${want.factors.join(' ')})`)
      continue
    }
    got.delete(want.row)
    const have = new Set(r.factors)
    for (const f of want.factors) {
      if (have.has(f)) {
        add(f, 'tp')
        total.pairs.tp++
      } else {
        add(f, 'fn')
        total.pairs.fn++
        if (verbose) total.misses.push(`${label} risk row ${want.row}: ${f} missed`)
      }
    }
    for (const f of r.factors) {
      if (!want.factors.includes(f)) {
        add(f, 'fp')
        total.pairs.fp++
        if (verbose) total.misses.push(`${label} risk row ${want.row}: ${f} not expected`)
      }
    }
    if (want.factors.some((f) => f !== 'RISK_BOTH_PARENTS_AWAY')) {
      total.beyond.children++
      if (r.level !== 'low') total.beyond.mediumPlus++
      else if (verbose) total.misses.push(`${label} risk row ${want.row}: low with ${want.factors.join(' ')}`)
    }
    total.basis.all++
    if (r.basis === want.basis) total.basis.right++
    else if (verbose) total.misses.push(`${label} risk row ${want.row}: basis ${r.basis}, expected ${want.basis}`)
  }
  total.rated.extra += got.size
  if (verbose) for (const r of got.values()) total.misses.push(`${label} risk row ${r.row}: rated, expected not`)
}

const exitKey = (f) => `${path.basename(f.file)}:${f.row}`

function scoreDiff(dir, label) {
  const old = path.join(dir, 'civil-affairs.csv')
  const next = path.join(dir, 'civil-affairs-next.csv')
  const ps = path.join(dir, 'public-security.csv')
  return deriveNextSnapshot({source: old, publicSecurity: ps, truth: path.join(dir, 'truth.csv'), risks: path.join(dir, 'risks.json'), output: next, oldAsOf: AS_OF, asOf: NEXT_AS_OF, stories}).then((m) => {
    const report = JSON.parse(liushou(['diff', old, next, `public-security=${ps}`, '--as-of', NEXT_AS_OF, '--old-as-of', AS_OF, '--json', '--mask', 'none']))
    const got = new Map(report.findings.filter((f) => f.code.startsWith('DIFF_EXIT')).map((f) => [exitKey(f), f.code]))
    const want = new Map(m.expected.filter((e) => e.code.startsWith('DIFF_EXIT')).map((e) => [exitKey(e), e.code]))
    for (const [k, code] of want) {
      total.exits.all++
      const g = got.get(k)
      const cell = `${code} → ${g ?? 'none'}`
      total.confusion[cell] = (total.confusion[cell] ?? 0) + 1
      if (g === code) total.exits.right++
      else if (verbose) total.misses.push(`${label} diff ${k}: ${code} found as ${g ?? 'nothing'}`)
      if (code === 'DIFF_EXIT_UNEXPLAINED') {
        if (g === code) total.unexplained.tp++
        else total.unexplained.fn++
      }
    }
    for (const [k, code] of got) {
      if (code === 'DIFF_EXIT_UNEXPLAINED' && want.get(k) !== code) {
        total.unexplained.fp++
        if (verbose) total.misses.push(`${label} diff ${k}: unexplained, expected ${want.get(k) ?? 'no exit'}`)
      }
      if (!want.has(k)) {
        const cell = `none → ${code}`
        total.confusion[cell] = (total.confusion[cell] ?? 0) + 1
      }
    }
    return m
  })
}

const ratio = (a, b) => (b === 0 ? 1 : a / b)
const pct = (x) => `${(100 * x).toFixed(1)}%`

for (const size of sizes) {
  for (const seed of seeds) {
    const dir = mkdtempSync(path.join(tmpdir(), `liushou-eval-care-${seed}-${size}-`))
    const label = `seed ${seed} size ${size}`
    try {
      liushou(['sample', '--seed', String(seed), '--children', String(size), '--as-of', AS_OF, '--output', dir])
      scoreRisk(dir, label)
      const m = await scoreDiff(dir, label)
      console.error(`${label}: ${m.old.rows} → ${m.new.rows} rows, exits ${Object.entries(m.byCode).filter(([c]) => c.startsWith('DIFF_EXIT')).map(([c, n]) => `${c.slice(10)} ${n}`).join(', ')}`)
    } finally {
      if (keep) console.error(`kept ${dir}`)
      else rmSync(dir, {recursive: true, force: true})
    }
  }
}

const lines = []
lines.push(`risk: ${Object.values(total.factors).reduce((n, f) => n + f.tp + f.fn, 0)} child × factor pairs expected`)
lines.push('| factor | children with it | found | recall | given | precision |')
lines.push('| --- | --- | --- | --- | --- | --- |')
for (const [factor, f] of Object.entries(total.factors).sort()) {
  lines.push(`| ${factor} | ${f.tp + f.fn} | ${f.tp} | ${pct(ratio(f.tp, f.tp + f.fn))} | ${f.tp + f.fp} | ${pct(ratio(f.tp, f.tp + f.fp))} |`)
}
const p = total.pairs
lines.push(`over all factors: recall ${pct(ratio(p.tp, p.tp + p.fn))}, precision ${pct(ratio(p.tp, p.tp + p.fp))}`)
lines.push(`children with a factor beyond both parents away rated medium or high: ${total.beyond.mediumPlus}/${total.beyond.children} = ${pct(ratio(total.beyond.mediumPlus, total.beyond.children))}`)
lines.push(`basis right: ${total.basis.right}/${total.basis.all} = ${pct(ratio(total.basis.right, total.basis.all))}; children not rated that should be ${total.rated.missing}, rated that should not be ${total.rated.extra}`)
lines.push(`diff: exits classified right ${total.exits.right}/${total.exits.all} = ${pct(ratio(total.exits.right, total.exits.all))}`)
const u = total.unexplained
lines.push(`DIFF_EXIT_UNEXPLAINED: recall ${u.tp}/${u.tp + u.fn} = ${pct(ratio(u.tp, u.tp + u.fn))}, precision ${u.tp}/${u.tp + u.fp} = ${pct(ratio(u.tp, u.tp + u.fp))}`)
lines.push('exits expected → found:')
for (const [cell, n] of Object.entries(total.confusion).sort()) lines.push(`  ${cell}: ${n}`)
if (verbose) lines.push('', ...total.misses)
console.log(lines.join('\n'))
const jsonOut = arg('json')
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(total, null, 2)}\n`)
