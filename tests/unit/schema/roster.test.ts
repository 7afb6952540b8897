import {describe, expect, it} from 'vitest'

import {columnOverrides} from '../../../src/schema/headers.js'
import {type Roster, type RosterRow, cellOf, openRoster} from '../../../src/schema/roster.js'
import {gb, tempDir, utf8, writeBytes, writeWorkbook} from '../io/helpers.js'

const tmp = tempDir('liushou-roster-')

async function collect(roster: Roster): Promise<RosterRow[]> {
  const rows: RosterRow[] = []
  for await (const r of roster.rows) rows.push(r)
  return rows
}

const fields = (roster: Roster) => roster.columns.map((c) => c.field ?? null)

describe('finding the header', () => {
  it('skips a title and a date line; rows keep the numbers Excel shows', async () => {
    const file = writeBytes(
      tmp('titled.csv'),
      gb(['XX镇农村留守儿童花名册,,,', '填报日期：2024年6月,,,', '序号,姓名,性别,身份证号', '1,张三,男,430102201105061234', '2,李四,女,43010220110506124X'].join('\r\n')),
    )
    const roster = await openRoster(file)
    expect(roster.headerRow).toBe(3)
    expect(fields(roster)).toEqual(['seq', 'name', 'gender', 'idNumber'])
    const rows = await collect(roster)
    expect(rows.map((r) => r.ref.row)).toEqual([4, 5])
    expect(rows[0]!.ref).toEqual({dataset: 'titled', file, row: 4})
    expect(roster.rowCount).toBe(2)
  })

  it('title row 1, header row 2 → first data row 3', async () => {
    const roster = await openRoster(writeBytes(tmp('one-title.csv'), utf8('XX县困境儿童名册\n姓名,性别,出生日期\n张三,男,2011-05-06\n')))
    expect(roster.headerRow).toBe(2)
    expect((await collect(roster))[0]!.ref.row).toBe(3)
  })

  it('is not fooled by a form line of labels above the header', async () => {
    const file = writeBytes(
      tmp('form-line.csv'),
      gb(['XX镇农村留守儿童花名册', '填报单位（盖章）：,XX镇人民政府,联系电话：,0731-84123456,填报日期：,2024年6月', '姓名,性别,身份证号,联系电话', '张三,男,430102201105061234,13800138000'].join('\n')),
    )
    const roster = await openRoster(file)
    expect(roster.headerRow).toBe(3)
    expect(fields(roster)).toEqual(['name', 'gender', 'idNumber', 'phone'])
  })

  it('is not fooled by a form line of label-and-value cells above the header', async () => {
    for (const header of ['序号,姓名,性别,身份证号', '姓名,父亲,,母亲,']) {
      const sub = header.startsWith('姓名,父亲') ? '\n,姓名,身份证号,姓名,身份证号' : ''
      const file = writeBytes(tmp(`form-cells-${sub ? 2 : 1}.csv`), utf8(`XX镇花名册\n填报单位：XX镇人民政府,,填报日期：2024年6月\n${header}${sub}\n1,张三,男,430102201105061234,x\n`))
      const roster = await openRoster(file)
      expect(roster.headerRow).toBe(3)
      expect(roster.columns[1]!.header).toBe(sub ? '父亲/姓名' : '姓名')
    }
  })

  it('finds a header as far down as row 20, not below', async () => {
    const titles = Array.from({length: 19}, (_, i) => `说明第${i + 1}条`)
    const at20 = await openRoster(writeBytes(tmp('row20.csv'), utf8([...titles, '姓名,性别,身份证号', '张三,男,430102201105061234'].join('\n'))))
    expect(at20.headerRow).toBe(20)
    const at21 = await openRoster(writeBytes(tmp('row21.csv'), utf8([...titles, '说明第20条', '姓名,性别,身份证号', '张三,男,430102201105061234'].join('\n'))))
    expect(at21.headerRow).toBe(1)
    expect(at21.fieldIndex.has('name')).toBe(false)
  })

  it('joins a two-row header (父亲 over 姓名 → fatherName)', async () => {
    const file = writeBytes(
      tmp('two-row.csv'),
      gb(
        [
          'XX村留守儿童花名册,,,,,,,,',
          '序号,姓名,性别,父亲,,,母亲,,',
          ',,,姓名,身份证号,务工地,姓名,身份证号,务工地',
          '1,张三,男,张大山,430102198001011234,广东东莞,李秀英,430102198202021234,浙江义乌',
        ].join('\r\n'),
      ),
    )
    const roster = await openRoster(file)
    expect(roster.headerRow).toBe(2)
    expect(fields(roster)).toEqual(['seq', 'name', 'gender', 'fatherName', 'fatherIdNumber', 'fatherWorkplace', 'motherName', 'motherIdNumber', 'motherWorkplace'])
    expect(roster.columns[3]!.header).toBe('父亲/姓名')
    const rows = await collect(roster)
    expect(rows.map((r) => r.ref.row)).toEqual([4])
    expect(cellOf(roster, rows[0]!, 'motherWorkplace')).toBe('浙江义乌')
    expect(rows[0]!.ragged).toBeUndefined()
  })

  it('joins a two-row header with merged cells in an .xlsx', async () => {
    const file = await writeWorkbook(tmp('two-row.xlsx'), (wb) => {
      const ws = wb.addWorksheet('花名册')
      ws.addRow(['XX村留守儿童花名册'])
      ws.addRow(['序号', '姓名', '性别', '监护人', null, null, '父亲', null, '母亲', null])
      ws.addRow([null, null, null, '姓名', '与儿童关系', '联系电话', '姓名', '务工地', '姓名', '务工地'])
      ws.addRow([1, '张三', '男', '张德福', '祖父', '13800138000', '张大山', '广东东莞', '李秀英', '浙江义乌'])
      ws.mergeCells('A1:J1')
      for (const col of ['A', 'B', 'C']) ws.mergeCells(`${col}2:${col}3`)
      ws.mergeCells('D2:F2')
      ws.mergeCells('G2:H2')
      ws.mergeCells('I2:J2')
    })
    const roster = await openRoster(file)
    expect(roster.headerRow).toBe(2)
    expect(fields(roster)).toEqual(['seq', 'name', 'gender', 'guardianName', 'guardianRelation', 'guardianPhone', 'fatherName', 'fatherWorkplace', 'motherName', 'motherWorkplace'])
    const rows = await collect(roster)
    expect(rows.map((r) => r.ref.row)).toEqual([4])
    expect(cellOf(roster, rows[0]!, 'guardianPhone')).toBe('13800138000')
  })

  it('joins a group that is itself a header (监护人 merged over 姓名, 联系电话) in an .xlsx', async () => {
    const file = await writeWorkbook(tmp('guardian-group.xlsx'), (wb) => {
      const ws = wb.addWorksheet('花名册')
      ws.addRow(['姓名', '性别', '身份证号', '监护人', null, null])
      ws.addRow([null, null, null, '姓名', '身份证号', '联系电话'])
      ws.addRow(['张三', '男', '430102201105061234', '张德福', '430102195505061234', '13800138000'])
      for (const col of ['A', 'B', 'C']) ws.mergeCells(`${col}1:${col}2`)
      ws.mergeCells('D1:F1')
    })
    const roster = await openRoster(file)
    expect(fields(roster)).toEqual(['name', 'gender', 'idNumber', 'guardianName', 'guardianIdNumber', 'guardianPhone'])
    expect(roster.duplicateFields.size).toBe(0)
    expect((await collect(roster)).map((r) => r.ref.row)).toEqual([3])
  })

  it('reads topic groups (基本情况) through, but not a sub-header under another person', async () => {
    const file = writeBytes(
      tmp('topic-groups.csv'),
      utf8(['基本情况,,,监护人情况,,家庭成员,', '姓名,性别,身份证号,姓名,电话,姓名,关系', '张三,男,430102201105061234,张德福,13800138000,张小妹,妹妹'].join('\n')),
    )
    const roster = await openRoster(file)
    expect(roster.headerRow).toBe(1)
    expect(fields(roster)).toEqual(['name', 'gender', 'idNumber', 'guardianName', 'guardianPhone', null, null])
    expect(roster.columns.map((c) => c.header)).toEqual(['基本情况/姓名', '基本情况/性别', '基本情况/身份证号', '监护人情况/姓名', '监护人情况/电话', '家庭成员/姓名', '家庭成员/关系'])
    expect((await collect(roster)).map((r) => r.ref.row)).toEqual([3])
  })

  it('keeps every row above the data as the preamble, blank rows included', async () => {
    const file = writeBytes(tmp('preamble.csv'), utf8('XX村花名册,,\n\n序号,姓名,父亲,\n,,姓名,身份证号\n\n1,张三,张大山,430102198001011234\n'))
    const roster = await openRoster(file)
    expect(roster.headerRow).toBe(3)
    expect(roster.preamble).toEqual([
      {row: 1, cells: ['XX村花名册', '', '']},
      {row: 2, cells: []},
      {row: 3, cells: ['序号', '姓名', '父亲', '']},
      {row: 4, cells: ['', '', '姓名', '身份证号']},
    ])
    expect((await collect(roster)).map((r) => r.ref.row)).toEqual([6])
    const plain = await openRoster(writeBytes(tmp('preamble-plain.csv'), utf8('姓名,性别,身份证号\n张三,男,1\n')))
    expect(plain.preamble).toEqual([{row: 1, cells: ['姓名', '性别', '身份证号']}])
  })

  it('does not take the first data row for a second header row', async () => {
    const roster = await openRoster(writeBytes(tmp('not-two-row.csv'), utf8('姓名,性别,父亲,母亲\n张三,男,在家,外出务工\n')))
    expect(roster.headerRow).toBe(1)
    expect((await collect(roster)).map((r) => r.ref.row)).toEqual([2])
  })

  it('reads headers with full-width characters, spaces, line breaks, qualifiers and * markers', async () => {
    const file = await writeWorkbook(tmp('messy-headers.xlsx'), (wb) => {
      wb.addWorksheet('Sheet1').addRow(['*姓 名', '性别\n（男/女）', '身份证号（18位）', '出生日期(yyyy-mm-dd)', '＊监护人\r\n联系电话', '  民族  ', '所在乡镇（街道）', '村（居）委会', '就学状况【必填】'])
    })
    const roster = await openRoster(file)
    expect(fields(roster)).toEqual(['name', 'gender', 'idNumber', 'birthDate', 'guardianPhone', 'ethnicity', 'town', 'village', 'schoolStatus'])
    expect(roster.columns[1]!.header).toBe('性别 （男/女）')
  })

  it('reports duplicate headers and keeps the first column for the field', async () => {
    const roster = await openRoster(writeBytes(tmp('dup.csv'), utf8('姓名,身份证号,性别,公民身份号码,儿童姓名\n张三,1,男,2,张三\n')))
    expect(roster.fieldIndex.get('idNumber')).toBe(1)
    expect([...roster.duplicateFields.keys()]).toEqual(['idNumber', 'name'])
    expect(roster.duplicateFields.get('idNumber')!.map((c) => c.header)).toEqual(['身份证号', '公民身份号码'])
    expect(roster.duplicateFields.get('name')!.map((c) => c.index)).toEqual([0, 4])
  })

  it('keeps unmapped columns without a field', async () => {
    const roster = await openRoster(writeBytes(tmp('unmapped.csv'), utf8('姓名,性别,身份证号,帮扶责任人,结对情况\n张三,男,430102201105061234,王老师,已结对\n')))
    expect(roster.columns.slice(3)).toEqual([
      {index: 3, header: '帮扶责任人'},
      {index: 4, header: '结对情况'},
    ])
    const [row] = await collect(roster)
    expect(row!.cells[3]).toBe('王老师')
  })

  it('applies --columns overrides, by the header as written or normalised, and can unmap', async () => {
    const overrides = columnOverrides({'孩子名': 'name', '证件（18位）': 'idNumber', '联系电话': null}, 'cols.json')
    const roster = await openRoster(writeBytes(tmp('overrides.csv'), utf8('孩子名,性别,证件,联系电话\n张三,男,430102201105061234,13800138000\n')), {columns: overrides})
    expect(fields(roster)).toEqual(['name', 'gender', 'idNumber', null])
  })
})

