import {Flags} from '@oclif/core'
import {type Registry, openRegistry} from '../src/registry/index.js'

// What the registry subcommands share: where the registry is, and how it is opened and closed.

export const registryFlags = {
  registry: Flags.string({description: 'the registry file (default: $LIUSHOU_REGISTRY, else liushou.duckdb in the current folder)'}),
}

export function registryPath(flag: string | undefined): string {
  return flag ?? process.env.LIUSHOU_REGISTRY ?? 'liushou.duckdb'
}

/**
 * How long a command waits for a registry another liushou holds before saying it is in use: long
 * enough for an ingest whose first process was killed to notice and end (bin/run.js runs ingest
 * and apply in a second process, which finishes its current step first).
 */
const REGISTRY_WAIT_MS = 60_000

export async function withRegistry<T>(file: string, create: boolean, work: (registry: Registry) => Promise<T>, readOnly: boolean, onWait: (pid: number | undefined) => void): Promise<T> {
  const registry = await openRegistry(file, {create, ...(readOnly ? {readOnly} : {}), waitMs: REGISTRY_WAIT_MS, onWait})
  try {
    return await work(registry)
  } finally {
    await registry.close()
  }
}
