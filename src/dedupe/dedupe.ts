// `liushou dedupe`: every record of the same child, within and across the files given. The files
// are read into one record store, linked by the engine of src/link (blocking, comparisons,
// Fellegi–Sunter weights learnt by EM, guarded clustering), and the clusters become the report:
// `clusters` with their per-pair evidence (levels and weights, never values), DUP_MATCH on every
// member of a match cluster but its first row, DUP_POSSIBLE on every member of a possible one,
// DUP_ID_NOT_OWN on a row that holds another child's ID number (link/identity.ts).
// No row is ever dropped: every row is a record, and --assignments / --merged account for each.

import {fitText} from '../link/identity.js'
import {type LinkPhase, type LinkResult, edgeFields, linkStore} from '../link/link.js'
import {RosterLoader} from '../link/load.js'
import {RecordStore, fileLabel} from '../link/records.js'
import type {CommonOptions} from '../options.js'
import {assembleReport} from '../findings/assemble.js'
import {FindingCollector} from '../findings/collector.js'
import type {Cluster, InputInfo, Lang, RecordRef, Report} from '../findings/model.js'
import {type RosterInput, datasetNameOf, filesOf} from '../schema/dataset-lists.js'
import type {RosterOptions} from '../schema/roster.js'

/**
 * An input of dedupe: one file, or a list of several (a department's workbooks, a folder) read as
 * one dataset (schema/dataset-lists.ts).
 */
export type DedupeInput = RosterInput

export interface DedupeOptions extends CommonOptions {
  /** Match probability from which a pair is the same child (default 0.95). */
  match?: number
  /** Match probability from which a pair is shown for review (default 0.60). */
  possible?: number
  onProgress?: (phase: LinkPhase | 'reading', done: number, total?: number, subject?: string) => void
  /** Tokenized inputs that kept different things in clear (one line each): they link on less. */
  onWarning?: (message: string) => void
}

export interface DedupeResult {
  report: Report
  store: RecordStore
  link: LinkResult
  /** How each input's files were opened (to read them again for --merged): one entry an input. */
  reads: RosterOptions[]
  inputs: DedupeInput[]
}

/** Related rows named in one finding (a long chain of rows would make the report quadratic). */
export const MAX_RELATED = 50

/**
 * How a finding names another row: its row number in the same file, `file:row` in another file of
 * the same dataset (a list of several files), `dataset:row` in another dataset.
 */
export function rowName(ref: RecordRef, other: RecordRef): string {
  if (other.dataset !== ref.dataset) return `${other.dataset}:${other.row}`
  return other.file === ref.file ? String(other.row) : `${fileLabel(other.file)}:${other.row}`
}

const percent = (p: number): string => `${(Math.floor(p * 10000) / 100).toFixed(2)}%`

/** The report's clusters: members as references, evidence as levels and weights. */
export function reportClusters(store: RecordStore, link: LinkResult): Cluster[] {
  return link.clustering.clusters.map((c) => {
    const position = new Map(c.members.map((m, i) => [m, i]))
    return {
      id: c.id,
      decision: c.decision,
      score: Math.floor(c.score * 10000) / 10000,
      members: c.members.map((m) => store.ref(m)),
      evidence: c.edges.map((e) => {
        const edge = link.edges.at(e)
        const [a, b] = [position.get(edge.a)!, position.get(edge.b)!].sort((x, y) => x - y) as [number, number]
        return {a, b, score: Math.floor(edge.probability * 10000) / 10000, fields: edgeFields(link.model, edge)}
      }),
    }
  })
}

