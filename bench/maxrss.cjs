// Preloaded into a benchmarked process: reports its peak resident memory and the CPU time it
// used (user + system: on a loaded machine, wall time says more about the neighbours) when it exits.
process.on('exit', () => {
  const u = process.resourceUsage()
  require('node:fs').writeSync(2, `\nMAXRSS_KB ${u.maxRSS}\nCPU_MS ${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}\n`)
})
