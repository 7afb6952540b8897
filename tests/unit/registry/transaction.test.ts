import {spawn} from 'node:child_process'
import {copyFileSync, existsSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {DuckDBInstance} from '@duckdb/node-api'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'

import {openRegistry} from '../../../src/registry/index.js'
import {transpileSources} from '../../helpers/transpile.js'
import {tempDirs, writeSnapshot} from './helpers.js'

const dirs = tempDirs()
afterEach(() => dirs.cleanup())

/** Every table's row count and a hash of its content (order-free), from a closed registry. */
async function digest(file: string): Promise<Record<string, string>> {
  const instance = await DuckDBInstance.create(file, {access_mode: 'READ_ONLY'})
  const c = await instance.connect()
  try {
    const tables = (await c.runAndReadAll("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1")).getRows().map((r) => String(r[0]))
    const out: Record<string, string> = {}
    for (const t of tables) {
      const [row] = (await c.runAndReadAll(`SELECT count(*)::VARCHAR, coalesce(sum(hash(t))::VARCHAR, '') FROM "${t}" t`)).getRows()
      out[t] = `${row![0]} ${row![1]}`
    }
    return out
  } finally {
    c.closeSync()
    instance.closeSync()
  }
}

async function baseRegistry(file: string): Promise<void> {
  const registry = await openRegistry(file, {create: true})
  await registry.transaction(async (tx) => {
    await tx.setPrimaryDepartment('civil')
    const ingest = await tx.beginIngest({asOf: '2026-06-01', at: '2026-06-02T01:00:00Z', version: 'test'})
    await writeSnapshot(tx, {department: 'civil', asOf: '2026-06-01', ingestId: ingest.id, sha256: 'june', people: [['张三', '男', '', '', ''], ['李四', '女', '', '', '']]})
    await tx.recordFindings(ingest, [{fingerprint: 'a', code: 'X', severity: 'error', message: 'm', dataset: 'civil', file: 'civil.csv', row: 2, childId: 'LS430524-0000001'}])
  })
  await registry.close()
}

describe('registry.transaction', () => {
  it('commits when the work returns, and rolls everything back when it throws', async () => {
    const file = path.join(dirs.make(), 'r.duckdb')
    await baseRegistry(file)
    const registry = await openRegistry(file, {create: false})
    expect(await registry.transaction(async (tx) => (await tx.beginIngest({asOf: '2026-07-01', version: 't'})).id)).toBe(2)
    const failure = registry.transaction(async (tx) => {
      await tx.setPrimaryDepartment('education')
      const ingest = await tx.beginIngest({asOf: '2026-08-01', version: 't'})
      await writeSnapshot(tx, {department: 'civil', asOf: '2026-08-01', ingestId: ingest.id, sha256: 'aug', people: [['王五', '男', '', '', '']]})
      await tx.merge({keep: 'LS430524-0000001', other: 'LS430524-0000002', by: 'x', reason: 'y'})
      await tx.waive({fingerprint: 'a', reason: 'r', by: 'b', date: '2026-08-01'})
      await tx.recordFindings(ingest, [])
      // Inside, the transaction sees its own writes; outside, nobody does.
      expect((await tx.latestSnapshot('civil', '2026-12-31'))?.asOf).toBe('2026-08-01')
      expect((await registry.latestSnapshot('civil', '2026-12-31'))?.asOf).toBe('2026-06-01')
      throw new Error('the cross-check failed')
    })
    await expect(failure).rejects.toThrow('the cross-check failed')
    expect(await registry.primaryDepartment()).toBe('civil')
    expect((await registry.ingests()).map((i) => i.id)).toEqual([1, 2])
    expect((await registry.snapshots()).map((s) => s.asOf)).toEqual(['2026-06-01'])
    expect(await registry.childCount()).toBe(2)
    expect(await registry.merges()).toEqual([])
    expect(await registry.waivers()).toEqual([])
    // The registry goes on: a transaction after the failure works, and a transaction is over once it ends.
    let kept: unknown
    await registry.transaction(async (tx) => {
      kept = tx
    })
    await expect((kept as {beginIngest(o: object): Promise<unknown>}).beginIngest({asOf: '2026-09-01', version: 't'})).rejects.toThrow(/transaction is over/)
    const settled = await Promise.allSettled([registry.transaction(async () => 1), registry.transaction(async () => 2)])
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected'])
    expect(String((settled[1] as PromiseRejectedResult).reason)).toMatch(/already running/)
    // close() refuses during a transaction, and lets statements in flight finish (closing a
    // connection under a running statement would crash the process).
    let inside: unknown
    await registry.transaction(async () => {
      inside = await registry.close().catch((e: unknown) => e)
    })
    expect(String(inside)).toMatch(/while a transaction is running/)
    const pending = registry.ingests()
    await registry.close()
    expect(await pending).toHaveLength(2)
    expect(await digest(file)).toMatchObject({ingests: expect.stringMatching(/^2 /), snapshot_rows: expect.stringMatching(/^2 /)})
  })

  describe('killed midway', () => {
    let compiled: {dir: string; cleanup(): void}
    beforeAll(() => {
      // The registry and what it imports at run time (the code table and the dated codes, for the carry).
      compiled = transpileSources(['src/registry', 'src/errors.ts', 'src/findings/codes', 'src/rules/dated.ts', 'src/link/float-list.ts', 'src/link/kept-keys.ts'])
    })
    afterAll(() => compiled.cleanup())

    const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ingest-child.js')
    const ROWS = 200_000

    const STEPS = ROWS / 4000 + 2

    /** Runs the ingest child; with kill, sends SIGKILL `ms` after it says `step N`. */
    function runIngest(file: string, kill?: {step: number; ms: number}): Promise<{said: string[]; signal: string | null}> {
      return new Promise((resolve, reject) => {
        const p = spawn(process.execPath, [child, compiled.dir, file, String(ROWS)], {stdio: ['ignore', 'pipe', 'pipe']})
        const said: string[] = []
        let err = ''
        p.stdout.on('data', (d: Buffer) => {
          for (const line of d.toString().split('\n').filter(Boolean)) {
            if (!line.startsWith('step ')) said.push(line)
            if (kill && line === `step ${kill.step}`) setTimeout(() => p.kill('SIGKILL'), kill.ms)
          }
        })
        p.stderr.on('data', (d: Buffer) => (err += d.toString()))
        p.once('error', reject)
        p.once('exit', (code, signal) => {
          if (!kill && code !== 0) reject(new Error(`ingest child failed (${code}): ${err}`))
          else resolve({said, signal})
        })
      })
    }

    const mode = (f: string): string => (statSync(f).mode & 0o777).toString(8)

    it('leaves the registry as it was, and a rerun gives what an uninterrupted run gives', {timeout: 120_000}, async () => {
      const dir = dirs.make()
      const file = path.join(dir, 'killed.duckdb')
      const reference = path.join(dir, 'reference.duckdb')
      await baseRegistry(file)
      copyFileSync(file, reference)
      const before = await digest(file)

      // A random moment: after one of its steps (writing rows, finishing the snapshot, recording
      // findings; never the last, which is the commit itself), plus a few milliseconds. The
      // uninterrupted reference run goes alongside.
      const kill = {step: Math.floor(Math.random() * (STEPS - 1)), ms: Math.floor(Math.random() * 30)}
      const context = `killed ${kill.ms} ms after step ${kill.step} of ${STEPS}`
      const [clean, killed] = await Promise.all([runIngest(reference), runIngest(file, kill)])
      expect(clean.said).toEqual(['begin', 'committed'])
      const after = await digest(reference)
      expect(after['snapshot_rows']).toMatch(/^200002 /)
      expect(after['children']).toMatch(/^200002 /)
      expect(killed.signal, context).toBe('SIGKILL')
      expect(killed.said, context).toEqual(['begin'])
      for (const f of [file, `${file}.wal`]) if (existsSync(f)) expect(mode(f), `${f}, ${context}`).toBe('600')
      expect(await digest(file), context).toEqual(before)

      // The registry opens (and is still at the state before), then the rerun completes it.
      const registry = await openRegistry(file, {create: false})
      expect((await registry.ingests()).map((i) => i.id)).toEqual([1])
      await registry.close()
      const rerun = await runIngest(file)
      expect(rerun.said).toEqual(['begin', 'committed'])
      expect(await digest(file), context).toEqual(after)
    })
  })
})
