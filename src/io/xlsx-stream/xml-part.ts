import {XmlError, type XmlHandler, XmlScanner} from './xml-scanner.js'
import {XLSX_LIMITS} from './limits.js'

/** A whole (small) part through a handler. Workbook parts are UTF-8; UTF-16 ones are refused. */
export function scanPart(bytes: Buffer, name: string, handler: XmlHandler): void {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new XmlError(`${name} is UTF-16, which the reader does not take`)
  const scanner = new XmlScanner(handler, XLSX_LIMITS.textChars)
  // Decoded in slices: one string of a 500 MB part would be a string V8 cannot make.
  const step = 1 << 24
  const decoder = new TextDecoder('utf-8')
  for (let at = 0; at < bytes.length && !scanner.stopped; at += step) {
    scanner.write(decoder.decode(bytes.subarray(at, at + step), {stream: true}))
  }
  scanner.write(decoder.decode())
  scanner.end()
}

/** A handler with nothing to do for the events it does not name. */
export function handler(h: Partial<XmlHandler>): XmlHandler {
  return {open: h.open ?? (() => {}), close: h.close ?? (() => {}), text: h.text ?? (() => {})}
}
