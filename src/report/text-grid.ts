// Text for a terminal: the columns a string takes (Chinese takes two), wrapping that never splits
// an ID number or a code, and a boxed grid whose width is exactly what it was given. cli-table3
// measured well but wrapped only at spaces (a Chinese message lost its end), cut cells one
// character at a time while re-measuring the rest (seconds for a few hundred cells), and drew a
// separator under every row.

// East Asian wide and fullwidth characters, and emoji: two columns of a terminal. Combining marks
// and zero-width characters: none.
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\ud83c-\ud83e][\udc00-\udfff]|[\ud840-\ud8bf][\udc00-\udfff]/
// eslint-disable-next-line no-misleading-character-class -- a class of combining marks, on purpose
const ZERO = /[\u0300-\u036f\u200b-\u200f\u2060\ufe00-\ufe0f\ufeff]/

export function charWidth(c: string): number {
  const code = c.codePointAt(0) ?? 0
  if (code < 0x300) return 1
  if (ZERO.test(c)) return 0
  return WIDE.test(c) ? 2 : 1
}

/** Terminal columns taken by `text` (one line). */
export function textWidth(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x300) {
      n++
      continue
    }
    const c = code >= 0xd800 && code < 0xdc00 ? text.slice(i, i + 2) : text[i]!
    if (c.length === 2) i++
    n += charWidth(c)
  }
  return n
}

// East Asian text breaks between any two characters; other text (an ID, a code, a path) only
// after a space or one of these.
const CJK = /[\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uff60]|[\ud840-\ud8bf][\udc00-\udfff]/
const BREAK_AFTER = /[=:;,/、，；：）)\]}|]/

/** A word too wide for its line, cut into pieces that may start a line: at CJK characters and after punctuation. */
function pieces(word: string): string[] {
  const out: string[] = []
  let run = ''
  for (const c of word) {
    if (CJK.test(c)) {
      if (run) out.push(run)
      run = ''
      out.push(c)
      continue
    }
    run += c
    if (BREAK_AFTER.test(c)) {
      out.push(run)
      run = ''
    }
  }
  if (run) out.push(run)
  return out
}

/**
 * `text` broken into lines of at most `width` terminal columns: at spaces where it can, between
 * Chinese characters and after punctuation where it must, inside a run of letters and digits (an
 * ID number, a rule code) only when the run alone is wider than the line.
 */
export function wrapToWidth(text: string, width: number): string {
  return wrapLines(text, width).join('\n')
}

export function wrapLines(text: string, width: number): string[] {
  const out: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    let used = 0
    const push = () => {
      out.push(line.replace(/\s+$/, ''))
      line = ''
      used = 0
    }
    const words = paragraph.split(/(\s+)/)
    for (let i = 0; i < words.length; i += 2) {
      const word = words[i]!
      const space = i > 0 && used > 0 ? (words[i - 1] ?? '') : ''
      const w = textWidth(word)
      if (used + space.length + w <= width) {
        line += space + word
        used += space.length + w
        continue
      }
      // A word that fits a line of its own moves there whole, unless it is East Asian text (a
      // sentence without spaces), which fills this line first.
      if (used > 0 && w <= width && !CJK.test(word)) {
        push()
        line = word
        used = w
        continue
      }
      // A word wider than what is left: its pieces fill this line and the next ones.
      if (used > 0 && used + space.length < width) {
        line += space
        used += space.length
      }
      for (const piece of pieces(word)) {
        const pw = textWidth(piece)
        if (used + pw <= width) {
          line += piece
          used += pw
          continue
        }
        if (used > 0) push()
        if (pw <= width) {
          line = piece
          used = pw
          continue
        }
        // Only a run wider than a whole line is cut inside.
        for (const c of piece) {
          const cw = charWidth(c)
          if (used + cw > width && used > 0) push()
          line += c
          used += cw
        }
      }
    }
    out.push(line.replace(/\s+$/, ''))
  }
  return out
}

function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const gap = Math.max(0, width - textWidth(text))
  return align === 'right' ? ' '.repeat(gap) + text : text + ' '.repeat(gap)
}

export interface GridColumn {
  head: string
  /** Content width in terminal columns (the cell's padding and borders come on top). */
  width: number
  align?: 'left' | 'right'
}

/** Columns of borders and padding a grid of `n` columns adds to its content: `│ a │ b │`. */
export function gridOverhead(n: number): number {
  return 3 * n + 1
}

/**
 * A boxed grid: a header, a rule, then the rows (each cell's text wrapped to its column), a thin
 * rule between rows only when `separators` (rows of several lines). Every line is exactly the sum
 * of the widths plus gridOverhead() columns wide.
 */
export function renderGrid(columns: GridColumn[], rows: string[][], options: {separators?: boolean} = {}): string[] {
  const rule = (left: string, mid: string, right: string) => left + columns.map((c) => '─'.repeat(c.width + 2)).join(mid) + right
  const lines = [rule('┌', '┬', '┐')]
  const draw = (cells: string[]) => {
    const wrapped = columns.map((c, i) => wrapLines(cells[i] ?? '', c.width))
    const height = Math.max(1, ...wrapped.map((w) => w.length))
    for (let k = 0; k < height; k++) lines.push(`│ ${columns.map((c, i) => pad(wrapped[i]![k] ?? '', c.width, c.align)).join(' │ ')} │`)
  }
  draw(columns.map((c) => c.head))
  lines.push(rule('├', '┼', '┤'))
  rows.forEach((row, r) => {
    if (r > 0 && options.separators) lines.push(rule('├', '┼', '┤'))
    draw(row)
  })
  lines.push(rule('└', '┴', '┘'))
  return lines
}

/** The widest line of `text` (as it would be before wrapping), capped at `cap`. */
export function naturalWidth(text: string, cap: number): number {
  let max = 0
  for (const line of text.split('\n')) {
    max = Math.max(max, textWidth(line))
    if (max >= cap) return cap
  }
  return max
}

/**
 * Columns for `rows` under `head`: each but the last as wide as its header or its widest cell up to
 * its cap (`caps[i]`), the last taking what is left of `width` (at least its header).
 */
export function fitColumns(head: readonly string[], rows: readonly string[][], width: number, caps: readonly number[]): GridColumn[] {
  const columns: GridColumn[] = caps.map((cap, i) => ({head: head[i]!, width: Math.max(textWidth(head[i]!), ...rows.map((r) => naturalWidth(r[i]!, cap)))}))
  const used = columns.reduce((n, c) => n + c.width, 0)
  const last = head[caps.length]!
  columns.push({head: last, width: Math.max(textWidth(last), width - gridOverhead(caps.length + 1) - used)})
  return columns
}
