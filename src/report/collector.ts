import {codeDefinition, fillTemplate} from '../rules/codes.js'
import {fieldLabel} from '../schema/fields.js'
import {detach} from '../strings.js'
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
}

/** Gathers findings from every rule, counting all of them and keeping the ones to list. */
export class FindingCollector {
  private readonly listed: Finding[] = []
  private readonly byCode: Record<string, number> = {}
  private readonly counts = {errors: 0, warnings: 0, infos: 0}

  constructor(private readonly options: CollectorOptions) {}

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
    if (input.value !== undefined) finding.value = detach(input.value)
    if (input.expected !== undefined) finding.expected = detach(input.expected)
    if (input.related && input.related.length > 0) {
      finding.related = input.related.map((r) => (r.value === undefined ? r : {...r, value: detach(r.value)}))
    }
    this.listed.push(finding)
  }

  /** Listed findings in input order, then row order (stable within a row). */
  findings(datasetOrder: string[]): Finding[] {
    const rank = new Map(datasetOrder.map((d, i) => [d, i]))
    return this.listed
      .map((f, i) => ({f, i}))
      .sort((x, y) => (rank.get(x.f.dataset) ?? 0) - (rank.get(y.f.dataset) ?? 0) || x.f.row - y.f.row || x.i - y.i)
      .map(({f}) => f)
  }

  summary(rows: number): Summary {
    const {errors, warnings, infos} = this.counts
    return {rows, findings: errors + warnings + infos, errors, warnings, infos, byCode: {...this.byCode}}
  }
}
