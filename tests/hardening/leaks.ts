// The masking audit's eyes: which full ID numbers and phones of the input show in an output.
import {readFileSync} from 'node:fs'

import {foldWidth, unzip} from './harness.js'

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

function validId18(id: string): boolean {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * WEIGHTS[i]!
  return '10X98765432'[sum % 11] === id[17]!.toUpperCase()
}

/**
 * The values to look for, from a `{ids, phones}` file: each ID as written, upper- and lower-case;
 * each phone as written and as bare digits, and a landline's local number.
 */
export function loadSensitive(file: string): string[] {
  const {ids, phones} = JSON.parse(readFileSync(file, 'utf8')) as {ids: string[]; phones: string[]}
  return sensitiveForms(ids, phones)
}

export function sensitiveForms(ids: Iterable<string>, phones: Iterable<string>): string[] {
  const out = new Set<string>()
  for (const id of ids) {
    out.add(id.toUpperCase())
    out.add(id.toLowerCase())
  }
  for (const p of phones) {
    out.add(p)
    out.add(p.replace(/\D/g, ''))
    const local = /^0\d{2,3}-(\d{7,8})$/.exec(p)?.[1]
    if (local) out.add(local)
  }
  return [...out]
}

/** The text an output holds: a workbook's every part unzipped, XML character references decoded. */
export function textOf(content: string | Buffer): string {
  if (typeof content === 'string') return content
  if (content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    return [...unzip(content).entries()].map(([name, part]) => `${name}\n${decodeXml(part.toString('utf8'))}`).join('\n')
  }
  return content.toString('utf8')
}

function decodeXml(text: string): string {
  return text.replace(/&#(x[0-9a-f]+|\d+);/gi, (_, n: string) => String.fromCodePoint(n[0] === 'x' || n[0] === 'X' ? parseInt(n.slice(1), 16) : Number(n)))
}

/**
 * Full values from `sensitive` found in `content`, and any other 18-digit number with a valid
 * check digit (an ID the audit did not know of). Digit runs are compared whole: `…1234` inside a
 * masked `430102********1234` is no leak.
 */
export function leaks(content: string | Buffer, sensitive: readonly string[]): string[] {
  const text = foldWidth(textOf(content))
  const found = new Set<string>()
  for (const value of sensitive) {
    let at = text.indexOf(value)
    while (at >= 0) {
      const before = text[at - 1] ?? ''
      const after = text[at + value.length] ?? ''
      // A value inside a longer run of digits is another number, not this one.
      if (!/\d/.test(before) && !/\d/.test(after)) {
        found.add(value)
        break
      }
      at = text.indexOf(value, at + 1)
    }
  }
  for (const m of text.matchAll(/(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])/g)) if (validId18(m[0])) found.add(m[0])
  return [...found]
}
