import {fieldLabel} from '../schema/fields.js'
import type {FindingInput} from '../findings/collector.js'
import type {Lang, RecordRef, RelatedRef, Severity} from '../findings/model.js'
import {departmentName} from '../schema/dataset-args.js'
import {type XcValues, ageOf, leftBehindReason, registrationStatus} from './values.js'
import type {Subject} from '../findings/subject.js'

// The checks of the XC codes (docs/crosscheck.md), over children already linked: each child is the set of
// rows (on every list) that the linkage engine put in one cluster.

export interface XcRow {
  ref: RecordRef
  dataset: string
  department: string
  values: XcValues
  /** Who the row is (findings/subject.ts), read when a finding needs it; none for tokenized rows. */
  subject?: () => Subject
  /**
   * Rows of other children that hold this row's ID number (the row carries a sibling's or twin's
   * number, or another child carries its own: link/identity.ts), the number's owners first.
   */
  numberSharers?: RecordRef[]
}

export interface XcChild {
  /** Rows of the child on every list, primary first. */
  rows: XcRow[]
  score: number
  /** Departments on whose lists the child has equally good candidates (XC_AMBIGUOUS): not "missing" there. */
  ambiguous?: ReadonlySet<string>
}

export interface ReconcileContext {
  primary: string
  asOf: string
  ageLimit: number
  lang: Lang
  /** Field → department whose value is expected when linked rows disagree. */
  authority: Record<string, string>
  /** Departments that have a list in this run. */
  departments: Set<string>
  emit: (finding: FindingInput) => void
}

// Identity disagreements are errors: one of the two rows names another child. The rest are
// warnings: a school or guardian can change between two lists' dates.
const CONFLICT_FIELDS: [field: keyof XcValues & string, severity: Severity][] = [
  ['idNumber', 'error'],
  ['name', 'error'],
  ['gender', 'error'],
  ['birthDate', 'error'],
  ['regionCode', 'warning'],
  ['school', 'warning'],
  ['guardianName', 'warning'],
]

export {departmentName} from '../schema/dataset-args.js'

function relatedRow(row: XcRow, field?: string): RelatedRef {
  const out: RelatedRef = {...row.ref}
  if (field) {
    out.field = field
    const v = row.values[field as keyof XcValues]
    if (typeof v === 'string' && v !== '') out.value = v
  }
  return out
}

/** Two values disagree when both are given and differ; region codes only where both reach. */
function disagree(field: string, a: string, b: string): boolean {
  if (!a || !b || a === b) return false
  if (field === 'regionCode') {
    const n = Math.min(a.length, b.length)
    return a.slice(0, n) !== b.slice(0, n)
  }
  if (field === 'birthDate' && (a.length === 7 || b.length === 7)) return a.slice(0, 7) !== b.slice(0, 7)
  return true
}

/** Every XC finding of one child on the primary list. */
export function reconcilePrimaryChild(child: XcChild, ctx: ReconcileContext): void {
  const primaryRows = child.rows.filter((r) => r.dataset === ctx.primary)
  if (primaryRows.length === 0) return
  const others = child.rows.filter((r) => r.dataset !== ctx.primary)
  const ofDepartment = (d: string) => others.filter((r) => r.department === d)
  const registered = ofDepartment('public-security')
  const enrolled = ofDepartment('education')

  // One child under two reporting units or villages of the primary list.
  if (primaryRows.length > 1) {
    const places = new Set(primaryRows.map((r) => `${r.values.reportingUnit}|${r.values.regionCode}|${r.values.village}`))
    if (places.size > 1) {
      for (const r of primaryRows) {
        ctx.emit({
          code: 'XC_DUPLICATE_REGISTRATION',
          ref: r.ref,
          subject: r.subject,
          field: 'reportingUnit',
          value: r.values.reportingUnit || r.values.village || r.values.regionCode,
          params: {count: primaryRows.length},
          related: primaryRows.filter((o) => o !== r).map((o) => relatedRow(o, o.values.reportingUnit ? 'reportingUnit' : 'village')),
        })
      }
    }
  }

  let deceased = false
  for (const r of primaryRows) {
    if (ctx.departments.has('public-security') && registered.length === 0 && !child.ambiguous?.has('public-security')) {
      ctx.emit({code: 'XC_NOT_REGISTERED', ref: r.ref,
          subject: r.subject, field: 'idNumber', value: r.values.idNumber})
    }
    for (const ps of registered) {
      const status = registrationStatus(ps.values)
      if (status === 'deceased') {
        deceased = true
        ctx.emit({code: 'XC_DECEASED', ref: r.ref,
          subject: r.subject, field: 'status', value: ps.values.status || ps.values.statusReason, related: [relatedRow(ps, 'status')]})
        break
      }
      if (status === 'moved-out') {
        ctx.emit({code: 'XC_MOVED_OUT', ref: r.ref,
          subject: r.subject, field: 'status', value: ps.values.status || ps.values.statusReason, related: [relatedRow(ps, 'status')]})
        break
      }
    }
    const age = ageOf(r.values, ctx.asOf)
    const enrolmentUnknown = enrolled.length === 0 && child.ambiguous?.has('education')
    if (!deceased && !enrolmentUnknown && ctx.departments.has('education') && enrolled.length === 0 && age !== undefined && age >= 6 && age <= 15) {
      ctx.emit({code: 'XC_NOT_ENROLLED', ref: r.ref,
          subject: r.subject, field: 'schoolStatus', ...(r.values.schoolStatus ? {value: r.values.schoolStatus} : {}), params: {age}})
    }
  }
  for (const [field, severity] of CONFLICT_FIELDS) conflicts(child, field, severity, ctx)
}

