// Preloaded into every run of the hardening tests (node --require): reports the CPU time the run
// used when it exits, so that SPEC's "ends within 10 s" is judged on the work done, not on how
// busy the CI machine is. The line is taken out of stderr before stderr is checked. Only the main
// thread reports: the preload runs in worker threads too (the .xlsx reader's), whose exit would
// add a second line with the figures of that moment.
if (require('node:worker_threads').isMainThread) {
  process.on('exit', () => {
    const u = process.resourceUsage()
    require('node:fs').writeSync(2, `\nLIUSHOU_TEST_CPU_MS ${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}\n`)
  })
}
