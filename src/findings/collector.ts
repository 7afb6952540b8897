import {fieldLabel} from '../schema/fields.js'
import {detach} from '../strings.js'
import {clipValue} from './clip.js'
import {CODES, type FindingCode, fillTemplate} from './codes.js'
import {FingerprintCounter, fingerprintDepartment} from './fingerprint.js'
import type {FindingList} from './report-findings.js'
import type {Finding, FindingState, Lang, RecordRef, RelatedRef, Severity, Summary} from './model.js'
import {type SpillLimits, type SpillOrder, SpillStore} from './spill-store.js'
import type {FindingStates} from './states.js'
import type {Subject} from './subject.js'

export interface FindingInput {
  code: FindingCode
  ref: RecordRef
  field?: string
  column?: string
  value?: string
  expected?: string
  related?: RelatedRef[]
  /** Non-personal values for the message and hint templates. */
  params?: Record<string, string | number | undefined>
  /** For codes whose severity depends on the case (XC_FIELD_CONFLICT: error or warning). */
  severity?: Severity
  /**
   * Who the row is about (subject.ts): the fingerprint's key, and the name and place shown with
   * the finding. A function is called only when the finding needs it (an unlisted info does not).
   * Without one the finding is keyed by its dataset and row.
   */
  subject?: Subject | (() => Subject | undefined)
  /** A state decided by the caller (the registry); otherwise the exceptions and baseline decide. */
  state?: FindingState
  childId?: string
  firstSeen?: string
}

export interface CollectorOptions {
  lang: Lang
  /** Infos are counted always but listed only on request (so that they do not bury errors). */
  includeInfo: boolean
  /** List waived and resolved findings (default: as `includeInfo`; diff and risk list infos always, not these). */
  listSettled?: boolean
  severityOverrides?: Record<string, Severity>
  /** Sees every finding, listed or not (for per-unit counts). */
  onFinding?: (ref: RecordRef, code: FindingCode) => void
  /** When listed findings go to disk instead of memory (tests inject small limits). */
  spill?: SpillLimits
  /** --exceptions and --baseline: the states they give. */
  states?: FindingStates
}

// Listed findings sort by dataset (input order), then file (a dataset given as several files: in
// reading order, registerDataset), then row. What one costs on the heap, roughly:
// the object and its strings, two bytes a character (dataset, file, code, field and the place
// names are shared by every finding of a file or a village, so not counted).
/** Rows of one file come before the next file's: a file's rank times this, plus the row. */
const FILE_SPAN = 2 ** 32

const findingOrder = (fileRank: ReadonlyMap<string, number>): SpillOrder<Finding> => ({
  group: (f) => f.dataset,
  position: (f) => (fileRank.get(`${f.dataset}\u0000${f.file}`) ?? 0) * FILE_SPAN + f.row,
  bytes(f) {
    let n = 240 + 2 * (f.message.length + (f.hint?.length ?? 0) + (f.value?.length ?? 0) + (f.expected?.length ?? 0) + (f.name?.length ?? 0))
    if (f.related) for (const r of f.related) n += 96 + 2 * (r.value?.length ?? 0)
    return n
  },
})

type Counts = {errors: number; warnings: number; infos: number}
const countKey = (s: Severity): keyof Counts => (s === 'error' ? 'errors' : s === 'warning' ? 'warnings' : 'infos')

/** Gathers findings from every rule, counting all of them and keeping the ones to list. */
export class FindingCollector {
  private readonly listed: SpillStore<Finding>
  private readonly byCode: Record<string, number> = {}
  private readonly counts: Counts = {errors: 0, warnings: 0, infos: 0}
  private readonly byState = new Map<FindingState, Counts>()
  private readonly fingerprints = new FingerprintCounter()
  private readonly departments = new Map<string, string>()
  /** `dataset\0file` → the file's place in its dataset's reading order (datasets of several files only). */
  private readonly fileRank = new Map<string, number>()

  constructor(private readonly options: CollectorOptions) {
    this.listed = new SpillStore(findingOrder(this.fileRank), options.spill)
  }

  /** Names the department of a dataset (its findings' fingerprints carry it); `other` when never named. */
  /**
   * A dataset of the run, with its department; with its files when it has several (a department
   * given as several files), so that its findings list file by file in reading order.
   */
  registerDataset(dataset: string, department: string | undefined, files?: readonly string[]): void {
    if (department) this.departments.set(dataset, department)
    if (files && files.length > 1) files.forEach((file, k) => this.fileRank.set(`${dataset}\u0000${file}`, k))
  }

