import {keyHashes} from '../link/blocking.js'
import {type LinkPhase, linkStore} from '../link/link.js'
import type {LinkModel} from '../link/model.js'
import {type LoadedRow, RosterLoader, cellAt} from '../link/load.js'
import {type PlainRecords, plainRecords} from '../link/plain/plain.js'
import {type RecordValues, linkedRegionCode} from '../link/plain/columns.js'
import {RecordStore} from '../link/records.js'
import type {Roster, RosterRow} from '../schema/roster.js'
import {UserError, changedWhileReading} from '../errors.js'
import {countyCodeOfUnit} from '../cn/unit-county.js'
import type {RegistryReader} from './reader.js'
import type {PhaseMark} from './timing.js'
import {LINK_FIELDS} from './exact.js'
import {KeyLists, type LinkageState, type LinkageUpdate, RELEARN_SHARE} from './linkage.js'
import type {ChildRecord} from './types.js'

// Who each new row is, against the children the registry already knows (incremental linkage: the
// registry's children are never re-decided, only the new rows are placed). The registry's records
// — each child's latest row on each department's list: all of them in a full linkage, else only
// the children sharing a kept key hash with a new row, scored by the kept model (linkage.ts) —
// and the new rows that exact placement left (exact.ts; the others are last month's rows, whose
// child is known) go into one linkage run;
// a new row in a match cluster with exactly one registered child is that child; with none, a new
// child (its duplicate rows in the cluster share the number); with two or more, or only a possible
// link to one, it cannot be placed with confidence: a new number and REG_UNCERTAIN, never a merge.

export interface Placement {
  /** The registered child, when the row is one. */
  childId?: string
  /** Rows placed together as one new child share a group (the cluster). */
  group?: number
  /** The candidates when the row could not be placed with confidence. */
  candidates?: RegisteredRow[]
  /** County code for a new child number: the row's region code, else its reporting unit's county, else its ID's first six digits. */
  county?: string
}

/** Where a registered child's record is: all that placing needs once its values are in the store. */
export type RegisteredRow = Pick<ChildRecord, 'childId' | 'department' | 'file' | 'row'>

export interface NewList {
  department: string
  files: readonly string[]
  /** Opens one of its files to read (only when some row is left to linkage). */
  open(file: string): Promise<Roster>
}

export interface Assignment {
  /** Per new list, per roster (file), placements in row order. */
  placements: Placement[][][]
  /** What the linkage leaves for the registry's index, once the rows have their numbers (none when every row was placed exactly). */
  linkage?: LinkageUpdate
}

function recordValues(record: ChildRecord, row: number): RecordValues {
  const c = record.canonical
  const phones = [c.guardianPhone, c.phone, c.fatherPhone, c.motherPhone].filter((p): p is string => Boolean(p))
  return {
    row,
    name: c.name,
    idNumber: c.idNumber,
    birthDate: c.birthDate,
    gender: c.gender,
    regionCode: c.regionCode,
    county: c.county,
    town: c.town,
    village: c.village,
    guardianName: c.guardianName,
    guardianIdNumber: c.guardianIdNumber,
    fatherName: c.fatherName,
    motherName: c.motherName,
    phones,
    reportDate: c.reportDate,
    filled: record.filled ?? Object.keys(c).length,
  }
}

