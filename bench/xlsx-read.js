// The workbook benchmark (issue 19, item 4): the 683,000-row, 9-column education roster as an
// .xlsx (exceljs's streaming writer, shared strings) and as the same rows in CSV; the reader
// alone and `validate` on each, every run in its own process with its peak memory. The issue's
// target: validate of the workbook in at most 1.5× the time of the CSV, under 500 MB.
// Run alone with `node bench/xlsx-read.js` (after `npm run build`); BENCH_XLSX_ROWS changes the
// row count; BENCH_XLSX_SCAN=1 adds the XML scanner against saxes (bench/xlsx-scan.js).
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, statSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {generateXlsxRoster} from './xlsx-data.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outDir = path.join(root, 'bench/out')

function measure(label, args, env = {}) {
  const t = performance.now()
  const r = spawnSync(process.execPath, ['--require', path.join(root, 'bench/maxrss.cjs'), ...args], {cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, env: {...process.env, ...env}})
  const seconds = (performance.now() - t) / 1000
  if (r.status !== 0 && r.status !== 1) {
    console.error(`${label} failed (exit ${r.status}):\n${r.stderr}`)
    process.exit(1)
  }
  const maxRss = Number(/MAXRSS_KB (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024
  const cpu = Number(/CPU_MS (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1000
  return {label, seconds, maxRss, cpu, stdout: r.stdout}
}

function line(m, note = '') {
  console.log(`${m.label.padEnd(34)} ${m.seconds.toFixed(2).padStart(7)} s  cpu ${m.cpu.toFixed(1).padStart(5)} s  peak ${m.maxRss.toFixed(0).padStart(5)} MB${note}`)
}

export async function benchXlsx(rows = Number(process.env.BENCH_XLSX_ROWS ?? 683_000)) {
  mkdirSync(outDir, {recursive: true})
  const xlsx = path.join(outDir, `edu-${rows}.xlsx`)
  const csv = path.join(outDir, `edu-${rows}.csv`)
  if (!existsSync(xlsx) || !existsSync(csv)) {
    const t = performance.now()
    await generateXlsxRoster(xlsx, csv, rows)
    console.log(`generated ${rows.toLocaleString('en')} rows × 9 columns in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  }
  console.log(`\n${rows.toLocaleString('en')} pupils × 9 columns: .xlsx ${(statSync(xlsx).size / 1e6).toFixed(0)} MB, CSV ${(statSync(csv).size / 1e6).toFixed(0)} MB (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`)
  const pass = path.join(root, 'bench/xlsx-read-pass.js')
  const readCsv = measure('read CSV', [pass, csv])
  line(readCsv)
  const readXlsx = measure('read .xlsx (worker)', [pass, xlsx])
  line(readXlsx, `  main thread busy ${JSON.parse(readXlsx.stdout).mainBusy.toFixed(1)} s`)
  const readXlsxMain = measure('read .xlsx (one thread)', [pass, xlsx], {LIUSHOU_XLSX_THREAD: 'main'})
  line(readXlsxMain)
  const validate = (file) => [path.join(root, 'bin/run.js'), 'validate', file, '--as-of', '2026-06-30', '--format', 'json', '--output', path.join(outDir, 'validate-xlsx-bench.json')]
  const validateCsv = measure('validate CSV', validate(csv))
  line(validateCsv)
  const report = () => JSON.parse(readFileSync(path.join(outDir, 'validate-xlsx-bench.json'), 'utf8'))
  const csvFindings = report().summary.findings
  const validateXlsx = measure('validate .xlsx', validate(xlsx))
  const ratio = validateXlsx.seconds / validateCsv.seconds
  line(validateXlsx, `  ${ratio.toFixed(2)}× the CSV (target ≤ 1.5×, peak < 500 MB)`)
  const xlsxFindings = report().summary.findings
  if (xlsxFindings !== csvFindings) console.log(`  the reports differ: ${csvFindings} findings from the CSV, ${xlsxFindings} from the workbook`)
  if (process.env.BENCH_XLSX_SCAN === '1') {
    console.log('')
    const r = spawnSync(process.execPath, [path.join(root, 'bench/xlsx-scan.js'), xlsx], {cwd: root, encoding: 'utf8'})
    process.stdout.write(r.stdout)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchXlsx()
