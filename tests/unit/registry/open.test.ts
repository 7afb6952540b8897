import {spawn} from 'node:child_process'
import {chmodSync, existsSync, mkdirSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {DuckDBInstance} from '@duckdb/node-api'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {UserError} from '../../../src/errors.js'
import {SCHEMA_VERSION, openRegistry} from '../../../src/registry/index.js'
import {MIGRATIONS} from '../../../src/registry/schema.js'
import {FIELDS} from '../../../src/schema/fields.js'
import {CANONICAL_FIELDS} from '../../../src/registry/schema.js'
import {holdRegistry} from '../../helpers/hold-registry.js'
import {tempDirs, writeSnapshot} from './helpers.js'

const dirs = tempDirs()
let umask: number
beforeEach(() => {
  umask = process.umask(0o022)
})
afterEach(() => {
  process.umask(umask)
  dirs.cleanup()
})

const mode = (f: string): string => (statSync(f).mode & 0o777).toString(8)

/** The UserError's one line, or a failure if something else was thrown. */
async function userLine(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof UserError) return error.line
    throw error
  }
  throw new Error('expected a UserError')
}

describe('openRegistry', () => {
  it('creates the registry on first use at the current schema, and reopens it', async () => {
    const file = path.join(dirs.make(), 'liushou.duckdb')
    const registry = await openRegistry(file, {create: true})
    expect(await registry.schemaVersion()).toBe(SCHEMA_VERSION)
    expect(await registry.latestIngest()).toBeUndefined()
    await registry.close()
    const again = await openRegistry(file, {create: false})
    expect(await again.schemaVersion()).toBe(SCHEMA_VERSION)
    await again.close()
  })

  it('says in one line that there is no registry yet without create', async () => {
    const file = path.join(dirs.make(), 'none.duckdb')
    expect(await userLine(openRegistry(file, {create: false}))).toBe(`${file}: no registry here yet (registry ingest creates it)`)
    expect(existsSync(file)).toBe(false)
    const nowhere = path.join(dirs.make(), 'missing', 'x.duckdb')
    expect(await userLine(openRegistry(nowhere, {create: true}))).toMatch(/cannot create the registry: folder .* does not exist$/)
  })

  it('keeps the database and its write-ahead log 0600 under umask 022, at every step', async () => {
    const dir = dirs.make()
    const file = path.join(dir, 'r.duckdb')
    const wal = `${file}.wal`
    // Another process stats both files in a tight loop while this one creates the registry and
    // commits (each commit after a checkpoint makes a new log): a chmod after the fact would show.
    const watcher = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('fs'); const seen = new Set(); let stop = false
         process.stdin.on('data', () => { stop = true })
         console.log('ready')
         const loop = () => {
           for (let i = 0; i < 2000; i++) for (const f of ${JSON.stringify([file, wal])}) {
             try { seen.add(require('path').basename(f) + ' ' + (fs.statSync(f).mode & 0o777).toString(8)) } catch {}
           }
           if (stop) { console.log(JSON.stringify([...seen])); process.exit(0) } else setImmediate(loop)
         }
         loop()`,
      ],
      {stdio: ['pipe', 'pipe', 'inherit']},
    )
    let out = ''
    watcher.stdout.on('data', (d: Buffer) => (out += d.toString()))
    await new Promise<void>((resolve) => watcher.stdout.once('data', () => resolve()))
    const seen: string[] = []
    const look = (): void => {
      for (const f of [file, wal]) if (existsSync(f)) seen.push(`${path.basename(f)} ${mode(f)}`)
    }
    const registry = await openRegistry(file, {create: true})
    look()
    for (let i = 0; i < 12; i++) {
      await registry.transaction(async (tx) => {
        const ingest = await tx.beginIngest({asOf: `2026-01-${String(i + 1).padStart(2, '0')}`, version: 'test'})
        await writeSnapshot(tx, {department: 'civil', asOf: ingest.asOf, ingestId: ingest.id, sha256: `h${i}`, people: [['张三', '男', '430524201001011234', '某镇', '某村']]})
        look()
      })
      look()
      expect(existsSync(wal)).toBe(true) // a small commit goes to the log
      // A checkpoint deletes the log; the next commit makes a new one.
      await (registry as unknown as {writeDb: {run(sql: string): Promise<void>}}).writeDb.run('CHECKPOINT')
      look()
    }
    await registry.close()
    look()
    const exited = new Promise((resolve) => watcher.once('exit', resolve))
    watcher.stdin.end('stop')
    await exited
    const watched = JSON.parse(out.split('\n')[1]!) as string[]
    expect(watched).toContain('r.duckdb.wal 600')
    expect([...seen, ...watched].filter((s) => !s.endsWith(' 600'))).toEqual([])
    // The process's own umask is back once the registry is closed.
    expect(process.umask(0o022)).toBe(0o022)
    writeFileSync(path.join(dir, 'other.txt'), 'x')
    expect(mode(path.join(dir, 'other.txt'))).toBe('644')
  })

  it('takes group and other permissions off an existing registry', async () => {
    const file = path.join(dirs.make(), 'r.duckdb')
    await (await openRegistry(file, {create: true})).close()
    chmodSync(file, 0o644)
    const registry = await openRegistry(file, {create: false})
    expect(mode(file)).toBe('600')
    await registry.close()
  })

  it('migrates a registry of schema version 1 inside a transaction, keeping its data', async () => {
    const file = path.join(dirs.make(), 'old.duckdb')
    // A registry as version 1 left it: its tables, no finding history, one child with a row.
    const instance = await DuckDBInstance.create(file)
    const c = await instance.connect()
    await c.run(V1_FIXTURE)
    c.closeSync()
    instance.closeSync()

    const registry = await openRegistry(file, {create: false})
    expect(await registry.schemaVersion()).toBe(SCHEMA_VERSION)
    expect(await registry.primaryDepartment()).toBe('civil')
    const rows = await registry.childRows('LS430524-0000001')
    expect(rows.map((r) => [r.department, r.asOf, r.file, r.row, r.cells, r.canonical])).toEqual([
      ['civil', '2026-06-01', 'civil.csv', 2, ['1', '张三'], {seq: '1', name: '张三'}],
    ])
    // The tables of version 2 work, and numbering goes on from the old sequence.
    await registry.transaction(async (tx) => {
      const ingest = await tx.beginIngest({asOf: '2026-07-01', version: 'test'})
      expect(ingest.id).toBe(2)
      expect(await tx.createChildren(['430524'])).toEqual(['LS430524-0000002'])
      await tx.recordFindings(ingest, [{fingerprint: 'f1', code: 'ID_CHECKSUM', severity: 'error', message: 'm', dataset: 'civil', file: 'civil.csv', row: 2, childId: 'LS430524-0000001'}])
    })
    expect(await registry.findingCounts(2)).toEqual({new: 1, open: 0, resolved: 0, waived: 0})
    await registry.close()
  })

  it('rolls a failed migration back, leaving the old version', async () => {
    const file = path.join(dirs.make(), 'r.duckdb')
    await (await openRegistry(file, {create: true, migrations: MIGRATIONS.slice(0, 1)})).close()
    const broken = [...MIGRATIONS.slice(0, 1), {version: 2, description: 'half done', up: async (db: {run(sql: string): Promise<void>}) => {
      await db.run('CREATE TABLE half (x INTEGER)')
      await db.run('SELECT * FROM no_such_table')
    }}]
    await expect(openRegistry(file, {create: false, migrations: broken})).rejects.toThrow(/no_such_table/)
    const registry = await openRegistry(file, {create: false, migrations: MIGRATIONS.slice(0, 1)})
    expect(await registry.schemaVersion()).toBe(1)
    await registry.close()
  })

  it('refuses a registry written by a newer liushou with one line', async () => {
    const file = path.join(dirs.make(), 'r.duckdb')
    await (await openRegistry(file, {create: true})).close()
    const instance = await DuckDBInstance.create(file)
    const c = await instance.connect()
    await c.run(`UPDATE meta SET value = '${SCHEMA_VERSION + 1}' WHERE key = 'schema_version'`)
    c.closeSync()
    instance.closeSync()
    expect(await userLine(openRegistry(file, {create: false}))).toBe(
      `${file}: was written by a newer liushou (registry schema ${SCHEMA_VERSION + 1}; this liushou knows up to ${SCHEMA_VERSION}); upgrade liushou`,
    )
    expect(process.umask(0o022)).toBe(0o022)
  })

  it('refuses a file that is not a DuckDB database, and a DuckDB database that is not a registry', async () => {
    const dir = dirs.make()
    const text = path.join(dir, 'roster.csv')
    writeFileSync(text, '姓名,身份证号\n张三,430524201001011234\n')
    expect(await userLine(openRegistry(text, {create: true}))).toBe(`${text}: is not a liushou registry (not a DuckDB database); choose another --registry file`)
    const other = path.join(dir, 'other.duckdb')
    const instance = await DuckDBInstance.create(other)
    const c = await instance.connect()
    await c.run('CREATE TABLE t (x INTEGER)')
    c.closeSync()
    instance.closeSync()
    expect(await userLine(openRegistry(other, {create: true}))).toBe(`${other}: is a DuckDB database but not a liushou registry; choose another --registry file`)
    const folder = path.join(dir, 'folder.duckdb')
    mkdirSync(folder)
    expect(await userLine(openRegistry(folder, {create: true}))).toBe(`${folder}: is a folder, not a registry file`)
  })

  it('says in one line that another process has the registry open', async () => {
    const file = path.join(dirs.make(), 'r.duckdb')
    await (await openRegistry(file, {create: true})).close()
    const holder = await holdRegistry(file)
    try {
      const line = await userLine(openRegistry(file, {create: false}))
      expect(line).toBe(`${file}: is in use by another liushou (process ${holder.pid}); wait for it to finish, then run the command again`)
      expect(line).not.toContain('\n')
      expect(process.umask(0o022)).toBe(0o022)
    } finally {
      await holder.stop()
    }
    // Once the other process is gone, the registry opens.
    await (await openRegistry(file, {create: false})).close()
  })

  it('waits, when asked, for another process to let go of the registry, and says so once', async () => {
    const file = path.join(dirs.make(), 'r.duckdb')
    await (await openRegistry(file, {create: true})).close()
    const holder = await holdRegistry(file, 1500)
    try {
      // Asked for less than the holder takes: refused after the wait, with the usual line.
      const started = Date.now()
      expect(await userLine(openRegistry(file, {create: false, waitMs: 300}))).toContain('is in use by another liushou')
      expect(Date.now() - started).toBeGreaterThanOrEqual(300)
      const waits: (number | undefined)[] = []
      const registry = await openRegistry(file, {create: false, waitMs: 30_000, onWait: (pid) => waits.push(pid)})
      await registry.close()
      expect(waits).toEqual([holder.pid])
      expect(process.umask(0o022)).toBe(0o022)
    } finally {
      await holder.stop()
    }
  })

  it('refuses to open one registry twice in one process (DuckDB would not notice)', async () => {
    const file = path.join(dirs.make(), 'r.duckdb')
    const registry = await openRegistry(file, {create: true})
    await expect(openRegistry(file, {create: false})).rejects.toThrow(/already open in this process/)
    await registry.close()
  })

  it('opens read-only for readers, refusing writes', async () => {
    const file = path.join(dirs.make(), 'r.duckdb')
    await (await openRegistry(file, {create: true})).close()
    const registry = await openRegistry(file, {create: false, readOnly: true})
    expect(await registry.schemaVersion()).toBe(SCHEMA_VERSION)
    await expect(registry.transaction(async () => undefined)).rejects.toThrow(/read-only/)
    await registry.close()
  })

  it('holds every canonical field of src/schema (a new field needs a migration)', () => {
    expect([...CANONICAL_FIELDS].sort()).toEqual(FIELDS.map((f) => f.key).sort())
  })
})

// Frozen: the tables as migration 1 makes them, with a little data, as an older liushou left them.
const V1_FIXTURE = `
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
CREATE TABLE ingests (id INTEGER PRIMARY KEY, as_of DATE NOT NULL, recorded_at TIMESTAMP NOT NULL, version VARCHAR NOT NULL);
CREATE TABLE snapshots (id INTEGER PRIMARY KEY, department VARCHAR NOT NULL, as_of DATE NOT NULL, ingest_id INTEGER NOT NULL,
  ingested_at TIMESTAMP NOT NULL, files_key VARCHAR NOT NULL, row_count INTEGER NOT NULL);
CREATE TABLE snapshot_files (snapshot_id INTEGER NOT NULL, file_index SMALLINT NOT NULL, file_name VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL, dataset VARCHAR NOT NULL, format VARCHAR, encoding VARCHAR, sheet VARCHAR,
  header VARCHAR[] NOT NULL, fields VARCHAR[] NOT NULL, row_count INTEGER NOT NULL, PRIMARY KEY (snapshot_id, file_index));
CREATE TABLE snapshot_rows (snapshot_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, file_index SMALLINT NOT NULL,
  row_no INTEGER NOT NULL, child_id VARCHAR NOT NULL, cells VARCHAR[] NOT NULL,
  canonical STRUCT(${CANONICAL_FIELDS.map((k) => `"${k}" VARCHAR`).join(', ')}) NOT NULL);
CREATE TABLE children (child_id VARCHAR NOT NULL, county VARCHAR NOT NULL, seq INTEGER NOT NULL,
  created_ingest INTEGER, created_snapshot INTEGER, resolved_to VARCHAR);
CREATE TABLE county_sequences (county VARCHAR PRIMARY KEY, last_seq INTEGER NOT NULL);
CREATE TABLE merges (keep VARCHAR NOT NULL, other VARCHAR NOT NULL, by_name VARCHAR NOT NULL, reason VARCHAR NOT NULL,
  recorded_at TIMESTAMP NOT NULL, ingest_id INTEGER);
INSERT INTO meta VALUES ('schema_version', '1'), ('primary_department', 'civil');
INSERT INTO ingests VALUES (1, DATE '2026-06-01', TIMESTAMP '2026-06-02 08:00:00', '0.1.0');
INSERT INTO snapshots VALUES (1, 'civil', DATE '2026-06-01', 1, TIMESTAMP '2026-06-02 08:00:00', 'abc', 1);
INSERT INTO snapshot_files VALUES (1, 0, 'civil.csv', 'abc', 'civil', 'csv', 'utf-8', NULL, ['序号', '姓名'], ['seq', 'name'], 1);
INSERT INTO snapshot_rows (snapshot_id, ordinal, file_index, row_no, child_id, cells, canonical)
  VALUES (1, 0, 0, 2, 'LS430524-0000001', ['1', '张三'],
    {${CANONICAL_FIELDS.map((k) => `'${k}': ${k === 'seq' ? "'1'" : k === 'name' ? "'张三'" : 'NULL::VARCHAR'}`).join(', ')}});
INSERT INTO children VALUES ('LS430524-0000001', '430524', 1, 1, 1, NULL);
INSERT INTO county_sequences VALUES ('430524', 1);
`