export async function assignChildren(
  reader: RegistryReader,
  lists: readonly NewList[],
  options: {
    asOf: string
    match?: number
    possible?: number
    /** Per list (undefined: none), per file, per row: the child of a row the same as last month's (exact.ts). */
    exact?: readonly ((string | undefined)[][] | undefined)[]
    /** The registry's kept linkage, when the new rows may be placed by it (linkage.ts): else a full linkage. */
    linkage?: LinkageState
    onProgress?: (phase: 'reading' | LinkPhase, done: number, total?: number) => void
    mark?: PhaseMark
  },
): Promise<Assignment> {
  const mark = options.mark ?? (() => undefined)
  const exact = options.exact ?? []
  const allExact = lists.every((list, li) => list.files.every((_, ri) => exact[li]?.[ri]?.every((c) => c !== undefined)))
  if (allExact) return {placements: lists.map((list, li) => list.files.map((_, ri) => exact[li]![ri]!.map((childId) => ({childId: childId!}))))}
  const kept = options.linkage
  const store = new RecordStore()
  // The registry keeps the county's own rosters: its records and the new rows are plain.
  const plain = plainRecords(store)
  // Only where each record is stays: its values are in the store (a million records' values
  // kept beside it would be hundreds of megabytes for the collector to walk through the linking).
  const records: RegisteredRow[] = []
  let firstRecord = 0
  const loadRecords = async (sharingKeys?: Float64Array): Promise<void> => {
    firstRecord = store.size
    store.beginDataset('registry', '(registry)')
    // One string for each department and file name, not one per record.
    const names = new Map<string, string>()
    const same = (name: string): string => names.get(name) ?? (names.set(name, name), name)
    for await (const record of reader.childRecords({onOrBefore: options.asOf, fields: LINK_FIELDS, ...(sharingKeys ? {sharingKeys} : {})})) {
      plain.add(recordValues(record, records.length + 1))
      records.push({childId: record.childId, department: same(record.department), file: same(record.file), row: record.row})
    }
  }
  // A full linkage reads every record first; by the kept linkage only those sharing a key with a new row, after them.
  if (!kept) {
    await loadRecords()
    mark('assign: registered')
  }
  // A row without a region code is numbered by its reporting unit's county before its ID's (SPEC).
  const unitCounty = new Map<number, string>()
  const noteUnitCounty = (loaded: LoadedRow, roster: Roster): void => {
    if (linkedRegionCode(cellAt(roster, loaded, 'regionCode')) !== undefined) return
    const unit = cellAt(roster, loaded, 'reportingUnit')?.trim()
    const county = unit ? countyCodeOfUnit(unit) : undefined
    if (county) unitCounty.set(loaded.index, county)
  }
  const loader = new RosterLoader(store, {})
  /** Each roster's dataset position in the store. */
  const starts: number[][] = []
  const fresh = new Set<number>()
  for (const [li, list] of lists.entries()) {
    const firsts: number[] = []
    for (const [ri, file] of list.files.entries()) {
      const roster = await list.open(file)
      const same = exact[li]?.[ri]
      const loaded = await loader.load(same ? leftRows(roster, same) : roster, noteUnitCounty, (n) => options.onProgress?.('reading', n))
      if (loaded.marker) throw new UserError({en: 'is tokenized: the registry keeps the county’s own rosters, not tokenized copies', zh: '是令牌化的名单：数据库保存本县的原始名单，不保存令牌化副本'}, roster.source.file)
      firsts.push(loaded.position)
      fresh.add(loaded.position)
    }
    starts.push(firsts)
  }
  // The new rows' key hashes, in store order: the index finds their candidates by them, and keeps them.
  const rowKeys = new KeyLists()
  for (const k of fresh) {
    const d = store.datasets[k]!
    for (let i = d.first; i < d.first + d.count; i++) rowKeys.add((emit) => keyHashes(store, i, emit))
  }
  mark('assign: new rows')
  // Many rows to place against a model learnt on few records: learnt again, over them all.
  const byKept = kept !== undefined && rowKeys.size <= kept.total * RELEARN_SHARE
  if (kept) {
    await loadRecords(byKept ? rowKeys.probes() : undefined)
    if (byKept) plain.columns.childNames.usePopulation(await reader.populationNames([...plain.columns.childNames.frequencies()].map((f) => f.name)), kept.total)
    mark(byKept ? 'assign: candidates' : 'assign: registered')
  }
  const linkOptions: Parameters<typeof linkStore>[1] = {spans: false, onProgress: (phase, done, total) => options.onProgress?.(phase, done, total)}
  if (options.match !== undefined) linkOptions.match = options.match
  if (options.possible !== undefined) linkOptions.possible = options.possible
  if (byKept) Object.assign(linkOptions, {model: kept.model, onlyWith: fresh})
  const linked = linkStore(store, linkOptions)
  const {clusters, matchOf, possibleOf} = linked.clustering

  mark('assign: link')
  const registered = (i: number): boolean => i >= firstRecord && i < firstRecord + records.length
  const placementOf = (index: number): Placement => {
    const county = unitCounty.get(index) ?? countyOf(plain, index)
    const base: Placement = county ? {county} : {}
    const childrenIn = (c: number): Map<string, RegisteredRow> => {
      const children = new Map<string, RegisteredRow>()
      if (c >= 0) for (const m of clusters[c]!.members) if (registered(m)) children.set(records[m - firstRecord]!.childId, records[m - firstRecord]!)
      return children
    }
    const c = matchOf[index]!
    const matched = childrenIn(c)
    if (matched.size === 1) return {...base, childId: matched.keys().next().value!}
    if (matched.size > 1) return {...base, candidates: [...matched.values()]}
    // Only a possible link to registered children: a person decides (registry merge), not the engine.
    const possible = childrenIn(possibleOf[index]!)
    if (possible.size > 0) return {...base, candidates: [...possible.values()]}
    return c >= 0 ? {...base, group: c} : base
  }
  const rows: LinkageUpdate['rows'] = {list: [], ordinal: [], keys: rowKeys}
  const placements = lists.map((list, li) => {
    let ordinal = 0
    return list.files.map((file, ri) => {
      const info = store.datasets[starts[li]![ri]!]!
      const same = exact[li]?.[ri]
      const out: Placement[] = []
      // The store holds the rows exact placement left, in file order.
      let next = info.first
      for (let k = 0; k < (same ? same.length : info.count); k++, ordinal++) {
        const childId = same?.[k]
        if (childId !== undefined) {
          out.push({childId})
          continue
        }
        rows.list.push(li)
        rows.ordinal.push(ordinal)
        out.push(placementOf(next++))
      }
      if (next !== info.first + info.count) throw changedWhileReading(file, 'registry ingest')
      return out
    })
  })
  return {placements, linkage: {rows, ...(byKept ? {} : {full: fullIndex(store, plain, firstRecord, records, linked.model)})}}
}

/** What a full linkage leaves for the index: every record's keys by child, the model, the population's name counts. */
function fullIndex(store: RecordStore, plain: PlainRecords, first: number, records: readonly RegisteredRow[], model: LinkModel): NonNullable<LinkageUpdate['full']> {
  const keys = new KeyLists()
  for (let i = first; i < first + records.length; i++) keys.add((emit) => keyHashes(store, i, emit))
  const names = plain.columns.childNames
  return {childIds: records.map((r) => r.childId), keys, model, names: [...names.frequencies()], total: names.total}
}

/** The roster with only the rows exact placement left (`same[k]` undefined: row k was not placed). */
function leftRows(roster: Roster, same: readonly (string | undefined)[]): Roster {
  const rows = async function* (): AsyncGenerator<RosterRow> {
    let k = 0
    for await (const row of roster.rows) if (same[k++] === undefined) yield row
  }
  return Object.assign(Object.create(roster) as Roster, {rows: rows()})
}

/** The county part of a new child number: the row's region code (or its ID's county) when it has one. */
function countyOf(plain: PlainRecords, i: number): string | undefined {
  const region = plain.columns.region[i]!
  const code = region >= 0 ? plain.columns.regions.values[region] : undefined
  return code && /^\d{6}/.test(code) ? code.slice(0, 6) : undefined
}
