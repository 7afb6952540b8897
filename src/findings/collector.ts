import {codeDefinition, fillTemplate} from './codes/validate.js'
import {fieldLabel} from '../schema/fields.js'
import {detach} from '../strings.js'
import {clipValue} from './clip.js'
import {type SpillLimits, type SpillOrder, SpillStore} from './spill-store.js'
import type {FindingList} from './report-findings.js'
import type {Finding, Lang, RecordRef, RelatedRef, Severity, Summary} from './model.js'

export interface FindingInput {
  code: string
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
}

export interface CollectorOptions {
  lang: Lang
  /** Infos are counted always but listed only on request (SPEC: so they do not bury errors). */
  includeInfo: boolean
  severityOverrides?: Record<string, Severity>
  /** Sees every finding, listed or not (for per-unit counts). */
  onFinding?: (ref: RecordRef, code: string) => void
  /** When listed findings go to disk instead of memory (tests inject small limits). */
  spill?: SpillLimits
}

// Listed findings sort by dataset (input order), then row. What one costs on the heap, roughly:
// the object and its strings, two bytes a character (dataset, file, code and field are shared by
// every finding of a file, so not counted).
const FINDING_ORDER: SpillOrder<Finding> = {
  group: (f) => f.dataset,
  position: (f) => f.row,
  bytes(f) {
    let n = 200 + 2 * (f.message.length + (f.hint?.length ?? 0) + (f.value?.length ?? 0) + (f.expected?.length ?? 0))
    if (f.related) for (const r of f.related) n += 96 + 2 * (r.value?.length ?? 0)
    return n
  },
}

/** Gathers findings from every rule, counting all of them and keeping the ones to list. */
export class FindingCollector {
  private readonly listed: SpillStore<Finding>
  private readonly byCode: Record<string, number> = {}
  private readonly counts = {errors: 0, warnings: 0, infos: 0}

  constructor(private readonly options: CollectorOptions) {
    this.listed = new SpillStore(FINDING_ORDER, options.spill)
  }

  add(input: FindingInput): void {
    const def = codeDefinition(input.code)
    const severity = this.options.severityOverrides?.[input.code] ?? input.severity ?? def.severity
    const params = {field: input.field === undefined ? undefined : fieldLabel(input.field, this.options.lang), ...input.params}
    this.byCode[input.code] = (this.byCode[input.code] ?? 0) + 1
    this.options.onFinding?.(input.ref, input.code)
    if (severity === 'error') this.counts.errors++
    else if (severity === 'warning') this.counts.warnings++
    else this.counts.infos++
    if (severity === 'info' && !this.options.includeInfo) return

    const lang = this.options.lang
    const finding: Finding = {
      dataset: input.ref.dataset,
      file: input.ref.file,
      row: input.ref.row,
      code: input.code,
      severity,
      message: fillTemplate(def.message[lang], params),
      hint: fillTemplate(def.hint[lang], {expected: input.expected, ...params}),
    }
    if (input.field !== undefined) finding.field = input.field
    if (input.column !== undefined) finding.column = input.column
    if (input.value !== undefined) finding.value = this.keep(input.value)
    if (input.expected !== undefined) finding.expected = this.keep(input.expected)
    if (input.related && input.related.length > 0) {
      finding.related = input.related.map((r) => (r.value === undefined ? r : {...r, value: this.keep(r.value)}))
    }
    this.listed.add(finding)
  }

  /** A cell's text as a finding keeps it: clipped, and not sharing memory with the block it came from. */
  private keep(value: string): string {
    return detach(clipValue(value, this.options.lang))
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
    return {rows, findings: errors + warnings + infos, errors, warnings, infos, byCode: {...this.byCode}}
  }
}
