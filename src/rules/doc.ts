import {VALIDATE_CODES} from '../findings/codes/validate.js'
import {KIND_DOC, LEFT_BEHIND_ONLY} from './kinds.js'

export interface RuleExample {
  code: string
  header: string[]
  failHeader?: string[]
  fail: string[][]
  pass: string[][]
  fix: {zh: string; en: string}
  /** Flags the rule needs (`--check-eligibility`): the example is checked with them, and the page says so. */
  flags?: string[]
}

export interface RuleExamples {
  asOf: string
  examples: RuleExample[]
}

/** Message templates read as sentences: a trailing `: {reason}` is dropped, other slots become …. */
function placeholders(template: string): string {
  return template.replace(/[：:] ?\{\w+\}$/, '').replace(/\{\w+\}/g, '…')
}

function table(header: string[], rows: string[][]): string {
  const esc = (s: string) => (s === '' ? ' ' : s.replace(/\|/g, '\\|'))
  return [`| row | ${header.map(esc).join(' | ')} |`, `| --- | ${header.map(() => '---').join(' | ')} |`, ...rows.map((r, i) => `| ${i + 2} | ${r.map(esc).join(' | ')} |`)].join('\n')
}

/** docs/rules.md: every validate code with a failing row, its passing twin and the fix. */
export function renderRulesDoc(data: RuleExamples): string {
  const byCode = new Map(data.examples.map((e) => [e.code, e]))
  const out: string[] = [
    '# Validate rules · 校验规则',
    '',
    '<!-- generated from docs/rule-examples.json by `npm run docs`; tests/e2e/rules-doc.test.ts runs every example -->',
    '',
    `Every code \`liushou validate\` reports, with a failing example row, its passing twin and the fix. Codes are stable API. The examples are checked at \`--as-of ${data.asOf}\`; row numbers are Excel's (the header is row 1).`,
    '',
    'Each code applies to every field of its kind (the child\'s, guardian\'s, father\'s and mother\'s ID numbers, names and phones); the finding\'s `field` says which. An ID gets only the first of `ID_EXCEL_MANGLED`, `ID_FORMAT`, `ID_CHECKSUM`; checks of an ID\'s content use only an ID that passed them. Info findings are counted always and listed with `--include-info`.',
    '',
    '| code | severity | meaning |',
    '| --- | --- | --- |',
    ...Object.entries(VALIDATE_CODES).map(([code, def]) => `| [\`${code}\`](#${code.toLowerCase()}) | ${def.severity} | ${placeholders(def.message.en)} · ${placeholders(def.message.zh)} |`),
    '',
    '## Kinds of list · 名单类型',
    '',
    `A list's kind decides which rules it gets: ${LEFT_BEHIND_ONLY.map((c) => `\`${c}\``).join(' and ')} apply to the left-behind roster only (a student roster lists pupils of 16 and more, a household register every resident); every other code applies to every kind. \`--kind left-behind|student|household|other\` says what a list is; without it, the kind follows the department of \`DEPT=FILE\` (the department by its id or its Chinese name: \`民政=花名册.xlsx\`, \`教育=学籍.xlsx\`). A file given without a department is taken as the left-behind roster, the list the tool is for. 名单类型决定适用的规则：${LEFT_BEHIND_ONLY.join('、')} 只用于留守儿童名册，其他规则适用于所有名单。`,
    '',
    '| kind | 名单 | default for the department | rules |',
    '| --- | --- | --- | --- |',
    ...KIND_DOC.map((k) => `| \`${k.kind}\` | ${k.zh} | ${k.departments} | ${k.kind === 'left-behind' ? 'every code' : `every code but ${LEFT_BEHIND_ONLY.map((c) => `\`${c}\``).join(', ')}`} |`),
    '',
  ]
  for (const [code, def] of Object.entries(VALIDATE_CODES)) {
    const ex = byCode.get(code)
    out.push(`## ${code}`, '', `**${def.severity}** — ${def.message.zh} · ${def.message.en}`, '', `Hint · 提示: ${def.hint.zh} · ${def.hint.en}`, '')
    if (ex) {
      if (ex.flags && ex.flags.length > 0) out.push(`Only with · 仅在使用时: ${ex.flags.map((f) => `\`${f}\``).join(' ')}`, '')
      out.push('Fails · 不通过:', '', table(ex.failHeader ?? ex.header, ex.fail), '', 'Passes · 通过:', '', table(ex.header, ex.pass), '', `Fix · 修正: ${ex.fix.zh} · ${ex.fix.en}`, '')
    }
  }
  return `${out.join('\n').trimEnd()}\n`
}
