import type {Lang} from '../findings/model.js'

// Progress on stderr for long runs (docs/formats.md: "Long runs show progress on stderr when it is
// a terminal, never in JSON output"). One line, redrawn in place at most a few times a second,
// shown only once a run has lasted PROGRESS_AFTER_MS, and erased before the report is written.
// Off when stderr is not a terminal (piped, redirected), when CI is set, and when the caller says
// so (the JSON report going to stdout). LIUSHOU_PROGRESS_AFTER_MS overrides the delay (0 shows it
// at once: the tests use that); LIUSHOU_PROGRESS=0 turns it off.

/** What a command is busy with. Known names are translated; any other name is shown as given. */
export type PhaseName = 'reading' | 'checking' | 'blocking' | 'comparing' | 'scoring' | 'clustering' | 'linking' | 'rendering' | 'writing' | (string & {})

/** What the counts count. */
export type ProgressUnit = 'rows' | 'pairs' | 'records' | 'children' | 'keys'

export interface PhaseOptions {
  /** The count at which the phase is complete, when known: shown as a percentage. */
  total?: number
  unit?: ProgressUnit
  /** A file or dataset the phase works on. */
  subject?: string
}

export interface Progress {
  /** Whether anything will ever be drawn. */
  readonly enabled: boolean
  /** Starts a phase; its count restarts at 0. */
  phase(name: PhaseName, options?: PhaseOptions): void
  /** Sets the count of the current phase (and, optionally, what it is working on now). */
  update(count: number, subject?: string): void
  /** Erases the line; the display stays off until the next `phase`. */
  done(): void
}

/** The writable progress draws on: process.stderr, or a test double. */
export interface ProgressStream {
  isTTY?: boolean
  columns?: number
  write(chunk: string): unknown
}

export interface ProgressOptions {
  stream?: ProgressStream
  env?: NodeJS.ProcessEnv
  lang?: Lang
  /** False turns progress off whatever the terminal (e.g. the JSON report goes to stdout). */
  allowed?: boolean
  /** Nothing is drawn before the run has lasted this long (default 2000 ms). */
  afterMs?: number
  /** Least time between two redraws (default 200 ms). */
  intervalMs?: number
  now?: () => number
}

export const PROGRESS_AFTER_MS = 2000
const INTERVAL_MS = 200

const PHASES: Record<Lang, Record<string, string>> = {
  zh: {reading: '读取', checking: '校验', blocking: '分块', comparing: '比对', scoring: '评分', clustering: '聚类', linking: '关联', rendering: '生成报告', writing: '写出'},
  en: {reading: 'reading', checking: 'checking', blocking: 'blocking', comparing: 'comparing', scoring: 'scoring', clustering: 'clustering', linking: 'linking', rendering: 'rendering', writing: 'writing'},
}

const UNITS: Record<Lang, Record<ProgressUnit, string>> = {
  zh: {rows: '行', pairs: '对', records: '条', children: '名儿童', keys: '个分块键'},
  en: {rows: 'rows', pairs: 'pairs', records: 'records', children: 'children', keys: 'keys'},
}

/** What the linking phases count when the caller does not say: blocking its keys, comparing and scoring the candidate pairs. */
const PHASE_UNITS: Record<string, ProgressUnit> = {blocking: 'keys', comparing: 'pairs', scoring: 'pairs'}

const CLEAR = '\r\u001b[2K'

/** Whether the environment lets progress show: a terminal, not CI, not switched off. */
export function progressAllowed(stream: ProgressStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!stream.isTTY) return false
  const ci = env.CI
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return false
  const flag = env.LIUSHOU_PROGRESS
  if (flag === '0' || flag?.toLowerCase() === 'false') return false
  return true
}

function envDelay(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.LIUSHOU_PROGRESS_AFTER_MS
  if (raw === undefined || raw.trim() === '') return undefined
  const n = Number(raw)
  return Number.isFinite(n) && n >= 0 ? n : undefined
}

