import {checkDigit} from '../../../src/cn/id-number.js'
import type {SyntheticPopulation} from '../../../src/sample/linkage-population.js'
import type {RecordValues} from '../../../src/link/plain/columns.js'
import {type PlainRecords, plainRecords} from '../../../src/link/plain/plain.js'
import {RecordStore} from '../../../src/link/records.js'

/** A valid 18-digit ID from its first 17 digits. */
export const id = (first17: string): string => first17 + checkDigit(first17)

/** The same ID with its check character replaced (a checksum error). */
export function badCheck(valid: string): string {
  const last = valid[17] === '1' ? '2' : '1'
  return valid.slice(0, 17) + last
}

let nextRow = 2

/** A store of one dataset holding `rows` (row numbers from 2 when not given). */
export function storeOf(...rows: Partial<RecordValues>[]): RecordStore {
  const s = new RecordStore()
  const plain = plainRecords(s)
  s.beginDataset('roster', 'roster.csv')
  nextRow = 2
  for (const r of rows) plain.add({row: nextRow++, ...r})
  return s
}

/** A store of several datasets, each a list of rows. */
export function storeOfDatasets(datasets: Record<string, Partial<RecordValues>[]>): RecordStore {
  const s = new RecordStore()
  const plain = plainRecords(s)
  for (const [name, rows] of Object.entries(datasets)) {
    s.beginDataset(name, `${name}.csv`)
    let row = 2
    for (const r of rows) plain.add({row: row++, ...r})
  }
  return s
}

/** The plain records of a store made by these helpers. */
export function plainOf(s: RecordStore): PlainRecords {
  return plainRecords(s)
}

/** A typical child row: 李子涵, girl, 2015-03-04, village 430121001001, guardian and parents. */
export function child(overrides: Partial<RecordValues> = {}): Partial<RecordValues> {
  return {
    name: '李子涵',
    idNumber: id('43012120150304002'),
    birthDate: '2015-03-04',
    gender: '女',
    regionCode: '430121001001',
    guardianName: '李德明',
    guardianIdNumber: id('43012119500101001'),
    fatherName: '李建军',
    motherName: '王芳',
    phones: ['13812345678'],
    ...overrides,
  }
}

/** The records of a synthetic population's files, with the child key of each record. */
export function storeFromPopulation(pop: SyntheticPopulation): {store: RecordStore; truth: string[]} {
  const s = new RecordStore()
  const plain = plainRecords(s)
  const truth: string[] = []
  for (const file of pop.files) {
    s.beginDataset(file.name, `${file.name}.csv`)
    file.rows.forEach((r, i) => {
      plain.add({
        row: i + 2,
        name: r[1]!,
        gender: r[2]!,
        idNumber: r[3]!,
        birthDate: r[4]!,
        regionCode: r[5]!,
        guardianName: r[6]!,
        guardianIdNumber: r[7]!,
        phones: [r[8]!],
        fatherName: r[9]!,
        motherName: r[10]!,
        reportDate: r[11]!,
        filled: r.filter((c) => c !== '').length,
      })
      truth.push(file.truth[i]!)
    })
  }
  return {store: s, truth}
}
