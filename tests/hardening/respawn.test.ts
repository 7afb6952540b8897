// The linking commands run in a child process with a larger young generation (commands/_respawn.ts).
// The child must be invisible: the same output and exit code, signals sent to the command reach
// it, it ends when its parent is killed, and a child killed by a signal ends the parent the same way.
import {type ChildProcess, spawn} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {SEMI_SPACE_FLAG, wantsRespawn} from '../../commands/_respawn.js'
import {BIN, ROOT, runCli, tempDir} from '../helpers/cli.js'

describe('wantsRespawn', () => {
  const argv = (...args: string[]) => ['node', '/x/bin/run.js', ...args]
  it('respawns the linking commands only', () => {
    expect(wantsRespawn(argv('crosscheck', 'a=1.csv', 'b=2.csv'), [], {})).toBe(true)
    expect(wantsRespawn(argv('dedupe', 'a.csv'), [], {})).toBe(true)
    expect(wantsRespawn(argv('diff', 'a.csv', 'b.csv'), [], {})).toBe(true)
    expect(wantsRespawn(argv('validate', 'a.csv'), [], {})).toBe(false)
    expect(wantsRespawn(argv('registry', 'ingest', 'civil-affairs=a.csv'), [], {})).toBe(true)
    expect(wantsRespawn(argv('registry', 'apply', '--answers', 'a.xlsx'), [], {})).toBe(true)
    expect(wantsRespawn(argv('registry', 'status'), [], {})).toBe(false)
    expect(wantsRespawn(argv('registry'), [], {})).toBe(false)
    expect(wantsRespawn(argv(), [], {})).toBe(false)
  })
  it('not for help, nor when the flag is given, nor in the child, nor when switched off', () => {
    expect(wantsRespawn(argv('crosscheck', '--help'), [], {})).toBe(false)
    expect(wantsRespawn(argv('dedupe', 'a.csv', '-h'), [], {})).toBe(false)
    expect(wantsRespawn(argv('registry', 'ingest', '--help'), [], {})).toBe(false)
    expect(wantsRespawn(argv('crosscheck', 'a=1.csv'), ['--max-semi-space-size=32'], {})).toBe(false)
    expect(wantsRespawn(argv('crosscheck', 'a=1.csv'), [], {NODE_OPTIONS: '--max-semi-space-size=16'})).toBe(false)
    expect(wantsRespawn(argv('crosscheck', 'a=1.csv'), [], {LIUSHOU_RESPAWNED: '123'})).toBe(false)
    expect(wantsRespawn(argv('crosscheck', 'a=1.csv'), [], {LIUSHOU_RESPAWN: '0'})).toBe(false)
  })
})

let dir = ''
let preload = ''
let pidsFile = ''

let big = ''

beforeAll(async () => {
  dir = tempDir('liushou-respawn-')
  // A roster large enough that crosscheck is still running when the signals below are sent.
  big = path.join(dir, 'roster.csv')
  const {generateRoster} = (await import(path.join(ROOT, 'bench/generate.js'))) as {generateRoster: (file: string, rows: number) => Promise<void>}
  await generateRoster(big, 100_000)
  pidsFile = path.join(dir, 'pids.txt')
  preload = path.join(dir, 'preload.cjs')
  // Every process of the CLI notes its pid and Node flags (NODE_OPTIONS reaches the child too).
  // Workers run the preload too: only each process's main thread counts.
  writeFileSync(preload, `if (require('node:worker_threads').isMainThread) require('node:fs').appendFileSync(${JSON.stringify(pidsFile)}, process.pid + ' ' + process.execArgv.join(' ') + '\\n')\n`)
}, 120_000)

