// Rows the same as last month's are placed at once (src/registry/exact.ts): only when the values
// stand on one child's row of the department's previous snapshot, and never for a child the
// engine could not place with confidence.
import path from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {type Registry, openRegistry} from '../../../src/registry/index.js'
import {exactKey} from '../../../src/registry/exact.js'
import {FIELDS, tempDirs, writeSnapshot} from './helpers.js'

const dirs = tempDirs()
afterEach(() => dirs.cleanup())

const ZHANG = ['张三', '男', '430524201001011234', '某镇', '某村']
const LI = ['李四', '女', '430524201102021238', '某镇', '某村']
// Twins written alike, under two numbers: their row says nothing of which one it is.
const TWIN = ['王小', '男', '', '某镇', '东村']

/** The exactKey of a row of helpers' FIELDS (seq first), as ingest computes it from the file. */
function keyOfCells(cells: string[]): string | undefined {
  const canonical: Record<string, string> = {}
  ;['', ...cells].forEach((c, i) => {
    if (c !== '' && i > 0) canonical[FIELDS[i]!] = c
  })
  return exactKey(canonical)
}

async function* keys(rows: (string[] | undefined)[]): AsyncGenerator<string | undefined> {
  for (const cells of rows) yield cells ? keyOfCells(cells) : undefined
}

async function registryWithJune(): Promise<{registry: Registry; ids: string[]}> {
  const registry = await openRegistry(path.join(dirs.make(), 'r.duckdb'), {create: true})
  const ids = await registry.transaction(async (tx) => {
    const ingest = await tx.beginIngest({asOf: '2026-06-01', version: '0.1.0'})
    return (await writeSnapshot(tx, {department: 'civil-affairs', asOf: '2026-06-01', ingestId: ingest.id, sha256: 'a', people: [ZHANG, LI, TWIN, TWIN]})).childIds
  })
  return {registry, ids}
}

describe('exact placement', () => {
  it('places a row the same as a row of last month’s list on that row’s child, and no other', async () => {
    const {registry, ids} = await registryWithJune()
    try {
      const changed = [...LI.slice(0, 4), '西村']
      const placed = await registry.transaction((tx) => tx.exactChildren('civil-affairs', '2026-07-01', 1, () => keys([LI, ZHANG, changed, TWIN, undefined])))
      expect(placed).toEqual([[ids[1], ids[0], undefined, undefined, undefined]])
      // Another department's list, or a date before any snapshot: nothing to place against.
      expect(await registry.transaction((tx) => tx.exactChildren('education', '2026-07-01', 1, () => keys([LI])))).toBeUndefined()
      expect(await registry.transaction((tx) => tx.exactChildren('civil-affairs', '2026-05-01', 1, () => keys([LI])))).toBeUndefined()
    } finally {
      await registry.close()
    }
  })

  it('follows merges, and leaves a child once found uncertain to linkage', async () => {
    const {registry, ids} = await registryWithJune()
    try {
      await registry.transaction(async (tx) => {
        await tx.merge({keep: ids[2]!, other: ids[3]!, by: '张', reason: 'one child'})
        const ingest = await tx.beginIngest({asOf: '2026-06-02', version: '0.1.0'})
        await tx.recordFindings(ingest, [{fingerprint: 'u1', code: 'REG_UNCERTAIN', severity: 'warning', message: 'm', dataset: 'civil-affairs', file: 'civil-affairs.csv', row: 3, childId: ids[1]!}])
      })
      const placed = await registry.transaction((tx) => tx.exactChildren('civil-affairs', '2026-07-01', 1, () => keys([TWIN, LI, ZHANG])))
      // The twins' two numbers are one child now: the row is theirs. 李四 was found uncertain.
      expect(placed).toEqual([[ids[2], undefined, ids[0]]])
    } finally {
      await registry.close()
    }
  })

  it('gives no key to a row holding the separator', () => {
    expect(exactKey({name: 'a\u0001b'})).toBeUndefined()
    expect(exactKey({name: 'a'})).not.toBe(exactKey({idNumber: 'a'}))
  })
})
