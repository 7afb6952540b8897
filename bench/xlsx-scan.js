// The XML parsing of the benchmark workbook's sheet alone, inflated once into memory: saxes
// (events only, nothing done with them) against the reader's own scanner, with no handler and
// with the row handler that renders every cell, and the rows read from the bytes as the reader
// does (sheet-bytes.ts). Why the reader has its own scanner.
import {SaxesParser} from 'saxes'
import yauzl from 'yauzl'

import {XmlScanner} from '../dist/src/io/xlsx-stream/xml-scanner.js'
import {SheetRowsHandler} from '../dist/src/io/xlsx-stream/sheet-rows.js'
import {SheetBytesReader} from '../dist/src/io/xlsx-stream/sheet-bytes.js'

const file = process.argv[2]
const zip = await new Promise((res, rej) => yauzl.open(file, {lazyEntries: true, autoClose: false}, (e, z) => (e ? rej(e) : res(z))))
const entries = new Map()
await new Promise((res, rej) => {
  zip.on('entry', (e) => {
    entries.set(e.fileName, e)
    zip.readEntry()
  })
  zip.on('end', res)
  zip.on('error', rej)
  zip.readEntry()
})
const stream = await new Promise((res, rej) => zip.openReadStream(entries.get('xl/worksheets/sheet1.xml'), (e, s) => (e ? rej(e) : res(s))))
const chunks = []
for await (const c of stream) chunks.push(c)
zip.close()
// Decoded once, in 64 KB pieces, as the reader receives them.
const buffer = Buffer.concat(chunks)
const bytePieces = []
for (let at = 0; at < buffer.length; at += 1 << 16) bytePieces.push(buffer.subarray(at, Math.min(buffer.length, at + (1 << 16))))
const pieces = []
for (let at = 0; at < buffer.length; at += 1 << 16) pieces.push(buffer.toString('utf8', at, Math.min(buffer.length, at + (1 << 16))))

function time(label, run) {
  const t = performance.now()
  const n = run()
  console.log(`${label.padEnd(40)} ${((performance.now() - t) / 1000).toFixed(2).padStart(6)} s  (${n.toLocaleString('en')})`)
}

time('saxes, events only', () => {
  let n = 0
  const p = new SaxesParser()
  p.on('opentag', () => n++)
  for (const s of pieces) p.write(s)
  p.close()
  return n
})
time('own scanner, events only', () => {
  let n = 0
  const scanner = new XmlScanner({open: () => n++, close() {}, text() {}})
  for (const s of pieces) scanner.write(s)
  scanner.end()
  return n
})
time('own scanner + rows (strings as indexes)', () => {
  let n = 0
  const strings = {count: Infinity, get: (i) => String(i)}
  const handler = new SheetRowsHandler(strings, {formatOf: () => 'yyyy-mm-dd'}, false)
  const scanner = new XmlScanner(handler)
  for (const s of pieces) {
    scanner.write(s)
    n += handler.rows.length
    handler.rows.length = 0
  }
  return n
})
time('rows from the bytes (the reader)', () => {
  let n = 0
  const strings = {count: Infinity, get: (i) => String(i)}
  const handler = new SheetRowsHandler(strings, {formatOf: () => 'yyyy-mm-dd'}, false)
  const reader = new SheetBytesReader(handler, new XmlScanner(handler))
  for (const b of bytePieces) {
    if (handler.done) break
    reader.write(b)
    n += handler.rows.length
    handler.rows.length = 0
  }
  return n
})
