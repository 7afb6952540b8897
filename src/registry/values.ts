// Dates and instants between JS and SQL: dates are `YYYY-MM-DD` (DATE columns), instants are ISO
// strings in UTC (TIMESTAMP columns, which hold no zone).

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Checks a `YYYY-MM-DD` date; a bad one is the caller's bug (commands check their flags). */
export function isoDate(value: string, what = 'date'): string {
  const m = DATE.exec(value)
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined
  if (!d || d.toISOString().slice(0, 10) !== value) throw new Error(`registry: ${what} must be YYYY-MM-DD (got ${JSON.stringify(value)})`)
  return value
}

/** An instant as the ISO string stored (UTC, milliseconds); now when not given. */
export function instant(value?: string | Date): string {
  const d = value === undefined ? new Date() : new Date(value)
  if (Number.isNaN(d.getTime())) throw new Error(`registry: not an instant: ${JSON.stringify(value)}`)
  return d.toISOString()
}

/** SQL rendering a TIMESTAMP column as the ISO string it was given as. */
export function isoTimestamp(column: string): string {
  return `(strftime(${column}, '%Y-%m-%dT%H:%M:%S.%g') || 'Z')`
}

/** SQL rendering a DATE column as `YYYY-MM-DD`. */
export function isoDay(column: string): string {
  return `strftime(${column}, '%Y-%m-%d')`
}
