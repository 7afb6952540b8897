// `npm run demo`: the main job on the bundled samples, as a data officer would run it.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync} from 'node:fs'
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
// Deduplication: the same child on several rows of one roster and across the department lists.
{
  const lists = [`civil-affairs=${civil}`, ...['education.xlsx', 'public-security.csv'].filter((f) => existsSync(path.join(samples, f))).map((f) => `${f.replace(/\.[^.]+$/, '')}=${path.join('samples', f)}`)]
  liushou('dedupe the civil-affairs roster: the same child on several rows (table, Chinese)', ['dedupe', civil, '--as-of', asOf, '--lang', 'zh', '--format', 'table'])
  liushou('dedupe across the lists: clusters as JSON, every row with its cluster, one merged record per child', [
    'dedupe',
    ...lists,
    '--as-of',
    asOf,
    '--json',
    '--output',
    path.join('demo-output', 'dedupe.json'),
    '--assignments',
    path.join('demo-output', 'dedupe-assignments.csv'),
    '--merged',
    path.join('demo-output', 'dedupe-merged.csv'),
  ])
  const cluster = JSON.parse(readFileSync(path.join(out, 'dedupe.json'), 'utf8')).clusters?.find((c) => c.decision === 'match' && c.members.length >= 2)
  if (cluster) {
    const [a, b] = cluster.members.map((m) => `${m.dataset}:${m.row}`)
    liushou(`how the score of ${a} and ${b} was built (--explain)`, ['dedupe', ...lists, '--as-of', asOf, '--lang', 'zh', '--explain', a, b, '--format', 'table'])
  }
}
// Cross-checking the departments' lists: every disagreement, on the row that is wrong; then the
// same check on tokenized copies, as two departments that share only a key would run it.
{
  const lists = [`civil-affairs=${civil}`, ...[['education', 'education.xlsx'], ['public-security', 'public-security.csv']].filter(([, f]) => existsSync(path.join(samples, f))).map(([dept, f]) => `${dept}=${path.join('samples', f)}`)]
  liushou('crosscheck civil affairs against education and public security (table, Chinese)', ['crosscheck', ...lists, '--as-of', asOf, '--lang', 'zh', '--format', 'table'])
  liushou('', ['crosscheck', ...lists, '--as-of', asOf, '--json', '--output', path.join('demo-output', 'crosscheck.json')])
  liushou('', ['crosscheck', ...lists, '--as-of', asOf, '--lang', 'zh', '--format', 'html', '--output', path.join('demo-output', 'crosscheck.html')])
  const key = path.join('demo-output', 'shared.key')
  rmSync(path.join(root, key), {force: true})
  liushou('privacy-preserving exchange: one key, each list tokenized, crosscheck on the tokens', ['tokenize', '--generate-key', key, '--lang', 'zh'])
  const tokenized = lists.map((arg) => {
    const [dept, file] = arg.split('=')
    const target = path.join('demo-output', `${dept}.tokens.csv`)
    liushou('', ['tokenize', file, '--key', key, '--output', target, '--as-of', asOf, '--format', 'json', '--output-encoding', 'utf8-bom', '--report', path.join('demo-output', `${dept}.tokenize.json`)])
    return `${dept}=${target}`
  })
  liushou('', ['crosscheck', ...tokenized, '--as-of', asOf, '--json', '--output', path.join('demo-output', 'crosscheck-tokenized.json')])
  const pairs = (file) => {
    const set = new Set()
    for (const link of JSON.parse(readFileSync(path.join(out, file), 'utf8')).links ?? []) {
      const m = link.members.map((x) => `${x.dataset}:${x.row}`)
      for (const a of m) for (const b of m) if (a < b && a.split(':')[0] !== b.split(':')[0]) set.add(`${a} ${b}`)
    }
    return set
  }
  const plain = pairs('crosscheck.json')
  const onTokens = pairs('crosscheck-tokenized.json')
  const kept = [...plain].filter((p) => onTokens.has(p)).length
  console.log(`crosscheck on tokens linked ${kept} of the ${plain.size} row pairs across lists that the plain run linked (${((100 * kept) / Math.max(plain.size, 1)).toFixed(1)}%)`)
}
// Dynamic management: next quarter's roster, derived from the sample (src/sample/snapshot.ts),
// then what changed between the two (diff) and each child's risk on the new one (risk).
const nextAsOf = '2026-12-01'
const next = path.join('demo-output', 'civil-affairs-next.csv')
const ps = path.join('samples', 'public-security.csv')
const edu = path.join('samples', 'education.xlsx')
const {deriveNextSnapshot} = await import('../dist/src/sample/snapshot.js')
const snapshot = await deriveNextSnapshot({
  source: path.join(root, civil),
  publicSecurity: existsSync(path.join(root, ps)) ? path.join(root, ps) : undefined,
  truth: existsSync(path.join(samples, 'truth.csv')) ? path.join(samples, 'truth.csv') : undefined,
  output: path.join(root, next),
  manifest: path.join(out, 'civil-affairs-next.json'),
  oldAsOf: asOf,
  asOf: nextAsOf,
})
console.log(`\n=== next quarter's roster: ${next} (${snapshot.new.rows} rows; what diff should find: demo-output/civil-affairs-next.json)`)
liushou('diff the two snapshots: who entered, who left and why, what changed', ['diff', civil, next, `public-security=${ps}`, '--as-of', nextAsOf, '--lang', 'zh', '--format', 'table'])
liushou('', ['diff', civil, next, `public-security=${ps}`, '--as-of', nextAsOf, '--mask', 'none', '--json', '--output', path.join('demo-output', 'diff.json')])
{
  const key = (f) => `${path.basename(f.file)}:${f.row} ${f.code}${f.code === 'DIFF_CHANGED' ? ` ${f.field}` : ''}`
  const got = new Set(JSON.parse(readFileSync(path.join(out, 'diff.json'), 'utf8')).findings.map(key))
  const found = snapshot.expected.filter((e) => got.has(key(e))).length
  console.log(`diff found ${found} of the ${snapshot.expected.length} changes the snapshot was made with (${got.size - found} other findings)`)
}
liushou("risk of every child on the new roster, in the order of the child directors' visits", ['risk', next, `education=${edu}`, `public-security=${ps}`, '--as-of', nextAsOf, '--lang', 'zh', '--format', 'html', '--output', path.join('demo-output', 'risk.html')])
liushou('', ['risk', next, `education=${edu}`, `public-security=${ps}`, '--as-of', nextAsOf, '--lang', 'zh', '--format', 'xlsx', '--output', path.join('demo-output', 'risk.xlsx')])
// Notification and correction: one workbook per town to check, answers filled in as a town
// would (here by a script: the authoritative value taken where another department has one, the
// rest confirmed or left open), then taken back into the roster by apply.
{
  const packets = path.join('demo-output', '核实单')
  const returned = path.join('demo-output', '核实单-回收')
  for (const dir of [packets, returned]) rmSync(path.join(root, dir), {recursive: true, force: true})
  const lists = [`civil-affairs=${civil}`, `education=${edu}`, `public-security=${ps}`]
  liushou('packets: one workbook per town for what it must check, with a deadline', ['crosscheck', ...lists, '--as-of', asOf, '--lang', 'zh', '--packets', packets, '--packets-by', 'town', '--deadline', '2026-09-20', '--json', '--output', path.join('demo-output', 'crosscheck-packets.json')])
  const {default: ExcelJS} = await import('exceljs')
  mkdirSync(path.join(root, returned), {recursive: true})
  const towns = readdirSync(path.join(root, packets)).filter((f) => f.endsWith('.xlsx') && f !== 'index.xlsx' && f !== '未分配.xlsx').sort()
  let filled = 0
  for (const [i, town] of towns.slice(0, 2).entries()) {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path.join(root, packets, town))
    const ws = wb.getWorksheet('待核实')
    const head = ws.getRow(1).values.slice(1).map(String)
    const at = (h) => head.indexOf(h) + 1
    ws.eachRow((row, n) => {
      if (n === 1 || !row.getCell(at('问题编号')).value) return
      const authoritative = String(row.getCell(at('权威值')).value ?? '').trim()
      const answer = authoritative && !authoritative.includes('*') ? ['已更正', authoritative] : n % 3 === 0 ? ['情况属实', ''] : undefined
      if (!answer) return
      row.getCell(at('核实结果')).value = answer[0]
      row.getCell(at('更正后的值')).value = answer[1]
      row.getCell(at('核实说明')).value = '演示：按权威部门的记录核实'
      row.getCell(at('核实人')).value = '王干事'
      row.getCell(at('核实日期')).value = new Date(Date.UTC(2026, 8, 15))
      filled++
    })
    // Answers come back under any name.
    await wb.xlsx.writeFile(path.join(root, returned, `回收${i + 1}-${town}`))
  }
  console.log(`\n(the demo filled in ${filled} answer lines in ${Math.min(2, towns.length)} of the ${towns.length} town packets, as a town office would)`)
  liushou('apply the returned answers: a corrected roster, a change log, confirmed findings as exceptions', [
    'apply',
    `civil-affairs=${civil}`,
    '--answers',
    returned,
    '--output',
    path.join('demo-output', 'civil-affairs.corrected.csv'),
    '--changes',
    path.join('demo-output', 'civil-affairs.corrections.csv'),
    '--exceptions',
    path.join('demo-output', '例外.jsonl'),
    '--lang',
    'zh',
    '--report',
    path.join('demo-output', 'apply.json'),
  ])
}
// The basic information database: every child under one stable number across months and
// departments, each finding followed from first sight to resolution.
{
  const registry = path.join('demo-output', 'registry.duckdb')
  rmSync(path.join(root, registry), {force: true})
  liushou("registry: this quarter's three lists, each child numbered", ['registry', 'ingest', `civil-affairs=${civil}`, `education=${edu}`, `public-security=${ps}`, '--as-of', asOf, '--registry', registry, '--lang', 'zh', '--format', 'json', '--output', path.join('demo-output', 'registry-ingest-1.json')])
  liushou("registry: next quarter's roster; the children keep their numbers", ['registry', 'ingest', `civil-affairs=${next}`, '--as-of', nextAsOf, '--registry', registry, '--lang', 'zh', '--format', 'json', '--output', path.join('demo-output', 'registry-ingest-2.json')])
  liushou('registry status: the nightly report (new, open, resolved)', ['registry', 'status', '--registry', registry, '--lang', 'zh', '--format', 'table', '--limit', '15'])
  liushou('registry changes: who entered and who left, by child number', ['registry', 'changes', '--registry', registry, '--lang', 'zh', '--format', 'json', '--output', path.join('demo-output', 'registry-changes.json')])
  const exported = path.join('demo-output', 'registry-export.csv')
  liushou('registry export: the roster with 儿童编号 first', ['registry', 'export', '--registry', registry, '--as-of', nextAsOf, '--output', exported, '--lang', 'zh'])
  const child = readFileSync(path.join(root, exported), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[1]?.split(',')[0]
  if (child) liushou(`registry child ${child}: one child's file (一人一档)`, ['registry', 'child', child, '--registry', registry, '--lang', 'zh', '--format', 'table'])
}
const written = ['validate.json', 'validate.csv', 'validate.html', 'validate.xlsx', 'civil-affairs.normalized.csv', 'civil-affairs.changes.csv', 'crosscheck.json', 'crosscheck.html', 'crosscheck-tokenized.json', 'civil-affairs-next.csv', 'diff.json', 'risk.html', 'risk.xlsx', '核实单/index.xlsx', 'civil-affairs.corrected.csv', 'apply.json', 'registry.duckdb', 'registry-changes.json', 'registry-export.csv']
console.log(`\nWritten to ${path.relative(root, out)}/: ${written.join(', ')}`)
if (!written.every((f) => existsSync(path.join(out, f)))) process.exit(1)
