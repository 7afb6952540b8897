import {Flags} from '@oclif/core'
import {type Registry, openRegistry} from '../src/registry/index.js'

// What the registry subcommands share: where the registry is, and how it is opened and closed.

export const registryFlags = {
  registry: Flags.string({description: 'the registry file (default: $LIUSHOU_REGISTRY, else liushou.duckdb in the current folder)'}),
}

export function registryPath(flag: string | undefined): string {
  return flag ?? process.env.LIUSHOU_REGISTRY ?? 'liushou.duckdb'
}

export async function withRegistry<T>(file: string, create: boolean, work: (registry: Registry) => Promise<T>, readOnly = false): Promise<T> {
  const registry = await openRegistry(file, {create, ...(readOnly ? {readOnly} : {})})
  try {
    return await work(registry)
  } finally {
    await registry.close()
  }
}
