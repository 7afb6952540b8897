// stdout as a pipe reader may close it: `liushou validate … --format table | head -3`. Node then
// reports EPIPE as an 'error' event on process.stdout; without a listener that is an uncaught
// exception, and a write waiting for 'drain' never resumes (Node ended such a run with exit 13,
// "unsettled top-level await"). A closed pipe is not an error of the run: output stops quietly
// and the exit status is still the findings' (README, Exit codes).

let closed = false
let wake: (() => void) | undefined
let installed = false

/** Listens for a closed stdout once per process (the init hook calls this). */
export function watchStdout(): void {
  if (installed) return
  installed = true
  process.stdout.on('error', () => {
    // EPIPE, or any other failure of the stream: nothing more can be written to it.
    closed = true
    wake?.()
  })
}

/** Whether the reader of stdout went away. */
export function stdoutClosed(): boolean {
  return closed
}

/**
 * Writes the chunks to stdout, waiting for the pipe to take each (exiting right after a large write
 * would cut the report short); stops at once, without an error, when the reader closed the pipe.
 */
export async function writeStdout(chunks: Iterable<string | Uint8Array>): Promise<void> {
  watchStdout()
  for (const chunk of chunks) {
    if (closed) return
    if (process.stdout.write(chunk)) continue
    await new Promise<void>((resolve) => {
      const done = () => {
        process.stdout.off('drain', done)
        wake = undefined
        resolve()
      }
      wake = done
      process.stdout.once('drain', done)
    })
  }
}