/** Reads the files, links their records and builds the report. */
export async function dedupeFiles(inputs: DedupeInput[], options: DedupeOptions): Promise<DedupeResult> {
  const store = new RecordStore()
  const infos: InputInfo[] = []
  const reads: RosterOptions[] = []
  const loader = new RosterLoader(store, options)
  for (const input of inputs) {
    // A list of several files is one dataset: named as given, else after its first file.
    const read: RosterOptions = {dataset: filesOf(input).length > 1 ? datasetNameOf(input) : input.dataset, department: input.department, encoding: options.encoding, sheet: options.sheet, columns: options.columns}
    const first = filesOf(input)[0]!
    options.onProgress?.('reading', 0, undefined, first)
    const list = await loader.loadList({files: filesOf(input), ...(read.dataset ? {dataset: read.dataset} : {}), ...(input.department ? {department: input.department} : {})}, undefined, (n) => options.onProgress?.('reading', n, undefined, first))
    for (const f of list.files) infos.push(f.info)
    reads.push(read)
  }
  for (const w of loader.warnings) options.onWarning?.(w)

  const linkOptions: Parameters<typeof linkStore>[1] = {onProgress: (phase, done, total) => options.onProgress?.(phase, done, total)}
  if (options.match !== undefined) linkOptions.match = options.match
  if (options.possible !== undefined) linkOptions.possible = options.possible
  const link = linkStore(store, linkOptions)

  const collector = new FindingCollector({lang: options.lang, includeInfo: options.includeInfo, states: options.states})
  for (const d of store.datasets) collector.registerDataset(d.dataset, d.department, d.files)
  for (const c of link.clustering.clusters) {
    const refs = c.members.map((m) => store.ref(m))
    const score = percent(c.score)
    const others = (self: number) => refs.filter((_, j) => j !== self).slice(0, MAX_RELATED)
    if (c.decision === 'match') {
      const first = refs[0]!
      for (let j = 1; j < refs.length; j++) {
        const ref = refs[j]!
        const firstRow = rowName(ref, first)
        collector.add({code: 'DUP_MATCH', ref, value: c.id, related: others(j), params: {cluster: c.id, size: refs.length, score, first: firstRow}, subject: () => store.representation.subject(c.members[j]!)})
      }
    } else {
      for (let j = 0; j < refs.length; j++) {
        collector.add({code: 'DUP_POSSIBLE', ref: refs[j]!, value: c.id, related: others(j), params: {cluster: c.id, others: refs.length - 1, score}, subject: () => store.representation.subject(c.members[j]!)})
      }
    }
  }
  addNotOwn(store, link, collector, options.lang)
  const report = assembleReport({command: 'dedupe', asOf: options.asOf, inputs: infos, collector, rows: store.size})
  report.clusters = reportClusters(store, link)
  return {report, store, link, reads, inputs}
}

/**
 * DUP_ID_NOT_OWN on each row holding another child's number: its own birth date or sex
 * contradicts the number, and a row with another child's name holds it too (`related`: the rows
 * the number fits, else the others that hold it). The rows are never in one cluster.
 */
function addNotOwn(store: RecordStore, link: LinkResult, collector: FindingCollector, lang: Lang): void {
  for (const n of link.identity.notOwnNumbers()) {
    const ref = store.ref(n.record)
    const rowOf = (m: number): string => rowName(ref, store.ref(m))
    const rows = (list: readonly number[]): string => list.slice(0, MAX_RELATED).map(rowOf).join(lang === 'zh' ? '、' : ', ')
    const where =
      n.owners.length > 0
        ? lang === 'zh'
          ? `该号码与第 ${rows(n.owners)} 行相符`
          : `which fits row ${rows(n.owners)}`
        : lang === 'zh'
          ? `第 ${rows(n.sharers)} 行也登记了该号码，同样不符`
          : `and row ${rows(n.sharers)} holds it too, just as unfit`
    const finding: Parameters<FindingCollector['add']>[0] = {
      code: 'DUP_ID_NOT_OWN',
      ref,
      field: 'idNumber',
      related: n.sharers.slice(0, MAX_RELATED).map((m) => store.ref(m)),
      params: {what: fitText(n.fit, lang), where},
      subject: () => store.representation.subject(n.record),
    }
    // The number the row holds (masked per --mask when the report is rendered); tokenized rows hold none in clear.
    if (store.representation.inClear) finding.value = store.representation.shownValue(n.record, 'idNumber', 'none')
    collector.add(finding)
  }
}
