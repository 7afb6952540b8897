// The two files dedupe writes besides its report, both accounting for every input row:
//
// --assignments: one line per input row, in input order, with the match cluster it belongs to
//   (the child, as decided automatically) and the possible cluster it is under review in.
// --merged: one record per child as decided automatically: a match cluster becomes one row (at
//   its first member's place) holding, field by field, the best value its rows have — from the
//   most complete row, then the most recently reported, then the earliest — with the rows each
//   kept value came from; every other row is written as it is (values in canonical form).
//   Possible clusters are never merged. Columns: the canonical fields any input maps, under
//   their Chinese names, so that liushou reads the file back; unmapped columns are left out.
//   One file for every input, a list of several files too (a department's county workbooks, a
//   folder): a child listed in two counties' workbooks is one merged row, which a roster per
//   input file could not hold. 来源行 names each row `dataset:file:row` in such a list.

import {parseDate} from '../cn/dates.js'
import {analyzeId} from '../cn/id-number.js'
import {checkName} from '../cn/names.js'
import {changedWhileReading} from '../errors.js'
import {type OutputEncoding, createTableWriter} from '../io/write-table.js'
import {normalizeCell} from '../normalize/cells.js'
import type {MaskMode} from '../findings/model.js'
import {FIELDS, FIELD_BY_KEY} from '../schema/fields.js'
import {COMPARISONS} from '../link/comparisons.js'
import {type Roster, type RosterRow, openRoster} from '../schema/roster.js'
import type {DedupeResult} from './dedupe.js'

export const ASSIGNMENT_HEADER = ['dataset', 'file', 'row', 'cluster', 'decision', 'score', 'review_cluster', 'review_score', 'name']

/** Writes --assignments: every input row with its cluster; returns the rows written. */
export async function writeAssignments(file: string, result: DedupeResult, options: {encoding?: OutputEncoding; mask: MaskMode}): Promise<number> {
  const {store, link} = result
  const {clusters, matchOf, possibleOf} = link.clustering
  // Every row with its child's name: personal data, readable by its owner only.
  const writer = await createTableWriter(file, ASSIGNMENT_HEADER, {encoding: options.encoding ?? 'utf8-bom', private: true})
  try {
    for (let i = 0; i < store.size; i++) {
      const d = store.datasets[store.ds[i]!]!
      const file = d.files[store.file[i]!]!
      const m = matchOf[i]!
      const p = possibleOf[i]!
      const match = m >= 0 ? clusters[m] : undefined
      const review = p >= 0 ? clusters[p] : undefined
      await writer.write([
        d.dataset,
        file,
        String(store.row[i]!),
        match?.id ?? '',
        match ? 'match' : review ? 'possible' : 'unique',
        match ? match.score.toFixed(4) : '',
        review?.id ?? '',
        review ? review.score.toFixed(4) : '',
        store.representation.name(i, options.mask),
      ])
    }
  } catch (error) {
    await writer.abort()
    throw error
  }
  await writer.close()
  return writer.rows
}

type Values = Map<string, string>

/** How trustworthy a value is for the merged record: 2 sound, 1 present but doubtful, 0 empty. */
function quality(field: string, value: string): number {
  if (value.trim() === '') return 0
  const kind = FIELD_BY_KEY.get(field)?.kind
  if (kind === 'id') {
    const a = analyzeId(value)
    return a.canonical && !a.problem ? 2 : 1
  }
  if (kind === 'date') {
    const d = parseDate(value)
    return d.kind === 'date' ? 2 : d.kind === 'month' ? 1.5 : 1
  }
  if (kind === 'name') return checkName(value).invalid ? 1 : 2
  return 2
}

interface Merged {
  values: Values
  /** Field → records holding the kept value. */
  sources: Map<string, number[]>
}

/** The best record of a cluster: per field, the soundest value of the best-ranked member. */
function mergeCluster(result: DedupeResult, members: number[], rows: Map<number, Values>, fields: string[]): Merged {
  const s = result.store
  const ranked = [...members].sort((x, y) => s.filled[y]! - s.filled[x]! || s.reportDate[y]! - s.reportDate[x]! || x - y)
  const values: Values = new Map()
  const sources = new Map<string, number[]>()
  for (const field of fields) {
    let best = ''
    let bestQuality = 0
    for (const m of ranked) {
      const v = rows.get(m)?.get(field) ?? ''
      const q = quality(field, v)
      if (q > bestQuality) {
        best = v
        bestQuality = q
      }
    }
    values.set(field, best)
    if (best !== '') sources.set(field, members.filter((m) => rows.get(m)?.get(field) === best))
  }
  return {values, sources}
}

function canonical(field: string, raw: string): string {
  return normalizeCell(field, raw)?.after ?? raw
}

