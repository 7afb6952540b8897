// Rows the same as last month's are placed at once (src/registry/exact.ts): only when the values
// stand on one child's row of the department's previous snapshot, and never for a child the
// engine could not place with confidence.
import path from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {type Registry, openRegistry} from '../../../src/registry/index.js'
import {exactKey} from '../../../src/registry/exact.js'
import {file, row, tempDirs, writeSnapshot} from './helpers.js'

const dirs = tempDirs()
afterEach(() => dirs.cleanup())

const ZHANG = ['张三', '男', '430524201001011234', '某镇', '某村']
const LI = ['李四', '女', '430524201102021238', '某镇', '某村']
// Twins written alike, under two numbers: their row says nothing of which one it is.
const TWIN = ['王小', '男', '', '某镇', '东村']

/**
 * The children exact placement gives a new list of `files` (rows of people, cells without the seq
 * column; undefined: a row with no key, as a ragged one), its rows staged as ingest stages them.
 */
async function placedIn(registry: Registry, department: string, asOf: string, files: (string[] | undefined)[][]): Promise<(string | undefined)[][] | undefined> {
  return registry.transaction(async (tx) => {
    const ingest = await tx.beginIngest({asOf, version: '0.1.0'})
    const writer = await tx.snapshotWriter({department, asOf, ingestId: ingest.id, files: files.map((_, i) => file(`${department}-${i}.csv`, `new${i}`))})
    try {
      files.forEach((people, fileIndex) =>
        people.forEach((p, k) => {
          const staged = row(fileIndex, k + 2, '', [String(k + 1), ...(p ?? ['?'])])
          writer.stage(staged, p ? exactKey(staged.canonical as Record<string, string>) : undefined)
        }),
      )
      writer.endStaging()
      return await tx.exactChildren(department, asOf, writer)
    } finally {
      writer.abort()
    }
  })
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
      const placed = await placedIn(registry, 'civil-affairs', '2026-07-01', [[LI, ZHANG, changed, TWIN, undefined]])
      expect(placed).toEqual([[ids[1], ids[0], undefined, undefined, undefined]])
      // Another department's list, or a date before any snapshot: nothing to place against.
      expect(await placedIn(registry, 'education', '2026-07-01', [[LI]])).toBeUndefined()
      expect(await placedIn(registry, 'civil-affairs', '2026-05-01', [[LI]])).toBeUndefined()
    } finally {
      await registry.close()
    }
  })

  it('places the rows of each file of a list, an empty file among them', async () => {
    const {registry, ids} = await registryWithJune()
    try {
      const placed = await placedIn(registry, 'civil-affairs', '2026-07-01', [[ZHANG], [], [TWIN, LI], [undefined, ZHANG]])
      expect(placed).toEqual([[ids[0]], [], [undefined, ids[1]], [undefined, ids[0]]])
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
      const placed = await placedIn(registry, 'civil-affairs', '2026-07-01', [[TWIN, LI, ZHANG]])
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
