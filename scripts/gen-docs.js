// Regenerates the generated pages of docs/ from the code (run after a build): the rule catalogue
// with its checked examples, the fields, code lists and normalize reasons, and the written forms
// of a parent's state (a section of docs/risk.md).
import {readFileSync, writeFileSync} from 'node:fs'

import {spliceParentStateDoc} from '../dist/src/care/parent-state-doc.js'
import {renderRulesDoc} from '../dist/src/rules/doc.js'
import {renderSchemaDoc} from '../dist/src/schema/doc.js'

const examples = JSON.parse(readFileSync(new URL('../docs/rule-examples.json', import.meta.url), 'utf8'))
writeFileSync(new URL('../docs/rules.md', import.meta.url), renderRulesDoc(examples))
writeFileSync(new URL('../docs/schema.md', import.meta.url), renderSchemaDoc())
const risk = new URL('../docs/risk.md', import.meta.url)
writeFileSync(risk, spliceParentStateDoc(readFileSync(risk, 'utf8')))
console.log('docs/rules.md, docs/schema.md and the parent-state section of docs/risk.md written')
