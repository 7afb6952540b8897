import {closeSync, existsSync, openSync, readSync, realpathSync, statSync} from 'node:fs'
import path from 'node:path'

import {DuckDBInstance} from '@duckdb/node-api'

import {UserError} from '../errors.js'
import {Db} from './db.js'
import {holdPrivateUmask, tightenModes} from './modes.js'
import {RegistryReader} from './reader.js'
import {MIGRATIONS, type Migration, SCHEMA_VERSION, getMeta, migrate, setMeta} from './schema.js'
import {Transaction} from './transaction.js'
import {instant} from './values.js'

// The registry file: one DuckDB database (and its write-ahead log), private to its owner. Opening
// it creates it when asked, brings an older schema up to date, and turns what can go wrong with
// the file itself into one line the user can act on.

export interface OpenOptions {
  /** Create the registry when the file does not exist (ingest); otherwise a missing file is a UserError. */
  create: boolean
  /** Open for reading only: several readers may share the file, no writer meanwhile. */
  readOnly?: boolean
  /** For tests: the migrations to apply instead of the real ones. */
  migrations?: readonly Migration[]
  /**
   * How long to wait, trying again, while another process holds the file (default 0: refuse at
   * once). The commands wait: a nightly ingest and an officer's `status` may meet, and an ingest
   * whose first process was killed (bin/run.js runs it in a second one) lets go of the file only
   * once that second process notices and ends.
   */
  waitMs?: number
  /** Called once, when a wait begins, with the holding process's id when DuckDB names it. */
  onWait?: (pid: number | undefined) => void
}

/** How often a held registry is tried again. */
const RETRY_MS = 200

// Two DuckDB instances of one file in one process would both write it: DuckDB's lock is per
// process. The registry refuses a second open instead.
const openHere = new Set<string>()

export class Registry extends RegistryReader {
  private active = false
  private closed = false

  private constructor(
    readonly file: string,
    private readonly instance: DuckDBInstance,
    private readonly writeDb: Db,
    readDb: Db,
    private readonly key: string,
    private readonly release: () => void,
    readonly readOnly: boolean,
  ) {
    super(readDb)
  }

  /** @internal openRegistry's constructor. */
  static async fromInstance(file: string, instance: DuckDBInstance, key: string, release: () => void, readOnly: boolean): Promise<Registry> {
    const writeDb = new Db(await instance.connect())
    const readDb = new Db(await instance.connect())
    return new Registry(file, instance, writeDb, readDb, key, release, readOnly)
  }

  /**
   * Runs work in one transaction: committed when it returns, rolled back when it throws (and by
   * DuckDB when the process dies before the commit). One at a time per registry.
   */
  async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('registry: closed')
    if (this.readOnly) throw new Error('registry: opened read-only')
    if (this.active) throw new Error('registry: a transaction is already running')
    this.active = true
    const tx = new Transaction(this.writeDb)
    try {
      await this.writeDb.run('BEGIN TRANSACTION')
      let result: T
      try {
        result = await work(tx)
        tx.assertComplete()
      } catch (error) {
        tx.end()
        await this.writeDb.run('ROLLBACK').catch(() => undefined)
        throw error
      }
      tx.end()
      await this.writeDb.run('COMMIT')
      tightenModes(this.file)
      return result
    } finally {
      this.active = false
    }
  }

  /**
   * Checkpoints and closes the file (DuckDB folds the log into it), then restores the umask.
   * Statements still queued finish first: closing a connection under a running statement would
   * crash the process. Closing during a transaction is a bug.
   */
  async close(): Promise<void> {
    if (this.closed) return
    if (this.active) throw new Error('registry: close() while a transaction is running')
    this.closed = true
    try {
      await this.writeDb.idle()
      await this.db.idle()
      this.writeDb.connection.closeSync()
      this.db.connection.closeSync()
      this.instance.closeSync()
      tightenModes(this.file)
    } finally {
      openHere.delete(this.key)
      this.release()
    }
  }
}

const LOCKED = /Could not set lock on file .*Conflicting lock is held in (.*?)(?: \(PID (\d+)\))?[.:]?\s/s
const NOT_DUCKDB = /is not a valid DuckDB database file|not a valid DuckDB database|file is not a database/i
const NEWER_STORAGE = /database file with version number (\d+)|storage version|created by a newer version/i
const DENIED = /Permission denied/i

/** The process holding the file, when DuckDB refused it for a lock held elsewhere. */
function lockHolder(error: unknown): {pid: number | undefined} | undefined {
  const locked = LOCKED.exec((error instanceof Error ? error.message : String(error)) + ' ')
  return locked ? {pid: locked[2] ? Number(locked[2]) : undefined} : undefined
}

function openError(file: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error)
  const holder = lockHolder(error)
  if (holder) {
    const pid = holder.pid === undefined ? '' : ` (process ${holder.pid})`
    return new UserError({en: `is in use by another liushou${pid}; wait for it to finish, then run the command again`, zh: `正被另一个 liushou 使用${pid}；请等它结束后再运行`}, file)
  }
  if (NOT_DUCKDB.test(message)) return new UserError({en: 'is not a liushou registry (not a DuckDB database); choose another --registry file', zh: '不是 liushou 数据库（不是 DuckDB 数据库）；请用 --registry 指定另一个文件'}, file)
  if (NEWER_STORAGE.test(message)) return new UserError({en: 'was written by a newer DuckDB than this liushou has; upgrade liushou', zh: '由比本 liushou 更新的 DuckDB 写入；请升级 liushou'}, file)
  if (DENIED.test(message)) return new UserError({en: 'cannot be opened: permission denied', zh: '无法打开：没有权限'}, file)
  return error instanceof Error ? error : new Error(message)
}

