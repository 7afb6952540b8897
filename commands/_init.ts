import type {Hook} from '@oclif/core'

import {removeTemporaries} from '../src/cleanup.js'
import {watchStdout} from './_stdout.js'

// The process belongs to the command layer: a signal removes what the library registered as
// temporary (src/cleanup.ts) — no half-written output, no spilled findings — and ends the run with
// the shell's code for that signal (128 + its number), documented under EXIT CODES in --help.
const SIGNAL_EXIT = {SIGHUP: 129, SIGINT: 130, SIGTERM: 143} as const

let installed = false

const hook: Hook.Init = async function () {
  if (installed) return
  installed = true
  // A reader closing stdout (| head) ends the output quietly (commands/_stdout.ts).
  watchStdout()
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.once(signal, () => {
      removeTemporaries()
      process.exit(code)
    })
  }
}

export default hook