describe('rows', () => {
  it('a header and no rows is an empty roster', async () => {
    for (const [name, text] of [
      ['header-only.csv', '姓名,性别,身份证号\r\n'],
      ['header-blank.csv', 'XX花名册\n姓名,性别,身份证号\n,,\n\n'],
    ]) {
      const roster = await openRoster(writeBytes(tmp(name!), utf8(text!)))
      expect(await collect(roster)).toEqual([])
      expect(roster.rowCount).toBe(0)
      expect(roster.fieldIndex.get('idNumber')).toBe(2)
    }
  })

  it('skips blank rows but keeps the row numbers of the others', async () => {
    const roster = await openRoster(writeBytes(tmp('gaps.csv'), utf8('姓名,性别,身份证号\n\n张三,男,1\n,,,\n   ,,\n李四,女,2\n')))
    expect((await collect(roster)).map((r) => [r.ref.row, r.cells[0]])).toEqual([
      [3, '张三'],
      [6, '李四'],
    ])
  })

  it('flags ragged CSV rows: too few cells, or more non-empty cells than the header', async () => {
    const roster = await openRoster(writeBytes(tmp('ragged.csv'), utf8('姓名,性别,身份证号\n张三,男\n李四,女,2,,,\n王五,男,3,多余\n赵六,女,4\n钱七,男,5,,x\n')))
    expect((await collect(roster)).map((r) => [r.ref.row, r.ragged])).toEqual([
      [2, 2],
      [3, undefined],
      [4, 4],
      [5, undefined],
      [6, 5],
    ])
  })

  it('flags a ragged .xlsx row only for non-empty cells beyond the header', async () => {
    const file = await writeWorkbook(tmp('ragged.xlsx'), (wb) => {
      const ws = wb.addWorksheet('花名册')
      ws.addRow(['姓名', '性别', '身份证号'])
      ws.addRow(['张三', '男'])
      ws.addRow(['李四', '女', '2', '', null])
      ws.addRow(['王五', '男', '3', null, '备注'])
    })
    const roster = await openRoster(file)
    expect((await collect(roster)).map((r) => [r.ref.row, r.ragged])).toEqual([
      [2, undefined],
      [3, undefined],
      [4, 5],
    ])
  })

  it('a row recovered from an unbalanced quote is flagged and ragged; the rows after it are kept', async () => {
    const roster = await openRoster(writeBytes(tmp('quote.csv'), utf8('姓名,性别,住址\n张三,男,"汇龙村\n李四,女,城关\n')))
    const rows = await collect(roster)
    expect(rows.map((r) => [r.ref.row, r.fault, r.ragged])).toEqual([
      [2, 'unbalanced-quote', 3],
      [3, undefined, undefined],
    ])
    expect(rows[1]!.cells).toEqual(['李四', '女', '城关'])
  })

  it('carries the long-number mark of an .xlsx ID cell', async () => {
    const file = await writeWorkbook(tmp('long.xlsx'), (wb) => {
      const ws = wb.addWorksheet('花名册')
      ws.addRow(['姓名', '性别', '身份证号'])
      ws.addRow(['张三', '男', 430102201105061234])
    })
    const roster = await openRoster(file)
    const [row] = await collect(roster)
    expect(row!.longNumbers).toEqual([2])
    expect(cellOf(roster, row!, 'idNumber')).toBe('430102201105061000')
  })

  it('names the dataset after the file, or as given', async () => {
    const file = writeBytes(tmp('长沙县.民政.csv'), utf8('姓名,性别,身份证号\n'))
    expect((await openRoster(file)).dataset).toBe('长沙县.民政')
    const named = await openRoster(file, {dataset: 'civil-affairs', department: 'civil-affairs'})
    expect([named.dataset, named.department]).toEqual(['civil-affairs', 'civil-affairs'])
  })

  it('a file of blank lines has no header and no rows', async () => {
    const roster = await openRoster(writeBytes(tmp('blank-only.csv'), utf8('\n,,,\n\n')))
    expect(roster.headerRow).toBe(0)
    expect(roster.columns).toEqual([])
    expect(await collect(roster)).toEqual([])
  })
})
