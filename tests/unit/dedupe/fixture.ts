import iconv from 'iconv-lite'

import {checkDigit} from '../../../src/cn/id-number.js'
import {SYNTHETIC_HEADER, generatePopulation} from '../../../src/sample/linkage-population.js'

const id = (first17: string): string => first17 + checkDigit(first17)

export const IDS = {
  ziHan: id('43012120150304002'),
  haoYu: id('43012120130102001'),
  twinA: id('43012120140506011'),
  twinB: id('43012120140506033'),
  sameName1: id('43012120120708002'),
  sameName2: id('43012120160910004'),
  guardian1: id('43012119500101001'),
  guardian2: id('43012119520202002'),
}

// The rows the tests reason about (Excel rows 2–12), then a synthetic population (so that EM has
// pairs to learn from). Columns: SYNTHETIC_HEADER.
export const KNOWN: string[][] = [
  ['1', '李子涵', '女', IDS.ziHan, '2015-03-04', '430121001001', '李德明', IDS.guardian1, '13812345678', '李建军', '王芳', '2026-03-01'],
  ['2', '李浩宇', '男', IDS.haoYu, '2013-01-02', '430121001001', '李德明', IDS.guardian1, '13812345678', '李建军', '王芳', '2026-03-01'],
  // Row 4: row 2 again, a homophone (含 for 涵), the same ID: DUP_MATCH.
  ['3', '李子含', '女', IDS.ziHan, '2015/3/4', '430121001001', '李德明', IDS.guardian1, '13812345678', '李建军', '王芳', '2026-05-01'],
  // Rows 5 and 6: twins with valid IDs (same parents, birth date and village).
  ['4', '王思远', '男', IDS.twinA, '2014-05-06', '430121001002', '王长生', IDS.guardian2, '13912345678', '王国华', '刘丽', '2026-03-01'],
  ['5', '王思雨', '男', IDS.twinB, '2014-05-06', '430121001002', '王长生', IDS.guardian2, '13912345678', '王国华', '刘丽', '2026-03-01'],
  // Rows 7 and 8: two girls named 张子涵 in one county.
  ['6', '张子涵', '女', IDS.sameName1, '2012-07-08', '430121001003', '张福生', id('43012119480303003'), '13712345678', '张伟', '李娟', '2026-03-01'],
  ['7', '张子涵', '女', IDS.sameName2, '2016-09-10', '430121002001', '张有才', id('43012119490404004'), '13612345678', '张军', '赵敏', '2026-03-01'],
  // Row 9: row 2 again, ID left empty, another date format: DUP_MATCH (joins rows 2 and 4).
  ['8', '李子涵', '女', '', '2015年3月4日', '430121001001', '李德明', IDS.guardian1, '13812345678', '李建军', '王芳', '2026-06-01'],
  // Row 10: twin A again, ID damaged by Excel.
  ['9', '王思远', '男', '4.30121E+17', '2014-05-06', '430121001002', '王长生', IDS.guardian2, '13912345678', '王国华', '刘丽', '2026-04-01'],
]

export function rosterCsv(children = 400, seed = 17): string {
  const pop = generatePopulation({children, seed, counties: ['430181', '430522']})
  const rows = [...KNOWN, ...pop.files[0]!.rows.map((r, i) => [String(KNOWN.length + i + 1), ...r.slice(1)])]
  return [SYNTHETIC_HEADER, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n'
}

export function rosterGb18030(children?: number): Uint8Array {
  return iconv.encode(rosterCsv(children), 'gb18030')
}
