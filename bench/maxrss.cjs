// Preloaded into a benchmarked process: reports its peak resident memory when it exits.
process.on('exit', () => {
  require('node:fs').writeSync(2, `\nMAXRSS_KB ${process.resourceUsage().maxRSS}\n`)
})
