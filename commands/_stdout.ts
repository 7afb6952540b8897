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
 * Returns only when the pipe has taken the last byte: a status of 1 ends the process through
 * process.exit (oclif), which drops whatever Node still holds for a pipe its reader has not emptied
 * yet — a slow reader got the findings and lost the rest of the JSON (tests/e2e/stdout-pipe.test.ts).
 */
export async function writeStdout(chunks: Iterable<string | Uint8Array>): Promise<void> {
  watchStdout()
  let handedOver: Promise<void> = Promise.resolve()
  for (const chunk of chunks) {
    if (closed) return
    let room = true
    handedOver = new Promise<void>((resolve) => {
      // (The encoding is passed, as undefined, so that a stand-in for stdout — a test harness's —
      // finds the callback where it looks for it.)
      room = process.stdout.write(chunk, undefined, () => resolve())
    })
    if (room) continue
    let drained = () => {}
    await untilClosedOr(new Promise<void>((resolve) => process.stdout.once('drain', (drained = resolve))))
    process.stdout.off('drain', drained)
  }
  // Only a write still queued (the pipe full) needs waiting for: stdout took the rest at once.
  if (!closed && process.stdout.writableLength > 0) await untilClosedOr(handedOver)
}

/** Waits for `event`, or for the reader to close the pipe (then neither 'drain' nor a write's callback may come). */
async function untilClosedOr(event: Promise<void>): Promise<void> {
  await new Promise<void>((resolve) => {
    wake = resolve
    void event.then(resolve)
  })
  wake = undefined
}
