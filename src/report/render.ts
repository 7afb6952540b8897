import {formatCsvChunks} from './formatters/csv.js'
import {formatHtml} from './formatters/html.js'
import {formatJsonChunks} from './formatters/json.js'
import {formatJunitChunks} from './formatters/junit.js'
import {formatTable} from './formatters/table.js'
import {formatXlsx} from './formatters/xlsx.js'
import type {ColumnOverrides} from '../schema/headers.js'
import type {FailOn, Lang, MaskMode, Report} from '../findings/model.js'

export const REPORT_FORMATS = ['table', 'json', 'csv', 'xlsx', 'html', 'junit'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export interface RenderOptions {
  lang: Lang
  /** The report arrives masked already; formats that re-read the inputs mask those cells by this. */
  mask: MaskMode
  /** How the inputs were read, for formats that show the original rows (xlsx). */
  read?: {encoding?: string; sheet?: string; columns?: ColumnOverrides}
  /** --fail-on: which findings fail a JUnit test case (default error, as the exit status). */
  failOn?: FailOn
}

/** A rendered report: whole, or in chunks for outputs too large for one string. */
export type Rendered = string | Uint8Array | Iterable<string>

type Formatter = (report: Report, options: RenderOptions) => Rendered | Promise<Rendered>

// Formats are added here as they land (xlsx, html, junit): one module, one function each.
const FORMATTERS: Record<string, Formatter> = {
  table: (r, o) => formatTable(r, o.lang),
  json: (r) => formatJsonChunks(r),
  csv: (r, o) => formatCsvChunks(r, o.lang),
  xlsx: (r, o) => formatXlsx(r, o),
  html: (r, o) => formatHtml(r, {lang: o.lang, mask: o.mask}),
  junit: (r, o) => formatJunitChunks(r, {lang: o.lang, ...(o.failOn ? {failOn: o.failOn} : {})}),
}

export function availableFormats(): string[] {
  return Object.keys(FORMATTERS)
}

export function registerFormatter(name: string, formatter: Formatter): void {
  FORMATTERS[name] = formatter
}

export async function renderReport(report: Report, format: string, options: RenderOptions): Promise<Rendered> {
  const formatter = FORMATTERS[format]
  if (!formatter) throw new Error(`unknown format ${format}`)
  return formatter(report, options)
}
