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
  /** table: the findings listed at most (0: all). */
  limit?: number
  /** table: the terminal's width in columns (80 at least); absent when not written to a terminal. */
  width?: number
  /** table: how to get every finding, named in its closing line (`--format xlsx --output …`). */
  reportHint?: string
}

/** A rendered report: whole, or in chunks for outputs too large for one string. */
export type Rendered = string | Uint8Array | Iterable<string>

type Formatter = (report: Report, options: RenderOptions) => Rendered | Promise<Rendered>

// Formats are added here as they land (xlsx, html, junit): one module, one function each.
const FORMATTERS: Record<string, Formatter> = {
  table: (r, o) => formatTable(r, {lang: o.lang, ...(o.limit ? {limit: o.limit} : {}), ...(o.width ? {width: o.width} : {}), ...(o.reportHint ? {reportHint: o.reportHint} : {})}),
  json: (r) => formatJsonChunks(r),
  csv: (r, o) => formatCsvChunks(r, o.lang),
  xlsx: (r, o) => formatXlsx(r, o),
  html: (r, o) => formatHtml(r, {lang: o.lang, mask: o.mask}),
  junit: (r, o) => formatJunitChunks(r, {lang: o.lang, ...(o.failOn ? {failOn: o.failOn} : {})}),
}

// The format a report file's extension asks for (SPEC, "More flags"): a workbook is never written
// as JSON because --format was left out. Other extensions: undefined (the caller writes JSON).
const EXTENSION_FORMATS: Record<string, ReportFormat> = {
  '.json': 'json',
  '.csv': 'csv',
  '.xlsx': 'xlsx',
  '.html': 'html',
  '.htm': 'html',
  '.xml': 'junit',
}

/** The format of a report written to `file`, by its extension; undefined for other extensions. */
export function formatForFile(file: string): ReportFormat | undefined {
  const dot = file.lastIndexOf('.')
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'))
  return dot > slash + 1 ? EXTENSION_FORMATS[file.slice(dot).toLowerCase()] : undefined
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
