import type {Severity} from '../../findings/model.js'

// Inline SVG charts for the HTML report, drawn here rather than by a charting library: the page
// must load nothing from anywhere. Each bar is a <g class="bar"> with data attributes (what it
// counts and how many) that the page's script and the browser test read.

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info']

/** Escapes text for HTML and SVG content and attribute values; a `://` never appears literally. */
export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/:\/\//g, ':&#47;&#47;')
}

export interface BarSegment {
  severity: Severity
  value: number
}

export interface Bar {
  label: string
  /** A second, smaller line under the label (a code's meaning). */
  sublabel?: string
  /** Smaller text after the value (e.g. `120 行`). */
  note?: string
  /** Segments drawn left to right; their sum is the bar's length. */
  segments: BarSegment[]
  /** The number shown at the bar's end. */
  value: number
  /** Extra attributes of the bar's group, without the `data-` prefix (`code` → `data-code`). */
  data: Record<string, string | number>
  /** Tooltip. */
  title?: string
  /** A bar that opens something (drill-down, filter): focusable, a button to assistive tech. */
  action?: boolean
}

export interface BarChartOptions {
  /** Accessible name of the chart. */
  label: string
  /** Width of the label column, in SVG units (the chart is 1000 wide and shrinks to fit its box). */
  labelWidth?: number
  /** Largest value the bars are scaled to (default: the largest bar). */
  max?: number
  className?: string
}

const WIDTH = 1000
const BAR = 18
const TOP = 6
const VALUE_ROOM = 150

/** Approximate rendered width of text at 12px: CJK glyphs are square, Latin about 0.6 em. */
export function approxWidth(text: string, size = 12): number {
  let w = 0
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? size : size * 0.62
  return w
}

/** Cuts a label to a width: keeps its end for a path (the last part says the most), else its start. */
export function fitLabel(text: string, width: number, size = 12, keep: 'start' | 'end' = 'end'): string {
  if (approxWidth(text, size) <= width) return text
  const chars = [...text]
  let out = ''
  if (keep === 'start') {
    for (const ch of chars) {
      if (approxWidth(`${out}${ch}…`, size) > width) break
      out += ch
    }
    return `${out}…`
  }
  for (let i = chars.length - 1; i >= 0; i--) {
    const next = chars[i] + out
    if (approxWidth(`…${next}`, size) > width) break
    out = next
  }
  return `…${out}`
}

function attrs(data: Record<string, string | number>): string {
  return Object.entries(data)
    .map(([k, v]) => ` data-${k}="${esc(String(v))}"`)
    .join('')
}

function fmt(n: number): string {
  return n.toLocaleString('en-US')
}

/** A horizontal bar chart: labels on the left, bars scaled to the largest, values at the end. */
export function barChart(bars: Bar[], options: BarChartOptions): string {
  const labelWidth = options.labelWidth ?? 220
  const plot = WIDTH - labelWidth - VALUE_ROOM
  const max = Math.max(1, options.max ?? Math.max(0, ...bars.map((b) => b.segments.reduce((s, x) => s + x.value, 0))))
  const ROW = bars.some((b) => b.sublabel) ? 40 : 28
  const height = TOP * 2 + bars.length * ROW
  const out: string[] = [
    `<svg class="chart${options.className ? ` ${esc(options.className)}` : ''}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${esc(options.label)}" preserveAspectRatio="xMinYMin meet">`,
  ]
  bars.forEach((bar, i) => {
    const y = TOP + i * ROW
    const action = bar.action ? ' tabindex="0" role="button"' : ''
    out.push(`<g class="bar${bar.action ? ' action' : ''}"${attrs(bar.data)}${action} transform="translate(0 ${y})">`)
    out.push(`<title>${esc(bar.title ?? `${bar.label}: ${fmt(bar.value)}`)}</title>`)
    out.push(`<rect class="hit" x="0" y="0" width="${WIDTH}" height="${ROW}"/>`)
    if (bar.sublabel) {
      out.push(`<text class="label" x="${labelWidth - 10}" y="${ROW / 2 - 8}" text-anchor="end" dominant-baseline="central">${esc(fitLabel(bar.label, labelWidth - 16))}</text>`)
      out.push(`<text class="sublabel" x="${labelWidth - 10}" y="${ROW / 2 + 9}" text-anchor="end" dominant-baseline="central">${esc(fitLabel(bar.sublabel, labelWidth - 16, 11, 'start'))}</text>`)
    } else {
      out.push(`<text class="label" x="${labelWidth - 10}" y="${ROW / 2}" text-anchor="end" dominant-baseline="central">${esc(fitLabel(bar.label, labelWidth - 16))}</text>`)
    }
    out.push(`<rect class="track" x="${labelWidth}" y="${(ROW - BAR) / 2}" width="${plot}" height="${BAR}" rx="3"/>`)
    let x = labelWidth
    for (const seg of bar.segments) {
      if (seg.value <= 0) continue
      const w = Math.max(2, (seg.value / max) * plot)
      out.push(`<rect class="seg ${seg.severity}" x="${x.toFixed(1)}" y="${(ROW - BAR) / 2}" width="${w.toFixed(1)}" height="${BAR}" rx="3"/>`)
      x += w
    }
    const note = bar.note ? `<tspan class="note" dx="6">· ${esc(bar.note)}</tspan>` : ''
    out.push(`<text class="value" x="${(x + 8).toFixed(1)}" y="${ROW / 2}" dominant-baseline="central">${fmt(bar.value)}${note}</text>`)
    out.push('</g>')
  })
  out.push('</svg>')
  return out.join('')
}

/** A small meter for a share in [0, 1] (confirmed by a department): a bar and its percentage. */
export function shareMeter(share: number, data: Record<string, string | number>): string {
  const s = Math.max(0, Math.min(1, Number.isFinite(share) ? share : 0))
  const pct = `${(s * 100).toFixed(s === 1 || s === 0 ? 0 : 1)}%`
  const level = s >= 0.95 ? 'good' : s >= 0.8 ? 'fair' : 'poor'
  return (
    `<svg class="meter" viewBox="0 0 120 14" width="120" height="14" role="img" aria-label="${pct}"${attrs({...data, share: s.toFixed(4)})}>` +
    `<rect class="track" x="0" y="2" width="120" height="10" rx="3"/>` +
    `<rect class="fill ${level}" x="0" y="2" width="${(s * 120).toFixed(1)}" height="10" rx="3"/>` +
    `</svg> <span class="pct">${pct}</span>`
  )
}
