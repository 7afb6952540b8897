// Shared by the sample tests: one generated sample per test file, and its rosters read back.

import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {type Roster, type RosterRow, openRoster} from '../../../src/schema/roster.js'
import {type SampleManifest, generateSamples} from '../../../src/sample/index.js'

export const SEED = 42
export const CHILDREN = 300
export const AS_OF = '2025-06-30'

export interface LoadedRoster {
  roster: Roster
  rows: Map<number, RosterRow>
}

export interface Fixture {
  dir: string
  manifest: SampleManifest
  load(file: string): Promise<LoadedRoster>
  cleanup(): void
}

export async function makeSample(seed = SEED, children = CHILDREN, asOf = AS_OF): Promise<Fixture> {
  const dir = mkdtempSync(path.join(tmpdir(), 'liushou-sample-'))
  const manifest = await generateSamples({seed, children, outputDir: dir, asOf})
  const cache = new Map<string, LoadedRoster>()
  return {
    dir,
    manifest,
    async load(file) {
      const hit = cache.get(file)
      if (hit) return hit
      const roster = await openRoster(path.join(dir, file))
      const rows = new Map<number, RosterRow>()
      for await (const r of roster.rows) rows.set(r.ref.row, r)
      const loaded = {roster, rows}
      cache.set(file, loaded)
      return loaded
    },
    cleanup() {
      rmSync(dir, {recursive: true, force: true})
    },
  }
}
