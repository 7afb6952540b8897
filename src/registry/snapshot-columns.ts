import type {SnapshotInfo} from './types.js'

// A department's list may be several files (a folder of towns' lists), not all made from one
// template. Written out as one table — for the checks (materialize.ts) and for `registry export` —
// its columns are the first file's, then each column of a later file that none before it has
// (the same canonical field, else the same header, is the same column), in the order met. No
// file's cell is dropped, and none lands under another column's header. (Before, the later
// files' cells were moved into the first file's columns and the others dropped: a folder whose
// first file had no 身份证号 column was checked without the ID numbers of the others.)

export interface SnapshotColumns {
  header: string[]
  /** Per file, per column of that file: its column in `header`. */
  maps: number[][]
  /** Whether every file's columns are the first file's, in its order (rows are written as they are). */
  asFirst: boolean
}

export function snapshotColumns(snapshot: SnapshotInfo): SnapshotColumns {
  const header: string[] = []
  const fields: (string | null)[] = []
  const maps = snapshot.files.map((f) => {
    // A file's columns land in columns of the files before it, each in one at most: two columns
    // of one file (two phones, two 备注) stay two.
    const before = header.length
    const taken = new Set<number>()
    const free = (match: (k: number) => boolean): number => {
      for (let k = 0; k < before; k++) if (!taken.has(k) && match(k)) return k
      return -1
    }
    return f.header.map((h, i) => {
      const field = f.fields[i] ?? null
      let at = field ? free((k) => fields[k] === field) : -1
      if (at < 0) at = free((k) => header[k] === h)
      if (at < 0) {
        header.push(h)
        fields.push(field)
        return header.length - 1
      }
      taken.add(at)
      return at
    })
  })
  const width = snapshot.files[0]?.header.length ?? 0
  const asFirst = header.length === width && maps.every((map) => map.every((k, i) => k === i))
  return {header, maps, asFirst}
}

/** A row of file `fileIndex` under the columns' header, then the cells beyond its file's header (a ragged row stays so). */
export function cellsUnder(columns: SnapshotColumns, fileIndex: number, cells: readonly string[]): string[] {
  const map = columns.maps[fileIndex] ?? []
  const out = new Array<string>(columns.header.length).fill('')
  for (let i = 0; i < Math.min(map.length, cells.length); i++) out[map[i]!] = cells[i] ?? ''
  return cells.length > map.length ? [...out, ...cells.slice(map.length)] : out
}