  get states(): FindingStates | undefined {
    return this.options.states
  }

  add(input: FindingInput): void {
    const def = CODES[input.code]
    const severity = this.options.severityOverrides?.[input.code] ?? input.severity ?? def.severity
    this.byCode[input.code] = (this.byCode[input.code] ?? 0) + 1
    this.options.onFinding?.(input.ref, input.code)
    this.counts[countKey(severity)]++
    const shown = severity !== 'info' || this.options.includeInfo
    // A fingerprint is worth its two hashes only where someone reads it: a listed finding, or one
    // whose state the exceptions or the baseline decide (its count splits by state).
    if (!shown && !this.options.states && input.state === undefined) return

    const subject = typeof input.subject === 'function' ? input.subject() : input.subject
    const {dataset, file, row} = input.ref
    const key = subject?.key ? subject.key : `${dataset}|${row}`
    const fingerprint = this.fingerprints.next(input.code, input.field ?? '', fingerprintDepartment(this.departments.get(dataset)), key)
    const state = input.state ?? this.options.states?.stateOf(fingerprint)
    if (state !== undefined) {
      let split = this.byState.get(state)
      if (!split) this.byState.set(state, (split = {errors: 0, warnings: 0, infos: 0}))
      split[countKey(severity)]++
    }
    // Waived and resolved findings are settled: listed only on request, as infos are.
    const listed = state === 'waived' || state === 'resolved' ? (this.options.listSettled ?? this.options.includeInfo) : shown
    if (!listed) return

    const lang = this.options.lang
    const params = {field: input.field === undefined ? undefined : fieldLabel(input.field, lang), ...input.params}
    const finding: Finding = {
      dataset,
      file,
      row,
      code: input.code,
      severity,
      message: fillTemplate(def.message[lang], params),
      hint: fillTemplate(def.hint[lang], {expected: input.expected, ...params}),
      fingerprint,
    }
    if (input.field !== undefined) finding.field = input.field
    if (input.column !== undefined) finding.column = input.column
    if (input.value !== undefined) finding.value = this.keep(input.value)
    if (input.expected !== undefined) finding.expected = this.keep(input.expected)
    if (input.related && input.related.length > 0) {
      finding.related = input.related.map((r) => (r.value === undefined ? r : {...r, value: this.keep(r.value)}))
    }
    if (subject?.name !== undefined) finding.name = subject.name
    if (subject?.town !== undefined) finding.town = subject.town
    if (subject?.village !== undefined) finding.village = subject.village
    if (state !== undefined) finding.state = state
    if (input.childId !== undefined) finding.childId = input.childId
    if (input.firstSeen !== undefined) finding.firstSeen = input.firstSeen
    this.listed.add(finding)
  }

  /** A cell's text as a finding keeps it: clipped, and not sharing memory with the block it came from. */
  private keep(value: string): string {
    return detach(clipValue(value, this.options.lang))
  }

  /**
   * EXCEPTION_STALE for every exception no finding matched, on the exceptions file at its line.
   * Called once every finding is in; returns the dataset they sit on (to list after the inputs).
   */
  addStaleExceptions(): string | undefined {
    const states = this.options.states
    const file = states?.exceptionsFile
    if (!states || file === undefined) return undefined
    const stale = states.stale()
    const dataset = 'exceptions'
    for (const e of stale) {
      this.add({code: 'EXCEPTION_STALE', ref: {dataset, file, row: e.line}, value: e.fingerprint, params: {code: e.code ?? '', fingerprint: e.fingerprint}})
    }
    return stale.length > 0 ? dataset : undefined
  }

  /** Listed findings in input order, then row order (stable within a row). */
  findings(datasetOrder: string[]): Finding[] {
    return [...this.list(datasetOrder)]
  }

  /** The same, streamed: held in memory up to a limit, the rest spilled to disk and merged back. */
  list(datasetOrder: string[]): FindingList {
    const store = this.listed
    return {
      get length() {
        return store.length
      },
      [Symbol.iterator]: () => store.iterate(datasetOrder),
      release: () => store.release(),
    }
  }

  summary(rows: number): Summary {
    const {errors, warnings, infos} = this.counts
    const summary: Summary = {rows, findings: errors + warnings + infos, errors, warnings, infos, byCode: {...this.byCode}}
    if (this.byState.size > 0) summary.byState = Object.fromEntries(this.byState)
    return summary
  }
}