function processes(): {pid: number; flags: string}[] {
  if (!existsSync(pidsFile)) return []
  return readFileSync(pidsFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => ({pid: Number(line.split(' ')[0]), flags: line.slice(line.indexOf(' ') + 1)}))
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function until(test: () => boolean, limitMs: number): Promise<boolean> {
  for (const end = Date.now() + limitMs; Date.now() < end; ) {
    if (test()) return true
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return test()
}

const samples = (name: string) => path.join(ROOT, 'samples', name)
const crosscheckArgs = ['crosscheck', `civil-affairs=${samples('civil-affairs.csv')}`, `education=${samples('education.xlsx')}`, `public-security=${samples('public-security.csv')}`, '--as-of', '2026-09-01', '--json']

describe('crosscheck in a child with a larger young generation', () => {
  it('runs in a child with the flag and gives the output and exit code of a run in one process', () => {
    writeFileSync(pidsFile, '')
    const respawned = runCli(crosscheckArgs, {env: {NODE_OPTIONS: `--require ${preload}`}})
    const seen = processes()
    expect(seen).toHaveLength(2)
    expect(seen[0]!.flags).not.toContain(SEMI_SPACE_FLAG)
    expect(seen[1]!.flags).toContain(SEMI_SPACE_FLAG)
    writeFileSync(pidsFile, '')
    const single = runCli(crosscheckArgs, {env: {NODE_OPTIONS: `--require ${preload}`, LIUSHOU_RESPAWN: '0'}})
    expect(processes()).toHaveLength(1)
    expect(respawned.code).toBe(1)
    expect(respawned.code).toBe(single.code)
    expect(respawned.stderr).toBe(single.stderr)
    const stable = (json: string) => json.replace(/"generatedAt": "[^"]*"/, "")
    expect(stable(respawned.stdout)).toEqual(stable(single.stdout))
  }, 120_000)

  function start(env: Record<string, string> = {}): {child: ChildProcess; exit: Promise<{code: number | null; signal: NodeJS.Signals | null}>} {
    const tmp = tempDir('liushou-respawn-tmp-')
    const args = ['crosscheck', `civil-affairs=${big}`, `public-security=${big}`, '--as-of', '2026-09-01', '--json', '--output', path.join(tmp, 'report.json')]
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      stdio: 'ignore',
      env: {...process.env, LANG: 'en_US.UTF-8', TMPDIR: tmp, NODE_OPTIONS: `--require ${preload}`, ...env},
    })
    const exit = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => child.on('close', (code, signal) => resolve({code, signal})))
    return {child, exit}
  }

  /** The command started, its child running for two seconds (its handlers installed, commands/_init.ts): the child's pid. */
  async function startedWithChild(): Promise<ReturnType<typeof start> & {worker: number}> {
    writeFileSync(pidsFile, '')
    const started = start()
    expect(await until(() => processes().length === 2, 30_000)).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 2000))
    return {...started, worker: processes()[1]!.pid}
  }

  it('SIGTERM sent to the command alone reaches the child: the command ends as terminated, the child gone', async () => {
    const {child, exit, worker} = await startedWithChild()
    process.kill(child.pid!, 'SIGTERM')
    const e = await exit
    // The child's own exit code for SIGTERM, passed on: a parent that did not forward the signal would die of it.
    expect(e).toEqual({code: 143, signal: null})
    expect(alive(worker)).toBe(false)
  }, 60_000)

  it('SIGKILL of the command: its child ends too, long before the crosscheck would', async () => {
    const {child, exit, worker} = await startedWithChild()
    process.kill(child.pid!, 'SIGKILL')
    expect((await exit).signal).toBe('SIGKILL')
    // It checks for its parent every half second; the crosscheck alone runs for over ten.
    expect(await until(() => !alive(worker), 2500)).toBe(true)
  }, 60_000)
})

describe('registry ingest in a child with a larger young generation', () => {
  it('SIGKILL of the command: the next command waits for the child to end and finds the registry as it was', async () => {
    const tmp = tempDir('liushou-respawn-registry-')
    const registry = path.join(tmp, 'r.duckdb')
    const status = () => runCli(['registry', 'status', '--registry', registry, '--json'])
    expect(runCli(['registry', 'ingest', `civil-affairs=${samples('civil-affairs.csv')}`, '--as-of', '2026-09-01', '--registry', registry, '--json']).stderr).not.toContain('internal error')
    const before = status()
    expect(before.stdout).toContain('"registry status"')

    writeFileSync(pidsFile, '')
    const args = ['registry', 'ingest', `civil-affairs=${big}`, '--as-of', '2026-10-01', '--registry', registry, '--json', '--output', path.join(tmp, 'ingest.json')]
    const child = spawn(process.execPath, [BIN, ...args], {cwd: ROOT, stdio: 'ignore', env: {...process.env, LANG: 'en_US.UTF-8', TMPDIR: tmp, NODE_OPTIONS: `--require ${preload}`}})
    const exit = new Promise((resolve) => child.on('close', resolve))
    expect(await until(() => processes().length === 2, 30_000)).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 2000))
    const worker = processes()[1]!.pid
    // The ingest of 100,000 rows is still running in the child, holding the registry.
    expect(alive(worker)).toBe(true)
    process.kill(child.pid!, 'SIGKILL')
    await exit

    // Run at once: the child still holds the file until it notices; status waits instead of refusing.
    const after = status()
    expect(after.stderr).not.toContain('wait for it to finish, then run the command again')
    expect(after.code).toBe(before.code)
    const summary = (r: {stdout: string}) => (JSON.parse(r.stdout) as {summary: unknown; registry: unknown})
    expect(summary(after).summary).toEqual(summary(before).summary)
    expect(summary(after).registry).toEqual(summary(before).registry)
    expect(await until(() => !alive(worker), 2500)).toBe(true)
  }, 120_000)
})

describe('runInChild', () => {
  it('ends the parent by the signal that ended the child', async () => {
    const script = path.join(dir, 'parent.mjs')
    writeFileSync(script, `import {runInChild} from ${JSON.stringify(path.join(ROOT, 'dist/commands/_respawn.js'))}\nawait runInChild(['-e', 'process.kill(process.pid, "SIGTERM")'])\nconsole.log('not reached')\n`)
    const child = spawn(process.execPath, [script], {stdio: ['ignore', 'pipe', 'ignore']})
    let out = ''
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()))
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, s) => resolve(s)))
    expect(signal).toBe('SIGTERM')
    expect(out).toBe('')
  }, 30_000)

  it('says so when the child cannot be started, so that the command runs in the first process', async () => {
    const {runInChild} = (await import(path.join(ROOT, 'dist/commands/_respawn.js'))) as typeof import('../../commands/_respawn.js')
    expect(await runInChild(['-e', '0'], process.env, path.join(dir, 'no-such-node'))).toBe(false)
    expect(process.exitCode ?? 0).toBe(0)
  })

  it('passes the exit code on', async () => {
    const script = path.join(dir, 'code.mjs')
    writeFileSync(script, `import {runInChild} from ${JSON.stringify(path.join(ROOT, 'dist/commands/_respawn.js'))}\nconst ran = await runInChild(['-e', 'process.exit(7)'])\nif (!ran) process.exit(99)\n`)
    const child = spawn(process.execPath, [script], {stdio: 'ignore'})
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)))
    expect(code).toBe(7)
  }, 30_000)
})