/**
 * XC_FIELD_CONFLICT of one child on one field: a finding on each row whose value differs from the
 * authoritative department's (`expected` its value, `related` its row, the message naming it);
 * where no row of the authority holds the field, on each other list's row that differs from the
 * primary list's value. Rows of the department whose value is expected are not judged (its own
 * duplicates are dedupe's matter). An ID number conflict also names the rows of other children
 * that hold the row's number (the number's owner, when the row carries another child's).
 */
function conflicts(child: XcChild, field: keyof XcValues & string, severity: Severity, ctx: ReconcileContext): void {
  const valueOf = (o: XcRow): string => {
    const v = o.values[field]
    return typeof v === 'string' ? v : ''
  }
  const authority = ctx.authority[field]
  const reference = child.rows.find((r) => r.department === authority && valueOf(r) !== '') ?? child.rows.find((r) => r.dataset === ctx.primary && valueOf(r) !== '')
  if (reference === undefined) return
  const expected = valueOf(reference)
  const judged = (r: XcRow): boolean => (reference.department === authority ? r.department !== authority : r.dataset !== ctx.primary)
  for (const r of child.rows) {
    const mine = valueOf(r)
    if (!judged(r) || mine === '' || !disagree(field, mine, expected)) continue
    const related = [relatedRow(reference, field)]
    if (field === 'idNumber') for (const other of r.numberSharers ?? []) related.push({...other, field})
    ctx.emit({
      code: 'XC_FIELD_CONFLICT',
      ref: r.ref,
      subject: r.subject,
      severity,
      field,
      value: mine,
      expected,
      params: {department: departmentName(reference.department, ctx.lang), authority: departmentName(reference.department, ctx.lang), field: fieldLabel(field, ctx.lang)},
      related,
    })
  }
}

/** XC_UNLISTED: a child of another list, flagged left-behind, on no row of the primary list. */
export function reconcileUnlisted(child: XcChild, ctx: ReconcileContext, elsewhere: RecordRef[] = []): void {
  if (child.rows.some((r) => r.dataset === ctx.primary)) return
  for (const r of child.rows) {
    const reason = leftBehindReason(r.values, ctx.lang)
    if (!reason) continue
    const age = ageOf(r.values, ctx.asOf)
    if (age !== undefined && (age < 0 || age >= ctx.ageLimit)) continue
    if (child.rows.some((o) => o.department === 'public-security' && registrationStatus(o.values) === 'deceased')) continue
    const field = r.values.leftBehind === '是' ? 'leftBehind' : 'fatherStatus'
    ctx.emit({
      code: 'XC_UNLISTED',
      ref: r.ref,
          subject: r.subject,
      field,
      ...(r.values[field] ? {value: r.values[field]} : {}),
      params: {department: departmentName(r.department, ctx.lang), reason},
      related: [...child.rows.filter((o) => o !== r).map((o) => relatedRow(o)), ...elsewhere],
    })
  }
}
