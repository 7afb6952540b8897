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

/**
 * Lets the heap grow to twice what the last full collection kept, where V8 on a machine with
 * memory to spare allows four times: a run that promotes garbage fast (the second pass of a
 * crosscheck, validate of a workbook) then sizes its heap from a live set several times smaller.
 * Measured on crosscheck of 4.5 million rows: peak 3,291 → 2,732 MiB, no slower (122.6 → 118.0 s);
 * validate of a 683,000-row workbook: 588 → 468 MiB for 11 % more time. Process-wide (the workers
 * too), so only the command line sets it: a library caller keeps its own heap.
 */
export function boundHeapGrowth(): void {
  try {
    setFlagsFromString('--heap-growing-percent=100')
  } catch {
    // An engine without the flag keeps its own growth.
  }
}
