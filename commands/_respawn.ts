import {spawn} from 'node:child_process'

// The linking commands read millions of rows into a store that stays on the heap, and allocate
// about half a gigabyte a second of rows on the way (read, compared, checked, let go). With V8's
// default young generation (16 MB semi-spaces) that is a scavenge every few milliseconds, each one
// copying the rows still in flight: a fifth of crosscheck's main thread on a province's lists
// (24 of 130 s, `node --trace-gc`). The young generation's size can only be set when a process
// starts, so bin/run.js runs these commands in a child process started with a larger one
// (docs/hardening.md, "Memory"). LIUSHOU_RESPAWN=0 keeps them in the first process.

/** Semi-space size for the linking commands: 64 MB took crosscheck's scavenges from 24 s to 6 s. */
export const SEMI_SPACE_FLAG = '--max-semi-space-size=64'

/** Set in the child, to the parent's pid: the child watches for its parent going away. */
const CHILD_MARK = 'LIUSHOU_RESPAWNED'

const LINKING_COMMANDS = new Set(['crosscheck', 'dedupe', 'diff'])
/**
 * Registry subcommands that link and check every department's latest list (the young generation
 * took the second ingest of bench/registry-ingest.js from 170.8 s to 145.0 s, two pairs).
 */
const LINKING_REGISTRY_COMMANDS = new Set(['ingest', 'apply'])

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/** Whether the CLI invoked with `argv` should run in a child with the larger young generation. */
export function wantsRespawn(argv: readonly string[], execArgv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (env.LIUSHOU_RESPAWN === '0' || env[CHILD_MARK] !== undefined) return false
  if ([...execArgv, env.NODE_OPTIONS ?? ''].some((a) => a.includes('--max-semi-space-size'))) return false
  const command = argv[2]
  const linking = command !== undefined && (LINKING_COMMANDS.has(command) || (command === 'registry' && LINKING_REGISTRY_COMMANDS.has(argv[3] ?? '')))
  if (!linking) return false
  // Help and the version print at once: no rows, no second process.
  return !argv.slice(3).some((a) => a === '--help' || a === '-h')
}

/**
 * Runs `args` under this Node in a child that shares stdin, stdout and stderr (the terminal, its
 * width and colours), forwards the signals a user or a job runner sends, and ends this process as
 * the child ended: its exit code, or its signal raised again. Resolves false when the child could
 * not be started (the caller then runs the command itself).
 */
export function runInChild(args: readonly string[], env: NodeJS.ProcessEnv = process.env, executable = process.execPath): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(executable, args, {stdio: 'inherit', env: {...env, [CHILD_MARK]: String(process.pid)}})
    const forwarders = FORWARDED.map((signal) => {
      // A terminal sends Ctrl-C to both processes; a job runner only to this one.
      const forward = (): void => void child.kill(signal)
      process.on(signal, forward)
      return () => process.off(signal, forward)
    })
    const stopForwarding = (): void => forwarders.forEach((off) => off())
    let started = false
    child.once('spawn', () => (started = true))
    // Only a child that never started lets the caller run the command itself; a signal that could
    // not be delivered to a running one changes nothing.
    child.on('error', () => {
      if (started) return
      stopForwarding()
      resolve(false)
    })
    child.once('exit', (code, signal) => {
      stopForwarding()
      if (signal !== null) {
        // No listener is left: the signal ends this process as it ended the child.
        process.kill(process.pid, signal)
        return
      }
      process.exitCode = code ?? 1
      resolve(true)
    })
  })
}

/**
 * In a child started by runInChild: ends it (as SIGTERM would, temporaries removed) once its
 * parent is gone — a parent killed with SIGKILL cannot forward anything, and a command that
 * goes on writing after its caller was stopped surprises everyone.
 */
export function watchParent(env: NodeJS.ProcessEnv = process.env, everyMs = 500): void {
  const parent = Number(env[CHILD_MARK])
  if (!Number.isInteger(parent) || parent <= 0) return
  const timer = setInterval(() => {
    if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM')
  }, everyMs)
  timer.unref()
}

/** bin/run.js: true when the command ran in a child (this process's exit code is set). */
export async function respawnForLinking(): Promise<boolean> {
  watchParent()
  if (!wantsRespawn(process.argv, process.execArgv, process.env)) return false
  return runInChild([...process.execArgv, SEMI_SPACE_FLAG, ...process.argv.slice(1)])
}
