import {mkdtempSync, rmSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type {SnapshotFileInput, SnapshotRowInput, Transaction} from '../../../src/registry/index.js'

/** A fresh folder for one test's registry; `cleanup()` removes it (call it in afterEach). */
export function tempDirs(): {make(): string; cleanup(): void} {
  const made: string[] = []
  return {
    make() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'liushou-registry-'))
      made.push(dir)
      return dir
    },
    cleanup() {
      for (const dir of made.splice(0)) rmSync(dir, {recursive: true, force: true})
    },
  }
}

export const HEADER = ['序号', '姓名', '性别', '身份证号', '乡镇', '村（居）']
export const FIELDS = ['seq', 'name', 'gender', 'idNumber', 'town', 'village']

export function file(name: string, sha256: string): SnapshotFileInput {
  return {name, sha256, dataset: name.replace(/\..*$/, ''), format: 'csv', encoding: 'utf-8', header: HEADER, fields: FIELDS}
}

/** A row whose canonical values are its cells under FIELDS (blank cells left out). */
export function row(fileIndex: number, rowNo: number, childId: string, cells: string[]): SnapshotRowInput {
  const canonical: Record<string, string> = {}
  cells.forEach((c, i) => {
    if (c !== '' && i < FIELDS.length) canonical[FIELDS[i]!] = c
  })
  return {fileIndex, row: rowNo, cells, canonical, childId}
}

/** Writes one snapshot of the given people (cells without the seq column); returns its id and child numbers. */
export async function writeSnapshot(
  tx: Transaction,
  options: {department: string; asOf: string; ingestId: number; sha256: string; people: string[][]; childIds?: string[]; county?: string},
): Promise<{snapshotId: number; childIds: string[]}> {
  const writer = await tx.snapshotWriter({department: options.department, asOf: options.asOf, ingestId: options.ingestId, files: [file(`${options.department}.csv`, options.sha256)]})
  const childIds = options.childIds ?? (await tx.createChildren(options.people.map(() => options.county ?? '430524'), {ingestId: options.ingestId, snapshotId: writer.id}))
  for (const [i, p] of options.people.entries()) await writer.append(row(0, i + 2, childIds[i]!, [String(i + 1), ...p]))
  const info = await writer.finish()
  return {snapshotId: info.id, childIds}
}
