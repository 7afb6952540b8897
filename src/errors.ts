// Two kinds of failure (after Shopify/cli's AbortError/BugError): a UserError is something the
// user can fix — one line naming the file and row, exit 2; anything else is a bug.

export class UserError extends Error {
  readonly exitCode = 2
  constructor(
    message: string,
    readonly file?: string,
    readonly row?: number,
  ) {
    super(message)
    this.name = 'UserError'
  }

  /** The single line shown to the user: `file:row: message` or `file: message`. */
  get line(): string {
    if (!this.file) return this.message
    return this.row === undefined ? `${this.file}: ${this.message}` : `${this.file}:${this.row}: ${this.message}`
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError
}