/** A DuckDB database file has `DUCK` at byte 8. */
function hasDuckDbMagic(file: string): boolean {
  const bytes = Buffer.alloc(12)
  let fd: number | undefined
  try {
    fd = openSync(file, 'r')
    return readSync(fd, bytes, 0, 12, 0) === 12 && bytes.subarray(8, 12).toString('latin1') === 'DUCK'
  } catch (error) {
    throw new UserError({en: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, zh: `无法读取（${(error as NodeJS.ErrnoException).code ?? 'error'}）`}, file)
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

async function tableNames(db: Db): Promise<string[]> {
  const rows = await db.all<{name: string}>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' AND table_catalog = current_database()")
  return rows.map((r) => r.name)
}

/**
 * Opens (or, with create, makes) the registry at file, at the current schema. Everything the user
 * can fix is a one-line UserError naming the file: missing, not a registry, written by a newer
 * liushou, in use by another process.
 */
export async function openRegistry(file: string, options: OpenOptions): Promise<Registry> {
  const migrations = options.migrations ?? MIGRATIONS
  const latest = migrations[migrations.length - 1]?.version ?? SCHEMA_VERSION
  const exists = existsSync(file)
  if (!exists) {
    if (!options.create) throw new UserError({en: 'no registry here yet (registry ingest creates it)', zh: '这里还没有数据库（registry ingest 会创建它）'}, file)
    if (options.readOnly) throw new Error('registry: cannot create a registry read-only')
    const dir = path.dirname(path.resolve(file))
    if (!existsSync(dir)) throw new UserError({en: `cannot create the registry: folder ${dir} does not exist`, zh: `无法创建数据库：文件夹 ${dir} 不存在`}, file)
  } else if (statSync(file).isDirectory()) {
    throw new UserError({en: 'is a folder, not a registry file', zh: '是文件夹，不是数据库文件'}, file)
  } else if (!hasDuckDbMagic(file)) {
    // Checked here, not left to DuckDB: DuckDB 1.5 opens a .csv or .parquet file as a database.
    throw new UserError({en: 'is not a liushou registry (not a DuckDB database); choose another --registry file', zh: '不是 liushou 数据库（不是 DuckDB 数据库）；请用 --registry 指定另一个文件'}, file)
  }
  let key = exists ? realpathSync(file) : path.resolve(file)
  if (openHere.has(key)) throw new Error(`registry: ${file} is already open in this process`)

  const release = holdPrivateUmask()
  let instance: DuckDBInstance | undefined
  try {
    if (exists) tightenModes(file)
    const deadline = Date.now() + (options.waitMs ?? 0)
    let waiting = false
    while (!instance) {
      try {
        instance = await DuckDBInstance.create(file, {
          access_mode: options.readOnly ? 'READ_ONLY' : 'READ_WRITE',
          // No network here, and a registry needs no extension: never try to download one.
          autoinstall_known_extensions: 'false',
        })
      } catch (error) {
        const holder = lockHolder(error)
        if (!holder || Date.now() >= deadline) throw openError(file, error)
        if (!waiting) options.onWait?.(holder.pid)
        waiting = true
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
      }
    }
    const db = new Db(await instance.connect())
    try {
      await prepareSchema(db, file, options.readOnly ?? false, migrations, latest)
    } finally {
      db.connection.closeSync()
    }
    tightenModes(file)
    key = realpathSync(file)
    openHere.add(key)
    return await Registry.fromInstance(file, instance, key, release, options.readOnly ?? false)
  } catch (error) {
    openHere.delete(key)
    instance?.closeSync()
    release()
    throw error
  }
}

async function prepareSchema(db: Db, file: string, readOnly: boolean, migrations: readonly Migration[], latest: number): Promise<void> {
  const tables = await tableNames(db)
  let version = 0
  if (tables.includes('meta')) {
    const recorded = await getMeta(db, 'schema_version')
    version = Number(recorded)
    if (!Number.isInteger(version) || version < 1) throw new UserError({en: 'is not a liushou registry (no schema version)', zh: '不是 liushou 数据库（没有结构版本）'}, file)
  } else if (tables.length > 0) {
    throw new UserError({en: 'is a DuckDB database but not a liushou registry; choose another --registry file', zh: '是 DuckDB 数据库，但不是 liushou 数据库；请用 --registry 指定另一个文件'}, file)
  }
  if (version > latest) {
    throw new UserError({en: `was written by a newer liushou (registry schema ${version}; this liushou knows up to ${latest}); upgrade liushou`, zh: `由更新版本的 liushou 写入（数据库结构版本 ${version}，本 liushou 最高支持 ${latest}）；请升级 liushou`}, file)
  }
  if (version === latest) return
  if (readOnly) {
    throw new UserError({en: `has registry schema ${version} and needs ${latest}; run a command that writes to it (registry ingest) to upgrade it`, zh: `数据库结构版本为 ${version}，需要 ${latest}；运行一个写入数据库的命令（registry ingest）即可升级`}, file)
  }
  await db.run('BEGIN TRANSACTION')
  try {
    await migrate(db, version, migrations)
    if (version === 0) await setMeta(db, 'created_at', instant())
    await db.run('COMMIT')
  } catch (error) {
    await db.run('ROLLBACK').catch(() => undefined)
    throw error
  }
}
