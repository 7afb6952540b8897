import {excelJs} from '../../src/io/exceljs-load.js'

// exceljs checks each merged range it loads against every range loaded before it, so a sheet
// with m merges costs m² range comparisons: 20,000 merges (a county roster that merges each
// family's guardian over its children) took 42 s. The same check is made here by looking at the
// range's own cells, which a previous merge has already marked (as merged, or as a master):
// the cost follows the cells merged, which XLSX_LIMITS bounds. Behaviour is unchanged,
// including the error an overlapping range raises.

interface MergeRange {
  top: number
  left: number
  bottom: number
  right: number
}

interface MergeableSheet {
  _merges: Record<string, MergeRange>
  findCell(row: number, col: number): {type: number; address: string} | undefined
  getCell(row: number, col: number): {address: string; merge(master: unknown, ignoreStyle?: boolean): void}
}

function mergeCellsByCells(this: MergeableSheet, dimensions: MergeRange, ignoreStyle?: boolean): void {
  for (let i = dimensions.top; i <= dimensions.bottom; i++) {
    for (let j = dimensions.left; j <= dimensions.right; j++) {
      const cell = this.findCell(i, j)
      if (cell && (cell.type === excelJs().ValueType.Merge || this._merges[cell.address])) {
        throw new Error('Cannot merge already merged cells')
      }
    }
  }

  const master = this.getCell(dimensions.top, dimensions.left)
  for (let i = dimensions.top; i <= dimensions.bottom; i++) {
    for (let j = dimensions.left; j <= dimensions.right; j++) {
      if (i > dimensions.top || j > dimensions.left) this.getCell(i, j).merge(master, ignoreStyle)
    }
  }

  this._merges[master.address] = dimensions
}

let installed = false

/** Replaces exceljs's quadratic merge check once per process. */
export function installLinearMerges(): void {
  if (installed) return
  const prototype = Object.getPrototypeOf(new (excelJs().Workbook)().addWorksheet('probe')) as Record<string, unknown>
  if (typeof prototype._mergeCellsInternal !== 'function') return
  prototype._mergeCellsInternal = mergeCellsByCells
  installed = true
}
