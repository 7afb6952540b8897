// The education roster of the workbook benchmark (issue 19, item 4): 683,000 pupils in 9
// columns, written twice with the same cells: as an .xlsx by exceljs's streaming writer (shared
// strings on, as Excel and WPS write them; birth dates as date cells) and as a UTF-8 CSV with the
// text those cells show. Deterministic for a given row count.
import ExcelJS from 'exceljs'
import {createWriteStream} from 'node:fs'
import {once} from 'node:events'

import {mulberry32} from '../dist/src/sample/random.js'
import {checkDigit} from '../dist/src/cn/id-number.js'

export const XLSX_HEADER = ['学生姓名', '性别', '出生日期', '身份证件号', '全国学籍号', '学校名称', '年级', '班级', '监护人联系电话']
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN = '子涵梓轩浩宇欣怡雨萱一诺俊杰思远佳怡嘉豪明轩紫涵诗琪博文梓豪宇航晨曦雅琪佳琪志强海燕建华丽娟文静晓东春梅秀英桂兰国强'
const COUNTIES = ['430121', '430181', '430582', '430522', '430523', '431181', '431122', '433122', '433123', '430621']
const GRADES = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '七年级', '八年级', '九年级']
const pad = (n, w) => String(n).padStart(w, '0')

/** The rows, as the text each cell shows, and the birth date as a UTC date for the workbook. */
function* pupils(rows, seed) {
  const r = mulberry32(seed)
  const pick = (s) => s[Math.floor(r() * s.length)]
  const schools = Array.from({length: 400}, (_, i) => `${pick(['湘江', '麓山', '桃源', '清水', '石门', '龙潭'])}第${i + 1}小学`)
  for (let i = 0; i < rows; i++) {
    const county = COUNTIES[i % COUNTIES.length]
    const year = 2010 + Math.floor(r() * 9)
    const month = 1 + Math.floor(r() * 12)
    const day = 1 + Math.floor(r() * 28)
    const male = r() < 0.52
    const seq = pad((i * 7919) % 1000, 3)
    const body = `${county}${year}${pad(month, 2)}${pad(day, 2)}${seq.slice(0, 2)}${male ? 1 + 2 * Math.floor(r() * 5) : 2 * Math.floor(r() * 5)}`
    const id = body + checkDigit(body)
    const name = pick(SURNAMES) + pick(GIVEN) + (r() < 0.6 ? pick(GIVEN) : '')
    yield {
      birth: new Date(Date.UTC(year, month - 1, day)),
      cells: [name, male ? '男' : '女', `${year}-${pad(month, 2)}-${pad(day, 2)}`, id, `G${id}`, pick(schools), pick(GRADES), `${1 + Math.floor(r() * 6)}班`, `1${pick(['38', '39', '58', '59', '87'])}${pad(Math.floor(r() * 1e8), 8)}`],
    }
  }
}

export async function generateXlsxRoster(xlsxFile, csvFile, rows, seed = 19) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({filename: xlsxFile, useSharedStrings: true, useStyles: true})
  const ws = wb.addWorksheet('学生信息')
  ws.addRow(XLSX_HEADER).commit()
  const csv = createWriteStream(csvFile)
  csv.write('\ufeff' + XLSX_HEADER.join(',') + '\r\n')
  let buf = []
  for (const p of pupils(rows, seed)) {
    const values = [...p.cells]
    values[2] = p.birth
    const row = ws.addRow(values)
    row.getCell(3).numFmt = 'yyyy-mm-dd'
    row.commit()
    buf.push(p.cells.join(','))
    if (buf.length === 10_000) {
      if (!csv.write(buf.join('\r\n') + '\r\n')) await once(csv, 'drain')
      buf = []
    }
  }
  if (buf.length) csv.write(buf.join('\r\n') + '\r\n')
  csv.end()
  await once(csv, 'finish')
  ws.commit()
  await wb.commit()
}
