import {setFlagsFromString} from 'node:v8'
import {runInNewContext} from 'node:vm'

// Between the phases of a long run (records read, pairs scored, linkage done), most of what the
// last phase allocated is garbage, yet V8 sizes its next collection from the heap it has seen: a
// crosscheck of 4.5 million rows held gigabytes of garbage at its peak (3.9–4.1 GB, against 2.5–2.9 GB
// with a collection at each boundary). V8 hands its collector to code only behind a flag: the flag
// is set for one new context, as Jest does for --logHeapUsage, and the process keeps its own.

/** Below this many records a phase's garbage is too small to be worth a full collection. */
export const LARGE_RUN = 100_000

let collector: (() => void) | null | undefined

function obtainCollector(): (() => void) | null {
  const exposed = (globalThis as {gc?: () => void}).gc
  if (typeof exposed === 'function') return exposed
  try {
    setFlagsFromString('--expose-gc')
    const gc: unknown = runInNewContext('gc')
    return typeof gc === 'function' ? (gc as () => void) : null
  } catch {
    return null
  }
}

/** A full garbage collection at a phase boundary of a run over `records` records (none for small runs). */
export function collectBetweenPhases(records: number): void {
  if (records < LARGE_RUN) return
  if (collector === undefined) collector = obtainCollector()
  collector?.()
}
