import {maskName, maskValue, maskVillage, scrubText} from '../mask.js'
import type {MaskMode} from '../types.js'
import type {ChildFile, Finding, RelatedRef, Report} from './model.js'
import {mapFindings} from './report-findings.js'

// Masking happens once, on the finished report, so no formatter can forget it (src/mask.ts holds
// the primitives). With --mask all the child's name and village go too; the town stays.

export {maskAddress, maskId, maskName, maskPhone, maskValue, maskVillage, scrubText} from '../mask.js'

function maskRelated(related: RelatedRef, mode: MaskMode): RelatedRef {
  if (related.value === undefined) return related
  return {...related, value: maskValue(related.field, related.value, mode)}
}

export function maskFinding(finding: Finding, mode: MaskMode): Finding {
  if (mode === 'none') return finding
  const out: Finding = {...finding, message: scrubText(finding.message)}
  if (finding.hint !== undefined) out.hint = scrubText(finding.hint)
  if (finding.value !== undefined) out.value = maskValue(finding.field, finding.value, mode)
  if (finding.expected !== undefined) out.expected = maskValue(finding.field, finding.expected, mode)
  if (finding.related) out.related = finding.related.map((r) => maskRelated(r, mode))
  // Who and where come from the row's cells as written: an ID or a phone typed there is masked
  // like any free text, and with --mask all the name and the village go too.
  if (finding.name !== undefined) out.name = mode === 'all' ? maskName(scrubText(finding.name)) : scrubText(finding.name)
  if (finding.town !== undefined) out.town = scrubText(finding.town)
  if (finding.village !== undefined) out.village = mode === 'all' ? maskVillage(finding.village) : scrubText(finding.village)
  return out
}

/**
 * A child's file (registry child): every cell of every snapshot row, masked by its canonical field
 * where the header has one, and as free text (IDs and phones) where it has none.
 */
export function maskChildFile(child: ChildFile, mode: MaskMode): ChildFile {
  if (mode === 'none') return child
  const cell = (field: string | undefined, value: string) => (field ? maskValue(field, value, mode) : scrubText(value))
  return {
    ...child,
    rows: child.rows.map((r) => ({...r, cells: Object.fromEntries(Object.entries(r.cells).map(([h, v]) => [h, cell(r.fields?.[h], v)]))})),
    changes: child.changes.map((c) => ({...c, before: cell(c.field, c.before), after: cell(c.field, c.after)})),
  }
}

/** The report with its findings masked; a streamed report's findings are masked as they are read. */
export function maskReport(report: Report, mode: MaskMode): Report {
  if (mode === 'none') return report
  const masked = mapFindings(report, (f) => maskFinding(f, mode))
  return masked.child ? {...masked, child: maskChildFile(masked.child, mode)} : masked
}
