import {type CrosscheckOptions, crosscheck} from '../crosscheck/crosscheck.js'
import {resolveConfig} from '../crosscheck/config.js'
import type {Finding} from '../findings/model.js'
import type {CommonOptions} from '../options.js'
import {packageVersion} from '../package-root.js'
import type {Department} from '../schema/dataset-args.js'
import {workerScript} from '../io/worker-script.js'
import {type BackgroundFindings, findingsFromWorker, findingsOfRun, validateInBackground} from './background-validate.js'
import {CARRIED_CODES, checksKey, rowLevel} from './carry.js'
import type {FindingRecorder} from './findings.js'
import {type Materialized, materialize} from './materialize.js'
import type {RegistryReader} from './reader.js'
import type {PhaseMark} from './timing.js'
import type {Transaction} from './transaction.js'
import type {FindingPlace, FindingInput as StoredFindingInput} from './types.js'

// The checks of an ingest (SPEC "Finding states"): validate and crosscheck of the departments'
// latest snapshots, each finding recorded with its state. Validate of a snapshot starts as soon as
// it is written out — for the departments an ingest leaves as they were, before the new lists are
// read — and runs in a worker (background-validate.ts) beside the ingest's other work; its findings
// are recorded once the crosscheck's are. Where each finding goes in the ingest's list does not
// depend on when it was recorded: findings are ordered by their place (findings.ts).

/** A finding of a check on materialized snapshots, as the registry stores it: the snapshot's own file and row. */
function storedFinding(f: Finding, byPath: ReadonlyMap<string, Materialized>): StoredFindingInput {
  const m = byPath.get(f.file)
  const origin = m?.origins[f.row]
  const fileOf = (file: string, row: number) => {
    const mm = byPath.get(file)
    const o = mm?.origins[row]
    if (o && mm) return {file: mm.snapshot.files[o.fileIndex]!.name, row: o.row}
    // The written-out header (a finding of the header): the first file's, whose header it is.
    return mm?.snapshot.files[0] ? {file: mm.snapshot.files[0].name, row} : {file, row}
  }
  const where = fileOf(f.file, f.row)
  const detail: Record<string, unknown> = {}
  for (const key of ['hint', 'column', 'value', 'expected', 'name', 'town', 'village'] as const) if (f[key] !== undefined) detail[key] = f[key]
  if (f.related) detail.related = f.related.map((r) => ({...r, ...fileOf(r.file, r.row)}))
  const out: StoredFindingInput = {fingerprint: f.fingerprint, code: f.code, severity: f.severity, message: f.message, dataset: f.dataset, file: where.file, row: where.row, detail}
  if (f.field !== undefined) out.field = f.field
  if (m) out.department = m.department
  if (origin) out.childId = origin.childId
  return out
}

/** The latest snapshot on or before `asOf` of every department `wanted` (all by default), written out for the checks. */
export async function materializeLatest(reader: RegistryReader, asOf: string, dir: string, wanted: (department: string) => boolean = () => true): Promise<Materialized[]> {
  const out: Materialized[] = []
  for (const department of await reader.departments()) {
    if (!wanted(department)) continue
    const snapshot = await reader.latestSnapshot(department, asOf)
    if (snapshot) out.push(await materialize(reader, snapshot, dir))
  }
  return out
}

function* storedFindings(findings: Iterable<Finding>, byPath: ReadonlyMap<string, Materialized>, place: (f: Finding) => FindingPlace): Generator<StoredFindingInput> {
  for (const f of findings) yield {...storedFinding(f, byPath), place: place(f)}
}

const CARRIED = CARRIED_CODES.map((code) => ({code, level: rowLevel(code)}))

interface Validation {
  lists: readonly Materialized[]
  carried: ReadonlySet<string>
  run: BackgroundFindings
}

/**
 * One ingest's checks: `validate` each department's latest snapshot once it is written out, then
 * `record` (the crosscheck and every finding). `close` when the ingest ends either way.
 */
export class IngestChecks {
  private readonly validations: Validation[] = []
  private validationRecorded = false
  private readonly crosschecks: BackgroundFindings[] = []
  private readonly key: string

  private constructor(
    private readonly tx: Transaction,
    private readonly recorder: FindingRecorder,
    private readonly options: CommonOptions,
  ) {
    this.key = checksKey(options, packageVersion())
  }

  static async start(tx: Transaction, ingest: {id: number; asOf: string}, options: CommonOptions): Promise<IngestChecks> {
    return new IngestChecks(tx, await tx.findingRecorder(ingest), options)
  }

  /** Validate's options: plain values, to cross to its worker. */
  private get validateOptions(): CommonOptions {
    const {asOf, lang, mask, failOn} = this.options
    return {asOf, lang, mask, failOn, includeInfo: true, ...readOptions(this.options)}
  }

  /**
   * Starts validate of snapshots this ingest does not change any more. On a snapshot the previous
   * ingest checked, only the DATED_CODES are looked for, the others carried over (carry.ts).
   */
  async validate(lists: readonly Materialized[]): Promise<void> {
    if (lists.length === 0) return
    const carried = await this.tx.carriedDepartments(this.recorder.previousIngest, this.key, lists)
    const run = validateInBackground(
      lists.map((m) => ({file: m.path, dataset: m.department, department: m.department})),
      // The findings alone are stored: no breakdown by reporting unit.
      {...this.validateOptions, ageLimit: 16, datedOnly: carried, breakdown: false},
    )
    this.validations.push({lists, carried, run})
  }

