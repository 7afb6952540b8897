import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {registerTemporary} from '../cleanup.js'

// Findings spilled to disk hold personal data (encrypted, but still): their folder goes when the
// report is released, when the process exits or is interrupted (through src/cleanup.ts), and when
// a library user's report is garbage-collected without being released.

const live = new Map<string, () => void>()

const collected = new FinalizationRegistry<string>((dir) => removeSpillDir(dir))

/** A new private folder (mode 0700) under the system's temporary folder, removed on exit. */
export function createSpillDir(owner: object): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'liushou-findings-'))
  live.set(dir, registerTemporary(dir))
  collected.register(owner, dir, owner)
  return dir
}

export function removeSpillDir(dir: string, owner?: object): void {
  live.get(dir)?.()
  live.delete(dir)
  if (owner) collected.unregister(owner)
}

/** The folders not yet removed (for tests). */
export function liveSpillDirs(): string[] {
  return [...live.keys()]
}
