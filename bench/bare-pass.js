// The yardstick of issue 3: iconv-lite decoding piped into csv-parse in arrays mode, counting rows.
import {parse} from 'csv-parse'
import iconv from 'iconv-lite'
import {createReadStream} from 'node:fs'

const file = process.argv[2]
let rows = 0
const parser = createReadStream(file, {highWaterMark: 1 << 20}).pipe(iconv.decodeStream('gb18030')).pipe(parse({relax_column_count: true}))
for await (const _ of parser) rows++
console.log(`ROWS ${rows}`)
