// Regenerates the generated pages of docs/ from the code (run after a build): the rule catalogue
// with its checked examples, and the fields, code lists and normalize reasons.
import {readFileSync, writeFileSync} from 'node:fs'

import {renderRulesDoc} from '../dist/src/rules/doc.js'
import {renderSchemaDoc} from '../dist/src/schema/doc.js'

const examples = JSON.parse(readFileSync(new URL('../docs/rule-examples.json', import.meta.url), 'utf8'))
writeFileSync(new URL('../docs/rules.md', import.meta.url), renderRulesDoc(examples))
writeFileSync(new URL('../docs/schema.md', import.meta.url), renderSchemaDoc())
console.log('docs/rules.md and docs/schema.md written')
