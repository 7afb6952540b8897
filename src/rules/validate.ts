import {BreakdownBuilder} from '../findings/breakdown.js'
import {FindingCollector} from '../findings/collector.js'
import {assembleReport} from '../findings/assemble.js'
import type {InputInfo, Report} from '../findings/model.js'
import type {CommonOptions} from '../options.js'
import {type ListKind, defaultKind} from '../schema/dataset-args.js'
import {type RosterInput, datasetNameOf, filesOf} from '../schema/dataset-lists.js'
import {type Roster, type RosterRow, openRoster} from '../schema/roster.js'
import {type AgeLimit, RowContext, type RuleOptions} from './context.js'
import {type Subject, subjectFor, subjectOf} from '../findings/subject.js'
import {IdRowSet, NEW_ID, NO_ID, REPEAT} from './id-set.js'
import {type BatchValidator, type CheckerFor, feedInParallel, parallelChecker} from './parallel-feed.js'
import {KeptNames, Places, RecentNames} from './recent-names.js'
import {type CheckedRows, RowChecker, type TakenUnits, checkRow} from './row-checks.js'
import {headerFindings} from './structure.js'

export interface ValidateOptions extends CommonOptions {
  ageLimit: AgeLimit
  /** NOT_LEFT_BEHIND on left-behind rosters (off by default). */
  checkEligibility?: boolean
  /** Every input's kind (--kind); absent: each from its department (defaultKind). */
  kind?: ListKind
  /** Called now and then with the rows read so far (progress display). */
  onProgress?: (rows: number, file: string) => void
  /**
   * Where a file's batches are checked besides the calling thread (parallel-feed.ts); absent: a
   * worker for a large text roster on a machine of two cores or more.
   */
  checkerFor?: CheckerFor
  /** Inputs (by dataset name) checked for the DATED_CODES alone (RuleOptions.datedOnly). */
  datedOnly?: ReadonlySet<string>
  /** false: no `breakdown` by reporting unit (the registry, which stores the findings alone). */
  breakdown?: boolean
}

/** An input of validate: one file or a list of several (schema/dataset-lists.ts). */
export type ValidateInput = RosterInput

/** Rows named in `related` of one ID_DUPLICATE finding. */
export const MAX_RELATED = 50

/** Reads the roster's rows again (only when a repeated ID's first row is too old to be at hand). */
export type RowsAgain = () => Promise<AsyncIterable<RosterRow>>

/**
 * The rules of one roster, fed row by row: row rules as each row arrives, ID_DUPLICATE once every
 * row has been seen. validate streams a file through it; normalize feeds it the cleaned rows. A
 * list given as several files (a department's workbooks, one per county) goes through one
 * validator, file after file (nextFile): a number on two of its files is a duplicate within the
 * list, and each finding names its own file and row.
 */
export class RosterValidator implements BatchValidator {
  private ctx: RowContext
  private readonly duplicates = new IdRowSet()
  private readonly places = new Places()
  /** The names of the rows of repeated IDs, kept when the repeat was seen (keepIfRepeated). */
  private readonly repeated = new KeptNames()
  private hasId: boolean
  /**
   * The list's files so far, each with the offset added to its row numbers: the duplicate set and
   * the recent names hold one number a row (offset + row), unique across the files.
   */
  private readonly files: {roster: Roster; rowsAgain: RowsAgain | undefined; offset: number}[] = []
  private offset = 0
  private lastRow = 0

  constructor(
    roster: Roster,
    private readonly options: RuleOptions,
    private readonly collector: FindingCollector,
    private readonly breakdown?: BreakdownBuilder,
    rowsAgain?: RowsAgain,
    /** The names kept for ID_DUPLICATE (a test gives a small one). */
    private readonly recent = new RecentNames(),
  ) {
    this.ctx = this.begin(roster, rowsAgain)
    this.hasId = roster.fieldIndex.has('idNumber')
  }

  private begin(roster: Roster, rowsAgain: RowsAgain | undefined): RowContext {
    this.files.push({roster, rowsAgain, offset: this.offset})
    // The header's findings do not depend on the date.
    if (!this.options.datedOnly) for (const finding of headerFindings(roster)) this.collector.add(finding)
    return new RowContext(roster, this.options, (f) => this.collector.add(f))
  }

  /** Goes on with the next file of the same list (its rows after the previous file's). */
  nextFile(roster: Roster, rowsAgain?: RowsAgain): void {
    this.offset += Math.max(this.lastRow, roster.headerRow, this.files[this.files.length - 1]!.roster.headerRow) + 1
    this.lastRow = 0
    this.ctx = this.begin(roster, rowsAgain)
    this.hasId = roster.fieldIndex.has('idNumber')
  }

  /** The context of the row last passed to row(): normalize reads its ID analysis rather than redo it. */
  get current(): RowContext {
    return this.ctx
  }

