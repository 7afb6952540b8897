import AjvModule from 'ajv'
import {readFileSync} from 'node:fs'
import path from 'node:path'

import {ROOT} from './cli.js'

const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/report.schema.json'), 'utf8')) as object
// ajv is CommonJS: under NodeNext its class is the default export's `default`.
const Ajv = AjvModule.default
const ajv = new Ajv({allErrors: true, strict: false, validateFormats: false})
const validate = ajv.compile(schema)

/** The errors of a report against schemas/report.schema.json; empty when it conforms. */
export function reportSchemaErrors(report: unknown): string[] {
  if (validate(report)) return []
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`)
}
