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

function related(row: XcRow, field?: string): RelatedRef {
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
          related: primaryRows.filter((o) => o !== r).map((o) => related(o, o.values.reportingUnit ? 'reportingUnit' : 'village')),
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
          subject: r.subject, field: 'status', value: ps.values.status || ps.values.statusReason, related: [related(ps, 'status')]})
        break
      }
      if (status === 'moved-out') {
        ctx.emit({code: 'XC_MOVED_OUT', ref: r.ref,
          subject: r.subject, field: 'status', value: ps.values.status || ps.values.statusReason, related: [related(ps, 'status')]})
        break
      }
    }
    const age = ageOf(r.values, ctx.asOf)
    const enrolmentUnknown = enrolled.length === 0 && child.ambiguous?.has('education')
    if (!deceased && !enrolmentUnknown && ctx.departments.has('education') && enrolled.length === 0 && age !== undefined && age >= 6 && age <= 15) {
      ctx.emit({code: 'XC_NOT_ENROLLED', ref: r.ref,
          subject: r.subject, field: 'schoolStatus', ...(r.values.schoolStatus ? {value: r.values.schoolStatus} : {}), params: {age}})
    }
    for (const [field, severity] of CONFLICT_FIELDS) conflict(r, others, field, severity, ctx)
  }
}

/**
 * XC_FIELD_CONFLICT on a primary row: the first other list that disagrees, the authoritative
 * department first. `expected` is always the authority's value when the authority's list holds
 * one: when it disagrees with the primary row, `value` is the row's own; when it agrees and a third
 * list disagrees, `value` is that list's (the odd one) and `expected` the value the row and the
 * authority share. Without the authority, the disagreeing list's value is expected.
 */
function conflict(r: XcRow, others: XcRow[], field: keyof XcValues & string, severity: Severity, ctx: ReconcileContext): void {
  const mine = r.values[field]
  if (typeof mine !== 'string' || mine === '') return
  const authority = ctx.authority[field]
  const valueOf = (o: XcRow): string => {
    const v = o.values[field]
    return typeof v === 'string' ? v : ''
  }
  const ranked = others.filter((o) => o.department !== r.department && valueOf(o) !== '')
  ranked.sort((a, b) => Number(b.department === authority) - Number(a.department === authority))
  const reference = ranked[0]?.department === authority ? ranked[0] : undefined
  for (const other of ranked) {
    const theirs = valueOf(other)
    if (!disagree(field, mine, theirs)) continue
    const odd = reference !== undefined && other !== reference
    const expectedFrom = odd ? reference : other
    ctx.emit({
      code: 'XC_FIELD_CONFLICT',
      ref: r.ref,
          subject: r.subject,
      severity,
      field,
      value: odd ? theirs : mine,
      expected: odd ? valueOf(reference) : theirs,
      params: {department: departmentName(other.department, ctx.lang), authority: departmentName(expectedFrom.department, ctx.lang), field: fieldLabel(field, ctx.lang)},
      related: odd ? [related(other, field), related(reference, field)] : [related(other, field)],
    })
    return
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
      related: [...child.rows.filter((o) => o !== r).map((o) => related(o)), ...elsewhere],
    })
  }
}
