import Table from 'cli-table3'

import type {Lang, Report} from '../../findings/model.js'
import {STATE_LABELS, relatedText} from '../finding-columns.js'

const T = {
  zh: {
    inputs: '输入',
    rows: '行',
    summary: '汇总',
    errors: '错误',
    warnings: '警告',
    infos: '提示',
    none: '未发现问题。',
    head: ['文件', '行', '级别', '代码', '字段', '值', '说明'],
    byCode: ['代码', '数量'],
    hiddenInfos: (n: number) => `另有 ${n} 条提示未列出（加 --include-info 列出）。`,
    severity: {error: '错误', warning: '警告', info: '提示'},
    state: STATE_LABELS.zh,
  },
  en: {
    inputs: 'Inputs',
    rows: 'rows',
    summary: 'Summary',
    errors: 'errors',
    warnings: 'warnings',
    infos: 'infos',
    none: 'No findings.',
    head: ['file', 'row', 'severity', 'code', 'field', 'value', 'message'],
    byCode: ['code', 'count'],
    hiddenInfos: (n: number) => `${n} info finding(s) not listed (add --include-info to list them).`,
    severity: {error: 'error', warning: 'warning', info: 'info'},
    state: STATE_LABELS.en,
  },
} as const

// A terminal shows what the table holds: a pasted 10 MB cell is clipped (cli-table3 wraps every
// character of it, which takes minutes), and control characters from a hostile file — an escape
// sequence that recolours or clears the screen, a bidi override — are shown as visible `\uXXXX`.
const MAX_VALUE = 200
const MAX_TEXT = 2000
const VALUE_WIDTH = 22
const TEXT_WIDTH = 46
const WIDE_ELLIPSIS = `…${' '.repeat(9)}`

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** Text safe for a terminal table cell: clipped to `max` characters, control characters escaped. */
export function displayText(text: string, max: number): string {
  const clipped = text.length > max ? `${[...text.slice(0, max)].slice(0, -1).join('')}… (+${text.length - max + 1})` : text
  return clipped.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/\t/g, ' ')
}

// East Asian wide and fullwidth characters, and emoji: two columns of a terminal.
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\ud83c-\ud83e][\udc00-\udfff]|[\ud840-\ud8bf][\udc00-\udfff]/

function charWidth(c: string): number {
  return WIDE.test(c) ? 2 : 1
}

/**
 * `text` broken into lines of at most `width` terminal columns: at spaces where it can, inside a
 * word (Chinese has no spaces) where it must. cli-table3 wraps only at spaces and cuts what is
 * still too long, one character at a time while re-measuring the rest: a long Chinese message
 * lost its end, and a few hundred such cells took seconds.
 */
export function wrapToWidth(text: string, width: number): string {
  const out: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    let used = 0
    const parts = paragraph.split(/(\s+)/)
    for (let i = 0; i < parts.length; i += 2) {
      const word = parts[i]!
      const space = i > 0 && used > 0 ? parts[i - 1]! : ''
      const chars = Array.from(word)
      const wordWidth = chars.reduce((n, c) => n + charWidth(c), 0)
      if (used + space.length + wordWidth <= width) {
        line += space + word
        used += space.length + wordWidth
        continue
      }
      if (used > 0 && wordWidth <= width) {
        out.push(line)
        line = word
        used = wordWidth
        continue
      }
      // A word wider than what is left: its characters fill this line and the next ones.
      if (used > 0 && used + space.length < width) {
        line += space
        used += space.length
      }
      for (const c of chars) {
        const w = charWidth(c)
        if (used + w > width && used > 0) {
          out.push(line)
          line = ''
          used = 0
        }
        line += c
        used += w
      }
    }
    out.push(line)
  }
  return out.join('\n')
}

/** The human report: inputs, counts by code, then every listed finding. */
export function formatTable(report: Report, lang: Lang): string {
  const t = T[lang]
  const out: string[] = []
  for (const input of report.inputs) {
    const extra = [input.encoding, input.sheet].filter(Boolean).join(', ')
    out.push(`${t.inputs}: ${displayText(input.file, MAX_TEXT)}${extra ? ` (${displayText(extra, MAX_TEXT)})` : ''} — ${input.rows} ${t.rows}`)
  }
  const s = report.summary
  out.push(`${t.summary}: ${s.rows} ${t.rows}, ${s.errors} ${t.errors}, ${s.warnings} ${t.warnings}, ${s.infos} ${t.infos}`)
  const codes = Object.entries(s.byCode).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  if (codes.length > 0) {
    const byCode = new Table({head: [...t.byCode], style: {head: [], border: []}})
    for (const [code, n] of codes) byCode.push([code, String(n)])
    out.push(byCode.toString())
  }
  if (report.findings.length === 0) {
    out.push(s.findings === 0 ? t.none : '')
  } else {
    // The value and message columns are wrapped here to their width less the cell's padding, so
    // that cli-table3 never cuts a line. It also cuts every cell's whole text to 10 columns for a
    // debug line it draws with each line of the cell, one character at a time while re-measuring
    // the rest: seconds for a few hundred multi-line cells. With a "…" ten columns wide, that cut
    // has nothing to keep and returns at once; a line that did overflow would still end in "…".
    const table = new Table({head: [...t.head], style: {head: [], border: []}, wordWrap: true, truncate: WIDE_ELLIPSIS, colWidths: [null, null, null, null, null, VALUE_WIDTH + 2, TEXT_WIDTH + 2] as unknown as number[]})
    for (const f of report.findings) {
      const message = f.hint ? `${f.message}\n→ ${f.hint}` : f.message
      const related = relatedText(f)
      const who = [f.name, f.village ?? f.town].filter(Boolean).join(' · ')
      const text = `${who ? `${who}\n` : ''}${related ? `${message}\n[${related}]` : message}`
      // The fingerprint under the code: what an exceptions file or a packet answer refers to.
      const code = `${f.code}\n${f.fingerprint}${f.state ? ` ${t.state[f.state]}` : ''}`
      table.push([displayText(f.file, MAX_VALUE), String(f.row), t.severity[f.severity], code, displayText(f.field ?? f.column ?? '', MAX_VALUE), wrapToWidth(displayText(f.value ?? '', MAX_VALUE), VALUE_WIDTH), wrapToWidth(displayText(text, MAX_TEXT), TEXT_WIDTH)])
    }
    out.push(table.toString())
  }
  const listedInfos = report.findings.filter((f) => f.severity === 'info').length
  if (s.infos > listedInfos) out.push(t.hiddenInfos(s.infos - listedInfos))
  return `${out.filter((l) => l !== '').join('\n')}\n`
}
