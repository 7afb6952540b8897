import {type InputRows, type RowFacts, type RowFactsSource, factsOf} from '../packets/rows.js'
import type {RegistryReader} from './reader.js'

// Packets of `registry status` read the rows they show from the registry's snapshots (the files
// ingested may be gone): the departments' latest snapshots on or before the status date.

export function registryRowFacts(reader: RegistryReader, asOf: string): {rows: RowFactsSource; sources: () => Promise<{file: string; sha256: string}[]>} {
  const snapshots = async () => {
    const out = []
    for (const department of await reader.departments()) {
      const s = await reader.latestSnapshot(department, asOf)
      if (s) out.push(s)
    }
    return out
  }
  return {
    rows: async (wanted) => {
      const out = new Map<string, InputRows>()
      for (const snapshot of await snapshots()) {
        const files = snapshot.files.map((f) => ({name: f.name, want: wanted.get(f.name), fields: new Map(f.fields.flatMap((field, i) => (field ? ([[field, i]] as [string, number][]) : [])))}))
        if (files.every((f) => !f.want)) continue
        const facts = files.map(() => new Map<number, RowFacts>())
        for await (const r of reader.snapshotRows(snapshot.id)) {
          const f = files[r.fileIndex]
          if (f?.want?.has(r.row)) facts[r.fileIndex]!.set(r.row, factsOf(f.fields, r.cells))
        }
        files.forEach((f, k) => {
          if (!f.want) return
          const headers = new Map<string, string>()
          for (const [field, i] of f.fields) if (!headers.has(field)) headers.set(field, snapshot.files[k]!.header[i] ?? field)
          out.set(f.name, {rows: facts[k]!, headers, department: snapshot.department})
        })
      }
      return out
    },
    sources: async () => (await snapshots()).flatMap((s) => s.files.map((f) => ({file: f.name, sha256: f.sha256}))),
  }
}
