/**
 * A copy of `s` that does not keep its parent alive. Cells are slices of the decoded block they
 * were parsed from (about a megabyte); a finding that kept a slice would keep the whole block, and
 * a million-row file's findings would keep the whole file in memory.
 */
export function detach(s: string): string {
  // V8 copies strings shorter than 13 characters instead of slicing them.
  return s.length < 13 ? s : (' ' + s).slice(1)
}

/** No lone surrogate: UTF-8 gives the string back unchanged (String.prototype.isWellFormed, Node 20; not in the compiler's library yet). */
export function wellFormed(s: string): boolean {
  return (s as unknown as {isWellFormed(): boolean}).isWellFormed()
}

/** The unit separator that joins a row's fields into one string where rows are held packed. */
export const FIELD_SEPARATOR = '\u001f'
// eslint-disable-next-line no-control-regex -- the separator is a control character by design
const STRAY_SEPARATOR = /\u001f/g

/** `s` with any unit separator read as a space: no text anyone typed, it must not shift the fields. */
export function withoutSeparator(s: string): string {
  return s.includes(FIELD_SEPARATOR) ? s.replace(STRAY_SEPARATOR, ' ') : s
}
