import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const BIN = path.join(ROOT, 'bin/run.js')

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs the built CLI as a user would (after `npm run build`), never through a TTY. */
export function runCli(args: string[], options: {env?: Record<string, string>; cwd?: string; input?: string} = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: {...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', ...options.env},
    encoding: 'utf8',
    input: options.input ?? '',
    maxBuffer: 256 * 1024 * 1024,
  })
  return {code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr}
}

// Every folder tempDir() made, removed after each test file by tests/setup-cleanup.ts: the suite
// left 258 of them (24 MB) behind when each file was trusted to remove its own.
const made = new Set<string>()

export function tempDir(prefix = 'liushou-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  made.add(dir)
  return dir
}

/** Removes the folders tempDir() made (tests/setup-cleanup.ts calls this after each test file). */
export function removeTempDirs(): void {
  for (const dir of made) rmSync(dir, {recursive: true, force: true})
  made.clear()
}

export function writeTemp(dir: string, name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name)
  writeFileSync(file, content)
  return file
}