  row(row: RosterRow): void {
    const ctx = this.ctx.reset(row)
    if (row.ref.row > this.lastRow) this.lastRow = row.ref.row
    // A ragged row's cells are shifted: its units would be guesses, so it counts under none.
    if (row.ragged === undefined) this.breakdown?.addRow(row.ref, ctx.units())
    const id = checkRow(ctx, this.hasId)
    if (id === '') return
    const at = this.offset + row.ref.row
    this.recent.remember(at, ctx.get('name'), this.places.numberOf(ctx.units()))
    this.keepIfRepeated(this.duplicates.add(id, at), at)
  }

  /**
   * Keeps the names of a repeated ID's rows while they are recent, whatever happens to the ring
   * after: `seen` is IdRowSet.add's answer for row `at` (its first row's number at the first repeat).
   * A million-row roster's repeats are then named without reading the file again.
   */
  private keepIfRepeated(seen: number, at: number): void {
    if (seen === NEW_ID) return
    for (const row of seen === REPEAT ? [at] : [seen, at]) {
      const kept = this.recent.get(row)
      if (kept) this.repeated.add(row, kept.name, kept.place)
    }
  }

  /** A checker of the current file's rows in batches, whose results go to take(). */
  rowChecker(): RowChecker {
    return new RowChecker(this.ctx.roster, this.options)
  }

  /**
   * Takes the results of a batch of the current file's rows (`numbers`), checked by a RowChecker on
   * this thread or another, in the rows' order: the same findings, counts, duplicates and recent
   * names as row() by row() gives. `units` is the checker's table of units (CheckedRows.unitOf),
   * one per checker, kept by the caller from batch to batch.
   */
  take(numbers: Int32Array, checked: CheckedRows, units: TakenUnits[]): void {
    const {unitOf, idHi, idLo, names, nameEnds, findings} = checked
    const {breakdown} = this
    if (checked.restart) units.length = 0
    for (const u of checked.units) units.push({ids: breakdown ? breakdown.unitIdsOf(u) : [], place: this.places.numberOf(u)})
    const {dataset} = this.ctx.roster
    const {file} = this.ctx.roster.source
    for (let i = 0; i < numbers.length; i++) {
      const row = numbers[i]!
      if (row > this.lastRow) this.lastRow = row
      if (unitOf[i]! >= 0) breakdown?.addRowAt(dataset, file, row, units[unitOf[i]!]!.ids)
    }
    // A row's findings count against the units placed above; the rows after it change nothing there.
    for (const f of findings) this.collector.add(f)
    let nameStart = 0
    for (let i = 0; i < numbers.length; i++) {
      const nameEnd = nameEnds[i]!
      if (idHi[i] !== NO_ID) {
        const at = this.offset + numbers[i]!
        // A row with an ID is never ragged: it has its units.
        this.recent.remember(at, names.slice(nameStart, nameEnd), units[unitOf[i]!]!.place)
        this.keepIfRepeated(this.duplicates.addPacked(idHi[i]!, idLo[i]!, at), at)
      }
      nameStart = nameEnd
    }
  }

  /** The file (index into `files`) and row of a number the duplicate set holds. */
  private where(at: number): {file: number; row: number} {
    let f = this.files.length - 1
    while (f > 0 && this.files[f]!.offset > at) f--
    return {file: f, row: at - this.files[f]!.offset}
  }

  /**
   * Reports every row of every repeated child ID, each naming the others in `related` and the
   * child as its own row writes it (two children may have been given one number).
   */
  async finish(): Promise<void> {
    const {dataset} = this.files[0]!.roster
    const groups = [...this.duplicates.duplicates()]
    const subjectOfRow = await this.subjects(groups.flatMap(([, rows]) => rows))
    const refOf = (at: number) => {
      const {file, row} = this.where(at)
      return {dataset, file: this.files[file]!.roster.source.file, row}
    }
    for (const [id, rows] of groups) {
      const count = rows.length
      // A column filled down with one number would make every row name every other: a quadratic
      // report. The count says how many there are; related names the first few.
      const named = rows.slice(0, MAX_RELATED + 1)
      for (const r of rows) {
        const {columns, fieldIndex} = this.files[this.where(r).file]!.roster
        this.collector.add({
          code: 'ID_DUPLICATE',
          ref: refOf(r),
          // The number is the key (the fingerprint); name and place are the row's own.
          subject: () => subjectOfRow(r, id),
          field: 'idNumber',
          column: columns[fieldIndex.get('idNumber') ?? -1]?.header,
          value: id,
          params: {count, listed: MAX_RELATED},
          related: named
            .filter((o) => o !== r)
            .slice(0, MAX_RELATED)
            .map((o) => ({...refOf(o), field: 'idNumber', value: id})),
        })
      }
    }
  }

