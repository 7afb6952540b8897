import {carriedDepartments, recordChecks} from './carry.js'
import {type ChildOrigin, allocateChildren, mergeChildren} from './children.js'
import type {Db} from './db.js'
import {FindingRecorder, recordFindings, waive} from './findings.js'
import type {Materialized} from './materialize.js'
import {type LinkageState, type LinkageUpdate, keepLinkage} from './linkage.js'
import {RegistryReader} from './reader.js'
import {setMeta} from './schema.js'
import {SnapshotWriter, type SnapshotStart, nextSnapshotId} from './snapshots.js'
import type {FindingInput, IngestInfo, Merge, StateCounts, Waiver} from './types.js'
import {instant, isoDate} from './values.js'

// Everything a command writes goes through one Transaction, inside registry.transaction(): it
// commits when the callback returns and rolls back when it throws (or the process dies), so a
// registry never holds half an ingest. Reads through the transaction see its own writes.

export class Transaction extends RegistryReader {
  private readonly writers: SnapshotWriter[] = []
  private snapshotIds: number | undefined
  private done = false

  constructor(db: Db) {
    super(db)
  }

  private live(): Db {
    if (this.done) throw new Error('registry: the transaction is over')
    return this.db
  }

  /** Starts an ingest record (the id that snapshots, children and findings refer to). */
  async beginIngest(options: {asOf: string; at?: string; version: string}): Promise<IngestInfo> {
    const db = this.live()
    isoDate(options.asOf, 'asOf')
    const at = instant(options.at)
    const row = await db.one<{id: number}>('SELECT (coalesce(max(id), 0) + 1)::INTEGER AS id FROM ingests')
    const id = row!.id
    await db.run('INSERT INTO ingests (id, as_of, recorded_at, version) VALUES (?, CAST(? AS DATE), CAST(? AS TIMESTAMP), ?)', [
      id,
      options.asOf,
      at,
      options.version,
    ])
    return {id, asOf: options.asOf, at, version: options.version}
  }

  /** Keeps what the ingest's linkage leaves for the next (linkage.ts keepLinkage). */
  keepLinkage(ingestId: number, asOf: string, update: LinkageUpdate | undefined, childIdOf: (list: number, ordinal: number) => string, usable: LinkageState | undefined): Promise<void> {
    return keepLinkage(this.live(), ingestId, asOf, update, childIdOf, usable)
  }

  async setPrimaryDepartment(department: string): Promise<void> {
    await setMeta(this.live(), 'primary_department', department)
  }

  /** New child numbers, one per county given (null or a non-code: `000000`), in order. */
  createChildren(counties: readonly (string | null | undefined)[], origin: ChildOrigin = {}): Promise<string[]> {
    return allocateChildren(this.live(), counties, origin)
  }

  /**
   * A writer for one snapshot's rows; `finish()` it before the transaction ends. Its id is known
   * at once, so children created for its rows can refer to it.
   */
  async snapshotWriter(start: Omit<SnapshotStart, 'id'>): Promise<SnapshotWriter> {
    const db = this.live()
    if (this.writers.some((w) => w.isAppending)) throw new Error('registry: one snapshot writer appending at a time (the appender holds the connection)')
    this.snapshotIds ??= await nextSnapshotId(db)
    const writer = new SnapshotWriter(db, {...start, id: this.snapshotIds++})
    await writer.open()
    this.writers.push(writer)
    return writer
  }

  merge(merge: Omit<Merge, 'at'> & {at?: string}): Promise<void> {
    return mergeChildren(this.live(), {...merge, at: instant(merge.at)})
  }

  waive(waiver: Waiver, at?: string): Promise<Waiver> {
    return waive(this.live(), waiver, at)
  }

  /** Records the ingest's findings in file order; see findings.ts for how states are given. */
  recordFindings(ingest: {id: number; asOf: string}, findings: Iterable<FindingInput> | AsyncIterable<FindingInput>): Promise<StateCounts> {
    return recordFindings(this.live(), ingest, findings)
  }

  /** Records the ingest's findings a batch at a time (findings.ts FindingRecorder): `add` each in file order, then `finish`. */
  findingRecorder(ingest: {id: number; asOf: string}): Promise<FindingRecorder> {
    return FindingRecorder.start(this.live(), ingest)
  }

  /** The departments whose carried findings come from the previous ingest (carry.ts). */
  carriedDepartments(previousIngest: number, key: string, lists: readonly Materialized[]): Promise<Set<string>> {
    return carriedDepartments(this.live(), previousIngest, key, lists)
  }

  /** Records which snapshots the ingest checked, and how (carry.ts). */
  recordChecks(ingestId: number, key: string, lists: readonly Materialized[]): Promise<void> {
    return recordChecks(this.live(), ingestId, key, lists)
  }

  /** Called by the registry before COMMIT: a writer still open is a bug, and nothing is committed. */
  assertComplete(): void {
    const open = this.writers.find((w) => w.isOpen)
    if (open) throw new Error(`registry: snapshot ${open.id} was not finished`)
  }

  /** Called by the registry when the transaction ends either way. */
  end(): void {
    for (const w of this.writers) w.abort()
    this.done = true
  }
}
