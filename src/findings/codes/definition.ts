import type {Lang, Severity} from '../../types.js'

// One place per code: severity, message and hint in both languages. Messages never carry a raw
// value (values travel in Finding.value/expected, where masking applies); `{name}` placeholders
// are filled from non-personal parameters such as a column header or a year.

export interface CodeDefinition {
  severity: Severity
  message: Record<Lang, string>
  hint: Record<Lang, string>
  /** The canonical field the finding sits on when the code always names one (docs/rules.md). */
  field?: string
}

export function fillTemplate(template: string, params: Record<string, string | number | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = params[key]
    return v === undefined ? '' : String(v)
  })
}
