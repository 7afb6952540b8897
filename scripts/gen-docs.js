// Regenerates the generated pages of docs/ from the code (run after a build): the rule catalogue
// with its checked examples, the fields, code lists and normalize reasons, and the written forms
// of a parent's state.
import {readFileSync, writeFileSync} from 'node:fs'

import {renderParentStateDoc} from '../dist/src/care/parent-state-doc.js'
import {renderRulesDoc} from '../dist/src/rules/doc.js'
import {renderSchemaDoc} from '../dist/src/schema/doc.js'

const examples = JSON.parse(readFileSync(new URL('../docs/rule-examples.json', import.meta.url), 'utf8'))
writeFileSync(new URL('../docs/rules.md', import.meta.url), renderRulesDoc(examples))
writeFileSync(new URL('../docs/schema.md', import.meta.url), renderSchemaDoc())
writeFileSync(new URL('../docs/parent-state.md', import.meta.url), renderParentStateDoc())
console.log('docs/rules.md, docs/schema.md and docs/parent-state.md written')
