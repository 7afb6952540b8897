import {readlinkSync} from 'node:fs'
import {getPriority, setPriority} from 'node:os'

// A worker doing work that is waited for only later (the registry's validate, beside the
// crosscheck) should not take the core from the thread that is waited for now. On Linux a
// thread's nice value is its own: setpriority(2) on its thread id leaves the process's other
// threads as they are. Node has no gettid, but /proc/thread-self names the calling thread.

/** Nice value of a background thread: what it gets is what the others leave, within the process and beside other programs. */
export const BACKGROUND_NICE = 10

/** This thread's id where the system shows it (Linux), else undefined. */
export function threadId(link: () => string = () => readlinkSync('/proc/thread-self')): number | undefined {
  try {
    const id = Number(link().split('/').at(-1))
    return Number.isInteger(id) && id > 0 ? id : undefined
  } catch {
    return undefined
  }
}

/** Lowers the calling thread's priority to `nice` (lowerThread). */
export function lowerThisThread(nice = BACKGROUND_NICE): boolean {
  return lowerThread(threadId(), nice)
}

/**
 * Lowers thread `id`'s priority to `nice`, never raises it (a thread already nicer keeps its
 * value). Returns whether it changed; with no id (elsewhere than on Linux), or when refused, nothing changes.
 */
export function lowerThread(id: number | undefined, nice: number): boolean {
  if (id === undefined) return false
  try {
    if (getPriority(id) >= nice) return false
    setPriority(id, nice)
    return true
  } catch {
    return false
  }
}
