import {describe, expect, it} from 'vitest'

import {createProgress, progressAllowed} from '../../../src/report/progress.js'

class FakeTerminal {
  isTTY = true
  columns = 100
  out = ''
  write(chunk: string): boolean {
    this.out += chunk
    return true
  }
  /** What the terminal shows: the last line drawn after the last carriage return. */
  get line(): string {
    const last = this.out.split('\r').pop() ?? ''
    // eslint-disable-next-line no-control-regex -- the terminal's erase-line sequence
    return last.replace(/\u001b\[2K/g, '')
  }
}

function clock(start = 1_000) {
  let t = start
  return {now: () => t, advance: (ms: number) => (t += ms)}
}

const env = {} as NodeJS.ProcessEnv

describe('progress', () => {
  it('stays quiet for the first two seconds, then shows phase, rows and rows/s', () => {
    const term = new FakeTerminal()
    const c = clock()
    const p = createProgress({stream: term, env, lang: 'en', now: c.now})
    expect(p.enabled).toBe(true)
    p.phase('reading', {subject: 'a.csv'})
    c.advance(1000)
    p.update(10_000)
    expect(term.out).toBe('')
    c.advance(1500)
    p.update(50_000)
    expect(term.line).toBe('liushou: reading a.csv, 50,000 rows, 20,000 rows/s, 2s')
    p.done()
  })

  it('goes on with a phase announced again with each count, and starts over for a new one', () => {
    const term = new FakeTerminal()
    const c = clock()
    const p = createProgress({stream: term, env, lang: 'en', now: c.now, afterMs: 0})
    // What crosscheck, diff, risk and registry ingest do with every progress event.
    const event = (phase: string, done: number, total?: number, subject?: string) => {
      p.phase(phase, total === undefined ? {} : {total})
      p.update(done, subject)
    }
    event('checking', 16_384, 60_000, 'civil-affairs')
    const started = term.out.length
    c.advance(250)
    event('checking', 32_768, 60_000, 'civil-affairs')
    c.advance(250)
    event('checking', 49_152, 60_000, 'civil-affairs')
    // Two redraws, both with their counts: none back at zero.
    const later = term.out.slice(started).split('\r').filter((l) => l.replaceAll('\u001b[2K', '') !== '')
    expect(later).toHaveLength(2)
    expect(later.every((l) => !l.includes(' 0/60,000'))).toBe(true)
    expect(term.line).toContain('checking civil-affairs, 49,152/60,000 rows (81%)')
    c.advance(250)
    event('rendering', 0)
    expect(term.line).toBe('liushou: rendering, 0s')
    c.advance(250)
    event('checking', 100, 200)
    c.advance(250)
    event('checking', 150, 200)
    expect(term.line).toMatch(/^liushou: checking, 150\/200 rows \(75%\)/)
    p.done()
  })

  it('redraws at most every 200 ms and erases its line at the end', () => {
    const term = new FakeTerminal()
    const c = clock()
    const p = createProgress({stream: term, env, lang: 'en', now: c.now, afterMs: 0})
    p.phase('blocking', {unit: 'pairs', total: 400})
    const draws = () => term.out.split('\r').length - 1
    const before = draws()
    p.update(100)
    p.update(200)
    expect(draws()).toBe(before)
    c.advance(250)
    p.update(300)
    expect(draws()).toBe(before + 1)
    expect(term.line).toContain('300/400 pairs (75%)')
    p.done()
    expect(term.out.endsWith('\r\u001b[2K')).toBe(true)
    expect(term.line).toBe('')
    // After done(), nothing more is drawn.
    c.advance(1000)
    p.update(400)
    expect(term.line).toBe('')
  })

  it('speaks Chinese with --lang zh and names unknown phases as given', () => {
    const term = new FakeTerminal()
    const c = clock()
    const p = createProgress({stream: term, env, lang: 'zh', now: c.now, afterMs: 0})
    p.phase('scoring', {unit: 'pairs'})
    c.advance(1000)
    p.update(3000)
    expect(term.line).toBe('liushou: 评分，3,000 对，3,000 对/秒，1s')
    p.phase('weighing')
    expect(term.line).toContain('weighing')
    p.done()
  })

  it('counts the linking phases in what they count when not told: blocking its keys, comparing and scoring pairs', () => {
    const term = new FakeTerminal()
    const c = clock()
    const p = createProgress({stream: term, env, lang: 'zh', now: c.now, afterMs: 0})
    p.phase('blocking', {total: 8})
    c.advance(250)
    p.update(4)
    expect(term.line).toContain('分块，4/8 个分块键 (50%)')
    c.advance(250)
    p.phase('comparing', {total: 85_807})
    c.advance(250)
    p.update(65_536)
    expect(term.line).toContain('比对，65,536/85,807 对 (76%)')
    c.advance(250)
    p.phase('checking', {total: 60_000})
    c.advance(250)
    p.update(30_000)
    expect(term.line).toContain('校验，30,000/60,000 行 (50%)')
    p.done()
  })

  it('fits the line to the terminal width', () => {
    const term = new FakeTerminal()
    term.columns = 30
    const p = createProgress({stream: term, env, lang: 'en', afterMs: 0})
    p.phase('reading', {subject: 'a-very-long-file-name-that-goes-on-and-on.csv'})
    expect(term.line.length).toBeLessThanOrEqual(29)
    expect(term.line.endsWith('…')).toBe(true)
    p.done()
  })

  it('is off when stderr is no terminal, under CI, when switched off or not allowed', () => {
    const piped = new FakeTerminal()
    piped.isTTY = false
    expect(createProgress({stream: piped, env, afterMs: 0}).enabled).toBe(false)
    expect(progressAllowed(new FakeTerminal(), {CI: 'true'})).toBe(false)
    expect(progressAllowed(new FakeTerminal(), {CI: '1'})).toBe(false)
    expect(progressAllowed(new FakeTerminal(), {CI: 'false'})).toBe(true)
    expect(progressAllowed(new FakeTerminal(), {LIUSHOU_PROGRESS: '0'})).toBe(false)
    const term = new FakeTerminal()
    const p = createProgress({stream: term, env, afterMs: 0, allowed: false})
    p.phase('reading')
    p.update(5)
    p.done()
    expect(p.enabled).toBe(false)
    expect(term.out).toBe('')
  })

  it('takes its delay from LIUSHOU_PROGRESS_AFTER_MS', () => {
    const term = new FakeTerminal()
    const p = createProgress({stream: term, env: {LIUSHOU_PROGRESS_AFTER_MS: '0'}, lang: 'en'})
    p.phase('reading')
    expect(term.line).toBe('liushou: reading, 0s')
    p.done()
  })
})
