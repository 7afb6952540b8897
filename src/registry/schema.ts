import type {Db} from './db.js'

// The registry's tables are built by replaying MIGRATIONS in order, on a new file as on an old
// one: a newer liushou opens an older registry and brings it up to date inside one transaction;
// an older liushou refuses a registry whose version is above SCHEMA_VERSION. A migration, once
// released, is never edited: a change to the tables is a new migration at the end of the list.

export interface Migration {
  version: number
  description: string
  up(db: Db): Promise<void>
}

/**
 * The canonical fields a snapshot row can hold, frozen as of migration 1 (the STRUCT's entries).
 * A field added to src/schema/fields.ts needs a migration that adds it here and to the table;
 * a unit test fails until both agree.
 */
export const CANONICAL_FIELDS: readonly string[] = [
  'seq', 'name', 'gender', 'idType', 'idNumber', 'birthDate', 'ethnicity', 'regionCode', 'province', 'city',
  'county', 'town', 'village', 'address', 'hukouAddress', 'hukouType', 'phone', 'schoolStatus', 'school',
  'schoolCode', 'grade', 'className', 'studentId', 'boarding', 'health', 'disability', 'leftBehind',
  'childCategory', 'guardianshipType', 'guardianName', 'guardianIdNumber', 'guardianRelation', 'guardianPhone',
  'guardianBirthDate', 'guardianAge', 'guardianHealth', 'guardianAddress', 'fatherName', 'fatherIdNumber',
  'fatherStatus', 'fatherWorkplace', 'fatherPhone', 'motherName', 'motherIdNumber', 'motherStatus',
  'motherWorkplace', 'motherPhone', 'householdId', 'relationToHead', 'status', 'statusReason', 'statusDate',
  'reportingUnit', 'reportDate', 'remarks',
]

export const CANONICAL_INDEX: ReadonlyMap<string, number> = new Map(CANONICAL_FIELDS.map((key, i) => [key, i]))

const canonicalType = `STRUCT(${CANONICAL_FIELDS.map((key) => `"${key}" VARCHAR`).join(', ')})`

// Big tables (snapshot_rows, children, findings) carry no index: DuckDB scans them fast, an ART
// index would slow every append and grow the file, and uniqueness holds by construction (child
// numbers come from county_sequences). Small tables keep their primary keys.
const V1 = [
  `CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  `CREATE TABLE ingests (
     id INTEGER PRIMARY KEY, as_of DATE NOT NULL, recorded_at TIMESTAMP NOT NULL, version VARCHAR NOT NULL)`,
  `CREATE TABLE snapshots (
     id INTEGER PRIMARY KEY, department VARCHAR NOT NULL, as_of DATE NOT NULL, ingest_id INTEGER NOT NULL,
     ingested_at TIMESTAMP NOT NULL, files_key VARCHAR NOT NULL, row_count INTEGER NOT NULL)`,
  `CREATE TABLE snapshot_files (
     snapshot_id INTEGER NOT NULL, file_index SMALLINT NOT NULL, file_name VARCHAR NOT NULL,
     sha256 VARCHAR NOT NULL, dataset VARCHAR NOT NULL, format VARCHAR, encoding VARCHAR, sheet VARCHAR,
     header VARCHAR[] NOT NULL, fields VARCHAR[] NOT NULL, row_count INTEGER NOT NULL,
     PRIMARY KEY (snapshot_id, file_index))`,
  `CREATE TABLE snapshot_rows (
     snapshot_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, file_index SMALLINT NOT NULL,
     row_no INTEGER NOT NULL, child_id VARCHAR NOT NULL, cells VARCHAR[] NOT NULL,
     canonical ${canonicalType} NOT NULL)`,
  `CREATE TABLE children (
     child_id VARCHAR NOT NULL, county VARCHAR NOT NULL, seq INTEGER NOT NULL,
     created_ingest INTEGER, created_snapshot INTEGER, resolved_to VARCHAR)`,
  `CREATE TABLE county_sequences (county VARCHAR PRIMARY KEY, last_seq INTEGER NOT NULL)`,
  `CREATE TABLE merges (
     keep VARCHAR NOT NULL, other VARCHAR NOT NULL, by_name VARCHAR NOT NULL, reason VARCHAR NOT NULL,
     recorded_at TIMESTAMP NOT NULL, ingest_id INTEGER)`,
]

// Finding states came second: a registry of version 1 has snapshots and children but no history.
const V2 = [
  `CREATE TABLE waivers (
     fingerprint VARCHAR NOT NULL, reason VARCHAR NOT NULL, by_name VARCHAR NOT NULL, waived_on DATE NOT NULL,
     code VARCHAR, field VARCHAR, department VARCHAR, child_id VARCHAR, recorded_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE findings (
     ingest_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, fingerprint VARCHAR NOT NULL, code VARCHAR NOT NULL,
     severity VARCHAR NOT NULL, message VARCHAR NOT NULL, field VARCHAR, department VARCHAR,
     dataset VARCHAR NOT NULL, file_name VARCHAR NOT NULL, row_no INTEGER, child_id VARCHAR,
     state VARCHAR NOT NULL, first_seen DATE NOT NULL, last_seen DATE NOT NULL, first_ingest INTEGER NOT NULL,
     detail VARCHAR)`,
]

// The kept linkage came third (linkage.ts): a registry of version 2 places its next month's rows
// by a full linkage, which fills these. Key hashes are DOUBLE: 48 bits, exact in one, and no
// BigInt a key on the way in.
const V3 = [
  `CREATE TABLE link_keys (child_id VARCHAR NOT NULL, key DOUBLE NOT NULL)`,
  `CREATE TABLE link_names (name VARCHAR NOT NULL, count INTEGER NOT NULL, pinyin_count INTEGER NOT NULL)`,
]

async function runAll(db: Db, statements: string[]): Promise<void> {
  for (const sql of statements) await db.run(sql)
}

export const MIGRATIONS: readonly Migration[] = [
  {version: 1, description: 'snapshots, children and child numbers', up: (db) => runAll(db, V1)},
  {version: 2, description: 'finding history and waivers', up: (db) => runAll(db, V2)},
  {version: 3, description: 'the kept linkage: key index and name counts', up: (db) => runAll(db, V3)},
]

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version

/** Applies every migration above `from`, then records the new version; the caller holds the transaction. */
export async function migrate(db: Db, from: number, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
  let version = from
  for (const migration of migrations) {
    if (migration.version <= from) continue
    if (migration.version !== version + 1) throw new Error(`registry migrations out of order: ${version} then ${migration.version}`)
    await migration.up(db)
    version = migration.version
  }
  await setMeta(db, 'schema_version', String(version))
  return version
}

export async function getMeta(db: Db, key: string): Promise<string | undefined> {
  const row = await db.one<{value: string}>('SELECT value FROM meta WHERE key = ?', [key])
  return row?.value
}

export async function setMeta(db: Db, key: string, value: string): Promise<void> {
  await db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value])
}
