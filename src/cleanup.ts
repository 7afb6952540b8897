import {rmSync} from 'node:fs'

// What the library leaves on disk while it works — an atomic write's temporary file, the folder
// of spilled findings — is registered here and removed when the work is done, when the process
// exits, or when the command layer catches a signal (commands/_init.ts). The library itself never
// installs a signal handler nor ends the process: that is the caller's to decide.

const paths = new Set<string>()
let exitHook = false

/** Registers a temporary file or folder; the function returned removes it and forgets it. */
export function registerTemporary(target: string): () => void {
  if (!exitHook) {
    exitHook = true
    // Only what is still registered at exit goes; this does not change how or when the process ends.
    process.once('exit', removeTemporaries)
  }
  paths.add(target)
  return () => {
    rmSync(target, {recursive: true, force: true})
    paths.delete(target)
  }
}

/** Forgets a temporary path without removing it (it was renamed into place, or removed already). */
export function forgetTemporary(target: string): void {
  paths.delete(target)
}

/** Removes every registered temporary path now (synchronously: safe in a signal or exit handler). */
export function removeTemporaries(): void {
  for (const target of paths) {
    try {
      rmSync(target, {recursive: true, force: true})
    } catch {
      // A path that cannot be removed now is left to the system's temporary-file cleaning.
    }
  }
  paths.clear()
}

/** The paths registered now (for tests). */
export function registeredTemporaries(): string[] {
  return [...paths]
}
