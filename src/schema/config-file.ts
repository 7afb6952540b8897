import {readFileSync} from 'node:fs'
import {LineCounter, parseDocument} from 'yaml'
import type {z} from 'zod'

import {UserError} from '../errors.js'

// Configuration files (crosscheck, risk): JSON or YAML, validated by a zod schema, every problem
// one UserError naming the file, the line and the key.

function lineOf(text: string, keyPath: (string | number)[]): number | undefined {
  const counter = new LineCounter()
  const doc = parseDocument(text, {lineCounter: counter})
  // The deepest node that exists along the path: a missing or misspelt key is reported where its parent is.
  for (let depth = keyPath.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(keyPath.slice(0, depth), true)
    const range = (node as {range?: [number, number, number]} | undefined)?.range
    if (range) return counter.linePos(range[0]).line
  }
  return undefined
}

/** Reads `file` and validates it with `schema`; `hint` adds a word to an unknown-key message. */
export function readConfigFile<T>(file: string, schema: z.ZodType<T>, hint: (key: string) => string = () => ''): T {
  let text: string
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  } catch (error) {
    throw new UserError({en: `cannot read the configuration (${(error as NodeJS.ErrnoException).code ?? 'error'})`, zh: `无法读取配置文件（${(error as NodeJS.ErrnoException).code ?? 'error'}）`}, file)
  }
  const kind = /\.json$/i.test(file) ? 'JSON' : 'YAML'
  let data: unknown
  try {
    // YAML is a superset of JSON: one parser gives the same line numbers for both.
    const doc = parseDocument(text, {prettyErrors: false})
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!
      throw new UserError({en: `is not valid ${kind}: ${e.message.split('\n')[0]}`, zh: `不是有效的 ${kind}：${e.message.split('\n')[0]}`}, file, e.linePos?.[0]?.line)
    }
    data = doc.toJS() ?? {}
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError({en: `is not valid ${kind}: ${(error as Error).message.split('\n')[0]}`, zh: `不是有效的 ${kind}：${(error as Error).message.split('\n')[0]}`}, file)
  }
  const parsed = schema.safeParse(data)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const key = issue.path.map(String).join('.') || '(top level)'
  let message = issue.message
  let at = issue.path as (string | number)[]
  if (issue.code === 'unrecognized_keys') {
    message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}${hint(key)}`
    at = [...at, issue.keys[0]!]
  }
  throw new UserError({en: `key "${key}": ${message}`, zh: `键“${key}”：${message}`}, file, lineOf(text, at))
}
