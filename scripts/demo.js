// `npm run demo`: the main job on the bundled samples, as a data officer would run it.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const samples = path.join(root, 'samples')
const out = path.join(root, 'demo-output')
const asOf = '2026-09-01'
mkdirSync(out, {recursive: true})

const rosters = readdirSync(samples)
  .filter((f) => /\.(csv|xlsx)$/i.test(f) && !/^(truth|faults)/.test(f))
  .sort()
  .map((f) => path.join('samples', f))
if (rosters.length === 0) {
  console.error('demo: no rosters in samples/ (run `npm run samples`)')
  process.exit(2)
}

function liushou(title, args) {
  console.log(`${title ? `\n=== ${title}\n` : ''}$ liushou ${args.join(' ')}\n`)
  const r = spawnSync(process.execPath, [path.join(root, 'bin/run.js'), ...args], {cwd: root, stdio: 'inherit'})
  // Findings exit 1 by design; only a failure to run (2 or a crash) stops the demo.
  if (r.status !== 0 && r.status !== 1) {
    console.error(`demo: liushou ${args[0]} exited ${r.status}`)
    process.exit(r.status ?? 2)
  }
}

const civil = rosters.find((f) => path.basename(f) === 'civil-affairs.csv') ?? rosters.find((f) => /civil/i.test(f)) ?? rosters[0]
liushou('validate the civil-affairs roster (table, Chinese)', ['validate', civil, '--as-of', asOf, '--lang', 'zh', '--format', 'table'])
liushou('validate every roster, JSON report to a file', ['validate', ...rosters, '--as-of', asOf, '--json', '--output', path.join('demo-output', 'validate.json')])
liushou('the same findings as CSV for Excel', ['validate', ...rosters, '--as-of', asOf, '--format', 'csv', '--output', path.join('demo-output', 'validate.csv')])
liushou('an HTML report to open in a browser, and a highlighted workbook', ['validate', ...rosters, '--as-of', asOf, '--lang', 'zh', '--format', 'html', '--output', path.join('demo-output', 'validate.html')])
liushou('', ['validate', civil, '--as-of', asOf, '--lang', 'zh', '--format', 'xlsx', '--output', path.join('demo-output', 'validate.xlsx')])
liushou('normalize the civil-affairs roster: cleaned copy, change log, what is left to fix', [
  'normalize',
  civil,
  '--output',
  path.join('demo-output', 'civil-affairs.normalized.csv'),
  '--changes',
  path.join('demo-output', 'civil-affairs.changes.csv'),
  '--as-of',
  asOf,
  '--lang',
  'zh',
  '--format',
  'table',
])
const written = ['validate.json', 'validate.csv', 'validate.html', 'validate.xlsx', 'civil-affairs.normalized.csv', 'civil-affairs.changes.csv']
console.log(`\nWritten to ${path.relative(root, out)}/: ${written.join(', ')}`)
if (!written.every((f) => existsSync(path.join(out, f)))) process.exit(1)
