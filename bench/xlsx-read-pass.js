// One pass of the product's reader over a roster file (xlsx or CSV), rows counted and dropped:
// what reading alone costs, run in its own process by bench/xlsx-read.js.
import {openRows} from '../dist/src/io/open.js'

const file = process.argv[2]
const t = performance.now()
const source = await openRows(file)
const opened = (performance.now() - t) / 1000
let rows = 0
let cells = 0
for await (const r of source.rows) {
  rows++
  cells += r.cells.length
}
const elu = performance.eventLoopUtilization()
console.log(JSON.stringify({file, rows, cells, opened, seconds: (performance.now() - t) / 1000, mainBusy: elu.active / 1000}))
