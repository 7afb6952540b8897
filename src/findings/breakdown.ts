import type {BreakdownEntry, BreakdownLevel, RecordRef} from './model.js'

// Per-unit counts for the report's `breakdown`: rows and findings per code for each reporting
// unit and each county, town and village. A unit's name carries its parents (`长沙县 / 黄兴镇`) so
// that a reader can drill down from a county to its towns and villages without another table.

export const PATH_SEPARATOR = ' / '
export type RowUnits = Partial<Record<BreakdownLevel, string>>
/** A row's units as the builder numbers them (BreakdownBuilder.unitIdsOf). */
export type UnitIds = readonly (readonly [BreakdownLevel, number])[]

interface UnitStats {
  rows: number
  byCode: Record<string, number>
}

/** Unit keys per row are kept as small integers in growable typed arrays (4 bytes a row a level). */
class RowIndex {
  private data = new Uint32Array(1024)

  set(row: number, value: number): void {
    if (row >= this.data.length) {
      let size = this.data.length
      while (size <= row) size *= 2
      const next = new Uint32Array(size)
      next.set(this.data)
      this.data = next
    }
    this.data[row] = value
  }

  get(row: number): number {
    return row < this.data.length ? this.data[row]! : 0
  }
}

export class BreakdownBuilder {
  private readonly units: {level: BreakdownLevel; unit: string; stats: UnitStats}[] = [{level: 'county', unit: '', stats: {rows: 0, byCode: {}}}]
  private readonly unitIds = new Map<string, number>()
  private readonly rows = new Map<string, Map<BreakdownLevel, RowIndex>>()
  /** Unit ids of a units object already seen (callers reuse one object per village). */
  private readonly idsOf = new Map<RowUnits, UnitIds>()

  constructor(private readonly levels: readonly BreakdownLevel[] = ['reportingUnit', 'county', 'town', 'village']) {}

  private unitId(level: BreakdownLevel, unit: string): number {
    const key = `${level}\u0000${unit}`
    let id = this.unitIds.get(key)
    if (id === undefined) {
      id = this.units.length
      this.units.push({level, unit, stats: {rows: 0, byCode: {}}})
      this.unitIds.set(key, id)
    }
    return id
  }

  /** The last row's names and unit ids: rosters run unit by unit, so most rows repeat the row before. */
  private last: {names: RowUnits; ids: UnitIds} | undefined

  private sameUnits(a: RowUnits, b: RowUnits): boolean {
    for (const level of this.levels) if (a[level] !== b[level]) return false
    return true
  }

  /**
   * The units of `names`, ready for addRowAt: a caller placing many rows of a few units (a batch
   * of rows checked on another thread, each batch with its own copies of the units) looks each up
   * once.
   */
  unitIdsOf(names: RowUnits): UnitIds {
    if (this.last !== undefined && this.sameUnits(this.last.names, names)) return this.last.ids
    const known = this.idsOf.get(names)
    if (known) return known
    const ids: [BreakdownLevel, number][] = []
    let path = ''
    let geoBroken = false
    for (const level of this.levels) {
      const name = names[level]?.trim()
      // A town without its county (or a village without its town) has no place in the
      // drill-down: the geographic path stops at the first missing level.
      if (!name) {
        if (level !== 'reportingUnit') geoBroken = true
        continue
      }
      if (level !== 'reportingUnit' && geoBroken) continue
      let unit = name
      if (level !== 'reportingUnit') {
        path = path ? `${path}${PATH_SEPARATOR}${name}` : name
        unit = path
      }
      ids.push([level, this.unitId(level, unit)])
    }
    if (this.idsOf.size > 100_000) this.idsOf.clear()
    this.idsOf.set(names, ids)
    this.last = {names: {...names}, ids}
    return ids
  }

  /**
   * Records one data row and the units it belongs to (geographic names from broad to narrow).
   * `counted: false` places the row without counting it in the units' rows: its findings count
   * there (crosscheck: a child of another list missing from the primary list's village).
   */
  addRow(ref: RecordRef, names: RowUnits, counted = true): void {
    this.addRowAt(ref.dataset, ref.file, ref.row, this.unitIdsOf(names), counted)
  }

  /** The file's unit ids per level, by dataset and file: a dataset given as several files has a row 2 in each. */
  private lastFile: {dataset: string; file: string; perLevel: Map<BreakdownLevel, RowIndex>} | undefined

  /** addRow with the reference's parts and the units as unitIdsOf gives them. */
  addRowAt(dataset: string, file: string, row: number, units: UnitIds, counted = true): void {
    let perLevel: Map<BreakdownLevel, RowIndex> | undefined
    if (this.lastFile !== undefined && this.lastFile.dataset === dataset && this.lastFile.file === file) perLevel = this.lastFile.perLevel
    else {
      const key = `${dataset}\u0000${file}`
      perLevel = this.rows.get(key)
      if (!perLevel) {
        perLevel = new Map()
        this.rows.set(key, perLevel)
      }
      this.lastFile = {dataset, file, perLevel}
    }
    for (const [level, id] of units) {
      if (counted) this.units[id]!.stats.rows++
      let index = perLevel.get(level)
      if (!index) {
        index = new RowIndex()
        perLevel.set(level, index)
      }
      index.set(row, id)
    }
  }

  /**
   * Counts `n` rows of the same units at once, for a caller that grouped its rows itself (registry
   * status groups the stored rows in SQL); such rows have no row numbers to hang findings on.
   */
  countRows(names: RowUnits, n: number): void {
    for (const [, id] of this.unitIdsOf(names)) this.units[id]!.stats.rows += n
  }

  /** Counts `n` findings of one code against every unit of `names` (see countRows). */
  countFindings(names: RowUnits, code: string, n: number): void {
    for (const [, id] of this.unitIdsOf(names)) {
      const byCode = this.units[id]!.stats.byCode
      byCode[code] = (byCode[code] ?? 0) + n
    }
  }

  /** Counts a finding against every unit of its row. */
  addFinding(ref: RecordRef, code: string): void {
    const perLevel = this.rows.get(`${ref.dataset}\u0000${ref.file}`)
    if (!perLevel) return
    for (const index of perLevel.values()) {
      const id = index.get(ref.row)
      if (id === 0) continue
      const byCode = this.units[id]!.stats.byCode
      byCode[code] = (byCode[code] ?? 0) + 1
    }
  }

  build(): BreakdownEntry[] {
    const order = new Map(this.levels.map((l, i) => [l, i]))
    return this.units
      .slice(1)
      .sort((a, b) => (order.get(a.level) ?? 0) - (order.get(b.level) ?? 0) || a.unit.localeCompare(b.unit, 'zh'))
      .map(({level, unit, stats}) => ({level, unit, rows: stats.rows, byCode: stats.byCode}))
  }
}
