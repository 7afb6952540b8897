// The registry against a known truth (issue 16, "Checked by"): a sample world (`liushou sample`,
// BENCH_REG_CHILDREN children, default 20,000) is ingested as of 2026-09-01; the civil-affairs
// list three months later (src/sample/snapshot.ts: children entered — 10 per 1,000 rows, newborn
// siblings and families newly listed — left for a reason, aged out, details changed) is ingested
// as of 2026-12-01. Measured: the share of children on both lists
// who keep their child number, numbers shared by two children, and `registry changes` against
// the planted entries and exits (recall, precision, each exit's reason).
//   npm run build && node bench/eval-registry.js [--seed N]
import {spawnSync} from 'node:child_process'
import {mkdirSync, readFileSync, rmSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {deriveNextSnapshot} from '../dist/src/sample/snapshot.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const children = Number(process.env.BENCH_REG_CHILDREN ?? 20_000)
const seedAt = process.argv.indexOf('--seed')
const seed = seedAt > 0 ? Number(process.argv[seedAt + 1]) : 42
const dir = path.join(root, 'bench/out', `eval-registry-${children}-${seed}`)
rmSync(dir, {recursive: true, force: true})
mkdirSync(dir, {recursive: true})

function cli(args, allowed = [0, 1]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/run.js'), ...args], {cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, env: {...process.env, LANG: 'en_US.UTF-8'}})
  if (!allowed.includes(r.status)) {
    console.error(`liushou ${args.slice(0, 2).join(' ')} failed (exit ${r.status}):\n${r.stderr}`)
    process.exit(1)
  }
  return r.stdout
}

const world = path.join(dir, 'world')
cli(['sample', '--output', world, '--children', String(children), '--seed', String(seed), '--as-of', '2026-09-01'], [0])
const file = (f) => path.join(world, f)
const next = path.join(dir, 'civil-affairs-next.csv')
const manifestFile = path.join(dir, 'next.json')
const manifest = await deriveNextSnapshot({source: file('civil-affairs.csv'), publicSecurity: file('public-security.csv'), truth: file('truth.csv'), output: next, manifest: manifestFile, oldAsOf: '2026-09-01', asOf: '2026-12-01', seed, stories: 10, entries: 10})

const db = path.join(dir, 'registry.duckdb')
const reg = (...args) => cli(['registry', ...args, '--registry', db])
reg('ingest', `civil-affairs=${file('civil-affairs.csv')}`, `education=${file('education.xlsx')}`, `public-security=${file('public-security.csv')}`, '--as-of', '2026-09-01', '--json')
reg('ingest', `civil-affairs=${next}`, '--as-of', '2026-12-01', '--json')

/** The exported roster: child number and ID number of each row (the ID column found by its header). */
function exported(asOf, dept) {
  const out = path.join(dir, `export-${asOf}-${dept ?? 'primary'}.csv`)
  reg('export', '--as-of', asOf, '--output', out, ...(dept ? ['--dept', dept] : []))
  const [header, ...lines] = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(','))
  const idAt = header.findIndex((h) => h.includes('身份证'))
  return lines.map((cells) => ({number: cells[0], id: cells[idAt] ?? ''}))
}

// A child is known by an ID number on one row of the month (a number on two rows may be a copied
// sibling's, or two children under one number: those rows say nothing about who is who).
const onceIn = (rows) => {
  const n = new Map()
  for (const r of rows) if (/^\d{17}[\dX]$/.test(r.id)) n.set(r.id, (n.get(r.id) ?? 0) + 1)
  return new Map(rows.filter((r) => n.get(r.id) === 1).map((r) => [r.id, r.number]))
}
const first = onceIn(exported('2026-09-01'))
const second = onceIn(exported('2026-12-01'))
const both = [...second.keys()].filter((id) => first.has(id))
const kept = both.filter((id) => first.get(id) === second.get(id)).length
const shared = (month) => {
  const ids = new Map()
  for (const [id, number] of month) ids.set(number, [...(ids.get(number) ?? []), id])
  return [...ids.values()].filter((list) => list.length > 1).length
}

// The first month against the truth: every row of the three lists is a known child (truth.csv), and
// the export lists a snapshot's rows in file order. A number on rows of two children is a false merge.
const truth = readFileSync(file('truth.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','))
const childrenOf = new Map()
for (const [dept, name] of [['civil-affairs', 'civil-affairs.csv'], ['education', 'education.xlsx'], ['public-security', 'public-security.csv']]) {
  const rows = exported('2026-09-01', dept)
  const behind = truth.filter((t) => t[0] === name).sort((a, b) => Number(a[1]) - Number(b[1])).map((t) => t[2])
  if (behind.length !== rows.length) throw new Error(`${name}: ${rows.length} rows exported, ${behind.length} in truth.csv`)
  rows.forEach((r, i) => childrenOf.set(r.number, new Set([...(childrenOf.get(r.number) ?? []), behind[i]])))
}
const falseMerges = [...childrenOf.values()].filter((set) => set.size > 1).length
const truthChildren = new Set(truth.map((t) => t[2])).size

const changes = JSON.parse(reg('changes', '--json', '--include-info'))
const base = (f) => path.basename(f)
const found = new Map(changes.findings.filter((f) => f.code === 'DIFF_ENTERED' || f.code.startsWith('DIFF_EXIT_')).map((f) => [`${base(f.file)}:${f.row}:${f.code === 'DIFF_ENTERED' ? 'in' : 'out'}`, f.code]))
const planted = new Map(manifest.expected.filter((e) => e.code === 'DIFF_ENTERED' || e.code.startsWith('DIFF_EXIT_')).map((e) => [`${base(e.file)}:${e.row}:${e.code === 'DIFF_ENTERED' ? 'in' : 'out'}`, e.code]))
const score = (kind) => {
  const p = [...planted.keys()].filter((k) => k.endsWith(kind))
  const f = [...found.keys()].filter((k) => k.endsWith(kind))
  const hit = p.filter((k) => found.has(k))
  return {planted: p.length, found: f.length, recall: hit.length / Math.max(1, p.length), precision: hit.length / Math.max(1, f.length), reasonRight: hit.filter((k) => found.get(k) === planted.get(k)).length / Math.max(1, hit.length)}
}
const pct = (x) => `${(100 * x).toFixed(2)} %`
const entries = score(':in')
const exits = score(':out')
console.log(`registry on a sample world of ${children.toLocaleString('en')} children (seed ${seed}), next civil-affairs list three months later`)
console.log(`  children on both lists (by an ID on one row each month): ${both.length.toLocaleString('en')}, same number ${pct(kept / Math.max(1, both.length))}`)
console.log(`  first month against the truth: ${truthChildren.toLocaleString('en')} children, ${childrenOf.size.toLocaleString('en')} numbers, numbers on rows of two children ${falseMerges}`)
console.log(`  numbers on two different ID numbers (each on one row): first month ${shared(first)}, second month ${shared(second)}`)
console.log(`  entries: planted ${entries.planted}, reported ${entries.found}, recall ${pct(entries.recall)}, precision ${pct(entries.precision)}`)
console.log(`  exits:   planted ${exits.planted}, reported ${exits.found}, recall ${pct(exits.recall)}, precision ${pct(exits.precision)}, reason right ${pct(exits.reasonRight)}`)
rmSync(dir, {recursive: true, force: true})
