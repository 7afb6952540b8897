// Formula injection: a cell that a spreadsheet would evaluate is written
// with a leading apostrophe, except plain negative numbers, which are data.
const FORMULA_START = /^[=+\-@]/
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/

export function neutralizeCell(value: string): string {
  if (!FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value
  return `'${value}`
}

export function needsNeutralizing(value: string): boolean {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value)
}
