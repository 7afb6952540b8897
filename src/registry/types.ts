// The shapes the registry's API takes and returns. Dates are `YYYY-MM-DD` strings (the as-of date
// a list describes), instants ISO strings in UTC.

import type {Severity} from '../types.js'

export interface IngestInfo {
  id: number
  asOf: string
  /** When the ingest ran. */
  at: string
  /** The liushou version that ran it. */
  version: string
}

export interface SnapshotFileInput {
  /** The file's name as given on the command line. */
  name: string
  /** SHA-256 of the file's bytes, lowercase hex. */
  sha256: string
  dataset: string
  format?: string
  encoding?: string
  sheet?: string
  /** The header cells as written, one per column. */
  header: readonly string[]
  /** The canonical field each column maps to, or null. */
  fields: readonly (string | null)[]
}

export interface SnapshotFile extends SnapshotFileInput {
  rows: number
}

export interface SnapshotInfo {
  id: number
  department: string
  asOf: string
  ingestId: number
  ingestedAt: string
  files: SnapshotFile[]
  rows: number
}

export type CanonicalValues = Readonly<Record<string, string | null | undefined>>

export interface SnapshotRowInput {
  /** Index into the snapshot's files. */
  fileIndex: number
  /** The row number a spreadsheet shows (the header is row 1). */
  row: number
  /** Every original cell, as read. */
  cells: readonly string[]
  /** Canonical field → normalised value; empty and missing values are not stored. */
  canonical: CanonicalValues
  childId: string
}

export interface SnapshotRow {
  ordinal: number
  fileIndex: number
  row: number
  cells: string[]
  canonical: Record<string, string>
  /** The child number the row was given at ingest. */
  assignedId: string
  /** The number it stands for now (assignedId unless a merge resolved it to another). */
  childId: string
}

export interface ChildRow extends SnapshotRow {
  snapshotId: number
  department: string
  asOf: string
  file: string
}

export interface ChildRecord {
  childId: string
  department: string
  asOf: string
  snapshotId: number
  /** Where the row is: its file as ingested and the row number a spreadsheet shows. */
  file: string
  row: number
  /** Its canonical values; only those asked for when childRecords was given `fields`. */
  canonical: Record<string, string>
  /** With `fields`: how many canonical values the row has in all. */
  filled?: number
}

/** The states the registry gives (`known` belongs to --baseline, not here). */
export type FindingState = 'new' | 'open' | 'resolved' | 'waived'

export interface FindingInput {
  fingerprint: string
  code: string
  severity: Severity
  message: string
  field?: string
  department?: string
  dataset: string
  file: string
  row?: number
  childId?: string
  /** The rest of the finding (hint, column, value, expected, related, name, town, village), kept as JSON. */
  detail?: Record<string, unknown>
  /** Where it is recorded among the ingest's findings (not stored itself). */
  place?: FindingPlace
}

/**
 * The recording order of an ingest's findings: by block (each department's validate, then
 * crosscheck, then the registry's own), the snapshot's file and row, the finding's level in its
 * row (registry/carry.ts rowLevel), then the order staged.
 */
export interface FindingPlace {
  block: number
  /** The file's index in its snapshot; -1 for findings on no row of one. */
  file: number
  row: number
  level: number
}

export interface StoredFinding extends FindingInput {
  ingestId: number
  ordinal: number
  state: FindingState
  /** The as-of date of the ingest that first found it. */
  firstSeen: string
  /** The as-of date of the last ingest that found it. */
  lastSeen: string
}

export type StateCounts = Record<FindingState, number>

export interface Waiver {
  fingerprint: string
  reason: string
  by: string
  date: string
  code?: string
  field?: string
  department?: string
  childId?: string
}

export interface Merge {
  keep: string
  other: string
  by: string
  reason: string
  at: string
  ingestId?: number
}