  /**
   * Starts the crosscheck of `lists` — every department's latest snapshot written out, each given
   * to `validate` before, in the order of their blocks — when there are two or more, the primary
   * among them. It runs in a worker (in this thread without one: background-validate.ts) and reads
   * the written-out files alone, so the ingest goes on storing its new lists and recording
   * validate's findings meanwhile, in this thread and the database's; its findings are recorded
   * by `record`.
   */
  crosscheck(lists: readonly Materialized[], primary: string): BackgroundFindings | undefined {
    const validated = new Set(this.validations.flatMap((v) => v.lists))
    const missing = lists.find((m) => !validated.has(m))
    if (missing) throw new Error(`registry: ${missing.department}'s snapshot was not validated`)
    if (lists.length < 2 || !lists.some((m) => m.department === primary)) return undefined
    const config = resolveConfig({datasets: lists.map((m) => ({department: m.department as Department, path: m.path})), primary}, '.', 'registry')
    // The ingest's options as they are (its --match and --possible, its progress display).
    const options: CrosscheckOptions = {...this.options, includeInfo: true, states: undefined}
    const url = workerScript(new URL('./crosscheck-worker.js', import.meta.url), 'LIUSHOU_REGISTRY_CROSSCHECK_THREAD')
    const run = url
      ? findingsFromWorker(url, {config, options: plainValues(options)}, "the registry's crosscheck worker", (m) => options.onProgress?.(m.phase as Parameters<NonNullable<CrosscheckOptions['onProgress']>>[0], m.done, m.total, m.subject))
      : findingsOfRun(crosscheck(config, options))
    this.crosschecks.push(run)
    return run
  }

  /**
   * Records validate's findings of `lists` (the order of their blocks), found or carried over, with
   * their states. The lists' rows must have their children (origins) by now. The ingest calls it
   * while its crosscheck runs; `record` does, when it was not.
   */
  async recordValidation(lists: readonly Materialized[], mark: PhaseMark = () => undefined): Promise<void> {
    if (this.validationRecorded) throw new Error("registry: validate's findings are recorded already")
    this.validationRecorded = true
    const {recorder} = this
    const byPath = new Map(lists.map((m) => [m.path, m]))
    const blockOf = new Map(lists.map((m, i) => [m.path, i]))
    // Validate names the files it was given; were it another, its finding goes after the lists' (and before the crosscheck's, recorded later).
    const place = (f: Finding): FindingPlace => {
      const origin = byPath.get(f.file)?.origins[f.row]
      return {block: blockOf.get(f.file) ?? lists.length - 1, file: origin ? origin.fileIndex : -1, row: origin ? origin.row : f.row, level: rowLevel(f.code)}
    }
    for (const v of this.validations) {
      for await (const batch of v.run.findings()) await recorder.add(storedFindings(batch, byPath, place))
      v.run.close()
    }
    mark('validate: staged')
    for (const [block, m] of lists.entries()) {
      if (!this.validations.some((v) => v.carried.has(m.department) && v.lists.includes(m))) continue
      await recorder.carry({snapshotId: m.snapshot.id, department: m.department}, CARRIED, block)
    }
    mark('validate: carried')
    await recorder.settle()
    mark('validate: recorded')
  }

  /**
   * Records every finding of the checks: validate's (recordValidation, when not yet), then the
   * crosscheck's (`crosschecked`, started by `crosscheck` on these `lists`), then `own` (the
   * registry's, REG_UNCERTAIN).
   */
  async record(ingestId: number, lists: readonly Materialized[], crosschecked: BackgroundFindings | undefined, own: readonly StoredFindingInput[] = [], mark: PhaseMark = () => undefined): Promise<void> {
    if (!this.validationRecorded) await this.recordValidation(lists, mark)
    const {recorder} = this
    const byPath = new Map(lists.map((m) => [m.path, m]))
    const crosscheckBlock = lists.length
    if (crosschecked) {
      const place = (): FindingPlace => ({block: crosscheckBlock, file: 0, row: 0, level: 0})
      let first = true
      for await (const batch of crosschecked.findings()) {
        if (first) mark('crosscheck')
        first = false
        await recorder.add(storedFindings(batch, byPath, place))
      }
      crosschecked.close()
      mark(first ? 'crosscheck' : 'crosscheck: stored')
    }
    await recorder.add(own.map((f) => ({...f, place: {block: crosscheckBlock + 1, file: 0, row: 0, level: 0}})))
    await recorder.finish()
    await this.tx.recordChecks(ingestId, this.key, lists)
  }

  /** Stops any check still running. */
  close(): void {
    for (const v of this.validations) v.run.close()
    for (const run of this.crosschecks) run.close()
  }
}

/** The options without their callbacks, to cross to a worker. */
function plainValues<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => typeof value !== 'function')) as Partial<T>
}

function readOptions(options: CommonOptions): Pick<CommonOptions, 'encoding' | 'sheet' | 'columns'> {
  return {
    ...(options.encoding === undefined ? {} : {encoding: options.encoding}),
    ...(options.sheet === undefined ? {} : {sheet: options.sheet}),
    ...(options.columns === undefined ? {} : {columns: options.columns}),
  }
}