  /**
   * The subjects of `rows`, each under the key given: from the recent names, else from the cells
   * read again (the older rows of a long roster).
   */
  private async subjects(rows: number[]): Promise<(at: number, key: string) => Subject> {
    const keptOf = (at: number) => this.recent.get(at) ?? this.repeated.get(at)
    const older = new Set(rows.filter((r) => keptOf(r) === undefined))
    // Subjects, not cells: a cell is a slice of the text read, and would keep all of it alive.
    const found = new Map<number, Omit<Subject, 'key'>>()
    for (let f = 0; f < this.files.length && found.size < older.size; f++) {
      const {roster, rowsAgain, offset} = this.files[f]!
      const wanted = [...older].filter((at) => this.where(at).file === f)
      if (wanted.length === 0 || !rowsAgain) continue
      const own = new Set(wanted)
      const ctx = new RowContext(roster, this.options, () => {})
      let got = 0
      for await (const row of await rowsAgain()) {
        if (!own.has(offset + row.ref.row)) continue
        // Without its key, which may be made of slices too (name|birth|village); the caller gives its own.
        const {key: _key, ...subject} = subjectOf(ctx.reset(row).subjectCells())
        found.set(offset + row.ref.row, subject)
        if (++got === own.size) break
      }
    }
    return (at, key) => {
      const kept = keptOf(at)
      if (kept) return subjectFor(key, kept.name, this.places.at(kept.place))
      const subject = found.get(at)
      return subject ? {...subject, key} : {key}
    }
  }
}

/** Runs every rule over one roster, streaming its rows; returns the number of data rows. */
export async function validateRoster(
  roster: Roster,
  options: RuleOptions,
  collector: FindingCollector,
  breakdown?: BreakdownBuilder,
  onProgress?: (rows: number) => void,
  rowsAgain?: RowsAgain,
): Promise<number> {
  const validator = new RosterValidator(roster, options, collector, breakdown, rowsAgain)
  const rows = await feed(validator, roster, options, onProgress)
  await validator.finish()
  return rows
}

/** Streams a roster's rows through a validator, on both cores when the file is large; returns their number. */
async function feed(validator: RosterValidator, roster: Roster, options: RuleOptions, onProgress?: (rows: number) => void, checkerFor: CheckerFor = parallelChecker): Promise<number> {
  const remote = await checkerFor(roster, options)
  if (remote) return feedInParallel(validator, roster, remote, onProgress)
  let rows = 0
  for await (const row of roster.rows) {
    rows++
    if (onProgress && (rows & 0x3fff) === 0) onProgress(rows)
    validator.row(row)
  }
  return rows
}

export function inputInfo(roster: Roster, rows: number): InputInfo {
  const info: InputInfo = {dataset: roster.dataset, file: roster.source.file, format: roster.source.format, rows}
  if (roster.department) info.department = roster.department
  if (roster.source.encoding) info.encoding = roster.source.encoding
  if (roster.source.sheet) info.sheet = roster.source.sheet
  return info
}

/**
 * `liushou validate`: every rule of docs/rules.md over every input, one report. An input given as
 * several files (a folder, `education=a.xlsx education=b.xlsx`) is one list: ID_DUPLICATE sees
 * all its files; `inputs` lists each file.
 */
export async function validateFiles(inputs: RosterInput[], options: ValidateOptions): Promise<Report> {
  const breakdown = options.breakdown === false ? undefined : new BreakdownBuilder()
  const collector = new FindingCollector({lang: options.lang, includeInfo: options.includeInfo, states: options.states, ...(breakdown ? {onFinding: (ref, code) => breakdown.addFinding(ref, code)} : {})})
  const infos: InputInfo[] = []
  let total = 0
  for (const input of inputs) {
    const ruleOptions: RuleOptions = {asOf: options.asOf, lang: options.lang, ageLimit: options.ageLimit, kind: options.kind ?? defaultKind(input.department), ...(options.checkEligibility ? {checkEligibility: true} : {})}
    if (input.dataset !== undefined && options.datedOnly?.has(input.dataset)) ruleOptions.datedOnly = true
    const files = filesOf(input)
    // Several files are one dataset: named as given, else after the first file.
    const dataset = files.length > 1 ? datasetNameOf(input) : input.dataset
    const open = (file: string) =>
      openRoster(file, {
        dataset,
        department: input.department,
        encoding: options.encoding,
        sheet: options.sheet,
        columns: options.columns,
      })
    let validator: RosterValidator | undefined
    for (const file of files) {
      const roster = await open(file)
      const again: RowsAgain = async () => (await open(file)).rows
      if (validator) validator.nextFile(roster, again)
      else {
        collector.registerDataset(roster.dataset, roster.department, files)
        validator = new RosterValidator(roster, ruleOptions, collector, breakdown, again)
      }
      const rows = await feed(validator, roster, ruleOptions, options.onProgress && ((n) => options.onProgress?.(n, file)), options.checkerFor)
      infos.push(inputInfo(roster, rows))
      total += rows
    }
    await validator?.finish()
  }
  const report = assembleReport({command: 'validate', asOf: options.asOf, inputs: infos, collector, rows: total})
  const units = breakdown?.build() ?? []
  if (units.length > 0) report.breakdown = units
  return report
}
