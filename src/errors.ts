// Two kinds of failure (after Shopify/cli's AbortError/BugError): a UserError is something the
// user can fix — one line naming the file and row, exit 2; anything else is a bug.

import type {Lang} from './types.js'

/** A message in both languages, written once where it is raised (the English one is `message`). */
export interface Bilingual {
  zh: string
  en: string
}

export class UserError extends Error {
  readonly exitCode = 2
  /** The message in each language; `message` is the English one (logs, tests, library users). */
  readonly texts: Bilingual

  constructor(
    message: string | Bilingual,
    readonly file?: string,
    readonly row?: number,
  ) {
    const texts = typeof message === 'string' ? {zh: message, en: message} : message
    super(texts.en)
    this.texts = texts
    this.name = 'UserError'
  }

  /** The single line shown to the user: `file:row: message` or `file: message`. */
  get line(): string {
    return this.lineIn('en')
  }

  /** The single line in a language: Chinese with `--lang zh` or a Chinese locale. */
  lineIn(lang: Lang): string {
    const message = this.texts[lang]
    if (!this.file) return message
    const sep = lang === 'zh' ? '：' : ': '
    return this.row === undefined ? `${this.file}${sep}${message}` : lang === 'zh' ? `${this.file} 第 ${this.row} 行：${message}` : `${this.file}:${this.row}: ${message}`
  }
}

/** A file whose rows are not those an earlier pass of `command` read (edited, or replaced, during the run). */
export function changedWhileReading(file: string, command: string): UserError {
  return new UserError({en: `changed while ${command} was reading it; run again`, zh: `在 ${command} 读取期间被修改；请重新运行`}, file)
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError
}
