// Preloaded into a benchmarked process: reports its peak resident memory and the CPU time it
// used (user + system: on a loaded machine, wall time says more about the neighbours) when it exits.
// Only the main thread reports: a worker (the .xlsx reader's) would report the process's figures
// of the moment it ends, before the end of the run.
if (require('node:worker_threads').isMainThread) {
  process.on('exit', () => {
    const u = process.resourceUsage()
    require('node:fs').writeSync(2, `\nMAXRSS_KB ${u.maxRSS}\nCPU_MS ${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}\n`)
  })
}
