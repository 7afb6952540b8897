// Regenerates docs/rules.md from docs/rule-examples.json and the code registry (run after a build).
import {readFileSync, writeFileSync} from 'node:fs'

import {renderRulesDoc} from '../dist/src/rules/doc.js'

const examples = JSON.parse(readFileSync(new URL('../docs/rule-examples.json', import.meta.url), 'utf8'))
writeFileSync(new URL('../docs/rules.md', import.meta.url), renderRulesDoc(examples))
console.log('docs/rules.md written')
