import {chmodSync, statSync} from 'node:fs'

// The registry holds every child's record, so its files are the owner's alone (0600). DuckDB
// creates the database file on first use and the write-ahead log on the first write after every
// checkpoint (it deletes the log when it checkpoints, automatically too once the log passes
// 16 MB, in the middle of a transaction), always with the process's umask: a chmod after the
// fact would leave moments where the log is readable by others. So the process umask is 077 for
// as long as a registry is open, and restored when the last one closes. Files the process
// creates meanwhile (a report, an export) are private too, which suits what they contain.
// Worker threads cannot change the umask; there the files are chmodded after each commit.

let holders = 0
let saved: number | undefined
let umaskWorks = true

export function holdPrivateUmask(): () => void {
  if (holders === 0 && umaskWorks) {
    try {
      saved = process.umask(0o077)
    } catch {
      umaskWorks = false
    }
  }
  holders++
  let released = false
  return () => {
    if (released) return
    released = true
    holders--
    if (holders === 0 && saved !== undefined) {
      process.umask(saved)
      saved = undefined
    }
  }
}

/** The database and its write-ahead log. */
export function registryFiles(file: string): string[] {
  return [file, `${file}.wal`]
}

/** Takes group and other permissions off the registry's files that exist (an old copy, a backup put back). */
export function tightenModes(file: string): void {
  for (const f of registryFiles(file)) {
    try {
      const mode = statSync(f).mode & 0o777
      if (mode & 0o077) chmodSync(f, mode & 0o700)
    } catch {
      // Gone since (the log after a checkpoint): nothing to tighten.
    }
  }
}
