import {type Listed, type StreamList, copyWith, defineListed, listedOf, releaseListed} from './listed.js'
import type {Finding, Report} from './model.js'

// `report.findings` stays an array for whoever reads it; a report assembled from a collector holds
// a list behind it that the streaming formats read with findingsOf() (see listed.ts).

/** Findings that can be read in order, as often as needed, without holding them all. */
export type FindingList = StreamList<Finding>

/** What the streaming readers accept: the list, or an array when there is one. */
export type Findings = Listed<Finding>

/** Gives `target` a `findings` property backed by `list` (see listed.ts defineListed). */
export function defineFindings<T extends object>(target: T, list: FindingList): T & {findings: Finding[]} {
  return defineListed(target, 'findings', list)
}

/** The report's findings in order, streamed when they were never built as an array. */
export function findingsOf(report: Report): Findings {
  return listedOf<Finding>(report, 'findings') ?? []
}

/** Frees the report's spilled findings; call once the report is written. */
export function releaseFindings(report: Report): void {
  releaseListed(report, 'findings')
}

/**
 * A copy of the report whose findings are `fn` of the original's, applied as they are read: a
 * streamed report stays streamed (the original owns the spilled runs; the copy only reads them).
 */
export function mapFindings(report: Report, fn: (f: Finding) => Finding): Report {
  const list: FindingList = {
    get length() {
      return findingsOf(report).length
    },
    *[Symbol.iterator]() {
      for (const f of findingsOf(report)) yield fn(f)
    },
    release() {},
  }
  return copyWith(report, 'findings', (out) => defineFindings(out, list))
}