function group(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

function seconds(ms: number): string {
  const s = Math.floor(ms / 1000)
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
}

/** Display width on a terminal: CJK and full-width characters take two cells. */
function displayWidth(text: string): number {
  let w = 0
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1
  return w
}

function fit(text: string, columns: number | undefined): string {
  const max = Math.max(20, (columns || 80) - 1)
  if (displayWidth(text) <= max) return text
  let out = ''
  for (const ch of text) {
    if (displayWidth(out + ch) > max - 1) break
    out += ch
  }
  return `${out}…`
}

const NO_PROGRESS: Progress = {enabled: false, phase() {}, update() {}, done() {}}

export function noProgress(): Progress {
  return NO_PROGRESS
}

class TerminalProgress implements Progress {
  readonly enabled = true
  private readonly lang: Lang
  private readonly afterMs: number
  private readonly intervalMs: number
  private readonly now: () => number
  private readonly started: number
  private name: string | undefined
  private options: PhaseOptions = {}
  private count = 0
  private phaseStarted = 0
  private lastDraw = -Infinity
  private drawn = false
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly stream: ProgressStream,
    options: ProgressOptions,
  ) {
    this.lang = options.lang ?? 'en'
    this.afterMs = options.afterMs ?? envDelay(options.env ?? process.env) ?? PROGRESS_AFTER_MS
    this.intervalMs = options.intervalMs ?? INTERVAL_MS
    this.now = options.now ?? (() => Date.now())
    this.started = this.now()
  }

  phase(name: PhaseName, options: PhaseOptions = {}): void {
    // Commands pass each progress event on as phase + update: the phase already shown goes on
    // (its count, rate and subject kept). Starting it over drew "0/60,000 rows (0%)" between
    // every two real counts of crosscheck's checks.
    if (name === this.name && options.total === this.options.total && options.unit === this.options.unit && (options.subject === undefined || options.subject === this.options.subject)) return
    this.name = name
    this.options = options
    this.count = 0
    this.phaseStarted = this.now()
    this.lastDraw = -Infinity
    this.tick()
    // Phases without counts (rendering a big workbook) still show their name and elapsed time;
    // the timer never keeps the process alive.
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), Math.max(this.intervalMs, 100))
      this.timer.unref()
    }
  }

  update(count: number, subject?: string): void {
    if (this.name === undefined) return
    this.count = count
    if (subject !== undefined) this.options = {...this.options, subject}
    this.tick()
  }

  done(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    this.name = undefined
    if (this.drawn) this.stream.write(CLEAR)
    this.drawn = false
  }

  /** The line as drawn at time `at`. */
  line(at: number): string {
    const t = this.lang === 'zh'
    const phase = PHASES[this.lang][this.name ?? ''] ?? this.name ?? ''
    const unit = UNITS[this.lang][this.options.unit ?? PHASE_UNITS[this.name ?? ''] ?? 'rows']
    const parts: string[] = []
    const subject = this.options.subject ? ` ${this.options.subject}` : ''
    parts.push(`liushou: ${phase}${subject}`)
    const elapsedPhase = Math.max(1, at - this.phaseStarted)
    if (this.count > 0 || this.options.total !== undefined) {
      const total = this.options.total
      let counted = `${group(this.count)} ${unit}`
      if (total !== undefined && total > 0) counted = `${group(this.count)}/${group(total)} ${unit} (${Math.min(100, Math.floor((this.count / total) * 100))}%)`
      parts.push(counted)
      if (this.count > 0 && elapsedPhase >= 250) parts.push(t ? `${group((this.count * 1000) / elapsedPhase)} ${unit}/秒` : `${group((this.count * 1000) / elapsedPhase)} ${unit}/s`)
    }
    parts.push(seconds(at - this.started))
    return parts.join(t ? '，' : ', ')
  }

  private tick(): void {
    if (this.name === undefined) return
    const at = this.now()
    if (at - this.started < this.afterMs) return
    if (at - this.lastDraw < this.intervalMs) return
    this.lastDraw = at
    this.drawn = true
    this.stream.write(`${CLEAR}${fit(this.line(at), this.stream.columns)}`)
  }
}

/**
 * Progress for one run: a live line on a terminal, or a no-op (piped, CI, JSON to stdout, or
 * switched off). Commands create one, call `phase` and `update`, and `done` before writing output.
 */
export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr
  if (options.allowed === false || !progressAllowed(stream, options.env ?? process.env)) return NO_PROGRESS
  return new TerminalProgress(stream, options)
}
