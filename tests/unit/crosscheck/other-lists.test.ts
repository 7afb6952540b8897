// The worker that reads the other lists' second pass (built code, dist/): for every row, the flags
// and packed values the main thread computes itself, over many batches and with the worker held
// back; errors as one-line bilingual UserErrors naming file and row; closing it never hangs.
import {closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'

import {UserError} from '../../../src/errors.js'
import {type OtherList, ROW, readOtherLists} from '../../../src/crosscheck/other-lists.js'
import {otherRowFlags} from '../../../src/crosscheck/other-rows.js'
import {packValues} from '../../../src/crosscheck/packed-values.js'
import {xcValues} from '../../../src/crosscheck/values.js'
import {openRoster} from '../../../src/schema/roster.js'
import {zipArchive} from '../../helpers/zip.js'

const workerUrl = new URL('../../../dist/src/crosscheck/other-lists-worker.js', import.meta.url)
const dir = mkdtempSync(path.join(os.tmpdir(), 'liushou-other-lists-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))
const write = (name: string, text: string | Buffer): string => {
  const file = path.join(dir, name)
  writeFileSync(file, text)
  return file
}

const POLICE_HEADER = '姓名,性别,出生日期,公民身份号码,人员状态,注销原因,父亲状况,母亲状况'
/** Public security rows: deaths, moves, both parents away, shifted and cut-short rows, a bad date. */
function policeRow(i: number): string {
  const id = `4301212015${String(1000 + (i % 9000)).padStart(4, '0')}${String(i % 1000).padStart(3, '0')}X`
  if (i % 997 === 5) return `王${i},男,20150304,${id},正常,,外出务工,外出务工,多出的格`
  if (i % 991 === 7) return `王${i},男,20150304`
  if (i % 983 === 3) return `"王${i},男,20150304,${id}`
  const status = i % 37 === 0 ? '注销,死亡' : i % 41 === 0 ? '迁出,迁往广东省' : '正常,'
  const parents = i % 13 === 0 ? '外出务工,外出务工' : '在家,外出务工'
  return `王${i},${i % 2 ? '男' : '女'},${i % 17 === 0 ? '2015年13月1日' : `201${i % 10}0${1 + (i % 9)}1${i % 10}`},${id},${status},${parents}`
}

/** What the main thread reads of each row: the flags, and the packed values of the rows it reads. */
async function onThisThread(list: OtherList): Promise<{flags: number; packed: string}[]> {
  const out: {flags: number; packed: string}[] = []
  for (const {file, options} of list.files) {
    const roster = await openRoster(file, options)
    for await (const row of roster.rows) {
      const flags = otherRowFlags(roster, row, list.department)
      out.push({flags, packed: flags & ROW.SKIP ? '' : packValues(xcValues(roster, row))})
    }
  }
  return out
}

async function inWorker(lists: OtherList[], budget: number, readAhead: boolean | Parameters<typeof readOtherLists>[1] = true): Promise<{flags: number; packed: string}[][]> {
  const reader = readOtherLists(lists, {budget, workerUrl, ...(typeof readAhead === 'boolean' ? {readAhead} : readAhead)})!
  try {
    reader.start(undefined)
    const out: {flags: number; packed: string}[][] = []
    for (const [i] of lists.entries()) {
      const rows: {flags: number; packed: string}[] = []
      for await (const batch of reader.batches(i)) {
        for (let k = 0; k < batch.length; k++) {
          const flags = batch.flags(k)
          rows.push({flags: flags & (ROW.SKIP | ROW.DECEASED | ROW.LEFT_BEHIND), packed: flags & ROW.SKIP ? '' : batch.packed(k)})
        }
      }
      out.push(rows)
    }
    return out
  } finally {
    await reader.close()
  }
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'
function workbook(sheet: string): Buffer {
  return zipArchive(
    [
      ['_rels/.rels', `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
      ['xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="学籍" sheetId="1" r:id="rId1"/></sheets></workbook>`],
      ['xl/_rels/workbook.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`],
      ['xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}">${sheet}</worksheet>`],
    ],
    'deflate',
  )
}
const cellsRow = (r: number, cells: string[]) => `<row r="${r}">${cells.map((t, i) => `<c r="${String.fromCharCode(65 + i)}${r}" t="inlineStr"><is><t>${t}</t></is></c>`).join('')}</row>`

describe('the worker reading the other lists (built code)', () => {
  it('is built (npm run build)', () => {
    expect(existsSync(fileURLToPath(workerUrl))).toBe(true)
  })

  it('gives every row the flags and packed values of the main thread, over many batches, held back or not', async () => {
    const police = write('police.csv', [POLICE_HEADER, ...Array.from({length: 9000}, (_, i) => policeRow(i))].join('\n'))
    // A lone surrogate (a character reference in the sheet XML) does not survive UTF-8: it travels as a string.
    const edu = write(
      'edu.xlsx',
      workbook(`<sheetData>${cellsRow(1, ['学生姓名', '身份证件号', '学校名称', '是否留守儿童'])}${Array.from({length: 300}, (_, i) => cellsRow(i + 2, [i === 7 ? '李&#xD800;明' : `李${i}`, '430121201503040011', `星沙小学${i % 4}`, i % 3 ? '是' : '否'])).join('')}</sheetData>`),
    )
    const lists: OtherList[] = [
      {files: [{file: edu, options: {dataset: 'education', department: 'education'}}], department: 'education'},
      {files: [{file: police, options: {dataset: 'public-security', department: 'public-security'}}], department: 'public-security'},
    ]
    const expected = [await onThisThread(lists[0]!), await onThisThread(lists[1]!)]
    expect(expected[1]).toHaveLength(9000)
    expect(expected[1]!.filter((r) => r.flags & ROW.SKIP).length).toBeGreaterThan(10)
    expect(expected[1]!.filter((r) => r.flags & ROW.DECEASED).length).toBeGreaterThan(100)
    expect(expected[1]!.filter((r) => r.flags & ROW.LEFT_BEHIND).length).toBeGreaterThan(100)
    expect(expected[0]![7]!.packed).toContain('李\uD800明')
    // Through the read-ahead file; without it, ahead by all of it, and by one batch at a time (the worker waits for each to be taken).
    const folders = () => readdirSync(os.tmpdir()).filter((f) => f.startsWith('liushou-ahead-'))
    const before = folders()
    expect(await inWorker(lists, 1)).toEqual(expected)
    expect(folders()).toEqual(before)
    expect(await inWorker(lists, 1 << 30, false)).toEqual(expected)
    expect(await inWorker(lists, 1, false)).toEqual(expected)
    // A read-ahead file that cannot be written (as a full disk): the rows travel in the messages.
    const readOnly = openSync(write('read-only', ''), 'r')
    let closed = false
    const unwritable = {file: {fd: readOnly, key: new Uint8Array(32)}, close: () => ((closed = true), closeSync(readOnly))}
    expect(await inWorker(lists, 1, {aheadFile: unwritable})).toEqual(expected)
    expect(closed).toBe(true)
  })

  it('passes a reading error on as the one-line bilingual UserError, naming the file and row', async () => {
    const bad = write('bad.xlsx', workbook(`<sheetData>${cellsRow(1, ['学生姓名', '身份证件号'])}${cellsRow(2, ['李明', '1'])}<row r="2"/></sheetData>`))
    const absent = path.join(dir, 'absent.csv')
    for (const [file, line] of [
      [bad, `${bad}: sheet "学籍" lists row 2 after row 2`],
      [absent, absent],
    ] as const) {
      const reader = readOtherLists([{files: [{file, options: {}}], department: 'education'}], {workerUrl})!
      reader.start(undefined)
      let error: unknown
      try {
        for await (const _ of reader.batches(0)) void _
      } catch (e) {
        error = e
      } finally {
        await reader.close()
      }
      expect(error).toBeInstanceOf(UserError)
      expect((error as UserError).line).toContain(line)
      expect((error as UserError).lineIn('zh')).not.toBe((error as UserError).line)
    }
  })

  it('closes without hanging: never started, or stopped with rows still coming', async () => {
    const police = write('police-2.csv', [POLICE_HEADER, ...Array.from({length: 20000}, (_, i) => policeRow(i))].join('\n'))
    const list: OtherList = {files: [{file: police, options: {}}], department: 'public-security'}
    await readOtherLists([list], {workerUrl})!.close()
    const reader = readOtherLists([list], {workerUrl, budget: 1})!
    reader.start(undefined)
    for await (const batch of reader.batches(0)) {
      expect(batch.length).toBeGreaterThan(0)
      break
    }
    await reader.close()
  })
})
