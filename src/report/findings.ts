import type {Finding, Report} from './model.js'

// `report.findings` stays an array for whoever reads it (library users, tests, the formats that
// need every finding at once). Behind it, a report assembled from a collector holds a list that
// can be streamed without building that array: the streaming formats read it with findingsOf(),
// and the array is only built when something asks for `report.findings` itself.

/** Findings that can be read in order, as often as needed, without holding them all. */
export interface FindingList extends Iterable<Finding> {
  readonly length: number
  /** Frees what the list keeps outside the heap (spilled runs); it cannot be read afterwards. */
  release(): void
}

/** What the streaming readers accept: the list, or an array when there is one. */
export type Findings = Iterable<Finding> & {readonly length: number}

interface ListedState {
  list: FindingList
  array?: Finding[]
}

const LISTED = Symbol('liushou.findings')

type WithListed = {[LISTED]?: ListedState}

/**
 * Gives `target` a `findings` property (as its next key, so JSON keeps the report's key order)
 * backed by `list`: reading it builds the array once and frees the list; assigning replaces it.
 */
export function defineFindings<T extends object>(target: T, list: FindingList): T & {findings: Finding[]} {
  const state: ListedState = {list}
  Object.defineProperty(target, LISTED, {value: state, enumerable: false})
  Object.defineProperty(target, 'findings', {
    enumerable: true,
    configurable: true,
    get(): Finding[] {
      if (!state.array) {
        state.array = [...state.list]
        state.list.release()
      }
      return state.array
    },
    set(value: Finding[]) {
      state.array = value
      state.list.release()
    },
  })
  return target as T & {findings: Finding[]}
}

/** The report's findings in order, streamed when they were never built as an array. */
export function findingsOf(report: Report): Findings {
  const state = (report as WithListed)[LISTED]
  return state ? (state.array ?? state.list) : report.findings
}

/** Frees the report's spilled findings; call once the report is written. */
export function releaseFindings(report: Report): void {
  const state = (report as WithListed)[LISTED]
  if (state && !state.array) state.list.release()
}

/**
 * A copy of the report whose findings are `fn` of the original's, applied as they are read: a
 * streamed report stays streamed (the original owns the spilled runs; the copy only reads them).
 */
export function mapFindings(report: Report, fn: (f: Finding) => Finding): Report {
  const state = (report as WithListed)[LISTED]
  if (!state || state.array) return {...report, findings: report.findings.map(fn)}
  const out: Record<string, unknown> = {}
  const list: FindingList = {
    get length() {
      return findingsOf(report).length
    },
    *[Symbol.iterator]() {
      for (const f of findingsOf(report)) yield fn(f)
    },
    release() {},
  }
  for (const key of Object.keys(report)) {
    if (key === 'findings') defineFindings(out, list)
    else out[key] = report[key as keyof Report]
  }
  return out as unknown as Report
}
