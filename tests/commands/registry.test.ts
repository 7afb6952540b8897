// The registry end to end through the built CLI: ingest, idempotence, a second month, status,
// changes, child, export, waive, merge, and an ingest killed midway.
import {type ChildProcess, spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {Report} from '../../src/findings/model.js'
import {BIN, ROOT, runCli, tempDir} from '../helpers/cli.js'
import {holdRegistry} from '../helpers/hold-registry.js'
import {reportSchemaErrors} from '../helpers/report-schema.js'

const dir = tempDir('liushou-registry-cmd-')
afterAll(() => rmSync(dir, {recursive: true, force: true}))
const S = (f: string) => path.join(ROOT, 'samples', f)
const db = path.join(dir, 'county.duckdb')
const next = path.join(dir, 'civil-affairs-next.csv')
const manifest = path.join(dir, 'civil-affairs-next.json')
const reg = (...args: string[]) => runCli(['registry', ...args, '--registry', db])
const json = (r: {stdout: string}) => JSON.parse(r.stdout) as Report

beforeAll(async () => {
  const {deriveNextSnapshot} = (await import(path.join(ROOT, 'dist/src/sample/snapshot.js'))) as {deriveNextSnapshot: (o: Record<string, string>) => Promise<unknown>}
  await deriveNextSnapshot({source: S('civil-affairs.csv'), publicSecurity: S('public-security.csv'), truth: S('truth.csv'), output: next, manifest, oldAsOf: '2026-09-01', asOf: '2026-12-01'})
}, 120_000)

describe('liushou registry', () => {
  it('ingests three lists in one transaction: every row a child number, findings new, the file private', () => {
    const r = spawnSync('sh', ['-c', `umask 022 && '${process.execPath}' '${BIN}' registry ingest 'civil-affairs=${S('civil-affairs.csv')}' 'education=${S('education.xlsx')}' 'public-security=${S('public-security.csv')}' --as-of 2026-09-01 --json --registry '${db}'`], {encoding: 'utf8', cwd: ROOT, env: {...process.env, LANG: 'en_US.UTF-8'}})
    expect(r.status, r.stderr).toBe(1)
    const report = JSON.parse(r.stdout) as Report
    expect(reportSchemaErrors(report)).toEqual([])
    expect(report.command).toBe('registry ingest')
    expect(report.registry?.snapshots.map((s) => [s.department, s.rows])).toEqual([['civil-affairs', 178], ['education', 182], ['public-security', 299]])
    // The samples' 300 children and the few extra the faults make (duplicates that cannot be told apart).
    expect(report.registry?.children).toBeGreaterThan(280)
    expect(report.registry?.children).toBeLessThan(330)
    expect(report.findings.every((f) => f.state === 'new' && /^LS\d{6}-\d{7}$/.test(f.childId ?? 'LS000000-0000000'))).toBe(true)
    expect(statSync(db).mode & 0o777).toBe(0o600)
    expect(existsSync(`${db}.wal`)).toBe(false)
  })

  it('changes nothing when the same files are ingested again for the same date, and says so', () => {
    const before = json(reg('status', '--json'))
    const r = reg('ingest', `civil-affairs=${S('civil-affairs.csv')}`, '--as-of', '2026-09-01', '--json')
    expect(r.stderr).toMatch(/stored already \(same files\): nothing changed/)
    const report = json(r)
    expect(report.registry?.snapshots[0]?.unchanged).toBe(true)
    expect(report.registry?.children).toBe(before.registry?.children)
    expect(json(reg('status', '--json')).summary).toEqual(before.summary)
  })

  it('keeps the children’s numbers across months; changes by child number agree with diff', () => {
    const exportOf = (asOf: string) => {
      const out = path.join(dir, `export-${asOf}.csv`)
      expect(reg('export', '--as-of', asOf, '--output', out).code).toBe(0)
      expect(statSync(out).mode & 0o777).toBe(0o600)
      const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/)
      expect(lines[0]!.startsWith('儿童编号,')).toBe(true)
      return lines.slice(1).map((l) => l.split(','))
    }
    const first = exportOf('2026-09-01')
    const r = reg('ingest', `civil-affairs=${next}`, '--as-of', '2026-12-01', '--json')
    expect(r.code, r.stderr).toBe(1)
    const report = json(r)
    expect(report.findings.some((f) => f.state === 'open')).toBe(true)
    expect(report.summary.byState?.new).toBeDefined()
    const second = exportOf('2026-12-01')
    // The same child (by the ID number column) under the same number, month to month.
    const idAt = first[0]!.length > 5 ? 5 : 4
    // A number on two rows of one month may be two children (a sibling's copied number, twins
    // under one number: DUP_ID_NOT_OWN): only numbers on one row each month say who is who.
    const once = (rows: string[][]) => {
      const n = new Map<string, number>()
      for (const cells of rows) n.set(cells[idAt]!, (n.get(cells[idAt]!) ?? 0) + 1)
      return (id: string) => id !== '' && n.get(id) === 1
    }
    const onceFirst = once(first)
    const onceSecond = once(second)
    const numberOf = new Map(first.filter((cells) => onceFirst(cells[idAt]!)).map((cells) => [cells[idAt], cells[0]]))
    const both = second.filter((cells) => numberOf.has(cells[idAt]) && onceSecond(cells[idAt]!))
    const kept = both.filter((cells) => numberOf.get(cells[idAt]) === cells[0]).length
    expect(kept / both.length).toBeGreaterThanOrEqual(0.99)
    // No two children of one list share a number unless they are duplicate rows of one child.
    const changes = json(reg('changes', '--json'))
    expect(reportSchemaErrors(changes)).toEqual([])
    const diff = json(runCli(['diff', S('civil-affairs.csv'), next, `public-security=${S('public-security.csv')}`, `education=${S('education.xlsx')}`, '--as-of', '2026-12-01', '--json']))
    expect(changes.summary.byCode).toEqual(diff.summary.byCode)
    expect(changes.findings.every((f) => f.file === S('civil-affairs.csv') || f.file === next)).toBe(true)
    // Its inputs are the snapshots' files as ingested: the roster GB18030, the students a workbook's sheet.
    expect(changes.inputs.map((i) => [i.dataset, path.basename(i.file), i.format, i.encoding ?? i.sheet])).toEqual([
      ['civil-affairs@2026-09-01', 'civil-affairs.csv', 'csv', 'gb18030'],
      ['civil-affairs@2026-12-01', path.basename(next), 'csv', expect.any(String)],
      ['public-security', 'public-security.csv', 'csv', 'utf-8-bom'],
      ['education', 'education.xlsx', 'xlsx', '学生信息'],
    ])
    const expected = (JSON.parse(readFileSync(manifest, 'utf8')) as {expected: {code: string}[]}).expected
    const counts: Record<string, number> = {}
    for (const e of expected) counts[e.code] = (counts[e.code] ?? 0) + 1
    expect(changes.summary.byCode).toEqual(counts)
    // The nightly report: exits by reason as registry changes counts them, the oldest open
    // findings first, open and new findings by unit.
    const status = json(reg('status', '--json'))
    expect(reportSchemaErrors(status)).toEqual([])
    const exits = Object.fromEntries(Object.entries(counts).filter(([code]) => code.startsWith('DIFF_EXIT_')))
    expect(status.registry?.exitsByReason).toEqual(exits)
    const seen = status.findings.filter((f) => f.state === 'open').map((f) => f.firstSeen ?? '')
    expect(seen.length).toBeGreaterThan(0)
    expect(seen).toEqual([...seen].sort())
    expect(status.findings.findIndex((f) => f.state === 'new')).toBeGreaterThanOrEqual(seen.length)
    const towns = (status.breakdown ?? []).filter((b) => b.level === 'town')
    expect(towns.length).toBeGreaterThan(1)
    const listed = status.summary.byState!
    const unresolved = ['new', 'open'].reduce((n, k) => n + (listed[k as 'new']?.errors ?? 0) + (listed[k as 'new']?.warnings ?? 0) + (listed[k as 'new']?.infos ?? 0), 0)
    expect(towns.reduce((n, t) => n + Object.values(t.byCode).reduce((a, b) => a + b, 0), 0)).toBeLessThanOrEqual(unresolved)
  })

  it('shows one child’s file by number or by ID number, and merges two numbers keeping the older', () => {
    const status = json(reg('status', '--json', '--include-info'))
    const someone = status.findings.find((f) => f.childId && f.code === 'REGION_CODE_INVALID')!
    const file = json(reg('child', someone.childId!, '--json'))
    expect(reportSchemaErrors(file)).toEqual([])
    expect(file.child?.childId).toBe(someone.childId)
    expect(file.child?.rows.length).toBeGreaterThan(0)
    expect(file.findings.every((f) => f.childId === someone.childId)).toBe(true)
    // Risk over time: one rating per civil-affairs snapshot that holds the child (unless aged out).
    const civilDates = [...new Set(file.child!.rows.filter((r) => r.department === 'civil-affairs').map((r) => r.asOf))]
    expect(file.child!.risks.length).toBeGreaterThan(0)
    expect(file.child!.risks.map((r) => r.asOf).every((d) => civilDates.includes(d))).toBe(true)
    for (const r of file.child!.risks) {
      expect(['high', 'medium', 'low']).toContain(r.level)
      expect(r.factors.every((f) => f.startsWith('RISK_'))).toBe(true)
    }
    const table = reg('child', someone.childId!, '--lang', 'zh', '--format', 'table')
    expect(table.stdout).toMatch(/风险因素/)
    // The child's file is masked like every report; --mask none shows the cells as stored.
    const idOf = (f: Report) => Object.entries(f.child!.rows[0]!.cells).find(([h]) => /身份证/.test(h))?.[1]
    expect(idOf(file)).toMatch(/\*{8}/)
    const id = idOf(json(reg('child', someone.childId!, '--json', '--mask', 'none')))
    expect(id).toMatch(/^\d{17}[\dX]$/)
    expect(json(reg('child', id!, '--json')).child?.childId).toBe(someone.childId)

    const others = [...new Set(status.findings.map((f) => f.childId).filter((c): c is string => !!c && c !== someone.childId))].sort()
    const newer = others.at(-1)!
    const m = reg('merge', newer, someone.childId!, '--by', '张科员', '--reason', '测试')
    expect(m.code, m.stderr).toBe(0)
    const merged = json(reg('child', newer, '--json')).child!
    expect(merged.childId).toBe([newer, someone.childId!].sort()[0])
    expect(merged.merged).toContain([newer, someone.childId!].sort()[1])
  })

  it('waives a finding: counted, not listed, not in the exit status', () => {
    const status = json(reg('status', '--json'))
    const target = status.findings.find((f) => f.severity === 'error' && f.state !== 'resolved')!
    expect(reg('waive', target.fingerprint, '--by', '张科员', '--reason', '已核实').code).toBe(0)
    const after = json(reg('status', '--json'))
    expect(after.findings.some((f) => f.fingerprint === target.fingerprint)).toBe(false)
    expect(after.summary.byState?.waived?.errors).toBeGreaterThanOrEqual(1)
    expect(reg('waive', '0123456789abcdef', '--by', 'x', '--reason', 'y').code).toBe(2)
  })

  it('sends packets from the registry and applies their answers as a new snapshot and waivers', async () => {
    const ExcelJS = (await import('exceljs')).default
    const out = path.join(dir, 'status-packets')
    const status = json(reg('status', '--json', '--mask', 'none', '--packets', out, '--lang', 'zh'))
    const birth = status.findings.find((f) => f.code === 'BIRTH_MISMATCH' && f.expected)!
    const other = status.findings.find((f) => f.code !== 'BIRTH_MISMATCH' && f.dataset === birth.dataset && f.severity !== 'info')!
    let answered = 0
    for (const name of readdirSync(out).filter((n) => n !== 'index.xlsx')) {
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.readFile(path.join(out, name))
      const ws = wb.getWorksheet('待核实')!
      const head = (ws.getRow(1).values as unknown[]).slice(1).map(String)
      const at = (h: string) => head.indexOf(h) + 1
      ws.eachRow((row, n) => {
        if (n === 1) return
        const fp = String(row.getCell(at('问题编号')).value)
        if (fp === birth.fingerprint) row.getCell(at('核实结果')).value = '已更正'
        if (fp === birth.fingerprint) row.getCell(at('更正后的值')).value = birth.expected!
        if (fp === other.fingerprint) row.getCell(at('核实结果')).value = '情况属实'
        if (fp === birth.fingerprint || fp === other.fingerprint) {
          row.getCell(at('核实人')).value = '王干事'
          row.getCell(at('核实日期')).value = '2026-12-10'
          answered++
        }
      })
      await wb.xlsx.writeFile(path.join(out, name))
    }
    expect(answered).toBe(2)
    const r = reg('apply', '--answers', out, '--json')
    expect(r.code, r.stderr).toBe(0)
    const applied = json(r)
    expect(reportSchemaErrors(applied)).toEqual([])
    expect(applied.summary.byCode).toMatchObject({APPLY_CORRECTED: 1, APPLY_CONFIRMED: 1})
    expect(applied.registry?.asOf).toBe('2026-12-10')
    const after = json(reg('status', '--json', '--include-info'))
    expect(after.asOf).toBe('2026-12-10')
    expect(after.findings.find((f) => f.fingerprint === other.fingerprint)?.state).toBe('waived')
    expect(after.findings.find((f) => f.code === 'BIRTH_MISMATCH' && f.childId === birth.childId && f.state !== 'resolved')).toBeUndefined()
  }, 300_000)

  it('is left as it was by an ingest killed midway; running it again gives what an uninterrupted run gives', async () => {
    const a = path.join(dir, 'killed.duckdb')
    const b = path.join(dir, 'clean.duckdb')
    const first = ['registry', 'ingest', `civil-affairs=${S('civil-affairs.csv')}`, `public-security=${S('public-security.csv')}`, '--as-of', '2026-09-01', '--json']
    const second = ['registry', 'ingest', `civil-affairs=${next}`, `education=${S('education.xlsx')}`, '--as-of', '2026-12-01', '--json']
    for (const target of [a, b]) expect(runCli([...first, '--registry', target]).code).toBe(1)
    const state = (target: string) => {
      const out = path.join(dir, `state-${path.basename(target)}.csv`)
      rmSync(out, {force: true})
      runCli(['registry', 'export', '--as-of', '2026-12-01', '--output', out, '--registry', target])
      const status = JSON.parse(runCli(['registry', 'status', '--json', '--include-info', '--registry', target]).stdout) as Report
      return {export: readFileSync(out, 'utf8'), summary: status.summary, prints: status.findings.map((f) => `${f.fingerprint} ${f.state} ${f.childId}`).sort()}
    }
    const before = state(a)
    // Killed while it works, after a random share of an uninterrupted run's time.
    const started = Date.now()
    expect(runCli([...second, '--registry', b]).code).toBe(1)
    const full = Date.now() - started
    // SIGKILL leaves no chance to remove the ingest's temporary folder: it goes into this test's own.
    const tmp = path.join(dir, 'killed-tmp')
    mkdirSync(tmp)
    const child: ChildProcess = spawn(process.execPath, [BIN, ...second, '--registry', a], {stdio: 'ignore', env: {...process.env, TMPDIR: tmp}})
    await new Promise((resolve) => setTimeout(resolve, Math.floor(full * (0.3 + 0.5 * Math.random()))))
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
    const afterKill = state(a)
    if (afterKill.summary.rows !== before.summary.rows) {
      // The kill came after the commit: the ingest is complete, as if uninterrupted.
      expect(afterKill).toEqual(state(b))
    } else {
      expect(afterKill).toEqual(before)
      expect(statSync(a).mode & 0o777).toBe(0o600)
      expect(runCli([...second, '--registry', a]).code).toBe(1)
    }
    expect(state(a)).toEqual(state(b))
  }, 300_000)

  it('waits for another process that holds the registry, says so once, then runs', async () => {
    const file = path.join(dir, 'held.duckdb')
    expect(runCli(['registry', 'ingest', `public-security=${S('public-security.csv')}`, '--as-of', '2026-09-01', '--registry', file, '--json']).stdout).toContain('"registry ingest"')
    // Another process holds the file for two seconds (as an ingest whose first process was killed does until it notices).
    const holder = await holdRegistry(file, 2000)
    const waited = runCli(['registry', 'status', '--registry', file, '--json'])
    await holder.gone
    expect(waited.stderr).toBe(`liushou: ${file}: in use by another liushou (process ${holder.pid}); waiting for it to finish…\n`)
    const free = runCli(['registry', 'status', '--registry', file, '--json'])
    expect(free.stderr).toBe('')
    expect(waited.code).toBe(free.code)
    expect(json(waited).summary).toEqual(json(free).summary)
  }, 60_000)
})
