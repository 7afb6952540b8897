// `npm run bench` (and `node bench/crosscheck-xlsx.js` alone): the crosscheck benchmark with the
// education list as two workbooks (issue 19: "crosscheck of 1M civil-affairs rows, 1.5M education
// rows as two workbooks and 2M public-security rows in at most 120 s with peak memory under
// 2.5 GB"). The education rows of bench/crosscheck-data.js are written once, half and half, into
// education-1.xlsx and education-2.xlsx beside the CSV (exceljs's streaming writer, shared strings
// on as Excel writes them, every cell the text the CSV holds), and crosscheck is given
// `education=education-1.xlsx education=education-2.xlsx`. Sizes: BENCH_XC_CIVIL (default
// 1,000,000 civil-affairs rows; education 1.5×, public security 2×).
import ExcelJS from 'exceljs'
import {createReadStream, existsSync, renameSync} from 'node:fs'
import path from 'node:path'
import {createInterface} from 'node:readline'
import {fileURLToPath} from 'node:url'

import {CROSSCHECK_FILES} from './crosscheck-data.js'
import {crosscheckData, runCrosscheck} from './crosscheck.js'

/** One CSV line's cells (the generator quotes only cells holding a comma or a quote). */
function cells(line) {
  if (!line.includes('"')) return line.split(',')
  const out = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      out.push(cell)
      cell = ''
    } else cell += c
  }
  out.push(cell)
  return out
}

/** Writes the education CSV's data rows into `parts` workbooks of equal shares, each with the header. */
async function writeWorkbooks(csv, targets, rows) {
  const per = Math.ceil(rows / targets.length)
  let header
  let book
  let sheet
  let part = -1
  let inPart = per
  const finish = async () => {
    if (!book) return
    sheet.commit()
    await book.commit()
    renameSync(`${targets[part]}.part`, targets[part])
  }
  for await (const line of createInterface({input: createReadStream(csv, {encoding: 'utf8'}), crlfDelay: Infinity})) {
    if (header === undefined) {
      header = cells(line.replace(/^\ufeff/, ''))
      continue
    }
    if (line === '') continue
    if (inPart === per) {
      await finish()
      part++
      inPart = 0
      book = new ExcelJS.stream.xlsx.WorkbookWriter({filename: `${targets[part]}.part`, useSharedStrings: true, useStyles: false})
      sheet = book.addWorksheet('学生信息')
      sheet.addRow(header).commit()
    }
    sheet.addRow(cells(line)).commit()
    inPart++
  }
  await finish()
  return per
}

export async function benchCrosscheckXlsx(civil = Number(process.env.BENCH_XC_CIVIL ?? 1_000_000)) {
  const {dir, manifest} = await crosscheckData(civil)
  const targets = [1, 2].map((k) => path.join(dir, `education-${k}.xlsx`))
  const rows = manifest.rows.education
  const per = Math.ceil(rows / targets.length)
  if (!targets.every((f) => existsSync(f))) {
    const t = performance.now()
    await writeWorkbooks(path.join(dir, CROSSCHECK_FILES.education), targets, rows)
    console.log(`wrote the education list as ${targets.length} workbooks in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  }
  const lists = [
    {department: 'civil-affairs', files: [path.join(dir, CROSSCHECK_FILES['civil-affairs'])]},
    {department: 'education', files: targets},
    {department: 'public-security', files: [path.join(dir, CROSSCHECK_FILES['public-security'])]},
  ]
  // Each workbook numbers its rows from 2 (the header is row 1): the k-th holds the truth's rows from k × per.
  const truthIndex = (m) => (m.dataset === 'education' ? targets.indexOf(m.file) * per + m.row - 2 : m.row - manifest.firstRow[m.dataset])
  return runCrosscheck(dir, manifest, lists, {label: 'crosscheck, education .xlsx×2', what: 'education as 2 workbooks', truthIndex})
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchCrosscheckXlsx()
