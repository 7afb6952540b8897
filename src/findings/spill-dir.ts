import {mkdtempSync, rmSync} from 'node:fs'
import {constants, tmpdir} from 'node:os'
import path from 'node:path'

// Findings spilled to disk hold personal data (encrypted, but still): their folder goes when the
// report is released, when the process exits, when it is interrupted, and when a library user's
// report is garbage-collected without being released.

const live = new Set<string>()

function removeAll(): void {
  for (const dir of live) rmSync(dir, {recursive: true, force: true})
  live.clear()
}

let handlersInstalled = false
function installHandlers(): void {
  if (handlersInstalled) return
  handlersInstalled = true
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      removeAll()
      process.exit(128 + constants.signals[signal])
    })
  }
  process.once('exit', removeAll)
}

const collected = new FinalizationRegistry<string>((dir) => removeSpillDir(dir))

/** A new private folder (mode 0700) under the system's temporary folder, removed on exit. */
export function createSpillDir(owner: object): string {
  installHandlers()
  const dir = mkdtempSync(path.join(tmpdir(), 'liushou-findings-'))
  live.add(dir)
  collected.register(owner, dir, owner)
  return dir
}

export function removeSpillDir(dir: string, owner?: object): void {
  rmSync(dir, {recursive: true, force: true})
  live.delete(dir)
  if (owner) collected.unregister(owner)
}

/** The folders not yet removed (for tests). */
export function liveSpillDirs(): string[] {
  return [...live]
}
