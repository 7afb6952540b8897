import type {StreamList} from '../findings/listed.js'
import type {Link} from '../findings/model.js'
import type {RecordStore} from '../link/records.js'

// The report's links, one per child found on two or more lists, held as numbers (record indexes
// and the store's dataset and row columns) and built as Link objects only as they are read: a
// million links as objects take half a gigabyte; as numbers, about thirty megabytes.

export class LinkListBuilder {
  private ids: number[] = []
  private scores: number[] = []
  private offsets: number[] = [0]
  private members: number[] = []
  private idPrefix = ''
  private idWidth = 0

  /** Adds one link: the cluster's id (`M0042`), its score and its members in the order to list them. */
  add(id: string, score: number, members: readonly number[]): void {
    // Cluster ids are a letter and a zero-padded number of one width (cluster.ts): kept as the number.
    const prefix = id.charAt(0)
    const digits = id.slice(1)
    if (this.ids.length === 0) {
      this.idPrefix = prefix
      this.idWidth = digits.length
    } else if (prefix !== this.idPrefix || digits.length !== this.idWidth) {
      throw new Error(`link ids of two forms: ${this.idPrefix}… and ${id}`)
    }
    this.ids.push(Number(digits))
    this.scores.push(Math.round(score * 10_000) / 10_000)
    for (const m of members) this.members.push(m)
    this.offsets.push(this.members.length)
  }

  get length(): number {
    return this.ids.length
  }

  /** The links in the order given by `order` (indexes into the links as added; all of them). */
  build(store: RecordStore, departments: readonly (string | undefined)[], order?: Int32Array): StreamList<Link> {
    const n = this.ids.length
    const ids = Int32Array.from(this.ids)
    const scores = Float64Array.from(this.scores)
    const offsets = Int32Array.from(this.offsets)
    const members = Int32Array.from(this.members)
    this.ids = []
    this.scores = []
    this.offsets = [0]
    this.members = []
    // The store's dataset, file and row columns of the members only: the store itself can go.
    const ds = new Uint16Array(members.length)
    const files = new Uint16Array(members.length)
    const rows = new Uint32Array(members.length)
    for (let k = 0; k < members.length; k++) {
      ds[k] = store.ds[members[k]!]!
      files[k] = store.file[members[k]!]!
      rows[k] = store.row[members[k]!]!
    }
    const datasets = store.datasets.map((d, i) => ({dataset: d.dataset, files: d.files, department: departments[i]}))
    const prefix = this.idPrefix
    const width = this.idWidth
    const at = order ?? Int32Array.from({length: n}, (_, i) => i)
    return {
      length: n,
      // A link's JSON from pieces written once per dataset: a million links through
      // JSON.stringify took a tenth of a crosscheck's time.
      *prettyJson(indent: string): Generator<string> {
        const i1 = `${indent}  `
        const i2 = `${indent}    `
        const i3 = `${indent}      `
        // One head per file of each dataset (a department given as several files).
        const heads = datasets.map((d) => d.files.map((file) => `{\n${i3}"dataset": ${JSON.stringify(d.dataset)},\n${i3}"file": ${JSON.stringify(file)},\n${i3}"row": `))
        const tails = datasets.map((d) => (d.department === undefined ? `\n${i2}}` : `,\n${i3}"department": ${JSON.stringify(d.department)}\n${i2}}`))
        for (let j = 0; j < n; j++) {
          const i = at[j]!
          let members = ''
          for (let k = offsets[i]!; k < offsets[i + 1]!; k++) members += `${k > offsets[i]! ? ',\n' : '\n'}${i2}${heads[ds[k]!]![files[k]!]!}${rows[k]!}${tails[ds[k]!]!}`
          const id = JSON.stringify(prefix + String(ids[i]!).padStart(width, '0'))
          yield `{\n${i1}"id": ${id},\n${i1}"score": ${JSON.stringify(scores[i]!)},\n${i1}"members": [${members === '' ? ']' : `${members}\n${i1}]`}\n${indent}}`
        }
      },
      *[Symbol.iterator](): Generator<Link> {
        for (let j = 0; j < n; j++) {
          const i = at[j]!
          const list: Link['members'] = []
          for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
            const d = datasets[ds[k]!]!
            const member: Link['members'][number] = {dataset: d.dataset, file: d.files[files[k]!]!, row: rows[k]!}
            if (d.department !== undefined) member.department = d.department
            list.push(member)
          }
          yield {id: prefix + String(ids[i]!).padStart(width, '0'), score: scores[i]!, members: list}
        }
      },
      release() {},
    }
  }
}