/**
 * The input rows read again, in the order dedupe read them (each list's files one after another),
 * with their record index; a file's roster comes first with `row` undefined. A file that no longer
 * holds the rows the store read is refused.
 */
async function* rowsAgain(result: DedupeResult): AsyncGenerator<{roster: Roster; row: RosterRow | undefined; i: number}> {
  const {store, reads} = result
  for (let d = 0; d < store.datasets.length; d++) {
    const info = store.datasets[d]!
    let i = info.first
    for (let k = 0; k < info.files.length; k++) {
      const file = info.files[k]!
      const roster = await openRoster(file, reads[d]!)
      yield {roster, row: undefined, i}
      for await (const row of roster.rows) {
        if (i >= info.first + info.count || store.row[i] !== row.ref.row || store.file[i] !== k) throw changedWhileReading(file, 'dedupe')
        yield {roster, row, i}
        i++
      }
    }
  }
}

/** Writes --merged: one row per child as decided automatically; returns the rows written. */
export async function writeMerged(file: string, result: DedupeResult, options: {encoding?: OutputEncoding}): Promise<number> {
  const {store, link} = result
  const {clusters, matchOf} = link.clustering

  // Pass 1: the mapped fields of every input, and the values of every match cluster's members.
  const mapped = new Set<string>()
  const kept = new Map<number, Values>()
  for await (const {roster, row, i} of rowsAgain(result)) {
    if (row === undefined) {
      for (const f of roster.fieldIndex.keys()) mapped.add(f)
      continue
    }
    if (matchOf[i]! >= 0) {
      const values: Values = new Map()
      for (const [field, col] of roster.fieldIndex) values.set(field, canonical(field, row.cells[col] ?? ''))
      kept.set(i, values)
    }
  }
  const fields = FIELDS.map((f) => f.key).filter((k) => mapped.has(k))
  const label = (i: number): string => store.label(i)
  const fieldName = (f: string): string => FIELD_BY_KEY.get(f)?.zh ?? f
  const header = ['组号', '来源行', ...fields.map(fieldName), '取值来源']

  // Pass 2: rows in input order; a match cluster's merged record at its first member's place.
  // Merged records hold every value in clear.
  const writer = await createTableWriter(file, header, {encoding: options.encoding ?? 'utf8-bom', private: true})
  try {
    for await (const {roster, row, i} of rowsAgain(result)) {
      if (row === undefined) continue
      const c = matchOf[i]!
      if (c < 0) {
        const own = fields.map((f) => {
          const col = roster.fieldIndex.get(f)
          return col === undefined ? '' : canonical(f, row.cells[col] ?? '')
        })
        await writer.write(['', label(i), ...own, ''])
      } else if (clusters[c]!.members[0] === i) {
        const cluster = clusters[c]!
        const merged = mergeCluster(result, cluster.members, kept, fields)
        const provenance = fields
          .filter((f) => merged.sources.has(f))
          .map((f) => `${fieldName(f)}: ${merged.sources.get(f)!.map(label).join(', ')}`)
          .join('; ')
        await writer.write([cluster.id, cluster.members.map(label).join(', '), ...fields.map((f) => merged.values.get(f) ?? ''), provenance])
      }
    }
  } catch (error) {
    await writer.abort()
    throw error
  }
  await writer.close()
  return writer.rows
}

/** The trained model and the blocking figures, as JSON (--model): how the scores were built. */
export function modelJson(result: DedupeResult): string {
  const {link} = result
  const m = link.model
  const comparisons = COMPARISONS.map((c, k) => ({
    field: c.key,
    levels: c.labels.slice(1).map((level, j) => ({level, m: m.m[k]![j + 1]!, u: m.u[k]![j + 1]!, weight: Math.round(m.weights[k]![j + 1]! * 1000) / 1000})),
  }))
  return `${JSON.stringify(
    {
      records: result.store.size,
      thresholds: link.thresholds,
      blocking: {pairs: link.blocking.pairs, allPairs: link.blocking.allPairs, reduction: link.blocking.reduction, keys: link.blocking.keys},
      prior: {lambda: m.lambda, weight: m.priorWeight, expectedMatches: m.expectedMatches},
      em: m.em,
      u: {sampledPairs: m.sampled, exhaustive: m.exhaustive},
      termFrequency: m.tf,
      comparisons,
      clusters: {
        match: link.clustering.clusters.filter((c) => c.decision === 'match').length,
        possible: link.clustering.clusters.filter((c) => c.decision === 'possible').length,
        guardRefusals: link.clustering.guardRefusals,
        sizeRefusals: link.clustering.sizeRefusals,
      },
    },
    null,
    2,
  )}\n`
}
