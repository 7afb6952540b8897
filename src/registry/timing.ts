import {cpuUsage, memoryUsage} from 'node:process'

// LIUSHOU_REGISTRY_TIMING=1 writes each phase of a registry command to stderr (wall and CPU
// seconds, resident memory): how the ingest's time was profiled (docs/registry.md "Size and speed").

export type PhaseMark = (label: string) => void

export function phaseTimer(): PhaseMark {
  if (!process.env.LIUSHOU_REGISTRY_TIMING) return () => undefined
  let wall = performance.now()
  let cpu = cpuUsage()
  return (label) => {
    const now = performance.now()
    const used = cpuUsage(cpu)
    process.stderr.write(`timing ${label.padEnd(24)} ${((now - wall) / 1000).toFixed(2).padStart(8)} s  cpu ${((used.user + used.system) / 1e6).toFixed(2).padStart(8)} s  rss ${(memoryUsage.rss() / 2 ** 20).toFixed(0).padStart(6)} MB\n`)
    wall = now
    cpu = cpuUsage()
  }
}
