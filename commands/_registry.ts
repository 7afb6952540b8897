import {Flags} from '@oclif/core'
import {readdirSync, statSync} from 'node:fs'
import path from 'node:path'

import {UserError} from '../src/errors.js'
import {type Registry, openRegistry} from '../src/registry/index.js'
import type {RegistryList} from '../src/registry/ingest.js'
import {type Department, isDepartment} from '../src/schema/dataset-args.js'

// What the registry subcommands share: where the registry is, and the lists given to ingest.

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

/** A folder given as a department's list: its rosters, in name order. */
function rostersIn(folder: string): string[] {
  const files = readdirSync(folder)
    .filter((n) => /\.(csv|tsv|txt|xlsx|xls)$/i.test(n) && !n.startsWith('~$') && !n.startsWith('.'))
    .sort()
    .map((n) => path.join(folder, n))
  if (files.length === 0) throw new UserError('holds no roster (.csv, .tsv, .xlsx)', folder)
  return files
}

/** DEPT=FILE (or DEPT=FOLDER) arguments, one list per department, its files in the order given. */
export function parseLists(args: readonly string[]): RegistryList[] {
  if (args.length === 0) throw new UserError('give the lists to ingest as DEPT=FILE, e.g. civil-affairs=民政.csv')
  const lists = new Map<Department, string[]>()
  for (const arg of args) {
    const m = /^([a-z-]+)=(.+)$/.exec(arg)
    if (!m || !isDepartment(m[1]!)) throw new UserError(`"${arg}" is not DEPT=FILE with DEPT a department id (civil-affairs, education, public-security, …)`)
    const target = m[2]!
    let isFolder = false
    try {
      isFolder = statSync(target).isDirectory()
    } catch {
      // a missing file is reported, with its name, when it is read
    }
    const files = isFolder ? rostersIn(target) : [target]
    lists.set(m[1] as Department, [...(lists.get(m[1] as Department) ?? []), ...files])
  }
  return [...lists].map(([department, files]) => ({department, files}))
}
